import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { technicians, workOrderHistory } from '../../src/platform/db/schema';
import type { OrganizationFixture } from '../support/fixtures';
import {
  HOUR_MS,
  type WorkOrderSeed,
  idOf,
  insertEquipment,
  insertTechnician,
  insertWorkOrders,
  invalidateOrganization,
} from '../support/query-fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

const DAY_MS = 24 * HOUR_MS;

/**
 * `GET /analytics/overview`, every figure worked out by hand from the rows below. The server
 * measures from its own "now", a few seconds after the test's T0: every instant here sits at
 * least half a day away from a week boundary, and shift-hour windows are whole weeks, so the
 * drift changes nothing but the censored lives of the MTBF (checked to the nearest hour).
 */
describe('analytics overview, computed by hand', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let otherTokens: Record<RoleKey, string>;
  const t0 = Date.now();
  /** T0 + n days. */
  const day = (n: number) => new Date(t0 + n * DAY_MS);

  beforeAll(async () => {
    server = await startServer();
    [org, other] = await Promise.all([createOrganization(server.database, 'ana'), createOrganization(server.database, 'ana-other')]);
    [tokens, otherTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, other)]);
    const [mixer1, mixer2] = [
      await insertEquipment(server.database, org.organizationId, { equipmentNumber: 'MX-1', name: 'Mixer 1', type: 'Mixer' }),
      await insertEquipment(server.database, org.organizationId, { equipmentNumber: 'MX-2', name: 'Mixer 2', type: 'Mixer' }),
    ];
    const retired = await insertTechnician(server.database, org.organizationId, { employeeId: 'T-9', firstName: 'Ivy', lastName: 'Idle' });
    await server.database.db.update(technicians).set({ active: false }).where(eq(technicians.id, retired));

    const tess = org.technicianId;
    const pmPlanId = idOf(1, 99);
    const w = (n: number, seed: Partial<WorkOrderSeed>): WorkOrderSeed => ({ id: idOf(n, 7), number: n, status: 'OPEN', ...seed });
    const booked = (startDays: number, hours: number) => ({
      technicianId: tess,
      scheduledStartTime: day(startDays),
      scheduledEndTime: new Date(day(startDays).getTime() + hours * HOUR_MS),
    });
    await insertWorkOrders(server.database, org, [
      // Overdue trend (points at T0 − 21, −14, −7 and 0 days).
      w(1, { createdAt: day(-30), dueDate: day(-20), estimatedDuration: 120 }),
      w(2, { status: 'IN_PROGRESS', createdAt: day(-10), dueDate: day(-9), estimatedDuration: 90, crewSize: 2 }),
      w(3, { status: 'COMPLETED', createdAt: day(-25), dueDate: day(-18), actualStartTime: day(-10.5), actualEndTime: day(-10) }),
      // Finished when history says (−3), not at its actual end (−12).
      w(4, { status: 'CLOSED', createdAt: day(-25), dueDate: day(-16), actualStartTime: day(-12.5), actualEndTime: day(-12) }),
      // Cancelled without history or actual end: finished at its last update.
      w(5, { status: 'CANCELLED', createdAt: day(-25), dueDate: day(-22.5), updatedAt: day(-15.5) }),
      // Due before it was reported: overdue only from its creation on.
      w(6, { createdAt: day(-5), dueDate: day(-8) }),
      w(7, { createdAt: day(-2), dueDate: day(3), estimatedDuration: 60 }),
      w(8, { createdAt: day(-30), dueDate: day(-20), estimatedDuration: 600, deletedAt: day(-1) }),
      w(9, { status: 'ON_HOLD', createdAt: day(-3) }),
      // Tess's bookings (utilization over the next 7 days).
      w(11, { status: 'SCHEDULED', createdAt: day(-1), ...booked(1, 4) }),
      w(12, { status: 'IN_PROGRESS', createdAt: day(-1), ...booked(1 + 3 / 24, 2) }),
      w(13, { status: 'PENDING_APPROVAL', createdAt: day(-1), ...booked(2, 2) }),
      w(14, { status: 'ON_HOLD', createdAt: day(-1), ...booked(3, 3) }),
      w(15, { status: 'SCHEDULED', createdAt: day(-1), ...booked(9, 5) }),
      // PM work (compliance trend).
      w(21, { status: 'COMPLETED', type: 'PREVENTIVE', pmPlanId, createdAt: day(-6), dueDate: day(-3.5), actualEndTime: day(-4) }),
      w(22, {
        status: 'COMPLETED',
        type: 'PREVENTIVE',
        pmPlanId,
        createdAt: day(-6),
        dueDate: day(-5.5),
        complianceWindowEnd: day(-2),
        actualEndTime: day(-1),
      }),
      w(23, {
        status: 'COMPLETED',
        type: 'PREVENTIVE',
        pmPlanId,
        createdAt: day(-12),
        dueDate: day(-10),
        complianceWindowEnd: day(-8),
        actualEndTime: day(-9),
      }),
      // Failures of the mixers (reliability).
      w(31, {
        status: 'COMPLETED',
        equipmentId: mixer1,
        createdAt: day(-40),
        actualEndTime: day(-39),
        actualDuration: 120,
        completion: { failureMode: 'BEARING' },
      }),
      w(32, {
        status: 'CLOSED',
        type: 'EMERGENCY',
        equipmentId: mixer2,
        createdAt: day(-30),
        actualEndTime: day(-29),
        actualDuration: 240,
        completion: { failureMode: 'SEAL' },
      }),
      w(33, {
        status: 'COMPLETED',
        equipmentId: mixer1,
        createdAt: day(-19),
        actualEndTime: day(-18.5),
        actualDuration: 60,
        completion: { failureMode: 'BEARING' },
      }),
    ]);
    await server.database.db.insert(workOrderHistory).values([
      {
        organizationId: org.organizationId,
        workOrderId: idOf(4, 7),
        kind: 'status',
        fromStatus: 'IN_PROGRESS',
        toStatus: 'COMPLETED',
        createdAt: day(-3),
      },
      {
        organizationId: org.organizationId,
        workOrderId: idOf(4, 7),
        kind: 'status',
        fromStatus: 'COMPLETED',
        toStatus: 'CLOSED',
        createdAt: day(-1),
      },
    ]);
    const planner = client(server.baseUrl, tokens.planner);
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '16:00' }));
    const leave = [{ start: day(8).toISOString(), end: day(15).toISOString(), available: false, reason: 'leave' }];
    const set = (technicianId: string, body: unknown) => planner.put(`/api/v1/technicians/${technicianId}/availability`, body);
    expect((await set(tess, { timezone: 'UTC', weeklyPattern: weekdays, exceptions: leave })).status).toBe(200);
    expect(
      (await set(org.otherTechnicianId, { timezone: 'UTC', weeklyPattern: [{ weekday: 6, start: '06:00', end: '12:00' }], exceptions: [] }))
        .status,
    ).toBe(200);
    await invalidateOrganization(server, org.organizationId);
  });
  afterAll(() => server.close());

  const overview = (token: string, query = '?weeks=4') => client(server.baseUrl, token).get(`/api/v1/analytics/overview${query}`);

  it('backlog in weeks: open estimated hours over the weekly crew hours of the next 4 weeks', async () => {
    const response = await overview(tokens.manager);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.backlog).toMatchObject({
      // Open: 1, 2, 6, 7, 9, 11–15 (8 is deleted).
      openWorkOrders: 10,
      // Without an estimate: 6, 9, 11–15.
      withoutEstimate: 7,
      // 1: 120 × 1, 2: 90 × 2, 7: 60 × 1 = 360 min.
      openEstimatedHours: 6,
      // Tess 4 weeks × 40 h − one week of leave = 120 h; Otto 4 × 6 h = 24 h; Ivy is inactive. 144 / 4.
      weeklyCrewHours: 36,
      // 6 / 36 = 0.1666…
      backlogWeeks: 0.17,
    });
  });

  it('overdue trend: one point a week, the last one the dashboard’s overdue count', async () => {
    const response = await overview(tokens.planner);
    expect(response.body.weeks).toBe(4);
    expect(response.body.overdueTrend.map((point: { overdue: number }) => point.overdue)).toEqual([
      1, // −21: 5 (cancelled at −15.5)
      3, // −14: 1, 3 (finished −10), 4 (finished −3 by its history); 5 is finished
      3, // −7: 1, 2, 4; 3 is finished, 6 not reported yet
      3, // now: 1, 2, 6; 8 is deleted
    ]);
    const [first, , , last] = response.body.overdueTrend.map((point: { at: string }) => Date.parse(point.at));
    expect(last - first).toBe(21 * DAY_MS);
    const stats = await client(server.baseUrl, tokens.planner).get('/api/v1/work-orders/dashboard/stats');
    expect(stats.body.overdueWorkOrders).toBe(3);
  });

  it('PM compliance trend: the SMRP rule over the 7 days before each point', async () => {
    const response = await overview(tokens.manager);
    expect(
      response.body.pmComplianceTrend.map(({ due, completedInWindow, rate }: Record<string, unknown>) => [due, completedInWindow, rate]),
    ).toEqual([
      [0, 0, null],
      [0, 0, null],
      // 23: due −10, done −9, inside its window (−8).
      [1, 1, 100],
      // 21 done before its due date; 22 done at −1, after its window end (−2).
      [2, 1, 50],
    ]);
  });

  it('utilization over the next 7 days, as the technician’s schedule computes it', async () => {
    const response = await overview(tokens.manager);
    const { start, end, technicians: rows } = response.body.utilization;
    expect(Date.parse(end) - Date.parse(start)).toBe(7 * DAY_MS);
    expect(rows).toEqual([
      // 11 ∪ 12 = +1 d 00:00–05:00 (5 h), 13 = 2 h; 14 is on hold, 15 after the range. 7 / 40 h.
      { technicianId: org.technicianId, name: 'Tess Turner', scheduledHours: 7, availableHours: 40, utilization: 17.5 },
      { technicianId: org.otherTechnicianId, name: 'Otto Olsen', scheduledHours: 0, availableHours: 6, utilization: 0 },
    ]);
    const schedule = await client(server.baseUrl, tokens.manager).get(
      `/api/v1/technicians/${org.technicianId}/schedule?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`,
    );
    expect(schedule.body).toMatchObject({ totalHoursScheduled: 7, availableHours: 40, utilization: 17.5 });
  });

  it('MTBF and MTTR by equipment type, as the predictive reliability endpoint computes them', async () => {
    const response = await overview(tokens.manager);
    const [mixer, pump] = response.body.reliabilityByType;
    expect(pump).toEqual({ equipmentType: 'Pump', equipmentCount: 1, failures: 0, mtbfHours: null, mttrHours: null });
    // Repairs 2 h, 4 h, 1 h → 7 / 3.
    expect(mixer).toMatchObject({ equipmentType: 'Mixer', equipmentCount: 2, failures: 3, mttrHours: 2.33 });
    // MX-1 ran −39 → −19 (480 h) and failed; since −18.5 (444 h) and MX-2 since −29 (696 h) still run: 1,620 h per failure.
    expect(mixer.mtbfHours).toBeCloseTo(1620, 0);
    const reliability = await client(server.baseUrl, tokens.manager).get('/api/v1/predictive/reliability?equipmentType=Mixer');
    expect(reliability.body.mtbfHours).toBeCloseTo(mixer.mtbfHours, 0);
    expect(reliability.body.mttrHours).toBeCloseTo(mixer.mttrHours, 2);
  });

  it('answers every equipment type as that type alone, however many free-text types there are', async () => {
    // Equipment type is free text: an organization may have hundreds. Each is answered from the
    // organization's units and failures read once, not a round of queries per type.
    const added = Array.from({ length: 40 }, (_, index) => `Type ${String(index).padStart(2, '0')}`);
    for (const [index, type] of added.entries()) {
      await insertEquipment(server.database, org.organizationId, { equipmentNumber: `TY-${index}`, name: `Unit ${index}`, type });
    }
    await insertEquipment(server.database, org.organizationId, { equipmentNumber: 'MX-3', name: 'Mixer 3', type: 'Mixer' });
    await invalidateOrganization(server, org.organizationId);

    const rows = (await overview(tokens.manager)).body.reliabilityByType as { equipmentType: string; equipmentCount: number }[];
    expect(rows.map((row) => row.equipmentType).sort()).toEqual(['Mixer', 'Pump', ...added].sort());
    expect(rows.find((row) => row.equipmentType === 'Type 07')).toEqual({
      equipmentType: 'Type 07',
      equipmentCount: 1,
      failures: 0,
      mtbfHours: null,
      mttrHours: null,
    });
    // The mixers' failures stay theirs; a third, new mixer adds a life that has not failed.
    const mixer = rows.find((row) => row.equipmentType === 'Mixer');
    expect(mixer).toMatchObject({ equipmentCount: 3, failures: 3, mttrHours: 2.33 });
    const alone = await client(server.baseUrl, tokens.manager).get('/api/v1/predictive/reliability?equipmentType=Mixer');
    expect(alone.body).toMatchObject({ failures: 3, mttrHours: expect.closeTo(2.33, 2) });
    expect(alone.body.mtbfHours).toBeCloseTo((mixer as unknown as { mtbfHours: number }).mtbfHours, 0);
  });

  it('follows a change at once: a work order cancelled now leaves the last point only', async () => {
    const manager = client(server.baseUrl, tokens.manager);
    expect((await overview(tokens.manager)).body.overdueTrend.at(-1).overdue).toBe(3);
    const cancelled = await manager.post(`/api/v1/work-orders/${idOf(1, 7)}/status`, { status: 'CANCELLED', note: 'duplicate' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const after = await overview(tokens.manager);
    // The past stays as it was: it was overdue then.
    expect(after.body.overdueTrend.map((point: { overdue: number }) => point.overdue)).toEqual([1, 3, 3, 2]);
    expect(after.body.backlog).toMatchObject({ openWorkOrders: 9, openEstimatedHours: 4 });
  });

  it('is for admins, managers and planners, over their own organization only; weeks is checked', async () => {
    for (const role of ['admin', 'manager', 'planner'] as const) expect((await overview(tokens[role])).status).toBe(200);
    for (const role of ['technician', 'requester'] as const) expect((await overview(tokens[role])).status).toBe(403);
    expect((await client(server.baseUrl).get('/api/v1/analytics/overview')).status).toBe(401);

    const foreign = await overview(otherTokens.manager);
    expect(foreign.body.backlog).toMatchObject({ openWorkOrders: 0, openEstimatedHours: 0, weeklyCrewHours: 0, backlogWeeks: 0 });
    expect(foreign.body.overdueTrend.map((point: { overdue: number }) => point.overdue)).toEqual([0, 0, 0, 0]);
    expect(foreign.body.reliabilityByType).toEqual([
      { equipmentType: 'Pump', equipmentCount: 1, failures: 0, mtbfHours: null, mttrHours: null },
    ]);

    const byDefault = await overview(tokens.manager, '');
    expect(byDefault.body.weeks).toBe(8);
    expect(byDefault.body.overdueTrend).toHaveLength(8);
    for (const weeks of ['0', '53', 'many']) {
      const refused = await overview(tokens.manager, `?weeks=${weeks}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toBe('weeks');
    }
  });
});
