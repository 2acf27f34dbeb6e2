import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigitalTwins } from '../../src/modules/predictive/digital-twins';
import { HistoryRepository } from '../../src/modules/predictive/history.repository';
import { twinSamples, twinSensors } from '../../src/modules/predictive/twin-profiles';
import { TwinsRepository } from '../../src/modules/predictive/twins.repository';
import type { Database } from '../../src/platform/db/database';
import { digitalTwins, sensors } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { insertWorkOrders } from '../support/query-fixtures';
import { HOUR, type Predictive, buildPredictive, insertMachine, predictiveConfig } from './predictive-support';
import { buildServices } from './support';

/**
 * The demo's digital twins over a real database: they write hourly readings stamped with their
 * simulated clock, catch up with now and no further, stop at their failure, and start a new
 * healthy life once the equipment is repaired.
 */
describe('digital twins over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let predictive: Predictive;
  let org: OrganizationFixture;
  let twins: DigitalTwins;
  let count = 0;
  // One simulated hour per real second: a 5-second tick is 5 simulated hours.
  const config = predictiveConfig({ PREDICTIVE_SIMULATOR_SPEEDUP: '3600', PREDICTIVE_SIMULATOR_TICK_MS: '5000' });
  const now = Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000;
  const hour = Math.floor(now / HOUR) * HOUR;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    predictive = buildPredictive(database, buildServices(database), config);
    org = await createOrganization(database, 'twins');
    twins = new DigitalTwins(
      new TwinsRepository(database),
      predictive.sensorsRepository,
      new HistoryRepository(database),
      predictive.ingest,
      config,
    );
  });
  afterAll(() => dispose());

  /** A pump with the profile's sensors and a twin whose clock is `clockHours` behind this hour. */
  async function twin(clockHours: number, failInHours: number | null) {
    const equipmentId = await insertMachine(database, org.organizationId, { equipmentNumber: `TW-${++count}` });
    await database.db
      .insert(sensors)
      .values(twinSensors('centrifugalPump').map((sensor) => ({ ...sensor, organizationId: org.organizationId, equipmentId })));
    const plan = {
      profile: 'centrifugalPump',
      seed: 7 + count,
      lifeStart: new Date(hour - 100 * HOUR),
      degradationStart: failInHours === null ? null : new Date(hour + (failInHours - 60) * HOUR),
      failAt: failInHours === null ? null : new Date(hour + failInHours * HOUR),
    };
    await database.db
      .insert(digitalTwins)
      .values({ equipmentId, organizationId: org.organizationId, ...plan, clock: new Date(hour - clockHours * HOUR) });
    return { equipmentId, plan };
  }

  const readings = (equipmentId: string) =>
    database.rows<{ name: string; time: Date; value: number }>(sql`
      select s.name, r.time, r.value from sensor_readings r join sensors s on s.id = r.sensor_id
      where s.equipment_id = ${equipmentId} order by r.time, s.name`);
  const clockOf = async (equipmentId: string) =>
    (await database.db.select().from(digitalTwins).where(eq(digitalTwins.equipmentId, equipmentId)))[0]!;

  it('writes one reading per sensor per simulated hour, the same ones the plan gives, and catches up with now but no further', async () => {
    const { equipmentId, plan } = await twin(8, null);
    await twins.tick(now);
    const first = await readings(equipmentId);
    expect(first).toHaveLength(5 * 4);
    expect(new Date(first[0]!.time).getTime()).toBe(hour - 7 * HOUR);
    const expected = twinSamples(plan, hour - 8 * HOUR, hour - 3 * HOUR);
    expect(first.filter((row) => row.name === 'vibration').map((row) => row.value)).toEqual(
      expected.map((sample) => sample.values.vibration),
    );
    await twins.tick(now);
    await twins.tick(now);
    expect(await readings(equipmentId)).toHaveLength(8 * 4);
    expect((await clockOf(equipmentId)).clock.getTime()).toBe(hour);
  });

  it('sends nothing after its failure', async () => {
    const { equipmentId } = await twin(8, -4);
    await twins.tick(now);
    await twins.tick(now);
    const times = (await readings(equipmentId)).map((row) => new Date(row.time).getTime());
    expect(Math.max(...times)).toBe(hour - 4 * HOUR);
  });

  it('starts a new, healthy life from the hour after a repair of the equipment is finished', async () => {
    const { equipmentId } = await twin(8, 40);
    await twins.tick(now);
    await insertWorkOrders(database, { organizationId: org.organizationId, equipmentId }, [
      {
        number: 9000 + count,
        type: 'CORRECTIVE',
        status: 'COMPLETED',
        actualStartTime: new Date(now - HOUR),
        actualEndTime: new Date(now - 60_000),
      },
    ]);
    await twins.tick(now);
    const renewed = await clockOf(equipmentId);
    expect(renewed.lifeStart.getTime()).toBe(hour + HOUR);
    expect(renewed.clock.getTime()).toBe(hour + HOUR);
    expect(renewed.seed).toBe(7 + count + 1);
    // A life drawn from the pump profile: healthy for its first half or so, failing long after.
    expect(renewed.failAt!.getTime() - hour).toBeGreaterThanOrEqual(1200 * HOUR);
    expect(renewed.degradationStart!.getTime()).toBeGreaterThan(hour);
    await twins.tick(now + 3 * HOUR);
    expect((await clockOf(equipmentId)).seed).toBe(renewed.seed);
    const times = (await readings(equipmentId)).map((row) => new Date(row.time).getTime());
    expect(times.filter((time) => time > hour)).toEqual([2, 2, 2, 2, 3, 3, 3, 3].map((hours) => hour + hours * HOUR));
  });
});
