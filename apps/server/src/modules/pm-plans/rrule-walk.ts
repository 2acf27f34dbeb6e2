/**
 * The reference walk of an rrule's occurrences with rrule.js. Production code answers from the
 * series (rrule-series.ts); the spec holds the two equal.
 */
import { Frequency, RRule, Weekday } from 'rrule';
import { DAY } from '../../platform/time/zoned-clock';
import { HORIZON_DAY, civilFromDays, daysFromCivil, daysInMonth, weekdayOf } from './local-days';
import {
  type CompiledRrule,
  Memo,
  type ParsedRrule,
  type RruleFrequency,
  firstPossibleDay,
  periodStart,
  selectPositions,
} from './rrule-rules';

const FREQUENCIES: Record<RruleFrequency, Frequency> = {
  YEARLY: Frequency.YEARLY,
  MONTHLY: Frequency.MONTHLY,
  WEEKLY: Frequency.WEEKLY,
  DAILY: Frequency.DAILY,
};

const firstCandidates = new Memo<number | null>(2000);

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

/**
 * Visits the occurrences of an rrule in order (with their 0-based number) until `visit` answers
 * false. rrule.js expands the periods; BYSETPOS, COUNT and UNTIL are applied here, because
 * rrule.js 2.8.1 repeats a date that two positions select and lets a negative position beyond a
 * period's dates select its first one. The implicit parts (the weekday, day of month or month of
 * startsOn) are passed explicitly, so rrule.js can start at the first day of startsOn's period:
 * BYSETPOS counts a period's dates from there, even those before startsOn.
 */
export function eachOccurrence(compiled: CompiledRrule, visit: (day: number, index: number) => boolean): void {
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
