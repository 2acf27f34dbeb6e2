import type { CompiledJob, CompiledProblem } from './compile';
import { fitSegments } from './intervals';
import type { Interval } from './model';
import { workingFor } from './placement';
import type { Random } from './random';
import type { ScoreState } from './score';

/**
 * Where to make room for a job that does not fit: the slot that needs the least priority taken
 * out of it. For a few crews of qualified technicians, each start worth trying (its earliest
 * bound, and the end of every booking up to its end bound) is priced by the priority weight of
 * the work its segments would overlap on the crew, the equipment and the conflict groups; pinned
 * work cannot be moved. The jobs of the cheapest slot (ties at random) are what an ejection
 * removes before the job goes in first, on that crew among others — work of lower priority gives
 * way to it, and finds another place in the same recreate or stays out if it is worth less.
 */

/** A slot to clear: the jobs booked in it and the crew it is on. */
export interface Room {
  jobs: number[];
  crew: number[];
}

/** Crews tried per ejection, and starts tried per crew: enough to find a cheap slot, cheap to price. */
const CREWS_TRIED = 6;
const STARTS_TRIED = 24;

export function cheapestRoom(
  problem: CompiledProblem,
  state: ScoreState,
  job: CompiledJob,
  bounds: { lower: number; endBound: number },
  random: Random,
): Room | null {
  if (job.eligible.length < job.crewSize) return null;
  let best: Room | null = null;
  let bestCost = Infinity;
  let ties = 0;
  for (let c = 0; c < CREWS_TRIED; c++) {
    const crew = random.shuffle([...job.eligible]).slice(0, job.crewSize);
    crew.sort((a, b) => a - b);
    const working = workingFor(problem, job, crew);
    const starts = [bounds.lower];
    for (const t of crew) {
      state.technician(t)?.forEachOverlapping(bounds.lower, bounds.endBound, (e) => {
        if (e.end < bounds.endBound) starts.push(e.end);
      });
    }
    const tried = starts.length > STARTS_TRIED ? random.shuffle(starts).slice(0, STARTS_TRIED) : starts;
    for (const from of tried) {
      const segments = fitSegments(working, from, job.durationMs);
      if (!segments || (segments[segments.length - 1] as Interval).end > bounds.endBound) continue;
      const blocking = blockingJobs(problem, state, job, crew, segments);
      if (!blocking) continue;
      let cost = 0;
      for (const j of blocking) cost += (problem.jobs[j] as CompiledJob).priority + 1e-3;
      if (cost < bestCost) {
        [best, bestCost, ties] = [{ jobs: blocking, crew }, cost, 1];
      } else if (cost === bestCost && random.int(++ties) === 0) best = { jobs: blocking, crew };
    }
  }
  return best;
}

/** The jobs booked on the crew, equipment or groups during `segments`; null if one is pinned. */
function blockingJobs(
  problem: CompiledProblem,
  state: ScoreState,
  job: CompiledJob,
  crew: readonly number[],
  segments: readonly Interval[],
): number[] | null {
  const found = new Set<number>();
  let pinned = false;
  const visit = (e: { job: number }): void => {
    if ((problem.jobs[e.job] as CompiledJob).pinned) pinned = true;
    found.add(e.job);
  };
  for (const s of segments) {
    for (const t of crew) state.technician(t)?.forEachOverlapping(s.start, s.end, visit);
    if (job.equipment >= 0) state.equipment(job.equipment)?.forEachOverlapping(s.start, s.end, visit);
    for (const g of job.groups) state.group(g)?.forEachOverlapping(s.start, s.end, visit);
  }
  return pinned ? null : [...found];
}
