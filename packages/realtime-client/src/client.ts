import {
  type ClientToServerEvents,
  type ConnectionConfirm,
  DOMAIN_EVENT_NAMES,
  type DomainEventName,
  type DomainEvents,
  type Pong,
  type RefusedRoom,
  type RenewAck,
  type ResumeAck,
  type ServerToClientEvents,
  type SubscriptionAck,
} from '@msched/contracts';
import { io } from 'socket.io-client';
import { Backoff, DEFAULT_BACKOFF } from './backoff';
import { listen, notify } from './listeners';
import { NO_ROOMS, type RoomChange, type RoomRequest, answerFromRejoin, inBatches, mergeAcks, normalizeRooms } from './rooms';
import { tokenExpiresAt } from './token';
import type {
  RealtimeClient,
  RealtimeClientOptions,
  RealtimeSocket,
  RealtimeStatus,
  ServerEventName,
  ServerEventPayload,
  SocketFactory,
} from './types';

export function createRealtimeClient(options: RealtimeClientOptions): RealtimeClient {
  return new SocketRealtimeClient(options);
}

interface PendingPing {
  resolve: (pong: Pong) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}
interface Acks {
  subscribe: SubscriptionAck;
  unsubscribe: SubscriptionAck;
  resume: ResumeAck;
  reconnect: RenewAck;
}

const MAX_TIMER_DELAY_MS = 2_147_483_647;

class SocketRealtimeClient implements RealtimeClient {
  status: RealtimeStatus = 'idle';
  lastEventId: number | undefined;
  private readonly socket: RealtimeSocket;
  private readonly reconnectBackoff: Backoff;
  private readonly ackTimeoutMs: number;
  private readonly renewBeforeExpiryMs: number;
  private readonly wanted = new Set<string>();
  private readonly refused = new Map<string, string>();
  /** Room requests in order, each kept until answered (after a reconnect, by the rejoin). */
  private readonly requests: RoomRequest[] = [];
  private readonly pings = new Set<PendingPing>();
  private readonly handlers = new Map<ServerEventName, Set<(payload: never) => void>>();
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>();
  private readonly refusedListeners = new Set<(refused: RefusedRoom[]) => void>();
  private renewalTimer: ReturnType<typeof setTimeout> | undefined;
  /** Domain events received during a handshake, applied in id order once the resume is answered. */
  private held: { event: DomainEventName; payload: DomainEvents[DomainEventName] }[] | null = null;
  /** The token the current connection was opened (or last renewed) with. */
  private token: string | undefined;
  /** Bumped on every connect and disconnect, so work begun for an older connection stops. */
  private connection = 0;
  /** Bumped on every token request, so a late answer for an abandoned attempt is not sent. */
  private authAttempt = 0;
  /** The connection on which the server answered `resume` with `resync_required`. */
  private resyncedOn = -1;
  /** The handshake is done: room requests go out at once instead of waiting for it. */
  private live = false;
  private sending = false;
  private connectedOnce = false;
  private closed = false;

