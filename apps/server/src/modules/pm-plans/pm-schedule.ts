/**
 * Preventive-maintenance scheduling arithmetic: calendar rules (every N units or an RFC 5545
 * RRULE), fixed and floating series, holiday shifts, compliance windows, catch-up after
 * downtime, and meter triggers. Pure: dates are the organization's local days as 'YYYY-MM-DD'
 * strings, and only `localDateOf` / `startOfLocalDate` / `endOfLocalDate` touch instants.
 */
import type { CalendarUnit, CatchUpPolicy, HolidayRule } from '@msched/contracts';
import { DAY, HOUR, ZonedClock } from '../../platform/time/zoned-clock';
import { HORIZON_DAY, addDays, addIntervalDays, civilFromDays, compareDates, fromDay, toDay } from './local-days';
import { type CompiledRrule, parseRrule } from './rrule-rules';
import { occurrenceAt, occurrenceFrom, seriesOf } from './rrule-series';
import { eachOccurrence } from './rrule-walk';

export { SCHEDULE_HORIZON, addDays, addInterval, compareDates } from './local-days';
export { validateRrule } from './rrule-rules';

export interface CalendarRule {
  every?: number;
  unit?: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
  rrule?: string;
  startsOn: string;
  endsOn?: string | null;
  mode: 'FIXED' | 'FLOATING';
}

// ---------------------------------------------------------------------------------------------
// Calendar rules

type CompiledRule = { kind: 'interval'; every: number; unit: CalendarUnit; start: number; end: number; floating: boolean } | CompiledRrule;

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

/**
 * The reference the scheduler is held to: an rrule's occurrences on or before endsOn (with
 * their 0-based numbers), walked from startsOn with rrule.js. Its cost grows with the plan's
 * age (about 6 µs a day for FREQ=DAILY), so production code answers from the series (rrule-series.ts)
 * instead; the spec compares the two over random rules.
 */
export function walkRrule(rule: CalendarRule, visit: (date: string, index: number) => boolean): void {
  const compiled = compile(rule);
  if (compiled.kind !== 'rrule') throw new Error('walkRrule needs an rrule');
  eachOccurrence(compiled, (day, index) => visit(fromDay(day), index));
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
