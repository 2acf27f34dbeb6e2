import type { CompiledJob, CompiledProblem } from './compile';
import { walkFit } from './intervals';
import type { Interval } from './model';
import { workingFor } from './placement';
import { type Random, shuffleRange } from './random';
import type { ScoreState } from './score';
import { StampedSet } from './stamped-set';
import type { Timeline } from './timeline';

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

/**
 * Scratch reused by every call, which prices up to CREWS_TRIED × STARTS_TRIED starts: the
 * qualified technicians being shuffled, the starts of one crew, the segments of one start and
 * the jobs they would overlap. Nothing here outlives a call.
 */
let shuffled = new Int32Array(64);
let starts = new Float64Array(64);
let segmentStarts = new Float64Array(16);
let segmentEnds = new Float64Array(16);
const blocking = new StampedSet();

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
    const crew = drawCrew(job, random);
    const working = workingFor(problem, job, crew);
    let count = collectStarts(state, crew, bounds);
    if (count > STARTS_TRIED) {
      shuffleRange(random, starts, 0, count);
      count = STARTS_TRIED;
    }
    for (let k = 0; k < count; k++) {
      const segments = fitInto(working, starts[k] as number, job.durationMs);
      if (segments === 0 || (segmentEnds[segments - 1] as number) > bounds.endBound) continue;
      const cost = blockingCost(problem, state, job, crew, segments, bestCost);
      if (cost < 0) continue;
      if (cost < bestCost) {
        [best, bestCost, ties] = [{ jobs: blocking.toArray(), crew }, cost, 1];
      } else if (cost === bestCost && random.int(++ties) === 0) best = { jobs: blocking.toArray(), crew };
    }
  }
  return best;
}

/**
 * A crew of qualified technicians at random, ascending: the first of them after shuffling a copy
 * of the qualified list as `random.shuffle` does (the same draws), in reused scratch.
 */
function drawCrew(job: CompiledJob, random: Random): number[] {
  const eligible = job.eligible;
  const n = eligible.length;
  if (shuffled.length < n) shuffled = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) shuffled[i] = eligible[i] as number;
  shuffleRange(random, shuffled, 0, n);
  const crew = Array.from(shuffled.subarray(0, job.crewSize));
  return crew.sort((a, b) => a - b);
}

/**
 * Into `starts`: the earliest bound, then the end of every booking of the crew overlapping the
 * bounds and ending before the end bound, member by member in timeline order. Returns how many.
 */
function collectStarts(state: ScoreState, crew: readonly number[], bounds: { lower: number; endBound: number }): number {
  const { lower, endBound } = bounds;
  // At most one start per booking of the crew, besides the earliest bound.
  let most = 1;
  for (const t of crew) most += state.technician(t)?.size ?? 0;
  if (starts.length < most) starts = new Float64Array(most * 2);
  let count = 0;
  starts[count++] = lower;
  for (const t of crew) {
    const line = state.technician(t);
    if (!line) continue;
    for (let i = line.firstOverlapping(lower); i < line.size; i++) {
      if (line.startAt(i) >= endBound) break;
      const end = line.endAt(i);
      if (end > lower && end < endBound) starts[count++] = end;
    }
  }
  return count;
}

/** How many segments `fitInto` has written. */
let segmentCount = 0;

/** Keeps one segment of `walkFit` in the scratch buffers. */
const keepSegment = (start: number, end: number): void => {
  if (segmentCount === segmentStarts.length) growSegments();
  segmentStarts[segmentCount] = start;
  segmentEnds[segmentCount] = end;
  segmentCount++;
};

/**
 * `fitSegments(working, from, durationMs)` into `segmentStarts` / `segmentEnds` (the same walk,
 * so the same numbers): returns how many segments, 0 when the work does not fit.
 */
function fitInto(working: readonly Interval[], from: number, durationMs: number): number {
  segmentCount = 0;
  return walkFit(working, from, durationMs, keepSegment) ? segmentCount : 0;
}

function growSegments(): void {
  const size = segmentStarts.length * 2;
  const [grownStarts, grownEnds] = [new Float64Array(size), new Float64Array(size)];
  grownStarts.set(segmentStarts);
  grownEnds.set(segmentEnds);
  [segmentStarts, segmentEnds] = [grownStarts, grownEnds];
}

/**
 * Into `blocking`: the jobs booked on the crew, equipment or groups during the first `segments`
 * segments, in the order met; returns the priority they weigh (each job's priority plus a
 * thousandth, summed in that order), or -1 when one is pinned. Pricing stops as soon as the sum
 * exceeds `above`: every term is positive, so the slot can then neither beat nor tie it.
 */
function blockingCost(
  problem: CompiledProblem,
  state: ScoreState,
  job: CompiledJob,
  crew: readonly number[],
  segments: number,
  above: number,
): number {
  blocking.clear(problem.jobs.length);
  let cost = 0;
  for (let s = 0; s < segments; s++) {
    const [start, end] = [segmentStarts[s] as number, segmentEnds[s] as number];
    for (const t of crew) {
      cost = addBlocking(problem, state.technician(t), start, end, cost);
      if (cost < 0 || cost > above) return -1;
    }
    if (job.equipment >= 0) {
      cost = addBlocking(problem, state.equipment(job.equipment), start, end, cost);
      if (cost < 0 || cost > above) return -1;
    }
    for (const g of job.groups) {
      cost = addBlocking(problem, state.group(g), start, end, cost);
      if (cost < 0 || cost > above) return -1;
    }
  }
  return cost;
}

/** Adds the jobs on `line` overlapping `[start, end)` to `blocking` and their weight to `cost`; -1 on a pinned one. */
function addBlocking(problem: CompiledProblem, line: Timeline | null, start: number, end: number, cost: number): number {
  if (!line) return cost;
  for (let i = line.firstOverlapping(start); i < line.size; i++) {
    if (line.startAt(i) >= end) break;
    if (line.endAt(i) <= start) continue;
    const booked = problem.jobs[line.jobAt(i)] as CompiledJob;
    if (booked.pinned) return -1;
    if (blocking.add(booked.index)) cost += booked.priority + 1e-3;
  }
  return cost;
}
