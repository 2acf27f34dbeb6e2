import {
  RenewRequest,
  type RenewAck,
  ResumeRequest,
  type ResumeAck,
  SubscribeRequest,
  type SubscriptionAck,
  type RefusedRoom,
  parseRoom,
  roomName,
} from '@msched/contracts';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { canReceiveEvent } from '../auth/access-policy';
import type { VerifiedPrincipal } from '../auth/tokens';
import type { StoredEvent } from '../events/domain-event';
import type { EventHistory } from '../events/event-history';
import type { EventStore } from '../events/event-store';
import type { Metrics } from '../observability/metrics';
import { type HeldEvent, type RealtimeSocket, droppedForNotReading, roomKey, send } from './emit';
import type { RoomAccess, RoomDecision } from './room-access';
import { SingleFlight } from './single-flight';

/** A socket may hold this many subscribed rooms. */
const MAX_ROOMS_PER_SOCKET = 500;
const UNAVAILABLE = 'temporarily unavailable; retry';
const REPLAY_PAGE = 500;
const REQUEST_WINDOW_MS = 10_000;
const REQUESTS_PER_WINDOW = 100;

type Ack<T> = ((answer: T) => void) | undefined;

/** What the requests need of the gateway. */
export interface GatewayServices {
  position(organizationId: string): number;
  catchUp(organizationId: string, current: number): Promise<void>;
  shared(value: string): string;
  verify(token: string | null): VerifiedPrincipal | null;
  activeUser(principal: VerifiedPrincipal): Promise<{ name: string } | null>;
  renewed(socket: RealtimeSocket): void;
  roomsLeft(): void;
  viewersChanged(organizationId: string, room: string): void;
  presenceChanged(organizationId: string): void;
  /** The mark of the last eviction pass over a work-order room on this instance (see LiveDeliveries). */
  evictionMark(organizationId: string, room: string): number | undefined;
}

/**
 * A socket's own requests (API.md "Real-time"): subscribe and unsubscribe (every join decided by
 * the HTTP access rules), ping, resume (replay of missed events) and reconnect (token renewal).
 * The listeners are shared by every socket (`this` is the socket), so none is kept per socket.
 */
export class ClientRequests {
  private readonly logger = new Logger('RealtimeGateway');
  private readonly decisions = new SingleFlight<RoomDecision>();
  /** One listener for every request of every socket (`this` is the socket). */
  private readonly onRequest: (this: RealtimeSocket, event: string, ...args: unknown[]) => void;

  constructor(
    private readonly gateway: GatewayServices,
    private readonly rooms: RoomAccess,
    private readonly store: EventStore,
    private readonly history: EventHistory,
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the listener's own `this` is the socket
    const requests = this;
    this.onRequest = function (event, request, ack) {
      requests.dispatch(this, event, request, ack);
    };
  }

  /** Listens to the socket's requests (one catch-all listener: no closures or entries per event). */
  listen(socket: RealtimeSocket): void {
    socket.onAny(this.onRequest);
  }

  private dispatch(socket: RealtimeSocket, event: string, request: unknown, ack: unknown): void {
    // Frames that came in the same read as the one that closed the socket: nobody to answer.
    if (socket.disconnected) return;
    // A client that sends but does not read would have every answer pile up in memory.
    if (droppedForNotReading(socket)) return this.metrics.socketsDropped.inc();
    // The ack is the last argument when the client asked for one (`ping` has no payload).
    const answer = (typeof ack === 'function' ? ack : typeof request === 'function' ? request : undefined) as Ack<unknown>;
    switch (event) {
      case 'subscribe':
        if (this.admit(socket, answer, invalidSubscription('rate limited')))
          this.settle(this.subscribe(socket, request, answer), answer, UNAVAILABLE_SUBSCRIPTION);
        return;
      case 'unsubscribe':
        if (this.admit(socket, answer, invalidSubscription('rate limited')))
          this.settle(this.unsubscribe(socket, request, answer), answer, UNAVAILABLE_SUBSCRIPTION);
        return;
      case 'ping':
        send(socket, 'pong', { timestamp: new Date().toISOString(), serverTime: Date.now() });
        return;
      case 'resume':
        if (this.admit(socket, answer, { success: false, message: 'rate limited', replayed: 0, lastEventId: 0 }))
          this.settle(this.resume(socket, request, answer), answer, { success: false, message: UNAVAILABLE, replayed: 0, lastEventId: 0 });
        return;
      case 'reconnect':
        if (this.admit(socket, answer, { success: false, message: 'rate limited' }))
          this.settle(this.renew(socket, request, answer), answer, { success: false, message: UNAVAILABLE });
        return;
    }
  }

