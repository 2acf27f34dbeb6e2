import { describe, expect, it } from 'vitest';
import {
  type AvailabilityException,
  type AvailabilityInput,
  availableHours,
  availableIntervals,
  clippedHours,
  type Shift,
} from './availability-calendar';

// Expected numbers are worked out by hand. Berlin is UTC+2 (CEST) in June and around
// 2026-10-24, UTC+1 (CET) in late March before 2026-03-29 02:00 and after 2026-10-25 03:00.

const at = (iso: string) => new Date(iso);
const range = (start: string, end: string) => ({ start: at(start), end: at(end) });
const ms = (iso: string) => Date.parse(iso);

const weekdays = (start: string, end: string): Shift[] => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

const berlin = (weeklyPattern: Shift[], exceptions: AvailabilityException[] = []): AvailabilityInput => ({
  timezone: 'Europe/Berlin',
  weeklyPattern,
  exceptions,
});

const leave = (start: string, end: string): AvailabilityException => ({ start: at(start), end: at(end), available: false });
const extra = (start: string, end: string): AvailabilityException => ({ start: at(start), end: at(end), available: true });

const dayShifts = weekdays('07:00', '15:30');
// Mon 2026-06-15 00:00 to Mon 2026-06-22 00:00, Berlin time (CEST).
const juneWeek = range('2026-06-14T22:00:00Z', '2026-06-21T22:00:00Z');

