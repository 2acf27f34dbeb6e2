import { crewKeyOf, type CompiledJob, type CompiledProblem } from './compile';
import type { Assignment, Churn, Solution } from './model';
import type { Placement } from './placement';
import { explainUnassigned } from './reasons';
import type { ScoreState } from './score';

/** Turning internal placements back into the public shapes. */

export function toAssignments(problem: CompiledProblem, placements: readonly (Placement | null)[]): Assignment[] {
  const assignments: Assignment[] = [];
  placements.forEach((p, j) => {
    if (!p) return;
    assignments.push({
      jobId: (problem.jobs[j] as CompiledJob).id,
      technicianIds: p.techs.map((t) => (problem.technicians[t] as { id: string }).id),
      start: p.start,
      end: p.end,
      segments: p.segments.map((s) => ({ start: s.start, end: s.end })),
    });
  });
  return assignments.sort((a, b) => a.start - b.start || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
}

/**
 * Each unassigned job with why. Explaining one can take a search per qualified technician, so
 * past `until` (performance.now()) the rest get only the reasons that need no search: a huge
 * plant's backlog must not hold up a run's answer long after its time limit.
 */
export function unassignedWithReasons(problem: CompiledProblem, state: ScoreState, until = Infinity): Solution['unassigned'] {
  return [...state.unassigned.items]
    .sort((a, b) => a - b)
    .map((j) => ({
      jobId: (problem.jobs[j] as CompiledJob).id,
      reasons: explainUnassigned(problem, state, j, performance.now() >= until),
    }));
}

/** Published jobs that moved or changed crew (or were dropped); undefined without a published schedule. */
export function measureChurn(problem: CompiledProblem, placements: readonly (Placement | null)[]): Churn | undefined {
  if (!problem.jobs.some((job) => job.published)) return undefined;
  const churn: Churn = { moved: 0, reassigned: 0, jobIds: [] };
  for (const job of problem.jobs) {
    if (!job.published) continue;
    const p = placements[job.index];
    const crewKey = p ? crewKeyOf(p.techs.map((t) => (problem.technicians[t] as { id: string }).id)) : null;
    if (crewKey !== job.published.crewKey) churn.reassigned++;
    else if (p?.start !== job.published.start) churn.moved++;
    else continue;
    churn.jobIds.push(job.id);
  }
  return churn;
}
