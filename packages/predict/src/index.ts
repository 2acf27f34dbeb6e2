/** The predictive package's public API: models, reliability statistics, anomaly scores, a simulator, evaluation helpers. */
export type * from './model';
export { trainRulModel } from './rul/train';
export { trainRulModelInWorker } from './rul/worker';
export { predictRul } from './rul/predict';
export { failureProbability, fitWeibull } from './reliability/weibull';
export { reliabilityStats } from './reliability/stats';
export { fitAnomalyBaseline, scoreAnomaly } from './anomaly/baseline';
export { DEMO_PROFILES, type EquipmentProfile, type SensorProfile } from './simulate/profiles';
export { simulateDegradation, simulateRunToFailureFleet, wearAt, type FleetOptions, type SimulationOptions } from './simulate/degradation';
export { evaluateAi4i, parseAi4i, AI4I_FEATURES, type Ai4iData, type Ai4iEvaluation } from './classification/ai4i';
export { averagePrecision, rocAuc } from './classification/metrics';
export { CMAPSS_SENSORS, CMAPSS_SETTINGS, informativeSensors, parseCmapss, parseRulFile, type CmapssParseOptions } from './cmapss/parse';
export { mae, phm08Score, rmse } from './metrics';
export {
  crossValidateRul,
  DEFAULT_TRUNCATION,
  truncateUnit,
  type RulCrossValidation,
  type RulScores,
  type TruncationProtocol,
} from './evaluation/rul-cv';
