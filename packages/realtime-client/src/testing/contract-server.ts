import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ClientToServerEvents,
  type DomainEventName,
  type DomainEvents,
  type RefusedRoom,
  type ServerToClientEvents,
  type SystemMessageEvent,
  parseRoom,
  roomName,
} from '@msched/contracts';
import { Server, type Socket } from 'socket.io';

/**
 * A small Socket.IO server that plays the real-time contract for the client's tests: it checks
 * `auth.token`, confirms, answers subscribe/unsubscribe/resume/reconnect/ping, stores the events
 * it publishes for replay, and lets a test drop or end connections.
 */

type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type StoredEvent = { name: DomainEventName; room: string; payload: DomainEvents[DomainEventName] };
export interface ReceivedMessage {
  socketId: string;
  event: keyof ClientToServerEvents | 'connect' | 'disconnect';
  payload: unknown;
}

/** An unsigned JWT-shaped token: the test server trusts its `sub`, the client reads its `exp`. */
export function makeToken(userId: string, expiresAtSeconds?: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: userId, exp: expiresAtSeconds })}.test`;
}

function userOf(token: unknown): string | null {
  if (typeof token !== 'string' || token.split('.').length !== 3) return null;
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub?: string; exp?: number };
  return claims.sub && (claims.exp === undefined || claims.exp * 1000 > Date.now()) ? claims.sub : null;
}

export class ContractServer {
  readonly received: ReceivedMessage[] = [];
  /** Events older than this are forgotten: a resume from before it gets `resync_required`. */
  oldestEventId = 1;
  private readonly events: StoredEvent[] = [];
  private readonly waiters: { match: (message: ReceivedMessage) => boolean; resolve: (message: ReceivedMessage) => void }[] = [];
  private newestEventId: number;

  private constructor(
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
    readonly url: string,
    firstEventId: number,
  ) {
    this.newestEventId = firstEventId - 1;
    io.on('connection', (socket) => this.accept(socket));
  }

  static async start(firstEventId = 1): Promise<ContractServer> {
    const http = createServer();
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return new ContractServer(io, `http://127.0.0.1:${(http.address() as AddressInfo).port}`, firstEventId);
  }

  get connections(): number {
    return this.io.of('/').sockets.size;
  }

  /** The next message from a client matching `match` (already received ones do not count). */
  next(event: ReceivedMessage['event'], match: (payload: never) => boolean = () => true): Promise<ReceivedMessage> {
    return new Promise((resolve) => this.waiters.push({ match: (m) => m.event === event && match(m.payload as never), resolve }));
  }

  messages(event: ReceivedMessage['event']): unknown[] {
    return this.received.filter((message) => message.event === event).map((message) => message.payload);
  }

  /** Stores a `system:message` with the next event id and sends it to the room. */
  publish(room: string, message: string): SystemMessageEvent {
    const payload = { eventId: ++this.newestEventId, message, level: 'info' as const, data: {}, timestamp: new Date().toISOString() };
    this.events.push({ name: 'system:message', room, payload });
    this.io.to(room).emit('system:message', payload);
    return payload;
  }

  /** Sends an ephemeral event (no event id) to every connected client. */
  broadcast<E extends 'presence:update' | 'schedule:progress'>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    (this.io.emit as (name: string, body: unknown) => boolean)(event, payload);
  }

  /** Sends an event again as it was (a duplicate, as a retrying server would). */
  repeat(room: string, payload: SystemMessageEvent): void {
    this.io.to(room).emit('system:message', payload);
  }

  /** Closes every transport without a goodbye (Socket.IO clients reconnect by themselves); resolves once all are gone. */
  async dropTransports(): Promise<void> {
    const sockets = [...this.io.of('/').sockets.values()];
    const gone = sockets.map((socket) => new Promise((resolve) => socket.once('disconnect', resolve)));
    for (const socket of sockets) socket.conn.close();
    await Promise.all(gone);
  }

  /** Ends every session from the server (as an expired token does): clients must reconnect themselves. */
  endSessions(): void {
    for (const socket of this.io.of('/').sockets.values()) socket.disconnect(true);
  }

  close(): Promise<void> {
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }

  private accept(socket: ServerSocket): void {
    const token: unknown = socket.handshake.auth.token;
    this.record(socket, 'connect', { token });
    const userId = userOf(token);
    if (!userId) {
      socket.emit('error', { type: 'authentication_error', message: 'Invalid or expired token' });
      socket.disconnect(true);
      return;
    }
    void socket.join(`user:${userId}`);
    socket.on('disconnect', (reason) => this.record(socket, 'disconnect', { reason }));
    socket.on('subscribe', ({ rooms }, ack) => {
      this.record(socket, 'subscribe', { rooms });
      const refused: RefusedRoom[] = [];
      const joined: string[] = [];
      for (const room of rooms) {
        const parsed = parseRoom(room);
        if (!parsed) refused.push({ room, reason: 'Unknown room' });
        else if (parsed.kind === 'object' && parsed.family === 'user' && parsed.id !== userId) refused.push({ room, reason: 'Forbidden' });
        else joined.push(roomName(parsed));
      }
      void socket.join(joined);
      ack?.({ success: refused.length === 0, message: refused.length ? 'Some rooms refused' : 'Subscribed', rooms: joined, refused });
    });
    socket.on('unsubscribe', ({ rooms }, ack) => {
      this.record(socket, 'unsubscribe', { rooms });
      for (const room of rooms) void socket.leave(room);
      ack?.({ success: true, message: 'Unsubscribed', rooms, refused: [] });
    });
    socket.on('resume', ({ lastEventId }, ack) => {
      this.record(socket, 'resume', { lastEventId });
      if (lastEventId < this.oldestEventId - 1) {
        const resync = { message: 'Reload', lastEventId, oldestEventId: this.oldestEventId, currentEventId: this.newestEventId };
        socket.emit('resync_required', resync);
        ack?.({ success: false, message: 'Resync required', replayed: 0, lastEventId });
        return;
      }
      const missed = this.events.filter((event) => event.payload.eventId > lastEventId && socket.rooms.has(event.room));
      for (const event of missed) socket.emit('system:message', event.payload as SystemMessageEvent);
      ack?.({ success: true, message: 'Resumed', replayed: missed.length, lastEventId: this.newestEventId });
    });
    socket.on('reconnect', ({ token: renewed }, ack) => {
      this.record(socket, 'reconnect', { token: renewed });
      ack?.(userOf(renewed) === userId ? { success: true, message: 'Renewed' } : { success: false, message: 'Invalid token' });
    });
    socket.on('ping', () => {
      this.record(socket, 'ping', undefined);
      socket.emit('pong', { timestamp: new Date().toISOString(), serverTime: Date.now() });
    });
    socket.emit('connection:confirm', {
      success: true,
      message: 'Connected',
      userId,
      timestamp: new Date().toISOString(),
      lastEventId: this.newestEventId,
    });
  }

  private record(socket: ServerSocket, event: ReceivedMessage['event'], payload: unknown): void {
    const message = { socketId: socket.id, event, payload };
    this.received.push(message);
    for (const waiter of this.waiters.filter((w) => w.match(message))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  }
}
