/**
 * The lexicographic optimum of a small plant with HiGHS (the `highs` WebAssembly package, a dev
 * dependency): first the least medium penalty (priority-weighted unassigned work), then the least
 * soft penalty among schedules with that medium penalty. Hard is 0 throughout: the grid model
 * holds only hard-feasible schedules, and leaving unpinned work unassigned is always one, so no
 * schedule can do better on the hard level. A measuring stick for the solver, never used by it:
 * the HiGHS runtime is passed in, so nothing here loads WebAssembly.
 */
import type { Highs } from 'highs';
import type { Assignment, Score } from '../model';
import { buildGridModel, type GridModel, type GridModelOptions } from './grid-model';
import { runHighsPhase } from './highs-phase';
import type { Problem } from '../model';

export interface GridPhaseReport {
  readonly objective: 'medium' | 'soft';
  /** `grid`: starts on the grid; `grid+1min`: also one minute after each grid point. */
  readonly starts: 'grid' | 'grid+1min';
  readonly columns: number;
  readonly rows: number;
  readonly nonZeros: number;
  readonly status: string;
  /** Best objective found (penalty units), null when none. */
  readonly value: number | null;
  /** HiGHS's proven lower bound on the objective. */
  readonly bound: number;
  readonly seconds: number;
  readonly nodes: number;
}

export interface GridSolveResult {
  /** True when HiGHS proved both levels optimal. */
  readonly proven: boolean;
  readonly assignments: Assignment[] | null;
  /** The score the MIP claims for `assignments`: check it with `analyze`. */
  readonly score: Score | null;
  /** Proven lower bounds on the medium and (given that medium) soft penalties. */
  readonly bound: { medium: number; soft: number };
  readonly phases: readonly GridPhaseReport[];
  readonly seconds: number;
}

export interface GridSolveOptions extends Pick<GridModelOptions, 'slotMinutes' | 'minuteAfter'> {
  /** For all phases together; default 600 s. */
  readonly timeLimitSeconds?: number;
  /** A known schedule on the grid: warm start, and in the soft phase a bound that prunes placements. */
  readonly incumbent?: readonly Assignment[];
}

function runPhase(
  highs: Highs,
  model: GridModel,
  objective: 'medium' | 'soft',
  mediumCap: number | null,
  timeLimitSeconds: number,
  warmStart: Float64Array | null,
): { report: GridPhaseReport; assignments: Assignment[] | null } {
  const result = runHighsPhase(highs, model.linear, {
    objective: objective === 'medium' ? 'first' : 'soft',
    firstCap: mediumCap,
    timeLimitSeconds,
    warmStart,
  });
  const report: GridPhaseReport = {
    objective,
    starts: model.minuteAfter ? 'grid+1min' : 'grid',
    columns: model.linear.columnCount,
    rows: result.rows,
    nonZeros: model.linear.nonZeros,
    status: result.status,
    value: result.value,
    bound: result.bound,
    seconds: result.seconds,
    nodes: result.nodes,
  };
  return { report, assignments: result.solution ? model.decode(result.solution) : null };
}

const costOf = (model: GridModel, values: Float64Array, objective: 'medium' | 'soft'): number =>
  model.linear.cost(values, objective === 'medium' ? 'first' : 'soft');

export function solveGridExactly(highs: Highs, problem: Problem, options: GridSolveOptions = {}): GridSolveResult {
  const started = performance.now();
  const budget = options.timeLimitSeconds ?? 600;
  const remaining = (): number => budget - (performance.now() - started) / 1000;
  const phases: GridPhaseReport[] = [];
  const slotMinutes = options.slotMinutes;

  // Which work gets done does not need the minute-after starts: any hard-feasible schedule
  // shifted left job by job (by start) stays feasible and lands on the grid.
  const grid = buildGridModel(problem, { slotMinutes, minuteAfter: false });
  const medium = runPhase(highs, grid, 'medium', null, remaining(), options.incumbent ? grid.encode(options.incumbent) : null);
  phases.push(medium.report);
  const mediumOptimum = medium.report.status === 'optimal' ? medium.report.value : null;
  const mediumTarget = mediumOptimum ?? medium.report.value;
  const mediumBound = Math.max(0, Math.ceil(medium.report.bound - 1e-6));
  if (mediumTarget === null || !medium.assignments) {
    return { proven: false, assignments: null, score: null, bound: { medium: mediumBound, soft: 0 }, phases, seconds: elapsed(started) };
  }

  // The soft level, first on the grid, then with the minute-after starts from the grid's best.
  let best = { assignments: medium.assignments, soft: Infinity, proven: false, bound: 0 };
  const known = [options.incumbent, medium.assignments];
  for (const minuteAfter of options.minuteAfter === false ? [false] : [false, true]) {
    const unpruned = buildGridModel(problem, { slotMinutes, minuteAfter });
    for (const assignments of known) {
      const values = assignments ? unpruned.encode(assignments) : null;
      if (!values || costOf(unpruned, values, 'medium') !== mediumTarget || costOf(unpruned, values, 'soft') >= best.soft) continue;
      best = { ...best, assignments: unpruned.decode(values), soft: costOf(unpruned, values, 'soft') };
    }
    // Placements whose own soft cost exceeds a known schedule's total cannot be in a better one.
    const model = buildGridModel(problem, { slotMinutes, minuteAfter, softCutoff: best.soft });
    const soft = runPhase(highs, model, 'soft', mediumTarget, remaining(), model.encode(best.assignments));
    phases.push(soft.report);
    if (soft.assignments && soft.report.value !== null && soft.report.value <= best.soft) {
      best = { assignments: soft.assignments, soft: soft.report.value, proven: soft.report.status === 'optimal', bound: soft.report.bound };
    } else best = { ...best, proven: false, bound: soft.report.bound };
    known.push(best.assignments);
  }
  return {
    proven: mediumOptimum !== null && best.proven,
    assignments: best.assignments,
    score: { hard: 0, medium: negate(mediumTarget), soft: negate(best.soft) },
    bound: { medium: mediumOptimum ?? mediumBound, soft: Math.max(0, Math.ceil(best.bound - 1e-6)) },
    phases,
    seconds: elapsed(started),
  };
}

const negate = (penalty: number): number => (penalty === 0 ? 0 : -penalty);
const elapsed = (started: number): number => (performance.now() - started) / 1000;
