import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, chromiumMissing } from './chromium';
import { rmSync } from 'node:fs';
import { ARTIFACTS_DIR } from './artifacts';
import { assessFleet, startDemoServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the demo server answers; empty when the browser tests are skipped. */
    baseUrl: string;
    /** Why the browser tests are skipped, or empty. */
    skipReason: string;
  }
}

/**
 * One demo server for every browser test file: seeding the demo plant takes the better part of
 * a minute, so it is done once. `E2E_BASE_URL` points the tests at a server already running
 * (demo data seeded) while working on them.
 */
export default async function setup(project: TestProject) {
  if (chromiumMissing()) {
    const reason = `${CHROMIUM_PATH} is missing: install Debian's \`chromium\` package (apt-get install chromium) to run the browser tests`;
    console.warn(`\n[browser tests skipped] ${reason}\n`);
    project.provide('baseUrl', '');
    project.provide('skipReason', reason);
    return;
  }
  project.provide('skipReason', '');
  // Each run's pictures only: a page that failed before must not look current.
  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }
  const server = await startDemoServer();
  try {
    await assessFleet(server.baseUrl);
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    await server.stop();
  };
}
