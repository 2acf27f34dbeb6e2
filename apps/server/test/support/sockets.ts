import type { ClientToServerEvents, ServerToClientEvents, SubscriptionAck } from '@msched/contracts';
import { type Socket, io } from 'socket.io-client';
import { client } from './server';

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
