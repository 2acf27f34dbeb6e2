import fc from 'fast-check';
import { RRule } from 'rrule';
import { describe, expect, it, vi } from 'vitest';
import {
  type CalendarRule,
  SCHEDULE_HORIZON,
  addDays,
  addInterval,
  applyHolidayRule,
  catchUp,
  compareDates,
  conditionEntered,
  endOfLocalDate,
  firstOccurrenceOnOrAfter,
  intervalDays,
  localDateOf,
  meterIntervalReached,
  nextFloating,
  nthOccurrence,
  occurrencesBetween,
  startOfLocalDate,
  validateRrule,
  walkRrule,
  windowEndDate,
} from './pm-schedule';

const HOUR = 3_600_000;
const UNITS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;

const fixed = (every: number, unit: CalendarRule['unit'], startsOn: string, endsOn?: string): CalendarRule => ({
  every,
  unit,
  startsOn,
  endsOn: endsOn ?? null,
  mode: 'FIXED',
});
const floating = (every: number, unit: CalendarRule['unit'], startsOn: string, endsOn?: string): CalendarRule => ({
  ...fixed(every, unit, startsOn, endsOn),
  mode: 'FLOATING',
});
const byRrule = (rrule: string, startsOn: string, endsOn?: string): CalendarRule => ({
  rrule,
  startsOn,
  endsOn: endsOn ?? null,
  mode: 'FIXED',
});
const series = (rule: CalendarRule, count: number) => Array.from({ length: count }, (_, k) => nthOccurrence(rule, k));

