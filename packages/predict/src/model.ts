/**
 * The predictive package's public types. The server builds against these; the models behind
 * them live in their own modules. Times are plain numbers in the caller's unit (cycles for
 * C-MAPSS, hours for plant equipment): the package never reads a clock.
 */

/** One observation of several sensors at time `t`. Missing sensors are simply absent. */
export interface SensorSample {
  t: number;
  values: Record<string, number>;
}

/**
 * A unit's sensor history. `failedAt` is set when the history ran to a failure (a training
 * trajectory); without it the history is censored (the unit is still running).
 */
export interface Trajectory {
  unitId: string;
  samples: SensorSample[];
  failedAt?: number;
  /** Operating regime per sample index, when the unit runs in distinct regimes (C-MAPSS FD002/FD004). */
  regimes?: number[];
}

export interface RulTrainingOptions {
  /** Sensors used as inputs, in a fixed order. */
  sensors: string[];
  /** Piecewise-linear target cap (125 in the C-MAPSS protocol). */
  cap?: number;
  /** Rolling window length in samples for the windowed features. */
  window?: number;
  /** Share of units held back to calibrate the interval (split conformal). */
  calibrationShare?: number;
  /** Interval coverage, e.g. 0.9 for a 90 % interval. */
  coverage?: number;
  seed?: number;
  /** Unit of `t` and of the predicted life ("cycles", "hours"). */
  unit?: string;
  /**
   * Sample values that identify the operating regime (e.g. the C-MAPSS settings). Used when the
   * trajectories carry `regimes`: prediction assigns each sample to the nearest regime centroid
   * over these values. Default: every value in the samples that is not in `sensors`.
   */
  regimeKeys?: string[];
  /** Gradient-boosting hyperparameters; unset ones keep the package defaults. */
  boosting?: RulBoostingOptions;
}

/** Hyperparameters of the boosted trees behind the remaining-useful-life model. */
export interface RulBoostingOptions {
  trees?: number;
  learningRate?: number;
  maxLeaves?: number;
  maxDepth?: number;
  minLeafRows?: number;
  /** L2 penalty on leaf values. */
  lambda?: number;
  /** Share of rows drawn for each tree. */
  rowSample?: number;
  /** Share of features drawn for each tree. */
  featureSample?: number;
}

export interface RulEvaluation {
  rmse: number;
  phm08Score: number;
  mae: number;
  /** Share of held-out units whose true RUL fell inside the interval. */
  intervalCoverage: number;
  units: number;
}

/** A trained remaining-useful-life model, JSON-serializable so it can be stored and versioned. */
export interface RulModelJson {
  kind: 'rul-gbt';
  version: string;
  /** The options the model was trained with, defaults filled in (the resolved regime keys and boosting settings live in `body`). */
  options: Required<Omit<RulTrainingOptions, 'regimeKeys' | 'boosting'>>;
  /** Opaque model body (trees, feature layout, normalization, conformal quantiles). */
  body: unknown;
  evaluation?: RulEvaluation;
  trainedOn: { units: number; samples: number };
}

/** Which sensor pushed a prediction, and by how much (in the prediction's unit). */
export interface Driver {
  sensor: string;
  contribution: number;
}

export interface RulPrediction {
  estimate: number;
  lower: number;
  upper: number;
  unit: string;
  /**
   * 0–100: how much to trust the estimate. Documented in the package README; it falls as the
   * interval widens relative to the estimate and as the input leaves the training distribution.
   */
  confidence: number;
  drivers: Driver[];
}

/** One life of a piece of equipment for reliability statistics, in the caller's time unit. */
export interface LifeRecord {
  /** Time in service from the last restoration to this failure (or to now, when censored). */
  duration: number;
  /** true = ended in failure; false = still running or removed without failure (right-censored). */
  failed: boolean;
}

export interface WeibullFit {
  shape: number;
  scale: number;
  /** Two-sided confidence bounds at `confidenceLevel` (Fisher information, log scale). */
  shapeBounds: [number, number];
  scaleBounds: [number, number];
  confidenceLevel: number;
  failures: number;
  censored: number;
}

/** A repair for MTTR: time the equipment was down or being repaired, in the caller's unit. */
export interface RepairRecord {
  duration: number;
}

export interface ReliabilityStats {
  mtbf: number | null;
  mttr: number | null;
  failures: number;
  weibull: WeibullFit | null;
}

/** A healthy baseline per sensor for anomaly scoring, JSON-serializable. */
export interface AnomalyBaselineJson {
  kind: 'anomaly-baseline';
  sensors: string[];
  body: unknown;
  samples: number;
}

export interface AnomalyScore {
  /** 0 = like the healthy baseline, 100 = far outside it. */
  score: number;
  drivers: Driver[];
}
