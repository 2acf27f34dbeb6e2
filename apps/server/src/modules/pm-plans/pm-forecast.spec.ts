import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error';
import {
  FORECAST_MAX_DAYS,
  type MeterProjectionInput,
  PM_COMPLIANCE_RULE,
  backlogWeeks,
  checkedRange,
  forecastWeeks,
  mondayOf,
  pmComplianceOf,
  projectMeterMarks,
  usageRatePerDay,
} from './pm-forecast';
import { localDateOf } from './pm-schedule';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const at = (text: string) => new Date(text);
const hours = (week: { start: Date; end: Date }) => (week.end.getTime() - week.start.getTime()) / HOUR;

describe('mondayOf', () => {
  it('answers the Monday of the ISO week', () => {
    expect(mondayOf('2026-03-23')).toBe('2026-03-23'); // a Monday
    expect(mondayOf('2026-03-25')).toBe('2026-03-23');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23'); // Sunday belongs to the week before
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28'); // across the year
    expect(mondayOf('2028-03-01')).toBe('2028-02-28'); // leap February
  });
});

describe('forecastWeeks', () => {
  it('starts weeks on Monday 00:00 local; the spring-forward week has 167 hours', () => {
    // Europe/Berlin: CET (UTC+1) until 2026-03-29 02:00, then CEST (UTC+2).
    const weeks = forecastWeeks(at('2026-03-22T23:00:00Z'), at('2026-04-05T22:00:00Z'), 'Europe/Berlin');
    expect(weeks.map((week) => [week.monday, week.weekStart.toISOString(), hours(week)])).toEqual([
      ['2026-03-23', '2026-03-22T23:00:00.000Z', 167],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', 168],
    ]);
  });

  it('gives the fall-back week 169 hours', () => {
    // Back to CET on 2026-10-25 03:00 CEST.
    const weeks = forecastWeeks(at('2026-10-18T22:00:00Z'), at('2026-10-25T23:00:00Z'), 'Europe/Berlin');
    expect(weeks.map((week) => [week.weekStart.toISOString(), hours(week)])).toEqual([['2026-10-18T22:00:00.000Z', 169]]);
  });

  it('clips the first and last week to the range and keeps whole-week starts', () => {
    // Wednesday 12:00 UTC to the next Tuesday 06:00 UTC, in UTC.
    const weeks = forecastWeeks(at('2026-03-25T12:00:00Z'), at('2026-03-31T06:00:00Z'), 'UTC');
    expect(weeks.map((week) => [week.weekStart.toISOString(), week.start.toISOString(), week.end.toISOString()])).toEqual([
      ['2026-03-23T00:00:00.000Z', '2026-03-25T12:00:00.000Z', '2026-03-30T00:00:00.000Z'],
      ['2026-03-30T00:00:00.000Z', '2026-03-30T00:00:00.000Z', '2026-03-31T06:00:00.000Z'],
    ]);
  });

  it('buckets by the local date: Monday 00:30 CEST is still Sunday in UTC but in the new week', () => {
    const weeks = forecastWeeks(at('2026-03-22T23:00:00Z'), at('2026-04-05T22:00:00Z'), 'Europe/Berlin');
    const instant = at('2026-03-29T22:30:00Z');
    expect(localDateOf(instant, 'Europe/Berlin')).toBe('2026-03-30');
    expect(mondayOf(localDateOf(instant, 'Europe/Berlin'))).toBe(weeks[1]!.monday);
    // The last minutes of the DST Sunday belong to the first week.
    expect(mondayOf(localDateOf(at('2026-03-29T21:59:59.999Z'), 'Europe/Berlin'))).toBe(weeks[0]!.monday);
  });

  it('is empty for an empty range', () => {
    expect(forecastWeeks(at('2026-03-25T12:00:00Z'), at('2026-03-25T12:00:00Z'), 'UTC')).toEqual([]);
  });
});

describe('usageRatePerDay', () => {
  const first = at('2026-04-01T12:00:00Z');
  it('is the rise over the days the readings span', () => {
    expect(usageRatePerDay({ readings: 31, firstAt: first, lastAt: new Date(first.getTime() + 30 * DAY), increase: 240 })).toBe(8);
    expect(usageRatePerDay({ readings: 3, firstAt: first, lastAt: new Date(first.getTime() + 12 * HOUR), increase: 6 })).toBe(12);
  });

  it('is null without two readings apart in time, or without a rise', () => {
    expect(usageRatePerDay(undefined)).toBeNull();
    expect(usageRatePerDay({ readings: 1, firstAt: first, lastAt: first, increase: 0 })).toBeNull();
    expect(usageRatePerDay({ readings: 2, firstAt: first, lastAt: first, increase: 5 })).toBeNull();
    expect(usageRatePerDay({ readings: 5, firstAt: first, lastAt: new Date(first.getTime() + DAY), increase: 0 })).toBeNull();
  });
});