  constructor(private readonly options: RealtimeClientOptions) {
    const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.reconnectBackoff = new Backoff(backoff);
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.renewBeforeExpiryMs = options.renewBeforeExpiryMs ?? 60_000;
    const { lastEventId } = options;
    this.lastEventId = lastEventId !== undefined && Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : undefined;
    const factory: SocketFactory = options.socketFactory ?? io;
    this.socket = factory(options.url, {
      path: options.path ?? '/socket.io',
      ...(options.transports ? { transports: options.transports } : {}),
      auth: (send) => this.authenticate(send),
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: backoff.initialDelayMs,
      reconnectionDelayMax: backoff.maxDelayMs,
      randomizationFactor: backoff.randomizationFactor,
    });
    this.socket.on('connection:confirm', (confirm) => void this.handshake(confirm));
    this.socket.on('disconnect', () => this.connectionLost());
    this.socket.on('connect_error', () => this.connectionLost());
    for (const event of DOMAIN_EVENT_NAMES) this.socket.on(event, (payload: DomainEvents[DomainEventName]) => this.receive(event, payload));
    this.socket.on('resync_required', (resync) => {
      this.resyncedOn = this.connection;
      this.lastEventId = resync.currentEventId;
      this.dispatch('resync_required', resync);
    });
    this.socket.on('pong', (pong) => {
      for (const ping of this.pings) {
        clearTimeout(ping.timer);
        ping.resolve(pong);
      }
      this.pings.clear();
      this.dispatch('pong', pong);
    });
    this.socket.on('presence:update', (presence) => this.dispatch('presence:update', presence));
    // Ephemeral (no event id, not resumable): handed on as it comes.
    this.socket.on('schedule:progress', (progress) => this.dispatch('schedule:progress', progress));
    this.socket.on('error', (error) => this.dispatch('error', error));
    if (options.autoConnect ?? true) this.connect();
  }

  get rooms(): string[] {
    return [...this.wanted];
  }

  get refusedRooms(): RefusedRoom[] {
    return [...this.refused].map(([room, reason]) => ({ room, reason }));
  }

  connect(): void {
    if (this.closed || this.status !== 'idle') return;
    this.setStatus('connecting');
    this.socket.connect();
  }

  subscribe(rooms: readonly string[]): Promise<SubscriptionAck> {
    const asked = normalizeRooms(rooms);
    for (const room of asked) {
      this.refused.delete(room);
      this.wanted.add(room);
    }
    return this.requestRooms('subscribe', asked);
  }

  unsubscribe(rooms: readonly string[]): Promise<SubscriptionAck> {
    const asked = normalizeRooms(rooms);
    for (const room of asked) {
      this.refused.delete(room);
      this.wanted.delete(room);
    }
    return this.requestRooms('unsubscribe', asked);
  }

