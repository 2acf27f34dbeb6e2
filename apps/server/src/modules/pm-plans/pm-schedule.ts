/**
 * Preventive-maintenance scheduling arithmetic: calendar rules (every N units or an RFC 5545
 * RRULE), fixed and floating series, holiday shifts, compliance windows, catch-up after
 * downtime, and meter triggers. Pure: dates are the organization's local days as 'YYYY-MM-DD'
 * strings, and only `localDateOf` / `startOfLocalDate` / `endOfLocalDate` touch instants.
 */
import type { CalendarUnit, CatchUpPolicy, HolidayRule } from '@msched/contracts';
import { Frequency, RRule, Weekday } from 'rrule';
import { DAY, HOUR, ZonedClock } from '../../platform/time/zoned-clock';

export interface CalendarRule {
  every?: number;
  unit?: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
  rrule?: string;
  startsOn: string;
  endsOn?: string | null;
  mode: 'FIXED' | 'FLOATING';
}

/**
 * No occurrence is produced after this date (the last year a LocalDate may have in the
 * contract), so every search over a series ends.
 */
export const SCHEDULE_HORIZON = '2200-12-31';

// ---------------------------------------------------------------------------------------------
// Local dates as day numbers (days since 1970-01-01), with proleptic Gregorian arithmetic that
// works for any year (Date.UTC maps years 0–99 to 1900–1999).

