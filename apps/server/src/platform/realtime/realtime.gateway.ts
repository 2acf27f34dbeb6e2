import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { HEARTBEAT } from '@msched/contracts';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { and, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { canReceiveEvent, canSeeWorkOrder } from '../auth/access-policy';
import { TokenSigner, type VerifiedPrincipal } from '../auth/tokens';
import { Database } from '../db/database';
import { users } from '../db/schema';
import type { StoredEvent } from '../events/domain-event';
import { EventPublisher } from '../events/event-dispatcher';
import { EventHistory } from '../events/event-history';
import { EventStore } from '../events/event-store';
import { Metrics } from '../observability/metrics';
import { ClientRequests } from './client-requests';
import { type PayloadOf, type RealtimeServer, type RealtimeSocket, droppedForNotReading, encodeEvent, roomKey, send } from './emit';
import { EventSequencer } from './event-sequencer';
import { ExpirySchedule } from './expiry-schedule';
import { FanOut } from './fan-out';
import { type EncodedEvent, writeEncoded } from './packet';
import { Presence } from './presence';
import { RoomAccess } from './room-access';
import { SharedStrings } from './shared-strings';
import { SingleFlight } from './single-flight';

/** At most this many events are combined into one write per socket. */
const MAX_COMBINED = 32;

/** A stored event (or, with `event` null, a message that is not stored: presence), encoded for this instance's sockets. */
interface LiveEvent {
  event: StoredEvent | null;
  payload: Record<string, unknown>;
  encoded: EncodedEvent;
}

/** Events on their way to the same sockets: one, or several queued back to back under load. */
interface LiveDelivery {
  events: LiveEvent[];
  encoded: EncodedEvent[];
  /** The lowest event id among them (Infinity when none is stored), and how many are stored. */
  firstId: number;
  stored: number;
  /** Their frames back to back, built once for all sockets. */
  frames: Buffer | undefined;
  /** The room-leave count when the receivers were chosen (see `leaves`). */
  leaves: number;
  /** Event writes done (for the delivery counter). */
  written: number;
}

/**
 * Socket.IO on the API's port (API.md "Real-time"). Authenticates the handshake, delivers
 * outbox events in order to the sockets that may see them, and tracks presence across
 * instances; the socket's own requests (subscribe, resume, …) are in client-requests.ts.
 */
@Injectable()
export class RealtimeGateway extends EventPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeGateway.name);
  private io: RealtimeServer | undefined;
  private redisClients: Redis[] = [];
  private readonly sequencer: EventSequencer;
  private readonly fanOut: FanOut<RealtimeSocket, LiveDelivery>;
  private readonly requests: ClientRequests;
  private readonly presence: Presence;
  private readonly strings = new SharedStrings();
  private readonly userLookups = new SingleFlight<{ name: string } | null>();
  private readonly expiries = new ExpirySchedule<RealtimeSocket>((socket) => this.tokenExpired(socket));
  /**
   * Counts room leaves (unsubscribe, eviction, renewal). A queued delivery whose receivers were
   * chosen before a leave checks each socket's rooms again when it is written.
   */
  private leaves = 0;
  private stopFollowingCutoffs: (() => void) | undefined;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    history: EventHistory,
    rooms: RoomAccess,
    private readonly tokens: TokenSigner,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.sequencer = new EventSequencer(
      (organizationId, afterId, untilId) => history.range(organizationId, afterId, 10_000, untilId),
      (event) => this.deliver(event),
    );
    this.fanOut = new FanOut(
      (socket, delivery) => this.writeLive(socket, delivery),
      (delivery) => this.metrics.eventDeliveries.inc({ mode: 'live' }, delivery.written),
      combineDeliveries,
    );
    this.presence = new Presence(
      () => ({ io: this.io, clustered: this.redisClients.length > 0 }),
      (key, payload) => this.toLocalRoom(key, payload),
      config.presenceThrottleMs,
    );
    this.requests = new ClientRequests(this, rooms, store, history, metrics, config);
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
      io.on('presence:query', (organizationId, reply) => reply(this.presence.localPresence(organizationId)));
      io.on('viewers:query', (key, reply) => reply(this.presence.localViewers(key)));
    }
    // Room keys and names are shared strings while their room exists (here, in any organization).
    io.of('/').adapter.on('delete-room', (key: string) => {
      this.strings.forget(key);
      this.strings.forget(key.slice(key.indexOf('|') + 1));
    });
    io.use((socket, next) => void this.authenticate(socket as RealtimeSocket).then(() => next(), next));
    io.on('connection', (socket) => this.onConnection(socket));
    this.stopFollowingCutoffs = this.tokens.cutoffs.onCut((userId) => this.sessionsEnded(userId));
    this.io = io;
  }

  /** Called by the dispatcher with committed events, in id order per organization. */
  publish(events: readonly StoredEvent[]): void {
    if (!this.io) return;
    // Other instances first (the local fan-out writes its first slice at once). A failed hand-off
    // to them does not hold back this instance's sockets; the dispatcher publishes the events
    // again later (same ids: repeats are dropped).
    let handOff: unknown = null;
    if (this.redisClients.length > 0) {
      try {
        this.io.serverSideEmit('outbox:events', [...events]);
      } catch (error) {
        handOff = error;
      }
    }
    this.sequencer.accept(events);
    if (handOff) throw handOff;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopFollowingCutoffs?.();
    this.sequencer.close();
    this.fanOut.clear();
    this.expiries.close();
    this.presence.close();
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

  /** What this instance tracks, every organization together (tests; an admin sees `organizationState`). */
  trackedState() {
    const nsp = this.io?.of('/');
    return {
      sockets: nsp?.sockets.size ?? 0,
      rooms: nsp?.adapter.rooms.size ?? 0,
      organizations: this.presence.organizations,
      followedOrganizations: this.sequencer.size,
      timers: this.presence.timers + this.expiries.size,
      clustered: this.redisClients.length > 0,
      pendingDeliveries: this.fanOut.pending,
    };
  }

  /**
   * What this instance tracks for one organization, for its admins: the same figures as
   * `trackedState`, counted over its own sockets, rooms and timers only (another organization's
   * activity is none of their business; the instance-wide figures are on /metrics).
   */
  organizationState(organizationId: string) {
    const nsp = this.io?.of('/');
    const ownRoom = roomKey(organizationId, '');
    let sockets = 0;
    for (const socket of nsp?.sockets.values() ?? []) if (socket.data?.principal?.organizationId === organizationId) sockets++;
    let rooms = 0;
    for (const key of nsp?.adapter.rooms.keys() ?? []) if (key.startsWith(ownRoom)) rooms++;
    return {
      sockets,
      rooms,
      organizations: this.presence.has(organizationId) ? 1 : 0,
      followedOrganizations: this.sequencer.position(organizationId) === undefined ? 0 : 1,
      timers:
        this.presence.timersOf(organizationId) + this.expiries.count((socket) => socket.data.principal.organizationId === organizationId),
      clustered: this.redisClients.length > 0,
    };
  }

  // -------------------------------------------------------------------------------------------
  // For client-requests.ts

  /** The organization's newest event id delivered here (0 when not followed). */
  position(organizationId: string): number {
    return this.sequencer.position(organizationId) ?? 0;
  }

  /** The shared copy of a room key or room name. */
  shared(value: string): string {
    return this.strings.get(value);
  }

  verify(token: string | null): VerifiedPrincipal | null {
    return token ? this.tokens.verifyAccess(token) : null;
  }

  /** The user behind a token, if the account still exists in its organization and is active. */
  activeUser(principal: VerifiedPrincipal): Promise<{ name: string } | null> {
    return this.userLookups.run(`${principal.organizationId}|${principal.userId}`, async () => {
      const [user] = await this.database
        .read(() =>
          this.database.db
            .select({ name: users.name, active: users.active })
            .from(users)
            .where(and(eq(users.id, principal.userId), eq(users.organizationId, principal.organizationId))),
        )
        .catch(() => []);
      return user?.active ? { name: user.name } : null;
    });
  }

  /** After a renewal: the socket now expires with its new token. */
  renewed(socket: RealtimeSocket): void {
    this.expiries.track(socket, socket.data.principal.expiresAt);
  }

  /** A socket left rooms: queued deliveries check rooms again for it. */
  roomsLeft(): void {
    this.leaves++;
  }

  viewersChanged(organizationId: string, room: string): void {
    this.presence.viewersChanged(organizationId, room);
  }

  presenceChanged(organizationId: string): void {
    this.presence.presenceChanged(organizationId);
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
    const principal = this.verify(takeToken(socket));
    if (!principal) return;
    const user = await this.activeUser(principal);
    if (!user) return;
    const position = this.sequencer.position(principal.organizationId) ?? (await this.store.currentId(principal.organizationId));
    socket.data = {
      principal,
      userName: user.name,
      rooms: new Set([this.shared(`user:${principal.userId}`)]),
      resumeBuffer: null,
      replayedThrough: 0,
      startPosition: position,
      windowStart: 0,
      windowCount: 0,
    };
  }

  private onConnection(socket: RealtimeSocket): void {
    const state = socket.data;
    // A cutoff may have come while the handshake looked the user up.
    if (!state?.principal || this.tokens.cutoffs.ends(state.principal)) {
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
      this.shared(roomKey(org, `user:${principal.userId}`)),
      ...principal.roles.map((role) => this.shared(roomKey(org, `role:${role}`))),
    ]);
    state.userName = this.presence.joined(org, principal.userId, state.userName);
    this.metrics.sockets.inc();
    this.expiries.track(socket, principal.expiresAt);
    this.requests.listen(socket);
    socket.on('disconnecting', this.handlers.disconnecting);
    socket.on('disconnect', this.handlers.disconnect);

    send(socket, 'connection:confirm', {
      success: true,
      message: 'Connected to real-time service',
      userId: principal.userId,
      timestamp: new Date().toISOString(),
      lastEventId: this.sequencer.position(org) ?? 0,
    });
  }

  /** Listeners shared by every socket (`this` is the socket): no closures kept per socket. */
  private readonly handlers = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the listeners' own `this` is the socket
    const gateway = this;
    return {
      disconnecting(this: RealtimeSocket) {
        const org = this.data.principal.organizationId;
        for (const room of this.data.rooms) if (room.startsWith('workorder:')) gateway.presence.viewersChanged(org, room);
      },
      disconnect(this: RealtimeSocket) {
        gateway.onDisconnect(this);
      },
    };
  })();

  private onDisconnect(socket: RealtimeSocket): void {
    const { principal } = socket.data;
    const org = principal.organizationId;
    this.expiries.untrack(socket);
    this.presence.left(org, principal.userId);
    this.metrics.sockets.dec();
    if (!this.presence.has(org)) this.sequencer.unfollow(org);
  }

  /**
   * A user's tokens were cut (account disabled or changed, or one login session ended): this
   * instance's sockets of that user whose token is now refused (opened or renewed with a token of
   * an earlier epoch, or of the ended session) are told so and closed; the others stay. The client
   * connects again with a new token, which carries the account as it is now, or cannot get one.
   */
  private sessionsEnded(userId: string): void {
    for (const socket of this.io?.of('/').sockets.values() ?? []) {
      const principal = (socket as RealtimeSocket).data?.principal;
      if (principal?.userId !== userId || !this.tokens.cutoffs.ends(principal)) continue;
      try {
        send(socket, 'error', {
          type: 'authentication_error',
          message: 'The session was ended (logged out, or the account changed or was disabled); connect with a new token',
        });
        socket.disconnect(true);
      } catch (error) {
        this.logger.warn(`A socket of an ended session did not close: ${(error as Error).message}`);
      }
    }
  }

  /** Closes the socket when its token expires, unless `reconnect { token }` renewed it. */
  private tokenExpired(socket: RealtimeSocket): void {
    if (!socket.connected) return;
    if (socket.data.principal.expiresAt > Date.now()) return this.expiries.track(socket, socket.data.principal.expiresAt);
    send(socket, 'error', { type: 'token_expired', message: 'The access token expired; reconnect with a new one' });
    socket.disconnect(true);
  }

  // -------------------------------------------------------------------------------------------
  // Delivery

  /**
   * One event to this instance's sockets that hold one of its rooms and may see it. Receivers
   * are chosen now, in id order; the writes are queued and go out a slice at a time.
   */
  private deliver(event: StoredEvent): void {
    const nsp = this.io?.of('/');
    if (!nsp) return;
    const org = event.organizationId;
    const { rooms, scope } = event.audience;
    const held: Set<string>[] = [];
    for (const room of rooms) {
      const members = nsp.adapter.rooms.get(roomKey(org, room));
      if (members) held.push(members);
    }
    const receivers: RealtimeSocket[] = [];
    const consider = (id: string) => {
      const socket = nsp.sockets.get(id) as RealtimeSocket | undefined;
      if (socket && canReceiveEvent(socket.data.principal, scope)) receivers.push(socket);
    };
    if (held.length === 1) for (const id of held[0]!) consider(id);
    else if (held.length > 1) for (const id of new Set(held.flatMap((members) => [...members]))) consider(id);
    if (event.name === 'workorder:update') this.evictFromWorkOrderRoom(event);
    if (receivers.length === 0) return;
    const payload = { eventId: event.eventId, ...event.payload };
    const encoded = encodeEvent(event.name, payload as never);
    this.fanOut.enqueue(receivers, {
      events: [{ event, payload, encoded }],
      encoded: [encoded],
      firstId: event.eventId,
      stored: 1,
      frames: undefined,
      leaves: this.leaves,
      written: 0,
    });
  }

  /**
   * A presence update to this instance's sockets in a room, written like events (encoded once,
   * a slice at a time, after the events queued before it): a room filling up gets one per
   * throttle period, to every member.
   */
  private toLocalRoom(key: string, payload: PayloadOf<'presence:update'>): void {
    const nsp = this.io?.of('/');
    const members = nsp?.adapter.rooms.get(key);
    if (!nsp || !members) return;
    const receivers: RealtimeSocket[] = [];
    for (const id of members) {
      const socket = nsp.sockets.get(id) as RealtimeSocket | undefined;
      if (socket) receivers.push(socket);
    }
    const encoded = encodeEvent('presence:update', payload);
    this.fanOut.enqueue(receivers, {
      events: [{ event: null, payload, encoded }],
      encoded: [encoded],
      firstId: Infinity,
      stored: 0,
      frames: undefined,
      leaves: this.leaves,
      written: 0,
    });
  }

  private writeLive(socket: RealtimeSocket, delivery: LiveDelivery): void {
    if (!socket.connected) return;
    if (droppedForNotReading(socket)) return this.metrics.socketsDropped.inc();
    const state = socket.data;
    const { events } = delivery;
    // The common case: nothing about this socket changed since its receivers were chosen.
    if (!state.resumeBuffer && delivery.leaves === this.leaves && delivery.firstId > state.replayedThrough) {
      delivery.frames ??= events.length === 1 ? events[0]!.encoded.frame : Buffer.concat(events.map((live) => live.encoded.frame));
      writeEncoded(socket.conn, delivery.encoded, delivery.frames);
      delivery.written += delivery.stored;
      return;
    }
    for (const live of events) {
      const { event } = live;
      if (!event) {
        // Presence is not stored, replayed or held: it goes out as it comes.
        writeEncoded(socket.conn, [live.encoded], live.encoded.frame);
        continue;
      }
      if (event.eventId <= state.replayedThrough) continue;
      // A room left after the receivers were chosen: still one of the event's rooms?
      if (delivery.leaves !== this.leaves && !event.audience.rooms.some((room) => state.rooms.has(room))) continue;
      if (state.resumeBuffer) state.resumeBuffer.push({ eventId: event.eventId, name: event.name, payload: live.payload });
      else {
        writeEncoded(socket.conn, [live.encoded], live.encoded.frame);
        delivery.written++;
      }
    }
  }

  /**
   * After a reassignment, sockets that may no longer see the work order leave its room (this
   * event itself still reaches them: its receivers were chosen just before).
   */
  private evictFromWorkOrderRoom(event: StoredEvent): void {
    const data = event.payload['data'] as
      { technicianId: string | null; crewTechnicianIds?: string[]; requesterId: string | null } | undefined;
    const workOrderId = event.payload['workOrderId'] as string | undefined;
    if (!data || !workOrderId) return;
    // Events stored before work orders had crews carry no crew.
    const ownership = { ...data, crewTechnicianIds: data.crewTechnicianIds ?? [] };
    const nsp = this.io!.of('/');
    const room = `workorder:${workOrderId}`;
    const key = roomKey(event.organizationId, room);
    for (const id of [...(nsp.adapter.rooms.get(key) ?? [])]) {
      const socket = nsp.sockets.get(id) as RealtimeSocket | undefined;
      if (!socket || canSeeWorkOrder(socket.data.principal, ownership)) continue;
      socket.data.rooms.delete(room);
      void socket.leave(key);
      this.leaves++;
      this.presence.viewersChanged(event.organizationId, room);
    }
  }
}

/** The handshake's token; it is not kept on the socket once read. */
function takeToken(socket: RealtimeSocket): string | null {
  const { auth, query, headers } = socket.handshake;
  let token: string | null = null;
  if (typeof auth?.['token'] === 'string' && auth['token']) token = auth['token'];
  else if (typeof query['token'] === 'string' && query['token']) token = query['token'];
  else {
    const match = typeof headers.authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(headers.authorization) : null;
    token = match?.[1] ?? null;
  }
  if (auth && 'token' in auth) delete auth['token'];
  return token;
}

/** Two deliveries queued back to back for the same sockets, written as one (see FanOut). */
function combineDeliveries(first: LiveDelivery, next: LiveDelivery): LiveDelivery | null {
  if (first.leaves !== next.leaves || first.events.length + next.events.length > MAX_COMBINED) return null;
  return {
    events: [...first.events, ...next.events],
    encoded: [...first.encoded, ...next.encoded],
    firstId: Math.min(first.firstId, next.firstId),
    stored: first.stored + next.stored,
    frames: undefined,
    leaves: first.leaves,
    written: 0,
  };
}
