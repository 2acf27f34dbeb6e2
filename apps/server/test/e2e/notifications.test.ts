import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { NotificationEvent } from '@msched/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../src/platform/db/schema';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';
import {
  SocketPool,
  type TestSocket,
  assignWorkOrder,
  barrier,
  changeWorkOrderStatus,
  collect,
  createWorkOrder,
  nextEvent,
  updateEquipment,
} from '../support/sockets';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Notifications: stored per user, pushed live to the user's own room, listed and marked read
 * over HTTP. Who is notified: the technician on assignment; the assigned technician, the
 * equipment's owner and its maintenance manager on a status change; owner and manager on an
 * equipment status change; never the person who made the change.
 */
describe('notifications', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  const pool = new SocketPool(() => server.baseUrl);
  const api = (key: RoleKey) => client(server.baseUrl, tokens[key]);
  const list = async (key: RoleKey, query = '') => {
    const response = await api(key).get(`/api/v1/notifications${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { data: any[]; total: number; page: number; limit: number; unreadCount: number };
  };

  /** One socket per user (each in system:all for barriers), collecting its notifications. */
  async function listeners(keys: RoleKey[]) {
    const sockets = {} as Record<RoleKey, TestSocket>;
    const received = {} as Record<RoleKey, NotificationEvent[]>;
    for (const key of keys) {
      sockets[key] = (await pool.connect(tokens[key], ['system:all'])).socket;
      received[key] = collect(sockets[key], 'notification');
    }
    return { sockets, received, sync: () => barrier(server.baseUrl, tokens.admin, Object.values(sockets)) };
  }

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'notify');
    tokens = await tokensFor(server.baseUrl, org);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await pool.closeAll();
    await server?.close();
  });

  it('notifies the technician of an assignment, live and in GET /notifications', async () => {
    // Its people read times in Berlin: the message says the start so.
    await server.database.db.update(organizations).set({ timezone: 'Europe/Berlin' }).where(eq(organizations.id, org.organizationId));
    const { sockets, received, sync } = await listeners(['technician', 'otherTechnician', 'planner', 'requester']);
    const workOrder = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Vibration', priority: 'HIGH' });
    const live = nextEvent(sockets.technician, 'notification', (notification) => notification.workOrderId === workOrder.id);
    const assigned = await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);

    const notification = await live;
    // 2035-01-01 is a Monday; Berlin is an hour ahead of UTC in winter.
    const start = new Date(assigned.scheduledStartTime);
    const local = `${String(start.getUTCHours() + 1).padStart(2, '0')}:${String(start.getUTCMinutes()).padStart(2, '0')}`;
    expect(notification.message).toBe(
      `You have been assigned work order #${workOrder.workOrderNumber}: Vibration for Mon 1 Jan 2035, ${local} (Europe/Berlin)`,
    );
    expect(notification).toEqual({
      eventId: expect.any(Number),
      id: expect.any(String),
      type: 'work_order_assigned',
      title: 'New work order assigned',
      message: expect.stringContaining(workOrder.workOrderNumber),
      data: {
        workOrderNumber: workOrder.workOrderNumber,
        equipmentId: org.equipmentId,
        priority: 'HIGH',
        dueDate: null,
        scheduledStartTime: assigned.scheduledStartTime,
        scheduledEndTime: assigned.scheduledEndTime,
      },
      workOrderId: workOrder.id,
      equipmentId: org.equipmentId,
      readAt: null,
      createdAt: expect.stringMatching(ISO),
      timestamp: expect.stringMatching(ISO),
    });
    await sync();
    expect(received.technician.map((item) => item.id)).toEqual([notification.id]);
    expect(received.otherTechnician).toEqual([]);
    expect(received.planner).toEqual([]);
    expect(received.requester).toEqual([]);

    const page = await list('technician');
    expect(page).toMatchObject({ total: 1, page: 1, limit: 20, unreadCount: 1 });
    const { eventId: _eventId, timestamp: _timestamp, ...stored } = notification;
    expect(page.data).toEqual([stored]);
    expect((await list('planner')).total).toBe(0);

    // Rescheduling the same technician says so.
    const rescheduled = nextEvent(sockets.technician, 'notification');
    await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);
    expect(await rescheduled).toMatchObject({ type: 'work_order_assigned', title: 'Work order rescheduled', workOrderId: workOrder.id });
  });

  it('notifies every crew member of an assignment, a reschedule and a status change, and the crew a reopen releases', async () => {
    // An organization of its own: the listing tests below count the other technician's notifications.
    const crewOrg = await createOrganization(server.database, 'notify-crew');
    const crewTokens = await tokensFor(server.baseUrl, crewOrg);
    const received = {} as Record<'technician' | 'otherTechnician' | 'planner', NotificationEvent[]>;
    const sockets: TestSocket[] = [];
    for (const key of ['technician', 'otherTechnician', 'planner'] as const) {
      const { socket } = await pool.connect(crewTokens[key], ['system:all']);
      sockets.push(socket);
      received[key] = collect(socket, 'notification');
    }
    const sync = () => barrier(server.baseUrl, crewTokens.admin, sockets);
    const workOrder = await createWorkOrder(server.baseUrl, crewTokens.requester, crewOrg.equipmentId, { title: 'Lift the gearbox' });
    const start = Date.UTC(2036, 0, 5, 9);
    const assign = (crewTechnicianIds: string[]) =>
      client(server.baseUrl, crewTokens.planner).post(`/api/v1/work-orders/${workOrder.id}/assign`, {
        technicianId: crewOrg.technicianId,
        crewTechnicianIds,
        scheduledStartTime: new Date(start).toISOString(),
        scheduledEndTime: new Date(start + 3_600_000).toISOString(),
        force: true,
      });
    const titles = (key: keyof typeof received) => received[key].map((item) => item.title);

    expect((await assign([crewOrg.otherTechnicianId])).status).toBe(200);
    await sync();
    expect(titles('technician')).toEqual(['New work order assigned']);
    expect(titles('otherTechnician')).toEqual(['New work order assigned']);

    // The same crew again: both hear of a reschedule.
    expect((await assign([crewOrg.otherTechnicianId])).status).toBe(200);
    // The lead starts the work: the crew member hears of it, the lead (the actor) does not.
    await changeWorkOrderStatus(server.baseUrl, crewTokens.technician, workOrder.id, 'IN_PROGRESS');
    await sync();
    expect(titles('technician')).toEqual(['New work order assigned', 'Work order rescheduled']);
    expect(titles('otherTechnician')).toEqual([
      'New work order assigned',
      'Work order rescheduled',
      'Work order status changed to IN_PROGRESS',
    ]);

    // Put on hold by its crew member, then back to OPEN by the planner: the released crew hears of it.
    await changeWorkOrderStatus(server.baseUrl, crewTokens.otherTechnician, workOrder.id, 'ON_HOLD');
    await changeWorkOrderStatus(server.baseUrl, crewTokens.planner, workOrder.id, 'OPEN');
    await sync();
    expect(titles('technician').slice(2)).toEqual(['Work order status changed to ON_HOLD', 'Work order status changed to OPEN']);
    expect(titles('otherTechnician').slice(3)).toEqual(['Work order status changed to OPEN']);
    expect(received.planner).toEqual([]);
    expect(received.technician.every((item) => item.workOrderId === workOrder.id)).toBe(true);
  });

  it('notifies the assigned technician, the equipment owner and its manager of a status change, never the actor, nor anyone who may not see the work', async () => {
    // The owner is a requester who may not open this work order (another's request): not told of it.
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, {
      ownerId: org.users.otherRequester.id,
      maintenanceManagerId: org.users.manager.id,
    });
    const workOrder = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Overheating' });
    await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);
    const { received, sync } = await listeners(['technician', 'otherRequester', 'manager', 'planner', 'requester', 'admin']);

    await changeWorkOrderStatus(server.baseUrl, tokens.technician, workOrder.id, 'IN_PROGRESS');
    await sync();
    const statusChanges = (key: RoleKey) =>
      received[key].filter((item) => item.type === 'work_order_status_change').map((item) => item.data['newStatus']);
    expect(statusChanges('technician')).toEqual([]); // the actor
    expect(statusChanges('otherRequester')).toEqual([]);
    expect(statusChanges('manager')).toEqual(['IN_PROGRESS']);
    expect(received.manager[0]).toMatchObject({
      type: 'work_order_status_change',
      title: 'Work order status changed to IN_PROGRESS',
      message: expect.stringContaining(workOrder.workOrderNumber),
      data: { workOrderNumber: workOrder.workOrderNumber, oldStatus: 'SCHEDULED', newStatus: 'IN_PROGRESS', equipmentName: 'Feed pump' },
      workOrderId: workOrder.id,
      equipmentId: org.equipmentId,
      readAt: null,
    });

    // Owned by the requester who raised it: they may see it, and hear of it.
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { ownerId: org.users.requester.id });
    await changeWorkOrderStatus(server.baseUrl, tokens.manager, workOrder.id, 'ON_HOLD');
    await sync();
    expect(statusChanges('technician')).toEqual(['ON_HOLD']);
    expect(statusChanges('requester')).toEqual(['ON_HOLD']);
    expect(statusChanges('manager')).toEqual(['IN_PROGRESS']); // the actor this time
    for (const key of ['planner', 'otherRequester', 'admin'] as const) expect(received[key], key).toEqual([]);
    // Each user's copy is their own notification.
    expect(new Set([...received.requester, ...received.manager, ...received.technician].map((item) => item.id)).size).toBe(3);
  });

  it('notifies the owner and the manager of an equipment status change, not the actor', async () => {
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, {
      ownerId: org.users.otherRequester.id,
      maintenanceManagerId: org.users.manager.id,
      status: 'OPERATIONAL',
    });
    const { received, sync } = await listeners(['otherRequester', 'manager', 'planner', 'technician']);

    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { status: 'DOWN' });
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { description: 'no status change: nobody hears' });
    await updateEquipment(server.baseUrl, tokens.manager, org.equipmentId, { status: 'DEGRADED' });
    await sync();

    const changes = (key: RoleKey) => received[key].map((item) => `${item.data['oldStatus']}>${item.data['newStatus']}`);
    expect(changes('otherRequester')).toEqual(['OPERATIONAL>DOWN', 'DOWN>DEGRADED']);
    expect(changes('manager')).toEqual(['OPERATIONAL>DOWN']);
    expect(received.planner).toEqual([]);
    expect(received.technician).toEqual([]);
    expect(received.manager[0]).toMatchObject({
      type: 'equipment_status_change',
      title: 'Equipment status changed to DOWN',
      message: expect.stringContaining('EQ-1'),
      data: { equipmentName: 'Feed pump', equipmentNumber: 'EQ-1', oldStatus: 'OPERATIONAL', newStatus: 'DOWN' },
      workOrderId: null,
      equipmentId: org.equipmentId,
      readAt: null,
    });
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { status: 'OPERATIONAL' });
  });

  describe('over HTTP', () => {
    /** Three assignments for the other technician (who has no notifications yet), newest first. */
    let ids: string[];

    beforeAll(async () => {
      for (const title of ['First', 'Second', 'Third']) {
        const workOrder = await createWorkOrder(server.baseUrl, tokens.planner, org.equipmentId, { title });
        await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.otherTechnicianId);
      }
      const page = await list('otherTechnician');
      expect(page.total).toBe(3);
      ids = page.data.map((item) => item.id);
      expect(page.data.map((item) => item.message.split(': ')[1]?.split(' for ')[0])).toEqual(['Third', 'Second', 'First']);
    });

    it('pages newest first', async () => {
      const first = await list('otherTechnician', '?page=1&limit=2');
      const second = await list('otherTechnician', '?page=2&limit=2');
      expect(first).toMatchObject({ total: 3, page: 1, limit: 2, unreadCount: 3 });
      expect(second).toMatchObject({ total: 3, page: 2, limit: 2, unreadCount: 3 });
      expect([...first.data, ...second.data].map((item) => item.id)).toEqual(ids);
      expect((await list('otherTechnician', '?page=3&limit=2')).data).toEqual([]);
      for (const query of ['?limit=0', '?limit=101', '?page=0', '?unread=maybe'])
        expect((await api('otherTechnician').get(`/api/v1/notifications${query}`)).status, query).toBe(400);
    });

    it('marks one read (keeping the first read time), refuses another user’s (404) and a bad id (400)', async () => {
      const read = await api('otherTechnician').post(`/api/v1/notifications/${ids[1]}/read`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: ids[1], readAt: expect.stringMatching(ISO) });
      const again = await api('otherTechnician').post(`/api/v1/notifications/${ids[1]}/read`);
      expect(again.status).toBe(200);
      expect(again.body.readAt).toBe(read.body.readAt);

      const foreign = await api('technician').post(`/api/v1/notifications/${ids[0]}/read`);
      expect(foreign.status).toBe(404);
      expect((await api('admin').post(`/api/v1/notifications/${ids[0]}/read`)).status).toBe(404);
      expect((await api('otherTechnician').post(`/api/v1/notifications/${randomUUID()}/read`)).status).toBe(404);
      expect((await api('otherTechnician').post('/api/v1/notifications/not-a-uuid/read')).status).toBe(400);
      // Only the one was touched.
      const page = await list('otherTechnician');
      expect(page.unreadCount).toBe(2);
      expect(page.data.map((item) => item.readAt !== null)).toEqual([false, true, false]);
    });

    it('filters with ?unread=true|false; unreadCount ignores the filter', async () => {
      const unread = await list('otherTechnician', '?unread=true');
      expect(unread).toMatchObject({ total: 2, unreadCount: 2 });
      expect(unread.data.map((item) => item.id)).toEqual([ids[0], ids[2]]);
      const read = await list('otherTechnician', '?unread=false');
      expect(read).toMatchObject({ total: 1, unreadCount: 2 });
      expect(read.data.map((item) => item.id)).toEqual([ids[1]]);
    });

    it('marks all read with { updated }', async () => {
      const first = await api('otherTechnician').post('/api/v1/notifications/read-all');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ updated: 2 });
      expect((await api('otherTechnician').post('/api/v1/notifications/read-all')).body).toEqual({ updated: 0 });
      const page = await list('otherTechnician');
      expect(page.unreadCount).toBe(0);
      expect(page.data.every((item) => item.readAt !== null)).toBe(true);
      expect((await list('otherTechnician', '?unread=true')).total).toBe(0);
      // Nobody else's were touched.
      expect((await list('technician')).unreadCount).toBeGreaterThan(0);
    });

    it('requires a token (401)', async () => {
      const anonymous = client(server.baseUrl);
      expect((await anonymous.get('/api/v1/notifications')).status).toBe(401);
      expect((await anonymous.post(`/api/v1/notifications/${ids[0]}/read`)).status).toBe(401);
      expect((await anonymous.post('/api/v1/notifications/read-all')).status).toBe(401);
      expect((await client(server.baseUrl, 'garbage').get('/api/v1/notifications')).status).toBe(401);
    });
  });
});
