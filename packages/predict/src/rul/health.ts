/**
 * A linear health index: ridge regression of the capped remaining life on the normalised sensor
 * readings of each sample. It pools the sensors' evidence into one channel that is far less
 * noisy than any single sensor; the trees then see its windowed features like a sensor's.
 */
import { solveLinear } from '../linear';
import type { NormalizedSeries } from './normalize';

export interface HealthIndexJson {
  intercept: number;
  weights: number[];
}

/** Fits the index on (series, target per sample) pairs; the ridge keeps collinear sensors stable. */
export function fitHealthIndex(
  units: { series: NormalizedSeries; targets: ArrayLike<number>; indices: ArrayLike<number> }[],
  ridge = 1,
): HealthIndexJson {
  const channels = units[0]?.series.values.length ?? 0;
  const size = channels + 1;
  const normal = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const rhs = new Array<number>(size).fill(0);
  const x = new Float64Array(size);
  for (const { series, targets, indices } of units) {
    for (let r = 0; r < indices.length; r++) {
      const i = indices[r] as number;
      x[0] = 1;
      for (let s = 0; s < channels; s++) x[s + 1] = series.values[s]![i]!;
      const y = targets[r] as number;
      for (let a = 0; a < size; a++) {
        rhs[a]! += x[a]! * y;
        for (let b = a; b < size; b++) normal[a]![b]! += x[a]! * x[b]!;
      }
    }
  }
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < a; b++) normal[a]![b] = normal[b]![a]!;
    if (a > 0) normal[a]![a]! += ridge;
  }
  const [intercept, ...weights] = solveLinear(normal, rhs);
  return { intercept: intercept ?? 0, weights };
}

/** The series with the health index appended as one more channel. */
export function withHealthIndex(series: NormalizedSeries, index: HealthIndexJson): NormalizedSeries {
  const n = series.t.length;
  const health = new Float64Array(n);
  health.fill(index.intercept);
  index.weights.forEach((weight, s) => {
    const channel = series.values[s]!;
    for (let i = 0; i < n; i++) health[i] = health[i]! + weight * channel[i]!;
  });
  return { t: series.t, values: [...series.values, health], observed: [...series.observed, true] };
}
