import type { Priority, WorkOrderStatus } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { HOUR_MS, type WorkOrderSeed, idOf, insertEquipment, insertWorkOrders, utc } from '../support/query-fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

/**
 * Every figure below is worked out by hand from the handful of rows inserted for it; the
 * comments show the arithmetic. Rows are written straight into the database before any read.
 */
describe('metric definitions, computed by hand', () => {
  let server: TestServer;
  let dash: OrganizationFixture;
  let crew: OrganizationFixture;
  let dashTokens: Record<RoleKey, string>;
  let crewTokens: Record<RoleKey, string>;
  let mixer: string;
  let conveyor: string;

  /** A work order with actual start and end `hours` apart, ending at `end`. */
  const finished = (end: Date, hours: number) => ({ actualStartTime: new Date(end.getTime() - hours * HOUR_MS), actualEndTime: end });
  const booked = (start: Date, end: Date) => ({ scheduledStartTime: start, scheduledEndTime: end });

  beforeAll(async () => {
    server = await startServer();
    dash = await createOrganization(server.database, 'dash');
    crew = await createOrganization(server.database, 'crew');
    [dashTokens, crewTokens] = await Promise.all([tokensFor(server.baseUrl, dash), tokensFor(server.baseUrl, crew)]);

    // Dashboard organization: Tess (T1), Otto (T2); Feed pump (fixture), Mixer, Belt conveyor.
    mixer = await insertEquipment(server.database, dash.organizationId, { equipmentNumber: 'MX-1', name: 'Mixer', type: 'Mixer' });
    conveyor = await insertEquipment(server.database, dash.organizationId, {
      equipmentNumber: 'CV-1',
      name: 'Belt conveyor',
      type: 'Conveyor',
    });
    const [tess, otto] = [dash.technicianId, dash.otherTechnicianId];
    const past = utc('2020-01-01');
    const future = utc('2099-01-01');
    const d = (n: number, status: WorkOrderStatus, priority: Priority, extra: Partial<WorkOrderSeed>): WorkOrderSeed => ({
      id: idOf(n, 4),
      number: n,
      status,
      priority,
      ...extra,
    });
    await insertWorkOrders(server.database, dash, [
      d(1, 'OPEN', 'HIGH', { dueDate: past }),
      d(2, 'SCHEDULED', 'CRITICAL', { dueDate: future, technicianId: tess }),
      d(3, 'IN_PROGRESS', 'LOW', { dueDate: past, technicianId: otto }),
      d(4, 'ON_HOLD', 'MEDIUM', { dueDate: null, technicianId: otto, equipmentId: mixer }),
      d(5, 'PENDING_APPROVAL', 'HIGH', { dueDate: past, technicianId: otto, equipmentId: mixer }),
      // Otto worked 6 in Tess's crew.
      d(6, 'COMPLETED', 'CRITICAL', {
        dueDate: past,
        technicianId: tess,
        crewTechnicianIds: [otto],
        ...finished(utc('2031-01-06', 10), 2),
      }),
      d(7, 'CLOSED', 'HIGH', { technicianId: tess, ...finished(utc('2031-01-07', 12), 4) }),
      d(8, 'COMPLETED', 'MEDIUM', { technicianId: otto, equipmentId: mixer, ...finished(utc('2031-01-08', 12), 3) }),
      d(9, 'CANCELLED', 'HIGH', { dueDate: past, technicianId: otto, equipmentId: mixer, ...finished(utc('2031-01-09', 20), 10) }),
      d(10, 'COMPLETED', 'LOW', { technicianId: tess, equipmentId: conveyor, ...finished(utc('2031-01-10', 9), 0.5) }),
      // Deleted: counts nowhere.
      d(11, 'COMPLETED', 'HIGH', { dueDate: past, technicianId: otto, equipmentId: conveyor, deletedAt: past, ...finished(past, 5) }),
    ]);

    // Crew organization: Tess works Mon–Fri 08:00–16:00 UTC, on leave Wednesday 2031-03-05.
    const compressor = await insertEquipment(server.database, crew.organizationId, {
      equipmentNumber: 'AC-1',
      name: 'Air compressor',
      type: 'Compressor',
    });
    const belt = await insertEquipment(server.database, crew.organizationId, {
      equipmentNumber: 'CV-1',
      name: 'Belt conveyor',
      type: 'Conveyor',
    });
    const t1 = crew.technicianId;
    const c = (n: number, status: WorkOrderStatus, extra: Partial<WorkOrderSeed>): WorkOrderSeed => ({
      id: idOf(n, 5),
      number: n,
      status,
      technicianId: t1,
      ...extra,
    });
    await insertWorkOrders(server.database, crew, [
      // Week of Monday 2031-03-03 (schedule).
      c(1, 'SCHEDULED', booked(utc('2031-03-03', 8), utc('2031-03-03', 12))),
      c(2, 'SCHEDULED', booked(utc('2031-03-03', 10), utc('2031-03-03', 14))),
      c(3, 'IN_PROGRESS', booked(utc('2031-03-04', 9), utc('2031-03-04', 11, 30))),
      c(4, 'PENDING_APPROVAL', booked(utc('2031-03-02', 22), utc('2031-03-03', 2))),
      c(5, 'COMPLETED', booked(utc('2031-03-06', 8), utc('2031-03-06', 10))),
      c(6, 'SCHEDULED', { ...booked(utc('2031-03-04', 8), utc('2031-03-04', 16)), technicianId: crew.otherTechnicianId }),
      c(7, 'SCHEDULED', booked(utc('2031-03-10', 0), utc('2031-03-10', 2))),
      c(8, 'ON_HOLD', booked(utc('2031-03-07', 8), utc('2031-03-07', 9))),
      // Week of Monday 2031-03-10 (performance).
      c(11, 'COMPLETED', {
        ...finished(utc('2031-03-11', 10), 2),
        dueDate: utc('2031-03-12'),
        actualDuration: 120,
        completion: { firstTimeFix: true },
      }),
      c(12, 'CLOSED', {
        ...finished(utc('2031-03-11', 12), 3),
        dueDate: utc('2031-03-11', 11),
        actualDuration: 150,
        completion: { firstTimeFix: false },
      }),
      c(13, 'COMPLETED', {
        ...finished(utc('2031-03-12', 14, 30), 1.5),
        equipmentId: compressor,
        actualDuration: 90,
        completion: { firstTimeFix: true },
      }),
      c(14, 'COMPLETED', { ...finished(utc('2031-03-13', 11), 1), equipmentId: belt, dueDate: utc('2031-03-13', 11), actualDuration: 60 }),
      c(15, 'COMPLETED', { ...finished(utc('2031-03-09', 12), 2), dueDate: utc('2031-03-09'), actualDuration: 120 }),
      c(16, 'CANCELLED', { ...finished(utc('2031-03-12', 9), 1), actualDuration: 60 }),
      c(17, 'IN_PROGRESS', { dueDate: utc('2031-03-14', 12) }),
      c(18, 'COMPLETED', { ...finished(utc('2031-03-12', 10), 1), technicianId: crew.otherTechnicianId, actualDuration: 60 }),
      c(19, 'COMPLETED', { ...finished(utc('2031-03-17'), 1), actualDuration: 60, completion: { firstTimeFix: true } }),
    ]);
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' }));
    const availability = await client(server.baseUrl, crewTokens.planner).put(`/api/v1/technicians/${t1}/availability`, {
      timezone: 'UTC',
      weeklyPattern: weekdays,
      exceptions: [{ start: '2031-03-05T00:00:00Z', end: '2031-03-06T00:00:00Z', available: false, reason: 'leave' }],
    });
    expect(availability.status, JSON.stringify(availability.body)).toBe(200);
  });
  afterAll(() => server.close());

  it('dashboard stats: totals, open, overdue, high priority, mean completion hours, top technicians and equipment', async () => {
    const stats = await client(server.baseUrl, dashTokens.manager).get('/api/v1/work-orders/dashboard/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      totalWorkOrders: 10, // 1–10; 11 is deleted
      openWorkOrders: 5, // 1 OPEN, 2 SCHEDULED, 3 IN_PROGRESS, 4 ON_HOLD, 5 PENDING_APPROVAL
      overdueWorkOrders: 3, // open and due in 2020: 1, 3, 5 (4 has no due date, 2 is due in 2099)
      highPriorityWorkOrders: 3, // open HIGH/CRITICAL: 1, 2, 5 (6, 7 finished, 9 cancelled)
    });
    // COMPLETED or CLOSED: 6 (2 h), 7 (4 h), 8 (3 h), 10 (0.5 h) → 9.5 / 4; the cancelled 9 (10 h) does not count.
    expect(stats.body.averageCompletionTime).toBeCloseTo(2.375, 9);
    // Completed work of each, led or in the crew: Tess 6, 7, 10; Otto 8 and 6 (crew).
    expect(stats.body.topTechnicians).toEqual([
      { technicianId: dash.technicianId, name: 'Tess Turner', completedCount: 3 },
      { technicianId: dash.otherTechnicianId, name: 'Otto Olsen', completedCount: 2 },
    ]);
    expect(stats.body.equipmentWithMostWorkOrders).toEqual([
      { equipmentId: dash.equipmentId, name: 'Feed pump', workOrderCount: 5 },
      { equipmentId: mixer, name: 'Mixer', workOrderCount: 4 },
      { equipmentId: conveyor, name: 'Belt conveyor', workOrderCount: 1 },
    ]);
  });

  it('a technician’s dashboard counts only their own work', async () => {
    const stats = await client(server.baseUrl, dashTokens.technician).get('/api/v1/work-orders/dashboard/stats');
    // Tess: 2 (SCHEDULED, CRITICAL, due 2099), 6, 7, 10.
    expect(stats.body).toMatchObject({ totalWorkOrders: 4, openWorkOrders: 1, overdueWorkOrders: 0, highPriorityWorkOrders: 1 });
    expect(stats.body.averageCompletionTime).toBeCloseTo(6.5 / 3, 9);
    // Of what she sees, Otto was in the crew of 6.
    expect(stats.body.topTechnicians).toEqual([
      { technicianId: dash.technicianId, name: 'Tess Turner', completedCount: 3 },
      { technicianId: dash.otherTechnicianId, name: 'Otto Olsen', completedCount: 1 },
    ]);
    expect(stats.body.equipmentWithMostWorkOrders.map((row: any) => [row.name, row.workOrderCount])).toEqual([
      ['Feed pump', 3],
      ['Belt conveyor', 1],
    ]);
  });

  const week = (monday: string, next: string) => `start=${monday}T00:00:00Z&end=${next}T00:00:00Z`;

  it('schedule: available shift hours, booked hours with overlaps once and clipped to the range, utilization', async () => {
    const schedule = await client(server.baseUrl, crewTokens.planner).get(
      `/api/v1/technicians/${crew.technicianId}/schedule?${week('2031-03-03', '2031-03-10')}`,
    );
    expect(schedule.status).toBe(200);
    expect(schedule.body).toMatchObject({
      technicianId: crew.technicianId,
      start: '2031-03-03T00:00:00.000Z',
      end: '2031-03-10T00:00:00.000Z',
      // Mon, Tue, Thu, Fri × 8 h; Wednesday is leave.
      availableHours: 32,
      // Monday 08–12 ∪ 10–14 = 6 h; Tuesday 09:00–11:30 = 2.5 h; Sunday 22:00–Monday 02:00 clipped = 2 h.
      totalHoursScheduled: 10.5,
      totalWorkOrders: 4,
      // 10.5 / 32 × 100 = 32.8125
      utilization: 32.81,
    });
    // 5 is COMPLETED, 8 ON_HOLD, 6 someone else's, 7 starts at the end of the range.
    expect(schedule.body.workOrders.map((row: any) => row.id)).toEqual([idOf(4, 5), idOf(1, 5), idOf(2, 5), idOf(3, 5)]);
    expect(schedule.body.workOrders.every((row: any) => row.equipment?.equipmentNumber === 'EQ-1')).toBe(true);
  });

  it('performance over an explicit range: completion, on-time, first-time-fix and utilization rates, equipment types', async () => {
    const performance = await client(server.baseUrl, crewTokens.planner).get(
      `/api/v1/technicians/${crew.technicianId}/performance?${week('2031-03-10', '2031-03-17')}`,
    );
    expect(performance.status).toBe(200);
    expect(performance.body).toEqual({
      technicianId: crew.technicianId,
      start: '2031-03-10T00:00:00.000Z',
      end: '2031-03-17T00:00:00.000Z',
      // Finished in range: 11, 12, 13, 14; plus 17 (due in range) and 7 (scheduled to start in range).
      totalWorkOrders: 6,
      // 15 ended before the range, 19 at its (exclusive) end, 16 was cancelled, 18 is Otto's.
      completedWorkOrders: 4,
      // With a due date: 11 (on time), 12 (late), 14 (exactly on the due time) → 2 / 3.
      onTimeCompletionRate: 66.67,
      // (2 + 3 + 1.5 + 1) / 4 = 1.875
      averageCompletionTime: 1.88,
      // 11 and 13 of 4.
      firstTimeFixRate: 50,
      // (120 + 150 + 90 + 60) min = 7 h of 5 × 8 = 40 h.
      utilizationRate: 17.5,
      topEquipmentTypes: [
        { equipmentType: 'Pump', count: 2 },
        { equipmentType: 'Compressor', count: 1 },
        { equipmentType: 'Conveyor', count: 1 },
      ],
    });
  });

  it('a technician reads their own schedule and performance; a colleague’s is 404; a requester is refused', async () => {
    const range = week('2031-03-03', '2031-03-10');
    const own = client(server.baseUrl, crewTokens.technician);
    const planner = client(server.baseUrl, crewTokens.planner);
    for (const figure of ['schedule', 'performance']) {
      const mine = await own.get(`/api/v1/technicians/${crew.technicianId}/${figure}?${range}`);
      expect(mine.status, figure).toBe(200);
      // The same figures as staff see (the next states offered on each work order differ by caller).
      const figures = (body: any) => ({ ...body, workOrders: body.workOrders?.map((row: any) => row.id) });
      const staff = await planner.get(`/api/v1/technicians/${crew.technicianId}/${figure}?${range}`);
      expect(figures(mine.body)).toEqual(figures(staff.body));
      expect((await own.get(`/api/v1/technicians/${crew.otherTechnicianId}/${figure}?${range}`)).status, figure).toBe(404);
      const requester = client(server.baseUrl, crewTokens.requester);
      expect((await requester.get(`/api/v1/technicians/${crew.technicianId}/${figure}?${range}`)).status, figure).toBe(403);
      const foreign = client(server.baseUrl, dashTokens.planner);
      expect((await foreign.get(`/api/v1/technicians/${crew.technicianId}/${figure}?${range}`)).status, figure).toBe(404);
    }
  });

  it('refuses a range whose end is before (or at) its start with 400', async () => {
    const planner = client(server.baseUrl, crewTokens.planner);
    for (const figure of ['schedule', 'performance']) {
      const backwards = await planner.get(`/api/v1/technicians/${crew.technicianId}/${figure}?${week('2031-03-10', '2031-03-03')}`);
      expect(backwards.status, figure).toBe(400);
      const empty = await planner.get(`/api/v1/technicians/${crew.technicianId}/${figure}?${week('2031-03-10', '2031-03-10')}`);
      expect(empty.status, figure).toBe(400);
    }
  });
});
