import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOUR_MS, boardRange, localKey, parseDateKey, placeOnAxis, stepAnchor } from './board-time';

describe('the board’s time axis (local time)', () => {
  it('shows a day as 24 hourly slots named by their local start', () => {
    const day = boardRange('day', new Date(2026, 10, 18));
    expect(day.slots).toHaveLength(24);
    expect(day.slots[0]!.key).toBe('2026-11-18T00:00');
    expect(day.slots[13]!.key).toBe('2026-11-18T13:00');
    expect(day.end).toBe(new Date(2026, 10, 19).getTime());
  });

  it('shows the Monday-to-Sunday week holding the date as 14 half-days', () => {
    const week = boardRange('week', new Date(2026, 10, 18));
    expect(week.slots.map((slot) => slot.key).slice(0, 3)).toEqual(['2026-11-16T00:00', '2026-11-16T12:00', '2026-11-17T00:00']);
    expect(week.slots.at(-1)!.key).toBe('2026-11-22T12:00');
    expect(week.end).toBe(new Date(2026, 10, 23).getTime());
    expect(stepAnchor('week', new Date(2026, 10, 18), -1)).toEqual(new Date(2026, 10, 11));
  });

  it('places work in percent of the axis, clipped, and names slots by local time', () => {
    const day = boardRange('day', new Date(2026, 10, 18));
    const hour = (h: number) => new Date(2026, 10, 18, h).getTime();
    expect(placeOnAxis(day, { start: hour(6), end: hour(12) })).toEqual({ left: 25, width: 25 });
    expect(placeOnAxis(day, { start: hour(0) - 3_600_000, end: hour(6) })).toEqual({ left: 0, width: 25 });
    expect(placeOnAxis(day, { start: hour(24), end: hour(25) })).toBeNull();
    expect(localKey(hour(7))).toBe('2026-11-18T07:00');
    expect(parseDateKey('2026-11-18')).toEqual(new Date(2026, 10, 18));
  });
});

// The axis follows the device's zone: each case runs in the zone it is about, whatever the machine's.
describe.each([
  { zone: 'Europe/Berlin', forward: '2027-03-28', back: '2027-10-31', skipped: '02:00', twice: '02:00' },
  { zone: 'America/New_York', forward: '2027-03-14', back: '2027-11-07', skipped: '02:00', twice: '01:00' },
])('the day the clocks change in $zone', ({ zone, forward, back, skipped, twice }) => {
  // Node follows TZ as soon as it changes.
  beforeAll(() => void vi.stubEnv('TZ', zone));
  afterAll(() => void vi.unstubAllEnvs());

  const everySlotFits = (day: ReturnType<typeof boardRange>) => {
    for (const slot of day.slots) expect(placeOnAxis(day, slot)).not.toBeNull();
    expect(new Set(day.slots.map((slot) => slot.key)).size).toBe(day.slots.length);
    day.slots.forEach((slot, index) => expect(slot.start).toBe(index === 0 ? day.start : day.slots[index - 1]!.end));
  };

  it('going forward is a 23-hour day of 23 slots, without the hour the clocks skip', () => {
    const day = boardRange('day', parseDateKey(forward));
    expect(day.end - day.start).toBe(23 * HOUR_MS);
    expect(day.slots).toHaveLength(23);
    expect(day.slots.map((slot) => slot.key)).not.toContain(`${forward}T${skipped}`);
    expect(day.slots.every((slot) => slot.end - slot.start === HOUR_MS)).toBe(true);
    everySlotFits(day);
  });

  it('going back is a 25-hour day whose repeated hour is one slot of two hours', () => {
    const day = boardRange('day', parseDateKey(back));
    expect(day.end - day.start).toBe(25 * HOUR_MS);
    expect(day.slots).toHaveLength(24);
    const repeated = day.slots.find((slot) => slot.key === `${back}T${twice}`)!;
    expect(repeated.end - repeated.start).toBe(2 * HOUR_MS);
    everySlotFits(day);
  });

  it('a week holding either day still has its 14 half-days', () => {
    for (const date of [forward, back]) {
      const week = boardRange('week', parseDateKey(date));
      expect(week.slots).toHaveLength(14);
      everySlotFits(week);
    }
  });
});