interface Civil {
  year: number;
  month: number;
  day: number;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): Civil {
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

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDay(date: string): number {
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
const HORIZON_DAY = toDay(SCHEDULE_HORIZON);

function fromDay(days: number): string {
  if (!Number.isSafeInteger(days) || days < MIN_DAY || days > MAX_DAY) throw new RangeError('date out of range (years 0000 to 9999)');
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function requireInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
}

/** The day number of `every × times` units after day `start`, clamping to the month's last day. */
function addIntervalDays(start: number, every: number, unit: CalendarUnit, times: number): number {
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

// ---------------------------------------------------------------------------------------------
// RRULE: parsed strictly here (rrule.js accepts nonsense such as FREQ=FOO or BYDAY=XX). Dates
// are "floating": the scheduler computes them a year at a time from the calendar (see
// buildSeries), held equal to rrule.js's walk over 00:00 UTC of each local day (walkRrule).

type RruleFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

interface ParsedRrule {
  freq: RruleFrequency;
  interval: number;
  count: number | null;
  /** Last day (inclusive), as a day number. */
  until: number | null;
  byMonth: number[] | null;
  byMonthDay: number[] | null;
  byYearDay: number[] | null;
  byWeekNo: number[] | null;
  byDay: { weekday: number; n: number | null }[] | null;
  bySetPos: number[] | null;
  /** Monday = 0 … Sunday = 6. */
  wkst: number;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQUENCIES: Record<RruleFrequency, Frequency> = {
  YEARLY: Frequency.YEARLY,
  MONTHLY: Frequency.MONTHLY,
  WEEKLY: Frequency.WEEKLY,
  DAILY: Frequency.DAILY,
};
const PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST'];

class RruleError extends Error {}

function parseIntegers(name: string, value: string, max: number, allowNegative: boolean): number[] {
  const numbers = value.split(',').map((item) => {
    const text = item.trim();
    const number = /^[+-]?\d{1,6}$/.test(text) ? Number(text) : NaN;
    const absolute = Math.abs(number);
    if (!(absolute >= 1 && absolute <= max) || (number < 0 && !allowNegative)) {
      const range = allowNegative ? `1 to ${max} or -1 to -${max}` : `1 to ${max}`;
      throw new RruleError(`${name} value '${text}' must be ${range}`);
    }
    return number;
  });
  return [...new Set(numbers)];
}

function parseWeekday(name: string, text: string): number {
  const index = (WEEKDAYS as readonly string[]).indexOf(text);
  if (index < 0) throw new RruleError(`${name} value '${text}' is not a weekday (${WEEKDAYS.join(', ')})`);
  return index;
}

function parseRruleText(source: string): ParsedRrule {
  const text = source.trim().replace(/^RRULE:/i, '');
  if (!text) throw new RruleError('the rrule is empty');
  if (/[\r\n]/.test(text)) throw new RruleError('give a single RRULE line (the plan’s startsOn is its start)');
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    if (!part.trim()) continue;
    const equals = part.indexOf('=');
    const name = (equals < 0 ? part : part.slice(0, equals)).trim().toUpperCase();
    const value =
      equals < 0
        ? ''
        : part
            .slice(equals + 1)
            .trim()
            .toUpperCase();
    if (name === 'DTSTART' || name === 'TZID' || name.includes(':')) {
      throw new RruleError(`${name.split(':')[0]} is not allowed: the plan’s startsOn is the start, in the organization’s time zone`);
    }
    if (name === 'BYHOUR' || name === 'BYMINUTE' || name === 'BYSECOND') {
      throw new RruleError(`${name} is not supported: a PM plan schedules whole days`);
    }
    if (!PARTS.includes(name)) throw new RruleError(`unknown rrule part '${name}' (expected ${PARTS.join(', ')})`);
    if (parts.has(name)) throw new RruleError(`${name} is given twice`);
    if (!value) throw new RruleError(`${name} has no value`);
    parts.set(name, value);
  }

  const freqText = parts.get('FREQ');
  if (freqText === undefined) throw new RruleError('FREQ is missing (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (freqText === 'HOURLY' || freqText === 'MINUTELY' || freqText === 'SECONDLY') {
    throw new RruleError(`FREQ=${freqText} is not supported: a PM plan schedules whole days (use DAILY, WEEKLY, MONTHLY or YEARLY)`);
  }
  if (!Object.hasOwn(FREQUENCIES, freqText)) throw new RruleError(`FREQ '${freqText}' must be DAILY, WEEKLY, MONTHLY or YEARLY`);
  const freq = freqText as RruleFrequency;

  const single = (name: string, max: number): number | null => {
    const value = parts.get(name);
    if (value === undefined) return null;
    if (value.includes(',')) throw new RruleError(`${name} takes one value`);
    return parseIntegers(name, value, max, false)[0] ?? null;
  };
  const list = (name: string, max: number, allowNegative: boolean): number[] | null => {
    const value = parts.get(name);
    return value === undefined ? null : parseIntegers(name, value, max, allowNegative);
  };

  let until: number | null = null;
  const untilText = parts.get('UNTIL');
  if (untilText !== undefined) {
    const match = /^(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$/.exec(untilText);
    try {
      if (!match) throw new Error();
      until = toDay(`${match[1]}-${match[2]}-${match[3]}`);
    } catch {
      throw new RruleError(`UNTIL '${untilText}' must be a date as YYYYMMDD (or YYYYMMDDTHHMMSSZ)`);
    }
  }

  const byDayText = parts.get('BYDAY');
  const byDay =
    byDayText === undefined
      ? null
      : byDayText.split(',').map((item) => {
          const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item.trim());
          if (!match)
            throw new RruleError(
              `BYDAY value '${item.trim()}' must be a weekday such as MO, optionally with an ordinal such as 1MO or -1FR`,
            );
          const n = match[1] === undefined ? null : Number(match[1]);
          if (n !== null && (n === 0 || Math.abs(n) > 53))
            throw new RruleError(`BYDAY ordinal in '${item.trim()}' must be 1 to 53 or -1 to -53`);
          return { weekday: parseWeekday('BYDAY', match[2] ?? ''), n };
        });

  const wkstText = parts.get('WKST');
  const parsed: ParsedRrule = {
    freq,
    interval: single('INTERVAL', 1000) ?? 1,
    count: single('COUNT', 10_000),
    until,
    byMonth: list('BYMONTH', 12, false),
    byMonthDay: list('BYMONTHDAY', 31, true),
    byYearDay: list('BYYEARDAY', 366, true),
    byWeekNo: list('BYWEEKNO', 53, true),
    byDay,
    bySetPos: list('BYSETPOS', 366, true),
    wkst: wkstText === undefined ? 0 : parseWeekday('WKST', wkstText),
  };

  // The RFC 5545 combinations (section 3.3.10).
  if (parsed.count !== null && parsed.until !== null) throw new RruleError('give COUNT or UNTIL, not both');
  if (parsed.byWeekNo && freq !== 'YEARLY') throw new RruleError('BYWEEKNO needs FREQ=YEARLY');
  if (parsed.byYearDay && freq !== 'YEARLY') throw new RruleError('BYYEARDAY needs FREQ=YEARLY');
  if (parsed.byMonthDay && freq === 'WEEKLY') throw new RruleError('BYMONTHDAY does not combine with FREQ=WEEKLY');
  if (parsed.byDay?.some((entry) => entry.n !== null)) {
    if (freq !== 'MONTHLY' && freq !== 'YEARLY') throw new RruleError('BYDAY ordinals (such as 1MO) need FREQ=MONTHLY or FREQ=YEARLY');
    if (parsed.byWeekNo) throw new RruleError('BYDAY ordinals (such as 1MO) do not combine with BYWEEKNO');
    // rrule.js (like python-dateutil) would intersect the two kinds instead of uniting them.
    if (parsed.byDay.some((entry) => entry.n === null)) {
      throw new RruleError('BYDAY mixes weekdays with and without ordinals (such as TH,3TU): use one kind');
    }
  }
  if (parsed.bySetPos && !parsed.byMonth && !parsed.byMonthDay && !parsed.byYearDay && !parsed.byWeekNo && !parsed.byDay) {
    throw new RruleError('BYSETPOS needs another BY… part (such as BYDAY)');
  }
  checkSatisfiable(parsed);
  return parsed;
}

/**
 * Does `day` pass the rule's date filters? BYWEEKNO is not checked (see weekNumberDays) nor
 * BYSETPOS, so alone this over-approximates the rule's dates: "no day passes" proves that the
 * rule never occurs. With `start`, also the implicit parts taken from the start date and the
 * INTERVAL phase.
 */
function passesFilters(rule: ParsedRrule, day: number, start: { day: number; civil: Civil } | null): boolean {
  const { year, month, day: monthDay } = civilFromDays(day);
  if (start && rule.interval > 1) {
    let period: number;
    switch (rule.freq) {
      case 'DAILY':
        period = day - start.day;
        break;
      case 'WEEKLY':
        period = (periodStart(rule, day) - periodStart(rule, start.day)) / 7;
        break;
      case 'MONTHLY':
        period = (year - start.civil.year) * 12 + (month - start.civil.month);
        break;
      case 'YEARLY':
        period = year - start.civil.year;
        break;
    }
    if (period % rule.interval !== 0) return false;
  }

  const monthLength = daysInMonth(year, month);
  const implicitDay = !rule.byWeekNo && !rule.byYearDay && !rule.byMonthDay && !rule.byDay;
  const byMonth = rule.byMonth ?? (start && implicitDay && rule.freq === 'YEARLY' ? [start.civil.month] : null);
  if (byMonth && !byMonth.includes(month)) return false;
  if (rule.byMonthDay && !rule.byMonthDay.includes(monthDay) && !rule.byMonthDay.includes(monthDay - monthLength - 1)) return false;
  if (start && implicitDay) {
    if ((rule.freq === 'MONTHLY' || rule.freq === 'YEARLY') && monthDay !== start.civil.day) return false;
    if (rule.freq === 'WEEKLY' && weekdayOf(day) !== weekdayOf(start.day)) return false;
  }
  const yearDay = day - daysFromCivil(year, 1, 1) + 1;
  const yearLength = isLeapYear(year) ? 366 : 365;
  if (rule.byYearDay && !rule.byYearDay.includes(yearDay) && !rule.byYearDay.includes(yearDay - yearLength - 1)) return false;
  if (rule.byDay) {
    const weekday = weekdayOf(day);
    // Ordinals count within the month (MONTHLY, or YEARLY with BYMONTH) or else the year.
    const inMonth = rule.freq === 'MONTHLY' || rule.byMonth !== null;
    const position = inMonth ? monthDay : yearDay;
    const length = inMonth ? monthLength : yearLength;
    const fits = rule.byDay.some(
      (entry) =>
        entry.weekday === weekday &&
        (entry.n === null ||
          (entry.n > 0 ? Math.floor((position - 1) / 7) + 1 === entry.n : Math.floor((length - position) / 7) + 1 === -entry.n)),
    );
    if (!fits) return false;
  }
  return true;
}

/** The first day of the rule's period (day, week from WKST, month, year) that holds `day`. */
function periodStart(rule: ParsedRrule, day: number): number {
  switch (rule.freq) {
    case 'DAILY':
      return day;
    case 'WEEKLY':
      return day - ((weekdayOf(day) - rule.wkst + 7) % 7);
    case 'MONTHLY': {
      const { year, month } = civilFromDays(day);
      return daysFromCivil(year, month, 1);
    }
    case 'YEARLY':
      return daysFromCivil(civilFromDays(day).year, 1, 1);
  }
}

/**
 * The first day in [notBefore, to] that can be an occurrence: it passes the filters and its
 * period has enough passing days for a BYSETPOS position (BYSETPOS counts from the period's
 * first day, even before the start). An over-approximation: null proves there is none.
 */
function firstPossibleDay(rule: ParsedRrule, notBefore: number, to: number, start: { day: number; civil: Civil } | null): number | null {
  const needed = rule.bySetPos ? Math.min(...rule.bySetPos.map(Math.abs)) : 1;
  let period = Number.NaN;
  let inPeriod = 0;
  let candidate: number | null = null;
  for (let day = periodStart(rule, notBefore); day <= to; day++) {
    const current = periodStart(rule, day);
    if (current !== period) {
      period = current;
      inPeriod = 0;
      candidate = null;
    }
    if (!passesFilters(rule, day, start)) continue;
    inPeriod++;
    if (candidate === null && day >= notBefore) candidate = day;
    if (candidate !== null && inPeriod >= needed) return candidate;
  }
  return null;
}

/**
 * Rejects rules that no start date makes occur. Whether a day passes the filters, and how many
 * days of its period pass, depend only on the shape of its year (leap or not, the weekday of 1
 * January) and, for a week across New Year, on the next year's. Every such pair of the 400-year
 * Gregorian cycle occurs in 2000–2027 (the 28-year cycle), so those years (and the week into 2028)
 * answer for all: a fourteenth of the days to scan.
 */
function checkSatisfiable(rule: ParsedRrule): void {
  const first = daysFromCivil(2000, 1, 1);
  const last = daysFromCivil(2028, 1, 1) + 7;
  if (firstPossibleDay({ ...rule, bySetPos: null }, first, last, null) === null) {
    throw new RruleError('the rule never falls on a date (check BYMONTH, BYMONTHDAY, BYYEARDAY and BYDAY)');
  }
  if (rule.bySetPos && firstPossibleDay(rule, first, last, null) === null) {
    throw new RruleError(`BYSETPOS never selects a date: no ${rule.freq.toLowerCase()} period has that many matching dates`);
  }
}

/** Bounded memo of pure results (parsed rules, first candidate days, rrule series). */
class Memo<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string, compute: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = compute();
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}

const parsedRrules = new Memo<ParsedRrule | string>(500);
const firstCandidates = new Memo<number | null>(2000);

function parseRrule(rrule: string): ParsedRrule | string {
  return parsedRrules.get(rrule, () => {
    try {
      return parseRruleText(rrule);
    } catch (error) {
      if (error instanceof RruleError) return `invalid rrule: ${error.message}`;
      throw error;
    }
  });
}

/** An error message for an rrule (RFC 5545 RRULE value, optionally prefixed `RRULE:`), or null when valid. */
export function validateRrule(rrule: string): string | null {
  const parsed = parseRrule(rrule);
  return typeof parsed === 'string' ? parsed : null;
}

// ---------------------------------------------------------------------------------------------
// Calendar rules

type CompiledRule =
  | { kind: 'interval'; every: number; unit: CalendarUnit; start: number; end: number; floating: boolean }
  | { kind: 'rrule'; text: string; rule: ParsedRrule; start: number; end: number };

function compile(rule: CalendarRule): CompiledRule {
  const start = toDay(rule.startsOn);
  const end = Math.min(rule.endsOn ? toDay(rule.endsOn) : HORIZON_DAY, HORIZON_DAY);
  if (rule.rrule !== undefined) {
    const parsed = parseRrule(rule.rrule);
    if (typeof parsed === 'string') throw new Error(parsed);
    return { kind: 'rrule', text: rule.rrule, rule: parsed, start, end };
  }
  if (rule.every === undefined || rule.unit === undefined) throw new Error('a calendar rule needs every and unit, or an rrule');
  if (!Number.isSafeInteger(rule.every) || rule.every < 1) throw new Error(`every must be a whole number of at least 1, got ${rule.every}`);
  if (!['DAY', 'WEEK', 'MONTH', 'YEAR'].includes(rule.unit)) throw new Error(`unit must be DAY, WEEK, MONTH or YEAR, got ${rule.unit}`);
  return { kind: 'interval', every: rule.every, unit: rule.unit, start, end, floating: rule.mode === 'FLOATING' };
}

const toUtcDate = (day: number) => new Date(day * DAY);
const dayOfUtcDate = (date: Date) => Math.floor(date.getTime() / DAY);

/** The last day of the rule's period that holds `day`. */
function periodEnd(rule: ParsedRrule, day: number): number {
  const { year, month } = civilFromDays(day);
  switch (rule.freq) {
    case 'DAILY':
      return day;
    case 'WEEKLY':
      return periodStart(rule, day) + 6;
    case 'MONTHLY':
      return daysFromCivil(year, month, daysInMonth(year, month));
    case 'YEARLY':
      return daysFromCivil(year, 12, 31);
  }
}

/** BYSETPOS over one period's dates (ascending): RFC 5545 positions, out-of-range ones select nothing. */
function selectPositions(dates: readonly number[], positions: readonly number[]): number[] {
  const selected = new Set<number>();
  for (const position of positions) {
    const date = dates[position > 0 ? position - 1 : dates.length + position];
    if (date !== undefined) selected.add(date);
  }
  return [...selected].sort((a, b) => a - b);
}

/**
 * Visits the occurrences of an rrule in order (with their 0-based number) until `visit` answers
 * false. rrule.js expands the periods; BYSETPOS, COUNT and UNTIL are applied here, because
 * rrule.js 2.8.1 repeats a date that two positions select and lets a negative position beyond a
 * period's dates select its first one. The implicit parts (the weekday, day of month or month of
 * startsOn) are passed explicitly, so rrule.js can start at the first day of startsOn's period:
 * BYSETPOS counts a period's dates from there, even those before startsOn.
 */
function eachOccurrence(compiled: Extract<CompiledRule, { kind: 'rrule' }>, visit: (day: number, index: number) => boolean): void {
  const { rule, start } = compiled;
  const end = Math.min(compiled.end, rule.until ?? HORIZON_DAY);
  // rrule.js checks its UNTIL only when a period yields a date: a rule that never matches from
  // this start (INTERVAL phase, BYSETPOS) would have it scan period by period up to year 9999.
  const first = firstCandidates.get(`${compiled.text}\n${start}`, () =>
    firstPossibleDay(rule, start, HORIZON_DAY, { day: start, civil: civilFromDays(start) }),
  );
  if (first === null || first > end) return;

  const civil = civilFromDays(start);
  const implicitDay = !rule.byWeekNo && !rule.byYearDay && !rule.byMonthDay && !rule.byDay;
  const generator = new RRule({
    freq: FREQUENCIES[rule.freq],
    dtstart: toUtcDate(periodStart(rule, start)),
    until: toUtcDate(periodEnd(rule, end)),
    interval: rule.interval,
    wkst: rule.wkst,
    bymonth: rule.byMonth ?? (implicitDay && rule.freq === 'YEARLY' ? [civil.month] : null),
    bymonthday: rule.byMonthDay ?? (implicitDay && (rule.freq === 'MONTHLY' || rule.freq === 'YEARLY') ? [civil.day] : null),
    byyearday: rule.byYearDay,
    byweekno: rule.byWeekNo,
    byweekday:
      rule.byDay?.map((entry) => new Weekday(entry.weekday, entry.n ?? undefined)) ??
      (implicitDay && rule.freq === 'WEEKLY' ? [new Weekday(weekdayOf(start))] : null),
  });

  let index = 0;
  const emit = (day: number): boolean => {
    if (day < start) return true;
    if (day > end || (rule.count !== null && index >= rule.count)) return false;
    return visit(day, index++);
  };
  const positions = rule.bySetPos;
  if (!positions) {
    generator.all((date) => emit(dayOfUtcDate(date)));
    return;
  }
  let period = Number.NaN;
  let dates: number[] = [];
  const flush = () => selectPositions(dates, positions).every(emit);
  let stopped = false;
  generator.all((date) => {
    const day = dayOfUtcDate(date);
    const current = periodStart(rule, day);
    if (current !== period) {
      if (dates.length > 0 && !flush()) {
        stopped = true;
        return false;
      }
      period = current;
      dates = [];
    }
    dates.push(day);
    return true;
  });
  if (!stopped && dates.length > 0) flush();
}

/**
 * The reference the scheduler is held to: an rrule's occurrences on or before endsOn (with
 * their 0-based numbers), walked from startsOn with rrule.js. Its cost grows with the plan's
 * age (about 6 µs a day for FREQ=DAILY), so production code answers from the series below
 * instead; the spec compares the two over random rules.
 */
export function walkRrule(rule: CalendarRule, visit: (date: string, index: number) => boolean): void {
  const compiled = compile(rule);
  if (compiled.kind !== 'rrule') throw new Error('walkRrule needs an rrule');
  eachOccurrence(compiled, (day, index) => visit(fromDay(day), index));
}

// ---------------------------------------------------------------------------------------------
// RRULE series a calendar year at a time (what the scheduler and the forecast use).
//
// The walk above costs one step per day since startsOn, on every question (a daily rule from
// 1900 took 0.3–0.6 s, asked per target on each PM run). But the dates a period selects depend
// only on where it lies in the calendar: the periods that start in one year depend only on the
// year's shape (leap or not, weekday of January 1; for BYWEEKNO also whether the year before
// was leap) and on the INTERVAL phase at its start. So each (shape, phase) is expanded once,
// and a series is its years with running counts. Building one takes one step per year up to
// the horizon (LocalDate years are 1900–2200, so at most 302) whatever the plan's age; every
// question is then a binary search. Every RRULE this module accepts is covered.

/** The occurrences of the periods that start in one year: base + offsets[from..to) (day numbers). */
interface SeriesYear {
  base: number;
  offsets: Int16Array;
  from: number;
  to: number;
}

interface RruleSeries {
  firstYear: number;
  years: SeriesYear[];
  /** before[i]: how many occurrences the years before years[i] hold (COUNT not applied). */
  before: number[];
  count: number | null;
}

// A series is about 300 years and their offsets as 16-bit numbers: at most some 50 kB.
const rruleSeries = new Memo<RruleSeries>(200);

const modulo = (value: number, divisor: number) => ((value % divisor) + divisor) % divisor;

/** Consecutive numbers for consecutive periods: the day number, week, month (year × 12 + month − 1) or year. */
function periodNumber(rule: ParsedRrule, day: number): number {
  switch (rule.freq) {
    case 'DAILY':
      return day;
    case 'WEEKLY':
      // A week starts on a day whose weekday is WKST, that is day ≡ WKST − 3 (mod 7).
      return (periodStart(rule, day) - rule.wkst + 3) / 7;
    case 'MONTHLY': {
      const { year, month } = civilFromDays(day);
      return year * 12 + month - 1;
    }
    case 'YEARLY':
      return civilFromDays(day).year;
  }
}

function firstDayOfPeriod(rule: ParsedRrule, period: number): number {
  switch (rule.freq) {
    case 'DAILY':
      return period;
    case 'WEEKLY':
      return period * 7 + rule.wkst - 3;
    case 'MONTHLY': {
      const year = Math.floor(period / 12);
      return daysFromCivil(year, period - year * 12 + 1, 1);
    }
    case 'YEARLY':
      return daysFromCivil(period, 1, 1);
  }
}

/** The first period that starts in `year` (a week may start in the year before). */
function firstPeriodOfYear(rule: ParsedRrule, year: number): number {
  const january1 = daysFromCivil(year, 1, 1);
  const period = periodNumber(rule, january1);
  return firstDayOfPeriod(rule, period) < january1 ? period + 1 : period;
}

/**
 * The days of `year` (by 0-based day of the year) that BYWEEKNO selects, computed as rrule.js
 * 2.8.1 (a port of python-dateutil) does, with its week 1 of the next year and last week of
 * the year before.
 */
function weekNumberDays(rule: ParsedRrule, weekNumbers: readonly number[], year: number): boolean[] {
  const january1 = daysFromCivil(year, 1, 1);
  const yearLength = isLeapYear(year) ? 366 : 365;
  const yearWeekday = weekdayOf(january1);
  const selected = new Array<boolean>(yearLength + 7).fill(false);
  const mark = (from: number) => {
    for (let day = from, step = 0; step < 7; step++) {
      selected[day] = true;
      day++;
      if (weekdayOf(january1 + day) === rule.wkst) break;
    }
  };
  const firstWeekStart = modulo(7 - yearWeekday + rule.wkst, 7);
  // Week 1 is the first week with at least 4 days in the year.
  const week1 = firstWeekStart >= 4 ? 0 : firstWeekStart;
  const weeksLength = firstWeekStart >= 4 ? yearLength + modulo(yearWeekday - rule.wkst, 7) : yearLength - week1;
  const weeks = Math.floor(Math.floor(weeksLength / 7) + modulo(weeksLength, 7) / 4);
  const shift = week1 !== firstWeekStart ? 7 - firstWeekStart : 0;
  for (const number of weekNumbers) {
    const n = number < 0 ? number + weeks + 1 : number;
    if (n > 0 && n <= weeks) mark(n > 1 ? week1 + (n - 1) * 7 - shift : week1);
  }
  if (weekNumbers.includes(1)) {
    const nextWeek1 = week1 + weeks * 7 - shift;
    if (nextWeek1 < yearLength) mark(nextWeek1);
  }
  if (week1 !== 0) {
    let lastWeeks = -1;
    if (!weekNumbers.includes(-1)) {
      const lastYearWeekday = weekdayOf(daysFromCivil(year - 1, 1, 1));
      const weekStart =
        modulo(7 - lastYearWeekday + rule.wkst, 7) >= 4
          ? (isLeapYear(year - 1) ? 366 : 365) + modulo(lastYearWeekday - rule.wkst, 7)
          : yearLength - week1;
      lastWeeks = Math.floor(52 + modulo(weekStart, 7) / 4);
    }
    if (weekNumbers.includes(lastWeeks)) selected.fill(true, 0, week1);
  }
  return selected;
}

/** The selected dates (as offsets from January 1) of periods firstPeriod, firstPeriod + INTERVAL, … that start in `year`. */
function expandYear(rule: ParsedRrule, implicit: { day: number; civil: Civil }, year: number, firstPeriod: number): Int16Array {
  const base = daysFromCivil(year, 1, 1);
  const endPeriod = firstPeriodOfYear(rule, year + 1);
  // The INTERVAL phase is the caller's: the filters check the rest, with the implicit parts.
  const filters: ParsedRrule = { ...rule, interval: 1 };
  const weekNumbers = rule.byWeekNo ? weekNumberDays(rule, rule.byWeekNo, year) : null;
  const offsets: number[] = [];
  for (let period = firstPeriod; period < endPeriod; period += rule.interval) {
    const dates: number[] = [];
    for (let day = firstDayOfPeriod(rule, period), end = firstDayOfPeriod(rule, period + 1); day < end; day++) {
      if (passesFilters(filters, day, implicit) && (!weekNumbers || weekNumbers[day - base])) dates.push(day);
    }
    for (const day of rule.bySetPos ? selectPositions(dates, rule.bySetPos) : dates) offsets.push(day - base);
  }
  return Int16Array.from(offsets);
}

function buildSeries(rule: ParsedRrule, start: number): RruleSeries {
  const implicit = { day: start, civil: civilFromDays(start) };
  const startPeriod = periodNumber(rule, start);
  const last = Math.min(rule.until ?? HORIZON_DAY, HORIZON_DAY);
  const firstYear = civilFromDays(periodStart(rule, start)).year;
  const series: RruleSeries = { firstYear, years: [], before: [0], count: rule.count };
  const expanded = new Map<string, Int16Array>();
  for (let year = firstYear, base = daysFromCivil(year, 1, 1); base <= last; base = daysFromCivil(++year, 1, 1)) {
    const firstPeriod = firstPeriodOfYear(rule, year);
    const phase = modulo(startPeriod - firstPeriod, rule.interval);
    const shape = `${Number(isLeapYear(year))}${weekdayOf(base)}${rule.byWeekNo ? Number(isLeapYear(year - 1)) : ''}:${phase}`;
    let offsets = expanded.get(shape);
    if (!offsets) {
      offsets = expandYear(rule, implicit, year, firstPeriod + phase);
      expanded.set(shape, offsets);
    }
    // Only the first and the last year are cut (periods before the start also fall in phase).
    let from = 0;
    let to = offsets.length;
    while (from < to && base + offsets[from]! < start) from++;
    while (to > from && base + offsets[to - 1]! > last) to--;
    series.years.push({ base, offsets, from, to });
    series.before.push(series.before[series.before.length - 1]! + to - from);
  }
  return series;
}

function seriesOf(compiled: Extract<CompiledRule, { kind: 'rrule' }>): RruleSeries {
  return rruleSeries.get(`${compiled.text}\n${compiled.start}`, () => buildSeries(compiled.rule, compiled.start));
}

/** Occurrence number k (0-based) as a day number, COUNT and UNTIL applied (not endsOn); null when there is none. */
function occurrenceAt(series: RruleSeries, k: number): number | null {
  const { years, before } = series;
  if ((series.count !== null && k >= series.count) || k >= before[years.length]!) return null;
  // The last year with before[i] ≤ k holds it.
  let low = 0;
  let high = years.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (before[middle]! <= k) low = middle;
    else high = middle - 1;
  }
  const year = years[low]!;
  return year.base + year.offsets[year.from + k - before[low]!]!;
}

/** The first occurrence on or after day `from`, with its number; COUNT and UNTIL applied (not endsOn). */
function occurrenceFrom(series: RruleSeries, from: number): { k: number; day: number } | null {
  const { years, before } = series;
  // The periods that start two years before `from`'s year end before it.
  for (let i = Math.max(0, civilFromDays(from).year - 1 - series.firstYear); i < years.length; i++) {
    const year = years[i]!;
    let low = year.from;
    let high = year.to;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (year.base + year.offsets[middle]! < from) low = middle + 1;
      else high = middle;
    }
    if (low === year.to) continue;
    const k = before[i]! + low - year.from;
    return series.count !== null && k >= series.count ? null : { k, day: year.base + year.offsets[low]! };
  }
  return null;
}

