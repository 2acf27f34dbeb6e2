import { resolve } from 'node:path';

/** Screenshots of the run (gitignored; CI keeps them as test artifacts). */
export const ARTIFACTS_DIR = resolve(__dirname, '../artifacts');
