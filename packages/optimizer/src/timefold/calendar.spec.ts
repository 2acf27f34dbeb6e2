import { describe, expect, it } from 'vitest';
import { endDayV1, endDayV2, formatIsoDate, isoDayOfWeek, nextMonday, parseIsoDate, workdaysBetween } from './calendar';

const day = (iso: string): number => {
  const epochDay = parseIsoDate(iso);
  if (epochDay === null) throw new Error(iso);
  return epochDay;
};
const v1 = (start: string, duration: number): string => formatIsoDate(endDayV1(day(start), duration));
const v2 = (start: string, duration: number): string => formatIsoDate(endDayV2(day(start), duration));

describe('calendar', () => {
  it('reads only real ISO dates', () => {
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('2026-11-30')).toBe(20_787);
    expect(parseIsoDate('2028-02-29')).not.toBeNull();
    expect(parseIsoDate('2027-02-29')).toBeNull(); // not a leap year
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2026-1-1')).toBeNull();
    expect(parseIsoDate('2026-01-01T00:00:00Z')).toBeNull();
    expect(formatIsoDate(day('2027-01-31') + 1)).toBe('2027-02-01');
  });

  it('reads the years 0000-0099 as themselves, as java.time.LocalDate does', () => {
    // 0001-01-01 is epoch day -719,162; 49 years on, 12 of them leap, then January and February.
    expect(parseIsoDate('0050-03-01')).toBe(-719_162 + 49 * 365 + 12 + 31 + 28);
    expect(formatIsoDate(day('0050-03-01'))).toBe('0050-03-01');
    expect(parseIsoDate('0000-02-29')).not.toBeNull(); // year 0 is a leap year (proleptic Gregorian)
    expect(parseIsoDate('0099-02-29')).toBeNull();
  });

  it('numbers days of the week as java.time does, Monday = 1', () => {
    expect(isoDayOfWeek(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(isoDayOfWeek(day('2026-11-30'))).toBe(1);
    expect(isoDayOfWeek(day('2026-11-29'))).toBe(7);
    expect(isoDayOfWeek(day('1969-12-29'))).toBe(1); // before the epoch
  });

  it('takes the Monday strictly after a day, as TemporalAdjusters.next(MONDAY)', () => {
    expect(formatIsoDate(nextMonday(day('2026-11-29')))).toBe('2026-11-30');
    expect(formatIsoDate(nextMonday(day('2026-11-30')))).toBe('2026-12-07');
  });

  it('offers Monday to Friday as start dates, toDate excluded', () => {
    const days = workdaysBetween(day('2026-11-30'), day('2026-12-14')).map(formatIsoDate);
    expect(days).toHaveLength(10);
    expect(days[4]).toBe('2026-12-04');
    expect(days[5]).toBe('2026-12-07');
    expect(days).not.toContain('2026-12-14');
  });

  describe('end date rules (end exclusive)', () => {
    it('a 5-day job from Monday: v1 ends the next Monday, v2 on Saturday', () => {
      expect(v1('2026-11-30', 5)).toBe('2026-12-07');
      expect(v2('2026-11-30', 5)).toBe('2026-12-05');
    });

    it('a 4-day job from Monday ends on Friday under both', () => {
      expect(v1('2026-11-30', 4)).toBe('2026-12-04');
      expect(v2('2026-11-30', 4)).toBe('2026-12-04');
    });

    it('a 1-day job on Friday 29 January crosses the month only under v1', () => {
      // v1: 1 + 2·⌊(1 + 5 − 1)/5⌋ = 3 days; v2: the day after the Friday.
      expect(v1('2027-01-29', 1)).toBe('2027-02-01');
      expect(v2('2027-01-29', 1)).toBe('2027-01-30');
    });

    it('a 2-day job from Friday runs over the weekend into Tuesday under both', () => {
      expect(v1('2027-01-29', 2)).toBe('2027-02-02');
      expect(v2('2027-01-29', 2)).toBe('2027-02-02');
    });

    it('a 2-day job from Thursday: v1 ends Monday, v2 Saturday', () => {
      expect(v1('2026-12-03', 2)).toBe('2026-12-07');
      expect(v2('2026-12-03', 2)).toBe('2026-12-05');
    });

    it('a 10-day job from Wednesday spans two weekends: Wednesday two weeks on under both', () => {
      // v1: 10 + 2·⌊(10 + 3 − 1)/5⌋ = 14 days.
      expect(v1('2026-12-02', 10)).toBe('2026-12-16');
      expect(v2('2026-12-02', 10)).toBe('2026-12-16');
    });

    it('counts the leap day: 3 days from Monday 28 February 2028 end Thursday 2 March', () => {
      expect(v1('2028-02-28', 3)).toBe('2028-03-02');
      expect(v2('2028-02-28', 3)).toBe('2028-03-02');
    });

    it('a 0-day job ends where it starts', () => {
      expect(v1('2026-12-04', 0)).toBe('2026-12-04');
      expect(v2('2026-12-04', 0)).toBe('2026-12-04');
    });

    it('keeps v1 arithmetic for weekend starts (outside the value range): Sunday + 1 day is Wednesday', () => {
      // 1 + 2·⌊(1 + 7 − 1)/5⌋ = 3; v2 counts Monday and ends on Tuesday.
      expect(v1('2026-12-06', 1)).toBe('2026-12-09');
      expect(v2('2026-12-06', 1)).toBe('2026-12-08');
    });

    it('v2 in closed form agrees with counting the workdays one by one, from every weekday, for 0–60 days', () => {
      const counted = (start: number, duration: number): number => {
        let next = start;
        for (let workdays = 0; workdays < duration; next++) if (isoDayOfWeek(next) <= 5) workdays++;
        return next;
      };
      const monday = day('2026-11-30');
      for (let start = monday - 7; start < monday + 7; start++) {
        for (let duration = 0; duration <= 60; duration++) {
          expect(endDayV2(start, duration), `${formatIsoDate(start)} + ${duration}`).toBe(counted(start, duration));
        }
      }
      // Ten years of workdays from a Monday: 522 weeks of 5, ending on a Saturday.
      expect(formatIsoDate(endDayV2(monday, 2_610))).toBe(formatIsoDate(monday + 522 * 7 - 2));
    });
  });
});
