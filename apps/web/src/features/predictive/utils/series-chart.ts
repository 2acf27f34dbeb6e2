import type { SensorSeries } from '@msched/contracts';

export const SERIES_RANGES = [
  { key: '24h', label: '24 hours', hours: 24 },
  { key: '7d', label: '7 days', hours: 7 * 24 },
  { key: '30d', label: '30 days', hours: 30 * 24 },
  { key: '90d', label: '90 days', hours: 90 * 24 },
] as const;
export type SeriesRangeKey = (typeof SERIES_RANGES)[number]['key'];

/** Points asked of the server per chart: enough for a wide screen, few enough to draw quickly. */
export const SERIES_POINTS = 300;

/** The range ending at the current minute (so a re-render within the minute reuses the cached answer). */
export function seriesRange(key: SeriesRangeKey, now = Date.now()) {
  const hours = SERIES_RANGES.find((range) => range.key === key)?.hours ?? 24;
  const to = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(to - hours * 3_600_000).toISOString(), to: new Date(to).toISOString() };
}

export interface SeriesChartData {
  times: Date[];
  min: number[];
  /** max − min: stacked on `min`, it draws the band between them. */
  spread: number[];
  max: number[];
  avg: number[];
  /** Buckets (min/avg/max) rather than single readings. */
  bucketed: boolean;
}

/** The chart's arrays from the server's points, in time order. */
export function seriesChartData(series: Pick<SensorSeries, 'points' | 'resolution'>): SeriesChartData {
  const points = [...series.points].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return {
    times: points.map((point) => new Date(point.time)),
    min: points.map((point) => point.min),
    spread: points.map((point) => point.max - point.min),
    max: points.map((point) => point.max),
    avg: points.map((point) => point.avg),
    bucketed: series.resolution === 'bucketed',
  };
}

/**
 * The value axis: the readings and the sensor's normal range together, so the dashed lines of
 * the normal range are always on the chart, with a twentieth of the span as margin.
 */
export function valueDomain(
  chart: Pick<SeriesChartData, 'min' | 'max'>,
  expected: { expectedMin: number | null; expectedMax: number | null },
) {
  const values = [...chart.min, ...chart.max, expected.expectedMin, expected.expectedMax].filter(
    (value): value is number => value !== null && Number.isFinite(value),
  );
  if (values.length === 0) return { min: 0, max: 1 };
  const low = Math.min(...values);
  const high = Math.max(...values);
  const margin = (high - low) / 20 || Math.abs(high) / 20 || 1;
  return { min: low - margin, max: high + margin };
}
