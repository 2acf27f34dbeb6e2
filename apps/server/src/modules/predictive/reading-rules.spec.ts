import { describe, expect, it } from 'vitest';
import { EARLIEST_READING_MS, FUTURE_TOLERANCE_MS, alignedBuckets, planSeries, readingProblem } from './reading-rules';

const NOW = Date.UTC(2026, 10, 29, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('readingProblem', () => {
  it('accepts a number at any time from 2000 to a day ahead', () => {
    expect(readingProblem(NOW, 4.2, NOW)).toBeNull();
    expect(readingProblem(EARLIEST_READING_MS, 0, NOW)).toBeNull();
    expect(readingProblem(NOW + FUTURE_TOLERANCE_MS, -3, NOW)).toBeNull();
  });

  it('refuses what is not a finite number', () => {
    for (const value of ['4.2', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, {}]) {
      expect(readingProblem(NOW, value, NOW)).toBe('not_a_number');
    }
  });

  it('refuses a magnitude above 1e15, so that an hour of readings never sums past a double', () => {
    expect(readingProblem(NOW, 1e15, NOW)).toBeNull();
    expect(readingProblem(NOW, -1e15, NOW)).toBeNull();
    expect(readingProblem(NOW, 1.5e308, NOW)).toBe('value_out_of_range');
    expect(readingProblem(NOW, -1e15 - 1, NOW)).toBe('value_out_of_range');
  });

  it('refuses a time before 2000, more than a day ahead, or unreadable', () => {
    expect(readingProblem(EARLIEST_READING_MS - 1, 1, NOW)).toBe('time_out_of_range');
    expect(readingProblem(NOW + FUTURE_TOLERANCE_MS + 1, 1, NOW)).toBe('time_out_of_range');
    expect(readingProblem(Number.NaN, 1, NOW)).toBe('bad_time');
  });
});

describe('planSeries', () => {
  it('answers raw readings when there are no more than the points asked for', () => {
    expect(planSeries(NOW - DAY, NOW, 500, 500)).toEqual({ kind: 'raw' });
  });

  it('buckets the raw rows while a bucket is under an hour: one day in 500 points is 173 s buckets', () => {
    expect(planSeries(NOW - DAY, NOW, 500, 86_400)).toEqual({ kind: 'raw-buckets', bucketMs: 172_800 });
  });

  it('uses whole hours of rollups beyond, never more buckets than points', () => {
    // 30 days in 100 points: 7.2 h → 8 h buckets; 30 days from 12:00 start mid-bucket, so 91 of them.
    const plan = planSeries(NOW - 30 * DAY, NOW, 100, 1e6);
    expect(plan).toEqual({ kind: 'rollup-buckets', hours: 8 });
    expect(alignedBuckets(NOW - 30 * DAY, NOW, 8 * HOUR)).toBe(91);
  });

  it('widens hour buckets until the aligned ones fit', () => {
    // 10 hours from 00:30 in 10 points: 1 h buckets would be 11 aligned ones.
    const from = Date.UTC(2026, 0, 1, 0, 30);
    expect(planSeries(from, from + 10 * HOUR, 10, 1e6)).toEqual({ kind: 'rollup-buckets', hours: 2 });
  });
});
