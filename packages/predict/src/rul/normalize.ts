/**
 * Per-regime normalisation. Raw sensor levels shift with the operating regime (C-MAPSS FD002 and
 * FD004 run in six), so each reading becomes a z-score against its regime's mean and spread.
 * Without regimes there is one regime and this is plain standardisation.
 */
import type { SensorSample, Trajectory } from '../model';

export interface NormalizerJson {
  sensors: string[];
  regimeKeys: string[];
  /** Per regime: centre over `regimeKeys` (empty when there is a single regime). */
  centroids: number[][];
  /** Spread of each regime key across centroids, to compare keys in like units. */
  keyScales: number[];
  /** Per regime, per sensor. */
  means: number[][];
  scales: number[][];
}

/** A unit's normalised history: `values[s][i]`, forward-filled; `observed[s]` false when never seen. */
export interface NormalizedSeries {
  t: Float64Array;
  values: Float64Array[];
  observed: boolean[];
}

/** The default regime keys: every value in the samples that is not a model input. */
export function defaultRegimeKeys(trajectories: Trajectory[], sensors: string[]): string[] {
  const keys = new Set<string>();
  for (const trajectory of trajectories) {
    for (const sample of trajectory.samples.slice(0, 5)) for (const key of Object.keys(sample.values)) keys.add(key);
  }
  for (const sensor of sensors) keys.delete(sensor);
  return [...keys].sort();
}

export function fitNormalizer(trajectories: Trajectory[], sensors: string[], regimeKeys: string[]): NormalizerJson {
  const multiRegime = trajectories.some((trajectory) => trajectory.regimes !== undefined) && regimeKeys.length > 0;
  const regimeIds = new Map<number, number>();
  if (multiRegime) {
    const ids = new Set<number>();
    for (const trajectory of trajectories) for (const regime of trajectory.regimes ?? []) ids.add(regime);
    [...ids].sort((a, b) => a - b).forEach((id, index) => regimeIds.set(id, index));
  }
  const regimes = Math.max(1, regimeIds.size);
  const keySums = Array.from({ length: regimes }, () => new Array<number>(regimeKeys.length).fill(0));
  const keyCounts = Array.from({ length: regimes }, () => new Array<number>(regimeKeys.length).fill(0));
  const sums = Array.from({ length: regimes }, () => new Array<number>(sensors.length).fill(0));
  const squares = Array.from({ length: regimes }, () => new Array<number>(sensors.length).fill(0));
  const counts = Array.from({ length: regimes }, () => new Array<number>(sensors.length).fill(0));
  for (const trajectory of trajectories) {
    trajectory.samples.forEach((sample, i) => {
      const regime = multiRegime ? regimeIds.get(trajectory.regimes?.[i] ?? NaN) : 0;
      if (regime === undefined) return;
      regimeKeys.forEach((key, k) => {
        const value = sample.values[key];
        if (value === undefined || !Number.isFinite(value)) return;
        keySums[regime]![k]! += value;
        keyCounts[regime]![k]! += 1;
      });
      sensors.forEach((sensor, s) => {
        const value = sample.values[sensor];
        if (value === undefined || !Number.isFinite(value)) return;
        sums[regime]![s]! += value;
        squares[regime]![s]! += value * value;
        counts[regime]![s]! += 1;
      });
    });
  }
  const means = sums.map((row, r) => row.map((sum, s) => (counts[r]![s]! > 0 ? sum / counts[r]![s]! : 0)));
  const scales = squares.map((row, r) =>
    row.map((square, s) => {
      const n = counts[r]![s]!;
      const m = means[r]![s]!;
      const variance = n > 1 ? Math.max(0, square / n - m * m) : 0;
      // A floor relative to the level: a constant sensor must not turn rounding noise into signal.
      return Math.max(Math.sqrt(variance), 1e-6 * (Math.abs(m) + 1));
    }),
  );
  const centroids = multiRegime ? keySums.map((row, r) => row.map((sum, k) => (keyCounts[r]![k]! > 0 ? sum / keyCounts[r]![k]! : 0))) : [];
  const keyScales = regimeKeys.map((_, k) => {
    const column = centroids.map((centroid) => centroid[k]!);
    const spread = column.length > 1 ? Math.max(...column) - Math.min(...column) : 0;
    return spread > 0 ? spread : 1;
  });
  return { sensors, regimeKeys: multiRegime ? regimeKeys : [], centroids, keyScales, means, scales };
}

/** Regime of one sample: the nearest centroid over the regime keys (0 with a single regime). */
export function regimeOf(
  normalizer: NormalizerJson,
  sample: SensorSample,
  scratch = new Float64Array(normalizer.regimeKeys.length),
): number {
  const { centroids, regimeKeys, keyScales } = normalizer;
  if (centroids.length <= 1) return 0;
  // Each key is read once (a keyed lookup costs more than the arithmetic); NaN marks a missing one.
  for (let k = 0; k < regimeKeys.length; k++) scratch[k] = sample.values[regimeKeys[k]!] ?? NaN;
  let best = 0;
  let bestDistance = Infinity;
  for (let r = 0; r < centroids.length; r++) {
    const centroid = centroids[r]!;
    let distance = 0;
    for (let k = 0; k < regimeKeys.length; k++) {
      const value = scratch[k]!;
      if (value !== value) continue;
      const d = (value - centroid[k]!) / keyScales[k]!;
      distance += d * d;
    }
    if (distance < bestDistance) {
      bestDistance = distance;
      best = r;
    }
  }
  return best;
}

export function normalizeHistory(normalizer: NormalizerJson, samples: SensorSample[]): NormalizedSeries {
  const n = samples.length;
  const sensors = normalizer.sensors;
  const t = new Float64Array(n);
  const values = sensors.map(() => new Float64Array(n));
  const observed = sensors.map(() => false);
  const last = new Float64Array(sensors.length);
  const scratch = new Float64Array(normalizer.regimeKeys.length);
  // Plain loops: this runs on every prediction, over the whole history.
  for (let i = 0; i < n; i++) {
    const sample = samples[i]!;
    t[i] = sample.t;
    const regime = regimeOf(normalizer, sample, scratch);
    const means = normalizer.means[regime]!;
    const scales = normalizer.scales[regime]!;
    for (let s = 0; s < sensors.length; s++) {
      const value = sample.values[sensors[s]!];
      if (value !== undefined && Number.isFinite(value)) {
        last[s] = (value - means[s]!) / scales[s]!;
        observed[s] = true;
      }
      // A missing reading repeats the last one (0, the regime mean, before any).
      values[s]![i] = last[s]!;
    }
  }
  return { t, values, observed };
}
