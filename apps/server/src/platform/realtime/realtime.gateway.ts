import type { IncomingMessage, Server as HttpServer } from 'node:http';
import {
  HEARTBEAT,
  RenewRequest,
  type RenewAck,
  ResumeRequest,
  type ResumeAck,
  SubscribeRequest,
  type SubscriptionAck,
  type RefusedRoom,
  type PresenceViewer,
  parseRoom,
  roomName,
} from '@msched/contracts';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { and, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { canReceiveEvent, canSeeWorkOrder } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { TokenSigner } from '../auth/tokens';
import { Database } from '../db/database';
import { users } from '../db/schema';
import type { StoredEvent } from '../events/domain-event';
import { EventPublisher } from '../events/event-dispatcher';
import { EventStore } from '../events/event-store';
import { Metrics } from '../observability/metrics';
import { EventSequencer } from './event-sequencer';
import { type LocalPresence, type PayloadOf, type RealtimeServer, type RealtimeSocket, organizationRoom, roomKey, send } from './emit';
import { RoomAccess } from './room-access';

/** A socket may hold this many subscribed rooms. */
const MAX_ROOMS_PER_SOCKET = 500;
const REPLAY_PAGE = 500;
const MAX_TIMER_MS = 2_147_483_647;
const REQUEST_WINDOW_MS = 10_000;
const REQUESTS_PER_WINDOW = 100;

type Ack<T> = ((answer: T) => void) | undefined;
type Buffered = { eventId: number; name: StoredEvent['name']; payload: Record<string, unknown> };

/**
 * Socket.IO on the API's port (API.md "Real-time"). Authenticates the handshake, authorizes
 * every room with the HTTP rules, delivers outbox events in order to the sockets that may see
 * them, replays missed events on `resume`, and tracks presence across instances.
 */
@Injectable()
export class RealtimeGateway extends EventPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeGateway.name);
  private io: RealtimeServer | undefined;
  private redisClients: Redis[] = [];
  private readonly sequencer: EventSequencer;
  /** Per organization: sockets per user on this instance. */
  private readonly presence = new Map<string, Map<string, number>>();
  private readonly throttled = new Map<string, NodeJS.Timeout>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly rooms: RoomAccess,
    private readonly tokens: TokenSigner,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.sequencer = new EventSequencer(
      (organizationId, afterId, untilId) => this.store.range(organizationId, afterId, 10_000, untilId),
      (event) => this.deliver(event),
    );
  }

  /** Starts Socket.IO on the HTTP server (and the Redis adapter when REDIS_URL is set). */
  attach(httpServer: HttpServer): void {
    const io: RealtimeServer = new Server(httpServer, {
      path: '/socket.io',
      serveClient: false,
      pingInterval: HEARTBEAT.pingIntervalMs,
      pingTimeout: HEARTBEAT.pingTimeoutMs,
      maxHttpBufferSize: 64 * 1024,
      cors: { origin: this.config.corsOrigins, credentials: true },
      // CORS does not cover WebSocket upgrades: a foreign Origin is refused here, for every transport.
      allowRequest: (request, callback) => callback(null, this.originAllowed(request)),
    });
    if (this.config.redisUrl) {
      const pub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
      const sub = pub.duplicate();
      for (const client of [pub, sub]) client.on('error', () => undefined);
      this.redisClients = [pub, sub];
      io.adapter(createShardedAdapter(pub, sub, { subscriptionMode: 'static' }));
      io.on('outbox:events', (events) => this.sequencer.accept(events));
      io.on('presence:query', (organizationId, reply) => reply(this.localPresence(organizationId)));
    }
    io.use((socket, next) => void this.authenticate(socket as RealtimeSocket).then(() => next(), next));
    io.on('connection', (socket) => this.onConnection(socket));
    this.io = io;
  }

  /** Called by the dispatcher with committed events, in id order per organization. */
  publish(events: readonly StoredEvent[]): void {
    if (!this.io) return;
    this.sequencer.accept(events);
    if (this.redisClients.length > 0) this.io.serverSideEmit('outbox:events', [...events]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.sequencer.close();
    for (const timer of [...this.throttled.values(), ...this.expiryTimers.values()]) clearTimeout(timer);
    this.throttled.clear();
    this.expiryTimers.clear();
    if (this.io) {
      this.io.local.disconnectSockets(true);
      this.io.engine.close();
    }
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => client.disconnect())));
    this.redisClients = [];
  }

  /**
   * An ephemeral push (not stored, not resumable) to every socket of one user, on every
   * instance: optimizer progress.
   */
  toUser<E extends 'schedule:progress'>(organizationId: string, userId: string, event: E, payload: PayloadOf<E>): void {
    if (this.io) send(this.io.to(roomKey(organizationId, `user:${userId}`)), event, payload);
  }

  /** What this instance tracks, for the admin endpoint and the leak test. */
  trackedState() {
    const nsp = this.io?.of('/');
    return {
      sockets: nsp?.sockets.size ?? 0,
      rooms: nsp?.adapter.rooms.size ?? 0,
      organizations: this.presence.size,
      followedOrganizations: this.sequencer.size,
      timers: this.throttled.size + this.expiryTimers.size,
      clustered: this.redisClients.length > 0,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Connection

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (!origin) return true; // not a browser: the token still has to be valid
    if (this.config.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host; // the web app served by this server
    } catch {
      return false;
    }
  }

  /**
   * Checks the token before the connection is accepted. A bad one is not refused here but
   * answered with the contract's `error { type: "authentication_error" }` and a disconnect.
   */
  private async authenticate(socket: RealtimeSocket): Promise<void> {
    const principal = this.principalOf(tokenOf(socket));
    if (!principal) return;
    const user = await this.activeUser(principal);
    if (!user) return;
    const position = this.sequencer.position(principal.organizationId) ?? (await this.store.currentId(principal.organizationId));
    socket.data = {
      principal,
      expiresAt: principal.expiresAt,
      userName: user.name,
      rooms: new Set([`user:${principal.userId}`]),
      resumeBuffer: null,
      startPosition: position,
      window: { start: Date.now(), count: 0 },
    };
  }

  /** The user behind a token, if the account still exists in its organization and is active. */
  private async activeUser(principal: Principal): Promise<{ name: string } | null> {
    const [user] = await this.database
      .read(() =>
        this.database.db
          .select({ name: users.name, active: users.active })
          .from(users)
          .where(and(eq(users.id, principal.userId), eq(users.organizationId, principal.organizationId))),
      )
      .catch(() => []);
    return user?.active ? user : null;
  }

  private principalOf(token: string | null): (Principal & { expiresAt: number }) | null {
    return token ? this.tokens.verifyAccess(token) : null;
  }

  private onConnection(socket: RealtimeSocket): void {
    const state = socket.data;
    if (!state?.principal) {
      send(socket, 'error', {
        type: 'authentication_error',
        message: 'A valid access token is required (auth.token, ?token= or Authorization: Bearer)',
      });
      socket.disconnect(true);
      return;
    }
    const { principal } = state;
    const org = principal.organizationId;
    // Followed before the confirmation: events after this position reach the socket live.
    this.sequencer.follow(org, state.startPosition);
    void socket.join([
      organizationRoom(org),
      roomKey(org, `user:${principal.userId}`),
      ...principal.roles.map((role) => roomKey(org, `role:${role}`)),
    ]);
    this.countPresence(org, principal.userId, +1);
    this.metrics.sockets.inc();
    this.armExpiry(socket);

    socket.on('subscribe', (request, ack) => {
      if (this.admit(socket, ack, invalidSubscription('rate limited'))) void this.subscribe(socket, request, ack);
    });
    socket.on('unsubscribe', (request, ack) => {
      if (this.admit(socket, ack, invalidSubscription('rate limited'))) void this.unsubscribe(socket, request, ack);
    });
    socket.on('ping', () => send(socket, 'pong', { timestamp: new Date().toISOString(), serverTime: Date.now() }));
    socket.on('resume', (request, ack) => {
      if (this.admit(socket, ack, { success: false, message: 'rate limited', replayed: 0, lastEventId: 0 }))
        void this.resume(socket, request, ack);
    });
    socket.on('reconnect', (request, ack) => {
      if (this.admit(socket, ack, { success: false, message: 'rate limited' })) void this.renew(socket, request, ack);
    });
    socket.on('disconnecting', () => {
      for (const room of state.rooms) if (room.startsWith('workorder:')) this.viewersChanged(org, room);
    });
    socket.on('disconnect', () => this.onDisconnect(socket));

    send(socket, 'connection:confirm', {
      success: true,
      message: 'Connected to real-time service',
      userId: principal.userId,
      timestamp: new Date().toISOString(),
      lastEventId: this.sequencer.position(org) ?? 0,
    });
  }

  private onDisconnect(socket: RealtimeSocket): void {
    const { principal } = socket.data;
    const org = principal.organizationId;
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    this.countPresence(org, principal.userId, -1);
    this.metrics.sockets.dec();
    if (!this.io?.of('/').adapter.rooms.has(organizationRoom(org))) this.sequencer.unfollow(org);
  }

  /** Closes the socket when its token expires, unless `reconnect { token }` renewed it. */
  private armExpiry(socket: RealtimeSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    const remaining = socket.data.expiresAt - Date.now();
    // Timers hold at most ~24.8 days; a longer-lived token is checked again then.
    const timer = setTimeout(
      () => {
        this.expiryTimers.delete(socket.id);
        if (socket.data.expiresAt > Date.now()) return this.armExpiry(socket);
        send(socket, 'error', { type: 'token_expired', message: 'The access token expired; reconnect with a new one' });
        socket.disconnect(true);
      },
      Math.min(Math.max(0, remaining), MAX_TIMER_MS),
    );
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  // -------------------------------------------------------------------------------------------
  // Client requests

  /**
   * Requests that touch the database (subscribe, unsubscribe, resume, reconnect) are limited
   * per socket: at most REQUESTS_PER_WINDOW in each window; beyond that, `error { rate_limited }`.
   */
  private admit<T>(socket: RealtimeSocket, ack: Ack<T>, refusal: T): boolean {
    const state = socket.data;
    const now = Date.now();
    if (now - state.window.start >= REQUEST_WINDOW_MS) state.window = { start: now, count: 0 };
    if (++state.window.count <= REQUESTS_PER_WINDOW) return true;
    send(socket, 'error', { type: 'rate_limited', message: `At most ${REQUESTS_PER_WINDOW} requests per ${REQUEST_WINDOW_MS / 1000} s` });
    reply(ack, refusal);
    return false;
  }

  private async subscribe(socket: RealtimeSocket, request: unknown, ack: Ack<SubscriptionAck>): Promise<void> {
    const parsed = SubscribeRequest.safeParse(request);
    if (!parsed.success) return reply(ack, invalidSubscription(parsed.error.issues[0]?.message));
    const state = socket.data;
    const org = state.principal.organizationId;
    const decisions = await Promise.all([...new Set(parsed.data.rooms)].map((room) => this.rooms.decide(state.principal, room)));
    if (socket.disconnected) return;
    const joined: string[] = [];
    const refused: RefusedRoom[] = [];
    const seen = new Set<string>();
    for (const decision of decisions) {
      // `workorder:<ID>` and `workorder:<id>` are one room: answered once.
      if (seen.has(decision.room)) continue;
      seen.add(decision.room);
      if (!decision.allowed) refused.push({ room: decision.room, reason: decision.reason });
      else if (!state.rooms.has(decision.room) && state.rooms.size >= MAX_ROOMS_PER_SOCKET)
        refused.push({ room: decision.room, reason: `at most ${MAX_ROOMS_PER_SOCKET} rooms per connection` });
      else joined.push(decision.room);
    }
    const added = joined.filter((room) => !state.rooms.has(room));
    for (const room of added) state.rooms.add(room);
    await socket.join(joined.map((room) => roomKey(org, room)));
    for (const room of added) if (room.startsWith('workorder:')) this.viewersChanged(org, room);
    if (added.includes('system:presence')) this.presenceChanged(org);
    this.metrics.roomRefusals.inc(refused.length);
    reply(ack, {
      success: refused.length === 0,
      message:
        refused.length === 0
          ? `Subscribed to ${joined.length} room(s)`
          : `Subscribed to ${joined.length} room(s); ${refused.length} refused`,
      rooms: joined,
      refused,
    });
  }

  private async unsubscribe(socket: RealtimeSocket, request: unknown, ack: Ack<SubscriptionAck>): Promise<void> {
    const parsed = SubscribeRequest.safeParse(request);
    if (!parsed.success) return reply(ack, invalidSubscription(parsed.error.issues[0]?.message));
    const state = socket.data;
    const org = state.principal.organizationId;
    const left: string[] = [];
    const refused: RefusedRoom[] = [];
    for (const room of new Set(parsed.data.rooms.map(normalizeRoom))) {
      // The socket's own user room is part of the connection, not a subscription.
      if (room === `user:${state.principal.userId}`) refused.push({ room, reason: 'your own user room cannot be left' });
      else if (!state.rooms.delete(room)) refused.push({ room, reason: 'not subscribed' });
      else {
        await socket.leave(roomKey(org, room));
        left.push(room);
        if (room.startsWith('workorder:')) this.viewersChanged(org, room);
      }
    }
    reply(ack, {
      success: refused.length === 0,
      message: `Unsubscribed from ${left.length} room(s)`,
      rooms: left,
      refused,
    });
  }

  /**
   * Replays, in order, the events after `lastEventId` that this socket may see in the rooms it
   * holds now (clients subscribe first, then resume). Live events arriving meanwhile wait and
   * follow the replay, so the order holds. Ids older than the retention window: resync.
   */
  private async resume(socket: RealtimeSocket, request: unknown, ack: Ack<ResumeAck>): Promise<void> {
    const parsed = ResumeRequest.safeParse(request);
    if (!parsed.success)
      return reply(ack, { success: false, message: 'lastEventId must be a non-negative integer', replayed: 0, lastEventId: 0 });
    const state = socket.data;
    if (state.resumeBuffer)
      return reply(ack, { success: false, message: 'a resume is already running', replayed: 0, lastEventId: parsed.data.lastEventId });
    const org = state.principal.organizationId;
    const from = parsed.data.lastEventId;
    state.resumeBuffer = [];
    const upTo = this.sequencer.position(org) ?? 0;
    let answer: ResumeAck;
    // Live events held during the replay go out after it, unless the replay broke off: then
    // they are dropped and the client, told to retry, gets them from the retried replay.
    let releaseAfter: number | null = upTo;
    let replayed = 0;
    try {
      const { current, oldest } = await this.store.bounds(org, new Date(Date.now() - this.config.eventRetentionMs));
      if (from > current || (from < upTo && (oldest === null || from + 1 < oldest))) {
        send(socket, 'resync_required', {
          message:
            from > current
              ? 'This event id is unknown to the server; reload your data'
              : 'The events you missed are older than the retention window; reload your data',
          lastEventId: from,
          oldestEventId: oldest,
          currentEventId: upTo,
        });
        answer = { success: false, message: 'resync required', replayed: 0, lastEventId: upTo };
      } else {
        for (let after = from; after < upTo;) {
          const page = await this.store.range(org, after, REPLAY_PAGE, upTo);
          if (page.length === 0) break;
          for (const event of page) {
            if (!this.mayReceive(socket, event)) continue;
            send(socket, event.name, { eventId: event.eventId, ...event.payload } as never);
            replayed++;
          }
          after = page[page.length - 1]!.eventId;
        }
        this.metrics.eventDeliveries.inc({ mode: 'replay' }, replayed);
        answer = { success: true, message: `Replayed ${replayed} event(s)`, replayed, lastEventId: Math.max(from, upTo) };
      }
    } catch (error) {
      this.logger.warn(`Resume failed: ${(error as Error).message}`);
      releaseAfter = null;
      answer = { success: false, message: 'The event history is unavailable; retry the resume', replayed, lastEventId: from };
    }
    const held = (state.resumeBuffer ?? []) as Buffered[];
    state.resumeBuffer = null;
    if (releaseAfter !== null) for (const event of held) if (event.eventId > releaseAfter) send(socket, event.name, event.payload as never);
    // Acknowledged last: everything the resume covers has been sent before the answer.
    reply(ack, answer);
  }

  /** `reconnect { token }`: a fresh token keeps the socket open; rooms no longer allowed are left. */
  private async renew(socket: RealtimeSocket, request: unknown, ack: Ack<RenewAck>): Promise<void> {
    const parsed = RenewRequest.safeParse(request);
    const principal = parsed.success ? this.principalOf(parsed.data.token) : null;
    const state = socket.data;
    if (!principal || principal.userId !== state.principal.userId || principal.organizationId !== state.principal.organizationId) {
      return reply(ack, { success: false, message: 'The token is invalid, expired, or belongs to someone else' });
    }
    if (!(await this.activeUser(principal))) {
      reply(ack, { success: false, message: 'This account is disabled' });
      send(socket, 'error', { type: 'authentication_error', message: 'This account is disabled' });
      socket.disconnect(true);
      return;
    }
    state.principal = principal;
    state.expiresAt = principal.expiresAt;
    this.armExpiry(socket);
    const left: string[] = [];
    for (const room of [...state.rooms]) {
      const decision = await this.rooms.decide(principal, room);
      if (decision.allowed) continue;
      state.rooms.delete(room);
      await socket.leave(roomKey(principal.organizationId, room));
      left.push(room);
    }
    reply(ack, { success: true, message: 'Token renewed', expiresAt: new Date(principal.expiresAt).toISOString(), left });
  }

  // -------------------------------------------------------------------------------------------
  // Delivery

  private mayReceive(socket: RealtimeSocket, event: StoredEvent): boolean {
    const { rooms, principal } = socket.data;
    return event.audience.rooms.some((room) => rooms.has(room)) && canReceiveEvent(principal, event.audience.scope);
  }

  /** One event to this instance's sockets that hold one of its rooms and may see it. */
  private deliver(event: StoredEvent): void {
    const nsp = this.io?.of('/');
    if (!nsp) return;
    const org = event.organizationId;
    const candidates = new Set<string>();
    for (const room of event.audience.rooms) for (const id of nsp.adapter.rooms.get(roomKey(org, room)) ?? []) candidates.add(id);
    if (candidates.size === 0) return;
    const payload = { eventId: event.eventId, ...event.payload };
    const direct: string[] = [];
    for (const id of candidates) {
      const socket = nsp.sockets.get(id) as RealtimeSocket | undefined;
      if (!socket || !canReceiveEvent(socket.data.principal, event.audience.scope)) continue;
      if (socket.data.resumeBuffer) socket.data.resumeBuffer.push({ eventId: event.eventId, name: event.name, payload });
      else direct.push(id);
    }
    // Encoded once, written to each socket.
    if (direct.length > 0) send(this.io!.local.to(direct), event.name, payload as never);
    this.metrics.eventDeliveries.inc({ mode: 'live' }, direct.length);
    if (event.name === 'workorder:update') this.evictFromWorkOrderRoom(event);
  }

  /** After a reassignment, sockets that may no longer see the work order leave its room. */
  private evictFromWorkOrderRoom(event: StoredEvent): void {
    const data = event.payload['data'] as { technicianId: string | null; requesterId: string | null } | undefined;
    const workOrderId = event.payload['workOrderId'] as string | undefined;
    if (!data || !workOrderId) return;
    const nsp = this.io!.of('/');
    const room = `workorder:${workOrderId}`;
    const key = roomKey(event.organizationId, room);
    for (const id of [...(nsp.adapter.rooms.get(key) ?? [])]) {
      const socket = nsp.sockets.get(id) as RealtimeSocket | undefined;
      if (!socket || canSeeWorkOrder(socket.data.principal, data)) continue;
      socket.data.rooms.delete(room);
      void socket.leave(key);
      this.viewersChanged(event.organizationId, room);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Presence

  private localPresence(organizationId: string): LocalPresence {
    const perUser = this.presence.get(organizationId);
    if (!perUser) return { clients: 0, users: [] };
    let clients = 0;
    for (const count of perUser.values()) clients += count;
    return { clients, users: [...perUser.keys()] };
  }

  private countPresence(organizationId: string, userId: string, delta: 1 | -1): void {
    const perUser = this.presence.get(organizationId) ?? new Map<string, number>();
    const count = (perUser.get(userId) ?? 0) + delta;
    if (count > 0) perUser.set(userId, count);
    else perUser.delete(userId);
    if (perUser.size > 0) this.presence.set(organizationId, perUser);
    else this.presence.delete(organizationId);
    this.presenceChanged(organizationId);
  }

  /** Counts across every instance: this one's, plus each other instance's answer. */
  private async organizationPresence(organizationId: string): Promise<{ connectedClients: number; connectedUsers: number }> {
    const answers = [this.localPresence(organizationId)];
    if (this.io && this.redisClients.length > 0) {
      try {
        answers.push(...(await this.io.serverSideEmitWithAck('presence:query', organizationId)));
      } catch {
        // An instance did not answer in time: report what is known.
      }
    }
    const connectedUsers = new Set(answers.flatMap((answer) => answer.users)).size;
    return { connectedClients: answers.reduce((sum, answer) => sum + answer.clients, 0), connectedUsers };
  }

  private presenceChanged(organizationId: string): void {
    this.throttle(organizationId, async () => {
      if (!this.io) return;
      const counts = await this.organizationPresence(organizationId);
      send(this.io.to(roomKey(organizationId, 'system:presence')), 'presence:update', { ...counts, timestamp: new Date().toISOString() });
    });
  }

  /** Who is looking at a work order (its room's members, on every instance). */
  private viewersChanged(organizationId: string, room: string): void {
    this.throttle(roomKey(organizationId, room), async () => {
      if (!this.io) return;
      const key = roomKey(organizationId, room);
      const sockets = await this.io
        .in(key)
        .fetchSockets()
        .catch(() => []);
      const viewers = new Map<string, PresenceViewer>();
      for (const socket of sockets)
        viewers.set(socket.data.principal.userId, { userId: socket.data.principal.userId, name: socket.data.userName });
      const counts = await this.organizationPresence(organizationId);
      send(this.io.to(key), 'presence:update', {
        ...counts,
        timestamp: new Date().toISOString(),
        workOrderId: room.slice('workorder:'.length),
        viewers: [...viewers.values()],
      });
    });
  }

  /** At most one run per key and period; changes inside the period are folded into one update. */
  private throttle(key: string, work: () => Promise<void>): void {
    if (this.throttled.has(key)) return;
    const timer = setTimeout(() => {
      this.throttled.delete(key);
      work().catch((error: unknown) => this.logger.warn(`Presence update failed: ${(error as Error).message}`));
    }, this.config.presenceThrottleMs);
    timer.unref();
    this.throttled.set(key, timer);
  }
}

function tokenOf(socket: RealtimeSocket): string | null {
  const { auth, query, headers } = socket.handshake;
  if (typeof auth?.['token'] === 'string' && auth['token']) return auth['token'];
  if (typeof query['token'] === 'string' && query['token']) return query['token'];
  const match = typeof headers.authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(headers.authorization) : null;
  return match?.[1] ?? null;
}

/** A contract room name as the server keeps it (ids lower-cased); anything else as given. */
function normalizeRoom(room: string): string {
  const parsed = parseRoom(room);
  return parsed ? roomName(parsed) : room;
}

function reply<T>(ack: Ack<T>, answer: T): void {
  if (typeof ack === 'function') ack(answer);
}

const invalidSubscription = (detail = 'invalid request'): SubscriptionAck => ({
  success: false,
  message: `Send { rooms: [...] } with 1 to 100 room names (${detail})`,
  rooms: [],
  refused: [],
});
