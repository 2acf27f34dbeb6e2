import type { Interval } from './model';

/**
 * Interval arithmetic on sorted, disjoint, non-adjacent lists ("normalized"), the shape of every
 * calendar inside the optimizer: working time, overtime, maintenance windows.
 */

export const MINUTE_MS = 60_000;

/** Whole minutes, rounded up: every penalty in time counts a started minute as a minute. */
export function ceilMinutes(ms: number): number {
  return ms <= 0 ? 0 : Math.ceil(ms / MINUTE_MS);
}

/** Sorted, with overlapping or touching intervals merged and empty ones dropped. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((iv) => iv.end > iv.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const iv of sorted) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else merged.push({ start: iv.start, end: iv.end });
  }
  return merged;
}

export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let cursor = x.start;
    while (j < b.length && (b[j] as Interval).end <= cursor) j++;
    let k = j;
    while (k < b.length && (b[k] as Interval).start < x.end) {
      const y = b[k] as Interval;
      if (y.start > cursor) out.push({ start: cursor, end: y.start });
      cursor = Math.max(cursor, y.end);
      k++;
    }
    if (cursor < x.end) out.push({ start: cursor, end: x.end });
  }
  return out;
}

/** Index of the first interval ending after `t`, or -1. */
export function firstEndingAfter(list: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Interval).end > t) hi = mid;
    else lo = mid + 1;
  }
  return lo < list.length ? lo : -1;
}

/** Index of the interval containing `t`, or -1. */
export function indexContaining(list: readonly Interval[], t: number): number {
  const k = firstEndingAfter(list, t);
  return k >= 0 && (list[k] as Interval).start <= t ? k : -1;
}

/** Milliseconds of `[start, end)` covered by `list`. */
export function coveredMs(list: readonly Interval[], start: number, end: number): number {
  const first = firstEndingAfter(list, start);
  // Nothing ends after `start`: nothing to cover (not a scan of the whole list from its start).
  if (first < 0) return 0;
  let covered = 0;
  for (let k = first; k < list.length; k++) {
    const iv = list[k] as Interval;
    if (iv.start >= end) break;
    covered += Math.max(0, Math.min(end, iv.end) - Math.max(start, iv.start));
  }
  return covered;
}

/**
 * Whether `coveredMs(list, start, end) >= ms`, stopping at the first interval that settles it:
 * the sum only grows, so once it reaches `ms` the rest cannot change the answer.
 */
export function coversAtLeast(list: readonly Interval[], start: number, end: number, ms: number): boolean {
  const first = firstEndingAfter(list, start);
  // Nothing ends after `start`: nothing to cover (not a scan of the whole list from its start).
  if (first < 0) return ms <= 0;
  let covered = 0;
  for (let k = first; k < list.length; k++) {
    const iv = list[k] as Interval;
    if (iv.start >= end) break;
    covered += Math.max(0, Math.min(end, iv.end) - Math.max(start, iv.start));
    if (covered >= ms) return true;
  }
  return covered >= ms;
}

/** Whether `list` has any time in `[start, end)`: one binary search (the list is normalized). */
export function overlaps(list: readonly Interval[], start: number, end: number): boolean {
  const k = firstEndingAfter(list, start);
  return k >= 0 && start < end && (list[k] as Interval).start < end;
}

/** Milliseconds of `segments` outside `list`. */
export function uncoveredMs(list: readonly Interval[], segments: readonly Interval[]): number {
  let outside = 0;
  for (const s of segments) outside += s.end - s.start - coveredMs(list, s.start, s.end);
  return outside;
}

/** Milliseconds two segment lists share (each list sorted and disjoint). */
export function sharedMs(a: readonly Interval[], b: readonly Interval[]): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    shared += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    if (x.end < y.end) i++;
    else j++;
  }
  return shared;
}

export function totalMs(segments: readonly Interval[]): number {
  let total = 0;
  for (const s of segments) total += s.end - s.start;
  return total;
}

/**
 * The multi-day rule: work starting at `start` runs through `working` (normalized) until
 * `durationMs` is done, continuing in the following intervals. A start outside working time is
 * taken as one block (a manual placement; the minutes outside are then penalized), and work
 * left when the calendar runs out continues straight after the last segment.
 */
export function deriveSegments(working: readonly Interval[], start: number, durationMs: number): Interval[] {
  let k = indexContaining(working, start);
  if (k < 0) return [{ start, end: start + durationMs }];
  const segments: Interval[] = [];
  let remaining = durationMs;
  let cursor = start;
  while (remaining > 0 && k < working.length) {
    const iv = working[k] as Interval;
    const from = Math.max(cursor, iv.start);
    const take = Math.min(remaining, iv.end - from);
    segments.push({ start: from, end: from + take });
    remaining -= take;
    cursor = from + take;
    k++;
  }
  const last = segments[segments.length - 1] as Interval;
  last.end += remaining;
  return segments;
}

/**
 * Like `deriveSegments` from the first working instant at or after `from`, but only if the work
 * fits in the calendar; returns null otherwise. `deriveSegments(working, result[0].start)`
 * gives the same segments, which keeps the solver and `analyze` in agreement.
 */
export function fitSegments(working: readonly Interval[], from: number, durationMs: number): Interval[] | null {
  const segments: Interval[] = [];
  return walkFit(working, from, durationMs, (start, end) => void segments.push({ start, end })) ? segments : null;
}

/**
 * The walk behind `fitSegments`: hands each segment to `segment` in order and returns whether
 * the work fits (the segments handed out before a misfit are then meaningless). Callers that
 * keep segments in their own buffers use it to price a fit without allocating one.
 */
export function walkFit(
  working: readonly Interval[],
  from: number,
  durationMs: number,
  segment: (start: number, end: number) => void,
): boolean {
  let k = firstEndingAfter(working, from);
  if (k < 0) return false;
  let remaining = durationMs;
  let cursor = from;
  while (remaining > 0 && k < working.length) {
    const iv = working[k] as Interval;
    const begin = Math.max(cursor, iv.start);
    const take = Math.min(remaining, iv.end - begin);
    segment(begin, begin + take);
    remaining -= take;
    cursor = begin + take;
    k++;
  }
  return remaining <= 0;
}
