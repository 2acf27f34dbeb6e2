/**
 * Windowed features of a normalised history, per sensor: the current value, the rolling mean,
 * standard deviation and least-squares slope over the last `window` samples, an exponentially
 * weighted mean, and the drift of the rolling mean from the unit's first `window` samples (its
 * own healthy level) and the least-squares trend since the history began (the unit's average
 * rate of wear so far); plus the unit's age. A history shorter than the window uses the samples it
 * has (the missing head counts as padding that carries no weight), so early rows and short
 * inputs get the same features in training and prediction.
 */
import type { NormalizedSeries } from './normalize';

export const SENSOR_FEATURES = ['last', 'mean', 'std', 'slope', 'ewma', 'drift', 'trend'] as const;
const PER_SENSOR = SENSOR_FEATURES.length;

/** Feature names for the channels (the sensors, then the health index). */
export function featureNames(channels: string[]): string[] {
  return [...channels.flatMap((channel) => SENSOR_FEATURES.map((kind) => `${channel}.${kind}`)), 'age'];
}

export function featureCount(channels: number): number {
  return channels * PER_SENSOR + 1;
}

/** The channel a feature belongs to (−1 for the age). */
export function featureChannel(feature: number, channels: number): number {
  return feature < channels * PER_SENSOR ? Math.floor(feature / PER_SENSOR) : -1;
}

/** Index of a channel's rolling-mean feature. */
export function meanFeature(channel: number): number {
  return channel * PER_SENSOR + 1;
}

/**
 * Where features go: feature f of requested row r is written to
 * `out[f * featureStride + (offset + r) * rowStride]` (column-major for training, one row for a prediction).
 */
export interface FeatureSink {
  out: Float64Array;
  featureStride: number;
  rowStride: number;
  offset: number;
}

/**
 * Writes the features at each index in `indices` (ascending) into the sink. One pass per channel
 * up to the last index carries the running EWMA, trend sums and baseline; the window statistics
 * are computed at each requested index.
 */
export function writeFeatures(series: NormalizedSeries, window: number, indices: ArrayLike<number>, sink: FeatureSink): void {
  const { t, values } = series;
  const { out, featureStride, rowStride, offset } = sink;
  const alpha = 2 / (window + 1);
  const last = indices.length > 0 ? (indices[indices.length - 1] as number) : -1;
  const t0 = t[0] ?? 0;
  for (let s = 0; s < values.length; s++) {
    const x = values[s]!;
    const base = s * PER_SENSOR * featureStride;
    let smoothed = x[0] ?? 0;
    let baselineSum = 0;
    let sumT = 0;
    let sumX = 0;
    let sumTT = 0;
    let sumTX = 0;
    let r = 0;
    for (let i = 0; i <= last; i++) {
      const xi = x[i] as number;
      const ti = (t[i] as number) - t0;
      smoothed += alpha * (xi - smoothed);
      if (i < window) baselineSum += xi;
      sumT += ti;
      sumX += xi;
      sumTT += ti * ti;
      sumTX += ti * xi;
      if (i !== indices[r]) continue;
      const from = Math.max(0, i - window + 1);
      const n = i - from + 1;
      let windowX = 0;
      let windowT = 0;
      for (let k = from; k <= i; k++) {
        windowX += x[k] as number;
        windowT += t[k] as number;
      }
      const meanX = windowX / n;
      const meanT = windowT / n;
      let varX = 0;
      let covTX = 0;
      let varT = 0;
      for (let k = from; k <= i; k++) {
        const dx = (x[k] as number) - meanX;
        const dt = (t[k] as number) - meanT;
        varX += dx * dx;
        covTX += dt * dx;
        varT += dt * dt;
      }
      const count = i + 1;
      const denominator = count * sumTT - sumT * sumT;
      const at = base + (offset + r) * rowStride;
      out[at] = xi;
      out[at + featureStride] = meanX;
      out[at + 2 * featureStride] = Math.sqrt(varX / n);
      out[at + 3 * featureStride] = varT > 0 ? covTX / varT : 0;
      out[at + 4 * featureStride] = smoothed;
      out[at + 5 * featureStride] = meanX - baselineSum / Math.min(count, window);
      out[at + 6 * featureStride] = denominator > 1e-9 * count * sumTT ? (count * sumTX - sumT * sumX) / denominator : 0;
      r++;
    }
  }
  const ageAt = values.length * PER_SENSOR * featureStride;
  for (let r = 0; r < indices.length; r++) out[ageAt + (offset + r) * rowStride] = (t[indices[r] as number] as number) - t0;
}
