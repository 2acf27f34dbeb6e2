import { randomUUID } from 'node:crypto';
import { STATIC_ROOMS, type SubscriptionAck } from '@msched/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';
import {
  SocketPool,
  barrier,
  changeWorkOrderStatus,
  collect,
  collectDomainEvents,
  nextEvent,
  ping,
  request,
  subscribe,
  unsubscribe,
  updateEquipment,
  updateWorkOrder,
  watch,
  withoutBarriers,
} from '../support/sockets';
import { seedWorkOrder } from '../support/work-order-factory';
import { equipment } from '../../src/platform/db/schema';

type Role = 'admin' | 'manager' | 'planner' | 'technician' | 'requester';
const ROLES: Role[] = ['admin', 'manager', 'planner', 'technician', 'requester'];
const STAFF: Role[] = ['admin', 'manager', 'planner'];

/** Who may join each static room (API.md; access-policy ROOM_PERMISSIONS). */
const staticRoomAllowed = (room: string, role: Role) =>
  room.startsWith('workorders:') || room.startsWith('technicians:') ? STAFF.includes(role) : true;

type Target = 'own' | 'other' | 'foreign' | 'missing';
const TARGETS: Target[] = ['own', 'other', 'foreign', 'missing'];

/**
 * Object rooms. workorder: staff any of their organization, a technician their assignment, a
 * requester their own request. technician: staff, or that technician. equipment: anyone of the
 * organization. user: only one's own. Another organization's or a nonexistent object: never.
 */
const objectRoomAllowed: Record<'workorder' | 'technician' | 'equipment' | 'user', (role: Role, target: Target) => boolean> = {
  workorder: (role, target) => target === 'own' || (target === 'other' && STAFF.includes(role)),
  technician: (role, target) =>
    (target === 'own' && (STAFF.includes(role) || role === 'technician')) || (target === 'other' && STAFF.includes(role)),
  equipment: (_role, target) => target === 'own',
  user: (_role, target) => target === 'own',
};

const sameMembers = (actual: readonly string[], expected: readonly string[]) => expect([...actual].sort()).toEqual([...expected].sort());

