import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRealtimeClient } from './client';
import type { RealtimeClientOptions } from './types';
import { makeToken } from './testing/contract-server';

/**
 * Timers under a fake clock: a stand-in socket records what the client does, so the exact retry
 * schedule and the timers left after close() can be checked without a network.
 */

const USER = '11111111-1111-4111-8111-111111111111';

class FakeSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  readonly tokens: string[] = [];
  readonly emitted: { event: string; payload: unknown }[] = [];
  /** Answers the test sets for the next acknowledged requests, by event, instead of a success. */
  readonly nextAnswers = new Map<string, unknown>();
  private readonly listeners = new Map<string, ((...args: any[]) => void)[]>();

  constructor(readonly options: any) {}

  on(event: string, listener: (...args: any[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  connect(): this {
    this.connectCalls++;
    this.active = true;
    this.options.auth(({ token }: { token: string }) => {
      this.tokens.push(token);
      this.connected = true;
    });
    return this;
  }

  disconnect(): this {
    const wasConnected = this.connected;
    this.connected = false;
    this.active = false;
    if (wasConnected) this.fire('disconnect', 'io client disconnect');
    return this;
  }

  emit(event: string, payload?: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  timeout() {
    return {
      emitWithAck: (event: string, payload: any) => {
        this.emitted.push({ event, payload });
        const planned = this.nextAnswers.get(event);
        this.nextAnswers.delete(event);
        if (planned) return Promise.resolve(planned);
        if (event === 'resume') return Promise.resolve({ success: true, message: 'ok', replayed: 0, lastEventId: payload.lastEventId });
        if (event === 'reconnect') return Promise.resolve({ success: true, message: 'ok' });
        return Promise.resolve({ success: true, message: 'ok', rooms: payload.rooms, refused: [] });
      },
    };
  }

  /** The server confirms the connection. */
  confirm(lastEventId = 0): void {
    this.fire('connection:confirm', { success: true, message: 'ok', userId: USER, timestamp: new Date().toISOString(), lastEventId });
  }

  /** The server ends the session: Socket.IO does not retry this by itself. */
  endSession(): void {
    this.connected = false;
    this.active = false;
    this.fire('disconnect', 'io server disconnect');
  }

  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

let socket: FakeSocket;

function startClient(options: Partial<RealtimeClientOptions> = {}) {
  return createRealtimeClient({
    url: 'http://cmms.test',
    getToken: () => makeToken(USER),
    backoff: { randomizationFactor: 0 },
    socketFactory: (_url, socketOptions) => (socket = new FakeSocket(socketOptions)) as any,
    ...options,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('reconnecting after the server ends the session', () => {
  it('waits 1 s, 2 s, 4 s … up to 30 s between attempts, each with a fresh token', async () => {
    let issued = 0;
    startClient({ getToken: () => `token-${++issued}` });
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.connectCalls).toBe(1);

    for (const delay of [1000, 2000, 4000, 8000, 16000, 30000, 30000]) {
      const attempts = socket.connectCalls;
      socket.endSession();
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(socket.connectCalls).toBe(attempts);
      await vi.advanceTimersByTimeAsync(1);
      expect(socket.connectCalls).toBe(attempts + 1);
    }
    expect(socket.tokens).toEqual(Array.from({ length: 8 }, (_, i) => `token-${i + 1}`));
  });

  it('starts again from 1 s once a connection is confirmed', async () => {
    startClient();
    await vi.advanceTimersByTimeAsync(0);
    socket.endSession();
    await vi.advanceTimersByTimeAsync(1000);
    socket.endSession();
    await vi.advanceTimersByTimeAsync(2000);
    socket.confirm();
    await vi.advanceTimersByTimeAsync(0);

    socket.endSession();
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.connectCalls).toBe(4);
  });

  it('counts a token that cannot be fetched as a failed attempt', async () => {
    const getToken = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error('refresh failed')).mockResolvedValue(makeToken(USER));
    const client = startClient({ getToken });
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.connected).toBe(false);

    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.connectCalls).toBe(2);
    expect(socket.connected).toBe(true);
    expect(client.status).toBe('connecting');
  });
});

describe('a handshake the server does not complete', () => {
  it('starts a new connection when resume is refused without resync_required, on the backoff schedule', async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    socket.nextAnswers.set('resume', { success: false, message: 'rate limited', replayed: 0, lastEventId: 0 });
    socket.confirm();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.connected).toBe(false);
    expect(client.status).toBe('reconnecting');

    await vi.advanceTimersByTimeAsync(1000);
    socket.confirm();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.emitted.filter((e) => e.event === 'resume')).toHaveLength(2);
    expect(client.status).toBe('connected');
  });

  it('starts a new connection when the rooms were not answered one by one, and keeps the request waiting', async () => {
    const client = startClient({ autoConnect: false });
    const subscribed = client.subscribe(['system:all']);
    client.connect();
    await vi.advanceTimersByTimeAsync(0);
    socket.nextAnswers.set('subscribe', { success: false, message: 'rate limited', rooms: [], refused: [] });
    socket.confirm();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.connected).toBe(false);

    await vi.advanceTimersByTimeAsync(1000);
    socket.confirm();
    expect(await subscribed).toMatchObject({ success: true, rooms: ['system:all'] });
  });
});

describe('close()', () => {
  it('cancels a waiting retry: no timer is left and the client never connects again', async () => {
    const client = startClient();
    await vi.advanceTimersByTimeAsync(0);
    socket.endSession();
    expect(vi.getTimerCount()).toBe(1);

    client.close();

    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.connectCalls).toBe(1);
    expect(client.status).toBe('disconnected');
  });

  it('cancels the token renewal and a ping still waiting for its pong', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 15 * 60;
    const client = startClient({ getToken: () => makeToken(USER, expiresAt) });
    await vi.advanceTimersByTimeAsync(0);
    socket.confirm();
    await vi.advanceTimersByTimeAsync(0);
    const ping = client.ping();
    expect(vi.getTimerCount()).toBe(2);

    client.close();

    expect(vi.getTimerCount()).toBe(0);
    await expect(ping).rejects.toThrow('closed');
  });
});

describe('token renewal', () => {
  it('sends a fresh token 60 s before the current one expires', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tokens = [makeToken(USER, now + 900), makeToken(USER, now + 1800)];
    let calls = 0;
    startClient({ getToken: () => tokens[Math.min(calls++, 1)]! });
    await vi.advanceTimersByTimeAsync(0);
    socket.confirm();

    await vi.advanceTimersByTimeAsync(839_000);
    expect(socket.emitted.filter((e) => e.event === 'reconnect')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.emitted.filter((e) => e.event === 'reconnect')).toEqual([{ event: 'reconnect', payload: { token: tokens[1] } }]);
  });

  it('does not loop when getToken hands back the same token', async () => {
    const token = makeToken(USER, Math.floor(Date.now() / 1000) + 30);
    startClient({ getToken: () => token });
    await vi.advanceTimersByTimeAsync(0);
    socket.confirm();
    await vi.advanceTimersByTimeAsync(10_000);

    expect(socket.emitted.filter((e) => e.event === 'reconnect')).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
