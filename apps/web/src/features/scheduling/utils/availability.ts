import type { ShiftPattern } from '@msched/contracts';
import { offsetAt } from '@/lib/time-zone';
import { DAY_MS, type Interval, MINUTE_MS } from './board-time';

/**
 * A technician's working time on the board: the weekly pattern made concrete in the
 * technician's own time zone (a '07:00' shift in Europe/Berlin is 07:00 there, whatever the
 * browser's zone), plus extra time, minus leave. The same reading the server uses for
 * available hours and the optimizer, so the shading matches what they count.
 */
export interface AvailabilityInput {
  timezone: string;
  weeklyPattern: readonly ShiftPattern[];
  exceptions: readonly { start: string; end: string; available?: boolean; reason?: string | null }[];
}

export interface Leave extends Interval {
  reason: string | null;
}

/** Days since 1970-01-01 of the local date at `instant` in `timezone`. */
const localDay = (timezone: string, instant: number) => Math.floor((instant + offsetAt(timezone, instant)) / DAY_MS);

/** The instant of `minute` past midnight on local day `day` in `timezone`. */
function instantOf(timezone: string, day: number, minute: number): number {
  const wallClock = day * DAY_MS + minute * MINUTE_MS;
  return wallClock - offsetAt(timezone, wallClock - offsetAt(timezone, wallClock));
}

const minuteOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** ISO weekday (1 = Monday) of a day counted from 1970-01-01, a Thursday. */
const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;

/** Sorted, merged cover of the intervals; empty ones drop out. */
export function union(intervals: readonly Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const next of [...intervals].filter((i) => i.start < i.end).sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** `range` minus the (merged) intervals. */
export function complement(intervals: readonly Interval[], range: Interval): Interval[] {
  const gaps: Interval[] = [];
  let cursor = range.start;
  for (const interval of union(intervals)) {
    if (interval.start > cursor) gaps.push({ start: cursor, end: Math.min(interval.start, range.end) });
    cursor = Math.max(cursor, interval.end);
  }
  if (cursor < range.end) gaps.push({ start: cursor, end: range.end });
  return gaps.filter((gap) => gap.start < gap.end);
}

const clip = <T extends Interval>(intervals: readonly T[], range: Interval): T[] =>
  intervals.map((i) => ({ ...i, start: Math.max(i.start, range.start), end: Math.min(i.end, range.end) })).filter((i) => i.start < i.end);

/** Shifts of the weekly pattern and extra time overlapping `range` (leave not taken off). */
export function shiftIntervals(availability: AvailabilityInput, range: Interval): Interval[] {
  const { timezone, weeklyPattern } = availability;
  const shifts: Interval[] = [];
  // A shift that starts the day before may run past midnight into the range.
  for (let day = localDay(timezone, range.start) - 1; day <= localDay(timezone, range.end); day++) {
    for (const shift of weeklyPattern.filter((entry) => entry.weekday === weekdayOf(day))) {
      const start = minuteOf(shift.start);
      const end = minuteOf(shift.end);
      shifts.push({ start: instantOf(timezone, day, start), end: instantOf(timezone, end <= start ? day + 1 : day, end) });
    }
  }
  const extra = availability.exceptions.filter((e) => e.available).map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end) }));
  return clip(union([...shifts, ...extra]), range);
}

/** Leave, training and other absences overlapping `range`, with their reason. */
export function leaveIntervals(availability: AvailabilityInput, range: Interval): Leave[] {
  const leave = availability.exceptions
    .filter((e) => !e.available)
    .map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end), reason: e.reason ?? null }));
  return clip(leave, range).sort((a, b) => a.start - b.start);
}

/** Time the technician can work within `range`: shifts and extra time, minus leave. */
export function workingIntervals(availability: AvailabilityInput, range: Interval): Interval[] {
  const leave = leaveIntervals(availability, range);
  return union(shiftIntervals(availability, range)).flatMap((shift) => complement(leave, shift));
}

/** The first working instant inside `slot`, if the technician works in it at all. */
export function firstWorkingInstant(working: readonly Interval[], slot: Interval): number | null {
  const hit = working.find((interval) => interval.end > slot.start && interval.start < slot.end);
  return hit ? Math.max(hit.start, slot.start) : null;
}
