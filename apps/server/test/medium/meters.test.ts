import { CreateMeter, CreatePmPlan, type Meter, MeterReadingsQuery, MeterReadingsRequest } from '@msched/contracts';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { equipment, workOrders } from '../../src/platform/db/schema';
import { ErrorCode, problemFor } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, principalOf } from './support';
import { completeWorkOrder } from './pm-support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Meters and their readings over a real database: creation and listing, batches, the COUNTER
 * rules (never lower unless replaced), the future limit, late readings, and GAUGE conditions.
 * Readings are timed in the past relative to the real clock (the future is refused).
 */
describe('meters and readings over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let planner: Principal;
  let equipmentCount = 0;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    org = await createOrganization(database, 'meters');
    other = await createOrganization(database, 'meters-other');
    planner = principalOf(org, 'planner');
  });
  afterAll(() => dispose());

  /** A piece of equipment of its own for each scenario, so meters and plans do not meet. */
  async function newEquipment(): Promise<string> {
    const [row] = await database.db
      .insert(equipment)
      .values({
        organizationId: org.organizationId,
        equipmentNumber: `EQ-M${++equipmentCount}`,
        name: `Compressor ${equipmentCount}`,
        type: 'Compressor',
        locationId: org.locationId,
      })
      .returning();
    return row!.id;
  }

  const createMeter = (equipmentId: string, input: Record<string, unknown>, principal = planner) =>
    services.meters.create(principal, equipmentId, CreateMeter.parse(input));

  /** Records one reading or a `{ readings }` batch. */
  const record = (meterId: string, body: Record<string, unknown>, principal = planner) =>
    services.meters.record(principal, meterId, MeterReadingsRequest.parse(body));
  /** One reading at an instant (ms). */
  const reading = (value: number, readAt: number, replacement?: boolean) => ({
    value,
    readAt: new Date(readAt).toISOString(),
    ...(replacement === undefined ? {} : { replacement }),
  });

  const storedReadings = async (meterId: string) =>
    (await services.meters.readings(planner, meterId, MeterReadingsQuery.parse({ limit: 100 }))).data.map((row) => [
      row.value,
      row.readAt,
      row.replacement,
    ]);

  const planOn = (equipmentId: string, meter: Record<string, unknown>, name = 'Meter plan') =>
    services.pmPlans.create(planner, CreatePmPlan.parse({ name, equipmentIds: [equipmentId], template: { title: name }, meter }));

  const workOrdersOf = (planId: string) =>
    database.db.select().from(workOrders).where(eq(workOrders.pmPlanId, planId)).orderBy(asc(workOrders.number));

  const targetOf = async (planId: string) => (await services.pmPlansRepository.targets([planId]))[0]!;

  const complete = (id: string) => completeWorkOrder(services, planner, org, id);

  describe('meters', () => {
    it('are created per equipment (COUNTER by default) and listed by name; a duplicate name is a 409 Duplicate', async () => {
      const equipmentId = await newEquipment();
      const hours = await createMeter(equipmentId, { name: 'Operating hours', unit: 'h' });
      expect(hours).toMatchObject({ equipmentId, name: 'Operating hours', unit: 'h', kind: 'COUNTER', lastValue: null, lastReadAt: null });
      const temperature = await createMeter(equipmentId, { name: 'Bearing temperature', unit: '°C', kind: 'GAUGE' });
      expect(temperature.kind).toBe('GAUGE');

      const duplicate = await appError(createMeter(equipmentId, { name: 'Operating hours', unit: 'min' }), ErrorCode.Duplicate);
      expect(problemFor(duplicate.code).status).toBe(409);
      // The same name on another piece of equipment is another meter.
      expect((await createMeter(org.equipmentId, { name: 'Operating hours', unit: 'h' })).equipmentId).toBe(org.equipmentId);

      expect((await services.meters.list(planner, equipmentId)).map((meter) => meter.name)).toEqual([
        'Bearing temperature',
        'Operating hours',
      ]);
      expect(await services.meters.get(planner, hours.id)).toEqual(hours);
    });

    it('belong to one organization: another organization’s equipment or meter is not found', async () => {
      const equipmentId = await newEquipment();
      const meter = await createMeter(equipmentId, { name: 'Cycles', unit: 'cycles' });
      const stranger = principalOf(other, 'planner');
      await appError(services.meters.create(stranger, equipmentId, CreateMeter.parse({ name: 'X', unit: 'h' })), ErrorCode.NotFound);
      await appError(services.meters.list(stranger, equipmentId), ErrorCode.NotFound);
      await appError(services.meters.get(stranger, meter.id), ErrorCode.NotFound);
      await appError(services.meters.readings(stranger, meter.id, MeterReadingsQuery.parse({})), ErrorCode.NotFound);
      await appError(record(meter.id, { value: 1 }, stranger), ErrorCode.NotFound);
      await appError(createMeter('00000000-0000-4000-8000-000000000000', { name: 'X', unit: 'h' }), ErrorCode.NotFound);
      expect(await storedReadings(meter.id)).toEqual([]);
    });
  });

  describe('readings', () => {
    it('a batch is stored in any order; the newest becomes the meter’s value; the same instant twice is stored once', async () => {
      const meter = await createMeter(await newEquipment(), { name: 'Operating hours', unit: 'h' });
      const t = Date.now() - DAY;
      const result = await record(meter.id, {
        readings: [reading(120, t + 2 * HOUR), reading(100, t), reading(110, t + HOUR), reading(110, t + HOUR)],
      });
      expect(result).toMatchObject({ accepted: 3, duplicates: 1, generatedWorkOrderIds: [] });
      expect(result.meter).toMatchObject({ lastValue: 120, lastReadAt: new Date(t + 2 * HOUR).toISOString() });
      const iso = (ms: number) => new Date(ms).toISOString();
      expect(await storedReadings(meter.id)).toEqual([
        [120, iso(t + 2 * HOUR), false],
        [110, iso(t + HOUR), false],
        [100, iso(t), false],
      ]);
      // Sent again: nothing new.
      const again = await record(meter.id, { readings: [reading(100, t), reading(120, t + 2 * HOUR)] });
      expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
      expect(await storedReadings(meter.id)).toHaveLength(3);
      // Without readAt: now.
      const single = await record(meter.id, { value: 130 });
      expect(single.accepted).toBe(1);
      expect(Math.abs(Date.parse(single.meter.lastReadAt!) - Date.now())).toBeLessThan(10 * MINUTE);
      // Filtered by time.
      const page = await services.meters.readings(
        planner,
        meter.id,
        MeterReadingsQuery.parse({ from: iso(t + HOUR), to: iso(t + 2 * HOUR) }),
      );
      expect(page.data.map((row) => row.value)).toEqual([120, 110]);
      expect(page.total).toBe(2);
    });

    it('a COUNTER reading lower than the last is a 409 and nothing of the request is stored', async () => {
      const meter = await createMeter(await newEquipment(), { name: 'Operating hours', unit: 'h' });
      const t = Date.now() - DAY;
      await record(meter.id, reading(500, t));
      const lower = await appError(record(meter.id, reading(400, t + HOUR)), ErrorCode.Conflict);
      expect(problemFor(lower.code).status).toBe(409);
      expect(lower.options.extensions).toMatchObject({ lastValue: 500 });
      // A batch with one lower reading: none of it is stored.
      await appError(record(meter.id, { readings: [reading(600, t + HOUR), reading(550, t + 2 * HOUR)] }), ErrorCode.Conflict);
      expect(await storedReadings(meter.id)).toEqual([[500, new Date(t).toISOString(), false]]);
      expect(await services.meters.get(planner, meter.id)).toMatchObject({ lastValue: 500, lastReadAt: new Date(t).toISOString() });
      // A GAUGE may go down.
      const gauge = await createMeter(await newEquipment(), { name: 'Level', unit: '%', kind: 'GAUGE' });
      await record(gauge.id, reading(80, t));
      expect((await record(gauge.id, reading(20, t + HOUR))).meter.lastValue).toBe(20);
    });

    it('replacement: true accepts a lower counter value, and the usage before it still counts toward the interval', async () => {
      const equipmentId = await newEquipment();
      const meter = await createMeter(equipmentId, { name: 'Operating hours', unit: 'h' });
      const t = Date.now() - 2 * DAY;
      await record(meter.id, reading(1000, t));
      const plan = await planOn(equipmentId, { meterId: meter.id, every: 500 }, '500 h service');
      expect((await targetOf(plan.id)).meterBase).toBe(1000);
      expect((await record(meter.id, reading(1300, t + HOUR))).generatedWorkOrderIds).toEqual([]);

      const replaced = await record(meter.id, reading(50, t + 2 * HOUR, true));
      expect(replaced).toMatchObject({ accepted: 1, generatedWorkOrderIds: [] });
      expect(replaced.meter.lastValue).toBe(50);
      // The 300 h run on the old meter since the service carry over: the new one starts 300 h in.
      expect((await targetOf(plan.id)).meterBase).toBe(-250);
      expect((await storedReadings(meter.id))[0]).toEqual([50, new Date(t + 2 * HOUR).toISOString(), true]);

      // 240 is 490 h since the service (300 on the old meter, 190 on the new); 260 crosses 500.
      expect((await record(meter.id, reading(240, t + 3 * HOUR))).generatedWorkOrderIds).toEqual([]);
      const fired = await record(meter.id, reading(260, t + 4 * HOUR));
      expect(fired.generatedWorkOrderIds).toHaveLength(1);
      expect((await targetOf(plan.id)).meterBase).toBe(250);
      expect(await workOrdersOf(plan.id)).toHaveLength(1);
    });

    it('a reading more than 5 minutes in the future is a 400 and nothing is stored; within the tolerance it is accepted', async () => {
      const meter = await createMeter(await newEquipment(), { name: 'Operating hours', unit: 'h' });
      const future = await appError(record(meter.id, reading(10, Date.now() + 10 * MINUTE)), ErrorCode.Validation);
      expect(problemFor(future.code).status).toBe(400);
      expect(future.options.errors).toEqual([{ path: expect.stringMatching(/readAt$/), message: expect.any(String) }]);
      const batch = await appError(
        record(meter.id, { readings: [reading(5, Date.now() - HOUR), reading(10, Date.now() + DAY)] }),
        ErrorCode.Validation,
      );
      expect(batch.options.errors).toEqual([{ path: 'readings.1.readAt', message: expect.any(String) }]);
      expect(await storedReadings(meter.id)).toEqual([]);
      const skewed = await record(meter.id, reading(7, Date.now() + 2 * MINUTE));
      expect(skewed).toMatchObject({ accepted: 1, meter: { lastValue: 7 } });
    });

    it('a late reading (older than the newest) is stored for history but triggers nothing', async () => {
      const equipmentId = await newEquipment();
      const meter = await createMeter(equipmentId, { name: 'Cycles', unit: 'cycles' });
      const plan = await planOn(equipmentId, { meterId: meter.id, every: 100, startsAt: 0 }, 'Every 100 cycles');
      const t = Date.now() - DAY;
      await record(meter.id, reading(50, t));
      // Late and between the readings around it: kept, nothing else.
      const late = await record(meter.id, { readings: [reading(40, t - HOUR), reading(10, t - 2 * HOUR)] });
      expect(late).toMatchObject({ accepted: 2, duplicates: 0, generatedWorkOrderIds: [] });
      expect(late.meter).toMatchObject({ lastValue: 50, lastReadAt: new Date(t).toISOString() });
      expect((await storedReadings(meter.id)).map(([value]) => value)).toEqual([50, 40, 10]);
      expect(await workOrdersOf(plan.id)).toEqual([]);
      // Late and above the reading after it: refused (409), nothing stored.
      await appError(record(meter.id, reading(500, t - HOUR / 2)), ErrorCode.Conflict);
      expect(await storedReadings(meter.id)).toHaveLength(3);
      // The next fresh reading counts from the stored value (50).
      const fired = await record(meter.id, reading(120, t + HOUR));
      expect(fired.generatedWorkOrderIds).toHaveLength(1);
      expect((await targetOf(plan.id)).meterBase).toBe(100);
    });
  });

  describe('GAUGE conditions', () => {
    let meter: Meter;
    let planId: string;
    let t: number;
    const next = () => (t += HOUR);

    beforeAll(async () => {
      const equipmentId = await newEquipment();
      meter = await createMeter(equipmentId, { name: 'Bearing temperature', unit: '°C', kind: 'GAUGE' });
      planId = (await planOn(equipmentId, { meterId: meter.id, above: 90 }, 'Overheating check')).id;
      t = Date.now() - 10 * DAY;
    });

    const send = async (value: number) => (await record(meter.id, reading(value, next()))).generatedWorkOrderIds;

    it('above 90 fires when the value enters the condition', async () => {
      expect(await send(80)).toEqual([]);
      const [first] = await send(95);
      expect(first).toBeDefined();
      expect(await targetOf(planId)).toMatchObject({ openWorkOrderId: first });
      const [row] = await workOrdersOf(planId);
      expect(row).toMatchObject({ id: first, pmPlanId: planId, status: 'OPEN' });
    });

    it('not again while it stays above, nor when it re-enters while the work order is open', async () => {
      expect(await send(97)).toEqual([]);
      expect(await send(99.5)).toEqual([]);
      expect(await send(85)).toEqual([]);
      expect(await send(92)).toEqual([]);
      expect(await workOrdersOf(planId)).toHaveLength(1);
    });

    it('again after the work order was completed and the value re-enters the condition', async () => {
      const [open] = await workOrdersOf(planId);
      await complete(open!.id);
      expect(await targetOf(planId)).toMatchObject({ openWorkOrderId: null });
      // Still above since before the completion: not an entry.
      expect(await send(96)).toEqual([]);
      expect(await send(70)).toEqual([]);
      const [second] = await send(93);
      expect(second).toBeDefined();
      expect(second).not.toBe(open!.id);
      expect((await workOrdersOf(planId)).map((row) => row.id)).toEqual([open!.id, second]);
      expect(await targetOf(planId)).toMatchObject({ openWorkOrderId: second });
    });

    it('below: a batch entering the condition twice makes one work order; a late reading in the condition makes none', async () => {
      const equipmentId = await newEquipment();
      const level = await createMeter(equipmentId, { name: 'Oil level', unit: '%', kind: 'GAUGE' });
      const plan = await planOn(equipmentId, { meterId: level.id, below: 10 }, 'Refill oil');
      const start = Date.now() - 5 * DAY;
      const batch = await record(level.id, {
        readings: [reading(20, start), reading(5, start + HOUR), reading(15, start + 2 * HOUR), reading(3, start + 3 * HOUR)],
      });
      expect(batch.accepted).toBe(4);
      expect(batch.generatedWorkOrderIds).toHaveLength(1);
      const [wo] = await workOrdersOf(plan.id);
      await complete(wo!.id);
      // Late: before the newest (3 at start + 3 h).
      await record(level.id, reading(50, start + 4 * HOUR));
      expect((await record(level.id, reading(2, start + 3.5 * HOUR))).generatedWorkOrderIds).toEqual([]);
      // Fresh, entering again after the completion.
      expect((await record(level.id, reading(4, start + 5 * HOUR))).generatedWorkOrderIds).toHaveLength(1);
      expect(await workOrdersOf(plan.id)).toHaveLength(2);
    });
  });
});
