import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { sensorReadings, sensorRollups, sensors } from '../../platform/db/schema';

export interface ReadingRow {
  sensorId: string;
  organizationId: string;
  time: Date;
  value: number;
}

export interface SeriesRow {
  time: Date;
  avg: number;
  min: number;
  max: number;
  count: number;
}

/** One hourly aggregate of one sensor (model inputs). */
export interface HourlyRow {
  sensorId: string;
  bucket: Date;
  avg: number;
}

const HOUR_MS = 3_600_000;

/** Sums the rows of each sensor-hour; sorted by key so concurrent upserts lock in one order. */
export function hourlyRollups(rows: readonly ReadingRow[]) {
  const buckets = new Map<string, typeof sensorRollups.$inferInsert>();
  for (const row of rows) {
    const bucket = new Date(Math.floor(row.time.getTime() / HOUR_MS) * HOUR_MS);
    const key = `${row.sensorId}|${bucket.toISOString()}`;
    const current = buckets.get(key);
    if (current) {
      current.count += 1;
      current.sum += row.value;
      current.min = Math.min(current.min, row.value);
      current.max = Math.max(current.max, row.value);
    } else {
      buckets.set(key, {
        sensorId: row.sensorId,
        organizationId: row.organizationId,
        bucket,
        count: 1,
        sum: row.value,
        min: row.value,
        max: row.value,
      });
    }
  }
  return [...buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, rollup]) => rollup);
}

@Injectable()
export class ReadingsRepository {
  constructor(private readonly database: Database) {}

  /**
   * Stores readings (inside the caller's transaction) and adds the ones actually inserted to the
   * hourly rollups; a reading already stored is skipped by the primary key and counted nowhere.
   * Answers how many were inserted.
   */
  async store(rows: readonly ReadingRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const ordered = [...rows].sort((a, b) =>
      a.sensorId < b.sensorId ? -1 : a.sensorId > b.sensorId ? 1 : a.time.getTime() - b.time.getTime(),
    );
    const inserted = await this.database.executor.insert(sensorReadings).values(ordered).onConflictDoNothing().returning();
    const rollups = hourlyRollups(inserted);
    if (rollups.length > 0) {
      await this.database.executor
        .insert(sensorRollups)
        .values(rollups)
        .onConflictDoUpdate({
          target: [sensorRollups.sensorId, sensorRollups.bucket],
          set: {
            count: sql`${sensorRollups.count} + excluded.count`,
            sum: sql`${sensorRollups.sum} + excluded.sum`,
            min: sql`least(${sensorRollups.min}, excluded.min)`,
            max: sql`greatest(${sensorRollups.max}, excluded.max)`,
          },
        });
    }
    return inserted.length;
  }