describe('availableHours: weekly pattern', () => {
  it('Mon–Fri 07:00–15:30 in Berlin over an ordinary week is 5 × 8.5 = 42.5 h', () => {
    expect(availableHours(berlin(dayShifts), juneWeek)).toBe(42.5);
  });

  it('shifts land on Berlin wall-clock time, returned sorted as UTC instants', () => {
    const intervals = availableIntervals(berlin(dayShifts), juneWeek);
    expect(intervals).toHaveLength(5);
    expect(intervals[0]).toEqual({ start: ms('2026-06-15T05:00:00Z'), end: ms('2026-06-15T13:30:00Z') });
    expect(intervals[4]).toEqual({ start: ms('2026-06-19T05:00:00Z'), end: ms('2026-06-19T13:30:00Z') });
  });

  it('a 07:00–15:30 shift is 8.5 h on both DST-change Sundays', () => {
    const sunday = berlin([{ weekday: 7, start: '07:00', end: '15:30' }]);
    // Sun 2026-03-29 00:00 CET to Mon 00:00 CEST: a 23-hour day.
    expect(availableHours(sunday, range('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'))).toBe(8.5);
    // Sun 2026-10-25 00:00 CEST to Mon 00:00 CET: a 25-hour day.
    expect(availableHours(sunday, range('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'))).toBe(8.5);
  });

  it('a Saturday 22:00–06:00 night shift over spring forward (2026-03-29) is 7 h', () => {
    const nights = berlin([{ weekday: 6, start: '22:00', end: '06:00' }]);
    // Mon 2026-03-23 00:00 CET to Mon 2026-03-30 00:00 CEST.
    const week = range('2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z');
    // Sat 22:00 CET = 21:00Z; Sun 06:00 CEST = 04:00Z.
    expect(availableIntervals(nights, week)).toEqual([{ start: ms('2026-03-28T21:00:00Z'), end: ms('2026-03-29T04:00:00Z') }]);
    expect(availableHours(nights, week)).toBe(7);
  });

  it('a Sunday shift from 02:00, inside the spring-forward gap, starts when the clocks jump: 7 h in New York and Berlin alike', () => {
    const sundayFromTwo = [{ weekday: 7, start: '02:00', end: '10:00' }];
    // New York jumps 02:00 EST → 03:00 EDT on 2031-03-09: the shift is 03:00–10:00 EDT = 07:00Z–14:00Z.
    const newYork = { timezone: 'America/New_York', weeklyPattern: sundayFromTwo, exceptions: [] };
    expect(availableIntervals(newYork, range('2031-03-09T05:00:00Z', '2031-03-10T04:00:00Z'))).toEqual([
      { start: ms('2031-03-09T07:00:00Z'), end: ms('2031-03-09T14:00:00Z') },
    ]);
    expect(availableHours(berlin(sundayFromTwo), range('2031-03-29T23:00:00Z', '2031-03-30T22:00:00Z'))).toBe(7);
  });

  it("a St. John's Sunday shift from 02:15 on the day the clocks go back at 02:00 NDT is 7.75 h", () => {
    // 02:15 happens once, after the change: 02:15 NST = 05:45Z; 10:00 NST = 13:30Z.
    const stJohns = { timezone: 'America/St_Johns', weeklyPattern: [{ weekday: 7, start: '02:15', end: '10:00' }], exceptions: [] };
    expect(availableHours(stJohns, range('2031-11-02T02:30:00Z', '2031-11-03T03:30:00Z'))).toBe(7.75);
  });

  it('a Saturday 22:00–06:00 night shift over fall back (2026-10-25) is 9 h', () => {
    const nights = berlin([{ weekday: 6, start: '22:00', end: '06:00' }]);
    // Mon 2026-10-19 00:00 CEST to Mon 2026-10-26 00:00 CET.
    const week = range('2026-10-18T22:00:00Z', '2026-10-25T23:00:00Z');
    // Sat 22:00 CEST = 20:00Z; Sun 06:00 CET = 05:00Z.
    expect(availableIntervals(nights, week)).toEqual([{ start: ms('2026-10-24T20:00:00Z'), end: ms('2026-10-25T05:00:00Z') }]);
    expect(availableHours(nights, week)).toBe(9);
  });

  it('a shift that started the previous evening counts only from the range start', () => {
    const mondayNight = berlin([{ weekday: 1, start: '22:00', end: '06:00' }]);
    // Tue 2026-06-16 00:00 to Wed 00:00 Berlin; the Monday shift runs 20:00Z–04:00Z.
    const tuesday = range('2026-06-15T22:00:00Z', '2026-06-16T22:00:00Z');
    expect(availableIntervals(mondayNight, tuesday)).toEqual([{ start: ms('2026-06-15T22:00:00Z'), end: ms('2026-06-16T04:00:00Z') }]);
    expect(availableHours(mondayNight, tuesday)).toBe(6);
  });

  it('range boundaries inside shifts cut the first and last shift', () => {
    // Mon 10:00 to Wed 09:00 Berlin: Mon 10:00–15:30 (5.5) + Tue 8.5 + Wed 07:00–09:00 (2) = 16 h.
    expect(availableHours(berlin(dayShifts), range('2026-06-15T08:00:00Z', '2026-06-17T07:00:00Z'))).toBe(16);
  });

  it('overlapping shifts in the pattern count once', () => {
    // Monday 07:00–15:30 and 12:00–18:00 cover 07:00–18:00 = 11 h.
    const pattern = [
      { weekday: 1, start: '07:00', end: '15:30' },
      { weekday: 1, start: '12:00', end: '18:00' },
    ];
    expect(availableHours(berlin(pattern), juneWeek)).toBe(11);
  });

  it('UTC timezone: Mon–Fri 08:00–16:00 is 40 h, unaffected by the European DST week', () => {
    const utc = { timezone: 'UTC', weeklyPattern: weekdays('08:00', '16:00'), exceptions: [] };
    expect(availableHours(utc, range('2026-03-23T00:00:00Z', '2026-03-30T00:00:00Z'))).toBe(40);
  });

  it('an empty pattern has no hours', () => {
    expect(availableHours(berlin([]), juneWeek)).toBe(0);
    expect(availableIntervals(berlin([]), juneWeek)).toEqual([]);
  });

  it('a range ending at or before its start has no hours', () => {
    expect(availableHours(berlin(dayShifts), range('2026-06-17T22:00:00Z', '2026-06-14T22:00:00Z'))).toBe(0);
    expect(availableHours(berlin(dayShifts), range('2026-06-15T08:00:00Z', '2026-06-15T08:00:00Z'))).toBe(0);
  });
});

