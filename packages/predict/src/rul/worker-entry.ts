import { parentPort, workerData } from 'node:worker_threads';
import type { RulTrainingOptions, Trajectory } from '../model';
import { trainRulModel } from './train';
import type { RulWorkerMessage } from './worker';

/** The worker thread's side of `trainRulModelInWorker`: train, post the model or the error. */
const { trajectories, options } = workerData as { trajectories: Trajectory[]; options: RulTrainingOptions };
const post = (message: RulWorkerMessage): void => parentPort?.postMessage(message);

try {
  post({ type: 'result', model: trainRulModel(trajectories, options) });
} catch (error) {
  post({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    name: error instanceof Error ? error.name : 'Error',
  });
}
