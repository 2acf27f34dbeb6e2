import type { ClientToServerEvents, ServerToClientEvents } from '@msched/contracts';
import type { BroadcastOperator, Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import type { StoredEvent } from '../events/domain-event';

/** What the server keeps on each socket. */
export interface SocketState {
  principal: Principal;
  expiresAt: number;
  userName: string;
  /** Contract room names this socket joined (besides its own `user:` room). */
  rooms: Set<string>;
  /** While a resume replays history, live events wait here to keep the order. */
  resumeBuffer: Record<string, unknown>[] | null;
  /** The organization's newest event id when the handshake was checked. */
  startPosition: number;
  /** Requests counted in the current rate-limit window. */
  window: { start: number; count: number };
}

/** One instance's sockets: how many, and which users. */
export interface LocalPresence {
  clients: number;
  users: string[];
}

/** Messages between server instances (over the Redis adapter). */
export interface InterServerEvents {
  'outbox:events': (events: StoredEvent[]) => void;
  'presence:query': (organizationId: string, reply: (presence: LocalPresence) => void) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketState>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketState>;
type Target = RealtimeSocket | BroadcastOperator<ServerToClientEvents, SocketState>;

export type ServerEvent = keyof ServerToClientEvents;
export type PayloadOf<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** The one function through which the server emits anything to clients, typed by the contract. */
export function send<E extends ServerEvent>(target: Target, event: E, payload: PayloadOf<E>): void {
  (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
}

/**
 * Socket.IO rooms are shared by every organization on an instance, so each contract room is
 * kept under its organization: `workorders:all` of one organization is not another's.
 */
export const roomKey = (organizationId: string, room: string) => `${organizationId}|${room}`;
export const organizationRoom = (organizationId: string) => `${organizationId}|*`;
