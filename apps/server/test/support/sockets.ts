import {
  type ClientToServerEvents,
  DOMAIN_EVENT_NAMES,
  type DomainEventName,
  type Pong,
  type RenewAck,
  type ResumeAck,
  type Role,
  type ServerToClientEvents,
  type SubscriptionAck,
} from '@msched/contracts';
import jwt from 'jsonwebtoken';
import { type Socket, io } from 'socket.io-client';
import { APP_CONFIG } from '../../src/app.tokens';
import type { AppConfig } from '../../src/config';
import { type ApiResponse, type TestServer, client } from './server';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type EventName = keyof ServerToClientEvents;
type PayloadOf<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export interface ConnectOptions {
  /** Where the token goes: the auth payload (default), the query string, or the Authorization header. */
  via?: 'auth' | 'query' | 'header';
  origin?: string;
  transports?: ('websocket' | 'polling')[];
}

/** Opens a socket (no automatic reconnection) and resolves once it is open at the transport level. */
export function openSocket(baseUrl: string, token: string | undefined, options: ConnectOptions = {}): TestSocket {
  const via = options.via ?? 'auth';
  return io(baseUrl, {
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: token && via === 'auth' ? { token } : {},
    query: token && via === 'query' ? { token } : {},
    extraHeaders: {
      ...(token && via === 'header' ? { authorization: `Bearer ${token}` } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
  });
}

/** A socket that has received `connection:confirm`; answers the socket and the confirmation. */
export async function connect(baseUrl: string, token: string, options: ConnectOptions = {}) {
  const socket = openSocket(baseUrl, token, options);
  const confirm = await nextEvent(socket, 'connection:confirm');
  return { socket, confirm };
}

/** The next `event` (matching `predicate`), or a rejection after `timeoutMs` so a test fails instead of hanging. */
export function nextEvent<E extends EventName>(
  socket: TestSocket,
  event: E,
  predicate: (payload: PayloadOf<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<PayloadOf<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: PayloadOf<E>) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}

/** Every `event` the socket receives from now on, in arrival order. */
export function collect<E extends EventName>(socket: TestSocket, event: E): PayloadOf<E>[] {
  const received: PayloadOf<E>[] = [];
  socket.on(event, ((payload: PayloadOf<E>) => received.push(payload)) as never);
  return received;
}

export function subscribe(socket: TestSocket, rooms: string[]): Promise<SubscriptionAck> {
  return socket.timeout(10_000).emitWithAck('subscribe', { rooms });
}

/**
 * A barrier for "this socket did NOT receive X": events of an organization reach each socket in
 * id order, so once a later system message has arrived, anything sent before it would have too.
 * The socket must be in `system:all`; `adminToken` is an admin of the same organization.
 */
export async function barrier(baseUrl: string, adminToken: string, sockets: TestSocket[]): Promise<void> {
  const marker = `barrier-${Math.random().toString(36).slice(2)}`;
  const arrivals = sockets.map((socket) => nextEvent(socket, 'system:message', (message) => message.message === marker));
  const response = await client(baseUrl, adminToken).post('/api/v1/admin/system-messages', { message: marker });
  if (response.status !== 202) throw new Error(`system message refused: ${response.status} ${JSON.stringify(response.body)}`);
  await Promise.all(arrivals);
}

// ---------------------------------------------------------------------------------------------
// Additional helpers for the real-time end-to-end tests.

/** The reason Socket.IO gives when the socket closes (e.g. 'io server disconnect'). */
export function disconnection(socket: TestSocket, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected && !socket.active) return resolve('already disconnected');
    const timer = setTimeout(() => reject(new Error(`no disconnect within ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The handshake refusal (`connect_error`) of a socket, or a rejection if it connects instead. */
export function connectError(socket: TestSocket, timeoutMs = 10_000): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connect_error within ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      reject(new Error('the socket connected'));
    });
  });
}

/** Sends any client event with any payload (also invalid ones) and answers the ack. */
export function request<T = any>(socket: TestSocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

export function unsubscribe(socket: TestSocket, rooms: string[]): Promise<SubscriptionAck> {
  return socket.timeout(10_000).emitWithAck('unsubscribe', { rooms });
}

export function resume(socket: TestSocket, lastEventId: number): Promise<ResumeAck> {
  return socket.timeout(30_000).emitWithAck('resume', { lastEventId });
}

export function renew(socket: TestSocket, token: string): Promise<RenewAck> {
  return socket.timeout(10_000).emitWithAck('reconnect', { token });
}

/** `ping` → the next `pong`. */
export async function ping(socket: TestSocket): Promise<Pong> {
  const pong = nextEvent(socket, 'pong');
  socket.emit('ping');
  return pong;
}

/** Every domain event (those with an `eventId`) the socket receives from now on, in arrival order. */
export function collectDomainEvents(socket: TestSocket): ReceivedEvent[] {
  const received: ReceivedEvent[] = [];
  socket.onAny((name: string, payload: unknown) => {
    if ((DOMAIN_EVENT_NAMES as readonly string[]).includes(name))
      received.push({ name: name as DomainEventName, eventId: (payload as { eventId: number }).eventId, payload: payload as any });
  });
  return received;
}

export interface ReceivedEvent {
  name: DomainEventName;
  eventId: number;
  payload: any;
}

/** Domain events other than barrier markers (system messages named `barrier-…`). */
export const withoutBarriers = (events: readonly ReceivedEvent[]) =>
  events.filter((event) => !(event.name === 'system:message' && String(event.payload.message).startsWith('barrier-')));

/**
 * The sockets a test opens, so that each is closed afterwards (call `closeAll` in afterEach or
 * afterAll): no handle outlives its test file.
 */
export class SocketPool {
  private readonly sockets = new Set<TestSocket>();

  constructor(private readonly baseUrl: () => string) {}

  open(token: string | undefined, options: ConnectOptions = {}): TestSocket {
    const socket = openSocket(this.baseUrl(), token, options);
    this.sockets.add(socket);
    return socket;
  }

  /** A socket that received `connection:confirm`, optionally subscribed to `rooms` (all must be granted). */
  async connect(token: string, rooms: string[] = [], options: ConnectOptions = {}) {
    const socket = this.open(token, options);
    const confirm = await nextEvent(socket, 'connection:confirm');
    if (rooms.length > 0) {
      const ack = await subscribe(socket, rooms);
      if (!ack.success) throw new Error(`subscription refused: ${JSON.stringify(ack.refused)}`);
    }
    return { socket, confirm };
  }

  /** Closes one socket and waits until it is closed. */
  async close(socket: TestSocket): Promise<void> {
    this.sockets.delete(socket);
    if (socket.connected) {
      const closed = disconnection(socket);
      socket.disconnect();
      await closed;
    } else socket.disconnect();
    socket.removeAllListeners();
    socket.offAny();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sockets].map((socket) => this.close(socket)));
  }
}

/** Signs an access token as the server does (HS256, its issuer and claims), with any lifetime. */
export function signAccessToken(
  secret: string,
  claims: { userId: string; organizationId: string; roles: Role[]; technicianId?: string | null },
  expiresInSeconds: number,
): string {
  return jwt.sign({ sub: claims.userId, org: claims.organizationId, roles: claims.roles, tech: claims.technicianId ?? null }, secret, {
    algorithm: 'HS256',
    expiresIn: expiresInSeconds,
    issuer: 'maintenance-scheduler',
  });
}

/** The JWT secret the test server signs with (from its own configuration). */
export const jwtSecretOf = (server: TestServer) => server.app.get<symbol, AppConfig>(APP_CONFIG).jwtSecret;

export interface RealtimeStats {
  sockets: number;
  rooms: number;
  organizations: number;
  followedOrganizations: number;
  timers: number;
  clustered: boolean;
}

export async function realtimeStats(baseUrl: string, adminToken: string): Promise<RealtimeStats> {
  const response = await client(baseUrl, adminToken).get<RealtimeStats>('/api/v1/admin/realtime/stats');
  if (response.status !== 200) throw new Error(`realtime stats: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

// ---------------------------------------------------------------------------------------------
// Changes over HTTP that make real-time events (each throws on an unexpected status).

async function expectStatus<T = any>(call: Promise<ApiResponse<T>>, status: number, what: string): Promise<T> {
  const response = await call;
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A work order requested by the token's user (it becomes the requester). */
export function createWorkOrder(baseUrl: string, token: string, equipmentId: string, body: Record<string, unknown> = {}) {
  return expectStatus(
    client(baseUrl, token).post('/api/v1/work-orders', { title: 'Leak at the seal', type: 'CORRECTIVE', equipmentId, ...body }),
    201,
    'create work order',
  );
}

let assignmentSlot = 0;

/** Assigns (or reassigns, or reschedules) a work order to a technician in a fresh one-hour slot. */
export function assignWorkOrder(baseUrl: string, token: string, workOrderId: string, technicianId: string) {
  const start = Date.UTC(2035, 0, 1) + ++assignmentSlot * 2 * 3_600_000;
  return expectStatus(
    client(baseUrl, token).post(`/api/v1/work-orders/${workOrderId}/assign`, {
      technicianId,
      scheduledStartTime: new Date(start).toISOString(),
      scheduledEndTime: new Date(start + 3_600_000).toISOString(),
      force: true,
    }),
    200,
    'assign work order',
  );
}

export function changeWorkOrderStatus(baseUrl: string, token: string, workOrderId: string, status: string) {
  return expectStatus(client(baseUrl, token).post(`/api/v1/work-orders/${workOrderId}/status`, { status }), 200, `status ${status}`);
}

export function updateWorkOrder(baseUrl: string, token: string, workOrderId: string, body: Record<string, unknown>) {
  return expectStatus(client(baseUrl, token).patch(`/api/v1/work-orders/${workOrderId}`, body), 200, 'update work order');
}

export function updateEquipment(baseUrl: string, token: string, equipmentId: string, body: Record<string, unknown>) {
  return expectStatus(client(baseUrl, token).patch(`/api/v1/equipment/${equipmentId}`, body), 200, 'update equipment');
}

/** Posts a system message; answers its event id. */
export async function systemMessage(baseUrl: string, adminToken: string, message: string): Promise<number> {
  const body = await expectStatus(client(baseUrl, adminToken).post('/api/v1/admin/system-messages', { message }), 202, 'system message');
  return body.eventId as number;
}

/**
 * Keeps every `event` a socket receives; `until` resolves with the latest one once it matches
 * (already, or when a matching one arrives). For state snapshots such as `presence:update`.
 */
export function watch<E extends EventName>(socket: TestSocket, event: E) {
  const seen: PayloadOf<E>[] = [];
  socket.on(event, ((payload: PayloadOf<E>) => seen.push(payload)) as never);
  return {
    seen,
    until(predicate: (payload: PayloadOf<E>) => boolean, timeoutMs = 10_000): Promise<PayloadOf<E>> {
      const latest = seen.at(-1);
      if (latest !== undefined && predicate(latest)) return Promise.resolve(latest);
      return nextEvent(socket, event, predicate, timeoutMs);
    },
  };
}

/** `collect` for several sockets at once: one list per socket, in the same order. */
export function collectEach<E extends EventName, const S extends readonly TestSocket[]>(
  sockets: S,
  event: E,
): { [K in keyof S]: PayloadOf<E>[] } {
  return sockets.map((socket) => collect(socket, event)) as { [K in keyof S]: PayloadOf<E>[] };
}
