import { CreateSensor, SensorReadingsRequest, SeriesQuery } from '@msched/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { DAY, HOUR, type Predictive, buildPredictive, countRows, insertMachine } from './predictive-support';
import { appError, buildServices, principalOf } from './support';

/**
 * Sensor readings over a real database: idempotent batches, late and out-of-order readings,
 * refused batches that store nothing, hourly rollups that always equal the raw rows, and
 * downsampled series within their bounds. Times are in the recent past (the future is refused).
 */
describe('sensor readings over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let predictive: Predictive;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let technician: Principal;
  let machineCount = 0;
  // Midnight UTC, so hour buckets of any width up to a day line up with it.
  const start = Math.floor((Date.now() - 40 * DAY) / DAY) * DAY;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    predictive = buildPredictive(database, buildServices(database));
    org = await createOrganization(database, 'readings');
    other = await createOrganization(database, 'readings-other');
    technician = principalOf(org, 'technician');
  });
  afterAll(() => dispose());

  /** A pump of its own with the given sensors. */
  async function pumpWith(...names: string[]): Promise<{ equipmentId: string; sensorIds: Record<string, string> }> {
    const equipmentId = await insertMachine(database, org.organizationId, { equipmentNumber: `P-${++machineCount}` });
    const sensorIds: Record<string, string> = {};
    for (const name of names) {
      const sensor = await predictive.sensors.create(principalOf(org, 'planner'), equipmentId, CreateSensor.parse({ name, unit: 'mm/s' }));
      sensorIds[name] = sensor.id;
    }
    return { equipmentId, sensorIds };
  }

  const record = (equipmentId: string, readings: { sensor: string; time: number; value: number }[], principal = technician) =>
    predictive.sensors.record(
      principal,
      equipmentId,
      SensorReadingsRequest.parse({ readings: readings.map((reading) => ({ ...reading, time: new Date(reading.time).toISOString() })) }),
    );

  const stored = (sensorId: string) =>
    database.rows<{ time: Date; value: number }>(sql`select time, value from sensor_readings where sensor_id = ${sensorId} order by time`);

  it('stores a batch once: sent again, every reading is a duplicate and nothing changes', async () => {
    const { equipmentId, sensorIds } = await pumpWith('vibration', 'temperature');
    const batch = Array.from({ length: 50 }, (_, i) => ({
      sensor: i % 2 ? 'vibration' : 'temperature',
      time: start + i * 60_000,
      value: i,
    }));
    expect(await record(equipmentId, batch)).toEqual({ accepted: 50, duplicates: 0 });
    expect(await record(equipmentId, batch)).toEqual({ accepted: 0, duplicates: 50 });
    expect((await stored(sensorIds.vibration!)).length).toBe(25);
    expect(await countRows(database, sql`select sum(count)::int as n from sensor_rollups where sensor_id = ${sensorIds.vibration!}`)).toBe(
      25,
    );
  });

  it('counts the same reading twice in one batch as a duplicate, the first value kept', async () => {
    const { equipmentId, sensorIds } = await pumpWith('vibration');
    expect(
      await record(equipmentId, [
        { sensor: 'vibration', time: start, value: 1 },
        { sensor: 'vibration', time: start, value: 2 },
      ]),
    ).toEqual({ accepted: 1, duplicates: 1 });
    expect((await stored(sensorIds.vibration!)).map((row) => row.value)).toEqual([1]);
  });

  it('accepts readings out of order and late ones, after newer readings were stored', async () => {
    const { equipmentId, sensorIds } = await pumpWith('vibration');
    await record(equipmentId, [
      { sensor: 'vibration', time: start + 3 * HOUR, value: 3 },
      { sensor: 'vibration', time: start + 1 * HOUR, value: 1 },
      { sensor: 'vibration', time: start + 2 * HOUR, value: 2 },
    ]);
    expect(await record(equipmentId, [{ sensor: 'vibration', time: start - 10 * DAY, value: 0 }])).toEqual({ accepted: 1, duplicates: 0 });
    expect((await stored(sensorIds.vibration!)).map((row) => row.value)).toEqual([0, 1, 2, 3]);
  });

  it('refuses a batch with bad rows, naming each by its index, and stores none of it', async () => {
    const { equipmentId, sensorIds } = await pumpWith('vibration');
    const error = await appError(
      record(equipmentId, [
        { sensor: 'vibration', time: start, value: 1 },
        { sensor: 'pressure', time: start, value: 2 },
        { sensor: 'vibration', time: Date.UTC(1999, 11, 31), value: 3 },
        { sensor: 'vibration', time: Date.now() + 2 * DAY, value: 4 },
      ]),
      ErrorCode.Validation,
    );
    expect(error.options.errors?.map((problem) => problem.path)).toEqual(['readings.1.sensor', 'readings.2.time', 'readings.3.time']);
    expect(error.options.errors?.[0]?.message).toContain('"pressure" is not a sensor of this equipment (its sensors: vibration)');
    expect(await stored(sensorIds.vibration!)).toEqual([]);
  });

  it('refuses values that are not numbers at the contract, with the row index', () => {
    const parsed = SensorReadingsRequest.safeParse({
      readings: [
        { sensor: 'vibration', time: new Date(start).toISOString(), value: 1 },
        { sensor: 'vibration', time: new Date(start).toISOString(), value: '12' },
        { sensor: 'vibration', time: 'yesterday', value: 3 },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['readings.1.value', 'readings.2.time']);
    expect(
      SensorReadingsRequest.safeParse({
        readings: Array.from({ length: 5001 }, () => ({ sensor: 'v', time: new Date(start).toISOString(), value: 1 })),
      }).success,
    ).toBe(false);
  });

  it('answers 404 for equipment of another organization', async () => {
    const { equipmentId } = await pumpWith('vibration');
    await appError(
      record(equipmentId, [{ sensor: 'vibration', time: start, value: 1 }], principalOf(other, 'technician')),
      ErrorCode.NotFound,
    );
    await appError(predictive.sensors.list(principalOf(other, 'planner'), equipmentId), ErrorCode.NotFound);
  });

  it('keeps the hourly rollups equal to the aggregates of the raw rows, through duplicates and concurrent batches', async () => {
    const { equipmentId, sensorIds } = await pumpWith('vibration', 'temperature');
    // Readings every 7 minutes over 10 hours, sent as overlapping batches, two of them at once.
    const all = Array.from({ length: 2 * 86 }, (_, i) => ({
      sensor: i % 2 ? 'vibration' : 'temperature',
      time: start + Math.floor(i / 2) * 7 * 60_000,
      value: Math.sin(i) * 10 + (i % 2 ? 5 : 60),
    }));
    await record(equipmentId, all.slice(0, 100));
    await Promise.all([record(equipmentId, all.slice(50, 150)), record(equipmentId, all.slice(90, 172))]);
    await record(equipmentId, all.slice(160, 172).reverse());
    const raw = await database.rows<{ sensor_id: string; bucket: Date; n: number; sum: number; min: number; max: number }>(sql`
      select sensor_id, date_trunc('hour', time) as bucket, count(*)::int as n, sum(value) as sum, min(value) as min, max(value) as max
      from sensor_readings where sensor_id in (${sensorIds.vibration!}, ${sensorIds.temperature!}) group by 1, 2 order by 1, 2`);
    const rollups = await database.rows<{ sensor_id: string; bucket: Date; n: number; sum: number; min: number; max: number }>(sql`
      select sensor_id, bucket, count as n, sum, min, max from sensor_rollups
      where sensor_id in (${sensorIds.vibration!}, ${sensorIds.temperature!}) order by 1, 2`);
    expect(raw.reduce((sum, row) => sum + row.n, 0)).toBe(172);
    expect(rollups.map((row) => [row.sensor_id, new Date(row.bucket).getTime(), row.n, row.min, row.max])).toEqual(
      raw.map((row) => [row.sensor_id, new Date(row.bucket).getTime(), row.n, row.min, row.max]),
    );
    rollups.forEach((row, i) => expect(row.sum).toBeCloseTo(raw[i]!.sum, 9));
  });

  it('downsamples a series within its bounds: raw when few, raw buckets under an hour, hourly rollups above', async () => {
    const { equipmentId, sensorIds } = await pumpWith('vibration');
    const sensorId = sensorIds.vibration!;
    // Three days of one reading a minute: 4,320 readings whose value is the minute of the day.
    const readings = Array.from({ length: 3 * 1440 }, (_, i) => ({ sensor: 'vibration', time: start + i * 60_000, value: i % 1440 }));
    for (let i = 0; i < readings.length; i += 2000) await record(equipmentId, readings.slice(i, i + 2000));
    const series = (query: Record<string, unknown>) =>
      predictive.sensors.series(technician, equipmentId, sensorId, SeriesQuery.parse(query));
    const iso = (ms: number) => new Date(ms).toISOString();

    const few = await series({ from: iso(start), to: iso(start + 10 * 60_000), points: 100 });
    expect(few).toMatchObject({ resolution: 'raw', source: 'readings', bucketSeconds: null });
    expect(few.points.map((point) => point.avg)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const day = await series({ from: iso(start), to: iso(start + DAY), points: 100 });
    expect(day).toMatchObject({ resolution: 'bucketed', source: 'readings', bucketSeconds: 864 });
    expect(day.points.length).toBe(100);
    expect(day.points.reduce((sum, point) => sum + point.count, 0)).toBe(1440);
    // Bucket k holds minutes 14.4k … 14.4(k+1): its min, max and mean follow.
    expect(day.points[0]).toMatchObject({ time: iso(start), min: 0, max: 14, count: 15 });
    expect(day.points[99]).toMatchObject({ min: 1426, max: 1439 });

    const all = await series({ from: iso(start - DAY), to: iso(start + 4 * DAY), points: 30 });
    expect(all).toMatchObject({ resolution: 'bucketed', source: 'rollups', bucketSeconds: 4 * 3600 });
    expect(all.points.length).toBeLessThanOrEqual(30);
    expect(all.points.reduce((sum, point) => sum + point.count, 0)).toBe(4320);
    expect(Math.min(...all.points.map((point) => point.min))).toBe(0);
    expect(Math.max(...all.points.map((point) => point.max))).toBe(1439);
    const weighted = all.points.reduce((sum, point) => sum + point.avg * point.count, 0) / 4320;
    expect(weighted).toBeCloseTo(719.5, 6);
  });
});
