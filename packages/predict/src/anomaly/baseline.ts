/**
 * Anomaly scores against each equipment's own healthy baseline. Each sensor gets a robust
 * location and scale (median and 1.4826 × MAD, which equals the standard deviation for normal
 * data but ignores a few wild readings); the sensors' robust z-scores are combined through the
 * inverse of their correlation, so readings that move together as they normally do (a daily
 * load cycle raising current and temperature at once) are not an anomaly, while a sensor that
 * breaks ranks is.
 */
import { invert } from '../linear';
import type { AnomalyBaselineJson, AnomalyScore, Driver, SensorSample } from '../model';
import { median, medianAbsoluteDeviation, quantile } from '../stats';

interface AnomalyBody {
  format: 1;
  medians: number[];
  scales: number[];
  /** Inverse of the (shrunk) correlation of the robust z-scores. */
  precision: number[][];
  /** 99th percentile of the baseline's own per-sample distances: the score's yardstick. */
  reference: number;
}

/** z-scores beyond this are clipped when estimating correlations, so a spike cannot fake one. */
const CORRELATION_CLIP = 4;
/** Weight of the identity in the correlation estimate: keeps the inverse stable with few samples. */
const SHRINKAGE = 0.1;

function zScores(body: Pick<AnomalyBody, 'medians' | 'scales'>, sensors: string[], values: Record<string, number | undefined>): number[] {
  return sensors.map((sensor, s) => {
    const value = values[sensor];
    // A missing reading counts as typical: it neither raises nor lowers the score.
    return value === undefined || !Number.isFinite(value) ? 0 : (value - body.medians[s]!) / body.scales[s]!;
  });
}

function quadratic(precision: number[][], z: number[]): { distance2: number; parts: number[] } {
  const parts = z.map((zi, i) => zi * precision[i]!.reduce((sum, p, j) => sum + p * z[j]!, 0));
  return {
    distance2: Math.max(
      0,
      parts.reduce((sum, part) => sum + part, 0),
    ),
    parts,
  };
}

export function fitAnomalyBaseline(samples: SensorSample[], sensors: string[]): AnomalyBaselineJson {
  if (sensors.length === 0) throw new RangeError('sensors must name at least one sensor');
  const medians: number[] = [];
  const scales: number[] = [];
  for (const sensor of sensors) {
    const values = samples.map((sample) => sample.values[sensor]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    const center = values.length > 0 ? median(values) : 0;
    const spread = 1.4826 * medianAbsoluteDeviation(values, center);
    medians.push(center);
    // A sensor that never moved in the baseline still needs a scale; a tiny one relative to its level.
    scales.push(Math.max(Number.isFinite(spread) ? spread : 0, 1e-6 * (Math.abs(center) + 1)));
  }
  const p = sensors.length;
  const zs = samples.map((sample) => zScores({ medians, scales }, sensors, sample.values));
  const correlation = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => {
      if (i === j) return 1;
      let sij = 0;
      let sii = 0;
      let sjj = 0;
      for (const z of zs) {
        const a = Math.max(-CORRELATION_CLIP, Math.min(CORRELATION_CLIP, z[i]!));
        const b = Math.max(-CORRELATION_CLIP, Math.min(CORRELATION_CLIP, z[j]!));
        sij += a * b;
        sii += a * a;
        sjj += b * b;
      }
      const r = sii > 0 && sjj > 0 ? sij / Math.sqrt(sii * sjj) : 0;
      return (1 - SHRINKAGE) * r;
    }),
  );
  const precision = invert(correlation);
  const distances = zs.map((z) => Math.sqrt(quadratic(precision, z).distance2 / p));
  const reference = Math.max(distances.length > 0 ? quantile(distances, 0.99) : 1, 1e-9);
  const body: AnomalyBody = { format: 1, medians, scales, precision, reference };
  return { kind: 'anomaly-baseline', sensors: [...sensors], body, samples: samples.length };
}

/**
 * Score 0–100 of the recent readings (their per-sensor median, so one spike does not alarm):
 * 100 × (1 − 2^−(d/d₉₉ − 1)) when the distance d exceeds the baseline's own 99th percentile
 * d₉₉, else 0. Twice as far as 99 % of healthy readings scores 50, three times 75, four 87.5.
 * Drivers split the score among sensors by their share of the squared distance.
 */
export function scoreAnomaly(baseline: AnomalyBaselineJson, recent: SensorSample[]): AnomalyScore {
  if (recent.length === 0) throw new RangeError('scoreAnomaly needs at least one recent sample');
  const body = baseline.body as AnomalyBody;
  if (baseline.kind !== 'anomaly-baseline' || body?.format !== 1) throw new Error('not an anomaly baseline this package can read');
  const current: Record<string, number | undefined> = {};
  for (const sensor of baseline.sensors) {
    const values = recent.map((sample) => sample.values[sensor]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    current[sensor] = values.length > 0 ? median(values) : undefined;
  }
  const z = zScores(body, baseline.sensors, current);
  const { distance2, parts } = quadratic(body.precision, z);
  const ratio = Math.sqrt(distance2 / baseline.sensors.length) / body.reference;
  const score = 100 * (1 - Math.pow(2, -Math.max(0, ratio - 1)));
  const drivers: Driver[] =
    score > 0 && distance2 > 0
      ? baseline.sensors
          .map((sensor, s) => ({ sensor, contribution: (score * parts[s]!) / distance2 }))
          .filter((driver) => driver.contribution !== 0)
          .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.sensor.localeCompare(b.sensor))
          .slice(0, 5)
      : [];
  return { score, drivers };
}
