/**
 * Remaining useful life at the last sample of a history, with its conformal interval, a
 * confidence score and the sensors that drove the estimate.
 */
import { compileGbt, predictWithContributions, type CompiledGbt } from '../gbt/compiled';
import type { Driver, RulModelJson, RulPrediction, SensorSample } from '../model';
import { rulBody, type RulBody } from './body';
import { conformalInterval } from './conformal';
import { featureChannel, featureCount, meanFeature, writeFeatures } from './features';
import { withHealthIndex } from './health';
import { normalizeHistory, type NormalizerJson } from './normalize';

interface PreparedModel {
  trees: CompiledGbt;
  normalizer: NormalizerJson;
}

/** Prepared once per model object: prediction then costs one pass over the history and a walk down each tree. */
const preparedModels = new WeakMap<object, PreparedModel>();

/**
 * The same string as a property key V8 has interned: a key read from JSON or built by a template
 * is not, and looking it up in every sample of every prediction costs more than the trees.
 */
const internedKey = (key: string): string => Object.keys({ [key]: 0 })[0]!;

function prepared(body: RulBody): PreparedModel {
  let model = preparedModels.get(body);
  if (!model) {
    const { sensors, regimeKeys } = body.normalizer;
    model = {
      trees: compileGbt(body.gbt),
      normalizer: { ...body.normalizer, sensors: sensors.map(internedKey), regimeKeys: regimeKeys.map(internedKey) },
    };
    preparedModels.set(body, model);
  }
  return model;
}

/** How far the features lie outside the training range: the largest excess, in units of that feature's range. */
function rangeExcess(body: RulBody, row: Float64Array): number {
  let worst = 0;
  for (let f = 0; f < row.length; f++) {
    const low = body.featureMin[f]!;
    const high = body.featureMax[f]!;
    const span = high - low;
    if (!(span > 0)) continue;
    const value = row[f]!;
    const excess = value > high ? (value - high) / span : value < low ? (low - value) / span : 0;
    worst = Math.max(worst, excess);
  }
  return worst;
}

/**
 * Confidence 0–100 = 100 × (1 − interval width ÷ cap) × 1 / (1 + 10 × range excess) × share of
 * sensors observed. See the package README for what each factor means.
 */
export function rulConfidence(width: number, cap: number, excess: number, observedShare: number): number {
  const widthFactor = Math.max(0, 1 - width / cap);
  return Math.round(100 * widthFactor * (1 / (1 + 10 * excess)) * observedShare);
}

/**
 * Contributions summed per sensor. The health index's share is split among the sensors in
 * proportion to |weight × rolling mean|: how much each one moved the index at this sample.
 */
function perSensorContributions(body: RulBody, row: Float64Array, contributions: Float64Array, channels: number): Float64Array {
  const sensors = body.normalizer.sensors.length;
  const perChannel = new Float64Array(channels);
  contributions.forEach((contribution, f) => {
    const channel = featureChannel(f, channels);
    if (channel >= 0) perChannel[channel] = perChannel[channel]! + contribution;
  });
  const perSensor = perChannel.slice(0, sensors);
  if (body.health && channels > sensors) {
    const pulls = body.health.weights.map((weight, s) => Math.abs(weight * row[meanFeature(s)]!));
    const total = pulls.reduce((sum, pull) => sum + pull, 0);
    if (total > 0) pulls.forEach((pull, s) => (perSensor[s] = perSensor[s]! + (perChannel[sensors]! * pull) / total));
  }
  return perSensor;
}

export function predictRul(model: RulModelJson, history: SensorSample[]): RulPrediction {
  if (history.length === 0) throw new RangeError('predictRul needs at least one sample');
  const body = rulBody(model);
  const sensors = body.normalizer.sensors;
  const preparedModel = prepared(body);
  const normalized = normalizeHistory(preparedModel.normalizer, history);
  const series = body.health ? withHealthIndex(normalized, body.health) : normalized;
  const channels = series.values.length;
  const features = featureCount(channels);
  const row = new Float64Array(features);
  writeFeatures(series, body.window, [history.length - 1], { out: row, featureStride: 1, rowStride: features, offset: 0 });
  const contributions = new Float64Array(features);
  const raw = predictWithContributions(preparedModel.trees, row, contributions);
  const estimate = Math.max(0, Math.min(body.cap, raw));
  const [lower, upper] = body.conformal ? conformalInterval(body.conformal, estimate, 0, body.cap) : [0, body.cap];

  const perSensor = perSensorContributions(body, row, contributions, channels);
  const drivers: Driver[] = sensors
    .map((sensor, s) => ({ sensor, contribution: perSensor[s]! }))
    .filter((driver) => driver.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.sensor.localeCompare(b.sensor))
    .slice(0, 5);
  const observedShare = normalized.observed.filter(Boolean).length / sensors.length;
  return {
    estimate,
    lower,
    upper,
    unit: model.options.unit,
    confidence: rulConfidence(upper - lower, body.cap, rangeExcess(body, row), observedShare),
    drivers,
  };
}