  ping(): Promise<Pong> {
    if (!this.socket.connected) return Promise.reject(new Error('Not connected'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pings.delete(ping);
        reject(new Error(`No pong within ${this.ackTimeoutMs} ms`));
      }, this.ackTimeoutMs);
      const ping: PendingPing = { resolve, reject, timer };
      this.pings.add(ping);
      this.socket.emit('ping');
    });
  }

  async renewToken(token: string): Promise<RenewAck> {
    if (!this.socket.connected) throw new Error('Not connected');
    const connection = this.connection;
    const ack = await this.emitWithAck('reconnect', { token });
    if (ack.success && connection === this.connection) {
      this.token = token;
      this.scheduleRenewal();
      this.markRefused((ack.left ?? []).map((room) => ({ room, reason: 'Not visible with the renewed token' })));
    }
    return ack;
  }

  on<E extends ServerEventName>(event: E, handler: ServerToClientEvents[E]): () => void {
    let handlers = this.handlers.get(event);
    if (!handlers) this.handlers.set(event, (handlers = new Set()));
    return listen(handlers, handler as (payload: never) => void);
  }

  onStatus(listener: (status: RealtimeStatus) => void): () => void {
    return listen(this.statusListeners, listener);
  }

  onRefused(listener: (refused: RefusedRoom[]) => void): () => void {
    return listen(this.refusedListeners, listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection++;
    this.live = false;
    this.reconnectBackoff.cancel();
    this.clearRenewal();
    const error = new Error('Realtime client closed');
    for (const request of this.requests.splice(0)) request.reject(error);
    this.rejectPings(error);
    this.socket.disconnect();
    this.setStatus('disconnected');
  }

  // ---------------------------------------------------------------------------------------------
  // Connection lifecycle

  /** Socket.IO calls this before every connect and reconnect: each one gets a fresh token. */
  private authenticate(send: (auth: { token: string }) => void): void {
    const attempt = ++this.authAttempt;
    Promise.resolve()
      .then(() => this.options.getToken())
      .then(
        (token) => {
          if (this.closed || attempt !== this.authAttempt) return;
          this.token = token;
          send({ token });
        },
        () => {
          if (this.closed || attempt !== this.authAttempt) return;
          // No token, no attempt: give this one up and try again on the backoff schedule.
          this.socket.disconnect();
          this.scheduleReconnect();
        },
      );
  }

  /**
   * The server accepted the connection, which starts in no rooms. One `subscribe` (per 100 rooms)
   * rejoins every kept room and answers the requests made offline, however many; `resume` goes
   * last, so the replay covers every room. A fresh client resumes too: that closes the gap
   * between the server's id in the confirmation and the moment its rooms were joined. Any step
   * left unanswered starts a new connection, on the backoff schedule.
   */
  private async handshake(confirm: ConnectionConfirm): Promise<void> {
    const connection = ++this.connection;
    // From the rejoin to the resume's answer, live events of the rejoined rooms can arrive ahead
    // of older replayed ones: hold them all, then apply them in id order.
    this.held = [];
    this.connectedOnce = true;
    this.lastEventId ??= confirm.lastEventId;
    this.scheduleRenewal();
    this.dispatch('connection:confirm', confirm);
    try {
      const answered = this.requests.slice();
      const rooms = [...this.wanted];
      const rejoin = rooms.length > 0 ? await this.sendRooms('subscribe', rooms) : NO_ROOMS;
      if (connection !== this.connection) return;
      const settled = new Set([...rejoin.rooms, ...rejoin.refused.map(({ room }) => room)]);
      if (!rooms.every((room) => settled.has(room))) throw new Error(rejoin.message); // e.g. rate limited
      this.requests.splice(0, answered.length);
      this.markRefused(rejoin.refused);
      for (const request of answered) request.resolve(answerFromRejoin(request, rejoin));

      const resumed = await this.emitWithAck('resume', { lastEventId: this.lastEventId });
      if (connection !== this.connection) return;
      if (!resumed.success && this.resyncedOn !== connection) throw new Error(resumed.message);
      this.releaseHeld();
      // The contract's "id the client is now at": skips past events this user may not see.
      this.lastEventId = Math.max(this.lastEventId ?? 0, resumed.lastEventId);
      this.reconnectBackoff.reset();
      this.live = true;
      this.setStatus('connected');
      await this.sendRequests(connection); // those made during the handshake
    } catch {
      this.dropStalled(connection);
    }
  }

  private connectionLost(): void {
    this.connection++;
    // Not applied: the next connection's resume sends them again, in order.
    this.held = null;
    this.live = false;
    this.clearRenewal();
    this.rejectPings(new Error('Disconnected'));
    if (this.closed) return;
    this.setStatus(this.connectedOnce ? 'reconnecting' : 'connecting');
    // Socket.IO retries by itself after a network failure, but not when the server ended the
    // session (bad or expired token) or refused it in a middleware: then the client retries.
    if (!this.socket.active) this.scheduleReconnect();
  }

  /** An acknowledgement timed out on a connection that still looks open: start over. */
  private dropStalled(connection: number): void {
    if (connection === this.connection && !this.closed) this.socket.disconnect();
  }

  private scheduleReconnect(): void {
    this.reconnectBackoff.schedule(() => {
      if (!this.closed) this.socket.connect();
    });
  }

  private scheduleRenewal(): void {
    this.clearRenewal();
    const expiresAt = this.token === undefined ? undefined : tokenExpiresAt(this.token);
    if (expiresAt === undefined) return;
    const delay = Math.min(Math.max(expiresAt - Date.now() - this.renewBeforeExpiryMs, 0), MAX_TIMER_DELAY_MS);
    this.renewalTimer = setTimeout(() => void this.renewBeforeExpiry(expiresAt), delay);
  }

  private async renewBeforeExpiry(expiresAt: number): Promise<void> {
    this.renewalTimer = undefined;
    const connection = this.connection;
    try {
      const token = await this.options.getToken();
      // The same (or an older) token again: renewing would loop. The server ends the session at
      // expiry and the reconnect asks for a token then.
      if (connection !== this.connection || (tokenExpiresAt(token) ?? 0) <= expiresAt) return;
      await this.renewToken(token);
    } catch {
      // Same as above: expiry ends the session and the reconnect fetches a new token.
    }
  }

  private clearRenewal(): void {
    clearTimeout(this.renewalTimer);
    this.renewalTimer = undefined;
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.status) return;
    this.status = status;
    notify(this.statusListeners, status);
  }

  // ---------------------------------------------------------------------------------------------
  // Rooms

  private requestRooms(change: RoomChange, rooms: string[]): Promise<SubscriptionAck> {
    if (this.closed) return Promise.reject(new Error('Realtime client closed'));
    if (rooms.length === 0) return Promise.resolve({ success: true, message: 'No rooms given', rooms: [], refused: [] });
    return new Promise((resolve, reject) => {
      this.requests.push({ change, rooms, resolve, reject });
      const connection = this.connection;
      if (this.live) this.sendRequests(connection).catch(() => this.dropStalled(connection));
    });
  }

  /** Sends the waiting requests one after another; a request leaves the queue only once answered. */
  private async sendRequests(connection: number): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (let request = this.requests[0]; request && connection === this.connection; request = this.requests[0]) {
        const ack = await this.sendRooms(request.change, request.rooms);
        if (this.requests[0] !== request) return; // closed meanwhile
        this.requests.shift();
        this.markRefused(ack.refused);
        request.resolve(ack);
      }
    } finally {
      this.sending = false;
    }
  }

  private async sendRooms(change: RoomChange, rooms: string[]): Promise<SubscriptionAck> {
    const acks: SubscriptionAck[] = [];
    for (const batch of inBatches(rooms)) acks.push(await this.emitWithAck(change, { rooms: batch }));
    return mergeAcks(acks);
  }

  private markRefused(refused: RefusedRoom[]): void {
    if (refused.length === 0) return;
    for (const { room, reason } of refused) {
      this.wanted.delete(room);
      this.refused.set(room, reason);
    }
    notify(this.refusedListeners, refused);
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  /** The server keeps each organization's events in order, so one high-water mark drops every repeat. */
  private receive(event: DomainEventName, payload: DomainEvents[DomainEventName]): void {
    if (this.held) {
      this.held.push({ event, payload });
      return;
    }
    if (this.lastEventId !== undefined && payload.eventId <= this.lastEventId) return;
    this.lastEventId = payload.eventId;
    this.dispatch(event, payload);
  }

  private releaseHeld(): void {
    const held = (this.held ?? []).sort((a, b) => a.payload.eventId - b.payload.eventId);
    this.held = null;
    for (const { event, payload } of held) this.receive(event, payload);
  }

  private dispatch<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>): void {
    notify((this.handlers.get(event) ?? []) as Iterable<(payload: ServerEventPayload<E>) => void>, payload);
  }

  private rejectPings(error: Error): void {
    for (const ping of this.pings) {
      clearTimeout(ping.timer);
      ping.reject(error);
    }
    this.pings.clear();
  }

  private emitWithAck<E extends keyof Acks>(event: E, request: Parameters<ClientToServerEvents[E]>[0]): Promise<Acks[E]> {
    // Offline, Socket.IO would buffer the packet and send it again on the next connection.
    if (!this.socket.connected) return Promise.reject(new Error('Not connected'));
    // Socket.IO cannot type an optional ack argument; `Acks` names each answer instead.
    const socket = this.socket.timeout(this.ackTimeoutMs) as unknown as { emitWithAck(event: E, request: unknown): Promise<Acks[E]> };
    return socket.emitWithAck(event, request);
  }
}