/** The k-th (0-based) nominal occurrence of a FIXED rule: for every/unit, startsOn + k × interval computed from startsOn (NOT chained: Jan 31 monthly gives Feb 28, Mar 31, Apr 30...); for an rrule, its k-th date. null when past endsOn (or the rrule's COUNT/UNTIL). */
export function nthOccurrence(rule: CalendarRule, k: number): string | null {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`the occurrence number must be a whole number of at least 0, got ${k}`);
  const compiled = compile(rule);
  if (compiled.kind === 'interval') {
    // Past the horizon already for any k beyond this: keeps the arithmetic in range.
    if (k > HORIZON_DAY - compiled.start) return null;
    const day = addIntervalDays(compiled.start, compiled.every, compiled.unit, k);
    return day <= compiled.end ? fromDay(day) : null;
  }
  const day = occurrenceAt(seriesOf(compiled), k);
  return day !== null && day <= compiled.end ? fromDay(day) : null;
}

/** The sequence number k of the first FIXED occurrence on or after `date` (to start a plan created mid-way, or to re-anchor); with its date. null when none (ended). */
export function firstOccurrenceOnOrAfter(rule: CalendarRule, date: string): { k: number; date: string } | null {
  const compiled = compile(rule);
  const target = toDay(date);
  if (compiled.kind === 'interval') {
    const { start, every, unit } = compiled;
    let k = 0;
    if (target > start) {
      if (unit === 'DAY' || unit === 'WEEK') {
        k = Math.ceil((target - start) / (every * (unit === 'WEEK' ? 7 : 1)));
      } else {
        const from = civilFromDays(start);
        const to = civilFromDays(target);
        const months = (to.year - from.year) * 12 + (to.month - from.month);
        k = Math.max(0, Math.floor(months / (every * (unit === 'YEAR' ? 12 : 1))));
        while (addIntervalDays(start, every, unit, k) < target) k++;
        while (k > 0 && addIntervalDays(start, every, unit, k - 1) >= target) k--;
      }
    }
    if (target > compiled.end) return null;
    const day = addIntervalDays(start, every, unit, k);
    return day <= compiled.end ? { k, date: fromDay(day) } : null;
  }
  const found = occurrenceFrom(seriesOf(compiled), target);
  return found && found.day <= compiled.end ? { k: found.k, date: fromDay(found.day) } : null;
}

