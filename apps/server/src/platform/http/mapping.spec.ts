import { describe, expect, it } from 'vitest';
import { isoFromPostgres, isoFromPostgresOrNull } from './mapping';

/** What the API answered before: the Date that Drizzle made from the text, as an ISO string. */
const throughDate = (text: string) => new Date(text).toISOString();

/** PostgreSQL's ISO text of an instant in a UTC session, with `digits` digits of fraction. */
function postgresText(instant: Date, microseconds: number, digits: number): string {
  const [day, time] = instant.toISOString().slice(0, 19).split('T');
  const fraction = String(instant.getUTCMilliseconds() * 1000 + microseconds)
    .padStart(6, '0')
    .slice(0, digits)
    .replace(/0+$/, '');
  return `${day} ${time}${fraction ? `.${fraction}` : ''}+00`;
}

describe('isoFromPostgres', () => {
  it.each([
    ['2026-03-01 08:30:00+00', '2026-03-01T08:30:00.000Z'],
    ['2026-03-01 08:30:00.5+00', '2026-03-01T08:30:00.500Z'],
    ['2026-03-01 08:30:00.05+00', '2026-03-01T08:30:00.050Z'],
    ['2026-03-01 08:30:00.123+00', '2026-03-01T08:30:00.123Z'],
    ['2026-03-01 08:30:00.9999+00', '2026-03-01T08:30:00.999Z'],
    ['2026-03-01 08:30:00.123456+00', '2026-03-01T08:30:00.123Z'],
    ['2024-02-29 23:59:59.999+00', '2024-02-29T23:59:59.999Z'],
    ['1969-12-31 23:59:59.999+00', '1969-12-31T23:59:59.999Z'],
    ['1000-01-01 00:00:00+00', '1000-01-01T00:00:00.000Z'],
    ['9999-12-31 23:59:59.999999+00', '9999-12-31T23:59:59.999Z'],
  ])('%s → %s, as through a Date', (text, expected) => {
    expect(isoFromPostgres(text)).toBe(expected);
    expect(isoFromPostgres(text)).toBe(throughDate(text));
  });

  it('equals the Date round trip over many instants and every fraction length', () => {
    // A fixed walk (no randomness) from 1001 to 9998, with leap days and pre-1970 instants among them.
    const from = Date.UTC(1001, 0, 1);
    const span = Date.UTC(9998, 11, 31) - from;
    let checked = 0;
    for (let step = 0; step < 4000; step++) {
      const instant = new Date(from + Math.floor((span * step) / 4000) + step * 7919);
      for (let digits = 0; digits <= 6; digits++) {
        const text = postgresText(instant, (step * 37) % 1000, digits);
        expect(isoFromPostgres(text), text).toBe(throughDate(text));
        checked++;
      }
    }
    for (const year of [1600, 2000, 2024, 2400]) {
      const text = `${year}-02-29 12:00:00.25+00`;
      expect(isoFromPostgres(text), text).toBe(throughDate(text));
    }
    expect(checked).toBe(28_000);
  });

  it('answers as the Date did for text it does not rewrite (other zones, styles, years before 1000)', () => {
    for (const text of [
      '2024-02-29 12:00:00+05:30',
      '2024-02-29 12:00:00.123-08',
      '0500-06-01 00:00:00.5+00',
      '0050-01-01 00:00:00+00',
      '10000-01-01 00:00:00+00',
      '2024-02-29T12:00:00.123Z',
    ]) {
      expect(isoFromPostgres(text), text).toBe(throughDate(text));
    }
  });

  it('fails where the Date failed (BC, infinity)', () => {
    for (const text of ['0001-01-01 00:00:00+00 BC', 'infinity', '-infinity']) {
      expect(() => isoFromPostgres(text), text).toThrow(RangeError);
    }
  });

  it('keeps null as null', () => {
    expect(isoFromPostgresOrNull(null)).toBeNull();
    expect(isoFromPostgresOrNull('2026-03-01 08:30:00+00')).toBe('2026-03-01T08:30:00.000Z');
  });
});
