import { eq, sql } from 'drizzle-orm';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { technicians } from '../../src/platform/db/schema';
import type { OrganizationFixture } from '../support/fixtures';
import { usingPostgres } from '../support/infrastructure';
import { type ApiResponse, type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

/**
 * Writes that must not quietly do more (or other) than asked: deleting equipment that meters,
 * sensors or PM plans still use; a lost race answered as a stale If-Match nobody sent; booking
 * a deactivated technician by a side path; new work on RETIRED equipment.
 */
describe('work-order and master-data writes refuse what would corrupt or mislead', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let numbers = 0;

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'writes-safety');
    tokens = await tokensFor(server.baseUrl, org);
  });
  afterAll(() => server.close());

  const as = (role: RoleKey) => client(server.baseUrl, tokens[role]);

  const expectProblem = (response: ApiResponse, status: number, code: string) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code });
  };

  const newEquipment = async (fields: Record<string, unknown> = {}): Promise<string> => {
    const created = await as('planner').post('/api/v1/equipment', {
      equipmentNumber: `FAN-${++numbers}`,
      name: 'Exhaust fan',
      type: 'Fan',
      locationId: org.locationId,
      ...fields,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };

  const newWorkOrder = async (equipmentId = org.equipmentId): Promise<string> => {
    const created = await as('planner').post('/api/v1/work-orders', { title: 'Check bearings', equipmentId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };

  /** Deactivated in the database directly: the rules of deactivation itself are not under test here. */
  const deactivate = (technicianId: string) =>
    server.database.db.update(technicians).set({ active: false }).where(eq(technicians.id, technicianId));

  describe('DELETE /equipment/{id}', () => {
    it('is refused (409, suggesting RETIRED) while a meter with readings is on it, and the meter stays', async () => {
      const fan = await newEquipment();
      const meter = await as('planner').post(`/api/v1/equipment/${fan}/meters`, { name: 'Hours', unit: 'h', kind: 'COUNTER' });
      expect(meter.status).toBe(201);
      const readAt = new Date(Date.now() - 3_600_000).toISOString();
      expect((await as('planner').post(`/api/v1/meters/${meter.body.id}/readings`, { value: 10, readAt })).status).toBe(200);

      const refused = await as('manager').delete(`/api/v1/equipment/${fan}`);
      expectProblem(refused, 409, 'in_use');
      expect(refused.body.detail).toMatch(/1 meter\(s\).*set its status to RETIRED/);
      expect((await as('planner').get(`/api/v1/meters/${meter.body.id}`)).body).toMatchObject({ lastValue: 10 });
      expect((await as('planner').get(`/api/v1/equipment/${fan}`)).status).toBe(200);
    });

    it('is refused while a sensor is on it', async () => {
      const fan = await newEquipment();
      expect((await as('planner').post(`/api/v1/equipment/${fan}/sensors`, { name: 'vibration', unit: 'mm/s' })).status).toBe(201);
      const refused = await as('manager').delete(`/api/v1/equipment/${fan}`);
      expectProblem(refused, 409, 'in_use');
      expect(refused.body.detail).toMatch(/1 sensor\(s\)/);
      expect((await as('planner').get(`/api/v1/equipment/${fan}/sensors`)).body).toHaveLength(1);
    });

    it('is refused while a PM plan names it, and the plan keeps it', async () => {
      const fan = await newEquipment();
      const plan = await as('planner').post('/api/v1/pm-plans', {
        name: 'Monthly fan check',
        equipmentIds: [fan, org.equipmentId],
        template: { title: 'Fan check' },
        calendar: { every: 1, unit: 'MONTH', startsOn: '2031-01-01', mode: 'FIXED' },
      });
      expect(plan.status, JSON.stringify(plan.body)).toBe(201);
      const refused = await as('manager').delete(`/api/v1/equipment/${fan}`);
      expectProblem(refused, 409, 'in_use');
      expect(refused.body.detail).toMatch(/is in 1 PM plan\(s\)/);
      expect((await as('planner').get(`/api/v1/pm-plans/${plan.body.id}`)).body.equipmentIds).toEqual([fan, org.equipmentId]);
    });

    it('deletes equipment nothing refers to', async () => {
      const fan = await newEquipment();
      expect((await as('manager').delete(`/api/v1/equipment/${fan}`)).status).toBe(204);
      expect((await as('planner').get(`/api/v1/equipment/${fan}`)).status).toBe(404);
    });
  });

  describe('DELETE /work-orders/{id}', () => {
    it('is refused while parts are issued to it, and deletes once they are returned, reservations going back to stock', async () => {
      const id = await newWorkOrder();
      const stock = async () => {
        const { onHand, reserved } = (await as('planner').get(`/api/v1/parts/${org.partId}`)).body as { onHand: number; reserved: number };
        return { onHand, reserved };
      };
      const before = await stock();
      const issued = await as('planner').post(`/api/v1/work-orders/${id}/parts`, { partId: org.partId, quantity: 2 });
      expect(issued.status, JSON.stringify(issued.body)).toBe(201);
      const reserved = await as('planner').post(`/api/v1/work-orders/${id}/parts`, { partId: org.partId, quantity: 1, action: 'reserve' });
      expect(reserved.status, JSON.stringify(reserved.body)).toBe(201);

      const refused = await as('manager').delete(`/api/v1/work-orders/${id}`);
      expectProblem(refused, 409, 'in_use');
      expect(refused.body.detail).toMatch(/^1 part line\(s\) are ISSUED to this work order: return them to stock first/);
      expect((await as('planner').get(`/api/v1/work-orders/${id}/parts`)).body).toHaveLength(2);
      expect(await stock()).toEqual({ ...before, onHand: before.onHand - 2, reserved: before.reserved + 1 });

      const line = issued.body.line as { id: string; version: number };
      const returned = await as('planner').patch(
        `/api/v1/work-orders/${id}/parts/${line.id}`,
        { status: 'RETURNED' },
        { 'if-match': `"${line.version}"` },
      );
      expect(returned.status, JSON.stringify(returned.body)).toBe(200);
      expect((await as('manager').delete(`/api/v1/work-orders/${id}`)).status).toBe(204);
      expect((await as('planner').get(`/api/v1/work-orders/${id}`)).status).toBe(404);
      expect(await stock()).toEqual(before);
    });
  });

  describe('an edit that changes nothing', () => {
    it('leaves the work order and its tasks at their version, with no history, and still checks If-Match', async () => {
      const id = await newWorkOrder();
      const path = `/api/v1/work-orders/${id}`;
      const before = await as('planner').get(path);
      expect(before.body.version).toBe(1);
      for (const body of [{}, { title: 'Check bearings' }, { equipmentId: org.equipmentId.toUpperCase(), dueDate: null }]) {
        const same = await as('planner').patch(path, body, { 'if-match': '"1"' });
        expect(same.status, JSON.stringify(same.body)).toBe(200);
        expect(same.headers.get('etag')).toBe('"1"');
        expect(same.body).toEqual(before.body);
      }
      expectProblem(await as('planner').patch(path, {}, { 'if-match': '"7"' }), 412, 'precondition_failed');
      const changed = await as('planner').patch(path, { title: 'Check the bearings' }, { 'if-match': '"1"' });
      expect(changed.body.version).toBe(2);
      const history = await as('planner').get(`${path}/history`);
      expect(history.body.map((entry: { kind: string }) => entry.kind)).toEqual(['status', 'change']);

      const task = await as('planner').post(`${path}/tasks`, { title: 'Drain the housing' });
      const taskPath = `${path}/tasks/${task.body.id}`;
      for (const body of [{}, { status: 'PENDING' }, { title: 'Drain the housing', assigneeId: null }]) {
        const same = await as('planner').patch(taskPath, body);
        expect(same.status, JSON.stringify(same.body)).toBe(200);
        expect(same.body).toEqual(task.body);
      }
      expect((await as('planner').patch(taskPath, { status: 'DONE' })).body.version).toBe(2);
    });

    it.each([
      ['parts', () => `/api/v1/parts/${org.partId}`, { name: 'Mechanical seal' }],
      ['equipment', () => `/api/v1/equipment/${org.equipmentId}`, { name: 'Feed pump' }],
      ['locations', () => `/api/v1/locations/${org.locationId}`, {}],
      ['technicians', () => `/api/v1/technicians/${org.technicianId}`, { firstName: 'Tess' }],
    ] as const)('PATCH /%s/{id} with what is already there keeps its version', async (_, path, same) => {
      const before = await as('manager').get(path());
      for (const body of [{}, same]) {
        const answered = await as('manager').patch(path(), body, { 'if-match': `"${before.body.version}"` });
        expect(answered.status, JSON.stringify(answered.body)).toBe(200);
        expect(answered.body).toEqual(before.body);
      }
    });
  });

  describe('technicians who are no longer active', () => {
    it('cannot be given a task, by POST or by PATCH (409, as /assign answers)', async () => {
      const id = await newWorkOrder();
      const task = await as('planner').post(`/api/v1/work-orders/${id}/tasks`, { title: 'Grease bearings' });
      expect(task.status).toBe(201);
      const otto = org.otherTechnicianId;
      const kept = await as('planner').post(`/api/v1/work-orders/${id}/tasks`, { title: 'Check belt', assigneeId: otto });
      expect(kept.status).toBe(201);
      await deactivate(otto);

      const added = await as('planner').post(`/api/v1/work-orders/${id}/tasks`, { title: 'Tighten bolts', assigneeId: otto });
      expectProblem(added, 409, 'schedule_conflict');
      expect(added.body.detail).toBe('Otto Olsen is not active');
      expectProblem(
        await as('planner').patch(`/api/v1/work-orders/${id}/tasks/${task.body.id}`, { assigneeId: otto }),
        409,
        'schedule_conflict',
      );
      // A task already on them may still be edited.
      expect((await as('planner').patch(`/api/v1/work-orders/${id}/tasks/${kept.body.id}`, { title: 'Check belts' })).status).toBe(200);
      expect(
        (await as('planner').get(`/api/v1/work-orders/${id}/tasks`)).body.map((row: { assigneeId: string | null }) => row.assigneeId),
      ).toEqual([null, otto]);
    });

    it('are not booked again when work on hold goes back to SCHEDULED', async () => {
      const technician = await as('manager').post('/api/v1/technicians', { employeeId: 'T-77', firstName: 'Lena', lastName: 'Leaving' });
      expect(technician.status).toBe(201);
      const id = await newWorkOrder();
      const booking = { scheduledStartTime: '2032-03-01T08:00:00Z', scheduledEndTime: '2032-03-01T09:00:00Z', force: true };
      expect((await as('planner').post(`/api/v1/work-orders/${id}/assign`, { technicianId: technician.body.id, ...booking })).status).toBe(
        200,
      );
      expect((await as('planner').post(`/api/v1/work-orders/${id}/status`, { status: 'ON_HOLD' })).status).toBe(200);
      await deactivate(technician.body.id);

      const back = await as('planner').post(`/api/v1/work-orders/${id}/status`, { status: 'SCHEDULED' });
      expectProblem(back, 409, 'schedule_conflict');
      expect(back.body.detail).toMatch(/^Lena Leaving is not active/);
      expect((await as('planner').get(`/api/v1/work-orders/${id}`)).body.status).toBe('ON_HOLD');
      // Booking someone active is the way back.
      const rebooked = await as('planner').post(`/api/v1/work-orders/${id}/assign`, { technicianId: org.technicianId, ...booking });
      expect(rebooked.status, JSON.stringify(rebooked.body)).toBe(200);
      expect(rebooked.body.status).toBe('SCHEDULED');
    });
  });

  describe('RETIRED equipment', () => {
    it('takes no new work orders (400), and a work order is not moved onto it', async () => {
      const retired = await newEquipment({ status: 'RETIRED' });
      const created = await as('planner').post('/api/v1/work-orders', { title: 'Check bearings', equipmentId: retired });
      expectProblem(created, 400, 'validation_failed');
      expect(created.body.errors).toEqual([{ path: 'equipmentId', message: expect.stringMatching(/is RETIRED/) }]);

      const id = await newWorkOrder();
      expectProblem(await as('planner').patch(`/api/v1/work-orders/${id}`, { equipmentId: retired }), 400, 'validation_failed');
      expect((await as('planner').get(`/api/v1/work-orders/${id}`)).body.equipmentId).toBe(org.equipmentId);
    });

    it('keeps the work orders it had: they can still be edited', async () => {
      const fan = await newEquipment();
      const id = await newWorkOrder(fan);
      expect((await as('planner').patch(`/api/v1/equipment/${fan}`, { status: 'RETIRED' })).status).toBe(200);
      const edited = await as('planner').patch(`/api/v1/work-orders/${id}`, { title: 'Last check', equipmentId: fan });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      expect(edited.body).toMatchObject({ title: 'Last check', equipmentId: fan });
    });
  });

  /**
   * Two PATCHes without If-Match read the same version; a second connection holds the row so
   * both reach their conditional write before either commits. The second loses the race: that is
   * a 409 (nothing the caller sent was stale), never a 412 (kept for a stale If-Match).
   * PostgreSQL only: PGlite runs one transaction at a time, so the writes cannot interleave.
   */
  describe.runIf(usingPostgres())('a write that loses a race without If-Match (PostgreSQL)', () => {
    let databaseUrl: string;

    beforeAll(async () => {
      const [row] = await server.database.rows<{ name: string }>(sql`select current_database() as name`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${row!.name}`;
      databaseUrl = url.toString();
    });

    async function lockWaits(count: number): Promise<void> {
      for (let attempt = 0; attempt < 800; attempt++) {
        const [row] = await server.database.rows<{ waiting: number }>(
          sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (row!.waiting >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`expected ${count} transaction(s) waiting for a lock`);
    }

    /** Sends `first`, then `second`, both queued behind a row lock held elsewhere; answers both. */
    async function race(table: string, id: string, first: () => Promise<ApiResponse>, second: () => Promise<ApiResponse>) {
      const holder = new Client({ connectionString: databaseUrl });
      await holder.connect();
      await holder.query('begin');
      await holder.query(`select 1 from ${table} where id = $1 for update`, [id]);
      const earlier = first();
      await lockWaits(1);
      const later = second();
      await lockWaits(2);
      await holder.query('commit');
      await holder.end();
      return Promise.all([earlier, later]);
    }

    it.each([
      ['parts', () => `/api/v1/parts/${org.partId}`, { name: 'Seal A' }, { name: 'Seal B' }],
      ['equipment', () => `/api/v1/equipment/${org.equipmentId}`, { model: 'M-1' }, { model: 'M-2' }],
      ['locations', () => `/api/v1/locations/${org.locationId}`, { description: 'North hall' }, { description: 'South hall' }],
      ['technicians', () => `/api/v1/technicians/${org.technicianId}`, { phone: '555-0101' }, { phone: '555-0102' }],
    ] as const)('PATCH /%s/{id}: the first write stands, the second is a 409', async (table, path, firstBody, secondBody) => {
      const id = path().split('/').pop()!;
      const [first, second] = await race(
        table,
        id,
        () => as('manager').patch(path(), firstBody),
        () => as('manager').patch(path(), secondBody),
      );
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expectProblem(second, 409, 'conflict');
      expect(second.body.detail).toMatch(/changed by someone else at the same time/);
      expect((await as('manager').get(path())).body).toMatchObject(firstBody);
    });

    it('DELETE /locations/{id} racing a PATCH of it is a 409, and the location stays', async () => {
      const created = await as('manager').post('/api/v1/locations', { name: 'Spare room', kind: 'AREA', parentId: org.locationId });
      expect(created.status).toBe(201);
      const path = `/api/v1/locations/${created.body.id}`;
      const [patched, deleted] = await race(
        'locations',
        created.body.id,
        () => as('manager').patch(path, { description: 'Keep' }),
        () => as('manager').delete(path),
      );
      expect(patched.status).toBe(200);
      expectProblem(deleted, 409, 'conflict');
      expect((await as('manager').get(path)).body.description).toBe('Keep');
    });

    it('a booking holding its machine does not hold up new work naming it, which could hold the organization it waits for', async () => {
      const id = await newWorkOrder();
      // Another connection numbers a new work order (holding the organization row), as a create does.
      const holder = new Client({ connectionString: databaseUrl });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select 1 from organizations where id = $1 for update', [org.organizationId]);
        const booking = as('planner').post(`/api/v1/work-orders/${id}/assign`, {
          technicianId: org.technicianId,
          scheduledStartTime: '2034-03-06T08:00:00Z',
          scheduledEndTime: '2034-03-06T09:00:00Z',
        });
        // The booking has checked the machine and now waits for the organization row, last.
        await lockWaits(1);
        // The new work order's foreign key on the machine takes `key share`: granted at once, not
        // queued behind the booking (which waits for this transaction: a deadlock).
        await holder.query('select 1 from equipment where id = $1 for key share nowait', [org.equipmentId]);
        await holder.query('commit');
        const booked = await booking;
        expect(booked.status, JSON.stringify(booked.body)).toBe(200);
      } finally {
        await holder.end();
      }
    });
  });
});
