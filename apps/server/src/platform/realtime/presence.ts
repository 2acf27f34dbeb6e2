import type { PresenceViewer } from '@msched/contracts';
import { Logger } from '@nestjs/common';
import { type LocalPresence, type PayloadOf, type RealtimeServer, type RealtimeSocket, roomKey, send } from './emit';
import { LocalUsers } from './local-users';

/**
 * Presence (API.md "Real-time"): `presence:update` with the organization's connected clients and
 * users in `system:presence`, and who is viewing a work order in its `workorder:{id}` room,
 * counted across every instance. Updates are throttled per key; this instance's share is read
 * from its own rooms and counters (no socket fetching), the others' asked over the adapter.
 */
export class Presence {
  private readonly logger = new Logger('RealtimeGateway');
  private readonly users = new LocalUsers();
  private readonly throttled = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly server: () => { io: RealtimeServer | undefined; clustered: boolean },
    /** Writes an update to this instance's members of a room (without Redis, that is everyone). */
    private readonly toLocalRoom: (key: string, payload: PayloadOf<'presence:update'>) => void,
    private readonly throttleMs: number,
  ) {}

  /** A socket of `userId` connected; answers the display name its user's sockets share. */
  joined(organizationId: string, userId: string, name: string): string {
    const shared = this.users.add(organizationId, userId, name);
    this.presenceChanged(organizationId);
    return shared;
  }

  left(organizationId: string, userId: string): void {
    this.users.remove(organizationId, userId);
    this.presenceChanged(organizationId);
  }

  /** Whether any socket of the organization is connected here. */
  has(organizationId: string): boolean {
    return this.users.has(organizationId);
  }

  get organizations(): number {
    return this.users.size;
  }

  get timers(): number {
    return this.throttled.size;
  }

  /** Pending updates of one organization: its presence, and the viewers of its work orders. */
  timersOf(organizationId: string): number {
    const ownRoom = roomKey(organizationId, '');
    let count = 0;
    for (const key of this.throttled.keys()) if (key === organizationId || key.startsWith(ownRoom)) count++;
    return count;
  }

  /** This instance's share, as another instance asks for it. */
  localPresence(organizationId: string): LocalPresence {
    return this.users.of(organizationId);
  }

  /** The users of this instance's sockets in a room (read from the room, not fetched). */
  localViewers(key: string): PresenceViewer[] {
    const nsp = this.server().io?.of('/');
    const viewers = new Map<string, PresenceViewer>();
    for (const id of nsp?.adapter.rooms.get(key) ?? []) {
      const state = (nsp!.sockets.get(id) as RealtimeSocket | undefined)?.data;
      if (state && !viewers.has(state.principal.userId))
        viewers.set(state.principal.userId, { userId: state.principal.userId, name: state.userName });
    }
    return [...viewers.values()];
  }

  presenceChanged(organizationId: string): void {
    this.throttle(organizationId, async () => {
      const counts = await this.organizationPresence(organizationId);
      this.broadcast(roomKey(organizationId, 'system:presence'), { ...counts, timestamp: new Date().toISOString() });
    });
  }

  /** Who is looking at a work order (its room's members, on every instance). */
  viewersChanged(organizationId: string, room: string): void {
    const key = roomKey(organizationId, room);
    this.throttle(key, async () => {
      const viewers = new Map(this.localViewers(key).map((viewer) => [viewer.userId, viewer]));
      for (const answer of await this.askOtherInstances<PresenceViewer[]>('viewers:query', key))
        for (const viewer of answer) viewers.set(viewer.userId, viewer);
      const counts = await this.organizationPresence(organizationId);
      this.broadcast(key, {
        ...counts,
        timestamp: new Date().toISOString(),
        workOrderId: room.slice('workorder:'.length),
        viewers: [...viewers.values()],
      });
    });
  }

  close(): void {
    for (const timer of this.throttled.values()) clearTimeout(timer);
    this.throttled.clear();
  }

  /** Counts across every instance: this one's, plus each other instance's answer. */
  private async organizationPresence(organizationId: string): Promise<{ connectedClients: number; connectedUsers: number }> {
    const answers = [this.users.of(organizationId), ...(await this.askOtherInstances<LocalPresence>('presence:query', organizationId))];
    const connectedUsers = new Set(answers.flatMap((answer) => answer.users)).size;
    return { connectedClients: answers.reduce((sum, answer) => sum + answer.clients, 0), connectedUsers };
  }

  /** To a room's members on every instance: over the adapter when clustered, else written locally. */
  private broadcast(key: string, payload: PayloadOf<'presence:update'>): void {
    const { io, clustered } = this.server();
    if (!io) return;
    if (clustered) send(io.to(key), 'presence:update', payload);
    else this.toLocalRoom(key, payload);
  }

  /** Every other instance's answer; when one does not answer in time, the answers that came. */
  private askOtherInstances<T>(event: 'presence:query' | 'viewers:query', argument: string): Promise<T[]> {
    const { io, clustered } = this.server();
    if (!io || !clustered) return Promise.resolve([]);
    const emit = io.serverSideEmit.bind(io) as (event: string, argument: string, ack: (error: Error | null, answers: T[]) => void) => void;
    return new Promise((resolve) => emit(event, argument, (_error, answers) => resolve(answers ?? [])));
  }

  /** At most one run per key and period; changes inside the period are folded into one update. */
  private throttle(key: string, work: () => Promise<void>): void {
    if (this.throttled.has(key)) return;
    const timer = setTimeout(() => {
      this.throttled.delete(key);
      work().catch((error: unknown) => this.logger.warn(`Presence update failed: ${(error as Error).message}`));
    }, this.throttleMs);
    timer.unref();
    this.throttled.set(key, timer);
  }
}
