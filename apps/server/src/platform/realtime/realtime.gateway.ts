import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { HEARTBEAT } from '@msched/contracts';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { and, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { isAllowed } from '../auth/access-policy';
import { TokenSigner, type VerifiedPrincipal } from '../auth/tokens';
import { Database } from '../db/database';
import { users } from '../db/schema';
import type { StoredEvent } from '../events/domain-event';
import { EventPublisher } from '../events/event-dispatcher';
import { EventHistory } from '../events/event-history';
import { EventStore } from '../events/event-store';
import { Metrics } from '../observability/metrics';
import { ClientRequests } from './client-requests';
import { type PayloadOf, type RealtimeServer, type RealtimeSocket, roomKey, send } from './emit';
import { EventSequencer } from './event-sequencer';
import { ExpirySchedule } from './expiry-schedule';
import { LiveDeliveries } from './live-delivery';
import { Presence } from './presence';
import { RoomAccess } from './room-access';
import { SharedStrings } from './shared-strings';
import { SingleFlight } from './single-flight';

/**
 * Socket.IO on the API's port (API.md "Real-time"). Authenticates the handshake, follows each
 * organization's outbox events in order (the writes to the sockets that may see them are in
 * live-delivery.ts), and tracks presence across instances; the socket's own requests
 * (subscribe, resume, …) are in client-requests.ts.
 */
@Injectable()
export class RealtimeGateway extends EventPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeGateway.name);
  private io: RealtimeServer | undefined;
  private redisClients: Redis[] = [];
  private readonly sequencer: EventSequencer;
  private readonly deliveries: LiveDeliveries;
  private readonly requests: ClientRequests;
  private readonly presence: Presence;
  private readonly strings = new SharedStrings();
  private readonly userLookups = new SingleFlight<{ name: string } | null>();
  private readonly expiries = new ExpirySchedule<RealtimeSocket>((socket) => this.tokenExpired(socket));
  private stopFollowingCutoffs: (() => void) | undefined;
  private tailCheck: NodeJS.Timeout | undefined;
  private catchingUp = false;

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
      (event) => this.deliveries.deliver(event),
    );
    this.deliveries = new LiveDeliveries(
      () => this.io,
      metrics,
      (organizationId, room) => this.presence.viewersChanged(organizationId, room),
    );
    this.presence = new Presence(
      () => ({ io: this.io, clustered: this.redisClients.length > 0 }),
      (key, payload) => this.deliveries.toLocalRoom(key, payload),
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
      // Pub/sub drops what is sent while a subscriber is away. The hole shows once a later event
      // arrives; the last one before a quiet spell would wait for that, so the database is asked
      // after each reconnect and every poll period.
      sub.on('ready', () => void this.catchUpAll());
      this.tailCheck = setInterval(() => void this.catchUpAll(), this.config.outboxPollMs);
      this.tailCheck.unref();
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
    clearInterval(this.tailCheck);
    this.sequencer.close();
    this.deliveries.clear();
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
   * An ephemeral push (not stored, not resumable) of optimizer progress to one user, on every
   * instance: to those of their sockets whose token still lets them run schedules. A run keeps
   * the principal that started it; a user demoted since, on a new socket, is not told about it
   * (the API answers them 403 for the same run).
   */
  toScheduler<E extends 'schedule:progress'>(organizationId: string, userId: string, event: E, payload: PayloadOf<E>): void {
    if (this.io) send(this.io.to(schedulerRoom(organizationId, userId)), event, payload);
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
      pendingDeliveries: this.deliveries.pending,
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

  /** Delivers here what the organization committed up to `current` and this instance has not had. */
  catchUp(organizationId: string, current: number): Promise<void> {
    return this.sequencer.catchUp(organizationId, current);
  }

  /** `catchUp` for every organization followed here, with their ids read in one query. */
  private async catchUpAll(): Promise<void> {
    if (this.catchingUp) return;
    this.catchingUp = true;
    try {
      const current = await this.store.currentIds(this.sequencer.organizations());
      await Promise.all([...current].map(([organizationId, id]) => this.sequencer.catchUp(organizationId, id)));
    } catch {
      // The database is away: the next round asks again.
    } finally {
      this.catchingUp = false;
    }
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

  /** After a renewal: the socket now expires with its new token, and receives what its roles now allow. */
  renewed(socket: RealtimeSocket): void {
    this.expiries.track(socket, socket.data.principal.expiresAt);
    this.followSchedulerRoom(socket);
  }

  /** In its user's scheduler room (optimizer progress) exactly while its token may run schedules. */
  private followSchedulerRoom(socket: RealtimeSocket): void {
    const { principal } = socket.data;
    const progress = this.shared(schedulerRoom(principal.organizationId, principal.userId));
    if (isAllowed(principal, 'schedules.run')) void socket.join(progress);
    else void socket.leave(progress);
  }

  /** A socket left rooms: queued deliveries check rooms again for it. */
  roomsLeft(): void {
    this.deliveries.roomsLeft();
  }

  evictionMark(organizationId: string, room: string): number | undefined {
    return this.deliveries.evictionMark(roomKey(organizationId, room));
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
    this.followSchedulerRoom(socket);
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

/**
 * The internal room of one user's sockets that may run schedules (optimizer progress). Not a
 * room of the contract, so no client can subscribe to it; joined at connection and renewal by
 * what the token allows.
 */
const schedulerRoom = (organizationId: string, userId: string) => roomKey(organizationId, `scheduler:${userId}`);