  /** Readings in [from, to) by the hourly rollups: exact inside, up to an hour of extra at the edges. */
  async estimateCount(sensorId: string, from: Date, to: Date): Promise<number> {
    const [row] = await this.database.executor
      .select({ n: sql<number>`coalesce(sum(${sensorRollups.count}), 0)::int` })
      .from(sensorRollups)
      .where(
        and(
          eq(sensorRollups.sensorId, sensorId),
          gte(sensorRollups.bucket, new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS)),
          lt(sensorRollups.bucket, to),
        ),
      );
    return Number(row?.n ?? 0);
  }

  async raw(sensorId: string, from: Date, to: Date, limit: number): Promise<SeriesRow[]> {
    const rows = await this.database.executor
      .select({ time: sensorReadings.time, value: sensorReadings.value })
      .from(sensorReadings)
      .where(and(eq(sensorReadings.sensorId, sensorId), gte(sensorReadings.time, from), lt(sensorReadings.time, to)))
      .orderBy(asc(sensorReadings.time))
      .limit(limit);
    return rows.map((row) => ({ time: row.time, avg: row.value, min: row.value, max: row.value, count: 1 }));
  }

  /** min/avg/max per bucket of `bucketMs` counted from `from`, from the raw readings. */
  async rawBuckets(sensorId: string, from: Date, to: Date, bucketMs: number): Promise<SeriesRow[]> {
    const start = from.getTime();
    const rows = await this.database.rows<{ b: string; avg: number; min: number; max: number; n: number }>(sql`
      select floor((extract(epoch from ${sensorReadings.time}) * 1000 - ${start}) / ${bucketMs})::bigint as b,
             avg(${sensorReadings.value})::float8 as avg, min(${sensorReadings.value}) as min, max(${sensorReadings.value}) as max,
             count(*)::int as n
      from ${sensorReadings}
      where ${sensorReadings.sensorId} = ${sensorId} and ${sensorReadings.time} >= ${from.toISOString()} and ${sensorReadings.time} < ${to.toISOString()}
      group by 1 order by 1`);
    return rows.map((row) => ({
      time: new Date(start + Number(row.b) * bucketMs),
      avg: row.avg,
      min: row.min,
      max: row.max,
      count: Number(row.n),
    }));
  }

  /** min/avg/max per bucket of `hours` hours, aligned to the epoch, from the hourly rollups. */
  async rollupBuckets(sensorId: string, from: Date, to: Date, hours: number): Promise<SeriesRow[]> {
    const bucketMs = hours * HOUR_MS;
    const rows = await this.database.rows<{ b: string; avg: number; min: number; max: number; n: number }>(sql`
      select floor(extract(epoch from ${sensorRollups.bucket}) * 1000 / ${bucketMs})::bigint as b,
             (sum(${sensorRollups.sum}) / sum(${sensorRollups.count}))::float8 as avg,
             min(${sensorRollups.min}) as min, max(${sensorRollups.max}) as max, sum(${sensorRollups.count})::int as n
      from ${sensorRollups}
      where ${sensorRollups.sensorId} = ${sensorId}
        and ${sensorRollups.bucket} >= ${new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS).toISOString()}
        and ${sensorRollups.bucket} < ${to.toISOString()}
      group by 1 order by 1`);
    return rows.map((row) => ({
      time: new Date(Number(row.b) * bucketMs),
      avg: row.avg,
      min: row.min,
      max: row.max,
      count: Number(row.n),
    }));
  }

  /** Hourly averages of the sensors in [from, to), oldest first. */
  async hourly(sensorIds: readonly string[], from: Date, to: Date): Promise<HourlyRow[]> {
    if (sensorIds.length === 0) return [];
    const rows = await this.database.executor
      .select({ sensorId: sensorRollups.sensorId, bucket: sensorRollups.bucket, sum: sensorRollups.sum, count: sensorRollups.count })
      .from(sensorRollups)
      .where(and(inArray(sensorRollups.sensorId, [...sensorIds]), gte(sensorRollups.bucket, from), lt(sensorRollups.bucket, to)))
      .orderBy(asc(sensorRollups.bucket));
    return rows.map((row) => ({ sensorId: row.sensorId, bucket: row.bucket, avg: row.sum / row.count }));
  }

  /** The newest `hours` hourly buckets of the sensors since `since` (or fewer), oldest first. */
  async latestHourly(sensorIds: readonly string[], hours: number, since: Date): Promise<HourlyRow[]> {
    if (sensorIds.length === 0) return [];
    const rows = await this.database.executor
      .select({ sensorId: sensorRollups.sensorId, bucket: sensorRollups.bucket, sum: sensorRollups.sum, count: sensorRollups.count })
      .from(sensorRollups)
      .where(and(inArray(sensorRollups.sensorId, [...sensorIds]), gte(sensorRollups.bucket, since)))
      .orderBy(desc(sensorRollups.bucket))
      .limit(hours * sensorIds.length);
    return rows.reverse().map((row) => ({ sensorId: row.sensorId, bucket: row.bucket, avg: row.sum / row.count }));
  }

  /** The first `hours` hourly buckets of the sensors, oldest first (a baseline's healthy period). */
  async firstHourly(sensorIds: readonly string[], hours: number): Promise<HourlyRow[]> {
    if (sensorIds.length === 0) return [];
    const rows = await this.database.executor
      .select({ sensorId: sensorRollups.sensorId, bucket: sensorRollups.bucket, sum: sensorRollups.sum, count: sensorRollups.count })
      .from(sensorRollups)
      .where(inArray(sensorRollups.sensorId, [...sensorIds]))
      .orderBy(asc(sensorRollups.bucket))
      .limit(hours * sensorIds.length);
    return rows.map((row) => ({ sensorId: row.sensorId, bucket: row.bucket, avg: row.sum / row.count }));
  }

  /** Time of the newest reading of any sensor of the equipment (one index probe per sensor). */
  async latestTime(equipmentId: string): Promise<Date | null> {
    const [row] = await this.database.rows<{ latest: string | Date | null }>(sql`
      select max((select max(r.time) from ${sensorReadings} r where r.sensor_id = s.id)) as latest
      from ${sensors} s where s.equipment_id = ${equipmentId}`);
    return row?.latest ? new Date(row.latest) : null;
  }
}