/**
 * FLOATING: the next due date after a completion on local date `completedOn`: completedOn +
 * interval (null past endsOn). An rrule rule (always FIXED by the contract) answers its first
 * occurrence after `completedOn`.
 */
export function nextFloating(rule: CalendarRule, completedOn: string): string | null {
  const compiled = compile(rule);
  const completed = toDay(completedOn);
  if (compiled.kind === 'interval') {
    const day = addIntervalDays(completed, compiled.every, compiled.unit, 1);
    return day <= compiled.end ? fromDay(day) : null;
  }
  const next = occurrenceFrom(seriesOf(compiled), completed + 1);
  return next && next.day <= compiled.end ? fromDay(next.day) : null;
}

/**
 * Nominal occurrence dates in [from, to] (inclusive), at most `limit`, for FIXED rules; for
 * FLOATING rules project from `anchor` (the current next due date) by repeated intervals, each
 * counted from the previous projected date (as if every occurrence were completed on its due
 * date: Jan 31 monthly gives Feb 28, Mar 28...). A FLOATING rule without an anchor (undefined)
 * projects from startsOn; with a null anchor (waiting for a completion) it projects nothing.
 */
export function occurrencesBetween(rule: CalendarRule, from: string, to: string, limit: number, anchor?: string | null): string[] {
  const compiled = compile(rule);
  const first = toDay(from);
  const last = Math.min(toDay(to), compiled.end);
  const max = Math.floor(limit);
  if (!(max > 0) || first > last) return [];

  const result: string[] = [];
  if (compiled.kind === 'rrule') {
    const series = seriesOf(compiled);
    const start = occurrenceFrom(series, first);
    let day = start?.day ?? null;
    for (let k = start?.k ?? 0; day !== null && day <= last && result.length < max; day = occurrenceAt(series, ++k)) {
      result.push(fromDay(day));
    }
    return result;
  }

  const { every, unit } = compiled;
  if (!compiled.floating) {
    const start = firstOccurrenceOnOrAfter(rule, fromDay(first));
    if (!start) return [];
    for (let k = start.k; result.length < max; k++) {
      const day = addIntervalDays(compiled.start, every, unit, k);
      if (day > last) break;
      result.push(fromDay(day));
    }
    return result;
  }

  if (anchor === null) return [];
  let day = anchor === undefined ? compiled.start : toDay(anchor);
  if (day < first && (unit === 'DAY' || unit === 'WEEK')) {
    const step = every * (unit === 'WEEK' ? 7 : 1);
    day += Math.floor((first - day) / step) * step;
  }
  for (; day <= last && result.length < max; day = addIntervalDays(day, every, unit, 1)) {
    if (day >= first) result.push(fromDay(day));
  }
  return result;
}

