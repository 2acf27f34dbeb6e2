/**
 * Calendar arithmetic on epoch days (days since 1970-01-01, UTC), which makes "days between"
 * a subtraction, as Java's ChronoUnit.DAYS.between is on LocalDate.
 */
import { type EndDateRule } from './model';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The epoch day of an ISO date `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function parseIsoDate(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // setUTCFullYear, not Date.UTC: that reads the years 0-99 as 1900-1999.
  const roundTrip = new Date(0);
  roundTrip.setUTCFullYear(year, month - 1, day);
  const epochMs = roundTrip.getTime();
  // An impossible date rolls over (2026-02-30 to March); a real date survives the round trip.
  if (roundTrip.getUTCFullYear() !== year || roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) {
    return null;
  }
  return epochMs / MS_PER_DAY;
}

export function formatIsoDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO day of week as java.time.DayOfWeek#getValue: Monday = 1 … Sunday = 7. */
export function isoDayOfWeek(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function isWorkday(epochDay: number): boolean {
  return isoDayOfWeek(epochDay) <= 5;
}

/**
 * The quickstart's original end rule (EndDateUpdatingVariableListener, up to 1.x): the start
 * plus the duration plus two days per weekend the work runs into. A 5-day job from Monday ends
 * (exclusive) on the next Monday.
 */
export function endDayV1(startDay: number, durationInDays: number): number {
  const weekendPadding = 2 * Math.floor((durationInDays + isoDayOfWeek(startDay) - 1) / 5);
  return startDay + durationInDays + weekendPadding;
}

/**
 * The quickstart's later end rule (Job.calculateEndDate): the day after the
 * `durationInDays`-th workday counted from the start, inclusive. A 5-day job from Monday ends
 * (exclusive) on Saturday; a 0-day job ends where it starts.
 */
export function endDayV2(startDay: number, durationInDays: number): number {
  if (durationInDays <= 0) return startDay;
  // Counting starts on the first workday at or after the start (Saturday and Sunday skip ahead).
  const weekday = isoDayOfWeek(startDay);
  const first = weekday > 5 ? startDay + 8 - weekday : startDay;
  // Workdays from that week's Monday to the last one counted, then whole weeks and the rest.
  const offset = isoDayOfWeek(first) - 1 + durationInDays - 1;
  const monday = first - (isoDayOfWeek(first) - 1);
  return monday + Math.floor(offset / 5) * 7 + (offset % 5) + 1;
}

export function endDay(rule: EndDateRule, startDay: number, durationInDays: number): number {
  return rule === 'v1' ? endDayV1(startDay, durationInDays) : endDayV2(startDay, durationInDays);
}

/** Monday to Friday in [fromDay, toDay): the quickstart's start-date value range. */
export function workdaysBetween(fromDay: number, toDay: number): number[] {
  const days: number[] = [];
  for (let day = fromDay; day < toDay; day++) if (isWorkday(day)) days.push(day);
  return days;
}

/** The Monday strictly after the given day, as TemporalAdjusters.next(MONDAY). */
export function nextMonday(epochDay: number): number {
  const dayOfWeek = isoDayOfWeek(epochDay);
  return epochDay + (8 - dayOfWeek);
}
