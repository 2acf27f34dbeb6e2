import type { ClientToServerEvents, Pong, RefusedRoom, RenewAck, ServerToClientEvents, SubscriptionAck } from '@msched/contracts';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { BackoffOptions } from './backoff';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => RealtimeSocket;
export type RealtimeStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

export interface RealtimeClientOptions {
  /** The server's origin, e.g. `https://cmms.example.com`. */
  url: string;
  /** Called on every (re)connect and before each renewal; the token goes in the handshake as `auth.token`. */
  getToken: () => string | Promise<string>;
  /** Default `/socket.io`. */
  path?: string;
  /** Default: Socket.IO's own (long-polling, upgraded to WebSocket). */
  transports?: ManagerOptions['transports'];
  /** The newest event id the app has already applied (e.g. persisted): the first connect resumes from it. */
  lastEventId?: number;
  /** Reconnect delays; default 1 s doubling to 30 s, ±20 %. */
  backoff?: Partial<BackoffOptions>;
  /** How long to wait for an acknowledgement or a pong; default 10 s. */
  ackTimeoutMs?: number;
  /** How long before the access token expires a fresh one is sent; default 60 s. */
  renewBeforeExpiryMs?: number;
  /** Default true; false waits for `connect()`. */
  autoConnect?: boolean;
  /** Builds the socket; default socket.io-client's `io`. */
  socketFactory?: SocketFactory;
}

export interface RealtimeClient {
  readonly status: RealtimeStatus;
  /** The highest event id seen; domain events at or below it are dropped as repeats. */
  readonly lastEventId: number | undefined;
  /** The rooms the client keeps joined across reconnects. */
  readonly rooms: readonly string[];
  /** Rooms the server refused; they are not requested again unless the app subscribes to them again. */
  readonly refusedRooms: readonly RefusedRoom[];
  connect(): void;
  /** Resolves with the server's answer, once connected (requests made offline wait for the connection). */
  subscribe(rooms: readonly string[]): Promise<SubscriptionAck>;
  unsubscribe(rooms: readonly string[]): Promise<SubscriptionAck>;
  ping(): Promise<Pong>;
  /** Sends a new access token on the open connection (`reconnect { token }`). */
  renewToken(token: string): Promise<RenewAck>;
  /** Domain-event handlers see each event at most once. Returns the unsubscribe function. */
  on<E extends ServerEventName>(event: E, handler: ServerToClientEvents[E]): () => void;
  onStatus(listener: (status: RealtimeStatus) => void): () => void;
  onRefused(listener: (refused: RefusedRoom[]) => void): () => void;
  /** Disconnects for good: timers stop, waiting requests and pings reject. */
  close(): void;
}
