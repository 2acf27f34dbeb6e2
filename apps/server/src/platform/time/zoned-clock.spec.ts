import { describe, expect, it } from 'vitest';
import { DAY, HOUR, ZonedClock, minuteOfDay } from './zoned-clock';

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
});
