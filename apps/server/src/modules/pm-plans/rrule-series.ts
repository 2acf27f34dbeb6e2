/**
 * RRULE series a calendar year at a time (what the scheduler and the forecast use).
 *
 * The reference walk (rrule-walk.ts) costs one step per day since startsOn, on every question (a daily rule from
 * 1900 took 0.3–0.6 s, asked per target on each PM run). But the dates a period selects depend
 * only on where it lies in the calendar: the periods that start in one year depend only on the
 * year's shape (leap or not, weekday of January 1; for BYWEEKNO also whether the year before
 * was leap) and on the INTERVAL phase at its start. So each (shape, phase) is expanded once,
 * and a series is its years with running counts. Building one takes one step per year up to
 * the horizon (LocalDate years are 1900–2200, so at most 302) whatever the plan's age; every
 * question is then a binary search. Every RRULE this module accepts is covered.
 */
import { type Civil, HORIZON_DAY, civilFromDays, daysFromCivil, isLeapYear, weekdayOf } from './local-days';
import { type CompiledRrule, Memo, type ParsedRrule, passesFilters, periodStart, selectPositions } from './rrule-rules';

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

export function seriesOf(compiled: CompiledRrule): RruleSeries {
  return rruleSeries.get(`${compiled.text}\n${compiled.start}`, () => buildSeries(compiled.rule, compiled.start));
}

/** Occurrence number k (0-based) as a day number, COUNT and UNTIL applied (not endsOn); null when there is none. */
export function occurrenceAt(series: RruleSeries, k: number): number | null {
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
export function occurrenceFrom(series: RruleSeries, from: number): { k: number; day: number } | null {
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
