#!/usr/bin/env node
// `npm run solve -- --format timefold-maintenance --input problem.json --time-limit 10 --output solution.json`
// The root script builds @msched/optimizer first; this runs the compiled command.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runSolveCommand } = require('../dist/timefold/cli.js');

process.exitCode = runSolveCommand(process.argv.slice(2));
