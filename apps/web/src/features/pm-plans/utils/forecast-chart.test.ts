import { describe, expect, it } from 'vitest';
import { forecastBars, forecastRange, forecastTotals } from './forecast-chart';

const week = (weekStart: string, loadHours: number, capacityHours: number) => ({ weekStart, loadHours, capacityHours, bySkill: [] });

describe('forecast chart rows', () => {
  const bars = forecastBars({
    weeks: [week('2026-11-30T00:00:00.000Z', 12.345, 80), week('2026-12-07T00:00:00.000Z', 96, 80), week('2026-12-14T00:00:00.000Z', 4, 0)],
  });

  it('keeps the weeks in order, hours to one decimal, and flags load above capacity', () => {
    expect(
      bars.map(({ weekStart, load, capacity, overloaded, utilization }) => ({ weekStart, load, capacity, overloaded, utilization })),
    ).toEqual([
      { weekStart: '2026-11-30T00:00:00.000Z', load: 12.3, capacity: 80, overloaded: false, utilization: 15 },
      { weekStart: '2026-12-07T00:00:00.000Z', load: 96, capacity: 80, overloaded: true, utilization: 120 },
      { weekStart: '2026-12-14T00:00:00.000Z', load: 4, capacity: 0, overloaded: true, utilization: null },
    ]);
    expect(bars[0]!.label).toBe(
      new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(new Date('2026-11-30T12:00:00.000Z')),
    );
  });

  it('labels a week by its Monday even when that Monday starts on Sunday evening in UTC', () => {
    const [berlin] = forecastBars({ weeks: [week('2026-11-29T23:00:00.000Z', 1, 1)] });
    expect(berlin!.label).toBe(bars[0]!.label);
  });

  it('adds up the range and counts the weeks to level', () => {
    expect(forecastTotals(bars)).toEqual({ load: 112.3, capacity: 160, overloadedWeeks: 2 });
  });

  it('asks from the start of today for whole weeks', () => {
    const range = forecastRange(13, new Date(2026, 10, 30, 15, 20));
    expect(range).toEqual({ from: new Date(2026, 10, 30).toISOString(), to: new Date(2027, 2, 1).toISOString() });
  });
});
