/**
 * Training a remaining-useful-life model: per-regime normalisation, windowed features, boosted
 * regression trees on the piecewise-linear target min(RUL, cap), and a split-conformal interval
 * calibrated on a share of held-out units.
 */
import type { FeatureMatrix } from '../gbt/binning';
import { trainGbt, type BoostingParams } from '../gbt/boosting';
import { compileGbt, predictRaw } from '../gbt/compiled';
import { contentHash } from '../hash';
import { mae, phm08Score, rmse } from '../metrics';
import type { RulEvaluation, RulModelJson, RulTrainingOptions, Trajectory } from '../model';
import { createRandom } from '../random';
import { resolveBoosting, resolveRulOptions, RUL_BODY_FORMAT, type RulBody } from './body';
import { conformalInterval, fitConformal } from './conformal';
import { featureCount, featureNames, writeFeatures } from './features';
import { fitHealthIndex, withHealthIndex, type HealthIndexJson } from './health';
import { defaultRegimeKeys, fitNormalizer, normalizeHistory, type NormalizedSeries, type NormalizerJson } from './normalize';

/** Truncation points drawn per calibration unit (all of its samples when it has fewer). */
const CALIBRATION_DRAWS = 20;

interface PreparedUnit {
  trajectory: Trajectory;
  series: NormalizedSeries;
}

/** Rows of a run-to-failure unit: every sample. Of a censored unit: the samples known to be ≥ cap from the end. */
function trainingRows(unit: PreparedUnit, cap: number): { indices: number[]; targets: number[] } {
  const { samples, failedAt } = unit.trajectory;
  const indices: number[] = [];
  const targets: number[] = [];
  const end = failedAt ?? samples[samples.length - 1]?.t ?? 0;
  samples.forEach((sample, i) => {
    const remaining = end - sample.t;
    if (failedAt === undefined && remaining < cap) return;
    indices.push(i);
    targets.push(Math.max(0, Math.min(cap, remaining)));
  });
  return { indices, targets };
}

function buildDataset(
  units: PreparedUnit[],
  window: number,
  cap: number,
  features: number,
): { matrix: FeatureMatrix; target: Float64Array } {
  const rows = units.map((unit) => trainingRows(unit, cap));
  const total = rows.reduce((sum, r) => sum + r.indices.length, 0);
  const buffer = new Float64Array(total * features);
  const columns = Array.from({ length: features }, (_, f) => buffer.subarray(f * total, (f + 1) * total));
  const target = new Float64Array(total);
  let offset = 0;
  units.forEach((unit, u) => {
    const { indices, targets } = rows[u]!;
    writeFeatures(unit.series, window, indices, { out: buffer, featureStride: total, rowStride: 1, offset });
    target.set(targets, offset);
    offset += indices.length;
  });
  return { matrix: { rows: total, columns }, target };
}

function healthIndex(units: PreparedUnit[], cap: number): HealthIndexJson {
  return fitHealthIndex(units.map((unit) => ({ series: unit.series, ...trainingRows(unit, cap) })));
}

function extend(units: PreparedUnit[], health: HealthIndexJson): PreparedUnit[] {
  return units.map((unit) => ({ trajectory: unit.trajectory, series: withHealthIndex(unit.series, health) }));
}

interface Calibration {
  conformal: RulBody['conformal'];
  evaluation: RulEvaluation | undefined;
}

/** Normalises the trajectories with statistics of those same trajectories. */
function prepare(
  trajectories: Trajectory[],
  sensors: string[],
  regimeKeys: string[],
): { normalizer: NormalizerJson; units: PreparedUnit[] } {
  const normalizer = fitNormalizer(trajectories, sensors, regimeKeys);
  const units = trajectories
    .filter((trajectory) => trajectory.samples.length > 0)
    .map((trajectory) => ({ trajectory, series: normalizeHistory(normalizer, trajectory.samples) }));
  return { normalizer, units };
}

