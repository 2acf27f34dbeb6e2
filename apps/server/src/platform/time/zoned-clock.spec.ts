import { describe, expect, it } from 'vitest';
import { DAY, HOUR, ZonedClock, minuteOfDay, readableTime } from './zoned-clock';

describe('ZonedClock', () => {
  it('finds the offset across a DST change (Europe/Berlin, 29 March 2026)', () => {
    const berlin = new ZonedClock('Europe/Berlin');
    expect(berlin.offset(Date.parse('2026-03-29T00:30:00Z'))).toBe(HOUR);
    expect(berlin.offset(Date.parse('2026-03-29T01:30:00Z'))).toBe(2 * HOUR);
    const day = berlin.localDay(Date.parse('2026-03-30T12:00:00Z'));
    expect(new Date(berlin.instantAt(day, minuteOfDay('07:00'))).toISOString()).toBe('2026-03-30T05:00:00.000Z');
  });

  // Date.UTC reads the years 0–99 as 1900–1999: a shift on 4 January 0050 landed in 1950.
  it.each(['0050-01-04', '0099-12-27', '0100-01-04', '0000-06-01', '-000100-06-01', '9999-12-31'])(
    'keeps the wall clock of %s in UTC and in a fixed-offset zone',
    (date) => {
      const midnight = Date.parse(`${date}T00:00:00Z`);
      const utc = new ZonedClock('UTC');
      expect(utc.offset(midnight)).toBe(0);
      expect(utc.localDay(midnight)).toBe(midnight / DAY);
      expect(utc.instantAt(midnight / DAY, minuteOfDay('07:30'))).toBe(midnight + 7.5 * HOUR);
      // (Etc/GMT-9 is UTC+9 at every date; a city's zone keeps its local mean time before 1900.)
      const tokyo = new ZonedClock('Etc/GMT-9');
      expect(tokyo.instantAt(midnight / DAY, minuteOfDay('09:00'))).toBe(midnight);
    },
  );
  it("finds an offset that changes at half past a UTC hour (St. John's falls back at 04:30 UTC)", () => {
    const stJohns = new ZonedClock('America/St_Johns');
    expect(stJohns.offset(Date.parse('2031-11-02T04:15:00Z'))).toBe(-2.5 * HOUR);
    expect(stJohns.offset(Date.parse('2031-11-02T04:45:00Z'))).toBe(-3.5 * HOUR);
  });

  it.each([
    // Clocks jump forward over the time: it lands as far past the jump as it was into the gap, east and west of UTC alike.
    ['America/New_York', '2031-03-09', '02:00', '2031-03-09T07:00:00.000Z'],
    ['America/New_York', '2031-03-09', '02:30', '2031-03-09T07:30:00.000Z'],
    ['Europe/Berlin', '2031-03-30', '02:30', '2031-03-30T01:30:00.000Z'],
    ['America/Havana', '2031-03-09', '00:00', '2031-03-09T05:00:00.000Z'],
    // Clocks go back over the time: its first occurrence.
    ['Europe/Berlin', '2031-10-26', '02:30', '2031-10-26T00:30:00.000Z'],
    ['America/New_York', '2031-11-02', '01:30', '2031-11-02T05:30:00.000Z'],
    ['America/St_Johns', '2031-11-02', '01:15', '2031-11-02T03:45:00.000Z'],
    ['Australia/Lord_Howe', '2031-04-06', '01:45', '2031-04-05T14:45:00.000Z'],
    ['Pacific/Chatham', '2031-04-06', '03:00', '2031-04-05T13:15:00.000Z'],
    // Once only, after the clocks went back.
    ['America/St_Johns', '2031-11-02', '02:15', '2031-11-02T05:45:00.000Z'],
  ])('in %s on %s, %s is %s', (timezone, date, time, instant) => {
    const day = Date.parse(`${date}T00:00:00Z`) / DAY;
    expect(new Date(new ZonedClock(timezone).instantAt(day, minuteOfDay(time))).toISOString()).toBe(instant);
  });
});

describe('readableTime', () => {
  it('says a moment as it reads in the zone, with the zone named', () => {
    expect(readableTime(new Date('2026-12-08T09:00:00Z'), 'Europe/Berlin')).toBe('Tue 8 Dec 2026, 10:00 (Europe/Berlin)');
    // Summer time, and a day that is still the previous one in Chicago.
    expect(readableTime(new Date('2026-07-01T03:30:00Z'), 'America/Chicago')).toBe('Tue 30 Jun 2026, 22:30 (America/Chicago)');
    expect(readableTime(new Date('2026-07-01T00:05:00Z'), 'UTC')).toBe('Wed 1 Jul 2026, 00:05 (UTC)');
  });
});
