import {
  ChangeWorkOrderStatus,
  CreateMeter,
  CreatePmPlan,
  MeterReadingsRequest,
  UpdatePmPlan,
  UpdateWorkOrder,
  type WorkOrderStatus,
} from '@msched/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HolidaysService } from '../../src/modules/pm-plans/holidays.service';
import { addInterval, localDateOf } from '../../src/modules/pm-plans/pm-schedule';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { equipment, organizations, workOrders } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase, usingPostgres } from '../support/infrastructure';
import { DAY, HOUR, at, bookWorkOrder, endOfUtcDay, planTarget, planWorkOrders } from './pm-support';
import { type Services, appError, buildServices, principalOf } from './support';

/**
 * A PM work order's life after it was generated, over a real database: moved to other
 * equipment, cancelled or completed and reopened, completed while the next one is generated;
 * and the generator's dates and meter arithmetic around lead time, holidays, daylight saving
 * and a replaced meter. Generation runs with a fixed `now` unless completions (real clock) or
 * readings (never in the future) need the real one.
 */
describe('a PM work order’s life, and the dates and meter counts around it', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let holidays: HolidaysService;
  let slugs = 0;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    holidays = new HolidaysService(database);
  });
  afterAll(() => dispose());
  afterEach(() => vi.restoreAllMocks());

  interface Scenario {
    org: OrganizationFixture;
    planner: Principal;
    manager: Principal;
    /** The fixture pump, then a motor. */
    equipmentIds: [string, string];
  }

  async function scenario(name: string, timezone?: string): Promise<Scenario> {
    const org = await createOrganization(database, `pmlife-${name}-${++slugs}`);
    if (timezone) await database.db.update(organizations).set({ timezone }).where(eq(organizations.id, org.organizationId));
    const [motor] = await database.db
      .insert(equipment)
      .values({ organizationId: org.organizationId, equipmentNumber: 'EQ-M', name: 'Motor', type: 'Motor', locationId: org.locationId })
      .returning();
    return { org, planner: principalOf(org, 'planner'), manager: principalOf(org, 'manager'), equipmentIds: [org.equipmentId, motor!.id] };
  }

  const createPlan = (s: Scenario, input: Record<string, unknown>) => services.pmPlans.create(s.planner, CreatePmPlan.parse(input));
  const run = (s: Scenario, now: Date) => services.pmGenerator.run(now, s.org.organizationId);
  const workOrdersOf = (planId: string) => planWorkOrders(database, planId);
  const occurrencesOf = async (planId: string) =>
    (await services.pmPlansRepository.occurrencesOfPlan(planId)).map((occurrence) => [occurrence.occurrenceKey, occurrence.skippedReason]);

  const targetOf = (planId: string, equipmentId: string) => planTarget(services, planId, equipmentId);

  const setStatus = (principal: Principal, id: string, status: WorkOrderStatus) =>
    services.workOrders.changeStatus(principal, id, ChangeWorkOrderStatus.parse({ status }));

  const assign = (s: Scenario, id: string) => bookWorkOrder(services, s.planner, s.org, id);

  /** Assigns, starts and completes a work order now (real clock); answers the local date it was completed on. */
  async function complete(s: Scenario, id: string): Promise<{ completedAt: Date; completedOn: string }> {
    await assign(s, id);
    await setStatus(s.planner, id, 'IN_PROGRESS');
    const completed = await setStatus(s.planner, id, 'COMPLETED');
    const completedAt = new Date(completed.actualEndTime!);
    return { completedAt, completedOn: localDateOf(completedAt, 'UTC') };
  }

  const floatingMonthly = (s: Scenario, name: string, equipmentIds: string[]) =>
    createPlan(s, {
      name,
      equipmentIds,
      template: { title: name },
      calendar: { every: 1, unit: 'MONTH', startsOn: localDateOf(new Date(), 'UTC'), mode: 'FLOATING' },
    });

  /** A temperature gauge on the pump with an "above 90 °C" plan, and a way to record on it (hours after 10 h ago). */
  async function overheatingPlan(s: Scenario) {
    const meter = await services.meters.create(s.planner, s.org.equipmentId, CreateMeter.parse({ name: 'Temp', unit: 'C', kind: 'GAUGE' }));
    const plan = await createPlan(s, {
      name: 'Overheating',
      equipmentIds: [s.org.equipmentId],
      template: { title: 'Check cooling' },
      meter: { meterId: meter.id, above: 90 },
    });
    return { plan, record: readingsOn(s, meter.id) };
  }

  /** Records a reading on a meter `hour` hours after 10 h ago; answers the work orders it generated. */
  function readingsOn(s: Scenario, meterId: string) {
    const since = Date.now() - 10 * HOUR;
    return async (value: number, hour: number, replacement = false) =>
      (
        await services.meters.record(
          s.planner,
          meterId,
          MeterReadingsRequest.parse({ value, replacement, readAt: new Date(since + hour * HOUR).toISOString() }),
        )
      ).generatedWorkOrderIds;
  }

  describe('a work order moved to other equipment still belongs to its target', () => {
    it('FLOATING: completing it frees the target it was made for, and the next one comes a month later', async () => {
      const s = await scenario('moved-floating');
      const [pump, motor] = s.equipmentIds;
      const plan = await floatingMonthly(s, 'Monthly round', [pump, motor]);
      expect(await run(s, new Date())).toHaveLength(2);
      const [pumpOrder, motorOrder] = await workOrdersOf(plan.id);
      expect([pumpOrder!.equipmentId, motorOrder!.equipmentId]).toEqual([pump, motor]);

      await services.workOrders.update(s.planner, pumpOrder!.id, UpdateWorkOrder.parse({ equipmentId: motor }));
      const { completedAt, completedOn } = await complete(s, pumpOrder!.id);

      expect(await targetOf(plan.id, pump)).toMatchObject({
        openWorkOrderId: null,
        nextDueDate: addInterval(completedOn, 1, 'MONTH'),
        lastCompletedAt: completedAt,
      });
      // The motor's own work order is still open and still waited for.
      expect(await targetOf(plan.id, motor)).toMatchObject({ openWorkOrderId: motorOrder!.id, nextDueDate: null, lastCompletedAt: null });
      const next = await run(s, endOfUtcDay(addInterval(completedOn, 1, 'MONTH')));
      expect(next).toHaveLength(1);
      expect((await workOrdersOf(plan.id)).map((order) => [order.id === next[0], order.equipmentId])).toEqual([
        [false, motor],
        [false, motor],
        [true, pump],
      ]);
    });

    it('threshold: completing it lets the condition fire again', async () => {
      const s = await scenario('moved-threshold');
      const { plan, record } = await overheatingPlan(s);
      await record(50, 0);
      const [hot] = await record(95, 1);
      expect(hot).toBeDefined();
      await services.workOrders.update(s.planner, hot!, UpdateWorkOrder.parse({ equipmentId: s.equipmentIds[1] }));
      await complete(s, hot!);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: null });
      await record(50, 2);
      expect(await record(99, 3)).toHaveLength(1);
    });
  });

  describe('a target that never heard its work order finish stops waiting at the next generation', () => {
    // The state an older release left behind when a PM work order was moved to other equipment and
    // then finished: the target still names it as the work order it waits for.
    const finishUnheard = (id: string, status: 'COMPLETED' | 'CANCELLED', actualEndTime: Date | null) =>
      database.db.update(workOrders).set({ status, actualEndTime }).where(eq(workOrders.id, id));

    it('FLOATING: the next due date counts from when it finished, and the next work order comes', async () => {
      const s = await scenario('unheard-floating');
      const [pump] = s.equipmentIds;
      const plan = await floatingMonthly(s, 'Monthly round', [pump]);
      expect(await run(s, new Date())).toHaveLength(1);
      const [order] = await workOrdersOf(plan.id);
      const finishedAt = new Date(Date.now() - 40 * DAY);
      await finishUnheard(order!.id, 'COMPLETED', finishedAt);
      expect(await targetOf(plan.id, pump)).toMatchObject({ openWorkOrderId: order!.id, nextDueDate: null });

      // Due a month after it finished, which is already past: the run makes the next one.
      expect(await run(s, new Date())).toHaveLength(1);
      const [, next] = await workOrdersOf(plan.id);
      expect(next!.dueDate).toEqual(endOfUtcDay(addInterval(localDateOf(finishedAt, 'UTC'), 1, 'MONTH')));
      expect(await targetOf(plan.id, pump)).toMatchObject({ openWorkOrderId: next!.id, nextDueDate: null, lastCompletedAt: finishedAt });
    });

    it('threshold: a cancelled work order no longer holds the condition back', async () => {
      const s = await scenario('unheard-threshold');
      const { plan, record } = await overheatingPlan(s);
      await record(50, 0);
      const [hot] = await record(95, 1);
      await finishUnheard(hot!, 'CANCELLED', null);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: hot! });
      await record(50, 2);
      const [again] = await record(99, 3);
      expect(again).toBeDefined();
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: again! });
    });
  });

  describe('a reopened work order is waited for again', () => {
    it('FLOATING: cancelled, then reopened: no second work order; its completion sets the next due date', async () => {
      const s = await scenario('reopen-cancelled');
      const plan = await floatingMonthly(s, 'Monthly round', [s.org.equipmentId]);
      const [first] = await run(s, new Date());
      await setStatus(s.planner, first!, 'CANCELLED');
      const cancelledOn = localDateOf(new Date(), 'UTC');
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({
        openWorkOrderId: null,
        nextDueDate: addInterval(cancelledOn, 1, 'MONTH'),
      });

      await setStatus(s.manager, first!, 'OPEN');
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: first, nextDueDate: null });
      expect(await run(s, new Date(Date.now() + 40 * DAY))).toEqual([]);

      const { completedOn } = await complete(s, first!);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({
        openWorkOrderId: null,
        nextDueDate: addInterval(completedOn, 1, 'MONTH'),
      });
      expect(await workOrdersOf(plan.id)).toHaveLength(1);
    });

    it('threshold: completed, then reopened (back in progress): the condition does not fire again until it is completed', async () => {
      const s = await scenario('reopen-completed');
      const { plan, record } = await overheatingPlan(s);
      await record(50, 0);
      const [hot] = await record(95, 1);
      await complete(s, hot!);
      await setStatus(s.manager, hot!, 'IN_PROGRESS');
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: hot });

      await record(50, 2);
      expect(await record(97, 3)).toEqual([]);
      await setStatus(s.planner, hot!, 'COMPLETED');
      await record(50, 4);
      expect(await record(99, 5)).toHaveLength(1);
      expect(await workOrdersOf(plan.id)).toHaveLength(2);
    });

    it('FLOATING: reopening an old work order while a newer one is waited for keeps waiting for the newer one', async () => {
      const s = await scenario('reopen-superseded');
      const plan = await floatingMonthly(s, 'Monthly round', [s.org.equipmentId]);
      const [first] = await run(s, new Date());
      await setStatus(s.planner, first!, 'CANCELLED');
      const [second] = await run(s, new Date(Date.now() + 40 * DAY));
      expect(second).toBeDefined();

      await setStatus(s.manager, first!, 'OPEN');
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: second, nextDueDate: null });
      await complete(s, first!);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: second, nextDueDate: null });
      const { completedOn } = await complete(s, second!);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({
        openWorkOrderId: null,
        nextDueDate: addInterval(completedOn, 1, 'MONTH'),
      });
    });

    it('FIXED: reopening changes nothing about the next due date', async () => {
      const s = await scenario('reopen-fixed');
      const plan = await createPlan(s, {
        name: 'Fixed monthly',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Fixed' },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
      });
      const [january] = await run(s, at('2031-01-16T12:00:00Z'));
      await setStatus(s.planner, january!, 'CANCELLED');
      await setStatus(s.manager, january!, 'OPEN');
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ openWorkOrderId: null, nextDueDate: '2031-02-15', sequence: 1 });
      expect(await run(s, at('2031-02-16T12:00:00Z'))).toHaveLength(1);
    });
  });

  // PostgreSQL only: PGlite runs one transaction at a time.
  it.skipIf(!usingPostgres())(
    'completing a PM work order while the next one of its target is generated: both commit (no deadlock)',
    async () => {
      const s = await scenario('lock-order');
      const plan = await createPlan(s, {
        name: 'Monthly with a filter',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Change filter', parts: [{ partId: s.org.partId, quantity: 1 }] },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
      });
      const [january] = await run(s, at('2031-01-16T12:00:00Z'));
      await assign(s, january!);
      await setStatus(s.planner, january!, 'IN_PROGRESS');

      // The completion stops where it asks for the target's lock; the run goes first from there.
      let reachTarget!: () => void;
      const reachedTarget = new Promise<void>((resolve) => (reachTarget = resolve));
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const lockTarget = services.pmPlansRepository.lockTarget.bind(services.pmPlansRepository);
      let paused = false;
      vi.spyOn(services.pmPlansRepository, 'lockTarget').mockImplementation(async (planId, equipmentId) => {
        if (!paused) {
          paused = true;
          reachTarget();
          await gate;
        }
        return lockTarget(planId, equipmentId);
      });
      const completion = setStatus(s.planner, january!, 'COMPLETED').then(
        (order) => order.status,
        (error: Error) => `failed: ${error.message}`,
      );
      await reachedTarget;
      const generation = run(s, at('2031-02-16T12:00:00Z')).then(
        (ids) => `generated ${ids.length}`,
        (error: Error) => `failed: ${error.message}`,
      );
      // Either the run commits, or it waits for a lock the completion holds (the old order): then
      // the completion goes on and asks for the target the run holds.
      const waitingForLock = async () => {
        for (let attempt = 0; attempt < 400; attempt++) {
          const [row] = await database.rows<{ waiting: number }>(
            sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          );
          if (row!.waiting > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      };
      await Promise.race([generation, waitingForLock()]);
      openGate();
      expect(await Promise.all([completion, generation])).toEqual(['COMPLETED', 'generated 1']);
      expect((await workOrdersOf(plan.id)).map((order) => [order.status, order.dueDate])).toEqual([
        ['COMPLETED', endOfUtcDay('2031-01-15')],
        ['OPEN', endOfUtcDay('2031-02-15')],
      ]);
      // January's filter went back to stock when it completed; February's is reserved.
      expect(await services.parts.get(s.planner, s.org.partId)).toMatchObject({ onHand: 10, reserved: 1 });
    },
  );

  it('a replaced meter carries the hours since the last service over: 190 h on the old one and 310 h on the new one make 500', async () => {
    const s = await scenario('replacement');
    const meter = await services.meters.create(s.planner, s.org.equipmentId, CreateMeter.parse({ name: 'Hours', unit: 'h' }));
    const readings = readingsOn(s, meter.id);
    const record = async (value: number, hour: number, replacement = false) => (await readings(value, hour, replacement)).length;
    await record(99_800, 0);
    const plan = await createPlan(s, {
      name: '500 h service',
      equipmentIds: [s.org.equipmentId],
      template: { title: 'Service' },
      meter: { meterId: meter.id, every: 500 },
    });
    expect((await targetOf(plan.id, s.org.equipmentId)).meterBase).toBe(99_800);
    // 190 h on the old meter; the new one starts at 100: it counts as if from 100 − 190 = −90.
    expect([await record(99_990, 1), await record(100, 2, true)]).toEqual([0, 0]);
    expect((await targetOf(plan.id, s.org.equipmentId)).meterBase).toBe(-90);
    expect(await record(400, 3)).toBe(0);
    expect(await record(590, 4)).toBe(1);
    expect((await targetOf(plan.id, s.org.equipmentId)).meterBase).toBe(410);
    expect((await occurrencesOf(plan.id)).map(([key]) => key!.split(':').slice(0, 2).join(':'))).toEqual(['meter:410']);
  });

  describe('retired equipment gets no new PM work', () => {
    const retire = (equipmentId: string, status: 'RETIRED' | 'OPERATIONAL' = 'RETIRED') =>
      database.db.update(equipment).set({ status }).where(eq(equipment.id, equipmentId));

    it('calendar: its occurrences are recorded as skipped and left out of the forecast; back in service, no backlog comes', async () => {
      const s = await scenario('retired-calendar');
      const [pump, motor] = s.equipmentIds;
      const plan = await createPlan(s, {
        name: 'Monthly check',
        equipmentIds: [pump, motor],
        template: { title: 'Monthly check' },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
        // Every missed occurrence would be made: a backlog would show.
        catchUp: 'ALL',
      });
      await retire(motor);
      expect(await run(s, at('2031-01-16T12:00:00Z'))).toHaveLength(1);
      expect((await workOrdersOf(plan.id)).map((order) => order.equipmentId)).toEqual([pump]);
      expect(await occurrencesOf(plan.id)).toEqual(expect.arrayContaining([['cal:2031-01-15', 'equipment retired']]));
      expect(await targetOf(plan.id, motor)).toMatchObject({ nextDueDate: '2031-02-15' });
      const forecast = await services.pmForecast.forecast(s.manager, { from: '2031-02-01T00:00:00.000Z', to: '2031-04-01T00:00:00.000Z' });
      expect(forecast.occurrences.map((occurrence) => [occurrence.equipmentId, occurrence.dueAt])).toEqual([
        [pump, endOfUtcDay('2031-02-15').toISOString()],
        [pump, endOfUtcDay('2031-03-15').toISOString()],
      ]);

      // Runs while it is retired record its February and March as skipped too.
      expect(await run(s, at('2031-02-16T12:00:00Z'))).toHaveLength(1);
      expect(await run(s, at('2031-03-16T12:00:00Z'))).toHaveLength(1);
      // In service again in April: April's occurrence for each, not the months it missed.
      await retire(motor, 'OPERATIONAL');
      expect(await run(s, at('2031-04-16T12:00:00Z'))).toHaveLength(2);
      expect((await workOrdersOf(plan.id)).map((order) => [order.equipmentId, order.dueDate])).toEqual([
        ...['2031-01-15', '2031-02-15', '2031-03-15', '2031-04-15'].map((date) => [pump, endOfUtcDay(date)]),
        [motor, endOfUtcDay('2031-04-15')],
      ]);
    });

    it('meter: a mark crossed on retired equipment makes no work order', async () => {
      const s = await scenario('retired-meter');
      const meter = await services.meters.create(s.planner, s.org.equipmentId, CreateMeter.parse({ name: 'Hours', unit: 'h' }));
      const record = readingsOn(s, meter.id);
      await record(0, 0);
      const plan = await createPlan(s, {
        name: '500 h service',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Service' },
        meter: { meterId: meter.id, every: 500 },
      });
      await retire(s.org.equipmentId);
      expect(await record(520, 1)).toEqual([]);
      expect(await workOrdersOf(plan.id)).toEqual([]);
      expect(await occurrencesOf(plan.id)).toEqual([[expect.stringMatching(/^meter:500:/), 'equipment retired']]);
      // The mark counts as passed: back in service, the next service comes at 1,000 h.
      await retire(s.org.equipmentId, 'OPERATIONAL');
      expect(await record(990, 2)).toEqual([]);
      expect(await record(1010, 3)).toHaveLength(1);
    });

    it('a plan cannot take retired equipment on, but keeps equipment retired after it joined', async () => {
      const s = await scenario('retired-plan');
      const [pump, motor] = s.equipmentIds;
      await retire(motor);
      const refused = await appError(
        createPlan(s, {
          name: 'Check',
          equipmentIds: [pump, motor],
          template: { title: 'Check' },
          calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
        }),
        ErrorCode.Validation,
      );
      expect(refused.options.errors).toEqual([
        { path: 'equipmentIds.1', message: 'EQ-M (Motor) is RETIRED: no new work can be planned on it' },
      ]);
      const plan = await createPlan(s, {
        name: 'Check',
        equipmentIds: [pump],
        template: { title: 'Check' },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
      });
      await appError(
        services.pmPlans.update(s.planner, plan.id, UpdatePmPlan.parse({ equipmentIds: [pump, motor] }), plan.version),
        ErrorCode.Validation,
      );
      // The pump retires later: the plan still takes edits that send its equipment back unchanged.
      await retire(pump);
      const renamed = await services.pmPlans.update(
        s.planner,
        plan.id,
        UpdatePmPlan.parse({ name: 'Renamed', equipmentIds: [pump] }),
        plan.version,
      );
      expect(renamed).toMatchObject({ name: 'Renamed', equipmentIds: [pump] });
    });
  });

  describe('when calendar occurrences are due', () => {
    it('LATEST with a lead time longer than the interval makes every occurrence not yet due, and supersedes only overdue ones', async () => {
      const s = await scenario('latest-lead');
      const plan = await createPlan(s, {
        name: 'Weekly, 10 days ahead',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Weekly' },
        calendar: { every: 1, unit: 'WEEK', startsOn: '2031-01-06' },
        leadDays: 10,
      });
      expect(await run(s, at('2031-01-03T12:00:00Z'))).toHaveLength(2);
      expect(await run(s, at('2031-01-03T12:00:00Z'))).toEqual([]);
      expect((await workOrdersOf(plan.id)).map((order) => order.dueDate)).toEqual(['2031-01-06', '2031-01-13'].map(endOfUtcDay));
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-01-20' });

      // Down until 2031-02-01: 01-20 and 01-27 are overdue, 02-03 and 02-10 are within the lead time.
      expect(await run(s, at('2031-02-01T12:00:00Z'))).toHaveLength(2);
      expect(await occurrencesOf(plan.id)).toEqual([
        ['cal:2031-01-06', null],
        ['cal:2031-01-13', null],
        ['cal:2031-01-20', 'superseded'],
        ['cal:2031-01-27', 'superseded'],
        ['cal:2031-02-03', null],
        ['cal:2031-02-10', null],
      ]);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-02-17' });
    });

    it('PREVIOUS_WORKING_DAY: made leadDays before the moved due date, not after it', async () => {
      const s = await scenario('previous-working-day');
      for (const date of ['2031-02-13', '2031-02-14', '2031-02-15']) await holidays.create(s.planner, { date, name: 'Shutdown' });
      const plan = await createPlan(s, {
        name: 'Monthly, before holidays',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Monthly' },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
        holidayRule: 'PREVIOUS_WORKING_DAY',
        leadDays: 1,
      });
      const generatedOn: Record<string, number> = {};
      for (const day of ['2031-01-14', '2031-02-10', '2031-02-11', '2031-02-12', '2031-02-13', '2031-02-14'])
        generatedOn[day] = (await run(s, at(`${day}T12:00:00Z`))).length;
      expect(generatedOn).toEqual({ '2031-01-14': 1, '2031-02-10': 0, '2031-02-11': 1, '2031-02-12': 0, '2031-02-13': 0, '2031-02-14': 0 });
      expect((await workOrdersOf(plan.id)).map((order) => order.dueDate)).toEqual(['2031-01-15', '2031-02-12'].map(endOfUtcDay));
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-03-15' });
    });

    it('lead time counts local calendar days across a daylight-saving change (Europe/Berlin, 2031-03-30)', async () => {
      const s = await scenario('dst', 'Europe/Berlin');
      const plan = await createPlan(s, {
        name: 'Yearly, a week ahead',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Yearly' },
        calendar: { every: 1, unit: 'YEAR', startsOn: '2031-04-02' },
        leadDays: 7,
      });
      // 23:30 on 2031-03-25 in Berlin (CET): seven days on is 2031-04-01.
      expect(await run(s, at('2031-03-25T22:30:00Z'))).toEqual([]);
      // 00:30 on 2031-03-26: seven days on is the due date.
      expect(await run(s, at('2031-03-25T23:30:00Z'))).toHaveLength(1);
      // The end of 2031-04-02 in Berlin (CEST, UTC+2).
      expect((await workOrdersOf(plan.id)).map((order) => order.dueDate)).toEqual([at('2031-04-02T21:59:59.999Z')]);
    });
  });
});
