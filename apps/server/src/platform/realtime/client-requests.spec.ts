import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../config';
import type { EventHistory } from '../events/event-history';
import type { EventStore } from '../events/event-store';
import { TokenSigner } from '../auth/tokens';
import { Metrics } from '../observability/metrics';
import { ClientRequests, type GatewayServices } from './client-requests';
import { MAX_QUEUED_BYTES, MAX_QUEUED_PACKETS, type RealtimeSocket } from './emit';
import type { RoomAccess } from './room-access';

/** A connected socket as ClientRequests sees it: its WebSocket holds `queued` unread bytes, Engine.IO `held` packets. */
function fakeSocket(queued = 0, held = 0) {
  let listener: ((event: string, ...args: unknown[]) => void) | undefined;
  const socket = {
    data: {
      principal: { userId: 'u1', organizationId: 'o1', roles: ['planner'], technicianId: null, expiresAt: Date.now() + 60_000 },
      rooms: new Set(['user:u1']),
      resumeBuffer: null,
      replayedThrough: 0,
      windowStart: 0,
      windowCount: 0,
    },
    conn: { transport: { name: 'websocket', socket: { bufferedAmount: queued } }, writeBuffer: new Array(held).fill({}) },
    connected: true,
    disconnected: false,
    emit: vi.fn(),
    disconnect: vi.fn(),
    join: vi.fn(async () => undefined),
    leave: vi.fn(async () => undefined),
    onAny(fn: typeof listener) {
      listener = fn;
    },
    /** A client request, as Socket.IO hands it to the catch-all listener (`this` is the socket). */
    request(event: string, ...args: unknown[]) {
      listener!.call(socket, event, ...args);
    },
  };
  return socket;
}