describe('real-time rooms', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let foreignTokens: Record<RoleKey, string>;
  /** Seeded work orders: the fixture technician's and requester's, the other ones', a foreign one. */
  const workOrders = { own: '', other: '', foreign: '', missing: randomUUID() };
  const pool = new SocketPool(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'rooms');
    foreign = await createOrganization(server.database, 'faraway');
    [tokens, foreignTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, foreign)]);
    workOrders.own = (await seedWorkOrder(server.database, org, 'own')).id;
    workOrders.other = (await seedWorkOrder(server.database, org, 'other')).id;
    workOrders.foreign = (await seedWorkOrder(server.database, foreign, 'own')).id;
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await pool.closeAll();
    await server?.close();
  });

  /** The object room of each family and target, as seen by `role`. */
  function objectRooms(role: Role): { room: string; allowed: boolean; label: string }[] {
    const ids: Record<keyof typeof objectRoomAllowed, Record<Target, string>> = {
      workorder: workOrders,
      technician: { own: org.technicianId, other: org.otherTechnicianId, foreign: foreign.technicianId, missing: randomUUID() },
      equipment: { own: org.equipmentId, other: org.equipmentId, foreign: foreign.equipmentId, missing: randomUUID() },
      user: {
        own: org.users[role].id,
        other: role === 'requester' ? org.users.otherRequester.id : org.users.requester.id,
        foreign: foreign.users[role].id,
        missing: randomUUID(),
      },
    };
    return (Object.keys(objectRoomAllowed) as (keyof typeof objectRoomAllowed)[]).flatMap((family) =>
      TARGETS.filter((target) => !(family === 'equipment' && target === 'other')).map((target) => ({
        room: `${family}:${ids[family][target]}`,
        allowed: objectRoomAllowed[family](role, target),
        label: `${family}:${target}`,
      })),
    );
  }

  function expectAck(ack: SubscriptionAck, allowed: string[], refused: string[]) {
    sameMembers(ack.rooms, allowed);
    sameMembers(
      ack.refused.map((refusal) => refusal.room),
      refused,
    );
    for (const refusal of ack.refused) expect(refusal.reason, refusal.room).toMatch(/\w/);
    expect(ack.success).toBe(refused.length === 0);
    expect(ack.message).toEqual(expect.any(String));
  }

  describe.each(ROLES)('as %s', (role) => {
    it('joins the static rooms of the role and is refused the others, with a reason', async () => {
      const { socket } = await pool.connect(tokens[role]);
      const allowed = STATIC_ROOMS.filter((room) => staticRoomAllowed(room, role));
      const refused = STATIC_ROOMS.filter((room) => !staticRoomAllowed(room, role));
      expectAck(await subscribe(socket, [...STATIC_ROOMS]), allowed, refused);
      // Only the allowed ones: a clean success.
      expectAck(await subscribe(socket, allowed), allowed, []);
    });

    it('joins the object rooms it may see, and is refused the others', async () => {
      const { socket } = await pool.connect(tokens[role]);
      const rooms = objectRooms(role);
      const ack = await subscribe(
        socket,
        rooms.map((entry) => entry.room),
      );
      expectAck(
        ack,
        rooms.filter((entry) => entry.allowed).map((entry) => entry.room),
        rooms.filter((entry) => !entry.allowed).map((entry) => entry.room),
      );
      // Refusing someone else's object reads like refusing a missing one: existence is not revealed.
      const reasonOf = (label: string) =>
        ack.refused.find((refusal) => refusal.room === rooms.find((entry) => entry.label === label)!.room);
      for (const family of ['workorder', 'technician', 'user']) {
        const other = reasonOf(`${family}:other`);
        if (other) expect(other.reason).toBe(reasonOf(`${family}:missing`)!.reason);
        expect(reasonOf(`${family}:foreign`)!.reason).toBe(reasonOf(`${family}:missing`)!.reason);
      }
    });

    it.each(TARGETS)('object rooms one at a time: %s', async (target) => {
      const { socket } = await pool.connect(tokens[role]);
      for (const entry of objectRooms(role).filter((candidate) => candidate.label.endsWith(`:${target}`))) {
        const ack = await subscribe(socket, [entry.room]);
        if (entry.allowed) expectAck(ack, [entry.room], []);
        else expectAck(ack, [], [entry.room]);
      }
    });
  });

  it('refuses malformed room names, including role rooms and raw organization-scoped keys', async () => {
    const { socket } = await pool.connect(tokens.admin);
    const malformed = [
      'workorder:not-a-uuid',
      'workorder:',
      'workorders',
      'Workorders:all',
      'SYSTEM:ALL',
      'foo:bar',
      'role:admin',
      `role:${randomUUID()}`,
      `${org.organizationId}|workorders:all`,
      `${foreign.organizationId}|workorders:all`,
      `workorder:${workOrders.own} `,
      `workorder:${workOrders.own}:x`,
      'system:all\u0000',
      '',
    ];
    const ack = await subscribe(socket, malformed);
    expect(ack.success).toBe(false);
    expect(ack.rooms).toEqual([]);
    sameMembers(
      ack.refused.map((refusal) => refusal.room),
      malformed,
    );
  });

  it('reads object ids case-insensitively and answers the normalized room name', async () => {
    const { socket } = await pool.connect(tokens.planner);
    const ack = await subscribe(socket, [`workorder:${workOrders.own.toUpperCase()}`]);
    expectAck(ack, [`workorder:${workOrders.own}`], []);
  });

  it('names a room once in the ack, however its id is spelled', async () => {
    const { socket } = await pool.connect(tokens.planner);
    const ack = await subscribe(socket, [`workorder:${workOrders.own}`, `workorder:${workOrders.own.toUpperCase()}`]);
    expect(ack).toMatchObject({ success: true, rooms: [`workorder:${workOrders.own}`], refused: [] });
  });

  it('unsubscribes with the same spelling it subscribed with (ids read case-insensitively both ways)', async () => {
    const { socket } = await pool.connect(tokens.planner);
    const spelled = `workorder:${workOrders.own.toUpperCase()}`;
    expect((await subscribe(socket, [spelled])).rooms).toEqual([`workorder:${workOrders.own}`]);
    const left = await unsubscribe(socket, [spelled]);
    expect(left).toMatchObject({ success: true, rooms: [`workorder:${workOrders.own}`], refused: [] });
  });

  it('accepts a request of 100 rooms and answers each one', async () => {
    const { socket } = await pool.connect(tokens.admin);
    const missing = Array.from({ length: 100 - STATIC_ROOMS.length }, () => `workorder:${randomUUID()}`);
    const ack = await subscribe(socket, [...STATIC_ROOMS, ...missing]);
    expectAck(ack, [...STATIC_ROOMS], missing);
  });

  it('holds at most 500 rooms, counting those a request joins as it goes', async () => {
    // Rooms the admin may join: one per piece of equipment, 550 of them.
    const rows = await server.database.db
      .insert(equipment)
      .values(
        Array.from({ length: 550 }, (_, index) => ({
          organizationId: org.organizationId,
          equipmentNumber: `CAP-${index}`,
          name: `Cap ${index}`,
          type: 'Cap',
        })),
      )
      .returning({ id: equipment.id });
    const rooms = rows.map((row) => `equipment:${row.id}`);
    const { socket } = await pool.connect(tokens.admin);
    for (let start = 0; start < 450; start += 100) {
      const batch = rooms.slice(start, Math.min(start + 100, 450));
      expect((await subscribe(socket, batch)).rooms).toHaveLength(batch.length);
    }
    // Its own user room and 450: 49 more fit in one request of 100, the rest are refused.
    const last = await subscribe(socket, rooms.slice(450));
    expect(last.rooms).toEqual(rooms.slice(450, 499));
    expect(last.refused).toEqual(rooms.slice(499).map((room) => ({ room, reason: 'at most 500 rooms per connection' })));
    // A room already held is no new room: asked again, it is answered as joined.
    expect((await subscribe(socket, [rooms[0]!])).rooms).toEqual([rooms[0]]);
  });

  describe('invalid requests are answered with success:false and do no harm', () => {
    const invalid: [string, unknown][] = [
      ['a string', 'system:all'],
      ['null', null],
      ['a number', 42],
      ['an array', ['system:all']],
      ['an object without rooms', {}],
      ['rooms not an array', { rooms: 'system:all' }],
      ['no rooms', { rooms: [] }],
      ['101 rooms', { rooms: Array.from({ length: 101 }, (_, index) => (index === 0 ? 'system:all' : `workorder:${randomUUID()}`)) }],
      ['rooms that are not strings', { rooms: [42, null] }],
      ['a room name of 101 characters', { rooms: [`workorder:${'a'.repeat(91)}`] }],
      ['an unknown field', { rooms: ['system:all'], extra: true }],
    ];

    it.each(invalid)('subscribe with %s', async (_name, payload) => {
      const { socket } = await pool.connect(tokens.admin);
      const ack = await request<SubscriptionAck>(socket, 'subscribe', payload);
      expect(ack).toEqual({ success: false, message: expect.any(String), rooms: [], refused: [] });
      expect(socket.connected).toBe(true);
      await ping(socket);
      // Nothing was joined.
      expect((await request<SubscriptionAck>(socket, 'unsubscribe', { rooms: ['system:all'] })).rooms).toEqual([]);
    });

    it.each(invalid)('unsubscribe with %s', async (_name, payload) => {
      const { socket } = await pool.connect(tokens.admin, ['system:all']);
      const ack = await request<SubscriptionAck>(socket, 'unsubscribe', payload);
      expect(ack).toEqual({ success: false, message: expect.any(String), rooms: [], refused: [] });
      await ping(socket);
    });

    it('without an ack callback, and with events the server does not know', async () => {
      const { socket } = await pool.connect(tokens.admin);
      socket.emit('subscribe', 'garbage' as never);
      socket.emit('unsubscribe', { rooms: 7 } as never);
      socket.emit('resume', { lastEventId: 'x' } as never);
      socket.emit('reconnect', null as never);
      (socket as any).emit('no-such-event', { rooms: ['system:all'] });
      await ping(socket);
      expect(socket.connected).toBe(true);
      expect((await subscribe(socket, ['system:all'])).success).toBe(true);
    });
  });

  it('limits requests per socket: beyond 100 in the window, error { rate_limited } and a refusal; the socket stays', async () => {
    const { socket } = await pool.connect(tokens.admin);
    const errors = collect(socket, 'error');
    const answers = await Promise.all(Array.from({ length: 100 }, () => subscribe(socket, ['system:all'])));
    expect(answers.every((answer) => answer.success)).toBe(true);
    const limited = await subscribe(socket, ['system:all']);
    expect(limited).toMatchObject({ success: false, rooms: [], refused: [] });
    expect(errors).toEqual([{ type: 'rate_limited', message: expect.any(String) }]);
    expect(socket.connected).toBe(true);
    await ping(socket);
  });

  describe('a refused room delivers nothing', () => {
    it.each(['technician', 'requester'] as const)('to a %s, while staff in the same rooms are served', async (role) => {
      const forbidden = [
        'workorders:all',
        'workorders:updates',
        'technicians:all',
        'technicians:schedule',
        `workorder:${workOrders.other}`,
        `technician:${org.otherTechnicianId}`,
        `user:${org.users.otherTechnician.id}`,
        `user:${org.users.otherRequester.id}`,
        `equipment:${foreign.equipmentId}`,
      ];
      const { socket } = await pool.connect(tokens[role], ['system:all']);
      const ack = await subscribe(socket, forbidden);
      expect(ack.rooms).toEqual([]);
      const received = collectDomainEvents(socket);
      const { socket: staff } = await pool.connect(tokens.admin, ['system:all', ...forbidden.slice(0, 6)]);
      const staffReceived = collectDomainEvents(staff);

      // Events for each of those rooms: the other work order changes (with a notification to
      // its technician), the other technician is edited.
      await updateWorkOrder(server.baseUrl, tokens.planner, workOrders.other, { description: `touched for ${role}` });
      await changeWorkOrderStatus(server.baseUrl, tokens.manager, workOrders.other, 'ON_HOLD');
      await changeWorkOrderStatus(server.baseUrl, tokens.manager, workOrders.other, 'SCHEDULED');
      expect(
        (await client(server.baseUrl, tokens.manager).patch(`/api/v1/technicians/${org.otherTechnicianId}`, { phone: role })).status,
      ).toBe(200);
      await updateEquipment(server.baseUrl, foreignTokens.planner, foreign.equipmentId, { description: role });
      await barrier(server.baseUrl, tokens.admin, [socket, staff]);

      expect(withoutBarriers(received)).toEqual([]);
      const names = new Set(withoutBarriers(staffReceived).map((event) => event.name));
      expect(names).toEqual(new Set(['workorder:update', 'technician:update', 'technician:schedule_update']));
    });
  });

  it('unsubscribes from joined rooms only, keeps the own user room, and stops delivery', async () => {
    const { socket, confirm } = await pool.connect(tokens.requester, ['system:all', 'equipment:all']);
    const ack = await unsubscribe(socket, ['equipment:all', `user:${confirm.userId}`, 'workorders:all', 'equipment:status']);
    expect(ack.success).toBe(false);
    expect(ack.rooms).toEqual(['equipment:all']);
    sameMembers(
      ack.refused.map((refusal) => refusal.room),
      [`user:${confirm.userId}`, 'workorders:all', 'equipment:status'],
    );
    const received = collectDomainEvents(socket);
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { description: 'after unsubscribe' });
    await barrier(server.baseUrl, tokens.admin, [socket]);
    expect(withoutBarriers(received)).toEqual([]);
    // A plain unsubscribe of a joined room succeeds.
    expect(await unsubscribe(socket, ['system:all'])).toMatchObject({ success: true, rooms: ['system:all'], refused: [] });
  });

  describe('presence', () => {
    let presence: OrganizationFixture;
    let other: OrganizationFixture;
    let presenceTokens: Record<RoleKey, string>;
    let otherTokens: Record<RoleKey, string>;

    beforeAll(async () => {
      presence = await createOrganization(server.database, 'presence');
      other = await createOrganization(server.database, 'presence-other');
      [presenceTokens, otherTokens] = await Promise.all([tokensFor(server.baseUrl, presence), tokensFor(server.baseUrl, other)]);
    });

    const counts =
      (clients: number, users: number) => (update: { connectedClients: number; connectedUsers: number; workOrderId?: string }) =>
        update.workOrderId === undefined && update.connectedClients === clients && update.connectedUsers === users;

    /** A socket whose presence updates are watched from its first packet on. */
    async function watched(token: string, rooms: string[]) {
      const socket = pool.open(token);
      const updates = watch(socket, 'presence:update');
      await nextEvent(socket, 'connection:confirm');
      if (rooms.length > 0) expect((await subscribe(socket, rooms)).success).toBe(true);
      return { socket, updates };
    }

    it('counts the organization’s clients and users in system:presence, and no other organization’s', async () => {
      const watcher = await watched(presenceTokens.admin, ['system:presence']);
      const first = await watcher.updates.until(counts(1, 1));
      expect(first).toEqual({ connectedClients: 1, connectedUsers: 1, timestamp: expect.any(String) });

      const manager1 = (await pool.connect(presenceTokens.manager)).socket;
      await watcher.updates.until(counts(2, 2));
      const manager2 = (await pool.connect(presenceTokens.manager)).socket;
      await watcher.updates.until(counts(3, 2));

      // Another organization's sockets are not counted here, but in their own organization.
      const outsider = await watched(otherTokens.admin, ['system:presence']);
      await pool.connect(otherTokens.manager);
      await outsider.updates.until(counts(2, 2));
      await pool.connect(presenceTokens.planner);
      await watcher.updates.until(counts(4, 3));

      await pool.close(manager1);
      await watcher.updates.until(counts(3, 3));
      await pool.close(manager2);
      await watcher.updates.until(counts(2, 2));
      expect(watcher.updates.seen.every((update) => update.workOrderId === undefined)).toBe(true);
    });

    it('tells a work order’s room who is viewing it', async () => {
      const workOrder = await seedWorkOrder(server.database, presence, 'own');
      const room = `workorder:${workOrder.id}`;
      const viewers =
        (...keys: RoleKey[]) =>
        (update: { workOrderId?: string; viewers?: { userId: string }[] }) =>
          update.workOrderId === workOrder.id &&
          JSON.stringify(update.viewers!.map((viewer) => viewer.userId).sort()) ===
            JSON.stringify(keys.map((key) => presence.users[key].id).sort());

      const technician = await watched(presenceTokens.technician, [room]);
      const alone = await technician.updates.until(viewers('technician'));
      expect(alone).toEqual({
        connectedClients: expect.any(Number),
        connectedUsers: expect.any(Number),
        timestamp: expect.any(String),
        workOrderId: workOrder.id,
        viewers: [{ userId: presence.users.technician.id, name: 'technician of presence' }],
      });

      const planner = await watched(presenceTokens.planner, [room]);
      const secondPlannerSocket = await watched(presenceTokens.planner, [room]);
      const together = await technician.updates.until(viewers('technician', 'planner'));
      expect(together.viewers).toHaveLength(2); // two sockets of one user: one viewer
      await planner.updates.until(viewers('technician', 'planner'));
      expect(together.viewers!.map((viewer) => viewer.name).sort()).toEqual(['planner of presence', 'technician of presence']);

      // Leaving (unsubscribe, then disconnect) updates the rest of the room.
      expect((await unsubscribe(planner.socket, [room])).success).toBe(true);
      await pool.close(secondPlannerSocket.socket);
      await technician.updates.until(viewers('technician'));

      // A socket outside the room hears nothing of it.
      const bystander = await watched(presenceTokens.manager, ['system:presence']);
      const watcher = await watched(presenceTokens.admin, [room]);
      await watcher.updates.until(viewers('technician', 'admin'));
      await bystander.updates.until(counts(4, 4));
      expect(bystander.updates.seen.every((update) => update.workOrderId === undefined)).toBe(true);
    });
  });
});
