import type { ClientToServerEvents, PresenceViewer, ServerToClientEvents } from '@msched/contracts';
import type { BroadcastOperator, Server, Socket } from 'socket.io';
import type { VerifiedPrincipal } from '../auth/tokens';
import type { StoredEvent } from '../events/domain-event';
import { EncodedEvent, isBehind } from './packet';

/** A live event held for a socket while its resume replays history. */
export interface HeldEvent {
  eventId: number;
  name: StoredEvent['name'];
  payload: Record<string, unknown>;
}

/**
 * What the server keeps on each socket, kept small: thousands of idle sockets each carry one.
 * Strings in it (the user's name, room names) are shared between sockets, not copied.
 */
export interface SocketState {
  principal: VerifiedPrincipal;
  userName: string;
  /** Contract room names this socket holds, its own `user:` room included. */
  rooms: Set<string>;
  /** While a resume replays history, live events wait here to keep the order. */
  resumeBuffer: HeldEvent[] | null;
  /** A resume replayed every event up to this id: a live copy still queued for it is dropped. */
  replayedThrough: number;
  /** The organization's newest event id when the handshake was checked. */
  startPosition: number;
  /** Rate limit: start of the current window (ms since the process started) and requests counted in it. */
  windowStart: number;
  windowCount: number;
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
  'viewers:query': (roomKey: string, reply: (viewers: PresenceViewer[]) => void) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketState>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketState>;
type Target = RealtimeSocket | BroadcastOperator<ServerToClientEvents, SocketState>;

export type ServerEvent = keyof ServerToClientEvents;
export type PayloadOf<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/**
 * The one function through which the server emits anything to clients, typed by the contract
 * (the live fan-out of stored events writes the same packets pre-encoded: see packet.ts).
 */
export function send<E extends ServerEvent>(target: Target, event: E, payload: PayloadOf<E>): void {
  (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
}

/**
 * Socket.IO rooms are shared by every organization on an instance, so each contract room is
 * kept under its organization: `workorders:all` of one organization is not another's.
 */
export const roomKey = (organizationId: string, room: string) => `${organizationId}|${room}`;

/** Encodes a stored event once for every socket of a fan-out (typed like `send`). */
export function encodeEvent<E extends ServerEvent>(event: E, payload: PayloadOf<E>): EncodedEvent {
  return new EncodedEvent(event, payload);
}

/**
 * How much may wait for one client before the server stops writing to it: several seconds of
 * the busiest fan-out for a client on a slow network, far more than a reading client lags.
 */
export const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
export const MAX_QUEUED_PACKETS = 10_000;

/**
 * Closes a connection whose client has stopped reading (more than MAX_QUEUED_BYTES or
 * MAX_QUEUED_PACKETS sent and not taken): otherwise every reply and event for it stays in the
 * server's memory as long as the client keeps the connection open. Answers whether it did. The
 * client may reconnect and resume.
 */
export function droppedForNotReading(socket: RealtimeSocket): boolean {
  if (!isBehind(socket.conn, MAX_QUEUED_BYTES, MAX_QUEUED_PACKETS)) return false;
  socket.disconnect(true);
  return true;
}