describe('socket requests', () => {
  let metrics: Metrics;
  let rooms: { decide: ReturnType<typeof vi.fn> };
  let requests: ClientRequests;

  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    metrics = new Metrics(false);
    rooms = { decide: vi.fn() };
    requests = new ClientRequests(
      {} as GatewayServices,
      rooms as unknown as RoomAccess,
      {} as EventStore,
      {} as EventHistory,
      metrics,
      {} as AppConfig,
    );
  });
  afterEach(() => vi.restoreAllMocks());

  /** Requests over a gateway of the test's own (the rest as above). */
  const withGateway = (gateway: Partial<GatewayServices>) =>
    new ClientRequests(
      gateway as GatewayServices,
      rooms as unknown as RoomAccess,
      {} as EventStore,
      {} as EventHistory,
      metrics,
      {} as AppConfig,
    );

  it('answers a subscribe whose room check fails (database unreachable) as failed, instead of leaving a rejection that ends the process', async () => {
    rooms.decide.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const socket = fakeSocket();
    requests.listen(socket as unknown as RealtimeSocket);
    const ack = vi.fn();
    socket.request('subscribe', { rooms: ['workorders:all'] }, ack);
    await vi.waitFor(() => expect(ack).toHaveBeenCalled());
    expect(ack).toHaveBeenCalledWith({ success: false, message: 'temporarily unavailable; retry', rooms: [], refused: [] });
    expect(socket.data.rooms).toEqual(new Set(['user:u1']));
  });

  it('closes the connection of a client that sends but no longer reads, and answers nothing more', async () => {
    const socket = fakeSocket(MAX_QUEUED_BYTES + 1);
    requests.listen(socket as unknown as RealtimeSocket);
    socket.request('ping');
    expect(socket.disconnect).toHaveBeenCalledWith(true);
    // What arrived with it finds the socket closed: ignored, and the drop counted once.
    socket.disconnected = true;
    socket.request('ping');
    expect(socket.disconnect).toHaveBeenCalledTimes(1);
    expect(socket.emit).not.toHaveBeenCalled();
    expect(await metrics.registry.getSingleMetricAsString('msched_realtime_sockets_dropped_total')).toContain(
      'msched_realtime_sockets_dropped_total 1',
    );
  });

  it('closes it too when Engine.IO holds packets back for it (its socket no longer drains)', () => {
    const socket = fakeSocket(0, MAX_QUEUED_PACKETS + 1);
    requests.listen(socket as unknown as RealtimeSocket);
    socket.request('ping');
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });

  it("decides a work order's room again when an eviction pass ran over it while the join was decided", async () => {
    const room = 'workorder:0c6f2b7e-1d3a-4c5b-9e8f-7a6b5c4d3e2f';
    let mark = 1;
    const gateway = {
      evictionMark: vi.fn(() => mark),
      shared: (value: string) => value,
      roomsLeft: vi.fn(),
      viewersChanged: vi.fn(),
      presenceChanged: vi.fn(),
    };
    requests = withGateway(gateway);
    // Read before the reassignment committed: allowed. Its update is delivered (an eviction pass,
    // the socket not in the room yet) before the join is made. Asked again: no longer visible.
    rooms.decide
      .mockImplementationOnce(async () => {
        mark = 2;
        return { allowed: true, room };
      })
      .mockResolvedValueOnce({ allowed: false, room, reason: 'no such object visible to you' });
    const socket = fakeSocket();
    requests.listen(socket as unknown as RealtimeSocket);
    const ack = vi.fn();
    socket.request('subscribe', { rooms: [room.toUpperCase()] }, ack);
    await vi.waitFor(() => expect(ack).toHaveBeenCalled());
    expect(ack).toHaveBeenCalledWith({
      success: false,
      message: 'Subscribed to 0 room(s); 1 refused',
      rooms: [],
      refused: [{ room, reason: 'no such object visible to you' }],
    });
    expect(socket.leave).toHaveBeenCalledWith(`o1|${room}`);
    expect(socket.data.rooms).toEqual(new Set(['user:u1']));
    expect(gateway.viewersChanged).not.toHaveBeenCalled();

    // No pass meanwhile: one decision, and the room is joined.
    rooms.decide.mockResolvedValueOnce({ allowed: true, room });
    const second = vi.fn();
    socket.request('subscribe', { rooms: [room] }, second);
    await vi.waitFor(() => expect(second).toHaveBeenCalled());
    expect(second).toHaveBeenCalledWith(expect.objectContaining({ success: true, rooms: [room] }));
    expect(rooms.decide).toHaveBeenCalledTimes(3);
  });

  it('keeps answering a client within the limits', () => {
    const socket = fakeSocket(MAX_QUEUED_BYTES, MAX_QUEUED_PACKETS);
    requests.listen(socket as unknown as RealtimeSocket);
    socket.request('ping');
    expect(socket.disconnect).not.toHaveBeenCalled();
    expect(socket.emit).toHaveBeenCalledWith('pong', expect.objectContaining({ serverTime: expect.any(Number) }));
  });

  it('refuses a renewal whose token a session cutoff ended while the account was looked up', async () => {
    const signer = new TokenSigner('a-secret-of-at-least-thirty-two-characters');
    const account = { userId: 'u1', organizationId: 'o1', roles: ['planner' as const], technicianId: null };
    const renewed = vi.fn();
    const gateway = {
      verify: (token: string | null) => (token ? signer.verifyAccess(token) : null),
      // The account changes (epoch 1) while its row is read.
      activeUser: async () => {
        signer.cutoffs.cut('u1', 1);
        return { name: 'Planner' };
      },
      renewed,
      roomsLeft: vi.fn(),
    };
    const renewing = withGateway(gateway);
    const socket = fakeSocket();
    const current = signer.verifyAccess(signer.signAccess(account, { epoch: 1, id: 'session-1' }))!;
    socket.data.principal = current as never;
    renewing.listen(socket as unknown as RealtimeSocket);
    const ack = vi.fn();
    socket.request('reconnect', { token: signer.signAccess(account, { epoch: 0, id: 'session-1' }) }, ack);
    await vi.waitFor(() => expect(ack).toHaveBeenCalled());
    expect(ack).toHaveBeenCalledWith(expect.objectContaining({ success: false }));
    expect(socket.data.principal).toBe(current);
    expect(renewed).not.toHaveBeenCalled();
  });
});
