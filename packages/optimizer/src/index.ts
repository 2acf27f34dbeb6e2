/** The optimizer's public API: model, solver, repair, analysis, worker and a synthetic plant. */
export type {
  Assignment,
  Churn,
  ConstraintLevel,
  ConstraintName,
  ConstraintTotal,
  Interval,
  Job,
  Problem,
  RepairChange,
  Score,
  Solution,
  SolveOptions,
  SolveProgress,
  Technician,
  Weights,
} from './model';
export { analyze } from './analyze';
export { OptimizerInputError, type OptimizerInputErrorCode } from './errors';
export { generatePlant, type PlantOptions } from './generate';
export { QUICK_REASON, UNDECIDED_REASONS, UNPLACED_REASON } from './reasons';
export { applyRepairChange, repair, repairInWorker } from './repair';
export { compareScores } from './score';
export { DEFAULT_TIME_LIMIT_MS, solve } from './solver';
export { CONSTRAINTS, DEFAULT_WEIGHTS } from './weights';
export { MAX_THREADS, solveInWorker, type SolverWorker, type WorkerSolveOptions } from './worker';