/** Approximate interval length in days, for the compliance grace: DAY=every, WEEK=7×every, MONTH=30.436875×every, YEAR=365.2425×every; rrule: days between its first two occurrences (or 1). */
export function intervalDays(rule: CalendarRule): number {
  const compiled = compile(rule);
  if (compiled.kind === 'interval') {
    const factor = { DAY: 1, WEEK: 7, MONTH: 30.436875, YEAR: 365.2425 }[compiled.unit];
    return compiled.every * factor;
  }
  // The pattern's spacing, whatever endsOn says.
  const series = seriesOf(compiled);
  const first = occurrenceAt(series, 0);
  const second = occurrenceAt(series, 1);
  return first !== null && second !== null ? second - first : 1;
}

// ---------------------------------------------------------------------------------------------
// Holidays, compliance window, catch-up

/** The due date moved off a non-working day by the rule: NONE → unchanged; PREVIOUS/NEXT_WORKING_DAY → nearest working day before/after (searching at most 366 days; null if none); SKIP → null when the date is not a working day. */
export function applyHolidayRule(date: string, rule: HolidayRule, isWorkingDay: (date: string) => boolean): string | null {
  const day = toDay(date);
  switch (rule) {
    case 'NONE':
      return fromDay(day);
    case 'SKIP':
      return isWorkingDay(fromDay(day)) ? fromDay(day) : null;
    case 'PREVIOUS_WORKING_DAY':
    case 'NEXT_WORKING_DAY': {
      const direction = rule === 'NEXT_WORKING_DAY' ? 1 : -1;
      for (let step = 0; step <= 366; step++) {
        const candidate = fromDay(day + direction * step);
        if (isWorkingDay(candidate)) return candidate;
      }
      return null;
    }
  }
}