/** The held-out model: normaliser, health index and trees from the training units only, scored on the calibration units. */
function calibrate(
  trainingTrajectories: Trajectory[],
  calibrationTrajectories: Trajectory[],
  options: {
    sensors: string[];
    regimeKeys: string[];
    window: number;
    cap: number;
    coverage: number;
    boosting: BoostingParams;
    seed: number;
  },
): Calibration {
  const { sensors, regimeKeys, window, cap, coverage, boosting, seed } = options;
  const { normalizer, units: trainingUnits } = prepare(trainingTrajectories, sensors, regimeKeys);
  const health = healthIndex(trainingUnits, cap);
  const training = extend(trainingUnits, health);
  const calibration = extend(
    calibrationTrajectories.map((trajectory) => ({ trajectory, series: normalizeHistory(normalizer, trajectory.samples) })),
    health,
  );
  const features = featureCount(training[0]!.series.values.length);
  const { matrix, target } = buildDataset(training, window, cap, features);
  const model = compileGbt(trainGbt(matrix, target, 'squared', boosting));
  const random = createRandom(seed ^ 0x5bd1e995);
  const predictions: number[] = [];
  const truths: number[] = [];
  const row = new Float64Array(features);
  for (const unit of calibration) {
    const { samples, failedAt } = unit.trajectory;
    const within = samples.flatMap((sample, i) => ((failedAt as number) - sample.t <= cap ? [i] : []));
    const drawn = random
      .shuffle(within)
      .slice(0, CALIBRATION_DRAWS)
      .sort((a, b) => a - b);
    const rows = new Float64Array(drawn.length * features);
    writeFeatures(unit.series, window, drawn, { out: rows, featureStride: 1, rowStride: features, offset: 0 });
    drawn.forEach((index, r) => {
      row.set(rows.subarray(r * features, (r + 1) * features));
      predictions.push(Math.max(0, Math.min(cap, predictRaw(model, row))));
      truths.push(Math.min(cap, (failedAt as number) - samples[index]!.t));
    });
  }
  // No calibration unit came within `cap` of its failure: nothing to calibrate on.
  if (predictions.length === 0) return { conformal: null, evaluation: undefined };
  const conformal = fitConformal(
    predictions,
    truths.map((truth, i) => truth - predictions[i]!),
    coverage,
  );
  let inside = 0;
  predictions.forEach((prediction, i) => {
    const [lower, upper] = conformalInterval(conformal, prediction, 0, cap);
    if (truths[i]! >= lower && truths[i]! <= upper) inside++;
  });
  // Scores are per point; the PHM08 score is a sum over units, so it is scaled to one point per unit.
  const perUnit = calibration.length / Math.max(1, predictions.length);
  return {
    conformal,
    evaluation: {
      rmse: rmse(predictions, truths),
      mae: mae(predictions, truths),
      // Exponential in the error: with hours instead of cycles it can overflow, and JSON has no Infinity.
      phm08Score: Math.min(Number.MAX_VALUE, phm08Score(predictions, truths) * perUnit),
      intervalCoverage: inside / Math.max(1, predictions.length),
      units: calibration.length,
    },
  };
}

export function trainRulModel(trajectories: Trajectory[], options: RulTrainingOptions): RulModelJson {
  const resolved = resolveRulOptions(options);
  const { sensors, cap, window, calibrationShare, coverage, seed } = resolved;
  const boosting = resolveBoosting(options, seed);
  const regimeKeys = options.regimeKeys ?? defaultRegimeKeys(trajectories, sensors);
  const { normalizer, units } = prepare(trajectories, sensors, regimeKeys);
  const failed = units.filter((unit) => unit.trajectory.failedAt !== undefined).map((unit) => unit.trajectory);
  if (failed.length === 0) throw new RangeError('training needs at least one run-to-failure trajectory (failedAt set)');

  let calibration: Calibration = { conformal: null, evaluation: undefined };
  if (calibrationShare > 0) {
    if (failed.length < 2) throw new RangeError('calibration needs at least two run-to-failure trajectories (or calibrationShare 0)');
    const shuffled = createRandom(seed).shuffle([...failed]);
    const held = Math.min(failed.length - 1, Math.max(1, Math.round(calibrationShare * failed.length)));
    const calibrationTrajectories = shuffled.slice(0, held);
    const trainingTrajectories = trajectories.filter((trajectory) => !calibrationTrajectories.includes(trajectory));
    calibration = calibrate(trainingTrajectories, calibrationTrajectories, { sensors, regimeKeys, window, cap, coverage, boosting, seed });
  }

  // The shipped model learns from every unit; the interval comes from the held-out calibration.
  const health = healthIndex(units, cap);
  const channels = [...sensors, 'health'];
  const features = featureCount(channels.length);
  const { matrix, target } = buildDataset(extend(units, health), window, cap, features);
  const gbt = trainGbt(matrix, target, 'squared', boosting);
  const featureMin = matrix.columns.map((column) => column.reduce((low, v) => Math.min(low, v), Infinity));
  const featureMax = matrix.columns.map((column) => column.reduce((high, v) => Math.max(high, v), -Infinity));
  const body: RulBody = {
    format: RUL_BODY_FORMAT,
    window,
    cap,
    normalizer,
    health,
    boosting,
    gbt,
    conformal: calibration.conformal,
    featureNames: featureNames(channels),
    featureMin,
    featureMax,
  };
  const model: RulModelJson = {
    kind: 'rul-gbt',
    version: '',
    options: resolved,
    body,
    trainedOn: { units: units.length, samples: units.reduce((sum, unit) => sum + unit.trajectory.samples.length, 0) },
  };
  if (calibration.evaluation) model.evaluation = calibration.evaluation;
  model.version = `1.0.0+${contentHash(JSON.stringify({ options: model.options, body }))}`;
  return model;
}
