import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RulModelJson, RulTrainingOptions, Trajectory } from '../model';

/** Messages from the training worker thread. */
export type RulWorkerMessage = { type: 'result'; model: RulModelJson } | { type: 'error'; message: string; name: string };

/** The compiled worker script next to this module (dist/rul/worker-entry.js). */
function workerScript(): string {
  const script = join(__dirname, 'worker-entry.js');
  if (!existsSync(script))
    throw new Error(`trainRulModelInWorker needs the compiled package: ${script} is missing (npm run build -w packages/predict)`);
  return script;
}

/**
 * Trains in a worker thread, off the caller's event loop (a C-MAPSS-sized fit takes tens of
 * seconds). The trajectories are copied to the worker; the same options give the same model as
 * `trainRulModel` in this thread. Input errors reject with the same error name (RangeError).
 * Aborting `signal` ends the thread at once and rejects with the signal's reason: a stopping
 * server must not wait tens of seconds for a model it will not store.
 */
export function trainRulModelInWorker(
  trajectories: Trajectory[],
  options: RulTrainingOptions,
  signal?: AbortSignal,
): Promise<RulModelJson> {
  return new Promise<RulModelJson>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    let worker: Worker;
    try {
      worker = new Worker(workerScript(), { workerData: { trajectories, options } });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let settled = false;
    const onAbort = (): void => settle(() => reject(abortReason(signal!)));
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      action();
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: RulWorkerMessage) => {
      if (message.type === 'result') settle(() => resolve(message.model));
      else
        settle(() => {
          const error = message.name === 'RangeError' ? new RangeError(message.message) : new Error(message.message);
          reject(error);
        });
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code} before answering`))));
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('training aborted');
}
