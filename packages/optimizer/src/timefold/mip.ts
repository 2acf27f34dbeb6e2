/**
 * Exact solving with HiGHS (the `highs` WebAssembly package), lexicographically: first the least
 * hard penalty, then the least soft penalty among schedules with that hard penalty. Used to
 * measure the local search, not by it. The HiGHS runtime is passed in, so this module loads no
 * WebAssembly by itself.
 */
import { type Highs, type ModelData } from 'highs';
import { comparePenalty, scoreSchedule } from './constraints';
import { type CompiledProblem, type Penalty, type Schedule } from './model';
import { type Formulation, type TimeIndexedModel, buildTimeIndexedModel } from './mip-model';

export interface ExactSolveOptions {
  /** Wall-clock budget for all phases together; default 600 s. */
  readonly timeLimitSeconds?: number;
  /** A known schedule: a warm start, and (when its hard penalty is 0) a proof that 0 is optimal. */
  readonly incumbent?: Schedule;
  /** `auto`: aggregated when the best hard penalty is 0; `crew-indexed`: always x[job, crew, start]. */
  readonly formulation?: 'auto' | 'crew-indexed';
  /** Drop starts whose own soft penalty exceeds the incumbent's total (sound; default true). */
  readonly pruneWithIncumbent?: boolean;
  readonly log?: (line: string) => void;
}

export interface PhaseReport {
  readonly objective: 'hard' | 'soft';
  readonly formulation: Formulation;
  readonly columns: number;
  readonly rows: number;
  readonly status: string;
  /** Best objective found (penalty units), null when none. */
  readonly value: number | null;
  /** HiGHS's proven lower bound on the objective. */
  readonly bound: number;
  readonly seconds: number;
  readonly nodes: number;
}

export interface ExactSolveResult {
  /** True when HiGHS proved the returned schedule optimal (both phases). */
  readonly proven: boolean;
  readonly schedule: Schedule | null;
  /** The returned schedule's penalty, rescored by the full scorer. */
  readonly penalty: Penalty | null;
  /** Proven lower bounds: on hard; on soft given that hard (meaningful once hard is proven). */
  readonly bound: Penalty;
  readonly phases: readonly PhaseReport[];
  readonly seconds: number;
}

const STATUS_NAMES: Record<number, string> = {
  7: 'optimal',
  8: 'infeasible',
  11: 'objective bound',
  12: 'objective target',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  16: 'solution limit',
  17: 'interrupted',
};

function toModelData(highs: Highs, model: TimeIndexedModel, objective: 'hard' | 'soft', hardCap: number | null): ModelData {
  const linear = model.linear;
  const rows = [...linear.rows];
  if (hardCap !== null) {
    const columns = linear.hardCost.flatMap((cost, column) => (cost !== 0 ? [column] : []));
    rows.push({ columns, coefficients: columns.map((column) => linear.hardCost[column]!), lower: -Infinity, upper: hardCap });
  }
  const starts = new Int32Array(rows.length + 1);
  rows.forEach((row, index) => (starts[index + 1] = starts[index]! + row.columns.length));
  const bound = (value: number): number => (value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value);
  return {
    numCols: linear.columnCount,
    numRows: rows.length,
    colCost: Float64Array.from(objective === 'hard' ? linear.hardCost : linear.softCost),
    colLower: new Float64Array(linear.columnCount),
    colUpper: Float64Array.from(linear.upper),
    rowLower: Float64Array.from(rows, (row) => bound(row.lower)),
    rowUpper: Float64Array.from(rows, (row) => bound(row.upper)),
    matrix: {
      format: 'csr',
      numRows: rows.length,
      numCols: linear.columnCount,
      starts,
      indices: Int32Array.from(rows.flatMap((row) => row.columns)),
      values: Float64Array.from(rows.flatMap((row) => row.coefficients)),
    },
    integrality: Int32Array.from(linear.integer, (integer) => (integer ? 1 : 0)),
  };
}

interface PhaseOutcome {
  readonly report: PhaseReport;
  readonly schedule: Schedule | null;
}

