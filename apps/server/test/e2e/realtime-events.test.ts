import { STATIC_ROOMS, type TechnicianScheduleUpdateEvent, type TechnicianUpdateEvent, type WorkOrderUpdateEvent } from '@msched/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';
import {
  type ReceivedEvent,
  SocketPool,
  type TestSocket,
  assignWorkOrder,
  barrier,
  changeWorkOrderStatus,
  collect,
  collectDomainEvents,
  collectEach,
  createWorkOrder,
  nextEvent,
  request,
  subscribe,
  unsubscribe,
  updateEquipment,
  updateWorkOrder,
  withoutBarriers,
} from '../support/sockets';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const increasing = (ids: number[]) => ids.every((id, index) => index === 0 || id > ids[index - 1]!);
const typesOf = (events: WorkOrderUpdateEvent[]) =>
  events.map((event) => (event.eventType === 'status_change' ? `status_change:${event.data.newStatus}` : event.eventType));

/**
 * Which server events each room receives, with what payload, and who among a room's members may
 * see them (API.md "Real-time", server events). Another organization receives nothing at all.
 */
describe('real-time events', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let foreignTokens: Record<RoleKey, string>;
  let foreignSockets: TestSocket[];
  let foreignReceived: ReceivedEvent[][];
  const pool = new SocketPool(() => server.baseUrl);
  /** Sockets of the foreign organization, open for the whole file. */
  const foreignPool = new SocketPool(() => server.baseUrl);

  const api = (key: RoleKey) => client(server.baseUrl, tokens[key]);
  /** A socket of `key` in `rooms` (and in system:all, for barriers). */
  const socketOf = async (key: RoleKey, rooms: string[]) => (await pool.connect(tokens[key], [...rooms, 'system:all'])).socket;
  const sync = (...sockets: TestSocket[]) => barrier(server.baseUrl, tokens.admin, sockets);

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'events');
    foreign = await createOrganization(server.database, 'elsewhere');
    [tokens, foreignTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, foreign)]);
    // Everything another organization could possibly subscribe to, watched from the start.
    const watchers = await Promise.all([
      foreignPool.connect(foreignTokens.admin, [...STATIC_ROOMS, `equipment:${foreign.equipmentId}`, `technician:${foreign.technicianId}`]),
      foreignPool.connect(foreignTokens.technician, ['system:all', `technician:${foreign.technicianId}`]),
      foreignPool.connect(foreignTokens.requester, ['system:all', 'equipment:all']),
    ]);
    foreignSockets = watchers.map((watcher) => watcher.socket);
    foreignReceived = foreignSockets.map((socket) => collectDomainEvents(socket));
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await pool.closeAll();
    await foreignPool.closeAll();
    await server?.close();
  });

  it('sends workorder:update for created, updated, assigned, status_change and deleted to the right rooms, ids increasing', async () => {
    const rooms = {
      all: 'workorders:all',
      updates: 'workorders:updates',
      created: 'workorders:created',
      updated: 'workorders:updated',
      deleted: 'workorders:deleted',
      equipment: `equipment:${org.equipmentId}`,
    };
    const sockets = Object.fromEntries(
      await Promise.all(Object.entries(rooms).map(async ([key, room]) => [key, await socketOf('planner', [room])] as const)),
    ) as Record<keyof typeof rooms, TestSocket>;
    const received = Object.fromEntries(
      Object.entries(sockets).map(([key, socket]) => [key, collect(socket, 'workorder:update')]),
    ) as Record<keyof typeof rooms, WorkOrderUpdateEvent[]>;
    const technicianSocket = await socketOf('technician', [`technician:${org.technicianId}`]);
    const technicianReceived = collect(technicianSocket, 'workorder:update');
    const schedule = collect(technicianSocket, 'technician:schedule_update');

    const creation = nextEvent(sockets.all, 'workorder:update', (event) => event.eventType === 'created');
    const created = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Seal leaks' });
    // Subscribed after the creation was delivered: the work order's own room starts with the update.
    expect((await creation).workOrderId).toBe(created.id);
    const roomSocket = await socketOf('planner', [`workorder:${created.id}`]);
    const roomReceived = collect(roomSocket, 'workorder:update');

    await updateWorkOrder(server.baseUrl, tokens.planner, created.id, { priority: 'HIGH' });
    await assignWorkOrder(server.baseUrl, tokens.planner, created.id, org.technicianId);
    await changeWorkOrderStatus(server.baseUrl, tokens.technician, created.id, 'IN_PROGRESS');
    await changeWorkOrderStatus(server.baseUrl, tokens.planner, created.id, 'ON_HOLD');
    await changeWorkOrderStatus(server.baseUrl, tokens.manager, created.id, 'CANCELLED');
    expect((await api('manager').delete(`/api/v1/work-orders/${created.id}`)).status).toBe(204);
    await sync(...Object.values(sockets), roomSocket, technicianSocket);

    const everything = [
      'created',
      'updated',
      'assigned',
      'status_change:SCHEDULED',
      'status_change:IN_PROGRESS',
      'status_change:ON_HOLD',
      'status_change:CANCELLED',
      'deleted',
    ];
    const changes = everything.filter((type) => type !== 'created' && type !== 'deleted');
    expect(typesOf(received.all)).toEqual(everything);
    expect(typesOf(received.updates)).toEqual(everything);
    expect(typesOf(received.equipment)).toEqual(everything);
    expect(typesOf(received.created)).toEqual(['created']);
    expect(typesOf(received.updated)).toEqual(changes);
    expect(typesOf(received.deleted)).toEqual(['deleted']);
    expect(typesOf(roomReceived)).toEqual(everything.slice(1));
    // The technician's room: from the assignment on.
    expect(typesOf(technicianReceived)).toEqual(everything.slice(2));
    expect(schedule.map((event) => event.schedule.change)).toEqual([
      'assigned',
      'status_change',
      'status_change',
      'status_change',
      'unassigned',
    ]);
    expect(increasing(schedule.map((event) => event.eventId))).toBe(true);

    // One id per event, the same in every room, increasing.
    const ids = received.all.map((event) => event.eventId);
    expect(increasing(ids)).toBe(true);
    for (const list of [received.updates, received.equipment, roomReceived, technicianReceived])
      expect(list.map((event) => event.eventId)).toEqual(ids.slice(ids.length - list.length));
    expect(received.created[0]!.eventId).toBe(ids[0]);
    expect(received.deleted[0]!.eventId).toBe(ids.at(-1));

    // Payloads: the work order as it is after each change.
    const [createdEvent, updated, assigned, scheduled, started] = received.all as [WorkOrderUpdateEvent, ...WorkOrderUpdateEvent[]];
    expect(createdEvent).toEqual({
      eventId: expect.any(Number),
      eventType: 'created',
      workOrderId: created.id,
      data: expect.objectContaining({
        workOrderNumber: created.workOrderNumber,
        title: 'Seal leaks',
        type: 'CORRECTIVE',
        status: 'OPEN',
        priority: 'MEDIUM',
        equipmentId: org.equipmentId,
        technicianId: null,
        requesterId: org.users.requester.id,
        version: 1,
        updatedAt: expect.stringMatching(ISO),
      }),
      timestamp: expect.stringMatching(ISO),
    });
    expect(updated!.data).toMatchObject({ priority: 'HIGH', changedFields: ['priority'], version: 2 });
    expect(assigned!.data).toMatchObject({
      status: 'SCHEDULED',
      technicianId: org.technicianId,
      previousTechnicianId: null,
      technicianName: 'Tess Turner',
      scheduledStartTime: expect.stringMatching(ISO),
      scheduledEndTime: expect.stringMatching(ISO),
    });
    expect(scheduled!.data).toMatchObject({ oldStatus: 'OPEN', newStatus: 'SCHEDULED', status: 'SCHEDULED' });
    expect(started!.data).toMatchObject({ oldStatus: 'SCHEDULED', newStatus: 'IN_PROGRESS', status: 'IN_PROGRESS' });
    expect(received.all.at(-1)).toMatchObject({ eventType: 'deleted', workOrderId: created.id, data: { status: 'CANCELLED' } });
    expect(schedule[0]).toEqual({
      eventId: expect.any(Number),
      technicianId: org.technicianId,
      schedule: {
        change: 'assigned',
        workOrderId: created.id,
        workOrderNumber: created.workOrderNumber,
        title: 'Seal leaks',
        status: 'SCHEDULED',
        priority: 'HIGH',
        scheduledStartTime: expect.stringMatching(ISO),
        scheduledEndTime: expect.stringMatching(ISO),
      },
      timestamp: expect.stringMatching(ISO),
    });
  });

  it('shows a technician and a requester only their own work, also in the shared equipment room', async () => {
    const technician = await socketOf('technician', [`technician:${org.technicianId}`, `equipment:${org.equipmentId}`]);
    const requester = await socketOf('requester', [`equipment:${org.equipmentId}`]);
    const planner = await socketOf('planner', [`equipment:${org.equipmentId}`]);
    const [technicianSaw, requesterSaw, plannerSaw] = collectEach([technician, requester, planner], 'workorder:update');
    const technicianSchedule = collect(technician, 'technician:schedule_update');

    const own = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Mine' });
    const other = await createWorkOrder(server.baseUrl, tokens.otherRequester, org.equipmentId, { title: 'Not mine' });
    await assignWorkOrder(server.baseUrl, tokens.planner, own.id, org.technicianId);
    await assignWorkOrder(server.baseUrl, tokens.planner, other.id, org.otherTechnicianId);
    await updateWorkOrder(server.baseUrl, tokens.planner, own.id, { priority: 'LOW' });
    await updateWorkOrder(server.baseUrl, tokens.planner, other.id, { priority: 'LOW' });
    await changeWorkOrderStatus(server.baseUrl, tokens.otherTechnician, other.id, 'IN_PROGRESS');
    await sync(technician, requester, planner);

    expect(new Set(plannerSaw.map((event) => event.workOrderId))).toEqual(new Set([own.id, other.id]));
    expect(typesOf(technicianSaw.filter((event) => event.workOrderId === own.id))).toEqual([
      'assigned',
      'status_change:SCHEDULED',
      'updated',
    ]);
    expect(technicianSaw.every((event) => event.workOrderId === own.id)).toBe(true);
    expect(typesOf(requesterSaw)).toEqual(['created', 'assigned', 'status_change:SCHEDULED', 'updated']);
    expect(requesterSaw.every((event) => event.workOrderId === own.id)).toBe(true);
    expect(technicianSchedule.map((event) => [event.technicianId, event.schedule.workOrderId])).toEqual([[org.technicianId, own.id]]);
  });

  it('keeps a requester who joined no room up to date on their own requests, in their user room, and no one else', async () => {
    const requester = await socketOf('requester', []);
    const otherRequester = await socketOf('otherRequester', []);
    const [requesterSaw, otherSaw] = collectEach([requester, otherRequester], 'workorder:update');
    const own = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Followed from my phone' });
    await assignWorkOrder(server.baseUrl, tokens.planner, own.id, org.technicianId);
    await sync(requester, otherRequester);
    expect(typesOf(requesterSaw)).toEqual(['created', 'assigned', 'status_change:SCHEDULED']);
    expect(requesterSaw.every((event) => event.workOrderId === own.id)).toBe(true);
    expect(otherSaw).toEqual([]);
  });

  it('after a reassignment from A to B, A gets the assignment once and then nothing, and leaves the work order’s room', async () => {
    const workOrder = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Reassigned' });
    await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);
    const a = await socketOf('technician', [`workorder:${workOrder.id}`, `technician:${org.technicianId}`]);
    const b = await socketOf('otherTechnician', [`technician:${org.otherTechnicianId}`]);
    const [aSaw, bSaw] = collectEach([a, b], 'workorder:update');
    const [aSchedule, bSchedule] = collectEach([a, b], 'technician:schedule_update');

    await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.otherTechnicianId);
    await sync(a, b);
    expect(aSaw).toHaveLength(1);
    expect(aSaw[0]).toMatchObject({
      eventType: 'assigned',
      workOrderId: workOrder.id,
      data: { technicianId: org.otherTechnicianId, previousTechnicianId: org.technicianId, technicianName: 'Otto Olsen' },
    });
    expect(aSchedule.map((event) => [event.technicianId, event.schedule.change])).toEqual([[org.technicianId, 'unassigned']]);
    expect(bSchedule.map((event) => [event.technicianId, event.schedule.change])).toEqual([[org.otherTechnicianId, 'assigned']]);
    expect(bSaw.map((event) => event.eventId)).toEqual([aSaw[0]!.eventId]);

    // Nothing more about it reaches A.
    await updateWorkOrder(server.baseUrl, tokens.planner, workOrder.id, { title: 'Reassigned, renamed' });
    await changeWorkOrderStatus(server.baseUrl, tokens.otherTechnician, workOrder.id, 'IN_PROGRESS');
    await sync(a, b);
    expect(aSaw).toHaveLength(1);
    expect(aSchedule).toHaveLength(1);
    expect(typesOf(bSaw)).toEqual(['assigned', 'updated', 'status_change:IN_PROGRESS']);

    // A's socket was taken out of the work order's room, and may not go back.
    const left = await unsubscribe(a, [`workorder:${workOrder.id}`]);
    expect(left).toMatchObject({ success: false, rooms: [], refused: [{ room: `workorder:${workOrder.id}`, reason: expect.any(String) }] });
    const again = await subscribe(a, [`workorder:${workOrder.id}`]);
    expect(again).toMatchObject({ success: false, rooms: [] });
  });

  it('tells the technician when a status change takes the booking away (SCHEDULED → OPEN)', async () => {
    const workOrder = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Back to the backlog' });
    await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);
    const technician = await socketOf('technician', [`technician:${org.technicianId}`, `workorder:${workOrder.id}`]);
    const planner = await socketOf('planner', ['technicians:schedule']);
    const technicianSaw = collect(technician, 'workorder:update');
    const [technicianSchedule, plannerSchedule] = collectEach([technician, planner], 'technician:schedule_update');

    await changeWorkOrderStatus(server.baseUrl, tokens.planner, workOrder.id, 'OPEN');
    await sync(technician, planner);

    const unassigned = (events: TechnicianScheduleUpdateEvent[]) =>
      events.filter((event) => event.schedule.workOrderId === workOrder.id).map((event) => [event.technicianId, event.schedule.change]);
    expect(unassigned(plannerSchedule)).toEqual([[org.technicianId, 'unassigned']]);
    expect(unassigned(technicianSchedule)).toEqual([[org.technicianId, 'unassigned']]);
    expect(typesOf(technicianSaw)).toEqual(['status_change:OPEN']);
  });

  it('sends technician:schedule_update on assignment and rescheduling to technicians:schedule and technician:{id} only', async () => {
    const planner = await socketOf('planner', ['technicians:schedule']);
    const technician = await socketOf('technician', [`technician:${org.technicianId}`]);
    const otherTechnician = await socketOf('otherTechnician', [`technician:${org.otherTechnicianId}`]);
    const feed = await socketOf('planner', ['technicians:all', 'technicians:updates']);
    const [plannerSaw, technicianSaw, otherSaw, feedSaw] = collectEach(
      [planner, technician, otherTechnician, feed],
      'technician:schedule_update',
    );

    const workOrder = await createWorkOrder(server.baseUrl, tokens.planner, org.equipmentId, { title: 'Booked' });
    const assigned = await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);
    const moved = await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);
    await sync(planner, technician, otherTechnician, feed);

    for (const list of [plannerSaw, technicianSaw]) {
      expect(list.map((event) => event.schedule.change)).toEqual(['assigned', 'rescheduled']);
      expect(list.map((event) => event.technicianId)).toEqual([org.technicianId, org.technicianId]);
      expect(list[0]!.schedule).toMatchObject({
        workOrderId: workOrder.id,
        status: 'SCHEDULED',
        scheduledStartTime: assigned.scheduledStartTime,
      });
      expect(list[1]!.schedule.scheduledStartTime).toBe(moved.scheduledStartTime);
    }
    expect(plannerSaw.map((event) => event.eventId)).toEqual(technicianSaw.map((event) => event.eventId));
    expect(otherSaw).toEqual([]);
    expect(feedSaw).toEqual([]);
  });

  it('sends technician:update on a technician edit and an availability change', async () => {
    const rooms = ['technicians:all', 'technicians:updates', `technician:${org.technicianId}`];
    const staff = await Promise.all(rooms.map((room) => socketOf('planner', [room])));
    const technician = await socketOf('technician', [`technician:${org.technicianId}`]);
    const otherTechnician = await socketOf('otherTechnician', [`technician:${org.otherTechnicianId}`]);
    const scheduleFeed = await socketOf('planner', ['technicians:schedule']);
    const everyone = [...staff, technician, otherTechnician, scheduleFeed];
    const received = everyone.map((socket) => collect(socket, 'technician:update')) as TechnicianUpdateEvent[][];

    const edited = await api('manager').patch(`/api/v1/technicians/${org.technicianId}`, { phone: '+49 30 1234' });
    expect(edited.status).toBe(200);
    const availability = await api('planner').put(`/api/v1/technicians/${org.technicianId}/availability`, {
      timezone: 'Europe/Berlin',
      weeklyPattern: [{ weekday: 1, start: '07:00', end: '15:00' }],
      exceptions: [],
    });
    expect(availability.status).toBe(200);
    await sync(...everyone);

    for (const list of received.slice(0, 4)) {
      expect(list.map((event) => event.eventType)).toEqual(['updated', 'availability_changed']);
      expect(list[0]).toEqual({
        eventId: expect.any(Number),
        eventType: 'updated',
        technicianId: org.technicianId,
        data: { employeeId: 'T-1', firstName: 'Tess', lastName: 'Turner', active: true, version: edited.body.version },
        timestamp: expect.stringMatching(ISO),
      });
      expect(increasing(list.map((event) => event.eventId))).toBe(true);
    }
    expect(received[4]).toEqual([]);
    expect(received[5]).toEqual([]);
  });

  it('sends equipment:update, with status_change only also in equipment:status', async () => {
    const rooms = ['equipment:all', 'equipment:updates', 'equipment:status', `equipment:${org.equipmentId}`];
    const keys: RoleKey[] = ['planner', 'technician', 'requester', 'requester'];
    const sockets = await Promise.all(rooms.map((room, index) => socketOf(keys[index]!, [room])));
    const received = sockets.map((socket) => collect(socket, 'equipment:update'));

    const before = (await api('planner').get(`/api/v1/equipment/${org.equipmentId}`)).body;
    const degraded = await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { status: 'DEGRADED' });
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { name: 'Feed pump (rebuilt)' });
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { status: before.status });
    const added = await api('manager').post('/api/v1/equipment', { equipmentNumber: 'EQ-RT', name: 'Compressor', type: 'Compressor' });
    expect(added.status).toBe(201);
    expect((await api('manager').delete(`/api/v1/equipment/${added.body.id}`)).status).toBe(204);
    await sync(...sockets);

    const [all, updates, status, room] = received as [any[], any[], any[], any[]];
    const summary = (list: any[]) => list.map((event) => `${event.eventType}:${event.equipmentId === org.equipmentId ? 'pump' : 'new'}`);
    const everything = ['status_change:pump', 'updated:pump', 'status_change:pump', 'created:new', 'deleted:new'];
    expect(summary(all)).toEqual(everything);
    expect(summary(updates)).toEqual(everything);
    expect(summary(status)).toEqual(['status_change:pump', 'status_change:pump']);
    expect(summary(room)).toEqual(['status_change:pump', 'updated:pump', 'status_change:pump']);
    expect(status[0]).toEqual({
      eventId: all[0].eventId,
      eventType: 'status_change',
      equipmentId: org.equipmentId,
      data: {
        equipmentNumber: 'EQ-1',
        name: before.name,
        status: 'DEGRADED',
        version: degraded.version,
        oldStatus: before.status,
        newStatus: 'DEGRADED',
      },
      timestamp: expect.stringMatching(ISO),
    });
    expect(all[1].data).not.toHaveProperty('oldStatus');
    expect(increasing(all.map((event) => event.eventId))).toBe(true);
  });

  describe('system:message', () => {
    it('is posted by an admin only (202 with its event id; 403 for every other role; 401 without a token)', async () => {
      for (const key of ['manager', 'planner', 'technician', 'requester'] as const) {
        expect((await api(key).post('/api/v1/admin/system-messages', { message: 'hello' })).status, key).toBe(403);
      }
      expect((await client(server.baseUrl).post('/api/v1/admin/system-messages', { message: 'hello' })).status).toBe(401);
      const accepted = await api('admin').post('/api/v1/admin/system-messages', { message: 'hello' });
      expect(accepted.status).toBe(202);
      expect(accepted.body).toEqual({ eventId: expect.any(Number) });
    });

    it.each([
      ['no message', {}],
      ['an empty message', { message: '' }],
      ['an unknown level', { message: 'x', level: 'panic' }],
      ['an unknown field', { message: 'x', extra: true }],
      ['a message of 1001 characters', { message: 'x'.repeat(1001) }],
    ])('refuses %s with 400', async (_name, body) => {
      expect((await api('admin').post('/api/v1/admin/system-messages', body)).status).toBe(400);
    });

    it('reaches every role in system:all of the organization, and nobody outside that room', async () => {
      const keys: RoleKey[] = ['admin', 'manager', 'planner', 'technician', 'requester'];
      const listeners = await Promise.all(keys.map((key) => socketOf(key, [])));
      const outsider = (await pool.connect(tokens.planner, ['equipment:all'])).socket;
      const outsiderHeard = collect(outsider, 'system:message');
      const arrivals = listeners.map((socket) =>
        nextEvent(socket, 'system:message', (message) => message.message === 'Maintenance window'),
      );

      const posted = await api('admin').post('/api/v1/admin/system-messages', {
        message: 'Maintenance window',
        level: 'warning',
        data: { from: '22:00' },
      });
      const received = await Promise.all(arrivals);
      for (const message of received)
        expect(message).toEqual({
          eventId: posted.body.eventId,
          message: 'Maintenance window',
          level: 'warning',
          data: { from: '22:00' },
          timestamp: expect.stringMatching(ISO),
        });

      const defaults = nextEvent(listeners[0]!, 'system:message', (message) => message.message === 'Defaults');
      await api('admin').post('/api/v1/admin/system-messages', { message: 'Defaults' });
      expect(await defaults).toMatchObject({ level: 'info', data: {} });

      // A later event in a room the outsider holds: anything sent before it would have arrived.
      const later = nextEvent(outsider, 'equipment:update');
      await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { description: 'after the message' });
      await later;
      expect(outsiderHeard).toEqual([]);
    });
  });

  it('never delivers anything of this organization to another one', async () => {
    await barrier(server.baseUrl, foreignTokens.admin, foreignSockets);
    for (const received of foreignReceived) expect(withoutBarriers(received)).toEqual([]);
    // Its own events still reach it.
    const own = nextEvent(foreignSockets[0]!, 'equipment:update');
    await updateEquipment(server.baseUrl, foreignTokens.planner, foreign.equipmentId, { status: 'DOWN' });
    expect((await own).equipmentId).toBe(foreign.equipmentId);
    // Requests naming this organization's objects are refused to it.
    const ack = await request(foreignSockets[0]!, 'subscribe', {
      rooms: [`equipment:${org.equipmentId}`, `technician:${org.technicianId}`, `user:${org.users.admin.id}`],
    });
    expect(ack).toMatchObject({ success: false, rooms: [] });
    expect(ack.refused).toHaveLength(3);
  });
});
