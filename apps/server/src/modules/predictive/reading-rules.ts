/**
 * What makes a sensor reading acceptable, shared by HTTP and MQTT ingestion, and how a series
 * request is cut into buckets. Pure functions: no clock, no database.
 */

/** Readings before this are a device with a reset clock, not history. */
export const EARLIEST_READING_MS = Date.UTC(2000, 0, 1);
/** Device clocks drift; a day ahead is still believed, more is not. */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/**
 * The largest magnitude a reading may have. Far beyond any physical sensor, and small enough that
 * an hour's readings always sum to a finite number (the hourly rollups add them up).
 */
export const MAX_READING_MAGNITUDE = 1e15;

export type RejectReason = 'unknown_sensor' | 'not_a_number' | 'value_out_of_range' | 'bad_time' | 'time_out_of_range';

export const REJECT_MESSAGES: Record<RejectReason, string> = {
  unknown_sensor: 'is not a sensor of this equipment',
  not_a_number: 'must be a finite number',
  value_out_of_range: 'must be between -1e15 and 1e15',
  bad_time: 'must be an ISO 8601 time or epoch milliseconds',
  time_out_of_range: 'must be after 2000-01-01 and at most one day in the future',
};

/** Why a reading's value and time cannot be stored, or null when they can. */
export function readingProblem(time: number, value: unknown, now: number): RejectReason | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_a_number';
  if (Math.abs(value) > MAX_READING_MAGNITUDE) return 'value_out_of_range';
  if (!Number.isFinite(time)) return 'bad_time';
  if (time < EARLIEST_READING_MS || time > now + FUTURE_TOLERANCE_MS) return 'time_out_of_range';
  return null;
}

const HOUR_MS = 3_600_000;

export type SeriesPlan = { kind: 'raw' } | { kind: 'raw-buckets'; bucketMs: number } | { kind: 'rollup-buckets'; hours: number };

/** How many epoch-aligned buckets of `size` ms cover [from, to). */
export const alignedBuckets = (from: number, to: number, size: number) => Math.floor((to - 1) / size) - Math.floor(from / size) + 1;

/**
 * Raw readings when there are at most `points`; otherwise buckets of equal width, at most
 * `points` of them: from the raw rows while a bucket is shorter than an hour (exact range
 * edges), from the hourly rollups beyond (hour-aligned, so a bucket is whole hours).
 */
export function planSeries(from: number, to: number, points: number, estimatedCount: number): SeriesPlan {
  if (estimatedCount <= points) return { kind: 'raw' };
  const bucketMs = Math.ceil((to - from) / points);
  if (bucketMs < HOUR_MS) return { kind: 'raw-buckets', bucketMs };
  let hours = Math.ceil(bucketMs / HOUR_MS);
  while (alignedBuckets(from, to, hours * HOUR_MS) > points) hours++;
  return { kind: 'rollup-buckets', hours };
}