function runPhase(
  highs: Highs,
  model: TimeIndexedModel,
  objective: 'hard' | 'soft',
  hardCap: number | null,
  timeLimitSeconds: number,
  warmStart: Schedule | undefined,
): PhaseOutcome {
  const started = performance.now();
  const native = highs.createModel(toModelData(highs, model, objective, hardCap));
  try {
    // Every cost is an integer, so a gap below 1 proves the incumbent optimal.
    native.options.set({ output_flag: false, time_limit: Math.max(1, timeLimitSeconds), mip_rel_gap: 0, mip_abs_gap: 0.99 });
    if (warmStart) native.setSolution({ colValue: model.encode(warmStart) });
    const { modelStatus } = native.run();
    const hasSolution = Number(native.info.get('primal_solution_status')) === 2;
    const schedule = hasSolution ? model.decode(native.getSolution().colValue) : null;
    const report: PhaseReport = {
      objective,
      formulation: model.formulation,
      columns: model.linear.columnCount,
      rows: model.linear.rows.length + (hardCap === null ? 0 : 1),
      status: STATUS_NAMES[modelStatus] ?? `status ${modelStatus}`,
      value: hasSolution ? Math.round(native.getObjectiveValue()) : null,
      bound: Number(native.info.get('mip_dual_bound')),
      seconds: (performance.now() - started) / 1000,
      nodes: Number(native.info.get('mip_node_count')),
    };
    return { report, schedule };
  } finally {
    native.dispose();
  }
}

export function solveExactly(highs: Highs, problem: CompiledProblem, options: ExactSolveOptions = {}): ExactSolveResult {
  const started = performance.now();
  const budget = options.timeLimitSeconds ?? 600;
  const remaining = (): number => budget - (performance.now() - started) / 1000;
  const log = options.log ?? (() => undefined);
  const phases: PhaseReport[] = [];
  const incumbentPenalty = options.incumbent ? scoreSchedule(problem, options.incumbent) : null;

  // Phase 1: the least hard penalty. Penalties are never negative, so an incumbent with 0 proves it.
  let hardOptimum: number | null = null;
  let hardBound = 0;
  let incumbent = options.incumbent;
  if (incumbentPenalty?.hard === 0) {
    hardOptimum = 0;
    log('hard: 0, proven by the incumbent (penalties are never negative)');
  } else {
    const model = buildTimeIndexedModel(problem, { formulation: 'crew-indexed' });
    const outcome = runPhase(highs, model, 'hard', null, remaining(), incumbent);
    phases.push(outcome.report);
    log(`hard phase: ${JSON.stringify(outcome.report)}`);
    hardBound = Math.max(0, Math.ceil(outcome.report.bound - 1e-6));
    if (outcome.report.status === 'optimal') hardOptimum = outcome.report.value;
    if (outcome.schedule) incumbent = outcome.schedule;
  }
  const hardTarget = hardOptimum ?? (incumbent ? scoreSchedule(problem, incumbent).hard : null);
  if (hardTarget === null) {
    return {
      proven: false,
      schedule: null,
      penalty: null,
      bound: { hard: hardBound, soft: 0 },
      phases,
      seconds: (performance.now() - started) / 1000,
    };
  }

  // Phase 2: the least soft penalty with hard at its best known value.
  const incumbentNow = incumbent ? scoreSchedule(problem, incumbent) : null;
  const prune = options.pruneWithIncumbent !== false && incumbentNow !== null && incumbentNow.hard === hardTarget;
  const formulation: Formulation = hardTarget === 0 && options.formulation !== 'crew-indexed' ? 'aggregated' : 'crew-indexed';
  const model = buildTimeIndexedModel(problem, { formulation, softCutoff: prune ? incumbentNow.soft : Infinity });
  const outcome = runPhase(
    highs,
    model,
    'soft',
    formulation === 'aggregated' ? null : hardTarget,
    remaining(),
    prune ? incumbent : undefined,
  );
  phases.push(outcome.report);
  log(`soft phase: ${JSON.stringify(outcome.report)}`);

  let schedule = outcome.schedule ?? incumbent ?? null;
  let penalty = schedule ? scoreSchedule(problem, schedule) : null;
  if (outcome.schedule && penalty && outcome.report.value !== null && penalty.soft !== outcome.report.value) {
    throw new Error(`the MIP objective ${outcome.report.value} differs from the scorer's ${penalty.soft}: the model is wrong`);
  }
  if (incumbent && penalty && comparePenalty(scoreSchedule(problem, incumbent), penalty) < 0) {
    schedule = incumbent;
    penalty = scoreSchedule(problem, incumbent);
  }
  return {
    proven: hardOptimum !== null && outcome.report.status === 'optimal',
    schedule,
    penalty,
    bound: { hard: hardOptimum ?? hardBound, soft: Math.max(0, Math.ceil(outcome.report.bound - 1e-6)) },
    phases,
    seconds: (performance.now() - started) / 1000,
  };
}
