import type { ServerToClientEvents, SystemMessageEvent } from '@msched/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRealtimeClient } from './client';
import type { RealtimeClient, RealtimeClientOptions, RealtimeStatus, ServerEventName, ServerEventPayload } from './types';
import { ContractServer, makeToken } from './testing/contract-server';

const USER = '11111111-1111-4111-8111-111111111111';
const OTHER_USER = '22222222-2222-4222-8222-222222222222';
const FAST_BACKOFF = { initialDelayMs: 10, maxDelayMs: 50, randomizationFactor: 0 };

function once<E extends ServerEventName>(client: RealtimeClient, event: E): Promise<ServerEventPayload<E>> {
  return new Promise((resolve) => {
    const off = client.on(event, ((payload: ServerEventPayload<E>) => {
      off();
      resolve(payload);
    }) as ServerToClientEvents[E]);
  });
}

function statusReached(client: RealtimeClient, status: RealtimeStatus): Promise<void> {
  if (client.status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const off = client.onStatus((current) => {
      if (current !== status) return;
      off();
      resolve();
    });
  });
}

/** Every system message the client's handler sees, and a wait for the n-th. */
function collectMessages(client: RealtimeClient) {
  const seen: SystemMessageEvent[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  client.on('system:message', (event) => {
    seen.push(event);
    for (const waiter of waiters.filter((w) => seen.length >= w.count)) waiter.resolve();
  });
  const until = (count: number) =>
    seen.length >= count
      ? Promise.resolve(seen)
      : new Promise<SystemMessageEvent[]>((resolve) => waiters.push({ count, resolve: () => resolve(seen) }));
  return { seen, until, texts: () => seen.map((event) => event.message) };
}

let server: ContractServer;
const clients: RealtimeClient[] = [];

beforeEach(async () => {
  server = await ContractServer.start();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server.close();
});

function startClient(options: Partial<RealtimeClientOptions> = {}): RealtimeClient {
  const client = createRealtimeClient({
    url: server.url,
    getToken: () => makeToken(USER),
    transports: ['websocket'],
    backoff: FAST_BACKOFF,
    ...options,
  });
  clients.push(client);
  return client;
}

describe('connecting', () => {
  it('sends the token from getToken and starts at the newest event id the server confirms', async () => {
    server.publish('system:all', 'before the client');
    server.publish('system:all', 'also before');
    const statuses: RealtimeStatus[] = [];
    const client = startClient({ autoConnect: false });
    client.onStatus((status) => statuses.push(status));
    const messages = collectMessages(client);
    expect(client.status).toBe('idle');

    client.connect();
    const confirm = await once(client, 'connection:confirm');
    await statusReached(client, 'connected');
    await client.subscribe(['system:all']);
    await client.ping(); // every earlier packet from the server has arrived by now

    expect(confirm.userId).toBe(USER);
    expect(server.messages('connect')).toEqual([{ token: makeToken(USER) }]);
    expect(client.lastEventId).toBe(2);
    expect(messages.seen).toEqual([]);
    expect(statuses).toEqual(['connecting', 'connected']);
  });

  it('retries after the server rejects the token, with the next token getToken returns', async () => {
    const getToken = vi.fn<() => string>().mockReturnValueOnce('not-a-token').mockReturnValue(makeToken(USER));
    const client = startClient({ getToken });

    const error = await once(client, 'error');
    expect(error.type).toBe('authentication_error');
    expect(client.status).toBe('connecting');

    await statusReached(client, 'connected');
    expect(server.messages('connect')).toEqual([{ token: 'not-a-token' }, { token: makeToken(USER) }]);
  });
});

describe('rooms', () => {
  it('sends subscriptions made while offline once connected, then delivers their events', async () => {
    const client = startClient({ autoConnect: false });
    const messages = collectMessages(client);
    const subscribed = client.subscribe(['system:all', 'workorders:all']);
    expect(server.connections).toBe(0);

    client.connect();
    const ack = await subscribed;
    server.publish('system:all', 'pump P-101 restarted');

    expect(ack).toMatchObject({ success: true, rooms: ['system:all', 'workorders:all'], refused: [] });
    expect(await messages.until(1)).toMatchObject([{ message: 'pump P-101 restarted' }]);
  });

  it('answers many offline requests with one subscribe of the rooms they add up to', async () => {
    const client = startClient({ autoConnect: false });
    const answers = Promise.all([
      client.subscribe(['system:all']),
      client.subscribe(['workorders:all', `user:${OTHER_USER}`]),
      client.unsubscribe(['workorders:all']),
    ]);

    client.connect();
    const [first, second, third] = await answers;

    expect(server.messages('subscribe')).toEqual([{ rooms: ['system:all', `user:${OTHER_USER}`] }]);
    expect(server.messages('unsubscribe')).toEqual([]);
    expect(first).toMatchObject({ success: true, rooms: ['system:all'], refused: [] });
    expect(second).toMatchObject({ success: false, rooms: [], refused: [{ room: `user:${OTHER_USER}`, reason: 'Forbidden' }] });
    expect(third).toMatchObject({ success: true, rooms: ['workorders:all'] });
    expect(client.rooms).toEqual(['system:all']);
  });

  it('reports refused rooms and does not ask for them again after a reconnect', async () => {
    const client = startClient();
    const refusals: unknown[] = [];
    client.onRefused((refused) => refusals.push(refused));

    const ack = await client.subscribe(['system:all', `user:${OTHER_USER}`]);

    expect(ack.success).toBe(false);
    expect(ack.refused).toEqual([{ room: `user:${OTHER_USER}`, reason: 'Forbidden' }]);
    expect(refusals).toEqual([[{ room: `user:${OTHER_USER}`, reason: 'Forbidden' }]]);
    expect(client.rooms).toEqual(['system:all']);
    expect(client.refusedRooms).toEqual([{ room: `user:${OTHER_USER}`, reason: 'Forbidden' }]);

    const rejoined = server.next('subscribe');
    await server.dropTransports();
    expect((await rejoined).payload).toEqual({ rooms: ['system:all'] });
    await statusReached(client, 'connected');
    expect(refusals).toHaveLength(1);
  });

  it('does not rejoin a room it left', async () => {
    const client = startClient();
    await client.subscribe(['system:all', 'workorders:all']);
    const ack = await client.unsubscribe(['workorders:all']);
    expect(ack).toMatchObject({ success: true, rooms: ['workorders:all'] });

    const rejoined = server.next('subscribe');
    await server.dropTransports();

    expect((await rejoined).payload).toEqual({ rooms: ['system:all'] });
  });
});

describe('reconnecting', () => {
  it('after the transport drops: rejoins, resumes from the last event seen, and drops repeats', async () => {
    const client = startClient();
    const messages = collectMessages(client);
    const statuses: RealtimeStatus[] = [];
    await client.subscribe(['system:all']);
    const first = server.publish('system:all', 'one');
    await messages.until(1);
    client.onStatus((status) => statuses.push(status));

    const rejoined = server.next('subscribe');
    const resumed = server.next('resume');
    await server.dropTransports();
    const second = server.publish('system:all', 'two'); // while the client is away
    server.publish('system:all', 'three');

    expect((await rejoined).payload).toEqual({ rooms: ['system:all'] });
    expect((await resumed).payload).toEqual({ lastEventId: first.eventId });
    await messages.until(3);
    server.repeat('system:all', second);
    server.repeat('system:all', first);
    server.publish('system:all', 'four');
    await messages.until(4);
    await client.ping();

    expect(messages.texts()).toEqual(['one', 'two', 'three', 'four']);
    expect(client.lastEventId).toBe(4);
    expect(statuses).toEqual(['reconnecting', 'connected']);
    const { socketId } = await resumed;
    const [rejoin, resume] = server.received.filter((message) => message.socketId === socketId).slice(1);
    expect([rejoin?.event, resume?.event]).toEqual(['subscribe', 'resume']);
  });

  it('after the server ends the session: fetches a new token, rejoins and resumes', async () => {
    const tokens = [makeToken(USER, 2_000_000_000), makeToken(USER, 2_000_000_001)];
    const getToken = vi.fn(() => tokens[getToken.mock.calls.length - 1] ?? makeToken(USER));
    const client = startClient({ getToken });
    const messages = collectMessages(client);
    await client.subscribe(['system:all']);
    server.publish('system:all', 'one');
    await messages.until(1);

    const reconnected = server.next('connect');
    const rejoined = server.next('subscribe');
    const resumed = server.next('resume');
    server.endSessions();

    expect((await reconnected).payload).toEqual({ token: tokens[1] });
    expect((await rejoined).payload).toEqual({ rooms: ['system:all'] });
    expect((await resumed).payload).toEqual({ lastEventId: 1 });
    await statusReached(client, 'connected');
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('resumes from a persisted lastEventId on the first connect', async () => {
    for (const text of ['one', 'two', 'three']) server.publish('system:all', text);
    const client = startClient({ lastEventId: 1, autoConnect: false });
    const messages = collectMessages(client);
    void client.subscribe(['system:all']);
    client.connect();

    await messages.until(2);
    await client.ping();
    expect(messages.texts()).toEqual(['two', 'three']);
  });

  it('hands resync_required to the app and continues from the current event id', async () => {
    for (const text of ['one', 'two', 'three', 'four', 'five']) server.publish('system:all', text);
    server.oldestEventId = 4;
    const client = startClient({ lastEventId: 1, autoConnect: false });
    const messages = collectMessages(client);
    const resync = once(client, 'resync_required');
    void client.subscribe(['system:all']);
    client.connect();

    expect(await resync).toMatchObject({ lastEventId: 1, oldestEventId: 4, currentEventId: 5 });
    await statusReached(client, 'connected');
    expect(client.lastEventId).toBe(5);
    server.publish('system:all', 'six');
    expect((await messages.until(1)).map((event) => event.message)).toEqual(['six']);
  });
});

describe('on an open connection', () => {
  it('answers ping with the server pong', async () => {
    const client = startClient();
    await statusReached(client, 'connected');
    const pong = await client.ping();
    expect(typeof pong.serverTime).toBe('number');
  });

  it('renews the token on request and by itself before the token expires', async () => {
    const inAMinute = Math.floor(Date.now() / 1000) + 60;
    const tokens = [makeToken(USER, inAMinute), makeToken(USER, inAMinute + 900)];
    const getToken = vi.fn(() => tokens[Math.min(getToken.mock.calls.length - 1, 1)]!);
    const renewedByItself = server.next('reconnect');
    const client = startClient({ getToken, renewBeforeExpiryMs: 59_950 });

    expect((await renewedByItself).payload).toEqual({ token: tokens[1] });
    const ack = await client.renewToken(makeToken(USER, inAMinute + 1800));
    expect(ack).toMatchObject({ success: true });
    expect(server.messages('reconnect')).toHaveLength(2);
  });

  it('hands optimizer progress to its handler as it comes', async () => {
    const client = startClient();
    await statusReached(client, 'connected');
    const progress = new Promise<ServerEventPayload<'schedule:progress'>>((resolve) => client.on('schedule:progress', resolve));
    const sent = {
      runId: '00000000-0000-4000-8000-000000000001',
      status: 'SOLVING' as const,
      elapsedMs: 1000,
      bestScore: { hard: 0, medium: -3, soft: -120 },
      timestamp: new Date().toISOString(),
    };
    server.broadcast('schedule:progress', sent);
    expect(await progress).toEqual(sent);
  });

  it('close() disconnects for good and rejects what still waits', async () => {
    const client = startClient();
    await statusReached(client, 'connected');
    const gone = server.next('disconnect');

    client.close();

    expect(client.status).toBe('disconnected');
    expect((await gone).payload).toEqual({ reason: 'client namespace disconnect' });
    expect(server.connections).toBe(0);
    await expect(client.subscribe(['system:all'])).rejects.toThrow('closed');
    await expect(client.ping()).rejects.toThrow('Not connected');
  });

  it('close() rejects subscriptions still waiting for a connection', async () => {
    const client = startClient({ autoConnect: false });
    const waiting = client.subscribe(['system:all']);
    client.close();
    await expect(waiting).rejects.toThrow('closed');
  });
});
