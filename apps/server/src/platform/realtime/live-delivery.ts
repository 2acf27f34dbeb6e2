import { canReceiveEvent, canSeeWorkOrder } from '../auth/access-policy';
import type { StoredEvent } from '../events/domain-event';
import type { Metrics } from '../observability/metrics';
import { type PayloadOf, type RealtimeServer, type RealtimeSocket, droppedForNotReading, encodeEvent, roomKey } from './emit';
import { FanOut } from './fan-out';
import { type EncodedEvent, writeEncoded } from './packet';

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

/** Work-order rooms whose last eviction pass is remembered (see LiveDeliveries.evictionMark). */
const MAX_EVICTION_MARKS = 10_000;

/**
 * Live delivery to this instance's sockets: each event (in id order, from the sequencer) and
 * each presence update is encoded once and written to the sockets that hold one of its rooms and
 * may see it, a slice at a time (see FanOut), respecting a socket's resume in progress and rooms
 * it left after its receivers were chosen.
 */
export class LiveDeliveries {
  private readonly fanOut: FanOut<RealtimeSocket, LiveDelivery>;
  /**
   * Counts room leaves (unsubscribe, eviction, renewal). A queued delivery whose receivers were
   * chosen before a leave checks each socket's rooms again when it is written.
   */
  private leaves = 0;
  /**
   * For each work-order room (by room key) the mark of the last eviction pass over it, from one
   * counter: a subscribe that decided a join while a pass ran checks the join again (see
   * ClientRequests.subscribe). The oldest marks go past MAX_EVICTION_MARKS; a room whose mark is
   * gone counts as changed.
   */
  private readonly evictions = new Map<string, number>();
  private evictionCount = 0;

  constructor(
    private readonly io: () => RealtimeServer | undefined,
    private readonly metrics: Metrics,
    /** A socket left a work order's room: its viewers changed. */
    private readonly viewersChanged: (organizationId: string, room: string) => void,
  ) {
    this.fanOut = new FanOut(
      (socket, delivery) => this.writeLive(socket, delivery),
      (delivery) => this.metrics.eventDeliveries.inc({ mode: 'live' }, delivery.written),
      combineDeliveries,
    );
  }

  /** Writes queued and not done yet. */
  get pending(): number {
    return this.fanOut.pending;
  }

  /** Drops every queued write (shutdown). */
  clear(): void {
    this.fanOut.clear();
  }

  /** A socket left rooms: queued deliveries check rooms again for it. */
  roomsLeft(): void {
    this.leaves++;
  }

  /**
   * One event to this instance's sockets that hold one of its rooms and may see it. Receivers
   * are chosen now, in id order; the writes are queued and go out a slice at a time.
   */
  deliver(event: StoredEvent): void {
    const nsp = this.io()?.of('/');
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
  toLocalRoom(key: string, payload: PayloadOf<'presence:update'>): void {
    const nsp = this.io()?.of('/');
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
  /** The mark of the last eviction pass over a work-order room (by room key); undefined if none is kept. */
  evictionMark(key: string): number | undefined {
    return this.evictions.get(key);
  }

  private evictFromWorkOrderRoom(event: StoredEvent): void {
    const data = event.payload['data'] as
      { technicianId: string | null; crewTechnicianIds?: string[]; requesterId: string | null } | undefined;
    const workOrderId = event.payload['workOrderId'] as string | undefined;
    if (!data || !workOrderId) return;
    // Events stored before work orders had crews carry no crew.
    const ownership = { ...data, crewTechnicianIds: data.crewTechnicianIds ?? [] };
    const room = `workorder:${workOrderId}`;
    const key = roomKey(event.organizationId, room);
    this.evictions.delete(key);
    this.evictions.set(key, ++this.evictionCount);
    if (this.evictions.size > MAX_EVICTION_MARKS) this.evictions.delete(this.evictions.keys().next().value as string);
    const nsp = this.io()?.of('/');
    if (!nsp) return;
    for (const id of [...(nsp.adapter.rooms.get(key) ?? [])]) {
      const socket = nsp.sockets.get(id) as RealtimeSocket | undefined;
      if (!socket || canSeeWorkOrder(socket.data.principal, ownership)) continue;
      socket.data.rooms.delete(room);
      void socket.leave(key);
      this.leaves++;
      this.viewersChanged(event.organizationId, room);
    }
  }
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
