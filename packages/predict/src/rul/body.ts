/** The stored body of a remaining-useful-life model (`RulModelJson.body`) and its options. */
import type { BoostingParams, GbtJson } from '../gbt/boosting';
import { DEFAULT_BOOSTING } from '../gbt/boosting';
import type { RulModelJson, RulTrainingOptions } from '../model';
import type { ConformalJson } from './conformal';
import type { HealthIndexJson } from './health';
import type { NormalizerJson } from './normalize';

export const RUL_BODY_FORMAT = 1;

export interface RulBody {
  format: typeof RUL_BODY_FORMAT;
  window: number;
  cap: number;
  normalizer: NormalizerJson;
  /** The linear health index appended as one more channel (null: sensors only). */
  health: HealthIndexJson | null;
  boosting: BoostingParams;
  gbt: GbtJson;
  /** Null when trained without calibration units: the interval is then [0, cap]. */
  conformal: ConformalJson | null;
  featureNames: string[];
  /** Range of each feature over the training rows, for the confidence score. */
  featureMin: number[];
  featureMax: number[];
}

/** Defaults tuned by cross-validation by engine on C-MAPSS (see the package README). */
export const RUL_BOOSTING_DEFAULTS: BoostingParams = {
  ...DEFAULT_BOOSTING,
  trees: 300,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 8,
  minLeafRows: 40,
  lambda: 1,
  rowSample: 0.5,
  featureSample: 0.5,
};

export type ResolvedRulOptions = RulModelJson['options'];

export function resolveRulOptions(options: RulTrainingOptions): ResolvedRulOptions {
  const resolved: ResolvedRulOptions = {
    sensors: [...options.sensors],
    cap: options.cap ?? 125,
    window: options.window ?? 20,
    calibrationShare: options.calibrationShare ?? 0.2,
    coverage: options.coverage ?? 0.9,
    seed: options.seed ?? 1,
    unit: options.unit ?? 'cycles',
  };
  if (resolved.sensors.length === 0) throw new RangeError('sensors must name at least one sensor');
  if (new Set(resolved.sensors).size !== resolved.sensors.length) throw new RangeError('sensors must not repeat');
  if (!(resolved.cap > 0)) throw new RangeError('cap must be positive');
  if (!Number.isInteger(resolved.window) || resolved.window < 1) throw new RangeError('window must be a positive integer');
  if (!(resolved.calibrationShare >= 0 && resolved.calibrationShare < 1)) throw new RangeError('calibrationShare must be within [0, 1)');
  if (!(resolved.coverage > 0 && resolved.coverage < 1)) throw new RangeError('coverage must be within (0, 1)');
  return resolved;
}

export function resolveBoosting(options: RulTrainingOptions, seed: number): BoostingParams {
  const defined = Object.fromEntries(Object.entries(options.boosting ?? {}).filter(([, value]) => value !== undefined));
  return { ...RUL_BOOSTING_DEFAULTS, ...defined, seed };
}

export function rulBody(model: RulModelJson): RulBody {
  const body = model.body as RulBody | undefined;
  if (model.kind !== 'rul-gbt' || body?.format !== RUL_BODY_FORMAT)
    throw new Error('not a remaining-useful-life model this package can read');
  return body;
}
