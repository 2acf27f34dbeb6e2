import { afterAll, describe, expect, it } from 'vitest';
import type * as Predict from '../index';
import type { RulTrainingOptions } from '../model';
import { simulateRunToFailureFleet } from '../simulate/degradation';
import { DEMO_PROFILES } from '../simulate/profiles';
import { loadCompiledPackage } from '../testing/compiled';
import { trainRulModel } from './train';

/** Training in a worker thread: the same model as in this thread, errors passed back. */
const { compiled, remove } = loadCompiledPackage<typeof Predict>();
afterAll(remove);
const compressor = DEMO_PROFILES.airCompressor;
const fleet = simulateRunToFailureFleet(compressor, { units: 10, seed: 8, step: 24 });
const options: RulTrainingOptions = {
  sensors: compressor.sensors.map((s) => s.sensor),
  cap: 800,
  window: 8,
  unit: 'hours',
  seed: 3,
  boosting: { trees: 20 },
};

describe('trainRulModelInWorker', () => {
  it('returns exactly the model trainRulModel builds in this thread for the same seed', async () => {
    const model = await compiled.trainRulModelInWorker(fleet, options);
    expect(model).toEqual(trainRulModel(fleet, options));
  });

  it('rejects input it cannot learn from with a RangeError', async () => {
    await expect(compiled.trainRulModelInWorker(fleet, { ...options, sensors: [] })).rejects.toThrow(RangeError);
  });

  it('ends the thread and rejects with the reason when aborted mid-training', async () => {
    const controller = new AbortController();
    const training = compiled.trainRulModelInWorker(fleet, { ...options, boosting: { trees: 5_000 } }, controller.signal);
    controller.abort(new Error('server stopping'));
    await expect(training).rejects.toThrow('server stopping');
  });

  it('does not start a thread for a signal already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already stopped'));
    await expect(compiled.trainRulModelInWorker(fleet, options, controller.signal)).rejects.toThrow('already stopped');
  });
});