/** SMRP compliance window: the last compliant local date = due + min(floor(intervalDays × gracePercent / 100), graceMaxDays) days. */
export function windowEndDate(due: string, intervalDays: number, window: { gracePercent: number; graceMaxDays: number }): string {
  // The epsilon keeps products such as 35 × 20 / 100 from landing a hair under a whole day.
  const grace = Math.floor((intervalDays * window.gracePercent) / 100 + 1e-9);
  const days = Math.max(0, Math.min(grace, Math.floor(window.graceMaxDays)));
  if (!Number.isFinite(days)) throw new RangeError('the compliance window needs finite numbers');
  return addDays(due, days);
}

/** Catch-up after downtime: `pending` nominal dates already due (ascending). ALL → generate all (at most `cap`, default 52, the oldest first; the rest stay for the next run); LATEST → generate only the last, skip the others. */
export function catchUp(
  pending: readonly string[],
  policy: CatchUpPolicy,
  cap = 52,
): { generate: string[]; skip: string[]; deferred: string[] } {
  const dates = [...new Set(pending)].sort((a, b) => compareDates(a, b));
  if (policy === 'LATEST') return { generate: dates.slice(-1), skip: dates.slice(0, -1), deferred: [] };
  const take = Math.max(0, Math.floor(cap));
  return { generate: dates.slice(0, take), skip: [], deferred: dates.slice(take) };
}

