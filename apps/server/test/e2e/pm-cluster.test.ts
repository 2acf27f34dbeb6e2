import { CreateMeter, CreatePmPlan, MeterReadingsRequest } from '@msched/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../src/modules/pm-plans/pm-schedule';
import { PM_JOB } from '../../src/modules/pm-plans/pm-scheduler';
import { PgBossJobRunner } from '../../src/platform/jobs/job-runner';
import { equipment, pmOccurrences, workOrders } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { client, login } from '../support/server';
import { type ServerProcess, sharedPostgres, startServerProcess } from '../support/server-process';
import { type Services, buildServices, principalOf, sleep } from '../medium/support';

/**
 * PM generation with two server processes over one PostgreSQL, each running the scheduled job
 * through pg-boss: every occurrence still makes exactly one work order, and the same meter
 * reading sent to both at once makes one. Two processes cannot share the embedded database, so
 * this needs DATABASE_URL (as in CI).
 */
const enabled = Boolean(process.env.DATABASE_URL);
const title = enabled
  ? 'PM generation with two server processes over one PostgreSQL (pg-boss scheduler)'
  : 'PM generation with two server processes — skipped: DATABASE_URL is not set (two processes cannot share the embedded database)';

const WEEKS_BEHIND_DAYS = 68;
/** startsOn = today − 68 days, weekly: due on days −68, −61, …, −5 (10 occurrences); the next is in 2 days. */
const OCCURRENCES_PER_TARGET = 10;
const SETTLE_TIMEOUT_MS = 90_000;

