import type { ScheduleAnalysis, ScheduleRun } from '@msched/contracts';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScheduleRunsService } from '../../src/modules/scheduling/schedule-runs.service';
import { scheduleRuns } from '../../src/platform/db/schema';
import {
  FEASIBLE_JOBS,
  RANGE,
  type SchedulingOrganization,
  at,
  createJobs,
  schedulingOrganization,
  secondInstance,
  startRun,
  waitForRun,
} from '../support/schedule-fixtures';
import { type TestServer, client, startServer } from '../support/server';

/** The runs one instance solves at once (schedule-runs.service.ts: max(4, cores)). */
const INSTANCE_LIMIT = Math.max(4, availableParallelism());
const ORPHANED = 'the instance running this solve stopped before it finished';

/**
 * A run's life around its edges: the instance's limit under requests arriving together, runs
 * whose instance died (orphans), and ids in upper case.
 */
describe('schedule runs at the edges', () => {
  let server: TestServer;
  let slugs = 0;
  const organization = () => schedulingOrganization(server, `run-lifecycle-${++slugs}`);
  /** Work a run can never place all of: it solves until its time limit or a stop. */
  const neverPerfect = (scheduling: SchedulingOrganization) =>
    createJobs(scheduling, [
      FEASIBLE_JOBS[0]!,
      { title: 'Rebuild hydraulic ram', estimatedDuration: 120, requiredSkills: [{ skill: 'hydraulics', minLevel: 1 }] },
    ]);

  beforeAll(async () => {
    server = await startServer({ SOLVER_THREADS: '1' });
  });
  afterAll(() => server.close());

  /** A run as a dead instance leaves it: SOLVING, its heartbeat `secondsAgo` old. */
  async function leftSolving(scheduling: SchedulingOrganization, secondsAgo: number): Promise<string> {
    const [run] = await server.database.executor
      .insert(scheduleRuns)
      .values({
        organizationId: scheduling.org.organizationId,
        createdBy: scheduling.org.users.planner.id,
        status: 'SOLVING',
        mode: 'full',
        rangeStart: new Date(RANGE.from),
        rangeEnd: new Date(RANGE.to),
        request: {},
        baseline: {},
        progress: { elapsedMs: 0, bestScoreHistory: [] },
        updatedAt: new Date(Date.now() - secondsAgo * 1000),
      })
      .returning();
    return run!.id;
  }

  it('solves at most its limit at once on an instance, however many requests arrive together; refused requests give their place back', async () => {
    // Two solves per organization (its own limit), from enough organizations to pass the instance's.
    const requests = INSTANCE_LIMIT + 2;
    const organizations: SchedulingOrganization[] = [];
    for (let i = 0; i < Math.ceil(requests / 2); i++) {
      const scheduling = await organization();
      await neverPerfect(scheduling);
      organizations.push(scheduling);
    }
    const body = { ...RANGE, timeLimitSeconds: 60 };
    const callers = organizations.flatMap((scheduling) => [scheduling.api('planner'), scheduling.api('manager')]).slice(0, requests);

    const answers = await Promise.all(callers.map((api) => api.post('/api/v1/schedules/solve', body)));

    const accepted = answers.flatMap((answer, index) =>
      answer.status === 202 ? [{ api: callers[index]!, runId: answer.body.runId as string }] : [],
    );
    expect(accepted).toHaveLength(INSTANCE_LIMIT);
    for (const answer of answers.filter((candidate) => candidate.status !== 202)) {
      expect(answer.status).toBe(429);
      expect(answer.body.code).toBe('rate_limited');
    }
    for (const { api, runId } of accepted)
      expect((await api.delete<ScheduleRun>(`/api/v1/schedules/runs/${runId}`)).body.status).toBe('STOPPED');

    // A request refused after taking its place (here: unknown work) gives the place back.
    const planner = organizations[0]!.api('planner');
    for (let i = 0; i <= INSTANCE_LIMIT; i++) {
      const refused = await planner.post('/api/v1/schedules/solve', { ...RANGE, timeLimitSeconds: 0.1, workOrderIds: [randomUUID()] });
      expect(refused.status).toBe(400);
    }
    await waitForRun(planner, await startRun(planner, { timeLimitSeconds: 0.1 }));
  });

  it('a run whose instance died is FAILED to stop and to publish, and no longer holds up new runs', async () => {
    const scheduling = await organization();
    await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 2));
    const planner = scheduling.api('planner');
    // Two runs a crashed instance left SOLVING a minute ago: the organization's whole allowance.
    const [first, second] = [await leftSolving(scheduling, 60), await leftSolving(scheduling, 60)];

    const published = await planner.post(`/api/v1/schedules/runs/${first}/publish`);
    expect(published.status).toBe(409);
    expect(published.body.detail).toBe(`The run failed (${ORPHANED}): nothing to publish`);
    const stopped = await planner.delete<ScheduleRun>(`/api/v1/schedules/runs/${second}`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ status: 'FAILED', error: ORPHANED });
    expect((await planner.get<ScheduleRun>(`/api/v1/schedules/runs/${first}`)).body).toMatchObject({ status: 'FAILED', error: ORPHANED });

    await waitForRun(planner, await startRun(planner, { timeLimitSeconds: 0.1 }));
  });

  it('a stop asked of a run solving elsewhere does not count as that instance being alive', async () => {
    const scheduling = await organization();
    const planner = scheduling.api('planner');
    // Its instance last wrote 20 s ago: not yet known to be dead, so the stop is passed on.
    const runId = await leftSolving(scheduling, 20);
    const asked = await planner.delete<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
    expect(asked.status).toBe(200);
    expect(asked.body.status).toBe('SOLVING');

    // Fifteen seconds later, without a word from its instance, it is 35 s silent: dead.
    await server.database.rows(sql`update schedule_runs set updated_at = updated_at - interval '15 seconds' where id = ${runId}`);
    expect((await planner.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`)).body).toMatchObject({ status: 'FAILED', error: ORPHANED });
  });

  it('a run taken for dead elsewhere while its instance still solves it stays FAILED: that instance stops and writes nothing over it', async () => {
    const scheduling = await organization();
    await neverPerfect(scheduling);
    const other = await secondInstance(server);
    try {
      const here = scheduling.api('planner');
      const runs = server.app.get(ScheduleRunsService)['running'];
      const runId = await startRun(here, { timeLimitSeconds: 60 });
      await waitForRun(here, runId, (run) => run.score !== null);
      // Its heartbeat stalled for a minute (a database hiccup, a blocked event loop).
      await server.database.rows(sql`update schedule_runs set updated_at = now() - interval '60 seconds' where id = ${runId}`);
      const there = client(other.baseUrl, scheduling.tokens.planner);
      expect((await there.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`)).body).toMatchObject({ status: 'FAILED', error: ORPHANED });

      // Long before its 60 s are up, the instance solving it lets it go, without a result.
      await vi.waitFor(() => expect(runs.has(runId)).toBe(false), { timeout: 15_000, interval: 100 });
      const run = (await here.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`)).body;
      expect(run).toMatchObject({ status: 'FAILED', error: ORPHANED, assignments: [] });
      const published = await here.post(`/api/v1/schedules/runs/${runId}/publish`);
      expect(published.status).toBe(409);
      expect(published.body.detail).toBe(`The run failed (${ORPHANED}): nothing to publish`);
    } finally {
      await other.close();
    }
  });

  it('a solve repeated with its Idempotency-Key answers the first run, even when the limit is reached; another body is a 422', async () => {
    const scheduling = await organization();
    await neverPerfect(scheduling);
    const planner = scheduling.api('planner');
    const body = { ...RANGE, timeLimitSeconds: 60 };
    const key = { 'idempotency-key': 'plan-week-10' };

    // Sent three times at once (a client retrying on a slow network).
    const answers = await Promise.all([1, 2, 3].map(() => planner.post('/api/v1/schedules/solve', body, key)));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    const runId = answers[0]!.body.runId as string;
    expect(answers.map((answer) => answer.body)).toEqual([{ runId }, { runId }, { runId }]);
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    const stored = await server.database.rows<{ n: number }>(
      sql`select count(*)::int as n from schedule_runs where organization_id = ${scheduling.org.organizationId}`,
    );
    expect(stored).toEqual([{ n: 1 }]);

    // The organization's second (and last) run: a repeat of the first still answers it.
    const second = await startRun(scheduling.api('manager'), { timeLimitSeconds: 60 });
    const repeated = await planner.post('/api/v1/schedules/solve', body, key);
    expect(repeated.status).toBe(202);
    expect(repeated.body).toEqual({ runId });
    const refused = await planner.post('/api/v1/schedules/solve', body, { 'idempotency-key': 'plan-week-11' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');

    const reused = await planner.post('/api/v1/schedules/solve', { ...body, timeLimitSeconds: 30 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    for (const id of [runId, second])
      expect((await planner.delete<ScheduleRun>(`/api/v1/schedules/runs/${id}`)).body.status).toBe('STOPPED');
  });

  it('takes ids in upper case as the same ids: to solve, analyze and stop', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const [job, impossible] = await neverPerfect(scheduling);

    const solve = await planner.post('/api/v1/schedules/solve', {
      ...RANGE,
      timeLimitSeconds: 0.1,
      workOrderIds: [job!.id.toUpperCase()],
      technicianIds: [org.technicianId.toUpperCase()],
    });
    expect(solve.status).toBe(202);
    const run = await waitForRun(planner, solve.body.runId);
    expect(run.status).toBe('DONE');
    expect(run.assignments.map((assignment) => [assignment.workOrderId, assignment.technicianIds])).toEqual([
      [job!.id, [org.technicianId]],
    ]);

    const analyzed = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
      ...RANGE,
      workOrderIds: [job!.id.toUpperCase()],
      assignments: [
        { workOrderId: job!.id.toUpperCase(), technicianIds: [org.technicianId.toUpperCase()], start: at(0, 9), end: at(0, 11) },
      ],
    });
    expect(analyzed.status).toBe(200);
    expect(analyzed.body.score.hard).toBe(0);
    expect(analyzed.body.unassigned).toEqual([]);

    // Stopped by its id in upper case, the run solving here stops at once, its best kept.
    const runId = await startRun(planner, { timeLimitSeconds: 60, workOrderIds: [job!.id, impossible!.id] });
    await waitForRun(planner, runId, (solving) => solving.score !== null || solving.status !== 'SOLVING');
    const stopped = await planner.delete<ScheduleRun>(`/api/v1/schedules/runs/${runId.toUpperCase()}`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ runId, status: 'STOPPED' });
    expect(stopped.body.assignments.map((assignment) => assignment.workOrderId)).toEqual([job!.id]);
  });
});
