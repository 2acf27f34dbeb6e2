/**
 * Local dates as day numbers (days since 1970-01-01), with proleptic Gregorian arithmetic that
 * works for any year (Date.UTC maps years 0–99 to 1900–1999), and the date steps PM plans take.
 */
import type { CalendarUnit } from '@msched/contracts';

/**
 * No occurrence is produced after this date (the last year a LocalDate may have in the
 * contract), so every search over a series ends.
 */
export const SCHEDULE_HORIZON = '2200-12-31';
export interface Civil {
  year: number;
  month: number;
  day: number;
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function civilFromDays(days: number): Civil {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toDay(date: string): number {
  const match = LOCAL_DATE.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return daysFromCivil(year, month, day);
  }
  throw new Error(`not a local date (YYYY-MM-DD): '${date}'`);
}

const MIN_DAY = daysFromCivil(0, 1, 1);
const MAX_DAY = daysFromCivil(9999, 12, 31);
export const HORIZON_DAY = toDay(SCHEDULE_HORIZON);

export function fromDay(days: number): string {
  if (!Number.isSafeInteger(days) || days < MIN_DAY || days > MAX_DAY) throw new RangeError('date out of range (years 0000 to 9999)');
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function requireInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
}

/** The day number of `every × times` units after day `start`, clamping to the month's last day. */
export function addIntervalDays(start: number, every: number, unit: CalendarUnit, times: number): number {
  const count = every * times;
  switch (unit) {
    case 'DAY':
      return start + count;
    case 'WEEK':
      return start + 7 * count;
    case 'MONTH':
    case 'YEAR': {
      const { year, month, day } = civilFromDays(start);
      const index = year * 12 + (month - 1) + (unit === 'YEAR' ? 12 * count : count);
      const targetYear = Math.floor(index / 12);
      const targetMonth = index - targetYear * 12 + 1;
      return daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
    }
  }
}

/** `date` + `days` days (negative goes back). */
export function addDays(date: string, days: number): string {
  requireInteger('days', days);
  return fromDay(toDay(date) + days);
}

/** Negative when a is before b, 0 when the same day, positive when after (−1, 0, 1). */
export function compareDates(a: string, b: string): number {
  return Math.sign(toDay(a) - toDay(b));
}

/** `date` + n × every units. Months and years clamp to the month's last day (Jan 31 + 1 month = Feb 28 or 29). */
export function addInterval(date: string, every: number, unit: CalendarUnit, times = 1): string {
  requireInteger('every', every);
  requireInteger('times', times);
  return fromDay(addIntervalDays(toDay(date), every, unit, times));
}