describe.skipIf(!enabled)(title, () => {
  let shared: NonNullable<Awaited<ReturnType<typeof sharedPostgres>>>;
  let org: OrganizationFixture;
  let services: Services;
  let equipmentIds: string[];
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  let scheduledPlanId: string;

  /** A weekly FIXED plan, catch-up ALL, on all three pieces of equipment, already 10 occurrences behind. */
  async function planBehind(name: string): Promise<string> {
    const today = localDateOf(new Date(), 'UTC');
    const startsOn = addDays(today, -WEEKS_BEHIND_DAYS);
    const plan = await services.pmPlans.create(
      principalOf(org, 'planner'),
      CreatePmPlan.parse({
        name,
        equipmentIds,
        template: { title: name, estimatedDuration: 30 },
        calendar: { every: 1, unit: 'WEEK', startsOn },
        catchUp: 'ALL',
      }),
    );
    // Created today, it would start today: put it where it stood had nothing run since startsOn.
    for (const equipmentId of equipmentIds) {
      await services.pmPlansRepository.updateTarget(plan.id, equipmentId, { sequence: 0, nextDueDate: startsOn });
    }
    return plan.id;
  }

  const occurrencesOf = (planId: string) => shared.database.db.select().from(pmOccurrences).where(eq(pmOccurrences.planId, planId));
  const workOrdersOf = (planId: string) =>
    shared.database.db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.pmPlanId, planId), isNull(workOrders.deletedAt)));

  /**
   * Polls until the plan's occurrences reach `expected` and then stop changing for 3 s, or
   * until the upper bound passes; answers the last count.
   */
  async function settle(planId: string, expected: number): Promise<number> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let last = -1;
    let unchangedSince = Date.now();
    for (;;) {
      const current = (await occurrencesOf(planId)).length;
      if (current !== last) {
        last = current;
        unchangedSince = Date.now();
      } else if (current >= expected && Date.now() - unchangedSince >= 3_000) return current;
      if (Date.now() > deadline) return current;
      await sleep(250);
    }
  }

  /** Each occurrence has exactly one work order, and no (plan, equipment, due date) repeats. */
  async function expectExactlyOnce(planId: string, expected: number) {
    const [occurrences, orders] = await Promise.all([occurrencesOf(planId), workOrdersOf(planId)]);
    expect(occurrences).toHaveLength(expected);
    expect(occurrences.filter((occurrence) => occurrence.skippedReason !== null || occurrence.workOrderId === null)).toEqual([]);
    expect(new Set(occurrences.map((occurrence) => `${occurrence.equipmentId}:${occurrence.occurrenceKey}`)).size).toBe(expected);
    expect(orders).toHaveLength(expected);
    expect(new Set(occurrences.map((occurrence) => occurrence.workOrderId))).toEqual(new Set(orders.map((order) => order.id)));
    const keys = orders.map((order) => `${order.pmPlanId}:${order.equipmentId}:${order.dueDate!.toISOString()}`);
    expect(new Set(keys).size).toBe(expected);
    for (const equipmentId of equipmentIds) {
      expect(orders.filter((order) => order.equipmentId === equipmentId)).toHaveLength(expected / equipmentIds.length);
    }
    return orders;
  }

  async function expectNumbersUnique() {
    const rows = await shared.database.db
      .select({ number: workOrders.number })
      .from(workOrders)
      .where(eq(workOrders.organizationId, org.organizationId));
    expect(new Set(rows.map((row) => row.number)).size).toBe(rows.length);
  }

  beforeAll(async () => {
    shared = (await sharedPostgres())!;
    services = buildServices(shared.database);
    org = await createOrganization(shared.database, `pmcluster-${Date.now()}`);
    const more = await shared.database.db
      .insert(equipment)
      .values(
        ['Drive motor', 'Gearbox'].map((name, index) => ({
          organizationId: org.organizationId,
          equipmentNumber: `EQ-${index + 2}`,
          name,
          type: 'Drive',
          locationId: org.locationId,
        })),
      )
      .returning();
    equipmentIds = [org.equipmentId, ...more.map((row) => row.id)];
    scheduledPlanId = await planBehind('Weekly round (scheduled)');

    const env: Record<string, string> = { DATABASE_URL: shared.url, PM_SCHEDULER: 'true' };
    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
    // Both at once: both register the job and may run the start-up catch-up together.
    const started = await Promise.allSettled([startServerProcess(env), startServerProcess(env)]);
    // Keep whichever started, so that afterAll stops it even when the other did not.
    [a, b] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined)) as [ServerProcess, ServerProcess];
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    token = await login(a.baseUrl, org.users.planner.email);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.dispose();
  }, 60_000);

  it('the scheduled job of both processes makes each overdue occurrence exactly once', async () => {
    const expected = OCCURRENCES_PER_TARGET * equipmentIds.length;
    const settled = await settle(scheduledPlanId, expected);
    expect(
      settled,
      `occurrences after waiting up to ${SETTLE_TIMEOUT_MS / 1000} s\n--- A ---\n${a.output()}\n--- B ---\n${b.output()}`,
    ).toBe(expected);
    await expectExactlyOnce(scheduledPlanId, expected);
    await expectNumbersUnique();
    // Nothing is left to make: an on-demand run on each, at once, makes nothing.
    const runs = await Promise.all([a, b].map((server) => client(server.baseUrl, token).post('/api/v1/pm-plans/run')));
    expect(runs.map((response) => [response.status, response.body])).toEqual([
      [200, { generatedWorkOrderIds: [] }],
      [200, { generatedWorkOrderIds: [] }],
    ]);
    expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
  });

  it('on-demand runs on both processes at the same time (with the schedulers running) make each occurrence once', async () => {
    const planId = await planBehind('Weekly round (on demand)');
    const expected = OCCURRENCES_PER_TARGET * equipmentIds.length;
    const runs = await Promise.all(
      [a, b, a, b].map((server) => client(server.baseUrl, token).post<{ generatedWorkOrderIds: string[] }>('/api/v1/pm-plans/run')),
    );
    expect(runs.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    // No work order is reported by two runs. Two requests to one process at once may share a run
    // (PmPlansService.runNow): then they answer the same list, which counts once.
    const lists = runs.map((response) => response.body.generatedWorkOrderIds);
    const shared = (i: number, j: number) => i % 2 === j % 2 && JSON.stringify(lists[i]) === JSON.stringify(lists[j]);
    const answered = lists.flatMap((list, i) => (lists.some((_, j) => j < i && shared(i, j)) ? [] : list));
    expect(new Set(answered).size).toBe(answered.length);

    expect(await settle(planId, expected)).toBe(expected);
    const orders = await expectExactlyOnce(planId, expected);
    // Whatever the HTTP runs answered is among them (a scheduled run may have made the rest).
    const ids = new Set(orders.map((order) => order.id));
    const fromThisPlan = answered.filter((id) => ids.has(id));
    expect(fromThisPlan.length).toBeLessThanOrEqual(expected);
    await expectNumbersUnique();
  });

  it('the same meter reading sent to both processes at the same time makes one work order', async () => {
    const planner = principalOf(org, 'planner');
    const meter = await services.meters.create(planner, org.equipmentId, CreateMeter.parse({ name: 'Operating hours', unit: 'h' }));
    const readAt = Date.now() - 60 * 60_000;
    await services.meters.record(
      planner,
      meter.id,
      MeterReadingsRequest.parse({ value: 100, readAt: new Date(readAt - 60 * 60_000).toISOString() }),
    );
    const plan = await services.pmPlans.create(
      planner,
      CreatePmPlan.parse({
        name: '500 h service',
        equipmentIds: [org.equipmentId],
        template: { title: '500 h service' },
        meter: { meterId: meter.id, every: 500 },
      }),
    );
    const technician = await login(b.baseUrl, org.users.technician.email);
    const body = { value: 700, readAt: new Date(readAt).toISOString() };
    const responses = await Promise.all(
      [a, b, a, b].map((server) =>
        client(server.baseUrl, technician).post<{ accepted: number; duplicates: number; generatedWorkOrderIds: string[] }>(
          `/api/v1/meters/${meter.id}/readings`,
          body,
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(responses.map((response) => response.body.accepted).sort()).toEqual([0, 0, 0, 1]);
    expect(responses.map((response) => response.body.duplicates).sort()).toEqual([0, 1, 1, 1]);
    const generated = responses.flatMap((response) => response.body.generatedWorkOrderIds);
    expect(generated).toHaveLength(1);
    const orders = await workOrdersOf(plan.id);
    expect(orders.map((order) => order.id)).toEqual(generated);
    expect(await occurrencesOf(plan.id)).toHaveLength(1);
    await expectNumbersUnique();
  });
});

describe.skipIf(!enabled)('the pg-boss job runner on a fresh PostgreSQL', () => {
  it('two instances registering the PM job at the same moment both start', async () => {
    const fresh = (await sharedPostgres())!;
    const runners: PgBossJobRunner[] = [];
    try {
      // As two server processes of a new deployment do: each creates the queue and schedules it.
      for (const name of [PM_JOB, `${PM_JOB}-second`, `${PM_JOB}-third`]) {
        const pair = [new PgBossJobRunner(fresh.url), new PgBossJobRunner(fresh.url)];
        runners.push(...pair);
        const started = await Promise.allSettled(pair.map((runner) => runner.everyMinute(name, async () => undefined)));
        expect(
          started.map((result) => (result.status === 'fulfilled' ? 'started' : String(result.reason))),
          `registering ${name} on two instances at once`,
        ).toEqual(['started', 'started']);
      }
    } finally {
      await Promise.all(runners.map((runner) => runner.stop().catch(() => undefined)));
      await fresh.dispose();
    }
  }, 120_000);
});