// ---------------------------------------------------------------------------------------------
// Instants in the organization's time zone

const clocks = new Map<string, ZonedClock>();

function clockFor(timezone: string): ZonedClock {
  let clock = clocks.get(timezone);
  if (!clock) {
    clock = new ZonedClock(timezone);
    if (clocks.size >= 100) clocks.clear();
    clocks.set(timezone, clock);
  }
  return clock;
}

function instantOf(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid instant');
  return time;
}

/** The local date of an instant in an IANA zone. */
export function localDateOf(instant: Date, timezone: string): string {
  return fromDay(clockFor(timezone).localDay(instantOf(instant)));
}

/**
 * The instant a local date starts (00:00 local; DST-safe via ZonedClock): the first instant from
 * which the local date is never earlier. When midnight is skipped (a DST gap at 00:00) that is
 * the end of the gap; when midnight repeats (clocks going back over midnight), the second one.
 */
export function startOfLocalDate(date: string, timezone: string): Date {
  const day = toDay(date);
  const clock = clockFor(timezone);
  const midnight = day * DAY;
  // Offsets are constant within a UTC hour (ZonedClock's premise) and move by under 4 hours:
  // within each hour around local midnight, the instants still on an earlier local date are
  // those before midnight − offset.
  const center = Math.floor((midnight - clock.offset(midnight)) / HOUR) * HOUR;
  let start = center - 4 * HOUR;
  for (let hour = center - 4 * HOUR; hour <= center + 4 * HOUR; hour += HOUR) {
    const earlierUntil = Math.min(hour + HOUR, midnight - clock.offset(hour));
    if (earlierUntil > hour) start = Math.max(start, earlierUntil);
  }
  return new Date(start);
}

