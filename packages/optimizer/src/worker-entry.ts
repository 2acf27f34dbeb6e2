import { parentPort, workerData } from 'node:worker_threads';
import { OptimizerInputError } from './errors';
import type { Problem, SolveOptions } from './model';
import { solve } from './solver';
import type { WorkerMessage } from './worker';

/** The worker thread's side of `solveInWorker`: solve, post progress, post the result. */
const { problem, options, stopFlag } = workerData as { problem: Problem; options: SolveOptions; stopFlag: Int32Array };
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

try {
  const solution = solve(
    problem,
    { ...options, onProgress: (progress) => post({ type: 'progress', progress }) },
    // The solve loop never yields to the event loop, so stop() reaches it through shared memory.
    { shouldStop: () => Atomics.load(stopFlag, 0) === 1 },
  );
  post({ type: 'result', solution });
} catch (error) {
  post({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    code: error instanceof OptimizerInputError ? error.code : undefined,
  });
}