  /**
   * A request that failed (the database or Redis unreachable while deciding rooms or renewing) is
   * answered as failed, to be retried, and logged; left unhandled, its rejection would end the
   * process.
   */
  private settle<T>(handled: Promise<void>, ack: Ack<T>, failure: T): void {
    handled.catch((error: unknown) => {
      this.logger.warn(`Socket request failed: ${(error as Error).message}`);
      reply(ack, failure);
    });
  }

  /** A room decision, shared by concurrent requests of sockets with the same access. */
  private decide(principal: VerifiedPrincipal, room: unknown): Promise<RoomDecision> {
    if (typeof room !== 'string') return this.rooms.decide(principal, room);
    const { organizationId, userId, technicianId, roles } = principal;
    return this.decisions.run(`${organizationId}|${userId}|${technicianId}|${roles.join(',')}|${room}`, () =>
      this.rooms.decide(principal, room),
    );
  }

  /**
   * Requests that touch the database (subscribe, unsubscribe, resume, reconnect) are limited
   * per socket: at most REQUESTS_PER_WINDOW in each window; beyond that, `error { rate_limited }`.
   */
  private admit<T>(socket: RealtimeSocket, ack: Ack<T>, refusal: T): boolean {
    const state = socket.data;
    // Whole milliseconds since the process started: a small integer, stored without an allocation.
    const now = Math.trunc(performance.now());
    if (now - state.windowStart >= REQUEST_WINDOW_MS) {
      state.windowStart = now;
      state.windowCount = 0;
    }
    if (++state.windowCount <= REQUESTS_PER_WINDOW) return true;
    send(socket, 'error', { type: 'rate_limited', message: `At most ${REQUESTS_PER_WINDOW} requests per ${REQUEST_WINDOW_MS / 1000} s` });
    reply(ack, refusal);
    return false;
  }