/** Saturday and Sunday off (UTC weekday of the date itself). */
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** A local date between two years, as an fc arbitrary. */
const localDate = (fromYear: number, toYear: number) =>
  fc
    .date({ min: new Date(Date.UTC(fromYear, 0, 1)), max: new Date(Date.UTC(toYear, 11, 31)), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

describe('local date arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('compares dates', () => {
    expect(compareDates('2026-01-31', '2026-02-01')).toBe(-1);
    expect(compareDates('2026-02-01', '2026-02-01')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('rejects what is not a real YYYY-MM-DD date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(/not a local date/);
    expect(() => addDays('2026-2-3', 1)).toThrow(/not a local date/);
    expect(() => addInterval('2026-01-01', 1.5, 'DAY')).toThrow(/whole number/);
  });
});

describe('month ends', () => {
  it('Jan 31 monthly FIXED gives Feb 28 (2027), Mar 31, Apr 30: each counted from startsOn, not chained', () => {
    expect(series(fixed(1, 'MONTH', '2027-01-31'), 5)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
  });

  it('Jan 31 monthly FIXED gives Feb 29 in a leap year (2028)', () => {
    expect(series(fixed(1, 'MONTH', '2028-01-31'), 3)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  it('addInterval clamps to the month’s last day', () => {
    expect(addInterval('2027-01-31', 1, 'MONTH')).toBe('2027-02-28');
    expect(addInterval('2028-01-31', 1, 'MONTH')).toBe('2028-02-29');
    expect(addInterval('2027-01-31', 1, 'MONTH', 3)).toBe('2027-04-30');
    expect(addInterval('2027-03-31', 1, 'MONTH', -1)).toBe('2027-02-28');
    expect(addInterval('2026-08-31', 3, 'MONTH', 2)).toBe('2027-02-28');
  });

  it('chained FLOATING from Feb 28 is due Mar 28 (the day of month does not come back)', () => {
    expect(nextFloating(floating(1, 'MONTH', '2027-01-31'), '2027-02-28')).toBe('2027-03-28');
  });
});

describe('leap years', () => {
  const rule = fixed(1, 'YEAR', '2028-02-29');

  it('Feb 29 yearly falls on Feb 28 in common years and on Feb 29 again in the next leap year', () => {
    expect(series(rule, 5)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });

  it('addInterval of a year from Feb 29 clamps, and four years land on Feb 29', () => {
    expect(addInterval('2024-02-29', 1, 'YEAR')).toBe('2025-02-28');
    expect(addInterval('2024-02-29', 4, 'YEAR')).toBe('2028-02-29');
    expect(addInterval('2096-02-29', 4, 'YEAR')).toBe('2100-02-28'); // 2100 is not a leap year
  });

  it('FLOATING Feb 29 yearly completed on time drifts to Feb 28 for good', () => {
    expect(nextFloating(floating(1, 'YEAR', '2028-02-29'), '2028-02-29')).toBe('2029-02-28');
    expect(nextFloating(floating(1, 'YEAR', '2028-02-29'), '2031-02-28')).toBe('2032-02-28');
  });
});

describe('weekly and daily', () => {
  it('every 2 weeks from a Monday stays on Mondays', () => {
    const rule = fixed(2, 'WEEK', '2026-01-05');
    expect(series(rule, 3)).toEqual(['2026-01-05', '2026-01-19', '2026-02-02']);
    expect(nthOccurrence(rule, 10)).toBe('2026-05-25'); // + 140 days
  });

  it('every 3 days crosses the year end', () => {
    expect(series(fixed(3, 'DAY', '2026-12-30'), 3)).toEqual(['2026-12-30', '2027-01-02', '2027-01-05']);
  });

  it('daily steps over Feb 28 in a common year', () => {
    expect(nthOccurrence(fixed(1, 'DAY', '2026-02-27'), 2)).toBe('2026-03-01');
  });

  it('firstOccurrenceOnOrAfter starts a plan created mid-way on the next occurrence', () => {
    const weekly = fixed(2, 'WEEK', '2026-01-05');
    expect(firstOccurrenceOnOrAfter(weekly, '2025-06-01')).toEqual({ k: 0, date: '2026-01-05' });
    expect(firstOccurrenceOnOrAfter(weekly, '2026-01-06')).toEqual({ k: 1, date: '2026-01-19' });
    expect(firstOccurrenceOnOrAfter(weekly, '2026-01-19')).toEqual({ k: 1, date: '2026-01-19' });
    const monthly = fixed(1, 'MONTH', '2027-01-31');
    expect(firstOccurrenceOnOrAfter(monthly, '2027-02-28')).toEqual({ k: 1, date: '2027-02-28' });
    expect(firstOccurrenceOnOrAfter(monthly, '2027-03-01')).toEqual({ k: 2, date: '2027-03-31' });
    expect(firstOccurrenceOnOrAfter(fixed(2, 'YEAR', '2026-06-15'), '2029-01-01')).toEqual({ k: 2, date: '2030-06-15' });
  });
});

describe('endsOn', () => {
  const rule = fixed(1, 'MONTH', '2026-01-15', '2026-04-15');

  it('the last occurrence may fall on endsOn; the next one is null', () => {
    expect(nthOccurrence(rule, 3)).toBe('2026-04-15');
    expect(nthOccurrence(rule, 4)).toBeNull();
    expect(firstOccurrenceOnOrAfter(rule, '2026-04-16')).toBeNull();
  });

  it('a FLOATING rule ends too', () => {
    expect(nextFloating(floating(1, 'MONTH', '2026-01-15', '2026-04-15'), '2026-03-20')).toBeNull();
    expect(nextFloating(floating(1, 'MONTH', '2026-01-15', '2026-04-15'), '2026-03-15')).toBe('2026-04-15');
  });

  it('nothing is scheduled past the horizon', () => {
    expect(nthOccurrence(fixed(1, 'YEAR', '2199-05-01'), 1)).toBe('2200-05-01');
    expect(nthOccurrence(fixed(1, 'YEAR', '2199-05-01'), 2)).toBeNull();
    expect(nthOccurrence(fixed(1, 'DAY', '2026-01-01'), 1e9)).toBeNull();
    expect(SCHEDULE_HORIZON).toBe('2200-12-31');
  });
});

describe('FIXED vs FLOATING after late and early completion', () => {
  const base = { every: 1, unit: 'MONTH' as const, startsOn: '2026-01-10', endsOn: null };

  it('FIXED ignores the completion: the next due date is the next nominal occurrence', () => {
    const rule: CalendarRule = { ...base, mode: 'FIXED' };
    // Occurrence 0 is due Jan 10; completed late on Jan 20 or early on Jan 5, occurrence 1 stays Feb 10.
    expect(nthOccurrence(rule, 1)).toBe('2026-02-10');
    expect(firstOccurrenceOnOrAfter(rule, '2026-01-21')).toEqual({ k: 1, date: '2026-02-10' });
  });

  it('FLOATING counts from the completion date', () => {
    const rule: CalendarRule = { ...base, mode: 'FLOATING' };
    expect(nextFloating(rule, '2026-01-20')).toBe('2026-02-20'); // late
    expect(nextFloating(rule, '2026-01-05')).toBe('2026-02-05'); // early
  });
});

describe('occurrencesBetween', () => {
  it('FIXED: nominal dates in the range, at most limit', () => {
    const rule = fixed(1, 'MONTH', '2027-01-31');
    expect(occurrencesBetween(rule, '2027-02-01', '2027-06-30', 10)).toEqual([
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
    ]);
    expect(occurrencesBetween(rule, '2027-02-01', '2027-06-30', 2)).toEqual(['2027-02-28', '2027-03-31']);
    expect(occurrencesBetween(rule, '2027-03-31', '2027-03-31', 5)).toEqual(['2027-03-31']);
    expect(occurrencesBetween(rule, '2027-03-01', '2027-03-30', 5)).toEqual([]);
    expect(occurrencesBetween(rule, '2027-02-01', '2027-06-30', 0)).toEqual([]);
  });

  it('FIXED: stops at endsOn', () => {
    const rule = fixed(1, 'MONTH', '2027-01-31', '2027-04-30');
    expect(occurrencesBetween(rule, '2027-01-01', '2027-12-31', 10)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
  });

  it('FLOATING: projects from the anchor, each interval from the previous projected date', () => {
    const rule = floating(1, 'MONTH', '2027-01-31');
    expect(occurrencesBetween(rule, '2027-01-01', '2027-05-31', 10, '2027-01-31')).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-28',
      '2027-04-28',
      '2027-05-28',
    ]);
    expect(occurrencesBetween(rule, '2027-03-01', '2027-05-31', 10, '2027-01-31')).toEqual(['2027-03-28', '2027-04-28', '2027-05-28']);
    expect(occurrencesBetween(rule, '2027-01-01', '2027-05-31', 3, '2027-01-31')).toEqual(['2027-01-31', '2027-02-28', '2027-03-28']);
  });

  it('FLOATING: no anchor given projects from startsOn; a null anchor (waiting for a completion) projects nothing', () => {
    const rule = floating(1, 'MONTH', '2027-01-31');
    expect(occurrencesBetween(rule, '2027-01-01', '2027-03-31', 10)).toEqual(['2027-01-31', '2027-02-28', '2027-03-28']);
    expect(occurrencesBetween(rule, '2027-01-01', '2027-03-31', 10, null)).toEqual([]);
  });

  it('FLOATING: weekly from an old anchor, and endsOn', () => {
    expect(occurrencesBetween(floating(1, 'WEEK', '2026-01-05'), '2026-03-01', '2026-03-31', 10, '2026-01-05')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    expect(occurrencesBetween(floating(1, 'WEEK', '2026-01-05', '2026-03-20'), '2026-03-01', '2026-03-31', 10, '2026-03-02')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
  });
});

describe('rrule', () => {
  it('FREQ=MONTHLY;BYDAY=1MO: first Mondays', () => {
    expect(series(byRrule('FREQ=MONTHLY;BYDAY=1MO', '2026-01-01'), 5)).toEqual([
      '2026-01-05',
      '2026-02-02',
      '2026-03-02',
      '2026-04-06',
      '2026-05-04',
    ]);
  });

  it('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH: Tuesday and Thursday every other week', () => {
    const rule = byRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', '2026-01-05');
    expect(series(rule, 6)).toEqual(['2026-01-06', '2026-01-08', '2026-01-20', '2026-01-22', '2026-02-03', '2026-02-05']);
    expect(firstOccurrenceOnOrAfter(rule, '2026-01-09')).toEqual({ k: 2, date: '2026-01-20' });
    expect(occurrencesBetween(rule, '2026-01-09', '2026-03-01', 3)).toEqual(['2026-01-20', '2026-01-22', '2026-02-03']);
  });

  it('last Friday and last day of the month', () => {
    expect(series(byRrule('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-01'), 3)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
    expect(series(byRrule('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-01'), 3)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });

  it('BYSETPOS: the last weekday of the month', () => {
    expect(series(byRrule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-01'), 3)).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-31',
    ]);
    const twice = byRrule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2', '2026-01-01');
    expect(series(twice, 3)).toEqual(['2026-01-30', '2026-02-27', null]);
  });

  it('BYSETPOS counts a period’s dates from its first day, also before startsOn', () => {
    // The first weekday of January 2026 is Jan 1, before startsOn: January has no occurrence.
    expect(series(byRrule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1', '2026-01-15'), 3)).toEqual([
      '2026-02-02',
      '2026-03-02',
      '2026-04-01',
    ]);
    // The same for a week (from WKST, Monday): the first of Monday and Saturday is the Monday, every
    // week; the week of Saturday 2026-01-03 began on Monday 2025-12-29, before startsOn. (rrule.js
    // cuts the first week at its start date and would begin with Saturday 2026-01-03.)
    expect(series(byRrule('FREQ=WEEKLY;BYDAY=MO,SA;BYSETPOS=1', '2026-01-03'), 2)).toEqual(['2026-01-05', '2026-01-12']);
  });

  it('BYSETPOS follows RFC 5545 where rrule.js 2.8.1 does not: no repeats, out-of-range positions select nothing', () => {
    // rrule.js gives each 15th twice.
    expect(series(byRrule('FREQ=MONTHLY;BYMONTHDAY=15;BYSETPOS=1,-1', '2026-01-01'), 3)).toEqual([
      '2026-01-15',
      '2026-02-15',
      '2026-03-15',
    ]);
    // Mondays on the 1st, 8th or 10th; the second-to-last needs two of them: only months starting on a Monday
    // (rrule.js also picks a lone Monday 10th, such as 2026-08-10).
    expect(series(byRrule('FREQ=MONTHLY;BYMONTHDAY=1,8,10;BYDAY=MO;BYSETPOS=-2', '2026-01-01'), 3)).toEqual([
      '2026-06-01',
      '2027-02-01',
      '2027-03-01',
    ]);
  });

  it('BYWEEKNO: the Monday of ISO week 20', () => {
    expect(series(byRrule('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', '2026-01-01'), 2)).toEqual(['2026-05-11', '2027-05-17']);
  });

  it('COUNT ends the series', () => {
    const rule = byRrule('FREQ=MONTHLY;BYDAY=1MO;COUNT=3', '2026-01-01');
    expect(nthOccurrence(rule, 2)).toBe('2026-03-02');
    expect(nthOccurrence(rule, 3)).toBeNull();
    expect(firstOccurrenceOnOrAfter(rule, '2026-03-03')).toBeNull();
  });

  it('UNTIL ends the series, inclusive', () => {
    const rule = byRrule('FREQ=WEEKLY;BYDAY=FR;UNTIL=20260130', '2026-01-01');
    expect(occurrencesBetween(rule, '2026-01-01', '2026-12-31', 100)).toEqual([
      '2026-01-02',
      '2026-01-09',
      '2026-01-16',
      '2026-01-23',
      '2026-01-30',
    ]);
    expect(nthOccurrence(rule, 5)).toBeNull();
    expect(nthOccurrence(byRrule('FREQ=WEEKLY;BYDAY=FR;UNTIL=20260130T235959Z', '2026-01-01'), 4)).toBe('2026-01-30');
  });

  it('endsOn ends an rrule series too', () => {
    const rule = byRrule('FREQ=MONTHLY;BYDAY=1MO', '2026-01-01', '2026-03-01');
    expect(nthOccurrence(rule, 1)).toBe('2026-02-02');
    expect(nthOccurrence(rule, 2)).toBeNull();
  });

  it('a yearly rrule from Feb 29 keeps to Feb 29 (RFC 5545 skips the common years, unlike every/unit)', () => {
    expect(series(byRrule('FREQ=YEARLY', '2028-02-29'), 2)).toEqual(['2028-02-29', '2032-02-29']);
  });

  it('a start whose implicit parts never match has no occurrence', () => {
    // YEARLY;BYMONTH=2 takes the day of month from startsOn: Feb 30 does not exist.
    expect(nthOccurrence(byRrule('FREQ=YEARLY;BYMONTH=2', '2026-01-30'), 0)).toBeNull();
    expect(nthOccurrence(byRrule('FREQ=DAILY;INTERVAL=7;BYDAY=TU', '2026-01-05'), 0)).toBeNull(); // Mondays only
    expect(nthOccurrence(byRrule('FREQ=MONTHLY;INTERVAL=4;BYMONTH=8', '2026-01-15'), 0)).toBeNull(); // Jan, May, Sep
    // WEEKLY takes the weekday from startsOn: one date a week, so BYSETPOS=3 never selects one.
    expect(occurrencesBetween(byRrule('FREQ=WEEKLY;BYMONTH=3,11;BYSETPOS=3', '2026-01-07'), '2026-01-01', '2030-12-31', 5)).toEqual([]);
  });

  it('nextFloating on an rrule answers its next occurrence after the completion', () => {
    expect(nextFloating(byRrule('FREQ=MONTHLY;BYDAY=1MO', '2026-01-01'), '2026-02-10')).toBe('2026-03-02');
  });

  it('intervalDays of an rrule: days between its first two occurrences', () => {
    expect(intervalDays(byRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', '2026-01-05'))).toBe(2);
    expect(intervalDays(byRrule('FREQ=MONTHLY;BYDAY=1MO', '2026-01-01'))).toBe(28);
    expect(intervalDays(byRrule('FREQ=MONTHLY;COUNT=1', '2026-01-01'))).toBe(1);
  });

  it('validateRrule accepts valid rules, with or without the RRULE: prefix and in any case', () => {
    for (const rrule of [
      'FREQ=MONTHLY;BYDAY=1MO',
      'RRULE:FREQ=DAILY',
      'freq=weekly;byday=mo,fr',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;WKST=SU',
      'FREQ=DAILY;COUNT=10000',
    ]) {
      expect(validateRrule(rrule)).toBeNull();
    }
  });

  it.each([
    // 29 February on a Monday: leap years that start on a Friday (2016, 2044, …).
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', '2016-02-29'],
    // 31 December as day 366 on a Sunday: leap years that start on a Saturday (2000, 2028, …).
    ['FREQ=YEARLY;BYYEARDAY=366;BYDAY=SU', '2000-12-31'],
    // The fifth Monday of a February: leap years that start on a Friday.
    ['FREQ=MONTHLY;BYMONTH=2;BYDAY=5MO', '2016-02-29'],
    // The fifth Monday of February again, as a BYSETPOS position of its Mondays.
    ['FREQ=MONTHLY;BYMONTH=2;BYDAY=MO;BYSETPOS=5', '2016-02-29'],
  ])('validateRrule accepts %j, whose dates need a rare year shape (first: %s)', (rrule, first) => {
    expect(validateRrule(rrule)).toBeNull();
    expect(nthOccurrence(byRrule(rrule, '2000-01-01'), 0)).toBe(first);
  });

  it.each([
    ['FREQ=FORTNIGHTLY', /FREQ 'FORTNIGHTLY' must be DAILY, WEEKLY, MONTHLY or YEARLY/],
    ['BYDAY=MO', /FREQ is missing/],
    ['', /empty/],
    ['FREQ=HOURLY', /not supported: a PM plan schedules whole days/],
    ['FREQ=DAILY;BYHOUR=8', /BYHOUR is not supported/],
    ['FREQ=MONTHLY;BYDAY=XX', /BYDAY value 'XX'/],
    ['FREQ=MONTHLY;BYDAY=0MO', /BYDAY ordinal/],
    ['FREQ=WEEKLY;BYDAY=1MO', /ordinals .* need FREQ=MONTHLY or FREQ=YEARLY/],
    ['FREQ=MONTHLY;INTERVAL=0', /INTERVAL value '0'/],
    ['FREQ=MONTHLY;COUNT=2.5', /COUNT value '2.5'/],
    ['FREQ=MONTHLY;COUNT=10001', /COUNT value '10001' must be 1 to 10000/],
    ['FREQ=MONTHLY;FOO=1', /unknown rrule part 'FOO'/],
    ['FREQ=MONTHLY;FREQ=DAILY', /FREQ is given twice/],
    ['FREQ=MONTHLY;UNTIL=2026-12-31', /UNTIL '2026-12-31' must be a date as YYYYMMDD/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20261231', /COUNT or UNTIL, not both/],
    ['FREQ=MONTHLY;BYWEEKNO=3', /BYWEEKNO needs FREQ=YEARLY/],
    ['FREQ=WEEKLY;BYMONTHDAY=1', /BYMONTHDAY does not combine with FREQ=WEEKLY/],
    ['FREQ=MONTHLY;BYSETPOS=1', /BYSETPOS needs another BY/],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /never falls on a date/],
    ['FREQ=MONTHLY;BYDAY=6MO', /never falls on a date/],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6', /BYSETPOS never selects a date: no monthly period has that many/],
    ['FREQ=MONTHLY;BYDAY=TH,3TU', /mixes weekdays with and without ordinals/],
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', /single RRULE line/],
    ['FREQ=DAILY;TZID=Europe/Berlin', /TZID is not allowed/],
  ])('validateRrule(%j) explains what is wrong', (rrule, message) => {
    expect(validateRrule(rrule)).toMatch(/^invalid rrule: /);
    expect(validateRrule(rrule)).toMatch(message);
  });

  it('an invalid rrule throws an Error carrying the same message', () => {
    const rule = byRrule('FREQ=MONTHLY;BYDAY=XX', '2026-01-01');
    expect(() => nthOccurrence(rule, 0)).toThrow(validateRrule('FREQ=MONTHLY;BYDAY=XX')!);
    expect(() => occurrencesBetween(rule, '2026-01-01', '2026-12-31', 10)).toThrow(Error);
    expect(() => intervalDays(rule)).toThrow(/BYDAY value 'XX'/);
  });

  it('a rule with neither every/unit nor rrule is an error', () => {
    expect(() => nthOccurrence({ startsOn: '2026-01-01', mode: 'FIXED' }, 0)).toThrow(/every and unit, or an rrule/);
  });
});

describe('intervalDays', () => {
  it('approximates the interval per unit', () => {
    expect(intervalDays(fixed(3, 'DAY', '2026-01-01'))).toBe(3);
    expect(intervalDays(fixed(2, 'WEEK', '2026-01-01'))).toBe(14);
    expect(intervalDays(fixed(1, 'MONTH', '2026-01-01'))).toBe(30.436875);
    expect(intervalDays(fixed(2, 'YEAR', '2026-01-01'))).toBe(730.485);
  });
});

describe('windowEndDate', () => {
  const smrp = { gracePercent: 20, graceMaxDays: 28 };

  it('monthly at 20 %: floor(6.09) = 6 days of grace', () => {
    expect(windowEndDate('2026-03-31', intervalDays(fixed(1, 'MONTH', '2026-01-31')), smrp)).toBe('2026-04-06');
  });

  it('yearly at 20 % (73 days) is capped at 28 days', () => {
    expect(windowEndDate('2026-12-20', intervalDays(fixed(1, 'YEAR', '2026-12-20')), smrp)).toBe('2027-01-17');
  });

  it('0 % means the due date itself; weekly 20 % is 1 day; quarterly 20 % is 18 days', () => {
    expect(windowEndDate('2026-03-31', 30.436875, { gracePercent: 0, graceMaxDays: 28 })).toBe('2026-03-31');
    expect(windowEndDate('2026-03-31', 7, smrp)).toBe('2026-04-01');
    expect(windowEndDate('2026-03-31', intervalDays(fixed(3, 'MONTH', '2026-01-01')), smrp)).toBe('2026-04-18');
  });

  it('a whole-day product is not lost to floating point (35 × 20 % = 7)', () => {
    expect(windowEndDate('2026-01-01', 35, smrp)).toBe('2026-01-08');
  });
});

describe('holiday rule', () => {
  // Dec 2026: Thu 24 (holiday), Fri 25 (holiday), Sat 26, Sun 27, Mon 28 (company holiday), Tue 29.
  const holidays = new Set(['2026-12-24', '2026-12-25', '2026-12-28']);
  const isWorkingDay = (date: string) => !isWeekend(date) && !holidays.has(date);

  it('PREVIOUS_WORKING_DAY goes back over the whole weekend + holiday cluster', () => {
    expect(applyHolidayRule('2026-12-26', 'PREVIOUS_WORKING_DAY', isWorkingDay)).toBe('2026-12-23');
    expect(applyHolidayRule('2026-12-28', 'PREVIOUS_WORKING_DAY', isWorkingDay)).toBe('2026-12-23');
  });

  it('NEXT_WORKING_DAY goes forward over the whole cluster', () => {
    expect(applyHolidayRule('2026-12-24', 'NEXT_WORKING_DAY', isWorkingDay)).toBe('2026-12-29');
    expect(applyHolidayRule('2026-12-26', 'NEXT_WORKING_DAY', isWorkingDay)).toBe('2026-12-29');
  });

  it('SKIP drops a date that is not a working day', () => {
    expect(applyHolidayRule('2026-12-25', 'SKIP', isWorkingDay)).toBeNull();
    expect(applyHolidayRule('2026-12-29', 'SKIP', isWorkingDay)).toBe('2026-12-29');
  });

  it('NONE leaves the date, and a working day stays put under every rule', () => {
    expect(applyHolidayRule('2026-12-25', 'NONE', isWorkingDay)).toBe('2026-12-25');
    for (const rule of ['NONE', 'PREVIOUS_WORKING_DAY', 'NEXT_WORKING_DAY', 'SKIP'] as const) {
      expect(applyHolidayRule('2026-12-23', rule, isWorkingDay)).toBe('2026-12-23');
    }
  });

  it('gives up after 366 days without a working day', () => {
    expect(applyHolidayRule('2026-12-25', 'NEXT_WORKING_DAY', () => false)).toBeNull();
    expect(applyHolidayRule('2026-12-25', 'PREVIOUS_WORKING_DAY', (date) => date === '2025-12-24')).toBe('2025-12-24'); // 366 days back
    expect(applyHolidayRule('2026-12-25', 'PREVIOUS_WORKING_DAY', (date) => date === '2025-12-23')).toBeNull(); // 367
  });
});

describe('catchUp', () => {
  const weekly = Array.from({ length: 60 }, (_, k) => addDays('2026-01-05', 7 * k));

  it('ALL generates the oldest 52 and defers the rest to the next run', () => {
    const result = catchUp(weekly, 'ALL');
    expect(result.generate).toHaveLength(52);
    expect(result.generate[0]).toBe('2026-01-05');
    expect(result.generate[51]).toBe('2026-12-28');
    expect(result.deferred).toHaveLength(8);
    expect(result.deferred[0]).toBe('2027-01-04');
    expect(result.skip).toEqual([]);
  });

  it('ALL with a small cap', () => {
    expect(catchUp(['2026-01-05', '2026-01-12', '2026-01-19'], 'ALL', 2)).toEqual({
      generate: ['2026-01-05', '2026-01-12'],
      skip: [],
      deferred: ['2026-01-19'],
    });
    expect(catchUp(['2026-01-05', '2026-01-12'], 'ALL', 5)).toEqual({ generate: ['2026-01-05', '2026-01-12'], skip: [], deferred: [] });
  });

  it('LATEST generates only the last and skips the others', () => {
    expect(catchUp(weekly.slice(0, 3), 'LATEST')).toEqual({ generate: ['2026-01-19'], skip: ['2026-01-05', '2026-01-12'], deferred: [] });
    expect(catchUp(['2026-01-05'], 'LATEST')).toEqual({ generate: ['2026-01-05'], skip: [], deferred: [] });
  });

  it('nothing pending, nothing to do', () => {
    expect(catchUp([], 'ALL')).toEqual({ generate: [], skip: [], deferred: [] });
    expect(catchUp([], 'LATEST')).toEqual({ generate: [], skip: [], deferred: [] });
  });
});

describe('DST changes in the organization’s time zone', () => {
  const length = (date: string, zone: string) =>
    startOfLocalDate(addDays(date, 1), zone).getTime() - startOfLocalDate(date, zone).getTime();

  it('Europe/Berlin 2026-03-29 (spring forward): starts at 00:00 CET, lasts 23 h', () => {
    expect(startOfLocalDate('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDate('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(length('2026-03-29', 'Europe/Berlin')).toBe(23 * HOUR);
    expect(endOfLocalDate('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });

  it('Europe/Berlin 2026-10-25 (fall back): starts at 00:00 CEST, lasts 25 h', () => {
    expect(startOfLocalDate('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfLocalDate('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(length('2026-10-25', 'Europe/Berlin')).toBe(25 * HOUR);
    expect(endOfLocalDate('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('America/New_York 2026-03-08 (spring forward): starts at 00:00 EST, lasts 23 h', () => {
    expect(startOfLocalDate('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDate('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(length('2026-03-08', 'America/New_York')).toBe(23 * HOUR);
    expect(endOfLocalDate('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
  });

  it('an ordinary day lasts 24 h', () => {
    expect(startOfLocalDate('2026-06-15', 'Europe/Berlin').toISOString()).toBe('2026-06-14T22:00:00.000Z');
    expect(length('2026-06-15', 'Europe/Berlin')).toBe(24 * HOUR);
    expect(startOfLocalDate('2026-06-15', 'UTC').toISOString()).toBe('2026-06-15T00:00:00.000Z');
  });

  it('localDateOf reads the local day on both sides of the change', () => {
    expect(localDateOf(new Date('2026-03-28T22:59:59.999Z'), 'Europe/Berlin')).toBe('2026-03-28');
    expect(localDateOf(new Date('2026-03-28T23:00:00.000Z'), 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDateOf(new Date('2026-10-25T22:30:00.000Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(localDateOf(new Date('2026-03-08T04:59:59.999Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-09T03:59:59.999Z'), 'America/New_York')).toBe('2026-03-08');
  });

  it('a weekly plan keeps its local due date across the change: only the UTC instant moves', () => {
    const dues = series(fixed(1, 'WEEK', '2026-03-23'), 2) as string[];
    expect(dues).toEqual(['2026-03-23', '2026-03-30']);
    expect(dues.map((due) => endOfLocalDate(due, 'Europe/Berlin').toISOString())).toEqual([
      '2026-03-23T22:59:59.999Z',
      '2026-03-30T21:59:59.999Z',
    ]);
  });
});

describe('meters: whichever first', () => {
  it('a jump over several marks reaches the first one and rebases on the grid', () => {
    expect(meterIntervalReached(0, 500, 1320)).toEqual({ reached: 500, nextBase: 1000 });
    expect(meterIntervalReached(1000, 500, 2600)).toEqual({ reached: 1500, nextBase: 2500 });
  });

  it('exactly at the mark counts; just below does not', () => {
    expect(meterIntervalReached(0, 500, 500)).toEqual({ reached: 500, nextBase: 500 });
    expect(meterIntervalReached(0, 500, 499.999)).toBeNull();
    expect(meterIntervalReached(1000, 500, 1499)).toBeNull();
  });

  it('a reading below the base (meter replaced) reaches nothing', () => {
    expect(meterIntervalReached(1000, 500, 10)).toBeNull();
  });

  it('binary fractions do not miss a mark', () => {
    const result = meterIntervalReached(0.1, 0.2, 0.3);
    expect(result?.reached).toBeCloseTo(0.3);
    expect(result?.nextBase).toBeCloseTo(0.3);
  });

  it('condition: entered fires once, staying in the condition does not', () => {
    const hot = { above: 80 };
    expect(conditionEntered(hot, 70, 85)).toBe(true);
    expect(conditionEntered(hot, 85, 90)).toBe(false); // staying
    expect(conditionEntered(hot, 90, 75)).toBe(false); // leaving
    expect(conditionEntered(hot, 75, 81)).toBe(true); // entering again
    expect(conditionEntered(hot, null, 85)).toBe(true); // first reading
    expect(conditionEntered(hot, null, 80)).toBe(false); // on the threshold is not above it
  });

  it('condition below, and both bounds (either side is in the condition)', () => {
    expect(conditionEntered({ below: 10 }, 12, 9)).toBe(true);
    expect(conditionEntered({ below: 10 }, 9, 8)).toBe(false);
    const band = { above: 80, below: 10 };
    expect(conditionEntered(band, 50, 5)).toBe(true);
    expect(conditionEntered(band, 50, 85)).toBe(true);
    expect(conditionEntered(band, 85, 90)).toBe(false); // staying above
    expect(conditionEntered(band, 5, 2)).toBe(false); // staying below
    expect(conditionEntered(band, 85, 50)).toBe(false); // leaving
    expect(conditionEntered(band, null, 5)).toBe(true);
    expect(conditionEntered({}, null, 5)).toBe(false);
  });

  it('a band fires again when a reading jumps from one side straight to the other', () => {
    const band = { above: 90, below: 10 };
    expect(conditionEntered(band, 95, 5)).toBe(true);
    expect(conditionEntered(band, 5, 95)).toBe(true);
    // Overlapping limits (above 10 or below 90: always in the condition) still fire per limit crossed.
    expect(conditionEntered({ above: 10, below: 90 }, 50, 95)).toBe(false);
    expect(conditionEntered({ above: 10, below: 90 }, 95, 50)).toBe(true);
  });
});

describe('properties', () => {
  const intervalRule = fc.record({
    every: fc.integer({ min: 1, max: 40 }),
    unit: fc.constantFrom(...UNITS),
    startsOn: localDate(1990, 2150),
  });
  const rrules = [
    'FREQ=MONTHLY;BYDAY=1MO',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
  ];

  it('nthOccurrence is strictly increasing in k (every/unit)', () => {
    fc.assert(
      fc.property(intervalRule, fc.integer({ min: 0, max: 400 }), ({ every, unit, startsOn }, k) => {
        const rule = fixed(every, unit, startsOn);
        const current = nthOccurrence(rule, k);
        const next = nthOccurrence(rule, k + 1);
        if (next !== null) expect(current !== null && current < next).toBe(true);
      }),
    );
  });

  it('nthOccurrence is strictly increasing in k (rrule)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rrules), localDate(2000, 2100), fc.integer({ min: 0, max: 30 }), (rrule, startsOn, k) => {
        const rule = byRrule(rrule, startsOn);
        const current = nthOccurrence(rule, k);
        const next = nthOccurrence(rule, k + 1);
        if (next !== null) expect(current !== null && current < next && current >= startsOn).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('firstOccurrenceOnOrAfter agrees with nthOccurrence', () => {
    fc.assert(
      fc.property(intervalRule, localDate(1980, 2160), ({ every, unit, startsOn }, date) => {
        const rule = fixed(every, unit, startsOn);
        const first = firstOccurrenceOnOrAfter(rule, date);
        if (first === null) return;
        expect(nthOccurrence(rule, first.k)).toBe(first.date);
        expect(first.date >= date).toBe(true);
        if (first.k > 0) expect(nthOccurrence(rule, first.k - 1)! < date).toBe(true);
      }),
    );
  });

  it('addInterval(d, n, DAY) then addDays(−n) is the identity', () => {
    fc.assert(
      fc.property(localDate(1900, 2200), fc.integer({ min: -100_000, max: 100_000 }), (date, n) => {
        expect(addDays(addInterval(date, n, 'DAY'), -n)).toBe(date);
      }),
    );
  });

  it('addDays agrees with the JavaScript calendar', () => {
    fc.assert(
      fc.property(localDate(1900, 2200), fc.integer({ min: -50_000, max: 50_000 }), (date, n) => {
        expect(addDays(date, n)).toBe(new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('applyHolidayRule lands on a working day (or null) and moves no further than the nearest one', () => {
    const calendar = fc.record({
      weekend: fc.subarray([0, 1, 2, 3, 4, 5, 6]),
      holidays: fc.uniqueArray(fc.integer({ min: -15, max: 15 }), { maxLength: 20 }),
    });
    fc.assert(
      fc.property(
        localDate(2000, 2100),
        calendar,
        fc.constantFrom('PREVIOUS_WORKING_DAY' as const, 'NEXT_WORKING_DAY' as const),
        (date, cal, rule) => {
          const holidays = new Set(cal.holidays.map((offset) => addDays(date, offset)));
          const isWorkingDay = (day: string) => !cal.weekend.includes(new Date(`${day}T00:00:00Z`).getUTCDay()) && !holidays.has(day);
          const direction = rule === 'NEXT_WORKING_DAY' ? 1 : -1;
          const result = applyHolidayRule(date, rule, isWorkingDay);
          if (result === null) {
            for (let step = 0; step <= 366; step++) expect(isWorkingDay(addDays(date, direction * step))).toBe(false);
            return;
          }
          expect(isWorkingDay(result)).toBe(true);
          expect(Math.sign(compareDates(result, date)) * direction).toBeGreaterThanOrEqual(0);
          // Every day passed over was a non-working day.
          for (let day = date; day !== result; day = addDays(day, direction)) expect(isWorkingDay(day)).toBe(false);
          expect(applyHolidayRule(date, 'SKIP', isWorkingDay)).toBe(isWorkingDay(date) ? date : null);
        },
      ),
    );
  });

  it('a local day starts at the first instant of that date and ends right before the next one, in any zone', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Kathmandu', 'UTC'];
    fc.assert(
      fc.property(localDate(1980, 2100), fc.constantFrom(...zones), (date, zone) => {
        const start = startOfLocalDate(date, zone).getTime();
        const end = endOfLocalDate(date, zone).getTime();
        expect(localDateOf(new Date(start), zone)).toBe(date);
        expect(localDateOf(new Date(start - 1), zone)).toBe(addDays(date, -1));
        expect(localDateOf(new Date(end), zone)).toBe(date);
        expect(end + 1).toBe(startOfLocalDate(addDays(date, 1), zone).getTime());
        expect(end + 1 - start).toBeGreaterThanOrEqual(22 * HOUR);
        expect(end + 1 - start).toBeLessThanOrEqual(26 * HOUR);
      }),
    );
  });

  const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
  const weekdayCode = fc.constantFrom(...WEEKDAY_CODES);
  /** rrule.js's own answer: its lenient parser reads a valid rule the same way. */
  const rruleJs = (rrule: string, startsOn: string, windowEnd: string, max: number) =>
    new RRule({ ...RRule.parseString(rrule), dtstart: new Date(`${startsOn}T00:00:00Z`), until: new Date(`${windowEnd}T00:00:00Z`) })
      .all((_date, index) => index < max)
      .map((date) => date.toISOString().slice(0, 10));

  it('rrule occurrences are exactly rrule.js’s over floating UTC dates (random rules)', () => {
    const ruleText = fc
      .record({
        freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
        interval: fc.integer({ min: 1, max: 4 }),
        byMonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 })),
        byMonthDay: fc.option(fc.uniqueArray(fc.integer({ min: -31, max: 31 }).filter(Boolean), { minLength: 1, maxLength: 3 })),
        byDay: fc.option(fc.uniqueArray(weekdayCode, { minLength: 1, maxLength: 3 })),
        ordinal: fc.option(fc.integer({ min: -5, max: 5 }).filter(Boolean)),
        // Positive positions only: rrule.js 2.8.1 mishandles negative ones (see the named tests).
        bySetPos: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 })),
        count: fc.option(fc.integer({ min: 1, max: 20 })),
      })
      .map((r) => {
        const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`];
        if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
        if (r.byMonthDay && r.freq !== 'WEEKLY') parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
        const ordinal = r.freq === 'MONTHLY' || r.freq === 'YEARLY' ? (r.ordinal ?? '') : '';
        if (r.byDay) parts.push(`BYDAY=${r.byDay.map((day) => `${ordinal}${day}`).join(',')}`);
        if (r.bySetPos && parts.length > 2) parts.push(`BYSETPOS=${r.bySetPos.join(',')}`);
        if (r.count) parts.push(`COUNT=${r.count}`);
        return parts.join(';');
      });
    fc.assert(
      fc.property(ruleText, localDate(2000, 2100), (rrule, date) => {
        fc.pre(validateRrule(rrule) === null);
        // rrule.js cuts a WEEKLY rule's first week at its start (see above): start on a Monday.
        const monday = addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
        const startsOn = rrule.startsWith('FREQ=WEEKLY') && rrule.includes('BYSETPOS') ? monday : date;
        const ours = occurrencesBetween(byRrule(rrule, startsOn), startsOn, SCHEDULE_HORIZON, 6);
        // rrule.js scans to year 9999 when a rule has no occurrence at all: the planted-date
        // property below covers the rules this module finds empty.
        if (ours.length === 0) return;
        const windowEnd = addDays(startsOn, 3 * 366);
        expect(ours.filter((date) => date <= windowEnd)).toEqual(rruleJs(rrule, startsOn, windowEnd, 6));
      }),
      { numRuns: 150 },
    );
  });

  it('an rrule built around a planted date finds it, exactly as rrule.js does', () => {
    const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    const planted = fc
      .record({
        target: localDate(2000, 2100),
        freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
        interval: fc.integer({ min: 1, max: 4 }),
        back: fc.nat(400),
        byMonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 2 })),
        byMonthDay: fc.option(
          fc.record({ negative: fc.boolean(), more: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: 2 }) }),
        ),
        byDay: fc.option(fc.record({ ordinal: fc.boolean(), negative: fc.boolean(), more: fc.uniqueArray(weekdayCode, { maxLength: 2 }) })),
        count: fc.option(fc.integer({ min: 1, max: 20 })),
      })
      .map((r) => {
        const date = new Date(`${r.target}T00:00:00Z`);
        const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        const monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const yearDay = dayNumber(r.target) - dayNumber(`${year}-01-01`) + 1;
        const yearLength = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1 ? 366 : 365;
        const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
        const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`];
        if (r.byMonth) parts.push(`BYMONTH=${[...new Set([month, ...r.byMonth])].join(',')}`);
        const withMonthDay = r.byMonthDay && r.freq !== 'WEEKLY';
        if (r.byMonthDay && withMonthDay) {
          parts.push(`BYMONTHDAY=${[...new Set([r.byMonthDay.negative ? day - monthLength - 1 : day, ...r.byMonthDay.more])].join(',')}`);
        }
        if (r.byDay) {
          const code = WEEKDAY_CODES[weekday]!;
          if (r.byDay.ordinal && (r.freq === 'MONTHLY' || r.freq === 'YEARLY')) {
            const inMonth = r.freq === 'MONTHLY' || r.byMonth !== null;
            const [position, length] = inMonth ? [day, monthLength] : [yearDay, yearLength];
            const n = r.byDay.negative ? -(Math.floor((length - position) / 7) + 1) : Math.floor((position - 1) / 7) + 1;
            parts.push(
              `BYDAY=${[`${n}${code}`, ...r.byDay.more.map((other) => `1${other}`)].filter((v, i, all) => all.indexOf(v) === i).join(',')}`,
            );
          } else {
            parts.push(`BYDAY=${[...new Set([code, ...r.byDay.more])].join(',')}`);
          }
        }
        if (r.count) parts.push(`COUNT=${r.count}`);
        // Without day filters the rule takes its day from startsOn: start on the planted date.
        // Otherwise start earlier in the planted date's period (the INTERVAL phase is the same).
        const intoPeriod = { DAILY: 0, WEEKLY: weekday, MONTHLY: day - 1, YEARLY: yearDay - 1 }[r.freq];
        const startsOn = withMonthDay || r.byDay ? addDays(r.target, -Math.min(r.back, intoPeriod)) : r.target;
        return { rrule: parts.join(';'), startsOn, target: r.target, count: r.count };
      });
    fc.assert(
      fc.property(planted, ({ rrule, startsOn, target, count }) => {
        expect(validateRrule(rrule)).toBeNull();
        const ours = occurrencesBetween(byRrule(rrule, startsOn), startsOn, SCHEDULE_HORIZON, 6);
        expect(ours.length).toBeGreaterThan(0);
        expect(ours[0]! <= target).toBe(true);
        if (count === null && ours.length < 6) expect(ours).toContain(target);
        const windowEnd = addDays(target, 3 * 366);
        expect(ours.filter((date) => date <= windowEnd)).toEqual(rruleJs(rrule, startsOn, windowEnd, 6));
      }),
      { numRuns: 300 },
    );
  });
});

describe('rrule series: the same answers as walking every occurrence from startsOn', () => {
  /**
   * The occurrences walkRrule visits up to `limit` (inclusive), and whether it stopped there
   * rather than at the series' end (`cutAt`: the first date past the limit).
   */
  const walkUntil = (rule: CalendarRule, limit: string) => {
    const dates: string[] = [];
    let cutAt: string | null = null;
    walkRrule(rule, (date) => {
      if (date > limit) cutAt = date;
      return cutAt === null && dates.push(date) > 0;
    });
    const cutDate = cutAt as string | null;
    return { dates, cut: cutDate !== null, cutAt: cutDate };
  };

  const oldPlans = [
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=7;BYMONTH=1,7',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU',
    'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31',
    'FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=MO',
    // As rrule.js reads the year before's last week: it puts 2022-01-01 in week 53 (ISO 8601: 52).
    'FREQ=YEARLY;BYWEEKNO=53',
    'FREQ=YEARLY;BYWEEKNO=52;WKST=SU',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=YEARLY;BYYEARDAY=60,-1;BYDAY=MO,FR',
  ];

  /**
   * The walk of an old plan up to 2028. Every one of these rules goes on past 2028, so a walk
   * that ends by itself, or at a date before 2029, ended early. rrule.js's iteration did so three
   * times in CI for 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1' (after 962, 998 and 1,253 of its
   * 6,731 dates, at a different year each time) and never when run alone, some 100 times. The
   * walk is the reference only (production answers from the series, and never iterates rrule.js),
   * so an early end is reported (a warning in the test output) and the walk made again, at most
   * twice; the series is always compared with a complete walk.
   */
  const completeWalk = (rule: CalendarRule) => {
    const early: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { dates, cutAt } = walkUntil(rule, '2028-12-31');
      if (cutAt !== null && cutAt >= '2029-01-01') {
        if (early.length > 0) console.warn(`${rule.rrule}: the reference walk ended early (${early.join('; ')}), then completed`);
        return dates;
      }
      early.push(`${dates.length} dates, the last ${dates.at(-1)}, then ${cutAt ?? 'none'}`);
    }
    throw new Error(`${rule.rrule}: the reference walk ended early three times: ${early.join('; ')}`);
  };

  it.each(oldPlans)('%s from 1900-01-01 answers exactly as the walk', (rrule) => {
    const rule = byRrule(rrule, '1900-01-01');
    const dates = completeWalk(rule);
    expect(occurrencesBetween(rule, '1900-01-01', '2028-12-31', 100_000)).toEqual(dates);
    const k = dates.findIndex((date) => date >= '2026-06-01');
    expect(firstOccurrenceOnOrAfter(rule, '2026-06-01')).toEqual({ k, date: dates[k] });
    expect(nthOccurrence(rule, k)).toBe(dates[k]);
    expect(nextFloating(rule, '2026-05-31')).toBe(dates[k]);
  });

  it('answers an old plan without walking it: rrule.js never iterates', () => {
    const iterate = vi.spyOn(RRule.prototype, 'all');
    try {
      for (const rrule of oldPlans) {
        const rule = byRrule(rrule, '1900-01-02');
        const next = firstOccurrenceOnOrAfter(rule, '2026-06-01');
        expect(next).not.toBeNull();
        expect(nthOccurrence(rule, next!.k)).toBe(next!.date);
        expect(occurrencesBetween(rule, '2026-01-01', '2028-12-31', 1_200).length).toBeGreaterThan(0);
        nextFloating(rule, '2026-06-01');
        intervalDays(rule);
      }
      expect(iterate).not.toHaveBeenCalled();
    } finally {
      iterate.mockRestore();
    }
  });

  const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
  /** null 3 times in 4: rules with every part at once rarely fall on any date. */
  const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: arbitrary.map((value): T | null => value), weight: 1 });
  /** ±1 … ±max, often one of the `edges` (where months, years and week numbers turn). */
  const signed = (max: number, edges: number[] = []) =>
    fc.oneof(fc.constantFrom(1, -1, max, -max, ...edges), fc.integer({ min: -max, max }).filter(Boolean));
  const ruleText = fc
    .record({
      freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      interval: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 }), fc.integer({ min: 61, max: 1000 })),
      byMonth: sometimes(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 })),
      byMonthDay: sometimes(fc.uniqueArray(signed(31, [28, 29, 30, -28, -29, -30]), { minLength: 1, maxLength: 3 })),
      byYearDay: sometimes(fc.uniqueArray(signed(366, [59, 60, 365, -365]), { minLength: 1, maxLength: 3 })),
      byWeekNo: sometimes(fc.uniqueArray(signed(53, [2, 52, -2, -52]), { minLength: 1, maxLength: 3 })),
      byDay: fc.option(fc.uniqueArray(fc.constantFrom(...WEEKDAY_CODES), { minLength: 1, maxLength: 4 })),
      ordinal: fc.option(fc.oneof(signed(5, [4, -4]), signed(53, [52, -52]))),
      bySetPos: sometimes(fc.uniqueArray(signed(4), { minLength: 1, maxLength: 2 })),
      end: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 60 }), localDate(1900, 2200)),
      wkst: fc.option(fc.constantFrom(...WEEKDAY_CODES)),
    })
    .map((r) => {
      const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`];
      const yearly = r.freq === 'YEARLY';
      if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
      if (r.byMonthDay && r.freq !== 'WEEKLY') parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
      if (r.byYearDay && yearly) parts.push(`BYYEARDAY=${r.byYearDay.join(',')}`);
      if (r.byWeekNo && yearly) parts.push(`BYWEEKNO=${r.byWeekNo.join(',')}`);
      const ordinal = (r.freq === 'MONTHLY' || yearly) && !(r.byWeekNo && yearly) ? (r.ordinal ?? '') : '';
      if (r.byDay) parts.push(`BYDAY=${r.byDay.map((day) => `${ordinal}${day}`).join(',')}`);
      if (r.bySetPos && parts.length > 2) parts.push(`BYSETPOS=${r.bySetPos.join(',')}`);
      if (typeof r.end === 'number') parts.push(`COUNT=${r.end}`);
      if (typeof r.end === 'string') parts.push(`UNTIL=${r.end.replaceAll('-', '')}`);
      if (r.wkst) parts.push(`WKST=${r.wkst}`);
      return parts.join(';');
    })
    .filter((rrule) => validateRrule(rrule) === null);
  const scenario = fc.record({
    rrule: ruleText,
    startsOn: localDate(1900, 2200),
    endsAfter: fc.option(fc.nat(60 * 366)),
    // How far the walk goes (a daily rule walks about 6 µs a day).
    span: fc.nat(10 * 366),
    queryAt: fc.integer({ min: -400, max: 10 * 366 }),
    k: fc.nat(5_000),
  });

  it('random rules, start dates and questions: the series answers exactly as the walk (seeded)', () => {
    fc.assert(
      fc.property(scenario, ({ rrule, startsOn, endsAfter, span, queryAt, k }) => {
        const clamp = (date: string) => (date > SCHEDULE_HORIZON ? SCHEDULE_HORIZON : date);
        const endsOn = endsAfter === null ? undefined : clamp(addDays(startsOn, endsAfter));
        const rule = byRrule(rrule, startsOn, endsOn);
        const limit = clamp(addDays(startsOn, span));
        const { dates, cut } = walkUntil(rule, limit);

        expect(occurrencesBetween(rule, addDays(startsOn, -7), limit, 100_000)).toEqual(dates);
        for (const n of [0, k % (dates.length + 1), dates.length - 1, dates.length]) {
          if (n < 0) continue;
          if (n < dates.length) expect(nthOccurrence(rule, n)).toBe(dates[n]);
          else if (!cut) expect(nthOccurrence(rule, n)).toBeNull();
        }

        const date = clamp(addDays(startsOn, Math.min(queryAt, span)));
        const index = dates.findIndex((occurrence) => occurrence >= date);
        const first = firstOccurrenceOnOrAfter(rule, date);
        if (index >= 0) expect(first).toEqual({ k: index, date: dates[index] });
        else if (!cut) expect(first).toBeNull();
        else expect(first === null || first.date > limit).toBe(true);
        const after = dates.find((occurrence) => occurrence > date);
        const next = nextFloating(rule, date);
        if (after !== undefined) expect(next).toBe(after);
        else if (!cut) expect(next).toBeNull();
        expect(occurrencesBetween(rule, date, limit, 5)).toEqual(dates.filter((occurrence) => occurrence >= date).slice(0, 5));

        const spacing: number[] = [];
        walkRrule({ ...rule, endsOn: null }, (occurrence) => spacing.push(Date.parse(occurrence) / 86_400_000) < 2);
        expect(intervalDays(rule)).toBe(spacing.length === 2 ? spacing[1]! - spacing[0]! : 1);
      }),
      { seed: 20_260_601, numRuns: 200 },
    );
  });
});
