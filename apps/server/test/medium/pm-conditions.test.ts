import { CreateMeter, CreatePmPlan, MeterReadingsRequest } from '@msched/contracts';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { workOrders } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, buildServices, principalOf } from './support';
import { completeWorkOrder } from './pm-support';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * GAUGE condition plans with both limits (a band: above 90 or below 10) over a real database.
 * Each limit is an alarm of its own: a reading that jumps from one side of the band straight to
 * the other enters the condition again. Readings are timed in the past (the future is refused).
 */
describe('PM condition bands over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let slugs = 0;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
  });
  afterAll(() => dispose());

  interface Band {
    org: OrganizationFixture;
    planner: Principal;
    planId: string;
    /** Records the next reading, an hour after the previous one; answers the work orders it made. */
    send: (value: number) => Promise<string[]>;
  }

  async function band(): Promise<Band> {
    const org = await createOrganization(database, `pm-band-${++slugs}`);
    const planner = principalOf(org, 'planner');
    const meter = await services.meters.create(
      planner,
      org.equipmentId,
      CreateMeter.parse({ name: 'Pressure', unit: 'bar', kind: 'GAUGE' }),
    );
    const plan = await services.pmPlans.create(
      planner,
      CreatePmPlan.parse({
        name: 'Pressure out of band',
        equipmentIds: [org.equipmentId],
        template: { title: 'Check the pressure regulator' },
        meter: { meterId: meter.id, above: 90, below: 10 },
      }),
    );
    let readAt = Date.now() - 10 * DAY;
    const send = async (value: number) => {
      readAt += HOUR;
      const body = MeterReadingsRequest.parse({ value, readAt: new Date(readAt).toISOString() });
      return (await services.meters.record(planner, meter.id, body)).generatedWorkOrderIds;
    };
    return { org, planner, planId: plan.id, send };
  }

  const workOrdersOf = async (planId: string) =>
    (await database.db.select().from(workOrders).where(eq(workOrders.pmPlanId, planId)).orderBy(asc(workOrders.number))).map(
      (row) => row.id,
    );

  const complete = ({ org, planner }: Band, id: string) => completeWorkOrder(services, planner, org, id);

  it('a reading jumping from above the band straight to below it makes a new work order once the first is completed', async () => {
    const pressure = await band();
    expect(await pressure.send(50)).toEqual([]);
    const [tooHigh] = await pressure.send(95);
    expect(tooHigh).toBeDefined();
    await complete(pressure, tooHigh!);

    const [tooLow] = await pressure.send(5);
    expect(tooLow).toBeDefined();
    expect(await pressure.send(3)).toEqual([]); // staying below
    await complete(pressure, tooLow!);

    // And back from below straight to above.
    const [tooHighAgain] = await pressure.send(97);
    expect(tooHighAgain).toBeDefined();
    expect(await workOrdersOf(pressure.planId)).toEqual([tooHigh, tooLow, tooHighAgain]);
  });

  it('while the work order of one side is open, jumping to the other side makes none (one open work order per plan)', async () => {
    const pressure = await band();
    const [tooHigh] = await pressure.send(95);
    expect(tooHigh).toBeDefined();
    expect(await pressure.send(5)).toEqual([]);
    expect(await workOrdersOf(pressure.planId)).toEqual([tooHigh]);
  });
});
