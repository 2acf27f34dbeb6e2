import type { PresenceUpdate, ServerToClientEvents } from '@msched/contracts';
import { type RealtimeClient, createRealtimeClient } from '@msched/realtime-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { client, login } from '../support/server';
import { connect, disconnection } from '../support/sockets';
import { type ServerProcess, sharedPostgres, startServerProcess } from '../support/server-process';

/**
 * Two server processes over one PostgreSQL and one Redis: a change made through one instance
 * reaches clients of the other, and presence counts cover both. Needs the real servers (two
 * processes cannot share the embedded database), so it runs in CI and wherever DATABASE_URL and
 * REDIS_URL are set.
 */
const enabled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);

type EventName = keyof ServerToClientEvents;
type PayloadOf<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

function next<E extends EventName>(
  realtime: RealtimeClient,
  event: E,
  predicate: (payload: PayloadOf<E>) => boolean = () => true,
): Promise<PayloadOf<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${event} within 15 s`));
    }, 15_000);
    const off = realtime.on(event, ((payload: PayloadOf<E>) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    }) as ServerToClientEvents[E]);
  });
}

describe.skipIf(!enabled)('two server processes over one PostgreSQL and one Redis', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof sharedPostgres>>>;
  let org: OrganizationFixture;
  let a: ServerProcess;
  let b: ServerProcess;
  const clients: RealtimeClient[] = [];
  const tokens: Record<string, string> = {};

  const realtimeOn = (server: ServerProcess, token: string) => {
    const realtime = createRealtimeClient({ url: server.baseUrl, getToken: () => token, transports: ['websocket'] });
    clients.push(realtime);
    return realtime;
  };

  beforeAll(async () => {
    shared = (await sharedPostgres())!;
    org = await createOrganization(shared.database, `cluster-${Date.now()}`);
    const env = { DATABASE_URL: shared.url, REDIS_URL: process.env.REDIS_URL!, PRESENCE_THROTTLE_MS: '50', SESSION_END_POLL_MS: '200' };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    for (const person of ['planner', 'manager', 'technician', 'admin'] as const)
      tokens[person] = await login(a.baseUrl, org.users[person].email);
  }, 120_000);

  afterAll(async () => {
    for (const realtime of clients) realtime.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.dispose();
  });

  it('a change made through instance A reaches a client of instance B, in order, with its event id', async () => {
    const planner = realtimeOn(b, tokens.planner!);
    const ack = await planner.subscribe(['workorders:all']);
    expect(ack).toMatchObject({ success: true, rooms: ['workorders:all'] });
    const created = next(planner, 'workorder:update', (event) => event.eventType === 'created');
    const response = await client(a.baseUrl, tokens.planner).post('/api/v1/work-orders', {
      title: 'Replace coupling',
      type: 'CORRECTIVE',
      priority: 'HIGH',
      equipmentId: org.equipmentId,
    });
    expect(response.status).toBe(201);
    const event = await created;
    expect(event).toMatchObject({ workOrderId: response.body.id, data: { title: 'Replace coupling', status: 'OPEN' } });
    expect(event.eventId).toBeGreaterThan(0);

    const updates: number[] = [];
    planner.on('workorder:update', (update) => void (update.workOrderId === response.body.id && updates.push(update.eventId)));
    // Waited for from before the writes: the last event may arrive before the last answer does.
    const last = next(planner, 'workorder:update', (update) => update.data.title === 'Title 4');
    for (let index = 0; index < 5; index++) {
      const patched = await client(a.baseUrl, tokens.planner).patch(`/api/v1/work-orders/${response.body.id}`, { title: `Title ${index}` });
      expect(patched.status).toBe(200);
    }
    await last;
    expect(updates).toHaveLength(5);
    expect([...updates].sort((x, y) => x - y)).toEqual(updates);
    expect(updates[0]).toBeGreaterThan(event.eventId);
  });

  it('an assignment made on A notifies the technician connected to B and updates their schedule', async () => {
    const technician = realtimeOn(b, tokens.technician!);
    await technician.subscribe([`technician:${org.technicianId}`]);
    const created = await client(a.baseUrl, tokens.planner).post('/api/v1/work-orders', {
      title: 'Align motor',
      type: 'CORRECTIVE',
      priority: 'MEDIUM',
      equipmentId: org.equipmentId,
    });
    const notification = next(technician, 'notification', (payload) => payload.workOrderId === created.body.id);
    const schedule = next(technician, 'technician:schedule_update', (payload) => payload.schedule.workOrderId === created.body.id);
    const assigned = await client(a.baseUrl, tokens.planner).post(`/api/v1/work-orders/${created.body.id}/assign`, {
      technicianId: org.technicianId,
      scheduledStartTime: '2030-01-07T08:00:00.000Z',
      scheduledEndTime: '2030-01-07T10:00:00.000Z',
    });
    expect(assigned.status).toBe(200);
    expect(await notification).toMatchObject({ type: 'work_order_assigned', readAt: null });
    expect(await schedule).toMatchObject({ technicianId: org.technicianId, schedule: { change: 'assigned' } });
  });

  it('an account disabled through A: A refuses its token at once, B once it has read the cutoff, closing its socket', async () => {
    const admin = client(a.baseUrl, tokens.admin);
    const email = `leaver-${Date.now()}@cluster.test`;
    const created = await admin.post('/api/v1/users', { email, name: 'Leaver', password: 'a-long-enough-password', roles: ['planner'] });
    expect(created.status).toBe(201);
    const token = await login(a.baseUrl, email, 'a-long-enough-password');
    const { socket } = await connect(b.baseUrl, token);
    const closed = disconnection(socket, 15_000);
    expect((await client(b.baseUrl, token).get('/api/v1/work-orders')).status).toBe(200);

    expect((await admin.patch(`/api/v1/users/${created.body.id}`, { active: false })).status).toBe(200);
    expect((await client(a.baseUrl, token).get('/api/v1/work-orders')).status).toBe(401);
    expect(await closed).toBe('io server disconnect');
    expect((await client(b.baseUrl, token).get('/api/v1/work-orders')).status).toBe(401);
  });

  it('a logout through A: A refuses that session’s token at once, B once it has read it, closing its socket there', async () => {
    const admin = client(a.baseUrl, tokens.admin);
    const email = `logout-${Date.now()}@cluster.test`;
    const created = await admin.post('/api/v1/users', { email, name: 'Leaving', password: 'a-long-enough-password', roles: ['planner'] });
    expect(created.status).toBe(201);
    const session = await client(a.baseUrl).post('/api/v1/auth/login', { email, password: 'a-long-enough-password' });
    expect(session.status).toBe(200);
    const token = session.body.accessToken as string;
    const { socket } = await connect(b.baseUrl, token);
    const closed = disconnection(socket, 15_000);
    expect((await client(b.baseUrl, token).get('/api/v1/work-orders')).status).toBe(200);

    expect((await client(a.baseUrl).post('/api/v1/auth/logout', { refreshToken: session.body.refreshToken })).status).toBe(204);
    expect((await client(a.baseUrl, token).get('/api/v1/work-orders')).status).toBe(401);
    expect(await closed).toBe('io server disconnect');
    expect((await client(b.baseUrl, token).get('/api/v1/work-orders')).status).toBe(401);
  });

  it('presence counts every instance: clients and distinct users on A and B; a killed instance drops out', async () => {
    const watcher = realtimeOn(a, tokens.manager!);
    const counts = (update: PresenceUpdate) => update.workOrderId === undefined;
    await watcher.subscribe(['system:presence']);
    // Sockets so far: planner and technician on B (earlier tests), the manager on A; add a second
    // planner socket on A: 4 clients, 3 users.
    const both = next(
      watcher,
      'presence:update',
      (update) => counts(update) && update.connectedClients === 4 && update.connectedUsers === 3,
    );
    const secondPlanner = realtimeOn(a, tokens.planner!);
    await secondPlanner.subscribe(['system:presence']);
    expect(await both).toMatchObject({ connectedClients: 4, connectedUsers: 3 });

    const fromB = realtimeOn(b, tokens.manager!);
    const seenOnB = next(fromB, 'presence:update', (update) => counts(update) && update.connectedClients === 5);
    await fromB.subscribe(['system:presence']);
    expect(await seenOnB).toMatchObject({ connectedClients: 5, connectedUsers: 3 });

    // Instance B dies: its three sockets are gone from the counts A reports.
    const afterKill = next(watcher, 'presence:update', (update) => counts(update) && update.connectedClients === 2);
    await b.stop('SIGKILL');
    // The next change on A makes A recount; B no longer answers the cluster query.
    const trigger = realtimeOn(a, tokens.technician!);
    await trigger.subscribe(['system:presence']);
    await trigger.unsubscribe(['system:presence']);
    trigger.close();
    expect(await afterKill).toMatchObject({ connectedClients: 2, connectedUsers: 2 });
  });

  it('who is viewing a work order: members of its room on both instances, by name', async () => {
    const created = await client(a.baseUrl, tokens.planner).post('/api/v1/work-orders', {
      title: 'Inspect bearing',
      type: 'INSPECTION',
      priority: 'LOW',
      equipmentId: org.equipmentId,
    });
    const c = await startServerProcess({ DATABASE_URL: shared.url, REDIS_URL: process.env.REDIS_URL!, PRESENCE_THROTTLE_MS: '50' });
    try {
      const onA = realtimeOn(a, tokens.planner!);
      const onC = realtimeOn(c, tokens.manager!);
      const room = `workorder:${created.body.id}`;
      await onA.subscribe([room]);
      const seen = next(onA, 'presence:update', (update) => update.workOrderId === created.body.id && update.viewers?.length === 2);
      await onC.subscribe([room]);
      const update = await seen;
      expect(update.viewers!.map((viewer) => viewer.name).sort()).toEqual([`manager of ${org.slug}`, `planner of ${org.slug}`]);
      onA.close();
      onC.close();
    } finally {
      await c.stop();
    }
  });
});
