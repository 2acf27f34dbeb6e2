import type { CompiledJob, CompiledProblem } from './compile';
import { insertInOrder, placePinned } from './insertion';
import type { ScoreState } from './score';

/**
 * The construction heuristic: pinned work first, where it is pinned; then every other job by
 * cheapest feasible insertion, most valuable and most constrained first. It yields a
 * hard-feasible schedule (unless pins conflict) in one pass, which local search then improves.
 */
export function construct(
  problem: CompiledProblem,
  state: ScoreState,
  isStopped: () => boolean,
  wanted: (job: number) => boolean = () => true,
): void {
  placePinned(problem, state);
  const order = problem.jobs.filter((job) => !job.pinned && !state.placements[job.index] && wanted(job.index)).sort(byConstructionOrder);
  insertInOrder(
    problem,
    state,
    order.map((job) => job.index),
    undefined,
    isStopped,
  );
}

/** Higher priority first; then earlier deadline, fewer qualified technicians, bigger crews and longer work. */
export function byConstructionOrder(a: CompiledJob, b: CompiledJob): number {
  return (
    b.priority - a.priority ||
    (a.deadlineAt ?? Infinity) - (b.deadlineAt ?? Infinity) ||
    a.eligible.length / a.crewSize - b.eligible.length / b.crewSize ||
    b.durationMs * b.crewSize - a.durationMs * a.crewSize ||
    a.index - b.index
  );
}