  private async subscribe(socket: RealtimeSocket, request: unknown, ack: Ack<SubscriptionAck>): Promise<void> {
    const parsed = SubscribeRequest.safeParse(request);
    if (!parsed.success) return reply(ack, invalidSubscription(parsed.error.issues[0]?.message));
    const state = socket.data;
    const org = state.principal.organizationId;
    // A work order's room is left by whoever loses access to it (an eviction pass when its
    // update is delivered). A pass that runs while this join is decided finds the socket not in
    // the room yet: the join is decided again once made (below).
    const marks = new Map<string, number | undefined>();
    for (const room of parsed.data.rooms) {
      const name = room.toLowerCase();
      if (name.startsWith('workorder:')) marks.set(name, this.gateway.evictionMark(org, name));
    }
    const decisions = await Promise.all([...new Set(parsed.data.rooms)].map((room) => this.decide(state.principal, room)));
    if (socket.disconnected) return;
    const joined: string[] = [];
    const refused: RefusedRoom[] = [];
    const seen = new Set<string>();
    // Rooms held once this request is through: those held already and the new ones it joins.
    let held = state.rooms.size;
    for (const decision of decisions) {
      // `workorder:<ID>` and `workorder:<id>` are one room: answered once.
      if (seen.has(decision.room)) continue;
      seen.add(decision.room);
      const isNew = !state.rooms.has(decision.room);
      if (!decision.allowed) refused.push({ room: decision.room, reason: decision.reason });
      else if (isNew && held >= MAX_ROOMS_PER_SOCKET)
        refused.push({ room: decision.room, reason: `at most ${MAX_ROOMS_PER_SOCKET} rooms per connection` });
      else {
        joined.push(decision.room);
        if (isNew) held++;
      }
    }
    let added = joined.filter((room) => !state.rooms.has(room));
    for (const room of added) state.rooms.add(this.gateway.shared(room));
    await socket.join(joined.map((room) => this.gateway.shared(roomKey(org, room))));
    const passed = added.filter((room) => marks.has(room) && this.gateway.evictionMark(org, room) !== marks.get(room));
    for (const room of passed) {
      const again = await this.rooms.decide(state.principal, room);
      if (again.allowed || socket.disconnected) continue;
      state.rooms.delete(room);
      await socket.leave(roomKey(org, room));
      this.gateway.roomsLeft();
      added = added.filter((other) => other !== room);
      joined.splice(joined.indexOf(room), 1);
      refused.push({ room, reason: again.reason });
    }
    for (const room of added) if (room.startsWith('workorder:')) this.gateway.viewersChanged(org, room);
    if (added.includes('system:presence')) this.gateway.presenceChanged(org);
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
        this.gateway.roomsLeft();
        await socket.leave(roomKey(org, room));
        left.push(room);
        if (room.startsWith('workorder:')) this.gateway.viewersChanged(org, room);
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
    let upTo = this.gateway.position(org);
    let answer: ResumeAck;
    // Live events held during the replay go out after it, unless the replay broke off: then
    // they are dropped and the client, told to retry, gets them from the retried replay.
    let releaseAfter: number | null = upTo;
    let replayed = 0;
    try {
      const { current, oldest } = await this.store.bounds(org, new Date(Date.now() - this.config.eventRetentionMs));
      if (current > upTo) {
        // This instance is behind what is committed (an event lost on the pub/sub link): it
        // catches up first, so the replay reaches `current` and the live copies are held.
        await this.gateway.catchUp(org, current);
        releaseAfter = upTo = this.gateway.position(org);
      }
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
          const page = await this.history.range(org, after, REPLAY_PAGE, upTo);
          if (page.length === 0) break;
          for (const event of page) {
            if (!mayReceive(socket, event)) continue;
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
    const held: HeldEvent[] = state.resumeBuffer ?? [];
    state.resumeBuffer = null;
    if (releaseAfter !== null) {
      // Live copies of what the replay covered may still be queued for this socket: dropped.
      state.replayedThrough = Math.max(state.replayedThrough, releaseAfter);
      for (const event of held) if (event.eventId > releaseAfter) send(socket, event.name, event.payload as never);
    }
    // Acknowledged last: everything the resume covers has been sent before the answer.
    reply(ack, answer);
  }

  /** `reconnect { token }`: a fresh token keeps the socket open; rooms no longer allowed are left. */
  private async renew(socket: RealtimeSocket, request: unknown, ack: Ack<RenewAck>): Promise<void> {
    const parsed = RenewRequest.safeParse(request);
    const principal = parsed.success ? this.gateway.verify(parsed.data.token) : null;
    const state = socket.data;
    if (!principal || principal.userId !== state.principal.userId || principal.organizationId !== state.principal.organizationId) {
      return reply(ack, { success: false, message: 'The token is invalid, expired, or belongs to someone else' });
    }
    if (!(await this.gateway.activeUser(principal))) {
      reply(ack, { success: false, message: 'This account is disabled' });
      send(socket, 'error', { type: 'authentication_error', message: 'This account is disabled' });
      socket.disconnect(true);
      return;
    }
    // Meanwhile the socket may have closed, or a session cutoff ended the token.
    if (socket.disconnected || !this.gateway.verify(parsed.data!.token)) {
      return reply(ack, { success: false, message: 'The token is invalid, expired, or belongs to someone else' });
    }
    state.principal = principal;
    this.gateway.renewed(socket);
    const left: string[] = [];
    for (const room of [...state.rooms]) {
      const decision = await this.decide(principal, room);
      if (decision.allowed) continue;
      state.rooms.delete(room);
      this.gateway.roomsLeft();
      await socket.leave(roomKey(principal.organizationId, room));
      left.push(room);
    }
    reply(ack, { success: true, message: 'Token renewed', expiresAt: new Date(principal.expiresAt).toISOString(), left });
  }
}

function mayReceive(socket: RealtimeSocket, event: StoredEvent): boolean {
  const { rooms, principal } = socket.data;
  return event.audience.rooms.some((room) => rooms.has(room)) && canReceiveEvent(principal, event.audience.scope);
}

/** A contract room name as the server keeps it (ids lower-cased); anything else as given. */
function normalizeRoom(room: string): string {
  const parsed = parseRoom(room);
  return parsed ? roomName(parsed) : room;
}

function reply<T>(ack: Ack<T>, answer: T): void {
  if (typeof ack === 'function') ack(answer);
}

const UNAVAILABLE_SUBSCRIPTION: SubscriptionAck = { success: false, message: UNAVAILABLE, rooms: [], refused: [] };

const invalidSubscription = (detail = 'invalid request'): SubscriptionAck => ({
  success: false,
  message: `Send { rooms: [...] } with 1 to 100 room names (${detail})`,
  rooms: [],
  refused: [],
});
