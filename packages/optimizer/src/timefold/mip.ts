/**
 * Exact solving with HiGHS (the `highs` WebAssembly package), lexicographically: first the least
 * hard penalty, then the least soft penalty among schedules with that hard penalty. Used to
 * measure the local search, not by it. The HiGHS runtime is passed in, so this module loads no
 * WebAssembly by itself.
 */
import { type Highs } from 'highs';
import { runHighsPhase } from '../mip/highs-phase';
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
  const result = runHighsPhase(highs, model.linear, {
    objective: objective === 'hard' ? 'first' : 'soft',
    firstCap: hardCap,
    timeLimitSeconds,
    warmStart: warmStart ? model.encode(warmStart) : null,
  });
  const report: PhaseReport = {
    objective,
    formulation: model.formulation,
    columns: model.linear.columnCount,
    rows: result.rows,
    status: result.status,
    value: result.value,
    bound: result.bound,
    seconds: result.seconds,
    nodes: result.nodes,
  };
  return { report, schedule: result.solution ? model.decode(result.solution) : null };
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
