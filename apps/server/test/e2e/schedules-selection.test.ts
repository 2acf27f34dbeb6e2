import type { ScheduleAnalysis, ScheduleRun } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEASIBLE_JOBS, RANGE, at, createJobs, schedulingOrganization, startRun, waitForRun } from '../support/schedule-fixtures';
import { type TestServer, startServer } from '../support/server';

const DAY = 86_400_000;
const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path);
const placedOrLeft = (run: Pick<ScheduleRun, 'assignments' | 'unassigned'>) =>
  [...run.assignments, ...run.unassigned].map((entry) => entry.workOrderId).sort();

/**
 * What a run takes (packages/contracts/src/schedules.ts): the work chosen by ids or by a filter,
 * the technicians given, and never a start in the past.
 */
describe('what a scheduling run takes', () => {
  let server: TestServer;
  let slugs = 0;
  const organization = () => schedulingOrganization(server, `selection-${++slugs}`);

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it('plans nothing in the past: a range begun earlier is planned from now on, one that is over is refused', async () => {
    const scheduling = await organization();
    const jobs = await createJobs(
      scheduling,
      FEASIBLE_JOBS.slice(0, 3).map(({ dueDate: _due, ...job }) => job),
    );
    const planner = scheduling.api('planner');
    // From three days ago over the next ten: at least six weekdays of shifts are still ahead.
    const asked = Date.now();
    const range = { from: new Date(asked - 3 * DAY).toISOString(), to: new Date(asked + 10 * DAY).toISOString() };

    const run = await waitForRun(planner, await startRun(planner, range));

    expect(run.status).toBe('DONE');
    expect(run.score).toMatchObject({ hard: 0, medium: 0 });
    expect(run.assignments.map((assignment) => assignment.workOrderId).sort()).toEqual(jobs.map((job) => job.id).sort());
    for (const assignment of run.assignments) expect(Date.parse(assignment.start)).toBeGreaterThanOrEqual(asked);
    // The run still reports the range it was asked for.
    expect(Date.parse(run.from)).toBe(Date.parse(range.from));

    const over = await planner.post('/api/v1/schedules/solve', {
      from: new Date(asked - 5 * DAY).toISOString(),
      to: new Date(asked - DAY).toISOString(),
      timeLimitSeconds: 0.1,
    });
    expect(over.status).toBe(400);
    expect(fieldPaths(over.body)).toEqual(['to']);
    expect(over.body.errors[0].message).toMatch(/past/);
  });

  it('a filter narrows the default selection, for a solve and an analysis alike', async () => {
    const scheduling = await organization();
    const [urgentFix, routine, urgentCheck, urgentLate] = await createJobs(scheduling, [
      { title: 'Replace pump seal', estimatedDuration: 60, priority: 'HIGH', dueDate: at(2, 12) },
      { title: 'Clean strainer', estimatedDuration: 60, priority: 'LOW', dueDate: at(2, 12) },
      { title: 'Inspect guard', estimatedDuration: 60, priority: 'HIGH', type: 'INSPECTION', dueDate: at(2, 12) },
      { title: 'Realign coupling', estimatedDuration: 60, priority: 'HIGH', dueDate: at(9, 12) },
    ]);
    const planner = scheduling.api('planner');
    // Routine work in progress on the same pump: outside the filter, still pinned where it is.
    const [started] = await createJobs(scheduling, [{ title: 'Rewind motor', estimatedDuration: 120, priority: 'LOW' }]);
    const booking = { technicianId: scheduling.org.technicianId, scheduledStartTime: at(0, 8), scheduledEndTime: at(0, 10) };
    expect((await planner.post(`/api/v1/work-orders/${started!.id}/assign`, booking)).status).toBe(200);
    expect((await scheduling.api('technician').post(`/api/v1/work-orders/${started!.id}/status`, { status: 'IN_PROGRESS' })).status).toBe(
      200,
    );

    const urgent = await waitForRun(planner, await startRun(planner, { filter: { priority: ['HIGH', 'CRITICAL'] } }));
    expect(placedOrLeft(urgent)).toEqual([urgentFix!.id, urgentCheck!.id, urgentLate!.id, started!.id].sort());
    expect(urgent.assignments.find((assignment) => assignment.workOrderId === started!.id)).toMatchObject({ start: at(0, 8) });

    const narrow = await waitForRun(
      planner,
      await startRun(planner, { filter: { priority: ['HIGH'], type: ['CORRECTIVE'], dueDateTo: at(5, 0), status: ['OPEN'] } }),
    );
    expect(placedOrLeft(narrow)).toEqual([urgentFix!.id, started!.id].sort());

    const equipment = await waitForRun(planner, await startRun(planner, { filter: { equipmentIds: [scheduling.org.equipmentId] } }));
    expect(placedOrLeft(equipment)).toEqual([urgentFix!.id, routine!.id, urgentCheck!.id, urgentLate!.id, started!.id].sort());

    // An analysis of an empty board counts the filtered work as unassigned, and only that.
    // (Work in progress is on every board: an analysis pins it like a solve.)
    const inProgress = { workOrderId: started!.id, technicianIds: [scheduling.org.technicianId], start: at(0, 8), end: at(0, 10) };
    const analyzed = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
      ...RANGE,
      filter: { priority: ['LOW'] },
      assignments: [inProgress],
    });
    expect(analyzed.status).toBe(200);
    expect(analyzed.body.score.hard).toBe(0);
    expect(analyzed.body.unassigned).toEqual([
      { workOrderId: routine!.id, reasons: ['not in the given schedule, though a slot is free for it'] },
    ]);
    // Work on the board counts too, outside the filter or the selected ids.
    const board = [
      inProgress,
      { workOrderId: urgentFix!.id, technicianIds: [scheduling.org.technicianId], start: at(0, 10), end: at(0, 11) },
    ];
    for (const selection of [{ filter: { priority: ['LOW'] } }, { workOrderIds: [routine!.id] }]) {
      const withBoard = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', { ...RANGE, ...selection, assignments: board });
      expect(withBoard.status, JSON.stringify(selection)).toBe(200);
      expect(withBoard.body.score.hard, JSON.stringify(selection)).toBe(0);
      expect(withBoard.body.unassigned.map((entry) => entry.workOrderId)).toEqual([routine!.id]);
    }

    const refusals: [Record<string, unknown>, string[]][] = [
      [{ workOrderIds: [routine!.id], filter: { priority: ['LOW'] } }, ['filter']],
      [{ filter: { colour: 'red' } }, ['filter']],
      [{ filter: { status: ['IN_PROGRESS'] } }, ['filter.status.0']],
      [{ filter: { priority: [] } }, ['filter.priority']],
      [{ filter: { dueDateFrom: at(3, 0), dueDateTo: at(2, 0) } }, ['filter.dueDateTo']],
      [{ filter: { equipmentIds: ['pump'] } }, ['filter.equipmentIds.0']],
    ];
    for (const [body, paths] of refusals) {
      const response = await planner.post('/api/v1/schedules/solve', { ...RANGE, timeLimitSeconds: 0.1, ...body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(response.body), JSON.stringify(body)).toEqual(paths);
    }
  });

  it('refuses selected work in progress and work booked on a technician the run leaves out, and an empty technician list', async () => {
    const scheduling = await organization();
    const { org } = scheduling;
    const planner = scheduling.api('planner');
    const [elsewhere, started] = await createJobs(scheduling, [
      { title: 'Clean strainer', estimatedDuration: 60 },
      { title: 'Rewind motor', estimatedDuration: 120 },
    ]);
    const book = async (id: string, technicianId: string, day: number) => {
      const response = await planner.post(`/api/v1/work-orders/${id}/assign`, {
        technicianId,
        scheduledStartTime: at(day, 8),
        scheduledEndTime: at(day, 10),
      });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };
    await book(elsewhere!.id, org.otherTechnicianId, 0);
    await book(started!.id, org.technicianId, 1);
    const going = await scheduling.api('technician').post(`/api/v1/work-orders/${started!.id}/status`, { status: 'IN_PROGRESS' });
    expect(going.status, JSON.stringify(going.body)).toBe(200);

    const refused = await planner.post('/api/v1/schedules/solve', {
      ...RANGE,
      timeLimitSeconds: 0.1,
      workOrderIds: [elsewhere!.id, started!.id],
      technicianIds: [org.technicianId],
    });
    expect(refused.status).toBe(400);
    expect(fieldPaths(refused.body)).toEqual(['workOrderIds.0', 'workOrderIds.1']);
    expect(refused.body.errors[0].message).toMatch(/outside the run's technicians/);
    expect(refused.body.errors[1].message).toMatch(/in progress/);
    // An analysis scores what it is given: a run's own ids, pinned work in progress among them
    // (the web app's comparison of a proposal with the current plan sends them all).
    const scored = await planner.post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
      ...RANGE,
      workOrderIds: [elsewhere!.id, started!.id],
      technicianIds: [org.technicianId],
      assignments: [{ workOrderId: started!.id, technicianIds: [org.technicianId], start: at(1, 8), end: at(1, 10) }],
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
    expect(scored.body.score.hard).toBe(0);

    for (const path of ['/api/v1/schedules/solve', '/api/v1/schedules/analyze']) {
      const extra = path.endsWith('analyze') ? { assignments: [] } : { timeLimitSeconds: 0.1 };
      const nobody = await planner.post(path, { ...RANGE, ...extra, technicianIds: [] });
      expect(nobody.status, path).toBe(400);
      expect(fieldPaths(nobody.body), path).toEqual(['technicianIds']);
    }

    // Nothing moved; with its own technician in the run, the booked work may be planned.
    expect((await planner.get(`/api/v1/work-orders/${elsewhere!.id}`)).body).toMatchObject({
      status: 'SCHEDULED',
      technicianId: org.otherTechnicianId,
      scheduledStartTime: at(0, 8),
    });
    const own = await waitForRun(
      planner,
      await startRun(planner, { workOrderIds: [elsewhere!.id], technicianIds: [org.otherTechnicianId] }),
    );
    expect(own.status).toBe('DONE');
    expect(own.assignments.map((assignment) => assignment.workOrderId)).toEqual([elsewhere!.id]);
  });
});
