import {
  AddWorkOrderPart,
  ChangeWorkOrderStatus,
  CreateMeter,
  CreatePart,
  CreatePmPlan,
  CreateWorkOrder,
  MeterReadingsRequest,
} from '@msched/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { sqlStateOf } from '../../src/platform/db/errors';
import { workOrderParts, workOrders } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase, usingPostgres } from '../support/infrastructure';
import { type Services, buildServices, principalOf } from './support';
import { databaseUrlOf, holdRows, lockWaits, pauseFirstCall } from './locking';
import { bookWorkOrder } from './pm-support';

/**
 * One lock order for every write: work order, PM target, parts (in id order), organization row
 * last (work-order numbers and events). Each scenario holds one transaction at the point where
 * the other would close a cycle (a lock held in a second connection, or a paused call), lets the
 * other run into it, and then lets go: both must commit, where an order taken the other way
 * round deadlocks (PostgreSQL aborts one with 40P01).
 *
 * PostgreSQL only: PGlite runs one transaction at a time.
 */
describe.runIf(usingPostgres())('lock order of work-order, PM and stock writes (PostgreSQL)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let databaseUrl: string;
  let slugs = 0;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    databaseUrl = await databaseUrlOf(database);
  });
  afterAll(() => dispose());
  afterEach(() => vi.restoreAllMocks());

  interface Scenario {
    org: OrganizationFixture;
    planner: Principal;
  }

  const scenario = async (name: string): Promise<Scenario> => {
    const org = await createOrganization(database, `lock-${name}-${++slugs}`);
    return { org, planner: principalOf(org, 'planner') };
  };

  const createWorkOrder = async (s: Scenario, title: string) =>
    (await services.workOrders.create(s.planner, CreateWorkOrder.parse({ title, equipmentId: s.org.equipmentId }))).id;

  const reserve = (s: Scenario, workOrderId: string, partId: string) =>
    services.workOrderParts.add(s.planner, workOrderId, AddWorkOrderPart.parse({ partId, quantity: 1, action: 'reserve' }));

  const setStatus = (s: Scenario, id: string, status: 'CANCELLED' | 'IN_PROGRESS' | 'COMPLETED') =>
    services.workOrders.changeStatus(s.planner, id, ChangeWorkOrderStatus.parse({ status }));

  /** What a call came to: its answer, or the error (a deadlock shows as its SQLSTATE message). */
  const outcome = <T>(promise: Promise<T>, answer: (value: T) => string) =>
    promise.then(answer, (error: Error) => `failed: ${sqlStateOf(error) === '40P01' ? 'deadlock' : error.message}`);

  const stockOf = async (s: Scenario, partId: string) => {
    const part = await services.parts.get(s.planner, partId);
    return { onHand: part.onHand, reserved: part.reserved };
  };

  it('two cancellations releasing the same two parts, reserved in opposite orders, both commit', async () => {
    const s = await scenario('release');
    const belt = await services.parts.create(s.planner, CreatePart.parse({ partNumber: 'BELT-1', name: 'V-belt', onHand: 10 }));
    const [lower, higher] = [s.org.partId, belt.id].sort();
    const first = await createWorkOrder(s, 'Replace seal and belt');
    const second = await createWorkOrder(s, 'Replace belt and seal');
    await reserve(s, first, lower!);
    await reserve(s, first, higher!);
    await reserve(s, second, higher!);
    await reserve(s, second, lower!);

    // The first cancellation waits for the lower part; the second one then runs into it too.
    const holder = await holdRows(databaseUrl, 'select 1 from parts where id = $1 for update', [lower]);
    const cancelFirst = outcome(setStatus(s, first, 'CANCELLED'), (order) => order.status);
    await lockWaits(database, 1);
    const cancelSecond = outcome(setStatus(s, second, 'CANCELLED'), (order) => order.status);
    await lockWaits(database, 2, cancelSecond);
    await holder.release();

    expect(await Promise.all([cancelFirst, cancelSecond])).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await stockOf(s, lower!)).toEqual({ onHand: 10, reserved: 0 });
    expect(await stockOf(s, higher!)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('cancelling a work order with a reservation while the same part is reserved on another: both commit', async () => {
    const s = await scenario('cancel-reserve');
    const cancelled = await createWorkOrder(s, 'Called off');
    const other = await createWorkOrder(s, 'Needs the same seal');
    await reserve(s, cancelled, s.org.partId);

    // The reservation has locked the part and stops before its events (the organization row).
    const pause = pauseFirstCall(services.detailsRepository, 'insertPartLine', 'before');
    const reservation = outcome(reserve(s, other, s.org.partId), (result) => result.line.status);
    await pause.reached;
    const cancellation = outcome(setStatus(s, cancelled, 'CANCELLED'), (order) => order.status);
    await lockWaits(database, 1);
    pause.open();

    expect(await Promise.all([cancellation, reservation])).toEqual(['CANCELLED', 'RESERVED']);
    expect(await stockOf(s, s.org.partId)).toEqual({ onHand: 10, reserved: 1 });
  });

  it('issuing a part while the PM run reserves the same part for a new work order: both commit', async () => {
    const s = await scenario('issue-generate');
    const filter = await services.parts.create(s.planner, CreatePart.parse({ partNumber: 'FLT-1', name: 'Filter', onHand: 10 }));
    const plan = await services.pmPlans.create(
      s.planner,
      CreatePmPlan.parse({
        name: 'Monthly filter and seal',
        equipmentIds: [s.org.equipmentId],
        // The filter first: the run asks for it before the seal the issue holds.
        template: {
          title: 'Change filter and seal',
          parts: [
            { partId: filter.id, quantity: 1 },
            { partId: s.org.partId, quantity: 1 },
          ],
        },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
      }),
    );
    const repair = await createWorkOrder(s, 'Repair leak');

    const holder = await holdRows(databaseUrl, 'select 1 from parts where id = $1 for update', [filter.id]);
    const generation = outcome(
      services.pmGenerator.run(new Date('2031-01-16T12:00:00Z'), s.org.organizationId),
      (ids) => `generated ${ids.length}`,
    );
    await lockWaits(database, 1);
    const issue = outcome(
      services.workOrderParts.add(s.planner, repair, AddWorkOrderPart.parse({ partId: s.org.partId, quantity: 1, action: 'issue' })),
      (result) => result.line.status,
    );
    await lockWaits(database, 2, issue);
    await holder.release();

    // A run that lost a deadlock logs it and makes nothing.
    expect(await Promise.all([generation, issue])).toEqual(['generated 1', 'ISSUED']);
    const [generated] = await database.db.select().from(workOrders).where(eq(workOrders.pmPlanId, plan.id));
    const lines = await database.db.select().from(workOrderParts).where(eq(workOrderParts.workOrderId, generated!.id));
    expect(lines.map((line) => [line.partId, line.status]).sort()).toEqual(
      [
        [filter.id, 'RESERVED'],
        [s.org.partId, 'RESERVED'],
      ].sort(),
    );
    expect(await stockOf(s, s.org.partId)).toEqual({ onHand: 9, reserved: 1 });
  });

  it('a meter reading generating for two plans while a work order of the second one completes: both commit', async () => {
    const s = await scenario('meter-complete');
    const meter = await services.meters.create(s.planner, s.org.equipmentId, CreateMeter.parse({ name: 'Hours', unit: 'h' }));
    const since = Date.now() - 10 * 3_600_000;
    const record = (value: number, hour: number) =>
      services.meters.record(
        s.planner,
        meter.id,
        MeterReadingsRequest.parse({ value, readAt: new Date(since + hour * 3_600_000).toISOString() }),
      );
    await record(10, 0);
    const plans = [];
    for (const name of ['100 h inspection', '100 h lubrication']) {
      plans.push(
        await services.pmPlans.create(
          s.planner,
          CreatePmPlan.parse({
            name,
            equipmentIds: [s.org.equipmentId],
            template: { title: name },
            meter: { meterId: meter.id, every: 100 },
          }),
        ),
      );
    }
    expect((await record(120, 1)).generatedWorkOrderIds).toHaveLength(2);
    // The work order of the plan created last (read last by the reading before the fix).
    const [ofSecondPlan] = await database.db.select().from(workOrders).where(eq(workOrders.pmPlanId, plans[1]!.id));
    await bookWorkOrder(services, s.planner, s.org, ofSecondPlan!.id);
    await setStatus(s, ofSecondPlan!.id, 'IN_PROGRESS');

    // The completion holds its plan's target and stops there; the reading runs into that target.
    const pause = pauseFirstCall(services.pmPlansRepository, 'lockTarget', 'after');
    const completion = outcome(setStatus(s, ofSecondPlan!.id, 'COMPLETED'), (order) => order.status);
    await pause.reached;
    const reading = outcome(record(230, 2), (result) => `generated ${result.generatedWorkOrderIds.length}`);
    await lockWaits(database, 1);
    pause.open();

    expect(await Promise.all([completion, reading])).toEqual(['COMPLETED', 'generated 2']);
  });

  describe('deleting a work order while a part is reserved on it', () => {
    /** A work order whose row a second connection holds, so the two writes queue up in a known order. */
    async function queued(s: Scenario, first: 'reserve' | 'delete') {
      const id = await createWorkOrder(s, 'Replace seal');
      const holder = await holdRows(databaseUrl, 'select 1 from work_orders where id = $1 for update', [id]);
      const writes = {
        reserve: () => outcome(reserve(s, id, s.org.partId), (result) => result.line.status),
        delete: () => outcome(services.workOrders.remove(s.planner, id), () => 'deleted'),
      };
      const earlier = writes[first]();
      await lockWaits(database, 1);
      const later = writes[first === 'reserve' ? 'delete' : 'reserve']();
      await lockWaits(database, 2);
      await holder.release();
      return { id, results: await Promise.all([earlier, later]) };
    }

    it('reserved first: the delete that follows releases the reservation', async () => {
      const s = await scenario('reserve-delete');
      const { id, results } = await queued(s, 'reserve');
      expect(results).toEqual(['RESERVED', 'deleted']);
      const [row] = await database.db.select().from(workOrders).where(eq(workOrders.id, id));
      expect(row!.deletedAt).not.toBeNull();
      const lines = await database.db.select().from(workOrderParts).where(eq(workOrderParts.workOrderId, id));
      expect(lines.map((line) => line.status)).toEqual(['RELEASED']);
      expect(await stockOf(s, s.org.partId)).toEqual({ onHand: 10, reserved: 0 });
    });

    it('deleted first: the reservation that follows is refused and reserves nothing', async () => {
      const s = await scenario('delete-reserve');
      const { results } = await queued(s, 'delete');
      expect(results).toEqual(['deleted', 'failed: Work order not found']);
      expect(await stockOf(s, s.org.partId)).toEqual({ onHand: 10, reserved: 0 });
    });
  });
});
