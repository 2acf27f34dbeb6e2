import { describe, expect, it } from 'vitest';
import { boardRange, localKey, parseDateKey, placeOnAxis, stepAnchor } from './board-time';

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
