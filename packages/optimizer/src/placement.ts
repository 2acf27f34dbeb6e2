import type { CompiledJob, CompiledProblem } from './compile';
import { deriveSegments, firstEndingAfter, fitSegments, intersect } from './intervals';
import type { Interval } from './model';
import type { Timeline } from './timeline';

/** Where and when a job is done: its crew (technician indexes, ascending) and work segments. */
export interface Placement {
  techs: readonly number[];
  start: number;
  end: number;
  segments: readonly Interval[];
}

/** The booked time a placement must avoid; null means nothing booked on that resource. */
export interface BusyView {
  technician(t: number): Timeline | null;
  equipment(e: number): Timeline | null;
  group(g: number): Timeline | null;
  /** Optional shortcut: no work of `durationMs` walking `working` can start on technician `t` before this. */
  roomFrom?(t: number, from: number, durationMs: number, working: readonly Interval[]): number;
}

/** Whether two crews (ascending technician indexes) are the same people. */
export function sameCrew(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

export const NOTHING_BUSY: BusyView = { technician: () => null, equipment: () => null, group: () => null };

/**
 * The time a crew can do this job: the intersection of its members' working time and the
 * equipment's (`windows`: for downtime work its maintenance windows; less the times work outside
 * the problem holds it). Multi-day work splits over it.
 */
export function workingFor(problem: CompiledProblem, job: CompiledJob, techs: readonly number[]): readonly Interval[] {
  // One technician on windowed work is the common costly case: calendars never change, so keep it.
  if (techs.length === 1 && job.windows && job.windowsKey >= 0) {
    const key = (techs[0] as number) * problem.windowsCount + job.windowsKey;
    let cached = problem.workingCache.get(key);
    if (!cached) problem.workingCache.set(key, (cached = intersect(problem.technicians[techs[0] as number]?.working ?? [], job.windows)));
    return cached;
  }
  let working: readonly Interval[] = [];
  techs.forEach((t, i) => {
    const own = problem.technicians[t]?.working ?? [];
    working = i === 0 ? own : intersect(working, own);
  });
  return job.windows ? intersect(working, job.windows) : working;
}

/** The placement of a job started at `start` by `techs`, by the multi-day rule. */
export function placeAt(problem: CompiledProblem, job: CompiledJob, techs: readonly number[], start: number): Placement {
  const segments = deriveSegments(workingFor(problem, job, techs), start, job.durationMs);
  return { techs, start, end: (segments[segments.length - 1] as Interval).end, segments };
}

/**
 * The earliest start at or after `lower` at which the crew can do the job without touching any
 * booked segment of its members, its equipment or its conflict groups, ending by `endBound`.
 *
 * Why jumping is exact: if the work from start s overlaps a booked segment ending at b, every
 * start in [s, b) either overlaps it too (the work only slides later as the start does) or lies
 * in a gap of the calendar and begins at or after b anyway. So no feasible start is skipped.
 * The jump then runs on through any bookings that follow b without free working time between.
 */
export function earliestFit(
  busy: BusyView,
  job: CompiledJob,
  techs: readonly number[],
  working: readonly Interval[],
  lower: number,
  endBound: number,
): Placement | null {
  let from = lower;
  for (;;) {
    // Skip at once to where a technician working alone has room for the whole job. Not for a
    // crew: a member's booking while another member is off does not stand in its way, and the
    // crew's common time is worked out anew for every crew (so would its free blocks be).
    if (busy.roomFrom && techs.length === 1) from = Math.max(from, busy.roomFrom(techs[0] as number, from, job.durationMs, working));
    if (from === Infinity) return null;
    // Walk the calendar from `from` segment by segment, without allocating, until the work is
    // done (a fit), a segment runs past `endBound` or the calendar ends (no fit at all), or a
    // segment meets a booking (jump past it and try again).
    let k = firstEndingAfter(working, from);
    if (k < 0) return null;
    const start = Math.max(from, (working[k] as Interval).start);
    let remaining = job.durationMs;
    let cursor = start;
    let until = -Infinity;
    for (; remaining > 0 && k < working.length; k++) {
      const iv = working[k] as Interval;
      const segStart = Math.max(cursor, iv.start);
      const segEnd = segStart + Math.min(remaining, iv.end - segStart);
      if (segEnd > endBound) return null;
      for (const t of techs) until = Math.max(until, busy.technician(t)?.busyUntil(segStart, segEnd) ?? -Infinity);
      if (job.equipment >= 0) until = Math.max(until, busy.equipment(job.equipment)?.busyUntil(segStart, segEnd) ?? -Infinity);
      for (const g of job.groups) until = Math.max(until, busy.group(g)?.busyUntil(segStart, segEnd) ?? -Infinity);
      if (until > -Infinity) break;
      remaining -= segEnd - segStart;
      cursor = segEnd;
    }
    if (until === -Infinity) {
      if (remaining > 0) return null;
      return { techs, start, end: cursor, segments: fitSegments(working, start, job.durationMs) as Interval[] };
    }
    for (const t of techs) until = busy.technician(t)?.busyChainEnd(until, working) ?? until;
    if (job.equipment >= 0) until = busy.equipment(job.equipment)?.busyChainEnd(until, working) ?? until;
    for (const g of job.groups) until = busy.group(g)?.busyChainEnd(until, working) ?? until;
    from = until;
  }
}

/**
 * The latest start at or after `lower` at which the crew can do the job without touching any
 * booking, ending by `endBound`: the mirror of `earliestFit`, for work that should finish as
 * close to a date as it can (earliness) or leave the time before it free.
 *
 * Why jumping back is exact: if the work ending by E overlaps a booking that starts at b, every
 * later-ending placement overlaps it too, and sliding the work earlier clears it only once the
 * work ends by b. So the next bound is the earliest start among the bookings it overlaps.
 */
export function latestFit(
  busy: BusyView,
  job: CompiledJob,
  techs: readonly number[],
  working: readonly Interval[],
  lower: number,
  endBound: number,
): Placement | null {
  let bound = endBound;
  for (;;) {
    const start = latestStartEndingBy(working, job.durationMs, bound);
    if (start === null || start < lower) return null;
    const segments = fitSegments(working, start, job.durationMs) as Interval[];
    let from = Infinity;
    for (const s of segments) {
      for (const t of techs) from = Math.min(from, busy.technician(t)?.busyFrom(s.start, s.end) ?? Infinity);
      if (job.equipment >= 0) from = Math.min(from, busy.equipment(job.equipment)?.busyFrom(s.start, s.end) ?? Infinity);
      for (const g of job.groups) from = Math.min(from, busy.group(g)?.busyFrom(s.start, s.end) ?? Infinity);
    }
    if (from === Infinity) return { techs, start, end: (segments[segments.length - 1] as Interval).end, segments };
    bound = from;
  }
}

/** The latest start in `working` whose work, by the multi-day rule, ends by `bound`; null if none. */
function latestStartEndingBy(working: readonly Interval[], durationMs: number, bound: number): number | null {
  let remaining = durationMs;
  let k = firstEndingAfter(working, bound);
  if (k < 0) k = working.length;
  else if ((working[k] as Interval).start < bound) {
    const take = Math.min(remaining, bound - (working[k] as Interval).start);
    if (take === remaining) return bound - take;
    remaining -= take;
  }
  for (k--; k >= 0; k--) {
    const iv = working[k] as Interval;
    if (iv.end - iv.start >= remaining) return iv.end - remaining;
    remaining -= iv.end - iv.start;
  }
  return null;
}
