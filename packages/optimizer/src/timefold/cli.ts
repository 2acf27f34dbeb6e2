/**
 * `npm run solve -- --format timefold-maintenance --input problem.json --time-limit 10
 * --output solution.json [--seed N]`: reads a problem, solves it within the time limit, writes
 * `{ assignments, score }` and prints the score. Exit codes: 0 solved, 1 bad input file,
 * 2 bad arguments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileProblem } from './compile';
import { formatScore } from './constraints';
import { TimefoldInputError, parseTimefoldMaintenanceJson } from './parse';
import { toSolution } from './solution';
import { solveTimefoldMaintenance } from './solver';

export const USAGE =
  'usage: npm run solve -- --format timefold-maintenance --input problem.json [--time-limit seconds (default 10)] ' +
  '[--output solution.json (default: standard output)] [--seed N (default 0)]';

const FORMATS = ['timefold-maintenance'];

export interface CommandIo {
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
}

export const processIo: CommandIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  out: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

interface SolveArguments {
  readonly input: string;
  readonly output: string | undefined;
  readonly timeLimitSeconds: number;
  readonly seed: number;
}

function readArguments(argv: readonly string[]): SolveArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        format: { type: 'string' },
        input: { type: 'string' },
        output: { type: 'string' },
        'time-limit': { type: 'string' },
        seed: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.format === undefined) throw new UsageError(`--format is required (one of: ${FORMATS.join(', ')})`);
  if (!FORMATS.includes(values.format)) throw new UsageError(`unknown --format "${values.format}" (known: ${FORMATS.join(', ')})`);
  if (values.input === undefined) throw new UsageError('--input is required');
  const timeLimitSeconds = values['time-limit'] === undefined ? 10 : Number(values['time-limit']);
  if (!Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0) {
    throw new UsageError(`--time-limit must be a positive number of seconds, got "${values['time-limit']}"`);
  }
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got "${values.seed}"`);
  return { input: values.input, output: values.output, timeLimitSeconds, seed };
}

/** Runs the command; returns the process exit code. */
export function runSolveCommand(argv: readonly string[], io: CommandIo = processIo): number {
  let args: SolveArguments;
  try {
    args = readArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.error(`error: ${error.message}`);
    io.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = io.readFile(args.input);
  } catch (error) {
    io.error(`error: cannot read --input ${args.input}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const problem = compileProblem(parseTimefoldMaintenanceJson(text));
    const result = solveTimefoldMaintenance(problem, { seed: args.seed, timeLimitMs: args.timeLimitSeconds * 1000 });
    const solution = JSON.stringify(toSolution(problem, result.schedule), null, 2);
    if (args.output === undefined) io.out(solution);
    else io.writeFile(args.output, `${solution}\n`);
    const report = args.output === undefined ? io.error : io.out;
    report(
      `score ${formatScore(result.penalty)} (${problem.jobCount} jobs, ${problem.crewCount} crews, ` +
        `${(result.elapsedMs / 1000).toFixed(1)} s, ${result.iterations} steps, seed ${args.seed})`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof TimefoldInputError)) throw error;
    io.error(`error: ${args.input}: ${error.message}`);
    return 1;
  }
}
