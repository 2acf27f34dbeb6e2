import { compileProblem, type CompiledJob } from './compile';
import { OptimizerInputError } from './errors';
import type { Assignment, ConstraintTotal, Problem, Score, Solution } from './model';
import { placeAt } from './placement';
import { GIVEN_SCHEDULE_REASONS } from './reasons';
import { ScoreState } from './score';
import { unassignedWithReasons } from './solution';

/** Analysis runs where it is asked (the API's event loop): reasons beyond this get the quick form. */
const ANALYZE_REASONS_MS = 1_000;

/**
 * Scores a given schedule — a planner's manual board, a published plan, a solver's answer —
 * with the solver's constraints and analysis. Each assignment is read as its job, crew and
 * start; its work segments follow from those by the multi-day rule (a given `end` or `segments`
 * is not trusted), so a board that drags a job to a new start gets the same end the solver would.
 */
export function analyze(
  problem: Problem,
  assignments: Assignment[],
): { score: Score; analysis: ConstraintTotal[]; unassigned: Solution['unassigned'] } {
  const compiled = compileProblem(problem);
  const state = new ScoreState(compiled);
  for (const a of assignments) {
    const j = compiled.jobIndex.get(a.jobId);
    if (j === undefined) throw new OptimizerInputError('unknown_job', `assignment for unknown job "${a.jobId}"`);
    if (state.placements[j]) throw new OptimizerInputError('duplicate_assignment', `job "${a.jobId}" is assigned twice`);
    const techs = a.technicianIds.map((id) => {
      const t = compiled.techIndex.get(id);
      if (t === undefined)
        throw new OptimizerInputError('unknown_technician', `job "${a.jobId}" is assigned to unknown technician "${id}"`);
      return t;
    });
    if (new Set(techs).size !== techs.length || techs.length === 0) {
      throw new OptimizerInputError('duplicate_assignment', `job "${a.jobId}" needs distinct technicians`);
    }
    if (!Number.isFinite(a.start)) throw new OptimizerInputError('invalid_interval', `job "${a.jobId}" has no valid start`);
    const crew = techs.sort((x, y) => x - y);
    state.assign(j, placeAt(compiled, compiled.jobs[j] as CompiledJob, crew, a.start));
  }
  return {
    score: state.score(),
    analysis: state.analysis(),
    unassigned: unassignedWithReasons(compiled, state, performance.now() + ANALYZE_REASONS_MS).map((entry) => ({
      ...entry,
      reasons: entry.reasons.map((reason) => GIVEN_SCHEDULE_REASONS.get(reason) ?? reason),
    })),
  };
}