describe('availableHours: exceptions', () => {
  it('leave covering a whole day removes that day: 42.5 − 8.5 = 34 h', () => {
    // Wed 2026-06-17 00:00 to Thu 00:00 Berlin.
    const input = berlin(dayShifts, [leave('2026-06-16T22:00:00Z', '2026-06-17T22:00:00Z')]);
    expect(availableHours(input, juneWeek)).toBe(34);
  });

  it('leave from 12:00 removes only the afternoon of the shift: 42.5 − 3.5 = 39 h', () => {
    // Wed 12:00–18:00 Berlin; the shift keeps 07:00–12:00.
    const input = berlin(dayShifts, [leave('2026-06-17T10:00:00Z', '2026-06-17T16:00:00Z')]);
    expect(availableHours(input, juneWeek)).toBe(39);
    expect(availableIntervals(input, juneWeek)[2]).toEqual({
      start: ms('2026-06-17T05:00:00Z'),
      end: ms('2026-06-17T10:00:00Z'),
    });
  });

  it('leave in the middle of a shift splits it in two', () => {
    // Wed 10:00–11:00 Berlin: 07:00–10:00 and 11:00–15:30 remain, 42.5 − 1 = 41.5 h.
    const input = berlin(dayShifts, [leave('2026-06-17T08:00:00Z', '2026-06-17T09:00:00Z')]);
    expect(availableIntervals(input, juneWeek)).toHaveLength(6);
    expect(availableHours(input, juneWeek)).toBe(41.5);
  });

  it('extra time on a Saturday adds to the week: 42.5 + 4 = 46.5 h', () => {
    // Sat 2026-06-20 08:00–12:00 Berlin.
    const input = berlin(dayShifts, [extra('2026-06-20T06:00:00Z', '2026-06-20T10:00:00Z')]);
    expect(availableHours(input, juneWeek)).toBe(46.5);
  });

  it('overlapping extra-time exceptions count once: Sat 08:00–12:00 and 10:00–14:00 add 6 h', () => {
    const input = berlin(dayShifts, [
      extra('2026-06-20T06:00:00Z', '2026-06-20T10:00:00Z'),
      extra('2026-06-20T08:00:00Z', '2026-06-20T12:00:00Z'),
    ]);
    expect(availableHours(input, juneWeek)).toBe(48.5);
  });

  it('extra time overlapping a shift adds only the part outside it', () => {
    // Fri 14:00–17:00 Berlin; the shift already covers 14:00–15:30, so + 1.5 h = 44 h.
    const input = berlin(dayShifts, [extra('2026-06-19T12:00:00Z', '2026-06-19T15:00:00Z')]);
    expect(availableHours(input, juneWeek)).toBe(44);
  });

  it('overlapping leaves remove their union once: Wed 07:00–11:00 and 09:00–13:00 remove 6 h', () => {
    const input = berlin(dayShifts, [
      leave('2026-06-17T05:00:00Z', '2026-06-17T09:00:00Z'),
      leave('2026-06-17T07:00:00Z', '2026-06-17T11:00:00Z'),
    ]);
    expect(availableHours(input, juneWeek)).toBe(36.5);
  });

  it('leave wins over extra time where they overlap', () => {
    // Extra Sat 08:00–12:00, leave Sat 10:00–12:00: 2 h remain, 42.5 + 2 = 44.5 h.
    const input = berlin(dayShifts, [
      extra('2026-06-20T06:00:00Z', '2026-06-20T10:00:00Z'),
      leave('2026-06-20T08:00:00Z', '2026-06-20T10:00:00Z'),
    ]);
    expect(availableHours(input, juneWeek)).toBe(44.5);
  });

  it('exceptions outside the range change nothing', () => {
    const input = berlin(dayShifts, [
      leave('2026-06-22T05:00:00Z', '2026-06-22T13:30:00Z'),
      extra('2026-06-13T06:00:00Z', '2026-06-13T10:00:00Z'),
    ]);
    expect(availableHours(input, juneWeek)).toBe(42.5);
  });
});

describe('clippedHours', () => {
  const day = range('2026-06-15T08:00:00Z', '2026-06-15T16:00:00Z');

  it('two overlapping bookings and one outside the range: 08:00–12:00 = 4 h, not 2 + 3', () => {
    const bookings = [
      range('2026-06-15T07:00:00Z', '2026-06-15T10:00:00Z'), // clipped to 08:00–10:00
      range('2026-06-15T09:00:00Z', '2026-06-15T12:00:00Z'), // overlaps the first by 1 h
      range('2026-06-15T18:00:00Z', '2026-06-15T20:00:00Z'), // after the range
    ];
    expect(clippedHours(bookings, day)).toBe(4);
  });

  it('no bookings, or a range ending at or before its start, is 0 h', () => {
    expect(clippedHours([], day)).toBe(0);
    expect(clippedHours([day], range('2026-06-15T16:00:00Z', '2026-06-15T08:00:00Z'))).toBe(0);
  });
});