describe('projectMeterMarks', () => {
  const lastReadAt = at('2026-05-01T12:00:00Z');
  const base: MeterProjectionInput = {
    base: 1000,
    every: 500,
    current: 1300,
    lastReadAt,
    ratePerDay: 8,
    now: lastReadAt,
    from: at('2026-05-01T00:00:00Z'),
    to: at('2026-08-01T00:00:00Z'),
    limit: 10,
  };
  const project = (changes: Partial<typeof base> = {}) =>
    projectMeterMarks({ ...base, ...changes }).map((mark) => [mark.mark, mark.at.toISOString()]);

  it('reaches base + N after (mark − current) ÷ rate days, then every N', () => {
    // 1500: 200 ÷ 8 = 25 days; 2000: 700 ÷ 8 = 87.5 days; 2500: 150 days, past the range.
    expect(project()).toEqual([
      [1500, '2026-05-26T12:00:00.000Z'],
      [2000, '2026-07-28T00:00:00.000Z'],
    ]);
  });

  it('starts at the range without walking the marks before it', () => {
    expect(project({ from: at('2026-07-01T00:00:00Z') })).toEqual([[2000, '2026-07-28T00:00:00.000Z']]);
    expect(project({ from: at('2026-05-26T12:00:00Z') })[0]).toEqual([1500, '2026-05-26T12:00:00.000Z']);
  });

  it('fires a passed mark now, once, and continues from the last passed mark', () => {
    // From 0, 1300 has passed 500 and 1000: one occurrence now, the grid continues from 1000.
    const now = at('2026-05-03T08:00:00Z');
    expect(project({ base: 0, now })).toEqual([
      [500, '2026-05-03T08:00:00.000Z'],
      [1500, '2026-05-26T12:00:00.000Z'],
      [2000, '2026-07-28T00:00:00.000Z'],
    ]);
  });

  it('stops at the limit, and projects nothing without a rate', () => {
    expect(project({ limit: 1 })).toEqual([[1500, '2026-05-26T12:00:00.000Z']]);
    expect(project({ ratePerDay: null })).toEqual([]);
    expect(project({ ratePerDay: 0 })).toEqual([]);
  });

  it('handles a high rate over a long range within the limit', () => {
    // 1,000 units a day with a mark every unit: 92,000 marks in the range, capped at the limit.
    // 300 marks passed since base 1000: one now (1001), then 1301 a 1,000th of a day later.
    const marks = projectMeterMarks({ ...base, every: 1, ratePerDay: 1000, limit: 5000 });
    expect(marks).toHaveLength(5000);
    expect(marks.slice(0, 2).map((mark) => [mark.mark, mark.at.toISOString()])).toEqual([
      [1001, '2026-05-01T12:00:00.000Z'],
      [1301, '2026-05-01T12:01:26.400Z'],
    ]);
  });
});

describe('backlogWeeks', () => {
  it('divides open hours by the average weekly capacity of the range', () => {
    // 160 h over two weeks = 80 h a week; 30 h of backlog = 0.375 weeks.
    expect(backlogWeeks(30, 160, 14 * DAY)).toBe(0.38);
    // 540 h over nine weeks = 60 h a week; 18 h = 0.3 weeks.
    expect(backlogWeeks(18, 540, 63 * DAY)).toBe(0.3);
    // A 3.5-day range with 40 h: 80 h a week.
    expect(backlogWeeks(120, 40, 3.5 * DAY)).toBe(1.5);
  });

  it('is 0 without capacity', () => {
    expect(backlogWeeks(30, 0, 14 * DAY)).toBe(0);
    expect(backlogWeeks(0, 100, 14 * DAY)).toBe(0);
  });
});

describe('pmComplianceOf', () => {
  const from = at('2026-05-01T00:00:00Z');
  const to = at('2026-06-01T00:00:00Z');
  it('rates completed in window over due, to 0.1, and states the rule', () => {
    expect(pmComplianceOf({ due: 5, completedInWindow: 3 }, from, to)).toEqual({
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-06-01T00:00:00.000Z',
      due: 5,
      completedInWindow: 3,
      rate: 60,
      rule: PM_COMPLIANCE_RULE,
    });
    expect(pmComplianceOf({ due: 3, completedInWindow: 2 }, from, to).rate).toBe(66.7);
    expect(pmComplianceOf({ due: 7, completedInWindow: 7 }, from, to).rate).toBe(100);
  });

  it('is null when nothing was due', () => {
    expect(pmComplianceOf({ due: 0, completedInWindow: 0 }, from, to).rate).toBeNull();
  });
});

describe('checkedRange', () => {
  it('accepts up to 366 days and refuses more, or an empty range', () => {
    expect(checkedRange({ from: '2026-01-01T00:00:00Z', to: '2027-01-02T00:00:00Z' }).to.toISOString()).toBe('2027-01-02T00:00:00.000Z');
    expect(() => checkedRange({ from: '2026-01-01T00:00:00Z', to: '2027-01-02T00:00:00.001Z' })).toThrow(AppError);
    expect(() => checkedRange({ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toThrow(AppError);
    expect(FORECAST_MAX_DAYS).toBe(366);
  });
});
