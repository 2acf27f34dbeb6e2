import { describe, expect, it } from 'vitest';
import { complement, firstWorkingInstant, leaveIntervals, shiftIntervals, workingIntervals } from './availability';

const utc = (day: number, hours: number, minutes = 0) => Date.UTC(2026, 2, day, hours, minutes);
const week = (weekdays: number[], start: string, end: string) => weekdays.map((weekday) => ({ weekday, start, end }));

describe('a technician’s working time on the board', () => {
  it('puts a Berlin day shift at 07:00 Berlin time on both sides of the spring clock change', () => {
    // Friday 27 March 2026 is UTC+1; Monday 30 March is UTC+2 (clocks went forward on Sunday 29th).
    const berlin = { timezone: 'Europe/Berlin', weeklyPattern: week([1, 5], '07:00', '15:00'), exceptions: [] };
    expect(shiftIntervals(berlin, { start: utc(27, 0), end: utc(31, 0) })).toEqual([
      { start: utc(27, 6), end: utc(27, 14) },
      { start: utc(30, 5), end: utc(30, 13) },
    ]);
  });

  it('runs a night shift past midnight and clips it to the range', () => {
    const nights = { timezone: 'UTC', weeklyPattern: week([2], '22:00', '06:00'), exceptions: [] };
    // Tuesday 24 March 22:00 to Wednesday 06:00; the range starts at Wednesday midnight.
    expect(shiftIntervals(nights, { start: utc(25, 0), end: utc(26, 0) })).toEqual([{ start: utc(25, 0), end: utc(25, 6) }]);
  });

  it('adds extra time, takes leave off (leave wins where both apply), and names the leave', () => {
    const availability = {
      timezone: 'UTC',
      weeklyPattern: week([1, 2], '08:00', '16:00'),
      exceptions: [
        { start: new Date(utc(23, 16)).toISOString(), end: new Date(utc(23, 18)).toISOString(), available: true, reason: 'Overtime' },
        { start: new Date(utc(24, 0)).toISOString(), end: new Date(utc(25, 0)).toISOString(), available: false, reason: 'Training' },
        { start: new Date(utc(23, 17)).toISOString(), end: new Date(utc(23, 19)).toISOString(), available: false, reason: null },
      ],
    };
    const range = { start: utc(23, 0), end: utc(25, 0) };
    expect(workingIntervals(availability, range)).toEqual([{ start: utc(23, 8), end: utc(23, 17) }]);
    expect(leaveIntervals(availability, range)).toEqual([
      { start: utc(23, 17), end: utc(23, 19), reason: null },
      { start: utc(24, 0), end: utc(25, 0), reason: 'Training' },
    ]);
  });

  it('shades what is outside the shifts and finds the first working minute of a half-day', () => {
    const range = { start: utc(23, 0), end: utc(24, 0) };
    const working = [{ start: utc(23, 7), end: utc(23, 15) }];
    expect(complement(working, range)).toEqual([
      { start: utc(23, 0), end: utc(23, 7) },
      { start: utc(23, 15), end: utc(24, 0) },
    ]);
    expect(firstWorkingInstant(working, { start: utc(23, 0), end: utc(23, 12) })).toBe(utc(23, 7));
    expect(firstWorkingInstant(working, { start: utc(23, 12), end: utc(24, 0) })).toBe(utc(23, 12));
    expect(firstWorkingInstant(working, { start: utc(24, 0), end: utc(24, 12) })).toBeNull();
  });
});
