import type { WorkOrderUpdateEvent } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equipment } from '../../src/platform/db/schema';
import type { OrganizationFixture } from '../support/fixtures';
import { type ApiResponse, type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';
import { SocketPool, collect } from '../support/sockets';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;

/** Polls `check` until it answers true, at most `timeoutMs`; answers whether it did. */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * PM plans, meters and the holiday calendar over HTTP: CRUD with roles and organizations,
 * validation with field paths, optimistic concurrency, on-demand generation seen by HTTP and
 * socket clients, meter readings, and holidays.
 */
describe('PM plans, meters and holidays over HTTP', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let foreignTokens: Record<RoleKey, string>;
  let motorId: string;
  const sockets = new SocketPool(() => server.baseUrl);

  const api = (key: RoleKey) => client(server.baseUrl, tokens[key]);
  const foreignApi = (key: RoleKey) => client(server.baseUrl, foreignTokens[key]);

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'pmhttp');
    foreign = await createOrganization(server.database, 'pmhttp-foreign');
    [tokens, foreignTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, foreign)]);
    const [motor] = await server.database.db
      .insert(equipment)
      .values({
        organizationId: org.organizationId,
        equipmentNumber: 'EQ-2',
        name: 'Drive motor',
        type: 'Motor',
        locationId: org.locationId,
      })
      .returning();
    motorId = motor!.id;
  });
  afterAll(async () => {
    await sockets.closeAll();
    await server?.close();
  });

  const planBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Monthly lubrication',
    equipmentIds: [org.equipmentId],
    template: { title: 'Lubricate bearings', estimatedDuration: 60 },
    calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15' },
    ...overrides,
  });

  const expectProblem = (response: ApiResponse, status: number, code: string) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body).toMatchObject({ status, code });
  };

  /** A 400 whose field errors name exactly these paths (in any order; a path may carry several messages). */
  const expectFieldErrors = (response: ApiResponse, paths: string[]) => {
    expectProblem(response, 400, 'validation_failed');
    expect([...new Set(response.body.errors.map((error: { path: string }) => error.path))].sort()).toEqual([...paths].sort());
  };

  describe('plans: CRUD and concurrency', () => {
    it('are created, listed, read, changed and deleted by planners, with ETags; If-Match guards changes (412)', async () => {
      const created = await api('planner').post('/api/v1/pm-plans', planBody({ equipmentIds: [org.equipmentId, motorId] }));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        name: 'Monthly lubrication',
        description: null,
        equipmentIds: [org.equipmentId, motorId],
        template: { title: 'Lubricate bearings', type: 'PREVENTIVE', priority: 'MEDIUM', crewSize: 1, tasks: [], parts: [] },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15', mode: 'FIXED' },
        meter: null,
        leadDays: 0,
        window: { gracePercent: 20, graceMaxDays: 28 },
        holidayRule: 'NONE',
        catchUp: 'LATEST',
        status: 'ACTIVE',
        version: 1,
      });
      expect(created.body.targets).toHaveLength(2);
      for (const target of created.body.targets) {
        expect(target).toMatchObject({ nextDueAt: '2031-01-15T23:59:59.999Z', lastGeneratedAt: null, openWorkOrderId: null });
      }
      const id = created.body.id as string;

      const list = await api('manager').get('/api/v1/pm-plans');
      expect(list.status).toBe(200);
      expect(list.body.data.map((plan: { id: string }) => plan.id)).toContain(id);
      expect(
        (await api('planner').get(`/api/v1/pm-plans?equipmentId=${motorId}`)).body.data.map((plan: { id: string }) => plan.id),
      ).toEqual([id]);
      expect((await api('planner').get('/api/v1/pm-plans?status=PAUSED')).body.data).toEqual([]);

      const read = await api('admin').get(`/api/v1/pm-plans/${id}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual(created.body);

      const stale = await api('planner').patch(`/api/v1/pm-plans/${id}`, { status: 'PAUSED' }, { 'if-match': '"7"' });
      expectProblem(stale, 412, 'precondition_failed');
      const paused = await api('planner').patch(
        `/api/v1/pm-plans/${id}`,
        { status: 'PAUSED', name: 'Monthly lube' },
        { 'if-match': '"1"' },
      );
      expect(paused.status, JSON.stringify(paused.body)).toBe(200);
      expect(paused.headers.get('etag')).toBe('"2"');
      expect(paused.body).toMatchObject({ status: 'PAUSED', name: 'Monthly lube', version: 2 });
      expect((await api('planner').get('/api/v1/pm-plans?status=PAUSED')).body.data.map((plan: { id: string }) => plan.id)).toEqual([id]);

      // An edit that changes nothing (key order and all) keeps version 2 and the due dates.
      for (const body of [
        {},
        { status: 'PAUSED', name: 'Monthly lube' },
        { calendar: { startsOn: '2031-01-15', unit: 'MONTH', every: 1, mode: 'FIXED' }, equipmentIds: [org.equipmentId, motorId] },
      ]) {
        const same = await api('planner').patch(`/api/v1/pm-plans/${id}`, body, { 'if-match': '"2"' });
        expect(same.status, JSON.stringify(same.body)).toBe(200);
        expect(same.headers.get('etag')).toBe('"2"');
        expect(same.body).toEqual(paused.body);
      }
      expectProblem(await api('planner').patch(`/api/v1/pm-plans/${id}`, {}, { 'if-match': '"1"' }), 412, 'precondition_failed');

      // A second writer still holding version 1 loses.
      expectProblem(
        await api('manager').patch(`/api/v1/pm-plans/${id}`, { status: 'ACTIVE' }, { 'if-match': '"1"' }),
        412,
        'precondition_failed',
      );
      expectProblem(await api('manager').delete(`/api/v1/pm-plans/${id}`, { 'if-match': '"1"' }), 412, 'precondition_failed');
      const deleted = await api('manager').delete(`/api/v1/pm-plans/${id}`, { 'if-match': '"2"' });
      expect(deleted.status).toBe(204);
      expectProblem(await api('planner').get(`/api/v1/pm-plans/${id}`), 404, 'not_found');
      expect((await api('planner').get('/api/v1/pm-plans')).body.data.map((plan: { id: string }) => plan.id)).not.toContain(id);
      expectProblem(await api('planner').delete(`/api/v1/pm-plans/${id}`), 404, 'not_found');
    });

    it('technicians read but do not write; requesters do not read; another organization’s plan is not found', async () => {
      const created = await api('manager').post('/api/v1/pm-plans', planBody({ name: 'Access plan' }));
      expect(created.status).toBe(201);
      const id = created.body.id as string;

      expect((await api('technician').get('/api/v1/pm-plans')).status).toBe(200);
      expect((await api('technician').get(`/api/v1/pm-plans/${id}`)).status).toBe(200);
      expectProblem(await api('technician').post('/api/v1/pm-plans', planBody()), 403, 'forbidden');
      expectProblem(await api('technician').patch(`/api/v1/pm-plans/${id}`, { name: 'Mine now' }), 403, 'forbidden');
      expectProblem(await api('technician').delete(`/api/v1/pm-plans/${id}`), 403, 'forbidden');
      expectProblem(await api('technician').post('/api/v1/pm-plans/run'), 403, 'forbidden');
      expectProblem(await api('requester').get('/api/v1/pm-plans'), 403, 'forbidden');
      expectProblem(await api('requester').get(`/api/v1/pm-plans/${id}`), 403, 'forbidden');
      expectProblem(await api('requester').post('/api/v1/pm-plans', planBody()), 403, 'forbidden');
      expectProblem(await client(server.baseUrl).get('/api/v1/pm-plans'), 401, 'unauthenticated');

      expectProblem(await foreignApi('admin').get(`/api/v1/pm-plans/${id}`), 404, 'not_found');
      expectProblem(await foreignApi('planner').patch(`/api/v1/pm-plans/${id}`, { name: 'Taken' }), 404, 'not_found');
      expectProblem(await foreignApi('planner').delete(`/api/v1/pm-plans/${id}`), 404, 'not_found');
      expect((await foreignApi('planner').get('/api/v1/pm-plans')).body.data).toEqual([]);
      // Nor may a plan of theirs name our equipment or part.
      expectFieldErrors(
        await foreignApi('planner').post(
          '/api/v1/pm-plans',
          planBody({ template: { title: 'X', parts: [{ partId: org.partId, quantity: 1 }] } }),
        ),
        ['equipmentIds.0', 'template.parts.0.partId'],
      );
      // Unchanged by all of the above.
      const after = await api('planner').get(`/api/v1/pm-plans/${id}`);
      expect(after.body).toMatchObject({ name: 'Access plan', version: 1 });
    });
  });

  describe('plans: validation', () => {
    let hoursMeterId: string;
    let gaugeId: string;
    let motorMeterId: string;

    beforeAll(async () => {
      hoursMeterId = (await api('planner').post(`/api/v1/equipment/${org.equipmentId}/meters`, { name: 'Validation hours', unit: 'h' }))
        .body.id;
      gaugeId = (
        await api('planner').post(`/api/v1/equipment/${org.equipmentId}/meters`, { name: 'Validation temp', unit: '°C', kind: 'GAUGE' })
      ).body.id;
      motorMeterId = (await api('planner').post(`/api/v1/equipment/${motorId}/meters`, { name: 'Validation motor hours', unit: 'h' })).body
        .id;
      expect([hoursMeterId, gaugeId, motorMeterId].every(Boolean)).toBe(true);
    });

    const cases: [string, () => Record<string, unknown>, string[]][] = [
      ['no trigger', () => planBody({ calendar: undefined }), ['calendar']],
      [
        'a meter trigger on two pieces of equipment',
        () => planBody({ equipmentIds: [org.equipmentId, motorId], calendar: undefined, meter: { meterId: hoursMeterId, every: 500 } }),
        ['equipmentIds'],
      ],
      ['a bad rrule', () => planBody({ calendar: { rrule: 'FREQ=FOO', startsOn: '2031-01-15' } }), ['calendar.rrule']],
      [
        'an rrule with BYDAY nonsense',
        () => planBody({ calendar: { rrule: 'FREQ=WEEKLY;BYDAY=XX', startsOn: '2031-01-15' } }),
        ['calendar.rrule'],
      ],
      ['unknown equipment', () => planBody({ equipmentIds: [UNKNOWN_ID] }), ['equipmentIds.0']],
      [
        'an unknown part',
        () => planBody({ template: { title: 'X', parts: [{ partId: UNKNOWN_ID, quantity: 1 }] } }),
        ['template.parts.0.partId'],
      ],
      ['an unknown meter', () => planBody({ calendar: undefined, meter: { meterId: UNKNOWN_ID, every: 100 } }), ['meter.meterId']],
      [
        'a meter of other equipment',
        () => planBody({ calendar: undefined, meter: { meterId: motorMeterId, every: 100 } }),
        ['meter.meterId'],
      ],
      ['every-N on a GAUGE', () => planBody({ calendar: undefined, meter: { meterId: gaugeId, every: 100 } }), ['meter.every']],
      [
        'endsOn before startsOn',
        () => planBody({ calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-15', endsOn: '2031-01-14' } }),
        ['calendar.endsOn'],
      ],
      [
        'an invalid date (February 30)',
        () => planBody({ calendar: { every: 1, unit: 'MONTH', startsOn: '2026-02-30' } }),
        ['calendar.startsOn'],
      ],
      ['every without unit', () => planBody({ calendar: { every: 1, startsOn: '2031-01-15' } }), ['calendar.every']],
      ['a crew of four', () => planBody({ template: { title: 'X', crewSize: 4 } }), ['template.crewSize']],
      ['an unknown field', () => ({ ...planBody(), colour: 'red' }), ['']],
    ];

    it.each(cases)('%s is a 400 naming the field', async (_, body, paths) => {
      const before = (await api('planner').get('/api/v1/pm-plans?limit=100')).body.total;
      expectFieldErrors(await api('planner').post('/api/v1/pm-plans', body()), paths);
      expect((await api('planner').get('/api/v1/pm-plans?limit=100')).body.total).toBe(before);
    });

    it('a change is validated against the merged plan', async () => {
      const created = await api('planner').post(
        '/api/v1/pm-plans',
        planBody({ name: 'Two pumps', equipmentIds: [org.equipmentId, motorId] }),
      );
      const id = created.body.id as string;
      expectFieldErrors(await api('planner').patch(`/api/v1/pm-plans/${id}`, { meter: { meterId: hoursMeterId, every: 500 } }), [
        'equipmentIds',
      ]);
      expectFieldErrors(await api('planner').patch(`/api/v1/pm-plans/${id}`, { calendar: null }), ['calendar']);
      expectFieldErrors(
        await api('planner').patch(`/api/v1/pm-plans/${id}`, { calendar: { every: 1, unit: 'MONTH', startsOn: '2031-02-29' } }),
        ['calendar.startsOn'],
      );
      expectFieldErrors(await api('planner').patch(`/api/v1/pm-plans/${id}`, { leadDays: -1 }), ['leadDays']);
      expect((await api('planner').get(`/api/v1/pm-plans/${id}`)).body.version).toBe(1);
    });
  });

  it('POST /pm-plans/run generates what is due, once; HTTP and socket clients see the work orders with pmPlanId', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { socket } = await sockets.connect(tokens.planner, ['workorders:created']);
    const created = collect(socket, 'workorder:update');
    const title = `Daily walk-down ${Date.now()}`;
    const plan = await api('planner').post(
      '/api/v1/pm-plans',
      planBody({
        name: 'Daily walk-down',
        equipmentIds: [org.equipmentId, motorId],
        template: { title, type: 'INSPECTION', tasks: [{ title: 'Walk' }] },
        calendar: { every: 1, unit: 'DAY', startsOn: today },
      }),
    );
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);

    const run = await api('planner').post('/api/v1/pm-plans/run');
    expect(run.status).toBe(200);
    const ids = run.body.generatedWorkOrderIds as string[];
    expect(ids).toHaveLength(2);

    for (const id of ids) {
      const workOrder = await api('planner').get(`/api/v1/work-orders/${id}`);
      expect(workOrder.status).toBe(200);
      expect(workOrder.body).toMatchObject({
        id,
        pmPlanId: plan.body.id,
        title,
        type: 'INSPECTION',
        status: 'OPEN',
        requesterId: null,
        dueDate: `${today}T23:59:59.999Z`,
      });
    }
    const search = await api('planner').get(`/api/v1/work-orders?search=${encodeURIComponent(title)}`);
    expect(search.status).toBe(200);
    expect(search.body.data.map((row: { id: string }) => row.id).sort()).toEqual([...ids].sort());
    expect(search.body.data.every((row: { pmPlanId: string }) => row.pmPlanId === plan.body.id)).toBe(true);
    expect(new Set(search.body.data.map((row: { equipmentId: string }) => row.equipmentId))).toEqual(new Set([org.equipmentId, motorId]));

    const seen = () =>
      new Set(created.filter((event: WorkOrderUpdateEvent) => event.eventType === 'created').map((event) => event.workOrderId));
    expect(await eventually(() => ids.every((id) => seen().has(id))), `socket saw ${[...seen()].join(', ')}`).toBe(true);
    const events = created.filter((event) => ids.includes(event.workOrderId));
    expect(events).toHaveLength(2);
    for (const event of events) expect(event.data).toMatchObject({ title, status: 'OPEN', type: 'INSPECTION' });

    // Once: running again makes nothing.
    expect((await api('manager').post('/api/v1/pm-plans/run')).body).toEqual({ generatedWorkOrderIds: [] });
    const again = await api('planner').get(`/api/v1/work-orders?search=${encodeURIComponent(title)}`);
    expect(again.body.data).toHaveLength(2);
    // The plan shows where it stands.
    const after = await api('technician').get(`/api/v1/pm-plans/${plan.body.id}`);
    for (const target of after.body.targets) {
      expect(target.lastGeneratedAt).not.toBeNull();
      expect(target.nextDueAt > `${today}T23:59:59.999Z`).toBe(true);
    }
    // Another organization's run makes nothing of ours.
    expect((await foreignApi('planner').post('/api/v1/pm-plans/run')).body).toEqual({ generatedWorkOrderIds: [] });
  });

  describe('meters', () => {
    let meterId: string;
    let planId: string;
    const t = Date.now() - 10 * HOUR;
    const at = (hours: number) => new Date(t + hours * HOUR).toISOString();

    it('are created by staff (201) and listed for anyone who reads equipment; a duplicate name is a 409', async () => {
      const created = await api('planner').post(`/api/v1/equipment/${motorId}/meters`, { name: 'Operating hours', unit: 'h' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ equipmentId: motorId, name: 'Operating hours', unit: 'h', kind: 'COUNTER', lastValue: null });
      meterId = created.body.id;
      expectProblem(
        await api('manager').post(`/api/v1/equipment/${motorId}/meters`, { name: 'Operating hours', unit: 'h' }),
        409,
        'duplicate',
      );
      expectProblem(await api('technician').post(`/api/v1/equipment/${motorId}/meters`, { name: 'Other', unit: 'h' }), 403, 'forbidden');
      expectFieldErrors(await api('planner').post(`/api/v1/equipment/${motorId}/meters`, { name: 'Bad', unit: 'h', kind: 'RATE' }), [
        'kind',
      ]);
      expectProblem(await api('planner').post(`/api/v1/equipment/${UNKNOWN_ID}/meters`, { name: 'X', unit: 'h' }), 404, 'not_found');
      expectProblem(await foreignApi('planner').post(`/api/v1/equipment/${motorId}/meters`, { name: 'X', unit: 'h' }), 404, 'not_found');

      const list = await api('technician').get(`/api/v1/equipment/${motorId}/meters`);
      expect(list.status).toBe(200);
      expect(list.body.map((meter: { id: string }) => meter.id)).toContain(meterId);
      expect((await api('technician').get(`/api/v1/meters/${meterId}`)).body).toEqual(created.body);
      expectProblem(await foreignApi('admin').get(`/api/v1/meters/${meterId}`), 404, 'not_found');
    });

    it('readings: single and batch, technicians record, a lower counter is a 409, the future a 400', async () => {
      const plan = await api('planner').post(
        '/api/v1/pm-plans',
        planBody({ name: '500 h service', equipmentIds: [motorId], calendar: undefined, meter: { meterId, every: 500, startsAt: 0 } }),
      );
      expect(plan.status, JSON.stringify(plan.body)).toBe(201);
      planId = plan.body.id;

      const single = await api('technician').post(`/api/v1/meters/${meterId}/readings`, { value: 100, readAt: at(0) });
      expect(single.status, JSON.stringify(single.body)).toBe(200);
      expect(single.body).toMatchObject({
        accepted: 1,
        duplicates: 0,
        generatedWorkOrderIds: [],
        meter: { lastValue: 100, lastReadAt: at(0) },
      });

      const batch = await api('technician').post(`/api/v1/meters/${meterId}/readings`, {
        readings: [
          { value: 300, readAt: at(2) },
          { value: 200, readAt: at(1) },
        ],
      });
      expect(batch.status).toBe(200);
      expect(batch.body).toMatchObject({ accepted: 2, duplicates: 0, meter: { lastValue: 300 } });

      const lower = await api('technician').post(`/api/v1/meters/${meterId}/readings`, { value: 250, readAt: at(3) });
      expectProblem(lower, 409, 'conflict');
      expect(lower.body.lastValue).toBe(300);
      const future = await api('technician').post(`/api/v1/meters/${meterId}/readings`, {
        value: 400,
        readAt: new Date(Date.now() + HOUR).toISOString(),
      });
      expectProblem(future, 400, 'validation_failed');
      expectProblem(await api('technician').post(`/api/v1/meters/${meterId}/readings`, { value: 'a lot' }), 400, 'validation_failed');
      expectProblem(await api('requester').post(`/api/v1/meters/${meterId}/readings`, { value: 400 }), 403, 'forbidden');
      expectProblem(await foreignApi('planner').post(`/api/v1/meters/${meterId}/readings`, { value: 400 }), 404, 'not_found');

      const stored = await api('technician').get(`/api/v1/meters/${meterId}/readings`);
      expect(stored.status).toBe(200);
      expect(stored.body.total).toBe(3);
      expect(stored.body.data.map((row: { value: number }) => row.value)).toEqual([300, 200, 100]);
    });

    it('a technician’s reading crossing the interval generates the work order at once, and only once', async () => {
      const crossing = await api('technician').post(`/api/v1/meters/${meterId}/readings`, { value: 520, readAt: at(4) });
      expect(crossing.status).toBe(200);
      expect(crossing.body.generatedWorkOrderIds).toHaveLength(1);
      const [id] = crossing.body.generatedWorkOrderIds as string[];
      const workOrder = await api('planner').get(`/api/v1/work-orders/${id}`);
      expect(workOrder.body).toMatchObject({ pmPlanId: planId, equipmentId: motorId, title: 'Lubricate bearings', status: 'OPEN' });

      const repeated = await api('technician').post(`/api/v1/meters/${meterId}/readings`, { value: 520, readAt: at(4) });
      expect(repeated.body).toMatchObject({ accepted: 0, duplicates: 1, generatedWorkOrderIds: [] });
      const plan = await api('planner').get(`/api/v1/pm-plans/${planId}`);
      expect(plan.body.targets).toMatchObject([{ equipmentId: motorId, meterBase: 500 }]);
    });
  });

  describe('holidays', () => {
    it('are created, listed and deleted by staff; a duplicate date is a 409; technicians only read', async () => {
      const created = await api('planner').post('/api/v1/holidays', { date: '2031-12-25', name: 'Christmas Day' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), date: '2031-12-25', name: 'Christmas Day' });
      expectProblem(await api('manager').post('/api/v1/holidays', { date: '2031-12-25', name: 'Again' }), 409, 'duplicate');
      expect((await api('planner').post('/api/v1/holidays', { date: '2031-12-26', name: 'Boxing Day' })).status).toBe(201);
      expectFieldErrors(await api('planner').post('/api/v1/holidays', { date: '2031-02-30', name: 'Nope' }), ['date']);
      expectFieldErrors(await api('planner').post('/api/v1/holidays', { date: '25.12.2031', name: 'Nope' }), ['date']);
      expectProblem(await api('technician').post('/api/v1/holidays', { date: '2031-12-31', name: 'Mine' }), 403, 'forbidden');

      const list = await api('technician').get('/api/v1/holidays?from=2031-12-01&to=2031-12-31');
      expect(list.status).toBe(200);
      expect(list.body.map((holiday: { date: string }) => holiday.date)).toEqual(['2031-12-25', '2031-12-26']);
      expect((await api('planner').get('/api/v1/holidays?from=2031-12-26')).body.map((holiday: { date: string }) => holiday.date)).toEqual([
        '2031-12-26',
      ]);
      // Another organization has a calendar of its own, and the same date is free there.
      expect((await foreignApi('planner').get('/api/v1/holidays')).body).toEqual([]);
      expect((await foreignApi('planner').post('/api/v1/holidays', { date: '2031-12-25', name: 'Christmas' })).status).toBe(201);
      expectProblem(await foreignApi('planner').delete(`/api/v1/holidays/${created.body.id}`), 404, 'not_found');

      expectProblem(await api('technician').delete(`/api/v1/holidays/${created.body.id}`), 403, 'forbidden');
      expect((await api('planner').delete(`/api/v1/holidays/${created.body.id}`)).status).toBe(204);
      expectProblem(await api('planner').delete(`/api/v1/holidays/${created.body.id}`), 404, 'not_found');
      expect((await api('planner').get('/api/v1/holidays')).body.map((holiday: { date: string }) => holiday.date)).toEqual(['2031-12-26']);
    });

    it('a holiday moves generated work with NEXT_WORKING_DAY', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const holiday = await api('planner').post('/api/v1/holidays', { date: today, name: 'Shutdown' });
      expect(holiday.status).toBe(201);
      const plan = await api('planner').post(
        '/api/v1/pm-plans',
        planBody({
          name: 'Holiday-aware',
          template: { title: `Holiday-aware ${Date.now()}` },
          calendar: { every: 1, unit: 'WEEK', startsOn: today },
          holidayRule: 'NEXT_WORKING_DAY',
        }),
      );
      expect(plan.status).toBe(201);
      const run = await api('planner').post('/api/v1/pm-plans/run');
      const generated = await Promise.all(
        (run.body.generatedWorkOrderIds as string[]).map(async (id) => (await api('planner').get(`/api/v1/work-orders/${id}`)).body),
      );
      const mine = generated.filter((workOrder) => workOrder.pmPlanId === plan.body.id);
      expect(mine).toHaveLength(1);
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
      expect(mine[0].dueDate).toBe(`${tomorrow}T23:59:59.999Z`);
      expect((await api('planner').delete(`/api/v1/holidays/${holiday.body.id}`)).status).toBe(204);
    });
  });
});
