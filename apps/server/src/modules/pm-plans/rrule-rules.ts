/**
 * RRULE: parsed strictly here (rrule.js accepts nonsense such as FREQ=FOO or BYDAY=XX), with the
 * date filters a rule's dates pass. Dates are "floating": the scheduler computes them a year at a
 * time from the calendar (rrule-series.ts), held equal to rrule.js's walk over 00:00 UTC of each
 * local day (rrule-walk.ts).
 */
import { type Civil, civilFromDays, daysFromCivil, daysInMonth, isLeapYear, toDay, weekdayOf } from './local-days';

export type RruleFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface ParsedRrule {
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

/** An rrule with its start and end (day numbers, endsOn or the horizon). */
export interface CompiledRrule {
  kind: 'rrule';
  text: string;
  rule: ParsedRrule;
  start: number;
  end: number;
}

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQUENCIES: readonly string[] = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] satisfies RruleFrequency[];
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
  if (!FREQUENCIES.includes(freqText)) throw new RruleError(`FREQ '${freqText}' must be DAILY, WEEKLY, MONTHLY or YEARLY`);
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
export function passesFilters(rule: ParsedRrule, day: number, start: { day: number; civil: Civil } | null): boolean {
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
export function periodStart(rule: ParsedRrule, day: number): number {
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
export function firstPossibleDay(
  rule: ParsedRrule,
  notBefore: number,
  to: number,
  start: { day: number; civil: Civil } | null,
): number | null {
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
export class Memo<V> {
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

export function parseRrule(rrule: string): ParsedRrule | string {
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

/** BYSETPOS over one period's dates (ascending): RFC 5545 positions, out-of-range ones select nothing. */
export function selectPositions(dates: readonly number[], positions: readonly number[]): number[] {
  const selected = new Set<number>();
  for (const position of positions) {
    const date = dates[position > 0 ? position - 1 : dates.length + position];
    if (date !== undefined) selected.add(date);
  }
  return [...selected].sort((a, b) => a - b);
}
