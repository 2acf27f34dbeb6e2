#!/usr/bin/env node
// `npm run predict:eval -- --train train_FD001.txt [--test test_FD001.txt --rul RUL_FD001.txt] [--cv 5] [--ai4i ai4i2020.csv]`
// The root script builds @msched/predict first; this runs the compiled command.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runEvalCommand } = require('../dist/evaluation/cli.js');

process.exitCode = runEvalCommand(process.argv.slice(2));
