import { OptimizerInputError } from './errors';
import type { Problem, RepairChange, Solution, SolveOptions } from './model';
import { solve } from './solver';
import { solveInWorker, type SolverWorker } from './worker';

/**
 * The problem after a change to a published schedule: new (emergency) jobs added, technicians
 * who dropped out removed. Work pinned to a removed technician is released from its pin so it
 * can be taken over; `problem.published` stays as it was, so everything that changes counts as
 * churn.
 */
export function applyRepairChange(problem: Problem, change: RepairChange): Problem {
  const removed = new Set(change.removeTechnicianIds ?? []);
  for (const id of removed) {
    if (!problem.technicians.some((t) => t.id === id)) {
      throw new OptimizerInputError('unknown_technician', `cannot remove unknown technician "${id}"`);
    }
  }
  const jobs = problem.jobs.map((job) =>
    job.pinned && job.pinned.technicianIds.some((id) => removed.has(id)) ? { ...job, pinned: null } : job,
  );
  return {
    ...problem,
    technicians: problem.technicians.filter((t) => !removed.has(t.id)),
    jobs: [...jobs, ...(change.addJobs ?? [])],
  };
}

/**
 * Repairs the published schedule (`problem.published`) after a change, keeping everyone else
 * where they were unless moving them pays for its churn. Only the new work and the published
 * jobs are scheduled; the old backlog stays as it was. Default budget 500 ms.
 */
export function repair(problem: Problem, change: RepairChange, options: SolveOptions = {}): Solution {
  return solve(applyRepairChange(problem, change), repairOptions(change, options));
}

/** The same off the event loop, in a worker thread. */
export function repairInWorker(
  problem: Problem,
  change: RepairChange,
  options: Omit<SolveOptions, 'signal' | 'onProgress'> = {},
): SolverWorker {
  return solveInWorker(applyRepairChange(problem, change), repairOptions(change, options));
}

function repairOptions<T extends SolveOptions>(change: RepairChange, options: T): T {
  return { ...options, mode: 'repair', repairJobIds: (change.addJobs ?? []).map((job) => job.id) };
}
