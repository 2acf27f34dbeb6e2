import { describe, expect, it } from 'vitest';
import { seriesChartData, seriesRange, valueDomain } from './series-chart';

const point = (time: string, min: number, avg: number, max: number) => ({ time, min, avg, max, count: 4 });

describe('sensor chart data', () => {
  it('orders points by time and stacks max − min on min for the band', () => {
    const chart = seriesChartData({
      resolution: 'bucketed',
      points: [point('2026-11-30T02:00:00.000Z', 3, 4, 7.5), point('2026-11-30T01:00:00.000Z', 2, 2.5, 3)],
    });
    expect(chart.times.map((time) => time.toISOString())).toEqual(['2026-11-30T01:00:00.000Z', '2026-11-30T02:00:00.000Z']);
    expect(chart.min).toEqual([2, 3]);
    expect(chart.spread).toEqual([1, 4.5]);
    expect(chart.max).toEqual([3, 7.5]);
    expect(chart.avg).toEqual([2.5, 4]);
    expect(chart.bucketed).toBe(true);
  });

  it('asks for a range ending at the next whole minute', () => {
    const range = seriesRange('24h', Date.parse('2026-11-30T10:15:20.000Z'));
    expect(range).toEqual({ from: '2026-11-29T10:16:00.000Z', to: '2026-11-30T10:16:00.000Z' });
  });

  it('keeps the normal range on the value axis', () => {
    expect(valueDomain({ min: [4, 5], max: [5, 6] }, { expectedMin: 5.5, expectedMax: 8 })).toEqual({ min: 3.8, max: 8.2 });
    expect(valueDomain({ min: [], max: [] }, { expectedMin: null, expectedMax: null })).toEqual({ min: 0, max: 1 });
  });
});
