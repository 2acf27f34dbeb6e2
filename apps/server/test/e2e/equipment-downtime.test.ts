import type { ScheduleAnalysis } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, type SchedulingOrganization, schedulingOrganization, startRun, waitForRun } from '../support/schedule-fixtures';
import { type TestServer, startServer } from '../support/server';

/** Wednesday 08:00–12:00 UTC, and a dated shutdown on the second Friday (day 11 of the range). */
const WINDOWS = {
  timezone: 'UTC',
  weeklyPattern: [{ weekday: 3, start: '08:00', end: '12:00' }],
  exceptions: [{ start: at(11, 8), end: at(11, 16), available: true, reason: 'Line shutdown' }],
};

/**
 * Work that needs its equipment down: the equipment's maintenance windows (weekly, in its time
 * zone, with dated additions and exclusions), and a booking by hand, a run and an analysis
 * that keep such work inside them.
 */
describe('maintenance windows and downtime work', () => {
  let server: TestServer;
  let slugs = 0;
  let scheduling: SchedulingOrganization;

  beforeAll(async () => {
    server = await startServer();
    scheduling = await schedulingOrganization(server, `downtime-${++slugs}`);
  });
  afterAll(() => server.close());

  const planner = () => scheduling.api('planner');

  const machine = async (windows: unknown = null): Promise<{ id: string; equipmentNumber: string; version: number }> => {
    const response = await planner().post('/api/v1/equipment', {
      equipmentNumber: `PRESS-${++slugs}`,
      name: 'Press',
      type: 'Press',
      locationId: scheduling.org.locationId,
      ...(windows ? { maintenanceWindows: windows } : {}),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  const downtimeWork = async (equipmentId: string, estimatedDuration = 120) => {
    const response = await planner().post('/api/v1/work-orders', {
      title: 'Replace die',
      equipmentId,
      estimatedDuration,
      requiresDowntime: true,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.requiresDowntime).toBe(true);
    return response.body as { id: string; workOrderNumber: string };
  };

  it('keeps the windows on the equipment; the same windows sent again change nothing; a bad time zone is a 400', async () => {
    const press = await machine();
    expect(press).toMatchObject({ maintenanceWindows: null });
    const set = await planner().patch(`/api/v1/equipment/${press.id}`, { maintenanceWindows: WINDOWS });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ maintenanceWindows: WINDOWS, version: press.version + 1 });
    // The same windows with their keys in another order (jsonb keeps none): no new version.
    const again = await planner().patch(`/api/v1/equipment/${press.id}`, {
      maintenanceWindows: {
        exceptions: WINDOWS.exceptions,
        weeklyPattern: [{ end: '12:00', start: '08:00', weekday: 3 }],
        timezone: 'UTC',
      },
    });
    expect(again.body.version).toBe(press.version + 1);
    const bad = await planner().patch(`/api/v1/equipment/${press.id}`, {
      maintenanceWindows: { timezone: 'Mars/Olympus', weeklyPattern: [] },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((error) => error.path)).toEqual(['maintenanceWindows.timezone']);
    const cleared = await planner().patch(`/api/v1/equipment/${press.id}`, { maintenanceWindows: null });
    expect(cleared.body).toMatchObject({ maintenanceWindows: null, version: press.version + 2 });
  });

  it('refuses (409) a booking by hand outside the windows, or on equipment without any, and takes one inside', async () => {
    const press = await machine(WINDOWS);
    const work = await downtimeWork(press.id);
    const assign = (start: string, end: string, id = work.id, technicianId = scheduling.org.technicianId) =>
      planner().post(`/api/v1/work-orders/${id}/assign`, {
        technicianId,
        scheduledStartTime: start,
        scheduledEndTime: end,
      });
    // Wednesday is day 2: 11:00–13:00 runs an hour past the window.
    const outside = await assign(at(2, 11), at(2, 13));
    expect(outside.status).toBe(409);
    expect(outside.body.conflicts.maintenanceWindow).toEqual({ equipmentId: press.id, minutesShort: 60 });
    expect(outside.body.detail).toContain("holds 60 min too little of the crew's time inside its maintenance windows");
    expect((await assign(at(2, 9), at(2, 11))).status).toBe(200);
    // Longer than a window: the work goes on in the next one, as a run plans it (Wednesday 08–12,
    // then the next Wednesday 08–10: the crew's shifts between hold no window).
    const other = await machine(WINDOWS);
    const long = await downtimeWork(other.id, 360);
    const otto = scheduling.org.otherTechnicianId;
    expect((await assign(at(2, 14), at(9, 10), long.id, otto)).status).toBe(409);
    const spread = await assign(at(2, 8), at(9, 10), long.id, otto);
    expect(spread.status, JSON.stringify(spread.body)).toBe(200);
    // The dated shutdown is a window too.
    const shutdownWork = await downtimeWork(press.id);
    expect((await assign(at(11, 9), at(11, 11), shutdownWork.id)).status).toBe(200);

    const bare = await machine();
    const none = await downtimeWork(bare.id);
    const refused = await assign(at(2, 9), at(2, 11), none.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('no maintenance windows are defined for it');
  });

  it('plans downtime work only inside the windows, explains work on equipment without any, and charges a board that ignores them', async () => {
    const own = await schedulingOrganization(server, `downtime-${++slugs}`);
    const previous = scheduling;
    scheduling = own;
    try {
      const press = await machine(WINDOWS);
      const die = await downtimeWork(press.id, 180);
      const bare = await machine();
      const stranded = await downtimeWork(bare.id, 60);
      const run = await waitForRun(planner(), await startRun(planner()));
      expect(run.score?.hard).toBe(0);
      const placed = run.assignments.find((assignment) => assignment.workOrderId === die.id)!;
      const windows = [
        [at(2, 8), at(2, 12)],
        [at(9, 8), at(9, 12)],
        [at(11, 8), at(11, 16)],
      ].map(([start, end]) => [Date.parse(start!), Date.parse(end!)]);
      expect(windows.some(([start, end]) => Date.parse(placed.start) >= start! && Date.parse(placed.end) <= end!)).toBe(true);
      expect(run.unassigned).toEqual([
        { workOrderId: stranded.id, reasons: [expect.stringContaining(`equipment ${bare.id} has no maintenance window`)] },
      ]);

      const analysis = await planner().post<ScheduleAnalysis>('/api/v1/schedules/analyze', {
        workOrderIds: [die.id],
        from: at(0, 0),
        to: at(12, 0),
        assignments: [{ workOrderId: die.id, technicianIds: [own.org.technicianId], start: at(0, 8), end: at(0, 11) }],
      });
      expect(analysis.status, JSON.stringify(analysis.body)).toBe(200);
      expect(analysis.body.analysis.find((entry) => entry.constraint === 'maintenanceWindow')).toMatchObject({
        total: 180,
        workOrders: [{ workOrderId: die.id, penalty: 180 }],
      });
    } finally {
      scheduling = previous;
    }
  });

  it('refuses (409) new windows that no longer hold downtime work booked on the equipment, and takes them once it is moved', async () => {
    const press = await machine(WINDOWS);
    const work = await downtimeWork(press.id);
    const booked = await planner().post(`/api/v1/work-orders/${work.id}/assign`, {
      technicianId: scheduling.org.technicianId,
      scheduledStartTime: at(9, 8),
      scheduledEndTime: at(9, 10),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    const thursdays = { timezone: 'UTC', weeklyPattern: [{ weekday: 4, start: '08:00', end: '12:00' }], exceptions: [] };
    const refused = await planner().patch(`/api/v1/equipment/${press.id}`, { maintenanceWindows: thursdays });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`${work.workOrderNumber} is booked to have it down outside these maintenance windows`);
    expect(refused.body.conflicts.maintenanceWindows).toEqual([
      { workOrderId: work.id, workOrderNumber: work.workOrderNumber, minutesShort: 120 },
    ]);
    expect((await planner().patch(`/api/v1/equipment/${press.id}`, { maintenanceWindows: null })).status).toBe(409);
    expect((await planner().get(`/api/v1/equipment/${press.id}`)).body).toMatchObject({
      maintenanceWindows: WINDOWS,
      version: press.version,
    });
    // Windows that still hold it are taken; once the work is unbooked, any are.
    const wider = { ...WINDOWS, weeklyPattern: [...WINDOWS.weeklyPattern, ...thursdays.weeklyPattern] };
    expect((await planner().patch(`/api/v1/equipment/${press.id}`, { maintenanceWindows: wider })).status).toBe(200);
    expect((await planner().post(`/api/v1/work-orders/${work.id}/status`, { status: 'OPEN' })).status).toBe(200);
    expect((await planner().patch(`/api/v1/equipment/${press.id}`, { maintenanceWindows: thursdays })).status).toBe(200);
  });

  it('publishes no downtime work outside windows changed since the run', async () => {
    const own = await schedulingOrganization(server, `downtime-${++slugs}`);
    const previous = scheduling;
    scheduling = own;
    try {
      const press = await machine(WINDOWS);
      const die = await downtimeWork(press.id, 120);
      const runId = await startRun(planner(), { workOrderIds: [die.id] });
      const run = await waitForRun(planner(), runId);
      expect(run.assignments.map((assignment) => assignment.workOrderId)).toEqual([die.id]);
      const thursdays = { timezone: 'UTC', weeklyPattern: [{ weekday: 4, start: '08:00', end: '12:00' }], exceptions: [] };
      expect((await planner().patch(`/api/v1/equipment/${press.id}`, { maintenanceWindows: thursdays })).status).toBe(200);
      const published = await planner().post(`/api/v1/schedules/runs/${runId}/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({ published: 0 });
      expect(published.body.conflicts).toEqual([
        expect.objectContaining({
          workOrderId: die.id,
          reason: "its equipment's maintenance windows no longer hold it then (changed since the run started)",
        }),
      ]);
      expect((await planner().get(`/api/v1/work-orders/${die.id}`)).body).toMatchObject({ status: 'OPEN', scheduledStartTime: null });
    } finally {
      scheduling = previous;
    }
  });
});
