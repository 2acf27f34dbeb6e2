/** The Timefold maintenance-scheduling quickstart problem: format, scoring, solver, exact model. */
export * from './calendar';
export * from './model';
export * from './parse';
export { compileProblem } from './compile';
export {
  IncrementalScorer,
  UNASSIGNED,
  comparePenalty,
  formatScore,
  placementsOf,
  scorePlacements,
  scoreSchedule,
  totalPenalty,
  type Placement,
} from './constraints';
export { assignCrews } from './crew-assignment';
export { DEFAULT_DEMO_FROM_DATE, demoDimensions, generateDemoData, type DemoDataOptions, type DemoDataSize } from './demo-data';
export { JavaRandom } from './java-random';
export { fromAssignments, toSolution } from './solution';
export {
  DEFAULT_TUNING,
  solveTimefoldMaintenance,
  type Improvement,
  type SearchTuning,
  type SolveOptions,
  type SolveResult,
} from './solver';
export { runSolveCommand } from './cli';
