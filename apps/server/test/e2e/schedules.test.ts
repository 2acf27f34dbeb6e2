import type { PublishResult, ScheduleAnalysis, ScheduleProgressEvent, ScheduleRun, WorkOrderUpdateEvent } from '@msched/contracts';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedJob,
  FEASIBLE_JOBS,
  RANGE,
  type SchedulingOrganization,
  at,
  createJobs,
  fixtureSkills,
  insideShifts,
  schedulingOrganization,
  secondInstance,
  startRun,
  technicianOverlaps,
  WEEKDAY_SHIFTS,
  waitForRun,
} from '../support/schedule-fixtures';
import { type TestServer, client, login, startServer } from '../support/server';
import { SocketPool, barrier, collect } from '../support/sockets';

const DAY = 86_400_000;

/** Polls `check` until it answers true; fails after `timeoutMs` with `what`. */
async function eventually(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);

/**
 * The optimizing scheduler over HTTP (packages/contracts/src/schedules.ts): who may run it, what a
 * run answers, stopping, publishing with conflicts, progress on the real-time channel, and the
 * analysis of a planner's own board. Each scenario has its own organization, since a solve takes
 * every schedulable work order of the organization by default.
 */
describe('the optimizing scheduler API', () => {
  let server: TestServer;
  let slugs = 0;
  const pool = new SocketPool(() => server.baseUrl);
  const organization = () => schedulingOrganization(server, `sched-${++slugs}`);

  beforeAll(async () => {
    // Two searches per run, as on a server with cores to spare: every scenario below goes through
    // the side-by-side solve (solveInWorker's `threads`), stopping and publishing included.
    server = await startServer({ SOLVER_THREADS: '2' });
  });
  afterEach(() => pool.closeAll());
  afterAll(() => server.close());

  describe('access', () => {
    let scheduling: SchedulingOrganization;
    let foreign: SchedulingOrganization;

    beforeAll(async () => {
      [scheduling, foreign] = [await organization(), await organization()];
    });

    it('planners and managers may start runs; admins, technicians and requesters may not; no token is 401', async () => {
      const body = { ...RANGE, timeLimitSeconds: 0.1 };
      const accepted: string[] = [];
      for (const role of ['planner', 'manager'] as const) {
        const response = await scheduling.api(role).post('/api/v1/schedules/solve', body);
        expect(response.status, role).toBe(202);
        expect(response.body.runId).toMatch(/^[0-9a-f-]{36}$/);
        accepted.push(response.body.runId);
      }
      for (const role of ['admin', 'technician', 'otherTechnician', 'requester'] as const) {
        const response = await scheduling.api(role).post('/api/v1/schedules/solve', body);
        expect(response.status, role).toBe(403);
        expect(response.body.code).toBe('forbidden');
      }
      const anonymous = await client(server.baseUrl).post('/api/v1/schedules/solve', body);
      expect(anonymous.status).toBe(401);

      // The same rule for reading, stopping, publishing and analyzing.
      const runId = accepted[0]!;
      await waitForRun(scheduling.api('planner'), runId);
      for (const role of ['admin', 'technician', 'requester'] as const) {
        const api = scheduling.api(role);
        expect((await api.get(`/api/v1/schedules/runs/${runId}`)).status, `${role} GET`).toBe(403);
        expect((await api.delete(`/api/v1/schedules/runs/${runId}`)).status, `${role} DELETE`).toBe(403);
        expect((await api.post(`/api/v1/schedules/runs/${runId}/publish`)).status, `${role} publish`).toBe(403);
        expect((await api.post('/api/v1/schedules/analyze', { ...RANGE, assignments: [] })).status, `${role} analyze`).toBe(403);
      }
      expect((await client(server.baseUrl).get(`/api/v1/schedules/runs/${runId}`)).status).toBe(401);
      expect((await client(server.baseUrl).post('/api/v1/schedules/analyze', { ...RANGE, assignments: [] })).status).toBe(401);

      // A manager sees (and may act on) the planner's run: runs belong to the organization.
      const seenByManager = await scheduling.api('manager').get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
      expect(seenByManager.status).toBe(200);
      expect(seenByManager.body.runId).toBe(runId);
      await waitForRun(scheduling.api('manager'), accepted[1]!);
    });

    it('an organization solves at most two schedules at once: a third is 429 until one stops', async () => {
      const busy = await organization();
      const planner = busy.api('planner');
      // Work that is late wherever it goes: no perfect score ends these runs early.
      await createJobs(busy, [
        { title: 'Overhaul press', estimatedDuration: 480, dueDate: at(0, 9) },
        { title: 'Overhaul lathe', estimatedDuration: 480, dueDate: at(0, 9) },
      ]);
      const long = { ...RANGE, timeLimitSeconds: 60 };
      const first = await startRun(planner, long);
      const second = await startRun(busy.api('manager'), long);
      const third = await planner.post('/api/v1/schedules/solve', long);
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('rate_limited');
      // Another organization is not held up by this one.
      const elsewhere = await startRun(scheduling.api('planner'), { timeLimitSeconds: 0.1 });
      await waitForRun(scheduling.api('planner'), elsewhere);

      expect((await planner.delete<ScheduleRun>(`/api/v1/schedules/runs/${first}`)).body.status).toBe('STOPPED');
      const fourth = await planner.post('/api/v1/schedules/solve', { ...RANGE, timeLimitSeconds: 0.1 });
      expect(fourth.status).toBe(202);
      await planner.delete(`/api/v1/schedules/runs/${second}`);
      await waitForRun(planner, fourth.body.runId);
    });

    it("another organization's run is 404 to read, stop and publish, as is an unknown run", async () => {
      const runId = await startRun(scheduling.api('planner'), { timeLimitSeconds: 0.1 });
      await waitForRun(scheduling.api('planner'), runId);
      for (const role of ['planner', 'manager'] as const) {
        const api = foreign.api(role);
        expect((await api.get(`/api/v1/schedules/runs/${runId}`)).status, `${role} GET`).toBe(404);
        expect((await api.delete(`/api/v1/schedules/runs/${runId}`)).status, `${role} DELETE`).toBe(404);
        expect((await api.post(`/api/v1/schedules/runs/${runId}/publish`)).status, `${role} publish`).toBe(404);
      }
      const unknown = randomUUID();
      expect((await scheduling.api('planner').get(`/api/v1/schedules/runs/${unknown}`)).status).toBe(404);
      expect((await scheduling.api('planner').delete(`/api/v1/schedules/runs/${unknown}`)).status).toBe(404);
      expect((await scheduling.api('planner').post(`/api/v1/schedules/runs/${unknown}/publish`)).status).toBe(404);
      // The foreign attempts changed nothing: the run is still unpublished and readable at home.
      const run = await scheduling.api('planner').get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
      expect(run.body).toMatchObject({ runId, status: 'DONE', publishedAt: null });
    });

    it('a bad request is 400 with the paths of the fields at fault', async () => {
      const planner = scheduling.api('planner');
      const solve = (body: unknown) => planner.post('/api/v1/schedules/solve', body);

      const backwards = await solve({ from: at(1, 0), to: at(0, 0) });
      expect(backwards.status).toBe(400);
      expect(backwards.body.code).toBe('validation_failed');
      expect(fieldPaths(backwards.body)).toEqual(['to']);
      expect(backwards.body.errors[0].message).toMatch(/after/);

      const empty = await solve({ from: at(0, 0), to: at(0, 0) });
      expect(empty.status).toBe(400);
      expect(fieldPaths(empty.body)).toEqual(['to']);

      const tooLong = await solve({ from: RANGE.from, to: new Date(Date.parse(RANGE.from) + 92 * DAY + 1000).toISOString() });
      expect(tooLong.status).toBe(400);
      expect(fieldPaths(tooLong.body)).toEqual(['to']);
      expect(tooLong.body.errors[0].message).toMatch(/92 days/);

      for (const timeLimitSeconds of [0, 0.05, 601, -1, '5']) {
        const response = await solve({ ...RANGE, timeLimitSeconds });
        expect(response.status, String(timeLimitSeconds)).toBe(400);
        expect(fieldPaths(response.body), String(timeLimitSeconds)).toEqual(['timeLimitSeconds']);
      }

      const unknownKeys = await solve({ ...RANGE, color: 'red', priority: 'HIGH' });
      expect(unknownKeys.status).toBe(400);
      expect(fieldPaths(unknownKeys.body)).toEqual(['']);
      expect(unknownKeys.body.errors[0].message).toMatch(/color/);
      expect(unknownKeys.body.errors[0].message).toMatch(/priority/);

      const several = await solve({ from: 'yesterday', mode: 'fast', seed: -1, workOrderIds: ['nope'] });
      expect(several.status).toBe(400);
      expect(fieldPaths(several.body)).toEqual(expect.arrayContaining(['from', 'to', 'mode', 'seed', 'workOrderIds.0']));

      const badRunId = await planner.get('/api/v1/schedules/runs/123');
      expect(badRunId.status).toBe(400);
      expect(fieldPaths(badRunId.body)).toEqual(['runId']);

      const badAnalyze = await planner.post('/api/v1/schedules/analyze', {
        from: at(2, 0),
        to: at(1, 0),
        assignments: [{ workOrderId: randomUUID(), technicianIds: [], start: at(0, 9), end: at(0, 10) }],
      });
      expect(badAnalyze.status).toBe(400);
      expect(fieldPaths(badAnalyze.body).sort()).toEqual(['assignments.0.technicianIds', 'to']);
      // A manual board's assignment that ends before it starts is refused, as /assign refuses it.
      const backwardsAssignment = await planner.post('/api/v1/schedules/analyze', {
        ...RANGE,
        assignments: [{ workOrderId: randomUUID(), technicianIds: [randomUUID()], start: at(0, 9), end: '1000-01-01T00:00:00Z' }],
      });
      expect(backwardsAssignment.status).toBe(400);
      expect(backwardsAssignment.body.errors).toEqual([{ path: 'assignments.0.end', message: 'must be after start' }]);
      // An analysis walks every day of its range too: the same 92-day limit as a solve.
      const longAnalyze = await planner.post('/api/v1/schedules/analyze', {
        from: '1900-01-01T00:00:00Z',
        to: '2100-01-01T00:00:00Z',
        assignments: [],
      });
      expect(longAnalyze.status).toBe(400);
      expect(longAnalyze.body.errors[0].message).toMatch(/92 days/);

      // The limits themselves are accepted: exactly 92 days, and the shortest time limit.
      const longest = await solve({
        from: RANGE.from,
        to: new Date(Date.parse(RANGE.from) + 92 * DAY).toISOString(),
        timeLimitSeconds: 0.1,
      });
      expect(longest.status).toBe(202);
      await waitForRun(planner, longest.body.runId);
    });
  });

  describe('a run', () => {
    it('solves a feasible setup to DONE: hard score 0, every work order placed in a shift, no double booking', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS);
      const planner = scheduling.api('planner');

      const runId = await startRun(planner, { timeLimitSeconds: 1 });
      const run = await waitForRun(planner, runId);

      expect(run).toMatchObject({ runId, status: 'DONE', mode: 'full', timeLimitSeconds: 1, error: null, publishedAt: null });
      expect(Date.parse(run.from)).toBe(Date.parse(RANGE.from));
      expect(Date.parse(run.to)).toBe(Date.parse(RANGE.to));
      expect(run.score).not.toBeNull();
      expect(run.score!.hard).toBe(0);
      expect(run.score!.medium).toBe(0);
      expect(run.unassigned).toEqual([]);
      expect(run.assignments.map((assignment) => assignment.workOrderId).sort()).toEqual(jobs.map((job) => job.id).sort());

      const skills = fixtureSkills(org);
      for (const assignment of run.assignments) {
        const job = jobs.find((candidate) => candidate.id === assignment.workOrderId)!;
        expect(assignment.technicianIds, job.title).toHaveLength(1);
        const technicianId = assignment.technicianIds[0]!;
        expect([org.technicianId, org.otherTechnicianId], job.title).toContain(technicianId);
        for (const required of job.requiredSkills ?? []) {
          expect(skills[technicianId]![required.skill] ?? 0, `${job.title}: ${required.skill}`).toBeGreaterThanOrEqual(required.minLevel);
        }
        expect(insideShifts(assignment, job.estimatedDuration), `${job.title}: ${assignment.start}–${assignment.end}`).toBe(true);
        expect(Date.parse(assignment.start)).toBeGreaterThanOrEqual(Date.parse(RANGE.from));
        expect(Date.parse(assignment.end)).toBeLessThanOrEqual(Date.parse(RANGE.to));
      }
      expect(technicianOverlaps(run.assignments)).toEqual([]);

      expect(run.progress.bestScoreHistory.length).toBeGreaterThan(0);
      expect(run.progress.elapsedMs).toBeGreaterThan(0);
      expect(run.progress.bestScoreHistory.at(-1)!.score).toEqual(run.score);

      const constraints = run.analysis.map((total) => total.constraint);
      expect(constraints).toEqual(
        expect.arrayContaining(['skills', 'availability', 'technicianOverlap', 'equipmentOverlap', 'unassigned', 'lateness']),
      );
      for (const total of run.analysis) {
        if (total.level === 'hard' || total.level === 'medium') expect(total.total, total.constraint).toBe(0);
      }
      const soft = run.analysis.filter((total) => total.level === 'soft').reduce((sum, total) => sum + total.total, 0);
      // (A sum, not a negation: a soft score of 0 must not be told apart from -0.)
      expect(run.score!.soft + soft).toBe(0);

      // The analysis of the run's own assignments gives the run's score.
      const analyzed = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', { ...RANGE, assignments: run.assignments });
      expect(analyzed.status).toBe(200);
      expect(analyzed.body.score).toEqual(run.score);
      expect(analyzed.body.unassigned).toEqual([]);

      // Stopping a finished run changes nothing.
      const stopped = await planner.delete<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
      expect(stopped.status).toBe(200);
      expect(stopped.body).toEqual(run);
    });

    it('leaves a work order that needs a skill nobody has unassigned, with a reason naming the skill', async () => {
      const scheduling = await organization();
      const [possible, impossible] = await createJobs(scheduling, [
        FEASIBLE_JOBS[0]!,
        {
          title: 'Rebuild hydraulic ram',
          estimatedDuration: 120,
          requiredSkills: [{ skill: 'hydraulics', minLevel: 2 }],
          dueDate: at(4, 12),
        },
      ]);
      const planner = scheduling.api('planner');

      const run = await waitForRun(planner, await startRun(planner, { timeLimitSeconds: 1 }));

      expect(run.status).toBe('DONE');
      expect(run.score!.hard).toBe(0);
      expect(run.score!.medium).toBeLessThan(0);
      expect(run.assignments.map((assignment) => assignment.workOrderId)).toEqual([possible!.id]);
      expect(run.unassigned).toHaveLength(1);
      expect(run.unassigned[0]!.workOrderId).toBe(impossible!.id);
      expect(run.unassigned[0]!.reasons.some((reason) => /hydraulics/.test(reason))).toBe(true);
      const unassigned = run.analysis.find((total) => total.constraint === 'unassigned')!;
      expect(unassigned.level).toBe('medium');
      expect(unassigned.workOrders.map((entry) => entry.workOrderId)).toEqual([impossible!.id]);
      expect(run.score!.medium).toBe(-unassigned.total);
    });

    it('is stopped with its best solution kept; a solving run cannot be published, a stopped one can', async () => {
      const scheduling = await organization();
      // The unplaceable job keeps the score from being perfect, so the run cannot end on its own.
      const jobs = await createJobs(scheduling, [
        ...FEASIBLE_JOBS.slice(0, 3),
        { title: 'Rebuild hydraulic ram', estimatedDuration: 120, requiredSkills: [{ skill: 'hydraulics', minLevel: 1 }] },
      ]);
      const planner = scheduling.api('planner');
      const runId = await startRun(planner, { timeLimitSeconds: 60 });

      // Construction is done once the first progress (with a score) has been stored, and with it
      // the best schedule so far: the run shows it while it solves.
      const solving = await waitForRun(planner, runId, (run) => run.assignments.length > 0 || run.status !== 'SOLVING');
      expect(solving.status).toBe('SOLVING');
      expect(solving.score).not.toBeNull();
      expect(solving.assignments.map((assignment) => assignment.workOrderId).sort()).toEqual(
        jobs
          .slice(0, 3)
          .map((job) => job.id)
          .sort(),
      );
      // Reasons and the analysis come with the result.
      expect(solving).toMatchObject({ unassigned: [], analysis: [], churn: null });

      const early = await planner.post(`/api/v1/schedules/runs/${runId}/publish`);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('conflict');
      expect(early.body.detail).toMatch(/still solving/);

      const stopped = await scheduling.api('manager').delete<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
      expect(stopped.status).toBe(200);
      expect(stopped.body.status).toBe('STOPPED');
      expect(stopped.body.score).not.toBeNull();
      expect(stopped.body.score!.hard).toBe(0);
      expect(stopped.body.assignments.map((assignment) => assignment.workOrderId).sort()).toEqual(
        jobs
          .slice(0, 3)
          .map((job) => job.id)
          .sort(),
      );
      expect(stopped.body.unassigned.map((entry) => entry.workOrderId)).toEqual([jobs[3]!.id]);
      expect(stopped.body.progress.bestScoreHistory.length).toBeGreaterThan(0);

      // It stays stopped: read again, or stopped again.
      expect((await planner.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`)).body).toEqual(stopped.body);
      const again = await planner.delete<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(stopped.body);

      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body).toEqual({ published: 3, unchanged: 0, unscheduled: 0, conflicts: [] });
    });

    it('pushes schedule:progress to the user who started it, and to nobody else', async () => {
      const scheduling = await organization();
      await createJobs(scheduling, FEASIBLE_JOBS);
      const plannerSocket = (await pool.connect(scheduling.tokens.planner)).socket;
      const managerSocket = (await pool.connect(scheduling.tokens.manager, ['system:all', 'workorders:all'])).socket;
      const plannerEvents = collect(plannerSocket, 'schedule:progress');
      const managerEvents = collect(managerSocket, 'schedule:progress');

      const runId = await startRun(scheduling.api('planner'), { timeLimitSeconds: 1 });
      const finalEvent = (event: ScheduleProgressEvent) => event.runId === runId && event.status !== 'SOLVING';
      await eventually('the final schedule:progress', () => plannerEvents.some(finalEvent), 30_000);
      const run = await waitForRun(scheduling.api('planner'), runId);

      const events = plannerEvents.filter((event) => event.runId === runId);
      const last = events.at(-1)!;
      expect(last).toMatchObject({ runId, status: 'DONE', bestScore: run.score });
      expect(Number.isNaN(Date.parse(last.timestamp))).toBe(false);
      const solving = events.slice(0, -1);
      expect(solving.length).toBeGreaterThan(0);
      for (const event of solving) {
        expect(event.status).toBe('SOLVING');
        expect(event.bestScore).not.toBeNull();
      }
      expect(events.filter(finalEvent)).toHaveLength(1);

      // Another user of the organization, even one watching every work order, gets none of it.
      await barrier(server.baseUrl, scheduling.tokens.admin, [managerSocket]);
      expect(managerEvents).toEqual([]);
    });

    it('tells a planner demoted while their run solves nothing more of it, as the API refuses them the run', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      // A job nobody is qualified for keeps the run from a perfect score, so it solves to its limit.
      await createJobs(scheduling, [
        ...FEASIBLE_JOBS,
        { title: 'Rebuild hydraulic ram', estimatedDuration: 120, requiredSkills: [{ skill: 'hydraulics', minLevel: 1 }] },
      ]);
      const runId = await startRun(scheduling.api('planner'), { timeLimitSeconds: 3 });
      expect((await scheduling.api('admin').patch(`/api/v1/users/${org.users.planner.id}`, { roles: ['requester'] })).status).toBe(200);
      const demoted = await login(server.baseUrl, org.users.planner.email);
      const socket = (await pool.connect(demoted, ['system:all'])).socket;
      const events = collect(socket, 'schedule:progress');
      expect((await client(server.baseUrl, demoted).get(`/api/v1/schedules/runs/${runId}`)).status).toBe(403);

      expect((await waitForRun(scheduling.api('manager'), runId)).status).toBe('DONE');
      await barrier(server.baseUrl, scheduling.tokens.admin, [socket]);
      expect(events).toEqual([]);
    });
  });

  describe('across instances', () => {
    let other: Awaited<ReturnType<typeof secondInstance>>;

    beforeAll(async () => {
      other = await secondInstance(server);
    });
    afterAll(() => other.close());

    // Fails today: the solving instance looks for a stop asked elsewhere only when it stores progress,
    // and it stores progress only when the best score improves (schedule-runs.service.ts, persistProgress).
    it('a run solving on one instance is stopped from another, keeping its best solution', async () => {
      const scheduling = await organization();
      // One job to place, one nobody can do: the best is found at once and never becomes perfect.
      const [possible] = await createJobs(scheduling, [
        FEASIBLE_JOBS[0]!,
        { title: 'Rebuild hydraulic ram', estimatedDuration: 120, requiredSkills: [{ skill: 'hydraulics', minLevel: 1 }] },
      ]);
      const here = scheduling.api('planner');
      const there = client(other.baseUrl, scheduling.tokens.planner);
      const runId = await startRun(here, { timeLimitSeconds: 60 });
      try {
        const solving = await waitForRun(here, runId, (run) => run.score !== null || run.status !== 'SOLVING');
        expect(solving.status).toBe('SOLVING');
        // The other instance sees the run as it is stored.
        expect((await there.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`)).body.status).toBe('SOLVING');

        // Asked elsewhere, the stop is passed on through the database (DELETE answers at once).
        const asked = await there.delete<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
        expect(asked.status).toBe(200);
        expect(['SOLVING', 'STOPPED']).toContain(asked.body.status);

        // The instance that runs the solve must act on it well before the 60 s limit.
        const stopped = await waitForRun(there, runId, (run) => run.status !== 'SOLVING', 15_000);
        expect(stopped.status).toBe('STOPPED');
        expect(stopped.assignments.map((assignment) => assignment.workOrderId)).toEqual([possible!.id]);
      } finally {
        // Whatever happened, do not leave a 60 s solve behind.
        await here.delete(`/api/v1/schedules/runs/${runId}`);
      }
    });
  });

  describe('repair', () => {
    /** The jobs' bookings as they stand: work-order id → technicians and times. */
    async function bookingsOf(planner: ReturnType<typeof client>, ids: readonly string[]) {
      const booked = new Map<string, string>();
      for (const id of ids) {
        const { body } = await planner.get(`/api/v1/work-orders/${id}`);
        booked.set(id, `${[body.technicianId, ...body.crewTechnicianIds].join('+')} ${body.scheduledStartTime}-${body.scheduledEndTime}`);
      }
      return booked;
    }
    const asBooked = (assignment: ScheduleRun['assignments'][number]) =>
      `${assignment.technicianIds.join('+')} ${new Date(assignment.start).toISOString()}-${new Date(assignment.end).toISOString()}`;

    it('fits emergency work into the published schedule, reporting as churn exactly the published work it moves', async () => {
      const scheduling = await organization();
      const planner = scheduling.api('planner');
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS);
      const full = await waitForRun(planner, await startRun(planner));
      expect((await planner.post<PublishResult>(`/api/v1/schedules/runs/${full.runId}/publish`)).body.published).toBe(jobs.length);
      const before = await bookingsOf(
        planner,
        jobs.map((job) => job.id),
      );

      const [burst] = await createJobs(scheduling, [
        { title: 'Burst hydraulic hose', estimatedDuration: 90, priority: 'CRITICAL', dueDate: at(0, 12) },
      ]);
      // No limit asked: a repair's own default, half a second.
      const repair = await waitForRun(planner, await startRun(planner, { mode: 'repair', timeLimitSeconds: undefined }));
      expect(repair).toMatchObject({ status: 'DONE', mode: 'repair', timeLimitSeconds: 0.5, unassigned: [] });
      expect(repair.score).toMatchObject({ hard: 0, medium: 0 });
      const placed = repair.assignments.find((assignment) => assignment.workOrderId === burst!.id);
      expect(placed).toBeDefined();
      // Churn names every published job the repair books elsewhere, and only those.
      const moved = repair.assignments.filter((a) => before.has(a.workOrderId) && before.get(a.workOrderId) !== asBooked(a));
      expect(repair.churn).not.toBeNull();
      expect([...repair.churn!.workOrderIds].sort()).toEqual(moved.map((a) => a.workOrderId).sort());
      expect(repair.churn!.moved + repair.churn!.reassigned).toBe(moved.length);

      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${repair.runId}/publish`);
      expect(published.body).toEqual({ published: 1 + moved.length, unchanged: jobs.length - moved.length, unscheduled: 0, conflicts: [] });
      expect((await planner.get(`/api/v1/work-orders/${burst!.id}`)).body).toMatchObject({
        status: 'SCHEDULED',
        technicianId: placed!.technicianIds[0],
        scheduledStartTime: new Date(placed!.start).toISOString(),
      });
    });

    it('moves the work of a technician off sick for the range to a colleague who can do it, and says what nobody can', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS);
      const full = await waitForRun(planner, await startRun(planner));
      await planner.post(`/api/v1/schedules/runs/${full.runId}/publish`);
      const tess = full.assignments.filter((assignment) => assignment.technicianIds.includes(org.technicianId));
      expect(tess.length).toBeGreaterThan(0);

      const sick = await planner.put(`/api/v1/technicians/${org.technicianId}/availability`, {
        timezone: 'UTC',
        weeklyPattern: WEEKDAY_SHIFTS,
        exceptions: [{ start: RANGE.from, end: RANGE.to, available: false }],
      });
      expect(sick.status, JSON.stringify(sick.body)).toBe(200);
      const repair = await waitForRun(planner, await startRun(planner, { mode: 'repair', timeLimitSeconds: 1 }));
      expect(repair.status).toBe('DONE');
      expect(repair.score?.hard).toBe(0);
      for (const assignment of repair.assignments) expect(assignment.technicianIds).not.toContain(org.technicianId);
      // Otto has mechanical level 1 and no electrical skill: Tess's coupling (mechanical 2) and
      // wiring (electrical) wait: the one technician qualified has no working time left in the range.
      const onlyTess = new Set(jobs.filter((job) => ['Realign coupling', 'Check motor wiring'].includes(job.title)).map((job) => job.id));
      const waiting = tess.filter((assignment) => onlyTess.has(assignment.workOrderId)).map((assignment) => assignment.workOrderId);
      expect(repair.unassigned.map((entry) => entry.workOrderId).sort()).toEqual(waiting.sort());
      for (const entry of repair.unassigned) expect(entry.reasons).toEqual(['no availability window before the horizon ends']);
      expect(repair.assignments).toHaveLength(jobs.length - waiting.length);
      // Otto's own bookings stay as published.
      const otto = full.assignments.filter((assignment) => !assignment.technicianIds.includes(org.technicianId));
      for (const kept of otto) expect(repair.assignments.map(asBooked)).toContain(asBooked(kept));

      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${repair.runId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.conflicts).toEqual([]);
      const now = await bookingsOf(
        planner,
        jobs.map((job) => job.id),
      );
      for (const [id, booking] of now) if (booking.includes(org.technicianId)) throw new Error(`${id} still booked on Tess: ${booking}`);
    });
  });

  describe('publishing', () => {
    it('applies the assignments in one go: work orders SCHEDULED as proposed, history written, events sent', async () => {
      const scheduling = await organization();
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS);
      const planner = scheduling.api('planner');
      const watcher = (await pool.connect(scheduling.tokens.manager, ['workorders:all'])).socket;
      const updates = collect(watcher, 'workorder:update');

      const runId = await startRun(planner, { timeLimitSeconds: 1 });
      const run = await waitForRun(planner, runId);
      expect(run.status).toBe('DONE');
      expect(run.assignments).toHaveLength(jobs.length);

      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body).toEqual({ published: jobs.length, unchanged: 0, unscheduled: 0, conflicts: [] });

      for (const assignment of run.assignments) {
        const workOrder = await planner.get(`/api/v1/work-orders/${assignment.workOrderId}`);
        expect(workOrder.status).toBe(200);
        expect(workOrder.body.status).toBe('SCHEDULED');
        expect(workOrder.body.technicianId).toBe(assignment.technicianIds[0]);
        expect(Date.parse(workOrder.body.scheduledStartTime)).toBe(Date.parse(assignment.start));
        expect(Date.parse(workOrder.body.scheduledEndTime)).toBe(Date.parse(assignment.end));
        expect(workOrder.body.version).toBe(2);

        const history = await planner.get(`/api/v1/work-orders/${assignment.workOrderId}/history`);
        expect(history.status).toBe(200);
        const transition = history.body.find(
          (entry: { kind: string; toStatus: string | null }) => entry.kind === 'status' && entry.toStatus === 'SCHEDULED',
        );
        expect(transition).toMatchObject({ fromStatus: 'OPEN', userId: scheduling.org.users.planner.id });
        const change = history.body.find((entry: { note: string | null }) => entry.note?.includes(`schedule run ${runId}`));
        expect(change).toBeDefined();
        expect(change.kind).toBe('change');
        expect(change.userId).toBe(scheduling.org.users.planner.id);
        expect(change.changes.technicianId).toEqual({ from: null, to: assignment.technicianIds[0] });
        expect(Date.parse(change.changes.scheduledStartTime.to)).toBe(Date.parse(assignment.start));
        expect(Date.parse(change.changes.scheduledEndTime.to)).toBe(Date.parse(assignment.end));
      }

      // The list (what a board reads) agrees.
      const list = await planner.get('/api/v1/work-orders?status=SCHEDULED&limit=100');
      expect(list.status).toBe(200);
      expect(list.body.data.map((workOrder: { id: string }) => workOrder.id).sort()).toEqual(jobs.map((job) => job.id).sort());

      // One `assigned` event per published work order reaches the workorders:all feed.
      const assignedFor = (id: string) => updates.filter((event) => event.eventType === 'assigned' && event.workOrderId === id);
      await eventually('assigned events for every published work order', () =>
        run.assignments.every((assignment) => assignedFor(assignment.workOrderId).length > 0),
      );
      for (const assignment of run.assignments) {
        const [event, ...more] = assignedFor(assignment.workOrderId) as WorkOrderUpdateEvent[];
        expect(more).toEqual([]);
        expect(event!.data.status).toBe('SCHEDULED');
        expect(event!.data.technicianId).toBe(assignment.technicianIds[0]);
        expect(Date.parse(event!.data.scheduledStartTime!)).toBe(Date.parse(assignment.start));
        expect(Date.parse(event!.data.scheduledEndTime!)).toBe(Date.parse(assignment.end));
      }

      const after = await planner.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`);
      expect(after.body.publishedAt).not.toBeNull();

      const twice = await planner.post(`/api/v1/schedules/runs/${runId}/publish`);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('conflict');
      expect(twice.body.detail).toMatch(/already published/);
      const twiceByManager = await scheduling.api('manager').post(`/api/v1/schedules/runs/${runId}/publish`);
      expect(twiceByManager.status).toBe(409);
    });

    it('reports work orders changed or deleted after the run started as conflicts and leaves them as they are', async () => {
      const scheduling = await organization();
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 4));
      const planner = scheduling.api('planner');

      const runId = await startRun(planner, { timeLimitSeconds: 1 });
      const [, changed, deleted] = jobs as [CreatedJob, CreatedJob, CreatedJob, CreatedJob];
      const patched = await planner.patch(`/api/v1/work-orders/${changed.id}`, { title: 'Realign coupling (new laser kit)' });
      expect(patched.status).toBe(200);
      expect(patched.body.version).toBe(2);
      expect((await scheduling.api('manager').delete(`/api/v1/work-orders/${deleted.id}`)).status).toBe(204);
      const run = await waitForRun(planner, runId);
      expect(run.status).toBe('DONE');
      expect(run.assignments.map((assignment) => assignment.workOrderId).sort()).toEqual(jobs.map((job) => job.id).sort());

      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.published).toBe(2);
      expect(published.body.unchanged).toBe(0);
      expect(published.body.conflicts).toHaveLength(2);
      expect(published.body.conflicts).toEqual(
        expect.arrayContaining([
          { workOrderId: changed.id, reason: expect.stringMatching(/changed/), status: 'OPEN' },
          { workOrderId: deleted.id, reason: expect.stringMatching(/deleted/) },
        ]),
      );

      const untouched = await planner.get(`/api/v1/work-orders/${changed.id}`);
      expect(untouched.body).toMatchObject({
        status: 'OPEN',
        technicianId: null,
        scheduledStartTime: null,
        scheduledEndTime: null,
        title: 'Realign coupling (new laser kit)',
        version: 2,
      });
      expect((await planner.get(`/api/v1/work-orders/${deleted.id}`)).status).toBe(404);
      for (const assignment of run.assignments.filter((entry) => entry.workOrderId !== changed.id && entry.workOrderId !== deleted.id)) {
        const workOrder = await planner.get(`/api/v1/work-orders/${assignment.workOrderId}`);
        expect(workOrder.body.status).toBe('SCHEDULED');
        expect(workOrder.body.technicianId).toBe(assignment.technicianIds[0]);
        expect(Date.parse(workOrder.body.scheduledStartTime)).toBe(Date.parse(assignment.start));
        expect(Date.parse(workOrder.body.scheduledEndTime)).toBe(Date.parse(assignment.end));
      }
    });

    it('reports work whose technician went on leave after the run started as a conflict, and books the rest', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 4));
      const planner = scheduling.api('planner');
      const run = await waitForRun(planner, await startRun(planner));
      expect(run.assignments).toHaveLength(4);

      // One technician is off sick on the first day the run gave them work; their other days,
      // and the other technician, are as they were.
      const theirs = run.assignments.filter((assignment) => assignment.technicianIds.includes(org.technicianId));
      expect(theirs.length).toBeGreaterThan(0);
      const firstDay = Math.floor(Math.min(...theirs.map((assignment) => Date.parse(assignment.start))) / DAY) * DAY;
      const leave = { start: new Date(firstDay).toISOString(), end: new Date(firstDay + DAY).toISOString(), available: false };
      const sick = await planner.put(`/api/v1/technicians/${org.technicianId}/availability`, {
        timezone: 'UTC',
        weeklyPattern: WEEKDAY_SHIFTS,
        exceptions: [leave],
      });
      expect(sick.status, JSON.stringify(sick.body)).toBe(200);
      const hit = run.assignments.filter(
        (assignment) => assignment.technicianIds.includes(org.technicianId) && Date.parse(assignment.start) < firstDay + DAY,
      );

      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.conflicts.map((conflict) => conflict.workOrderId).sort()).toEqual(hit.map((a) => a.workOrderId).sort());
      for (const conflict of published.body.conflicts) expect(conflict.reason).toMatch(/no longer has the hours for it then \(leave/);
      expect(published.body.published).toBe(jobs.length - hit.length);
      for (const assignment of hit) {
        expect((await planner.get(`/api/v1/work-orders/${assignment.workOrderId}`)).body).toMatchObject({
          status: 'OPEN',
          technicianId: null,
          scheduledStartTime: null,
        });
      }
    });

    it("plans around work it does not place: a technician's other bookings block their time, and a publish never double-books", async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const [job, other, late] = await createJobs(scheduling, [
        { title: 'Replace pump seal', estimatedDuration: 120, dueDate: at(0, 16) },
        { title: 'Overhaul gearbox', estimatedDuration: 480 },
        { title: 'Inspect hoist', estimatedDuration: 120 },
      ]);
      const book = async (id: string, start: string, end: string) => {
        const response = await planner.post(`/api/v1/work-orders/${id}/assign`, {
          technicianId: org.technicianId,
          scheduledStartTime: start,
          scheduledEndTime: end,
        });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
      };
      // Monday's whole shift is booked on Tess for work the run does not select.
      await book(other!.id, at(0, 8), at(0, 16));
      const scope = { workOrderIds: [job!.id], technicianIds: [org.technicianId] };
      const run = await waitForRun(planner, await startRun(planner, scope));
      expect(run.score).toMatchObject({ hard: 0, medium: 0 });
      const [placed] = run.assignments;
      expect(placed).toMatchObject({ workOrderId: job!.id, technicianIds: [org.technicianId] });
      expect(Date.parse(placed!.start)).toBeGreaterThanOrEqual(Date.parse(at(0, 16)));

      // Work booked since the run started, in the slot it proposes: the proposal is a conflict.
      const second = await waitForRun(planner, await startRun(planner, scope));
      const proposed = second.assignments[0]!;
      await book(late!.id, proposed.start, proposed.end);
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${second.runId}/publish`);
      expect(published.status).toBe(200);
      expect(published.body).toEqual({
        published: 0,
        unchanged: 0,
        unscheduled: 0,
        conflicts: [{ workOrderId: job!.id, reason: expect.stringMatching(/would overlap WO-\d+/), status: 'OPEN' }],
      });
      expect((await planner.get(`/api/v1/work-orders/${job!.id}`)).body).toMatchObject({ status: 'OPEN', scheduledStartTime: null });
    });

    it('leaves work booked outside the range where it is, and does not count work in progress before the range against the run', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 3));
      const [elsewhere, started] = await createJobs(scheduling, [
        { title: 'Paint railings', estimatedDuration: 120 },
        { title: 'Rewind motor', estimatedDuration: 240 },
      ]);
      const nextMonday = new Date(Date.parse(RANGE.to) + 2 * DAY + 8 * 3_600_000).toISOString();
      const lastMonday = new Date(Date.parse(RANGE.from) - 7 * DAY + 8 * 3_600_000);
      for (const [id, start] of [
        [elsewhere!.id, nextMonday],
        [started!.id, lastMonday.toISOString()],
      ] as const) {
        const end = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
        const response = await planner.post(`/api/v1/work-orders/${id}/assign`, {
          technicianId: org.technicianId,
          scheduledStartTime: start,
          scheduledEndTime: end,
        });
        expect(response.status).toBe(200);
      }
      const going = await scheduling.api('technician').post(`/api/v1/work-orders/${started!.id}/status`, { status: 'IN_PROGRESS' });
      expect(going.status, JSON.stringify(going.body)).toBe(200);

      const run = await waitForRun(planner, await startRun(planner));
      expect(run.score).toMatchObject({ hard: 0, medium: 0 });
      expect(run.assignments.map((assignment) => assignment.workOrderId).sort()).toEqual(jobs.map((job) => job.id).sort());
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.body).toMatchObject({ published: 3, conflicts: [] });
      expect((await planner.get(`/api/v1/work-orders/${elsewhere!.id}`)).body).toMatchObject({
        status: 'SCHEDULED',
        scheduledStartTime: nextMonday,
      });
      expect((await planner.get(`/api/v1/work-orders/${started!.id}`)).body.status).toBe('IN_PROGRESS');
    });

    it('pins crew work in progress to its whole booked crew, without counting the crew as short', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 2));
      const crewed = await planner.post('/api/v1/work-orders', {
        type: 'CORRECTIVE',
        equipmentId: org.equipmentId,
        title: 'Lift gearbox (two people)',
        estimatedDuration: 120,
        crewSize: 2,
      });
      expect(crewed.status, JSON.stringify(crewed.body)).toBe(201);
      const booked = await planner.post(`/api/v1/work-orders/${crewed.body.id}/assign`, {
        technicianId: org.technicianId,
        crewTechnicianIds: [org.otherTechnicianId],
        scheduledStartTime: at(1, 8),
        scheduledEndTime: at(1, 10),
      });
      expect(booked.status).toBe(200);
      // A crew member may start it as well as the lead.
      expect(
        (await scheduling.api('otherTechnician').post(`/api/v1/work-orders/${crewed.body.id}/status`, { status: 'IN_PROGRESS' })).status,
      ).toBe(200);

      const run = await waitForRun(planner, await startRun(planner));
      expect(run.score).toMatchObject({ hard: 0, medium: 0 });
      const pinned = run.assignments.find((assignment) => assignment.workOrderId === crewed.body.id);
      expect(pinned).toMatchObject({ start: at(1, 8) });
      expect(pinned!.technicianIds.sort()).toEqual([org.technicianId, org.otherTechnicianId].sort());
      // Neither member is given other work during it.
      expect(technicianOverlaps(run.assignments)).toEqual([]);
      // Publishing leaves it as it is, and counts it so: every assignment is in one count.
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.body).toEqual({ published: 2, unchanged: 1, unscheduled: 0, conflicts: [] });
      expect((await planner.get(`/api/v1/work-orders/${crewed.body.id}`)).body).toMatchObject({
        status: 'IN_PROGRESS',
        scheduledStartTime: at(1, 8),
      });
    });

    it('publishes a crew: every member is booked, sees the work, finds it in their schedule, and is not booked twice', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const [crewed, solo] = await createJobs(scheduling, [
        { title: 'Lift gearbox (two people)', estimatedDuration: 120, dueDate: at(0, 12) },
        { title: 'Inspect hoist', estimatedDuration: 120, dueDate: at(0, 12) },
      ]);
      expect((await planner.patch(`/api/v1/work-orders/${crewed!.id}`, { crewSize: 2 })).status).toBe(200);
      const run = await waitForRun(planner, await startRun(planner, { workOrderIds: [crewed!.id] }));
      expect(run.score).toMatchObject({ hard: 0, medium: 0 });
      const [proposal] = run.assignments;
      expect(proposal!.technicianIds.sort()).toEqual([org.technicianId, org.otherTechnicianId].sort());
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.body).toMatchObject({ published: 1, conflicts: [] });
      const [lead, member] = proposal!.technicianIds as [string, string];
      expect((await planner.get(`/api/v1/work-orders/${crewed!.id}`)).body).toMatchObject({
        status: 'SCHEDULED',
        technicianId: lead,
        crewTechnicianIds: [member],
        scheduledStartTime: proposal!.start,
      });

      // Search finds it by the member's name or employee id, as it does by the lead's.
      for (const technicianId of [member, lead]) {
        const { employeeId, lastName } = (await planner.get(`/api/v1/technicians/${technicianId}`)).body;
        for (const text of [employeeId, lastName]) {
          const found = await planner.get(`/api/v1/work-orders/search?q=${encodeURIComponent(text)}&limit=100`);
          expect(found.status).toBe(200);
          expect(
            found.body.data.map((workOrder: { id: string }) => workOrder.id),
            text,
          ).toContain(crewed!.id);
        }
      }

      // The member, a technician who is not the lead, sees it: detail, own list, own schedule.
      const memberApi = scheduling.api(member === org.technicianId ? 'technician' : 'otherTechnician');
      expect((await memberApi.get(`/api/v1/work-orders/${crewed!.id}`)).status).toBe(200);
      const listed = await memberApi.get('/api/v1/work-orders?limit=100');
      expect(listed.body.data.map((workOrder: { id: string }) => workOrder.id)).toContain(crewed!.id);
      const schedule = await memberApi.get(`/api/v1/technicians/${member}/schedule?start=${RANGE.from}&end=${RANGE.to}`);
      expect(schedule.status, JSON.stringify(schedule.body)).toBe(200);
      expect(JSON.stringify(schedule.body)).toContain(crewed!.id);

      // Booking the member by hand over the crew work is refused, naming it; a run plans around it.
      const byHand = await planner.post(`/api/v1/work-orders/${solo!.id}/assign`, {
        technicianId: member,
        scheduledStartTime: proposal!.start,
        scheduledEndTime: proposal!.end,
      });
      expect(byHand.status).toBe(409);
      expect(byHand.body.conflicts.overlaps).toMatchObject([{ workOrderId: crewed!.id, technicianId: member }]);
      const around = await waitForRun(planner, await startRun(planner, { workOrderIds: [solo!.id], technicianIds: [member] }));
      expect(around.score).toMatchObject({ hard: 0, medium: 0 });
      const placed = around.assignments[0]!;
      expect(Date.parse(placed.start) >= Date.parse(proposal!.end) || Date.parse(placed.end) <= Date.parse(proposal!.start)).toBe(true);

      // Back to the backlog gives up the whole crew's booking.
      const reopened = await planner.post(`/api/v1/work-orders/${crewed!.id}/status`, { status: 'OPEN' });
      expect(reopened.body).toMatchObject({ status: 'OPEN', technicianId: null, crewTechnicianIds: [] });
      expect((await memberApi.get(`/api/v1/work-orders/${crewed!.id}`)).status).toBe(404);
    });

    it('keeps a crew whole: its lead stays the lead, a member outside the run is left alone, a booked helper is kept', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const [moved, outside, helped] = await createJobs(scheduling, [
        { title: 'Lift gearbox', estimatedDuration: 120 },
        { title: 'Replace conveyor belt', estimatedDuration: 120 },
        { title: 'Align shaft', estimatedDuration: 60 },
      ]);
      const book = async (id: string, technicianId: string, crewTechnicianIds: string[], start: string, end: string) => {
        const response = await planner.post(`/api/v1/work-orders/${id}/assign`, {
          technicianId,
          crewTechnicianIds,
          scheduledStartTime: start,
          scheduledEndTime: end,
          force: true,
        });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
      };
      // The solver lists a crew in id order: the lead here is the one listed last.
      const [first, last] = [org.technicianId, org.otherTechnicianId].sort() as [string, string];
      expect((await planner.patch(`/api/v1/work-orders/${moved!.id}`, { crewSize: 2 })).status).toBe(200);
      // Booked on Saturday, outside every shift: the run must move it.
      await book(moved!.id, last, [first], at(5, 8), at(5, 10));
      // A crew size of 1, booked with a helper as well.
      await book(helped!.id, first, [last], at(2, 8), at(2, 9));

      const run = await waitForRun(planner, await startRun(planner, { workOrderIds: [moved!.id, helped!.id] }));
      expect(run.score).toMatchObject({ hard: 0, medium: 0 });
      expect(run.assignments.find((assignment) => assignment.workOrderId === helped!.id)!.technicianIds.sort()).toEqual([first, last]);
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.body.conflicts).toEqual([]);
      const after = (await planner.get(`/api/v1/work-orders/${moved!.id}`)).body;
      expect(after).toMatchObject({ technicianId: last, crewTechnicianIds: [first] });
      expect(after.scheduledStartTime).not.toBe(at(5, 8));
      const helpedNow = (await planner.get(`/api/v1/work-orders/${helped!.id}`)).body;
      expect([helpedNow.technicianId, ...helpedNow.crewTechnicianIds].sort()).toEqual([first, last]);

      // Booked on someone the run does not plan for, crew work stays as it is (and takes their time).
      await book(outside!.id, org.technicianId, [org.otherTechnicianId], at(3, 8), at(3, 10));
      const narrow = await waitForRun(planner, await startRun(planner, { technicianIds: [org.technicianId] }));
      expect(narrow.assignments.map((assignment) => assignment.workOrderId)).not.toContain(outside!.id);
      expect(narrow.unassigned.map((entry) => entry.workOrderId)).not.toContain(outside!.id);
      await planner.post(`/api/v1/schedules/runs/${narrow.runId}/publish`);
      expect((await planner.get(`/api/v1/work-orders/${outside!.id}`)).body).toMatchObject({
        technicianId: org.technicianId,
        crewTechnicianIds: [org.otherTechnicianId],
        scheduledStartTime: at(3, 8),
      });
    });

    it('places work that names a technician but has no time yet, as unbooked work', async () => {
      const scheduling = await organization();
      const planner = scheduling.api('planner');
      const [named] = await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 1));
      // As work generated with its technician already named (a PM plan's default) arrives.
      await server.database.rows(sql`update work_orders set technician_id = ${scheduling.org.technicianId} where id = ${named!.id}`);
      const run = await waitForRun(planner, await startRun(planner));
      expect(run.assignments.map((assignment) => assignment.workOrderId)).toEqual([named!.id]);
    });

    it('gives up the booking of work the plan has no room for, and says so', async () => {
      const scheduling = await organization();
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const [minor, urgent] = await createJobs(scheduling, [
        { title: 'Tidy workshop', estimatedDuration: 480, priority: 'LOW', dueDate: at(0, 16) },
        { title: 'Repair conveyor drive', estimatedDuration: 480, priority: 'CRITICAL', dueDate: at(0, 16) },
      ]);
      const booked = await planner.post(`/api/v1/work-orders/${minor!.id}/assign`, {
        technicianId: org.technicianId,
        scheduledStartTime: at(0, 8),
        scheduledEndTime: at(0, 16),
      });
      expect(booked.status).toBe(200);
      // One technician, one day: room for one of the two.
      const run = await waitForRun(planner, await startRun(planner, { from: at(0, 0), to: at(1, 0), technicianIds: [org.technicianId] }));
      expect(run.assignments.map((assignment) => assignment.workOrderId)).toEqual([urgent!.id]);
      expect(run.unassigned.map((entry) => entry.workOrderId)).toEqual([minor!.id]);

      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.body).toEqual({ published: 1, unchanged: 0, unscheduled: 1, conflicts: [] });
      expect((await planner.get(`/api/v1/work-orders/${minor!.id}`)).body).toMatchObject({
        status: 'OPEN',
        technicianId: null,
        scheduledStartTime: null,
      });
      expect((await planner.get(`/api/v1/work-orders/${urgent!.id}`)).body).toMatchObject({
        status: 'SCHEDULED',
        technicianId: org.technicianId,
        scheduledStartTime: at(0, 8),
      });
    });

    it('reports a proposal whose start has passed as a conflict, and forgets runs after 30 days', async () => {
      const scheduling = await organization();
      const [job] = await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 1));
      const planner = scheduling.api('planner');
      const run = await waitForRun(planner, await startRun(planner));
      expect(run.assignments.map((assignment) => assignment.workOrderId)).toEqual([job!.id]);
      // A solve never plans in the past, but a run left unpublished grows old: its proposal is
      // moved back to a time gone by, as if the run had waited that long.
      const past = { start: Date.parse('2025-03-03T09:00:00.000Z'), end: Date.parse('2025-03-03T11:00:00.000Z') };
      await server.database.rows(
        sql`update schedule_runs set solution = jsonb_set(jsonb_set(solution, '{assignments,0,start}', ${String(past.start)}::jsonb), '{assignments,0,end}', ${String(past.end)}::jsonb) where id = ${run.runId}`,
      );
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.body).toEqual({
        published: 0,
        unchanged: 0,
        unscheduled: 0,
        conflicts: [{ workOrderId: job!.id, reason: 'the proposed start has passed', status: 'OPEN' }],
      });

      // A run older than 30 days is deleted when the organization starts another.
      await server.database.rows(sql`update schedule_runs set created_at = now() - interval '31 days' where id = ${run.runId}`);
      await waitForRun(planner, await startRun(planner));
      expect((await planner.get(`/api/v1/schedules/runs/${run.runId}`)).status).toBe(404);
    });

    // Fails today: publishing bumps the organization's work-order generation but not each published
    // work order's own, on which the cached detail (wo-detail) depends.
    it('a work order read before the publish reads as published afterwards (no stale cached detail)', async () => {
      const scheduling = await organization();
      const jobs = await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 2));
      const planner = scheduling.api('planner');
      // A planner looks at the work before solving: its detail is now cached.
      for (const job of jobs) expect((await planner.get(`/api/v1/work-orders/${job.id}`)).body.status).toBe('OPEN');

      const runId = await startRun(planner, { timeLimitSeconds: 1 });
      const run = await waitForRun(planner, runId);
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${runId}/publish`);
      expect(published.body.published).toBe(2);

      for (const assignment of run.assignments) {
        const workOrder = await planner.get(`/api/v1/work-orders/${assignment.workOrderId}`);
        expect(workOrder.body).toMatchObject({ status: 'SCHEDULED', technicianId: assignment.technicianIds[0], version: 2 });
      }
    });
  });

  describe('analyze', () => {
    let scheduling: SchedulingOrganization;
    let seal: CreatedJob;
    let coupling: CreatedJob;
    let wiring: CreatedJob;

    beforeAll(async () => {
      scheduling = await organization();
      [seal, coupling, wiring] = (await createJobs(scheduling, [
        { title: 'Replace pump seal', estimatedDuration: 120, requiredSkills: [{ skill: 'mechanical', minLevel: 1 }] },
        { title: 'Realign coupling', estimatedDuration: 240, requiredSkills: [{ skill: 'mechanical', minLevel: 2 }] },
        { title: 'Tighten flange', estimatedDuration: 90, requiredSkills: [{ skill: 'mechanical', minLevel: 1 }] },
      ])) as [CreatedJob, CreatedJob, CreatedJob];
    });

    const board = (entries: [CreatedJob, string, string][]) =>
      entries.map(([job, technicianId, start]) => ({
        workOrderId: job.id,
        technicianIds: [technicianId],
        start,
        end: new Date(Date.parse(start) + job.estimatedDuration * 60_000).toISOString(),
      }));

    it("scores the planner's own board: a double booking and work outside the shift make the hard score negative", async () => {
      const { org } = scheduling;
      const response = await scheduling.api('planner').post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
        ...RANGE,
        assignments: board([
          [seal, org.technicianId, at(0, 9)], // Monday 09:00–11:00
          [coupling, org.technicianId, at(0, 10)], // Monday 10:00–14:00: an hour on top of the seal
          [wiring, org.otherTechnicianId, at(5, 9)], // Saturday: nobody works
        ]),
      });
      expect(response.status).toBe(200);
      const { score, analysis, unassigned } = response.body;
      expect(unassigned).toEqual([]);
      expect(score.medium).toBe(0);

      const byName = Object.fromEntries(analysis.map((total) => [total.constraint, total]));
      expect(byName['technicianOverlap']).toMatchObject({ level: 'hard', total: 60 });
      expect(byName['technicianOverlap']!.workOrders.map((entry) => entry.workOrderId).sort()).toEqual([seal.id, coupling.id].sort());
      expect(byName['availability']).toMatchObject({ level: 'hard', total: 90 });
      expect(byName['availability']!.workOrders).toEqual([{ workOrderId: wiring.id, penalty: 90 }]);
      // Both jobs are on the same pump too.
      expect(byName['equipmentOverlap']).toMatchObject({ level: 'hard', total: 60 });
      expect(byName['skills']).toMatchObject({ total: 0, workOrders: [] });

      const hard = analysis.filter((total) => total.level === 'hard').reduce((sum, total) => sum + total.total, 0);
      expect(score.hard).toBe(-hard);
      expect(score.hard).toBe(-210);
    });

    it('scores a clean board 0 hard, and names the skill a wrong technician lacks', async () => {
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const clean = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
        ...RANGE,
        assignments: board([
          [seal, org.technicianId, at(0, 9)],
          [coupling, org.technicianId, at(0, 11)],
          [wiring, org.otherTechnicianId, at(1, 9)],
        ]),
      });
      expect(clean.status).toBe(200);
      expect(clean.body.score.hard).toBe(0);
      expect(clean.body.score.medium).toBe(0);

      // Otto has mechanical 1; the coupling needs 2. Work left off the board is unassigned.
      const unskilled = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
        ...RANGE,
        workOrderIds: [seal.id, coupling.id, wiring.id],
        assignments: board([[coupling, org.otherTechnicianId, at(0, 9)]]),
      });
      expect(unskilled.status).toBe(200);
      expect(unskilled.body.score.hard).toBeLessThan(0);
      const skills = unskilled.body.analysis.find((total) => total.constraint === 'skills')!;
      expect(skills.workOrders.map((entry) => entry.workOrderId)).toEqual([coupling.id]);
      expect(unskilled.body.score.medium).toBeLessThan(0);
      expect(unskilled.body.unassigned.map((entry) => entry.workOrderId).sort()).toEqual([seal.id, wiring.id].sort());
    });

    it('refuses work orders it does not know (unknown, or of another organization) and unknown technicians with 400', async () => {
      const { org } = scheduling;
      const planner = scheduling.api('planner');
      const unknown = await planner.post('/api/v1/schedules/analyze', {
        ...RANGE,
        assignments: [
          ...board([[seal, org.technicianId, at(0, 9)]]),
          { workOrderId: randomUUID(), technicianIds: [org.technicianId], start: at(0, 12), end: at(0, 13) },
        ],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe('validation_failed');
      expect(fieldPaths(unknown.body)).toEqual(['assignments.1.workOrderId']);

      const foreign = await organization();
      const [theirs] = await createJobs(foreign, [FEASIBLE_JOBS[0]!]);
      const crossing = await planner.post('/api/v1/schedules/analyze', {
        ...RANGE,
        assignments: board([[theirs!, org.technicianId, at(0, 9)]]),
      });
      expect(crossing.status).toBe(400);
      expect(fieldPaths(crossing.body)).toEqual(['assignments.0.workOrderId']);

      const stranger = await planner.post('/api/v1/schedules/analyze', {
        ...RANGE,
        assignments: board([[seal, foreign.org.technicianId, at(0, 9)]]),
      });
      expect(stranger.status).toBe(400);
      expect(fieldPaths(stranger.body)).toEqual(['assignments']);
      expect(stranger.body.errors[0].message).toMatch(/unknown technician/);

      const twice = await planner.post('/api/v1/schedules/analyze', {
        ...RANGE,
        assignments: board([
          [seal, org.technicianId, at(0, 9)],
          [seal, org.otherTechnicianId, at(1, 9)],
        ]),
      });
      expect(twice.status).toBe(400);
      expect(fieldPaths(twice.body)).toEqual(['assignments']);

      // A solve names the same way what it cannot take, rather than solving without it.
      for (const path of ['/api/v1/schedules/solve', '/api/v1/schedules/analyze']) {
        const selection = await planner.post(path, {
          ...RANGE,
          workOrderIds: [seal.id, theirs!.id, randomUUID()],
          technicianIds: [org.technicianId, foreign.org.technicianId],
          ...(path.endsWith('analyze') ? { assignments: [] } : { timeLimitSeconds: 0.1 }),
        });
        expect(selection.status, path).toBe(400);
        expect(fieldPaths(selection.body), path).toEqual(['workOrderIds.1', 'workOrderIds.2', 'technicianIds.1']);
      }
    });
  });
});
