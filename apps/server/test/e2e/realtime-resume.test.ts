import type { ResumeAck } from '@msched/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/platform/db/schema';
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
  createWorkOrder,
  nextEvent,
  ping,
  request,
  resume,
  systemMessage,
  updateEquipment,
  updateWorkOrder,
} from '../support/sockets';

const ids = (list: readonly ReceivedEvent[]) => list.map((event) => event.eventId);
const increasing = (list: readonly number[]) => list.every((id, index) => index === 0 || id > list[index - 1]!);

/** Runs `resume` and answers the ack with the events that arrived before it (the replay). */
async function replay(socket: TestSocket, lastEventId: number): Promise<{ ack: ResumeAck; replayed: ReceivedEvent[] }> {
  const received = collectDomainEvents(socket);
  const ack = await resume(socket, lastEventId);
  return { ack, replayed: received.slice() };
}

/**
 * Resume (API.md "Real-time"): a client that reconnects sends `resume { lastEventId }` and gets,
 * in order, every event it missed that it may see (in the rooms it holds), then the ack; live
 * events follow without gaps or repeats. Too old or unknown ids get `resync_required`.
 */
describe('real-time resume', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  const pool = new SocketPool(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'resume');
    tokens = await tokensFor(server.baseUrl, org);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await pool.closeAll();
    await server?.close();
  });

  /**
   * A socket that stays connected in `rooms` (the oracle: what a socket of this user in these
   * rooms may see) and the id a second socket of the same user had reached when it went away.
   */
  async function disconnectedClient(key: RoleKey, rooms: string[]) {
    const control = (await pool.connect(tokens[key], rooms)).socket;
    const controlReceived = collectDomainEvents(control);
    const { socket: leaving, confirm } = await pool.connect(tokens[key], rooms);
    await pool.close(leaving);
    return { control, controlReceived, lastEventId: confirm.lastEventId };
  }

  it('replays exactly the missed events the socket may see, in id order, then acks { success, replayed, lastEventId }', async () => {
    const rooms = ['system:all', 'workorders:all', 'equipment:status'];
    const { control, controlReceived, lastEventId } = await disconnectedClient('admin', rooms);

    const first = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Missed one' });
    const second = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Missed two' });
    await assignWorkOrder(server.baseUrl, tokens.planner, first.id, org.technicianId);
    await updateWorkOrder(server.baseUrl, tokens.planner, second.id, { priority: 'CRITICAL' });
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { status: 'DOWN' });
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { name: 'Feed pump B' }); // not equipment:status
    expect((await client(server.baseUrl, tokens.manager).patch(`/api/v1/technicians/${org.technicianId}`, { phone: '1' })).status).toBe(
      200,
    );
    await systemMessage(server.baseUrl, tokens.admin, 'while you were away');
    await updateEquipment(server.baseUrl, tokens.planner, org.equipmentId, { status: 'OPERATIONAL' });
    await barrier(server.baseUrl, tokens.admin, [control]);

    const { socket } = await pool.connect(tokens.admin, rooms);
    const { ack, replayed } = await replay(socket, lastEventId);

    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed).toEqual(controlReceived);
    expect(increasing(ids(replayed))).toBe(true);
    expect(replayed.every((event) => event.eventId > lastEventId)).toBe(true);
    expect(new Set(replayed.map((event) => event.name))).toEqual(new Set(['workorder:update', 'equipment:update', 'system:message']));
    expect(replayed.filter((event) => event.name === 'equipment:update').map((event) => event.payload.eventType)).toEqual([
      'status_change',
      'status_change',
    ]);
    expect(ack).toEqual({ success: true, message: expect.any(String), replayed: replayed.length, lastEventId: replayed.at(-1)!.eventId });
  });

  it('replays only what the socket may see: a technician gets its own work and notifications, not another technician’s', async () => {
    const rooms = ['system:all', `technician:${org.technicianId}`, `equipment:${org.equipmentId}`];
    const { control, controlReceived, lastEventId } = await disconnectedClient('technician', rooms);

    const own = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Own' });
    const other = await createWorkOrder(server.baseUrl, tokens.otherRequester, org.equipmentId, { title: 'Other' });
    await assignWorkOrder(server.baseUrl, tokens.planner, own.id, org.technicianId);
    await assignWorkOrder(server.baseUrl, tokens.planner, other.id, org.otherTechnicianId);
    await changeWorkOrderStatus(server.baseUrl, tokens.otherTechnician, other.id, 'IN_PROGRESS');
    await changeWorkOrderStatus(server.baseUrl, tokens.technician, own.id, 'IN_PROGRESS');
    await changeWorkOrderStatus(server.baseUrl, tokens.planner, own.id, 'ON_HOLD');
    await barrier(server.baseUrl, tokens.admin, [control]);

    const { socket } = await pool.connect(tokens.technician, rooms);
    const { ack, replayed } = await replay(socket, lastEventId);
    expect(replayed).toEqual(controlReceived);
    expect(ack).toMatchObject({ success: true, replayed: replayed.length });

    const about = (event: ReceivedEvent) => event.payload.workOrderId ?? event.payload.schedule?.workOrderId;
    expect(replayed.some((event) => about(event) === other.id)).toBe(false);
    expect(replayed.filter((event) => about(event) === own.id).map((event) => event.name)).toEqual([
      'workorder:update', // assigned
      'technician:schedule_update',
      'workorder:update', // OPEN → SCHEDULED
      'notification', // the assignment
      'workorder:update', // IN_PROGRESS (its own change: no notification)
      'technician:schedule_update',
      'workorder:update', // ON_HOLD
      'technician:schedule_update',
      'notification', // the status change
    ]);
    // Only their own notifications.
    const notified = await client(server.baseUrl, tokens.technician).get('/api/v1/notifications?limit=100');
    const replayedNotifications = replayed.filter((event) => event.name === 'notification').map((event) => event.payload.id);
    expect(replayedNotifications.every((id) => notified.body.data.some((item: { id: string }) => item.id === id))).toBe(true);
  });

  it('replays only the rooms the socket holds now', async () => {
    const { control, controlReceived, lastEventId } = await disconnectedClient('planner', ['system:all', 'workorders:created']);
    await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Created while away' });
    const made = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Edited while away' });
    await updateWorkOrder(server.baseUrl, tokens.planner, made.id, { priority: 'LOW' });
    await barrier(server.baseUrl, tokens.admin, [control]);

    const { socket } = await pool.connect(tokens.planner, ['workorders:created']);
    const { replayed } = await replay(socket, lastEventId);
    expect(replayed.map((event) => event.payload.eventType)).toEqual(['created', 'created']);
    expect(replayed).toEqual(controlReceived.filter((event) => event.name === 'workorder:update'));
  });

  it('sends live events during and after the replay after it, with no gaps and no repeats', async () => {
    const rooms = ['system:all', 'workorders:all'];
    const { control, controlReceived, lastEventId } = await disconnectedClient('manager', rooms);
    const busy = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Busy' });
    const busier = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId, { title: 'Busier' });
    // More than one replay page (500), so that the replay spans several reads.
    for (let batch = 0; batch < 26; batch++)
      await Promise.all(Array.from({ length: 20 }, (_, index) => systemMessage(server.baseUrl, tokens.admin, `missed ${batch}.${index}`)));
    await barrier(server.baseUrl, tokens.admin, [control]);

    const { socket } = await pool.connect(tokens.manager, rooms);
    const received = collectDomainEvents(socket);
    let beforeAck = -1;
    const acked = resume(socket, lastEventId).then((ack) => {
      beforeAck = received.length;
      return ack;
    });
    // Once the replay has begun, changes keep coming: some land during it, some after.
    await nextEvent(socket, 'system:message');
    const live = Promise.all([
      ...Array.from({ length: 10 }, (_, index) => systemMessage(server.baseUrl, tokens.admin, `live ${index}`)),
      updateWorkOrder(server.baseUrl, tokens.planner, busy.id, { priority: 'HIGH' }),
      updateWorkOrder(server.baseUrl, tokens.planner, busier.id, { priority: 'LOW' }),
    ]);
    const ack = await acked;
    await live;
    await barrier(server.baseUrl, tokens.admin, [control, socket]);

    expect(ack.success).toBe(true);
    expect(ack.replayed).toBeGreaterThan(500);
    // The ack comes after everything the resume covers: the replay and the live events held meanwhile.
    expect(beforeAck).toBeGreaterThanOrEqual(ack.replayed);
    // Everything the control socket saw since, once each and in order; replayed first, live after.
    expect(ids(received)).toEqual(ids(controlReceived));
    expect(received).toEqual(controlReceived);
    expect(received.slice(0, ack.replayed).every((event) => event.eventId <= ack.lastEventId)).toBe(true);
    expect(received.slice(ack.replayed).every((event) => event.eventId > ack.lastEventId)).toBe(true);
  });

  it('answers an id beyond the server’s newest with resync_required', async () => {
    const { socket, confirm } = await pool.connect(tokens.admin, ['system:all']);
    const resyncs = collect(socket, 'resync_required');
    const { ack, replayed } = await replay(socket, confirm.lastEventId + 1_000);
    expect(replayed).toEqual([]);
    expect(resyncs).toEqual([
      {
        message: expect.any(String),
        lastEventId: confirm.lastEventId + 1_000,
        oldestEventId: expect.any(Number),
        currentEventId: confirm.lastEventId,
      },
    ]);
    expect(ack).toMatchObject({ success: false, replayed: 0, lastEventId: confirm.lastEventId });
  });

  it('resumes from the current id with nothing to replay', async () => {
    const { socket, confirm } = await pool.connect(tokens.admin, ['system:all', 'workorders:all']);
    const resyncs = collect(socket, 'resync_required');
    const { ack, replayed } = await replay(socket, confirm.lastEventId);
    expect(replayed).toEqual([]);
    expect(resyncs).toEqual([]);
    expect(ack).toEqual({ success: true, message: expect.any(String), replayed: 0, lastEventId: confirm.lastEventId });
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['no lastEventId', {}],
    ['a negative id', { lastEventId: -1 }],
    ['a fraction', { lastEventId: 1.5 }],
    ['a numeric string', { lastEventId: '3' }],
    ['an unsafe integer', { lastEventId: 2 ** 53 }],
    ['an unknown field', { lastEventId: 1, extra: true }],
  ])('answers an invalid resume (%s) with success:false', async (_name, payload) => {
    const { socket } = await pool.connect(tokens.admin, ['system:all']);
    const received = collectDomainEvents(socket);
    const ack = await request<ResumeAck>(socket, 'resume', payload);
    expect(ack).toMatchObject({ success: false, message: expect.any(String), replayed: 0 });
    expect(received).toEqual([]);
    await ping(socket);
    // The socket still resumes properly afterwards.
    expect((await resume(socket, (await pool.connect(tokens.admin)).confirm.lastEventId)).success).toBe(true);
  });

  describe('retention', () => {
    let short: TestServer;
    let shortOrg: OrganizationFixture;
    let admin: string;
    const shortPool = new SocketPool(() => short.baseUrl);

    beforeAll(async () => {
      // The smallest window the configuration accepts (0.01 h = 36 s); the events are then aged
      // in the table rather than waited for.
      short = await startServer({ EVENT_RETENTION_HOURS: '0.01' });
      shortOrg = await createOrganization(short.database, 'retention');
      admin = (await tokensFor(short.baseUrl, shortOrg)).admin;
    });
    afterEach(() => shortPool.closeAll());
    afterAll(async () => {
      await shortPool.closeAll();
      await short?.close();
    });

    /** Moves the organization's events so far back in time by `seconds`. */
    async function age(seconds: number) {
      await short.database.db
        .update(events)
        .set({ createdAt: sql`${events.createdAt} - make_interval(secs => ${seconds})` })
        .where(and(eq(events.organizationId, shortOrg.organizationId)));
    }

    it('answers resync_required for events older than the window, and replays the ones inside it', async () => {
      const { socket: watcher } = await shortPool.connect(admin, ['system:all']);
      const old: number[] = [];
      for (const message of ['one', 'two', 'three']) {
        const arrived = nextEvent(watcher, 'system:message', (event) => event.message === message);
        old.push(await systemMessage(short.baseUrl, admin, message));
        await arrived;
      }
      await age(120);

      const { socket } = await shortPool.connect(admin, ['system:all']);
      const resyncs = collect(socket, 'resync_required');
      const fromZero = await replay(socket, 0);
      expect(fromZero.replayed).toEqual([]);
      expect(fromZero.ack).toMatchObject({ success: false, replayed: 0, lastEventId: old[2] });
      expect(resyncs).toEqual([{ message: expect.any(String), lastEventId: 0, oldestEventId: null, currentEventId: old[2] }]);

      const fromCurrent = await replay(socket, old[2]!);
      expect(fromCurrent.ack).toEqual({ success: true, message: expect.any(String), replayed: 0, lastEventId: old[2] });
      expect(fromCurrent.replayed).toEqual([]);

      // A new event inside the window: resuming right before it works, from further back not.
      const arrived = [watcher, socket].map((each) => nextEvent(each, 'system:message', (event) => event.message === 'fresh'));
      const fresh = await systemMessage(short.baseUrl, admin, 'fresh');
      await Promise.all(arrived);
      const justBefore = await replay(socket, old[2]!);
      expect(justBefore.ack).toMatchObject({ success: true, replayed: 1, lastEventId: fresh });
      expect(justBefore.replayed.map((event) => [event.eventId, event.payload.message])).toEqual([[fresh, 'fresh']]);
      const tooFar = await replay(socket, old[1]!);
      expect(tooFar.ack.success).toBe(false);
      expect(resyncs.at(-1)).toMatchObject({ lastEventId: old[1], oldestEventId: fresh, currentEventId: fresh });
      expect(tooFar.replayed).toEqual([]);
    });
  });
});
