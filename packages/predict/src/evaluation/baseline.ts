/**
 * The baseline the boosted model is measured against in the same run: the linear health index
 * alone (ridge regression of min(RUL, cap) on the per-regime-normalised sensors, averaged over
 * the last `window` samples, clipped to [0, cap]). Same inputs, no trees.
 */
import type { RulTrainingOptions, SensorSample, Trajectory } from '../model';
import { resolveRulOptions } from '../rul/body';
import { fitHealthIndex, withHealthIndex } from '../rul/health';
import { defaultRegimeKeys, fitNormalizer, normalizeHistory } from '../rul/normalize';

export function trainLinearBaseline(trajectories: Trajectory[], options: RulTrainingOptions): (history: SensorSample[]) => number {
  const { sensors, cap, window } = resolveRulOptions(options);
  const normalizer = fitNormalizer(trajectories, sensors, options.regimeKeys ?? defaultRegimeKeys(trajectories, sensors));
  const units = trajectories
    .filter((unit) => unit.failedAt !== undefined && unit.samples.length > 0)
    .map((unit) => ({
      series: normalizeHistory(normalizer, unit.samples),
      indices: unit.samples.map((_, i) => i),
      targets: unit.samples.map((sample) => Math.min(cap, unit.failedAt! - sample.t)),
    }));
  const health = fitHealthIndex(units);
  return (history) => {
    const index = withHealthIndex(normalizeHistory(normalizer, history), health).values[sensors.length]!;
    const from = Math.max(0, index.length - window);
    let sum = 0;
    for (let i = from; i < index.length; i++) sum += index[i]!;
    return Math.max(0, Math.min(cap, sum / (index.length - from)));
  };
}
