import type { PublishResult, ScheduleAnalysis, ScheduleRun } from '@msched/contracts';
import { QUICK_REASON, UNPLACED_REASON } from '@msched/optimizer';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkOrdersService } from '../../src/modules/work-orders/work-orders.service';
import { equipment, scheduleRuns } from '../../src/platform/db/schema';
import { AppError, ErrorCode } from '../../src/platform/http/app-error';
import {
  type CreatedJob,
  FEASIBLE_JOBS,
  RANGE,
  type SchedulingOrganization,
  at,
  createJobs,
  schedulingOrganization,
  secondInstance,
  shiftsInRange,
  startRun,
  waitForRun,
} from '../support/schedule-fixtures';
import { type TestServer, client, startServer } from '../support/server';

/**
 * Publishing never leaves a technician double-booked and never gives up a booking the run did
 * not decide about: a proposal whose people can no longer take it, a change refused while the
 * publish applies it, booked work a run cut short never reached, a run cut short by a shutdown.
 */
describe('publishing a schedule safely', () => {
  let server: TestServer;
  let slugs = 0;
  const organization = () => schedulingOrganization(server, `publish-safety-${++slugs}`);

  beforeAll(async () => {
    server = await startServer({ SOLVER_THREADS: '1' });
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => server.close());

  /** Every booking of each work order: technician and times, as read back through the API. */
  async function bookings(scheduling: SchedulingOrganization, jobs: readonly CreatedJob[]) {
    const rows = await Promise.all(jobs.map(async (job) => (await scheduling.api('planner').get(`/api/v1/work-orders/${job.id}`)).body));
    return rows.map((row) => ({
      title: row.title,
      status: row.status,
      technicianId: row.technicianId,
      start: row.scheduledStartTime,
      end: row.scheduledEndTime,
    }));
  }

  /** Books the work on a technician (by hand, as a planner) from `start` to `end`; answers the work order. */
  async function bookOn(
    scheduling: SchedulingOrganization,
    technicianId: string,
    workOrderId: string,
    start: string,
    end: string,
    force = false,
  ): Promise<{ version: number; workOrderNumber: string }> {
    const booked = await scheduling.api('planner').post(`/api/v1/work-orders/${workOrderId}/assign`, {
      technicianId,
      scheduledStartTime: start,
      scheduledEndTime: end,
      ...(force ? { force } : {}),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    return booked.body;
  }

  /** Books the work on Tess (by hand, as a planner) from `start` to `end`; answers its new version. */
  async function bookOnTess(scheduling: SchedulingOrganization, workOrderId: string, start: string, end: string, force = false) {
    return (await bookOn(scheduling, scheduling.org.technicianId, workOrderId, start, end, force)).version;
  }

  /** Another machine of the organization, so that work on it never waits for the pump. */
  async function anotherMachine(scheduling: SchedulingOrganization, equipmentNumber: string, name: string) {
    const { org } = scheduling;
    const [machine] = await server.database.executor
      .insert(equipment)
      .values({ organizationId: org.organizationId, equipmentNumber, name, type: name, locationId: org.locationId })
      .returning();
    return machine!;
  }

  /**
   * "Move" is booked on Tess for Monday's shift; "Rebuild", on another machine, needs a level
   * of mechanics only Tess has. Over that Monday the run hands Tess's shift to Rebuild and moves
   * Move to Otto: Rebuild goes where Move is now.
   */
  async function swapScenario() {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const lathe = await anotherMachine(scheduling, 'EQ-2', 'Lathe');
    const [move] = await createJobs(scheduling, [
      { title: 'Move', estimatedDuration: 480, requiredSkills: [{ skill: 'mechanical', minLevel: 1 }] },
    ]);
    const created = await planner.post('/api/v1/work-orders', {
      type: 'CORRECTIVE',
      equipmentId: lathe.id,
      title: 'Rebuild',
      estimatedDuration: 480,
      requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
      priority: 'HIGH',
    });
    expect(created.status).toBe(201);
    const rebuild: CreatedJob = { title: 'Rebuild', estimatedDuration: 480, id: created.body.id, version: created.body.version };
    await bookOnTess(scheduling, move!.id, at(0, 8), at(0, 16));

    const run = await waitForRun(planner, await startRun(planner, { from: at(0, 0), to: at(1, 0) }));
    expect(run.status).toBe('DONE');
    const proposal = Object.fromEntries(run.assignments.map((assignment) => [assignment.workOrderId, assignment]));
    expect(proposal[rebuild.id]).toMatchObject({ technicianIds: [org.technicianId], start: at(0, 8), end: at(0, 16) });
    expect(proposal[move!.id]).toMatchObject({ technicianIds: [org.otherTechnicianId], start: at(0, 8), end: at(0, 16) });
    return { scheduling, run, move: move!, rebuild };
  }

  it('a proposal for a technician deactivated since the run is a conflict, and nothing takes the slot it does not leave', async () => {
    const { scheduling, run, move, rebuild } = await swapScenario();
    const { org } = scheduling;
    // Deactivating Otto does not change Move (its version is as the run saw it).
    expect((await scheduling.api('manager').patch(`/api/v1/technicians/${org.otherTechnicianId}`, { active: false })).status).toBe(200);

    const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);

    expect(published.status).toBe(200);
    const moveNumber = (await scheduling.api('planner').get(`/api/v1/work-orders/${move.id}`)).body.workOrderNumber;
    expect(published.body).toEqual({
      published: 0,
      unchanged: 0,
      unscheduled: 0,
      // Move stays where it is, so Rebuild, proposed into its slot, stays where it is too.
      conflicts: [
        { workOrderId: move.id, reason: 'Otto Olsen is not active', status: 'SCHEDULED' },
        { workOrderId: rebuild.id, reason: `would overlap ${moveNumber}, booked on the same technician`, status: 'OPEN' },
      ],
    });
    expect(await bookings(scheduling, [move, rebuild])).toEqual([
      { title: 'Move', status: 'SCHEDULED', technicianId: org.technicianId, start: at(0, 8), end: at(0, 16) },
      { title: 'Rebuild', status: 'OPEN', technicianId: null, start: null, end: null },
    ]);
    const tess = await scheduling.api('planner').get(`/api/v1/technicians/${org.technicianId}/schedule?start=${at(0, 0)}&end=${at(1, 0)}`);
    expect(tess.body.totalWorkOrders).toBe(1);
  });

  it('a proposal whose technician lost a skill since the run is a conflict naming the skill', async () => {
    const { scheduling, run, move, rebuild } = await swapScenario();
    const { org } = scheduling;
    // Tess's mechanics drop below what Rebuild needs; Otto still may take Move.
    const lowered = await scheduling.api('manager').patch(`/api/v1/technicians/${org.technicianId}`, {
      skills: [{ skill: 'mechanical', level: 1 }],
    });
    expect(lowered.status).toBe(200);

    const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);

    expect(published.body).toMatchObject({ published: 1, unchanged: 0, unscheduled: 0 });
    expect(published.body.conflicts).toEqual([
      { workOrderId: rebuild.id, reason: 'Tess Turner lacks mechanical level 2 (has 1)', status: 'OPEN' },
    ]);
    expect(await bookings(scheduling, [move, rebuild])).toEqual([
      { title: 'Move', status: 'SCHEDULED', technicianId: org.otherTechnicianId, start: at(0, 8), end: at(0, 16) },
      { title: 'Rebuild', status: 'OPEN', technicianId: null, start: null, end: null },
    ]);
  });

  it('a change refused while the publish applies it undoes the publish, which is made again without it', async () => {
    const { scheduling, run, move, rebuild } = await swapScenario();
    const { org } = scheduling;
    // Whatever the checks before it could not foresee: the booking of Move is refused.
    const workOrders = server.app.get(WorkOrdersService);
    const assign = workOrders.assign.bind(workOrders);
    vi.spyOn(workOrders, 'assign').mockImplementation((principal, id, ...rest) =>
      id === move.id
        ? Promise.reject(new AppError(ErrorCode.ScheduleConflict, 'Otto Olsen cannot take it'))
        : assign(principal, id, ...rest),
    );

    const published = await scheduling.api('planner').post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);

    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ published: 0, unchanged: 0, unscheduled: 0 });
    expect(published.body.conflicts.map((conflict) => [conflict.workOrderId, conflict.reason.replace(/WO-\d+/, 'WO')])).toEqual(
      expect.arrayContaining([
        [move.id, 'Otto Olsen cannot take it'],
        [rebuild.id, 'would overlap WO, booked on the same technician'],
      ]),
    );
    expect(published.body.conflicts).toHaveLength(2);
    expect(await bookings(scheduling, [move, rebuild])).toEqual([
      { title: 'Move', status: 'SCHEDULED', technicianId: org.technicianId, start: at(0, 8), end: at(0, 16) },
      { title: 'Rebuild', status: 'OPEN', technicianId: null, start: null, end: null },
    ]);
    // Nothing of the undone attempt remains: Rebuild is as it was created.
    expect((await scheduling.api('planner').get(`/api/v1/work-orders/${rebuild.id}`)).body.version).toBe(rebuild.version);
  });

  it('keeps the booking of work the run ended before deciding about, and gives up only what it found no room for', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const [unreached, unanalysed, noRoom] = await createJobs(scheduling, FEASIBLE_JOBS.slice(0, 3));
    const versions: Record<string, number> = {};
    for (const [job, technicianId, hour] of [
      [unreached!, org.technicianId, 8],
      [unanalysed!, org.technicianId, 12],
      [noRoom!, org.otherTechnicianId, 8],
    ] as const) {
      const booked = await planner.post(`/api/v1/work-orders/${job.id}/assign`, {
        technicianId,
        scheduledStartTime: at(0, hour),
        scheduledEndTime: at(0, hour + 2),
        force: true,
      });
      expect(booked.status).toBe(200);
      versions[job.id] = booked.body.version;
    }
    // A run cut short, as stored: the first two it never decided about, the third it did.
    const [run] = await server.database.executor
      .insert(scheduleRuns)
      .values({
        organizationId: org.organizationId,
        createdBy: org.users.planner.id,
        status: 'STOPPED',
        mode: 'full',
        rangeStart: new Date(RANGE.from),
        rangeEnd: new Date(RANGE.to),
        request: {},
        baseline: versions,
        progress: { elapsedMs: 100, bestScoreHistory: [] },
        solution: {
          assignments: [],
          unassigned: [
            { jobId: unreached!.id, reasons: [UNPLACED_REASON] },
            { jobId: unanalysed!.id, reasons: [QUICK_REASON] },
            { jobId: noRoom!.id, reasons: ['left unassigned: lower priority than the work that fills the capacity'] },
          ],
          analysis: [],
        },
      })
      .returning();

    const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run!.id}/publish`);

    expect(published.status).toBe(200);
    const undecided = 'the run ended before deciding about it: left where it is';
    expect(published.body).toEqual({
      published: 0,
      unchanged: 0,
      unscheduled: 1,
      conflicts: expect.arrayContaining([
        { workOrderId: unreached!.id, reason: undecided, status: 'SCHEDULED' },
        { workOrderId: unanalysed!.id, reason: undecided, status: 'SCHEDULED' },
      ]),
    });
    expect(published.body.conflicts).toHaveLength(2);
    expect(await bookings(scheduling, [unreached!, unanalysed!, noRoom!])).toEqual([
      { title: unreached!.title, status: 'SCHEDULED', technicianId: org.technicianId, start: at(0, 8), end: at(0, 10) },
      { title: unanalysed!.title, status: 'SCHEDULED', technicianId: org.technicianId, start: at(0, 12), end: at(0, 14) },
      { title: noRoom!.title, status: 'OPEN', technicianId: null, start: null, end: null },
    ]);
  });

  it('keeps overdue compliance work booked: planned as soon as possible, not given up for a window already over', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const [inspection] = await createJobs(scheduling, [
      { title: 'Quarterly pressure test', estimatedDuration: 120, type: 'PREVENTIVE', dueDate: at(-3, 12) },
    ]);
    await bookOnTess(scheduling, inspection!.id, at(1, 8), at(1, 10));
    // Its compliance window closed on the Sunday before the range: no one can meet it any more.
    await server.database.rows(sql`update work_orders set compliance_window_end = ${at(-1, 0)}::timestamptz where id = ${inspection!.id}`);

    const run = await waitForRun(planner, await startRun(planner));
    expect(run.unassigned).toEqual([]);
    // The earliest shift of the range, on Tess (its preferred technician): every hour sooner is
    // an hour less late.
    expect(run.assignments).toEqual([
      expect.objectContaining({ workOrderId: inspection!.id, technicianIds: [org.technicianId], start: at(0, 8), end: at(0, 10) }),
    ]);
    const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toEqual({ published: 1, unchanged: 0, unscheduled: 0, conflicts: [] });
    expect(await bookings(scheduling, [inspection!])).toEqual([
      { title: inspection!.title, status: 'SCHEDULED', technicianId: org.technicianId, start: at(0, 8), end: at(0, 10) },
    ]);
  });

  it('keeps a booking outside the range of a run that found no room for the work inside it', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const [overhaul] = await createJobs(scheduling, [{ title: 'Gearbox overhaul', estimatedDuration: 480 }]);
    await bookOnTess(scheduling, overhaul!.id, at(21, 8), at(21, 16));

    // Chosen by hand for a Saturday nobody works.
    const run = await waitForRun(planner, await startRun(planner, { from: at(5, 0), to: at(6, 0), workOrderIds: [overhaul!.id] }));
    expect(run.assignments).toEqual([]);
    expect(run.unassigned).toEqual([{ workOrderId: overhaul!.id, reasons: ['no availability window before the horizon ends'] }]);
    const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);

    expect(published.status).toBe(200);
    expect(published.body).toEqual({
      published: 0,
      unchanged: 0,
      unscheduled: 0,
      conflicts: [
        { workOrderId: overhaul!.id, reason: "no room in the run's range, and booked outside it: left where it is", status: 'SCHEDULED' },
      ],
    });
    expect(await bookings(scheduling, [overhaul!])).toEqual([
      { title: overhaul!.title, status: 'SCHEDULED', technicianId: org.technicianId, start: at(21, 8), end: at(21, 16) },
    ]);
  });

  it('work in progress holds its crew for its whole booking, not just its estimate: nothing is planned into the rest', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const [pinned] = await createJobs(scheduling, [{ title: 'Bearing swap', estimatedDuration: 60 }]);
    await bookOnTess(scheduling, pinned!.id, at(0, 8), at(0, 12), true);
    expect((await scheduling.api('technician').post(`/api/v1/work-orders/${pinned!.id}/status`, { status: 'IN_PROGRESS' })).status).toBe(
      200,
    );
    // Electrical work only Tess can do, on another machine, due at 13:00.
    const lathe = await anotherMachine(scheduling, 'EQ-3', 'Lathe');
    const created = await planner.post('/api/v1/work-orders', {
      type: 'CORRECTIVE',
      equipmentId: lathe.id,
      title: 'Rewire lathe',
      estimatedDuration: 240,
      requiredSkills: [{ skill: 'electrical', minLevel: 1 }],
      priority: 'HIGH',
      dueDate: at(0, 13),
    });
    expect(created.status).toBe(201);

    const run = await waitForRun(planner, await startRun(planner));
    expect(run.assignments.find((assignment) => assignment.workOrderId === created.body.id)).toMatchObject({
      technicianIds: [org.technicianId],
      start: at(0, 12),
      end: at(0, 16),
    });
    const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
    expect(published.body).toEqual({ published: 1, unchanged: 1, unscheduled: 0, conflicts: [] });
  });

  it('booked work the run does not plan holds its machine: work on the pump waits for Otto to finish there', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    // Otto is booked on the pump Monday 08:00–12:00; the run plans Tess alone, so it cannot move him.
    const [inspection, seal] = await createJobs(scheduling, [
      { title: 'Inspect pump', estimatedDuration: 240 },
      { title: 'Replace seal', estimatedDuration: 120, priority: 'HIGH', dueDate: at(0, 10) },
    ]);
    await bookOn(scheduling, org.otherTechnicianId, inspection!.id, at(0, 8), at(0, 12));
    const scope = { from: at(0, 0), to: at(1, 0), technicianIds: [org.technicianId] };

    // Due at 10:00, the seal would go first thing on Tess's free shift; the pump is free from 12:00.
    const run = await waitForRun(planner, await startRun(planner, scope));
    expect(run.status).toBe('DONE');
    expect(run.assignments).toEqual([
      expect.objectContaining({ workOrderId: seal!.id, technicianIds: [org.technicianId], start: at(0, 12), end: at(0, 14) }),
    ]);
    expect(run.score?.hard).toBe(0);

    // A planner's board with the seal at 08:00 is charged the two hours it shares the pump with Otto.
    const analyzed = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
      ...scope,
      assignments: [{ workOrderId: seal!.id, technicianIds: [org.technicianId], start: at(0, 8), end: at(0, 10) }],
    });
    expect(analyzed.status).toBe(200);
    expect(analyzed.body.score.hard).toBe(-120);
    expect(analyzed.body.analysis.find((total) => total.constraint === 'equipmentOverlap')).toMatchObject({
      level: 'hard',
      total: 120,
      workOrders: [{ workOrderId: seal!.id, penalty: 120 }],
    });
  });

  it('a proposal on a machine booked for other work since the run is a conflict, and the work stays where it is', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const [seal] = await createJobs(scheduling, [{ title: 'Replace seal', estimatedDuration: 120, priority: 'HIGH', dueDate: at(0, 10) }]);
    const run = await waitForRun(planner, await startRun(planner, { from: at(0, 0), to: at(1, 0), technicianIds: [org.technicianId] }));
    expect(run.assignments).toEqual([expect.objectContaining({ workOrderId: seal!.id, start: at(0, 8), end: at(0, 10) })]);

    // Meanwhile Otto is booked on the pump for the same morning: the seal's own version is unchanged.
    const [inspection] = await createJobs(scheduling, [{ title: 'Inspect pump', estimatedDuration: 240 }]);
    const booked = await bookOn(scheduling, org.otherTechnicianId, inspection!.id, at(0, 8), at(0, 12));

    const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toEqual({
      published: 0,
      unchanged: 0,
      unscheduled: 0,
      conflicts: [
        { workOrderId: seal!.id, reason: `would overlap ${booked.workOrderNumber}, booked on the same equipment`, status: 'OPEN' },
      ],
    });
    expect(await bookings(scheduling, [seal!, inspection!])).toEqual([
      { title: 'Replace seal', status: 'OPEN', technicianId: null, start: null, end: null },
      { title: 'Inspect pump', status: 'SCHEDULED', technicianId: org.otherTechnicianId, start: at(0, 8), end: at(0, 12) },
    ]);
  });

  it('work without an estimate keeps the working time of its booking, however many nights that booking spans', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const created = await planner.post('/api/v1/work-orders', {
      type: 'CORRECTIVE',
      equipmentId: org.equipmentId,
      title: 'Inspect gearbox',
    });
    expect(created.status).toBe(201);
    expect(created.body.estimatedDuration).toBeNull();
    const job = created.body as CreatedJob;
    // Monday 14:00 to Tuesday 10:00: four working hours over a night.
    await bookOnTess(scheduling, job.id, at(0, 14), at(1, 10), true);

    for (let round = 0; round < 2; round++) {
      const run = await waitForRun(planner, await startRun(planner, { workOrderIds: [job.id] }));
      const [assignment] = run.assignments;
      const [start, end] = [Date.parse(assignment!.start), Date.parse(assignment!.end)];
      const workedMs = shiftsInRange().reduce(
        (sum, shift) => sum + Math.max(0, Math.min(end, shift.end) - Math.max(start, shift.start)),
        0,
      );
      expect(workedMs / 3_600_000).toBe(4);
      const published = await planner.post<PublishResult>(`/api/v1/schedules/runs/${run.runId}/publish`);
      expect(published.body.conflicts).toEqual([]);
    }
  });

  it('a run cut short by its instance shutting down is FAILED, and cannot be published', async () => {
    const scheduling = await organization();
    // One job nobody can do: the run never becomes perfect, so it solves until it is cut short.
    const jobs = await createJobs(scheduling, [
      FEASIBLE_JOBS[0]!,
      { title: 'Rebuild hydraulic ram', estimatedDuration: 120, requiredSkills: [{ skill: 'hydraulics', minLevel: 1 }] },
    ]);
    const other = await secondInstance(server);
    const here = scheduling.api('planner');
    const runId = await startRun(client(other.baseUrl, scheduling.tokens.planner), { timeLimitSeconds: 60 });
    const solving = await waitForRun(here, runId, (run) => run.score !== null || run.status !== 'SOLVING');
    expect(solving.status).toBe('SOLVING');

    await other.close();

    const run = (await here.get<ScheduleRun>(`/api/v1/schedules/runs/${runId}`)).body;
    expect(run).toMatchObject({ status: 'FAILED', error: 'the instance running this solve stopped before it finished' });
    const published = await here.post(`/api/v1/schedules/runs/${runId}/publish`);
    expect(published.status).toBe(409);
    expect(published.body.detail).toBe('The run failed (the instance running this solve stopped before it finished): nothing to publish');
    for (const job of jobs)
      expect((await here.get(`/api/v1/work-orders/${job.id}`)).body).toMatchObject({ status: 'OPEN', version: job.version });
  });
});