/** The last millisecond of a local date (start of the next local day − 1 ms): what a PM work order's dueDate and window end are stored as. */
export function endOfLocalDate(date: string, timezone: string): Date {
  return new Date(startOfLocalDate(addDays(date, 1), timezone).getTime() - 1);
}

// ---------------------------------------------------------------------------------------------
// Meters

/** Meters. COUNTER every-N: with the interval counting from `base`, does `value` reach base + every? Then the next base is on the fixed grid: base + every × floor((value − base) / every), and `reached` is the first crossed mark (base + every). */
export function meterIntervalReached(base: number, every: number, value: number): { reached: number; nextBase: number } | null {
  if (!(every > 0) || !Number.isFinite(every)) throw new RangeError(`a meter interval must be a positive number, got ${every}`);
  if (!Number.isFinite(base) || !Number.isFinite(value)) return null;
  // The epsilon absorbs binary fractions: base 0.1, every 0.2 reaches its mark at 0.3.
  const marks = Math.floor((value - base) / every + 1e-9);
  if (marks < 1) return null;
  return { reached: base + every, nextBase: base + every * marks };
}

/**
 * Condition trigger: true when `value` enters the condition (above → value > above; below →
 * value < below; with both, either). Each limit is an alarm of its own: `value` enters when it
 * is past a limit that `previous` was not past (previous null counts as past neither). So a
 * band (above 90 or below 10) fires again when a reading jumps from one side straight to the
 * other: too cold is a new fault, not more of too hot.
 */
export function conditionEntered(trigger: { above?: number; below?: number }, previous: number | null, value: number): boolean {
  const aboveLimit = (reading: number) => trigger.above !== undefined && reading > trigger.above;
  const belowLimit = (reading: number) => trigger.below !== undefined && reading < trigger.below;
  return (
    (aboveLimit(value) && (previous === null || !aboveLimit(previous))) ||
    (belowLimit(value) && (previous === null || !belowLimit(previous)))
  );
}
