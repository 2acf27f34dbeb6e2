/**
 * A technician's available working time: the weekly shift pattern made concrete in the
 * technician's own timezone, plus extra time, minus leave. Pure (no Nest, no database) so
 * utilization and the demo-data seed can share one definition of "available hours".
 */
import type { ShiftJson } from '../../platform/db/schema';
import { HOUR, type Interval, ZonedClock, minuteOfDay } from '../../platform/time/zoned-clock';

/** weekday 1 = Monday … 7 = Sunday; 'HH:MM'; an end at or before the start runs past midnight. */
export type Shift = ShiftJson;

/**
 * available=false removes time (leave, training, sickness); available=true adds working time,
 * paid as overtime when `overtime`.
 */
export type AvailabilityException = { start: Date; end: Date; available: boolean; overtime?: boolean };

export type AvailabilityInput = {
  timezone: string;
  weeklyPattern: readonly Shift[];
  exceptions: readonly AvailabilityException[];
};

export type TimeRange = { start: Date; end: Date };

const toInterval = (range: { start: Date; end: Date }): Interval => ({
  start: range.start.getTime(),
  end: range.end.getTime(),
});

/**
 * Sorted, non-overlapping cover of `intervals`. Empty ones (and NaN from malformed times, as
 * NaN never compares less) drop out. Touching intervals join: the hours are the same either way.
 */
const union = (intervals: readonly Interval[]): Interval[] => {
  const sorted = intervals.filter((i) => i.start < i.end).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
};

/** `from` minus `removed`, both already unions; keeps the parts of `from` outside `removed`. */
const subtract = (from: readonly Interval[], removed: readonly Interval[]): Interval[] => {
  const result: Interval[] = [];
  for (const interval of from) {
    let start = interval.start;
    for (const cut of removed) {
      if (cut.end <= start) continue;
      if (cut.start >= interval.end) break;
      if (cut.start > start) result.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
      if (start >= interval.end) break;
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
};

const clip = (intervals: readonly Interval[], range: Interval): Interval[] =>
  intervals.map((i) => ({ start: Math.max(i.start, range.start), end: Math.min(i.end, range.end) })).filter((i) => i.start < i.end);

const totalHours = (intervals: readonly Interval[]) => intervals.reduce((sum, i) => sum + (i.end - i.start), 0) / HOUR;

/** Concrete shifts overlapping `range`, as UTC instants computed from local wall-clock times. */
const shiftsIn = (clock: ZonedClock, pattern: readonly Shift[], range: Interval): Interval[] => {
  const shifts: Interval[] = [];
  // A shift starting the local day before may run past midnight into the range.
  const lastDay = clock.localDay(range.end);
  for (let day = clock.localDay(range.start) - 1; day <= lastDay; day++) {
    const weekday = ZonedClock.weekday(day);
    for (const shift of pattern) {
      if (shift.weekday !== weekday) continue;
      const startMinute = minuteOfDay(shift.start);
      const endMinute = minuteOfDay(shift.end);
      const endDay = endMinute <= startMinute ? day + 1 : day;
      // Each end resolved on its own local day, so a DST change inside the shift is counted.
      shifts.push({ start: clock.instantAt(day, startMinute), end: clock.instantAt(endDay, endMinute) });
    }
  }
  return shifts;
};

/**
 * The technician's working time within `range`: weekly shifts in their timezone, plus
 * available exceptions, minus unavailable ones, merged, clipped and sorted. Where leave and
 * extra time overlap, leave wins: a planner should not count on someone who is away.
 */
export function availableIntervals(input: AvailabilityInput, range: TimeRange, options: { overtime?: boolean } = {}): Interval[] {
  const bounds = toInterval(range);
  if (bounds.end <= bounds.start) return [];
  const clock = new ZonedClock(input.timezone);
  // `overtime: false`: the regular working time only (the optimizer prices overtime apart).
  const extra = input.exceptions.filter((e) => e.available && (options.overtime !== false || !e.overtime)).map(toInterval);
  const leave = union(input.exceptions.filter((e) => !e.available).map(toInterval));
  const working = union([...shiftsIn(clock, input.weeklyPattern, bounds), ...extra]);
  return clip(subtract(working, leave), bounds);
}

/** Extra time marked overtime within `range` that is not also regular working time or leave. */
export function overtimeIntervals(input: AvailabilityInput, range: TimeRange): Interval[] {
  if (!input.exceptions.some((e) => e.overtime)) return [];
  return subtract(availableIntervals(input, range), union(availableIntervals(input, range, { overtime: false })));
}

/** Total hours the technician can work within `range`. */
export function availableHours(input: AvailabilityInput, range: TimeRange): number {
  return totalHours(availableIntervals(input, range));
}

/** Hours covered by `intervals` within `range`; overlaps count once (double-booked time is one hour of work). */
export function clippedHours(intervals: readonly { start: Date; end: Date }[], range: TimeRange): number {
  const bounds = toInterval(range);
  if (bounds.end <= bounds.start) return 0;
  return totalHours(clip(union(intervals.map(toInterval)), bounds));
}

/** The length of a list of disjoint intervals, in milliseconds. */
export const totalMs = (intervals: readonly Interval[]): number =>
  intervals.reduce((sum, interval) => sum + interval.end - interval.start, 0);

/** The time in both sorted, disjoint lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const both: Interval[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (start < end) both.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return both;
}

/**
 * An equipment's maintenance windows within `range`, as epoch-ms intervals: its weekly windows in
 * its time zone plus dated windows, minus dated exclusions, by the same rules as a technician's
 * shifts (clock changes included). None when it never had windows defined.
 */
export function maintenanceWindowsIn(
  windows: {
    timezone: string;
    weeklyPattern: readonly Shift[];
    exceptions: readonly { start: string; end: string; available: boolean }[];
  } | null,
  range: TimeRange,
): Interval[] {
  if (!windows) return [];
  return availableIntervals(
    {
      timezone: windows.timezone,
      weeklyPattern: windows.weeklyPattern,
      exceptions: windows.exceptions.map((exception) => ({
        start: new Date(exception.start),
        end: new Date(exception.end),
        available: exception.available,
      })),
    },
    range,
  );
}

/**
 * Work that needs its equipment down is done only inside the equipment's maintenance windows, in
 * the time its crew works (`crewTime`, within `span`, the booking; work longer than a shift goes
 * on in the next, as the optimizer plans it): the minutes of that time the booking lacks for the
 * estimate (or, without one, for all the crew's time in it). 0 when it has enough; equipment
 * without windows (null) takes no such work.
 */
export function downtimeMinutesShort(
  windows: Parameters<typeof maintenanceWindowsIn>[0],
  crewTime: readonly Interval[],
  span: TimeRange,
  estimatedMinutes: number | null,
): number {
  const inside = intersectIntervals(crewTime, maintenanceWindowsIn(windows, span));
  const needed = estimatedMinutes && estimatedMinutes > 0 ? estimatedMinutes * 60_000 : totalMs(crewTime);
  return Math.max(0, Math.ceil((needed - totalMs(inside)) / 60_000));
}
