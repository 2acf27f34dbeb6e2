import { ChangeWorkOrderStatus, CreateMeter, CreatePmPlan, MeterReadingsRequest, UpdatePmPlan } from '@msched/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HolidaysService } from '../../src/modules/pm-plans/holidays.service';
import { addDays, addInterval, localDateOf } from '../../src/modules/pm-plans/pm-schedule';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { equipment, organizations, pmOccurrences, workOrders } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { DAY, HOUR, at, completeWorkOrder, endOfUtcDay, planTarget, planWorkOrders } from './pm-support';
import { type Services, appError, buildServices, principalOf } from './support';

/**
 * PM generation over a real database (PGlite, or PostgreSQL with DATABASE_URL): every occurrence
 * makes its work order exactly once — repeated runs, concurrent runs, a crash, a repeated
 * reading — and catch-up, lead time, holidays, FLOATING/FIXED, pause, edit, delete and
 * "whichever comes first" behave as documented. Each scenario has an organization of its own,
 * and generation runs with a fixed `now` (in 2031–2033, after any plan's creation day) unless it
 * needs the real clock (readings may not be in the future; completions happen now).
 */
describe('PM generation over a real database', () => {
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
    /** The fixture pump plus `extra` more pieces of equipment. */
    equipmentIds: string[];
  }

  async function scenario(name: string, options: { extra?: number; timezone?: string } = {}): Promise<Scenario> {
    const org = await createOrganization(database, `pmgen-${name}-${++slugs}`);
    if (options.timezone)
      await database.db.update(organizations).set({ timezone: options.timezone }).where(eq(organizations.id, org.organizationId));
    const equipmentIds = [org.equipmentId];
    for (let index = 0; index < (options.extra ?? 0); index++) {
      const [row] = await database.db
        .insert(equipment)
        .values({
          organizationId: org.organizationId,
          equipmentNumber: `EQ-X${index}`,
          name: `Motor ${index}`,
          type: 'Motor',
          locationId: org.locationId,
        })
        .returning();
      equipmentIds.push(row!.id);
    }
    return { org, planner: principalOf(org, 'planner'), equipmentIds };
  }

  const createPlan = (principal: Principal, input: Record<string, unknown>) =>
    services.pmPlans.create(principal, CreatePmPlan.parse(input));

  const monthly = (startsOn: string, extra: Record<string, unknown> = {}) => ({ every: 1, unit: 'MONTH', startsOn, ...extra });

  const run = (s: Scenario, now: Date) => services.pmGenerator.run(now, s.org.organizationId);

  const workOrdersOf = (planId: string) => planWorkOrders(database, planId);

  const occurrencesOf = (planId: string) => services.pmPlansRepository.occurrencesOfPlan(planId);

  const targetOf = (planId: string, equipmentId: string) => planTarget(services, planId, equipmentId);

  async function workOrderSeq(s: Scenario): Promise<number> {
    const [row] = await database.db.select().from(organizations).where(eq(organizations.id, s.org.organizationId));
    return row!.workOrderSeq;
  }

  /**
   * The exactly-once invariant: each occurrence that is not skipped has one work order of the
   * plan, no work order belongs to two occurrences or to none, and (for calendar plans, whose
   * occurrences are days) no (equipment, due date) repeats. Answers the work orders by number.
   */
  async function expectExactlyOnce(planId: string, options: { uniqueDueDates?: boolean } = {}) {
    const [orders, occurrences] = await Promise.all([workOrdersOf(planId), occurrencesOf(planId)]);
    const made = occurrences.filter((occurrence) => occurrence.skippedReason === null);
    expect(
      made.filter((occurrence) => occurrence.workOrderId === null),
      'occurrences claimed without a work order',
    ).toEqual([]);
    const linked = made.map((occurrence) => occurrence.workOrderId);
    expect(new Set(linked).size).toBe(linked.length);
    expect(new Set(linked)).toEqual(new Set(orders.map((order) => order.id)));
    if (options.uniqueDueDates !== false) {
      const keys = orders.map((order) => `${order.equipmentId}@${order.dueDate!.toISOString()}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    for (const occurrence of made) {
      const order = orders.find((row) => row.id === occurrence.workOrderId)!;
      expect(order.equipmentId).toBe(occurrence.equipmentId);
      expect(order.dueDate).toEqual(occurrence.dueAt);
    }
    return orders;
  }

  /** Assigns, starts and completes a work order now (real clock), as the planner. */
  const complete = (s: Scenario, id: string) => completeWorkOrder(services, s.planner, s.org, id);

  const utcToday = () => localDateOf(new Date(), 'UTC');

  describe('exactly once', () => {
    it('a FIXED monthly plan run twice at the same now makes one work order per due occurrence', async () => {
      const s = await scenario('twice', { extra: 1 });
      const plan = await createPlan(s.planner, {
        name: 'Monthly lubrication',
        equipmentIds: s.equipmentIds,
        template: { title: 'Lubricate' },
        calendar: monthly('2031-01-15'),
        catchUp: 'ALL',
      });
      const now = at('2031-03-20T12:00:00Z');
      const first = await run(s, now);
      expect(first).toHaveLength(6);
      expect(await run(s, now)).toEqual([]);
      const orders = await expectExactlyOnce(plan.id);
      expect(orders).toHaveLength(6);
      expect(orders.map((order) => order.id).sort()).toEqual([...first].sort());
      for (const equipmentId of s.equipmentIds) {
        expect(orders.filter((order) => order.equipmentId === equipmentId).map((order) => order.dueDate)).toEqual(
          ['2031-01-15', '2031-02-15', '2031-03-15'].map(endOfUtcDay),
        );
        expect(await targetOf(plan.id, equipmentId)).toMatchObject({ nextDueDate: '2031-04-15' });
      }
      expect(await occurrencesOf(plan.id)).toHaveLength(6);
    });

    it('two runs at once make each occurrence once in total', async () => {
      const s = await scenario('concurrent', { extra: 2 });
      const plan = await createPlan(s.planner, {
        name: 'Monthly check',
        equipmentIds: s.equipmentIds,
        template: { title: 'Check' },
        calendar: monthly('2031-01-15'),
        catchUp: 'ALL',
      });
      const now = at('2031-06-20T12:00:00Z');
      const [a, b] = await Promise.all([run(s, now), run(s, now)]);
      const all = [...a, ...b];
      // Six months × three pieces of equipment.
      expect(all).toHaveLength(18);
      expect(new Set(all).size).toBe(18);
      const orders = await expectExactlyOnce(plan.id);
      expect(orders).toHaveLength(18);
      expect(orders.map((order) => order.number)).toEqual(Array.from({ length: 18 }, (_, index) => index + 1));
      expect(await workOrderSeq(s)).toBe(18);
      expect(await run(s, now)).toEqual([]);
    });

    it('a run that crashes before committing leaves nothing behind; the next run makes everything once', async () => {
      const s = await scenario('crash', { extra: 1 });
      const plan = await createPlan(s.planner, {
        name: 'Monthly crash test',
        equipmentIds: s.equipmentIds,
        template: { title: 'Inspect', tasks: [{ title: 'Look' }], parts: [{ partId: s.org.partId, quantity: 1 }] },
        calendar: monthly('2031-01-15'),
        catchUp: 'ALL',
      });
      const now = at('2031-03-20T12:00:00Z');
      // The process dies after generating, before the transaction commits.
      await expect(
        database.transaction(async () => {
          expect(await run(s, now)).toHaveLength(6);
          throw new Error('simulated crash');
        }),
      ).rejects.toThrow('simulated crash');
      expect(await workOrdersOf(plan.id)).toEqual([]);
      expect(await occurrencesOf(plan.id)).toEqual([]);
      expect(await workOrderSeq(s)).toBe(0);
      expect((await services.parts.get(s.planner, s.org.partId)).reserved).toBe(0);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-01-15' });

      const generated = await run(s, now);
      expect(generated).toHaveLength(6);
      const orders = await expectExactlyOnce(plan.id);
      expect(orders.map((order) => order.workOrderNumber)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `WO-00000${n}`));
      expect((await services.parts.get(s.planner, s.org.partId)).reserved).toBe(6);
      for (const order of orders) expect(await services.execution.tasks(s.planner, order.id)).toHaveLength(1);
    });

    it('a target that fails half-way is rolled back alone; the next run completes it once', async () => {
      const s = await scenario('failpoint', { extra: 1 });
      const plan = await createPlan(s.planner, {
        name: 'Monthly failpoint',
        equipmentIds: s.equipmentIds,
        template: { title: 'Inspect' },
        calendar: monthly('2031-01-15'),
        catchUp: 'ALL',
      });
      const now = at('2031-03-20T12:00:00Z');
      // The second work order of the first target fails after its occurrence was claimed.
      const attach = services.pmPlansRepository.attachWorkOrder.bind(services.pmPlansRepository);
      let calls = 0;
      vi.spyOn(services.pmPlansRepository, 'attachWorkOrder').mockImplementation(async (occurrenceId, workOrderId) => {
        if (++calls === 2) throw new Error('simulated failure between claim and attach');
        return attach(occurrenceId, workOrderId);
      });
      const partial = await run(s, now);
      expect(partial).toHaveLength(3);
      vi.restoreAllMocks();
      const [first, second] = s.equipmentIds as [string, string];
      const afterFailure = await occurrencesOf(plan.id);
      expect(afterFailure.map((occurrence) => occurrence.equipmentId)).toEqual([second, second, second]);
      expect(await targetOf(plan.id, first)).toMatchObject({ nextDueDate: '2031-01-15' });

      const rest = await run(s, now);
      expect(rest).toHaveLength(3);
      const orders = await expectExactlyOnce(plan.id);
      expect(orders).toHaveLength(6);
      // The rolled-back target's numbers were given back: no gaps.
      expect(orders.map((order) => order.number)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(orders.slice(0, 3).every((order) => order.equipmentId === second)).toBe(true);
      expect(orders.slice(3).every((order) => order.equipmentId === first)).toBe(true);
      expect(await run(s, now)).toEqual([]);
    });

    it('the same meter reading submitted twice, one after the other or at once, generates once', async () => {
      const s = await scenario('reading-twice');
      const meter = await services.meters.create(s.planner, s.org.equipmentId, CreateMeter.parse({ name: 'Hours', unit: 'h' }));
      const base = Date.now() - 10 * HOUR;
      const record = (value: number, readAt: number) =>
        services.meters.record(s.planner, meter.id, MeterReadingsRequest.parse({ value, readAt: new Date(readAt).toISOString() }));
      await record(100, base);
      const plan = await createPlan(s.planner, {
        name: '500 h service',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Service' },
        meter: { meterId: meter.id, every: 500 },
      });
      const first = await record(650, base + HOUR);
      expect(first).toMatchObject({ accepted: 1, duplicates: 0 });
      expect(first.generatedWorkOrderIds).toHaveLength(1);
      const again = await record(650, base + HOUR);
      expect(again).toMatchObject({ accepted: 0, duplicates: 1, generatedWorkOrderIds: [] });
      expect(await workOrdersOf(plan.id)).toHaveLength(1);

      // The next mark (1100), sent twice at the same moment.
      const both = await Promise.all([record(1150, base + 2 * HOUR), record(1150, base + 2 * HOUR)]);
      expect(both.map((result) => result.accepted).sort()).toEqual([0, 1]);
      expect(both.map((result) => result.duplicates).sort()).toEqual([0, 1]);
      expect(both.flatMap((result) => result.generatedWorkOrderIds)).toHaveLength(1);
      // Two marks crossed the same day: two occurrences (meter:600, meter:1100) with the same due date.
      const orders = await expectExactlyOnce(plan.id, { uniqueDueDates: false });
      expect(orders).toHaveLength(2);
      expect((await occurrencesOf(plan.id)).map((occurrence) => occurrence.occurrenceKey.split(':').slice(0, 2).join(':')).sort()).toEqual([
        'meter:1100',
        'meter:600',
      ]);
      expect((await targetOf(plan.id, s.org.equipmentId)).meterBase).toBe(1100);
    });
  });

  describe('catch-up after downtime', () => {
    it('ALL makes every missed occurrence, the oldest first', async () => {
      const s = await scenario('catchup-all');
      const plan = await createPlan(s.planner, {
        name: 'Monthly, all',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Catch up all' },
        calendar: monthly('2031-01-15'),
        catchUp: 'ALL',
      });
      const generated = await run(s, at('2031-05-20T12:00:00Z'));
      expect(generated).toHaveLength(5);
      const orders = await expectExactlyOnce(plan.id);
      // Returned and numbered in due order.
      expect(orders.map((order) => order.id)).toEqual(generated);
      expect(orders.map((order) => order.dueDate)).toEqual(
        ['2031-01-15', '2031-02-15', '2031-03-15', '2031-04-15', '2031-05-15'].map(endOfUtcDay),
      );
      expect((await occurrencesOf(plan.id)).every((occurrence) => occurrence.skippedReason === null)).toBe(true);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-06-15' });
    });

    it('LATEST makes the latest and records the others as skipped (superseded)', async () => {
      const s = await scenario('catchup-latest');
      const plan = await createPlan(s.planner, {
        name: 'Monthly, latest',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Catch up latest' },
        calendar: monthly('2031-01-15'),
        catchUp: 'LATEST',
      });
      const generated = await run(s, at('2031-05-20T12:00:00Z'));
      expect(generated).toHaveLength(1);
      const orders = await expectExactlyOnce(plan.id);
      expect(orders.map((order) => order.dueDate)).toEqual([endOfUtcDay('2031-05-15')]);
      const occurrences = await occurrencesOf(plan.id);
      expect(occurrences.map((occurrence) => [occurrence.occurrenceKey, occurrence.skippedReason, occurrence.workOrderId])).toEqual([
        ['cal:2031-01-15', 'superseded', null],
        ['cal:2031-02-15', 'superseded', null],
        ['cal:2031-03-15', 'superseded', null],
        ['cal:2031-04-15', 'superseded', null],
        ['cal:2031-05-15', null, generated[0]],
      ]);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-06-15' });
      expect(await run(s, at('2031-05-20T12:00:00Z'))).toEqual([]);
    });

    it('LATEST makes only the latest even when more than 520 occurrences were missed (a daily plan two years behind)', async () => {
      const s = await scenario('catchup-latest-far');
      const plan = await createPlan(s.planner, {
        name: 'Daily, two years behind',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Daily round' },
        calendar: { every: 1, unit: 'DAY', startsOn: '2031-01-01' },
        catchUp: 'LATEST',
      });
      // 2031-01-01 to 2032-12-31 (a leap year): 365 + 366 = 731 occurrences are due.
      const now = at('2032-12-31T12:00:00Z');
      const generated = await run(s, now);
      expect(generated).toHaveLength(1);
      expect((await workOrdersOf(plan.id)).map((order) => order.dueDate)).toEqual([endOfUtcDay('2032-12-31')]);
      expect(await run(s, now)).toEqual([]);
      await expectExactlyOnce(plan.id);
      const occurrences = await occurrencesOf(plan.id);
      expect(occurrences).toHaveLength(731);
      expect(occurrences.filter((occurrence) => occurrence.skippedReason === 'superseded')).toHaveLength(730);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2033-01-01' });
    });

    it('ALL makes at most 52 per run: a weekly plan two years behind catches up over two runs', async () => {
      const s = await scenario('catchup-cap');
      const plan = await createPlan(s.planner, {
        name: 'Weekly, two years behind',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Weekly round' },
        calendar: { every: 1, unit: 'WEEK', startsOn: '2031-01-06' },
        catchUp: 'ALL',
      });
      // 2031-01-06 + 103 weeks = 2032-12-27: 104 occurrences are due.
      const now = at('2032-12-27T12:00:00Z');
      const first = await run(s, now);
      expect(first).toHaveLength(52);
      let orders = await expectExactlyOnce(plan.id);
      expect(orders.map((order) => order.dueDate)).toEqual(Array.from({ length: 52 }, (_, k) => endOfUtcDay(addDays('2031-01-06', 7 * k))));
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: addDays('2031-01-06', 7 * 52) });

      const second = await run(s, now);
      expect(second).toHaveLength(52);
      orders = await expectExactlyOnce(plan.id);
      expect(orders.map((order) => order.dueDate)).toEqual(
        Array.from({ length: 104 }, (_, k) => endOfUtcDay(addDays('2031-01-06', 7 * k))),
      );
      expect(await run(s, now)).toEqual([]);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2033-01-03' });
    });
  });

  it('a run lets other work in between its targets (the embedded database never waits for I/O)', async () => {
    const s = await scenario('yields', { extra: 1 });
    await createPlan(s.planner, {
      name: 'Monthly check',
      equipmentIds: s.equipmentIds,
      template: { title: 'Monthly check' },
      calendar: monthly('2031-01-15'),
    });
    let finished = false;
    let ranBeforeTheEnd: boolean | undefined;
    const running = run(s, at('2031-01-16T12:00:00Z')).then((made) => {
      finished = true;
      return made;
    });
    // A callback of the next turn of the event loop: without a turn between targets, the whole
    // run (every query resolving at once on PGlite) would finish first.
    setImmediate(() => (ranBeforeTheEnd = !finished));
    expect(await running).toHaveLength(2);
    expect(ranBeforeTheEnd).toBe(true);
  });

  it('lead time: generated leadDays (7) before the due date, not 8', async () => {
    const s = await scenario('lead');
    const plan = await createPlan(s.planner, {
      name: 'With lead time',
      equipmentIds: [s.org.equipmentId],
      template: { title: 'Prepare' },
      calendar: monthly('2031-03-15'),
      leadDays: 7,
    });
    expect(await run(s, at('2031-03-07T12:00:00Z'))).toEqual([]);
    expect(await run(s, at('2031-03-07T23:59:00Z'))).toEqual([]);
    const generated = await run(s, at('2031-03-08T00:01:00Z'));
    expect(generated).toHaveLength(1);
    const [order] = await expectExactlyOnce(plan.id);
    expect(order!.dueDate).toEqual(endOfUtcDay('2031-03-15'));
    expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-04-15' });
  });

  describe('the generated work order', () => {
    it('carries the plan, the local due day in the organization’s zone, the SMRP window, crew, downtime, groups, tasks and reserved parts', async () => {
      const s = await scenario('fields', { timezone: 'America/New_York' });
      const stockBefore = await services.parts.get(s.planner, s.org.partId);
      expect(stockBefore).toMatchObject({ onHand: 10, reserved: 0 });
      const plan = await createPlan(s.planner, {
        name: 'Monthly inspection',
        equipmentIds: [s.org.equipmentId],
        template: {
          title: 'Inspect the feed pump',
          description: 'Per OEM manual',
          type: 'INSPECTION',
          priority: 'HIGH',
          estimatedDuration: 90,
          requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
          crewSize: 2,
          requiresDowntime: true,
          conflictGroups: ['Confined-Space'],
          tasks: [{ title: 'Isolate' }, { title: 'Inspect seal', description: 'Look for leaks', estimatedDuration: 30 }],
          parts: [{ partId: s.org.partId, quantity: 4 }],
        },
        calendar: monthly('2031-01-15'),
      });
      // 12:00 in New York on the due day.
      const [id] = await run(s, at('2031-01-15T17:00:00Z'));
      expect(id).toBeDefined();
      const [row] = await expectExactlyOnce(plan.id);
      expect(row).toMatchObject({
        id,
        pmPlanId: plan.id,
        title: 'Inspect the feed pump',
        description: 'Per OEM manual',
        type: 'INSPECTION',
        priority: 'HIGH',
        status: 'OPEN',
        equipmentId: s.org.equipmentId,
        estimatedDuration: 90,
        requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
        crewSize: 2,
        requiresDowntime: true,
        conflictGroups: ['confined-space'],
        requesterId: null,
        technicianId: null,
      });
      // The end of 2031-01-15 in New York (EST, UTC−5); window: + floor(20 % × 30.44 days) = 6 days.
      expect(row!.dueDate).toEqual(at('2031-01-16T04:59:59.999Z'));
      expect(row!.complianceWindowEnd).toEqual(at('2031-01-22T04:59:59.999Z'));
      const tasks = await services.execution.tasks(s.planner, id!);
      expect(tasks.map((task) => [task.title, task.description, task.estimatedDuration, task.status])).toEqual([
        ['Isolate', null, null, 'PENDING'],
        ['Inspect seal', 'Look for leaks', 30, 'PENDING'],
      ]);
      const lines = await services.workOrderParts.list(s.planner, id!);
      expect(lines).toMatchObject([{ partId: s.org.partId, quantity: 4, status: 'RESERVED' }]);
      expect(await services.parts.get(s.planner, s.org.partId)).toMatchObject({ onHand: 10, reserved: 4 });
      const history = await services.execution.history(s.planner, id!);
      expect(history[0]).toMatchObject({ toStatus: 'OPEN' });
      expect(history[0]!.note).toContain('Monthly inspection');

      // February: 8 of 10 reserved. March: 4 more are not available — the work order still comes, with a note.
      expect(await run(s, at('2031-02-15T17:00:00Z'))).toHaveLength(1);
      expect(await services.parts.get(s.planner, s.org.partId)).toMatchObject({ onHand: 10, reserved: 8 });
      const [short] = await run(s, at('2031-03-15T17:00:00Z'));
      expect(short).toBeDefined();
      expect(await services.parts.get(s.planner, s.org.partId)).toMatchObject({ onHand: 10, reserved: 8 });
      expect(await services.workOrderParts.list(s.planner, short!)).toEqual([]);
      const shortHistory = await services.execution.history(s.planner, short!);
      expect(shortHistory[0]!.note).toMatch(/not reserved: not enough stock/);
      expect(shortHistory[0]!.note).toContain(s.org.partId);
      const orders = await expectExactlyOnce(plan.id);
      // 2031-03-15 is in EDT (UTC−4) already (DST from 2031-03-09).
      expect(orders.map((order) => order.dueDate)).toEqual([
        at('2031-01-16T04:59:59.999Z'),
        at('2031-02-16T04:59:59.999Z'),
        at('2031-03-16T03:59:59.999Z'),
      ]);
    });

    it('the SMRP window is at most 28 days (a yearly plan), and meter-only plans get graceMaxDays', async () => {
      const s = await scenario('window');
      const yearly = await createPlan(s.planner, {
        name: 'Yearly overhaul',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Overhaul' },
        calendar: { every: 1, unit: 'YEAR', startsOn: '2031-01-15' },
      });
      const custom = await createPlan(s.planner, {
        name: 'Custom window',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Custom' },
        calendar: { every: 10, unit: 'DAY', startsOn: '2031-01-15' },
        window: { gracePercent: 50, graceMaxDays: 28 },
      });
      await run(s, at('2031-01-15T12:00:00Z'));
      const [overhaul] = await workOrdersOf(yearly.id);
      // 20 % of 365.24 days = 73 days, capped at 28.
      expect(overhaul!.complianceWindowEnd).toEqual(endOfUtcDay('2031-02-12'));
      const [customOrder] = await workOrdersOf(custom.id);
      expect(customOrder!.complianceWindowEnd).toEqual(endOfUtcDay('2031-01-20'));
    });
  });

  describe('holiday rules', () => {
    it('NEXT_WORKING_DAY moves the due date, PREVIOUS_WORKING_DAY moves it back, SKIP records a skipped occurrence', async () => {
      const s = await scenario('holidays');
      await holidays.create(s.planner, { date: '2031-02-15', name: 'Plant holiday' });
      await holidays.create(s.planner, { date: '2031-02-16', name: 'Bridge day' });
      const make = (name: string, holidayRule: string) =>
        createPlan(s.planner, {
          name,
          equipmentIds: [s.org.equipmentId],
          template: { title: name },
          calendar: monthly('2031-01-15'),
          holidayRule,
          catchUp: 'ALL',
        });
      const next = await make('Next', 'NEXT_WORKING_DAY');
      const previous = await make('Previous', 'PREVIOUS_WORKING_DAY');
      const skip = await make('Skip', 'SKIP');
      const none = await make('None', 'NONE');
      await run(s, at('2031-03-01T12:00:00Z'));

      const dueOf = async (planId: string) => (await expectExactlyOnce(planId)).map((order) => order.dueDate);
      expect(await dueOf(next.id)).toEqual([endOfUtcDay('2031-01-15'), endOfUtcDay('2031-02-17')]);
      expect(await dueOf(previous.id)).toEqual([endOfUtcDay('2031-01-15'), endOfUtcDay('2031-02-14')]);
      expect(await dueOf(none.id)).toEqual([endOfUtcDay('2031-01-15'), endOfUtcDay('2031-02-15')]);
      expect(await dueOf(skip.id)).toEqual([endOfUtcDay('2031-01-15')]);
      const [moved] = (await workOrdersOf(next.id)).slice(1);
      // The window counts from the moved due date.
      expect(moved!.complianceWindowEnd).toEqual(endOfUtcDay('2031-02-23'));
      const skipped = await occurrencesOf(skip.id);
      expect(skipped.map((occurrence) => [occurrence.occurrenceKey, occurrence.skippedReason, occurrence.workOrderId === null])).toEqual([
        ['cal:2031-01-15', null, false],
        ['cal:2031-02-15', 'holiday', true],
      ]);
      // The series goes on from the nominal dates.
      expect(await targetOf(skip.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-03-15' });
      expect(await targetOf(next.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-03-15' });
      expect(await run(s, at('2031-03-01T12:00:00Z'))).toEqual([]);
    });
  });

  describe('FLOATING and FIXED after a completion', () => {
    it('FLOATING: nothing more until the open work order completes; completed late, the next is due completion + interval', async () => {
      const s = await scenario('floating');
      const today = utcToday();
      const startsOn = addDays(today, -45);
      const plan = await createPlan(s.planner, {
        name: 'Four-weekly inspection',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Inspect' },
        calendar: { every: 1, unit: 'MONTH', startsOn, mode: 'FLOATING' },
      });
      // Created today, it would start today: put it where it stood had it started 45 days ago.
      await services.pmPlansRepository.updateTarget(plan.id, s.org.equipmentId, { nextDueDate: startsOn });
      const [id] = await run(s, new Date());
      expect(id).toBeDefined();
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: null, openWorkOrderId: id });
      // Months later, still open: nothing new.
      expect(await run(s, new Date(Date.now() + 120 * DAY))).toEqual([]);
      expect(await workOrdersOf(plan.id)).toHaveLength(1);

      const completed = await complete(s, id!);
      const completedOn = localDateOf(new Date(completed.actualEndTime!), 'UTC');
      const expectedNext = addInterval(completedOn, 1, 'MONTH');
      const target = await targetOf(plan.id, s.org.equipmentId);
      expect(target).toMatchObject({ openWorkOrderId: null, nextDueDate: expectedNext });
      expect(target.nextDueDate).not.toBe(addInterval(startsOn, 1, 'MONTH'));
      expect(target.lastCompletedAt).toEqual(new Date(completed.actualEndTime!));

      expect(await run(s, new Date())).toEqual([]);
      const [nextId] = await run(s, endOfUtcDay(expectedNext));
      expect(nextId).toBeDefined();
      const orders = await expectExactlyOnce(plan.id);
      expect(orders.map((order) => order.dueDate)).toEqual([endOfUtcDay(startsOn), endOfUtcDay(expectedNext)]);
    });

    it('FLOATING with SKIP: an occurrence skipped for a holiday does not stop the plan', async () => {
      const s = await scenario('floating-skip');
      await holidays.create(s.planner, { date: '2031-01-15', name: 'Plant holiday' });
      const plan = await createPlan(s.planner, {
        name: 'Floating, skip holidays',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Floating skip' },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15', mode: 'FLOATING' },
        holidayRule: 'SKIP',
      });
      expect(await run(s, at('2031-01-15T12:00:00Z'))).toEqual([]);
      expect((await occurrencesOf(plan.id)).map((occurrence) => [occurrence.occurrenceKey, occurrence.skippedReason])).toEqual([
        ['cal:2031-01-15', 'holiday'],
      ]);
      // Nothing is open to wait for: the series must go on.
      const target = await targetOf(plan.id, s.org.equipmentId);
      expect(target.openWorkOrderId).toBeNull();
      expect(
        target.nextDueDate,
        'the FLOATING target has neither an open work order nor a next due date: it never generates again',
      ).not.toBeNull();
      expect(await run(s, at('2031-03-01T12:00:00Z'))).toHaveLength(1);
    });

    it('FLOATING: an edit on a day whose occurrence was already made does not stop the plan', async () => {
      const s = await scenario('floating-edit');
      const today = utcToday();
      const plan = await createPlan(s.planner, {
        name: 'Floating, edited',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Floating edit' },
        calendar: { every: 1, unit: 'MONTH', startsOn: today, mode: 'FLOATING' },
      });
      const [first] = await run(s, new Date());
      expect(first).toBeDefined();
      await complete(s, first!);
      // Every two weeks instead: the target restarts from today, whose occurrence exists already.
      await services.pmPlans.update(
        s.planner,
        plan.id,
        UpdatePmPlan.parse({ calendar: { every: 2, unit: 'WEEK', startsOn: today, mode: 'FLOATING' } }),
      );
      expect(await run(s, new Date())).toEqual([]);
      const target = await targetOf(plan.id, s.org.equipmentId);
      expect(target.openWorkOrderId).toBeNull();
      expect(
        target.nextDueDate,
        'the FLOATING target has neither an open work order nor a next due date: it never generates again',
      ).not.toBeNull();
      expect(await run(s, new Date(Date.now() + 35 * DAY))).toHaveLength(1);
      await expectExactlyOnce(plan.id);
    });

    it('FIXED: a completion does not move the next due date', async () => {
      const s = await scenario('fixed-complete');
      const plan = await createPlan(s.planner, {
        name: 'Fixed monthly',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Fixed' },
        calendar: monthly('2031-01-15'),
      });
      const [id] = await run(s, at('2031-01-16T12:00:00Z'));
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-02-15', openWorkOrderId: null });
      const completed = await complete(s, id!);
      const target = await targetOf(plan.id, s.org.equipmentId);
      expect(target).toMatchObject({ nextDueDate: '2031-02-15' });
      expect(target.lastCompletedAt).toEqual(new Date(completed.actualEndTime!));
      expect(await run(s, at('2031-02-16T12:00:00Z'))).toHaveLength(1);
      expect((await expectExactlyOnce(plan.id)).map((order) => order.dueDate)).toEqual(['2031-01-15', '2031-02-15'].map(endOfUtcDay));
    });
  });

  describe('plan changes', () => {
    it('pause stops generation; resume continues', async () => {
      const s = await scenario('pause');
      const plan = await createPlan(s.planner, {
        name: 'Pausable',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Pausable' },
        calendar: monthly('2031-01-15'),
      });
      expect(await run(s, at('2031-01-16T12:00:00Z'))).toHaveLength(1);
      const paused = await services.pmPlans.update(s.planner, plan.id, UpdatePmPlan.parse({ status: 'PAUSED' }), plan.version);
      expect(paused.status).toBe('PAUSED');
      expect(await run(s, at('2031-02-16T12:00:00Z'))).toEqual([]);
      expect(await run(s, at('2031-03-16T12:00:00Z'))).toEqual([]);
      expect(await occurrencesOf(plan.id)).toHaveLength(1);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-02-15' });

      await services.pmPlans.update(s.planner, plan.id, UpdatePmPlan.parse({ status: 'ACTIVE' }), paused.version);
      // Catch-up LATEST (the default): the March occurrence; February is superseded.
      const resumed = await run(s, at('2031-03-16T12:00:00Z'));
      expect(resumed).toHaveLength(1);
      expect((await expectExactlyOnce(plan.id)).map((order) => order.dueDate)).toEqual(['2031-01-15', '2031-03-15'].map(endOfUtcDay));
      expect(await run(s, at('2031-04-16T12:00:00Z'))).toHaveLength(1);
    });

    it('an edit applies to occurrences not generated yet; existing work orders stay as they are', async () => {
      const s = await scenario('edit');
      const plan = await createPlan(s.planner, {
        name: 'Editable',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Old title', priority: 'LOW' },
        calendar: monthly('2031-01-15'),
        catchUp: 'ALL',
      });
      expect(await run(s, at('2031-02-16T12:00:00Z'))).toHaveLength(2);
      const before = await workOrdersOf(plan.id);
      const occurrencesBefore = await occurrencesOf(plan.id);

      const edited = await services.pmPlans.update(
        s.planner,
        plan.id,
        UpdatePmPlan.parse({
          calendar: { every: 2, unit: 'WEEK', startsOn: '2031-03-01' },
          template: { title: 'New title', priority: 'HIGH' },
        }),
        plan.version,
      );
      expect(edited).toMatchObject({ version: plan.version + 1, calendar: { every: 2, unit: 'WEEK', startsOn: '2031-03-01' } });
      expect(await workOrdersOf(plan.id)).toEqual(before);
      expect(await occurrencesOf(plan.id)).toEqual(occurrencesBefore);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ nextDueDate: '2031-03-01' });
      expect(await run(s, at('2031-02-16T12:00:00Z'))).toEqual([]);

      expect(await run(s, at('2031-03-20T12:00:00Z'))).toHaveLength(2);
      const after = await expectExactlyOnce(plan.id);
      expect(after.map((order) => [order.title, order.priority, order.dueDate])).toEqual([
        ['Old title', 'LOW', endOfUtcDay('2031-01-15')],
        ['Old title', 'LOW', endOfUtcDay('2031-02-15')],
        ['New title', 'HIGH', endOfUtcDay('2031-03-01')],
        ['New title', 'HIGH', endOfUtcDay('2031-03-15')],
      ]);
      expect(after.slice(0, 2)).toEqual(before);
    });

    it('a change that sends the triggers unchanged (e.g. a rename of the whole plan) restarts nothing', async () => {
      const s = await scenario('unchanged');
      const today = utcToday();
      const meter = await services.meters.create(s.planner, s.org.equipmentId, CreateMeter.parse({ name: 'Hours', unit: 'h' }));
      const t = Date.now() - 5 * DAY;
      const record = (value: number, readAt: number) =>
        services.meters.record(s.planner, meter.id, MeterReadingsRequest.parse({ value, readAt: new Date(readAt).toISOString() }));
      await record(1000, t);
      const calendar = { every: 1, unit: 'MONTH', startsOn: today, mode: 'FLOATING' };
      const trigger = { meterId: meter.id, every: 500 };
      const plan = await createPlan(s.planner, {
        name: 'Floating or 500 h',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Service' },
        calendar,
        meter: trigger,
      });
      const [first] = await run(s, new Date());
      await complete(s, first!);
      await record(1400, t + DAY);
      const before = await targetOf(plan.id, s.org.equipmentId);
      expect(before).toMatchObject({ nextDueDate: addInterval(today, 1, 'MONTH'), meterBase: 1000, openWorkOrderId: null });

      // The client sends the plan back as it read it, with a new name.
      const current = await services.pmPlans.get(s.planner, plan.id);
      await services.pmPlans.update(
        s.planner,
        plan.id,
        UpdatePmPlan.parse({ name: 'Renamed', calendar: current.calendar, meter: current.meter }),
        current.version,
      );
      const after = await targetOf(plan.id, s.org.equipmentId);
      expect({ nextDueDate: after.nextDueDate, meterBase: after.meterBase }).toEqual({
        nextDueDate: before.nextDueDate,
        meterBase: before.meterBase,
      });
      // Not due again before a month has passed; 1500 h still fires at 1500.
      expect(await run(s, new Date())).toEqual([]);
      expect((await record(1510, t + 2 * DAY)).generatedWorkOrderIds).toHaveLength(1);
    });

    it('delete keeps the generated work orders and occurrences, and generation stops', async () => {
      const s = await scenario('delete');
      const plan = await createPlan(s.planner, {
        name: 'Deletable',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Deletable' },
        calendar: monthly('2031-01-15'),
        catchUp: 'ALL',
      });
      expect(await run(s, at('2031-02-16T12:00:00Z'))).toHaveLength(2);
      await services.pmPlans.remove(s.planner, plan.id, plan.version);
      await appError(services.pmPlans.get(s.planner, plan.id), ErrorCode.NotFound);
      expect(await run(s, at('2031-06-16T12:00:00Z'))).toEqual([]);
      const orders = await database.db
        .select()
        .from(workOrders)
        .where(and(eq(workOrders.pmPlanId, plan.id), isNull(workOrders.deletedAt)));
      expect(orders).toHaveLength(2);
      expect(await occurrencesOf(plan.id)).toHaveLength(2);
      await expectExactlyOnce(plan.id);
      // Its work orders can still be finished.
      const cancelled = await services.workOrders.changeStatus(
        s.planner,
        orders[0]!.id,
        ChangeWorkOrderStatus.parse({ status: 'CANCELLED' }),
      );
      expect(cancelled.status).toBe('CANCELLED');
      expect(await run(s, at('2031-07-16T12:00:00Z'))).toEqual([]);
    });
  });

  describe('whichever comes first: every 3 months or every 500 h', () => {
    const hoursMeter = (s: Scenario, equipmentId: string, name = 'Operating hours') =>
      services.meters.create(s.planner, equipmentId, CreateMeter.parse({ name, unit: 'h' }));
    const record = (s: Scenario, meterId: string, value: number, readAt: number) =>
      services.meters.record(s.planner, meterId, MeterReadingsRequest.parse({ value, readAt: new Date(readAt).toISOString() }));

    it('FIXED: the meter crossing 500 first generates and restarts the calendar from the reading date', async () => {
      const s = await scenario('first-meter');
      const now = Date.now();
      const today = utcToday();
      const meter = await hoursMeter(s, s.org.equipmentId);
      await record(s, meter.id, 1000, now - 10 * DAY);
      const plan = await createPlan(s.planner, {
        name: 'Quarterly or 500 h',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Service' },
        calendar: { every: 3, unit: 'MONTH', startsOn: addDays(today, 20) },
        meter: { meterId: meter.id, every: 500 },
      });
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ meterBase: 1000, nextDueDate: addDays(today, 20) });
      expect((await record(s, meter.id, 1400, now - 5 * DAY)).generatedWorkOrderIds).toEqual([]);
      const readAt = now - 2 * DAY;
      const readOn = localDateOf(new Date(readAt), 'UTC');
      const fired = await record(s, meter.id, 1550, readAt);
      expect(fired.generatedWorkOrderIds).toHaveLength(1);
      const [order] = await expectExactlyOnce(plan.id);
      expect(order!.dueDate).toEqual(endOfUtcDay(readOn));
      const target = await targetOf(plan.id, s.org.equipmentId);
      expect(target.meterBase).toBe(1500);
      // The calendar counts again from the reading: next due = reading date + 3 months.
      expect(target.nextDueDate).toBe(addInterval(readOn, 3, 'MONTH'));
      // The calendar's old date (today + 20) no longer fires.
      expect(await run(s, endOfUtcDay(addDays(today, 25)))).toEqual([]);
    });

    it('FLOATING: the meter firing first restarts the calendar from the reading date', async () => {
      const s = await scenario('first-meter-floating');
      const now = Date.now();
      const today = utcToday();
      const meter = await hoursMeter(s, s.org.equipmentId);
      await record(s, meter.id, 0, now - 10 * DAY);
      const plan = await createPlan(s.planner, {
        name: 'Quarterly (floating) or 500 h',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Service' },
        calendar: { every: 3, unit: 'MONTH', startsOn: addDays(today, 20), mode: 'FLOATING' },
        meter: { meterId: meter.id, every: 500 },
      });
      const readAt = now - 2 * DAY;
      const readOn = localDateOf(new Date(readAt), 'UTC');
      expect((await record(s, meter.id, 520, readAt)).generatedWorkOrderIds).toHaveLength(1);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({ meterBase: 500, nextDueDate: addInterval(readOn, 3, 'MONTH') });
      expect(await run(s, endOfUtcDay(addDays(today, 25)))).toEqual([]);
    });

    it('the calendar firing first resets the meter base to the current value', async () => {
      const s = await scenario('first-calendar');
      const now = Date.now();
      const today = utcToday();
      const meter = await hoursMeter(s, s.org.equipmentId);
      await record(s, meter.id, 2000, now - 10 * DAY);
      const plan = await createPlan(s.planner, {
        name: 'Quarterly or 500 h',
        equipmentIds: [s.org.equipmentId],
        template: { title: 'Service' },
        calendar: { every: 3, unit: 'MONTH', startsOn: addDays(today, 1) },
        meter: { meterId: meter.id, every: 500 },
      });
      expect((await record(s, meter.id, 2300, now - 2 * DAY)).generatedWorkOrderIds).toEqual([]);
      const calendarRun = await run(s, endOfUtcDay(addDays(today, 1)));
      expect(calendarRun).toHaveLength(1);
      expect(await targetOf(plan.id, s.org.equipmentId)).toMatchObject({
        meterBase: 2300,
        nextDueDate: addInterval(addDays(today, 1), 3, 'MONTH'),
      });
      // 2700 would have crossed 2500 from the old base; from 2300 it does not.
      expect((await record(s, meter.id, 2700, now - DAY)).generatedWorkOrderIds).toEqual([]);
      const fired = await record(s, meter.id, 2810, now - HOUR);
      expect(fired.generatedWorkOrderIds).toHaveLength(1);
      expect((await targetOf(plan.id, s.org.equipmentId)).meterBase).toBe(2800);
      expect(await expectExactlyOnce(plan.id)).toHaveLength(2);
    });
  });

  it('an occurrence key is claimed once per plan and equipment: the database refuses a second row', async () => {
    const s = await scenario('unique');
    const plan = await createPlan(s.planner, {
      name: 'Unique',
      equipmentIds: [s.org.equipmentId],
      template: { title: 'Unique' },
      calendar: monthly('2031-01-15'),
    });
    const values = {
      organizationId: s.org.organizationId,
      planId: plan.id,
      equipmentId: s.org.equipmentId,
      occurrenceKey: 'cal:2031-01-15',
      dueAt: endOfUtcDay('2031-01-15'),
      windowEnd: endOfUtcDay('2031-01-21'),
    };
    expect(await services.pmPlansRepository.claimOccurrence(values)).toBeDefined();
    expect(await services.pmPlansRepository.claimOccurrence(values)).toBeUndefined();
    await expect(database.db.insert(pmOccurrences).values(values)).rejects.toThrow();
    expect(await occurrencesOf(plan.id)).toHaveLength(1);
  });
});
