import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { OptimizerInputError, type OptimizerInputErrorCode } from './errors';
import type { Problem, Solution, SolveOptions, SolveProgress } from './model';

/** Messages from the worker thread. */
export type WorkerMessage =
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'result'; solution: Solution }
  | { type: 'error'; message: string; code?: OptimizerInputErrorCode };

export interface SolverWorker {
  /** Subscribes to progress (best score so far); returns the unsubscribe function. */
  progress(listener: (progress: SolveProgress) => void): () => void;
  /** Ends the search early; `result` then resolves with the best schedule found so far. */
  stop(): void;
  result: Promise<Solution>;
}

/** The compiled worker script next to this module (dist/worker-entry.js). */
function workerScript(): string {
  const script = join(__dirname, 'worker-entry.js');
  if (!existsSync(script))
    throw new Error(`solveInWorker needs the compiled package: ${script} is missing (npm run build -w packages/optimizer)`);
  return script;
}

/**
 * Solves in a worker thread, off the caller's event loop. The problem is copied to the worker;
 * progress arrives as messages; `stop()` sets a flag in shared memory that the solver polls
 * every iteration.
 */
export function solveInWorker(problem: Problem, options: Omit<SolveOptions, 'signal' | 'onProgress'> = {}): SolverWorker {
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const listeners = new Set<(progress: SolveProgress) => void>();
  const worker = new Worker(workerScript(), { workerData: { problem, options, stopFlag } });
  const result = new Promise<Solution>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') for (const listener of listeners) listener(message.progress);
      else if (message.type === 'result') settle(() => resolve(message.solution));
      else settle(() => reject(message.code ? new OptimizerInputError(message.code, message.message) : new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`solver worker exited with code ${code} before answering`))));
  });
  return {
    progress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      Atomics.store(stopFlag, 0, 1);
    },
    result,
  };
}
