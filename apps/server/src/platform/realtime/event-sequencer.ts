import type { StoredEvent } from '../events/domain-event';

interface Stream {
  /** Highest id delivered to this instance's sockets. */
  last: number;
  /** Arrived ahead of a missing id; delivered once the gap is filled. */
  waiting: Map<number, StoredEvent>;
  gapTimer: NodeJS.Timeout | undefined;
}

/**
 * Keeps each organization's events in id order on this instance. Ids are gap-free per
 * organization, so a hole means an event is still on its way (another instance published it a
 * moment earlier) or was lost by the pub/sub link; after a short wait the hole is filled from
 * the outbox table. Only organizations with sockets here are tracked.
 */
export class EventSequencer {
  private readonly streams = new Map<string, Stream>();

  constructor(
    private readonly load: (organizationId: string, afterId: number, untilId: number) => Promise<StoredEvent[]>,
    private readonly deliver: (event: StoredEvent) => void,
    private readonly gapWaitMs = 100,
  ) {}

  /** Starts following an organization from `current` (its newest committed id), if not already. */
  follow(organizationId: string, current: number): void {
    if (!this.streams.has(organizationId)) this.streams.set(organizationId, { last: current, waiting: new Map(), gapTimer: undefined });
  }

  unfollow(organizationId: string): void {
    const stream = this.streams.get(organizationId);
    if (stream) clearTimeout(stream.gapTimer);
    this.streams.delete(organizationId);
  }

  /** The highest id delivered here for the organization (undefined when not followed). */
  position(organizationId: string): number | undefined {
    return this.streams.get(organizationId)?.last;
  }

  get size(): number {
    return this.streams.size;
  }

  /** The organizations followed here. */
  organizations(): string[] {
    return [...this.streams.keys()];
  }

  /**
   * Brings an organization up to `current`, its newest committed id as the database says. An
   * event the pub/sub link lost with nothing after it leaves no hole to notice, so the gateway
   * asks after the link reconnects, now and then, and before a resume. The events go through
   * the same queue as live ones: each is delivered once, in order.
   */
  async catchUp(organizationId: string, current: number): Promise<void> {
    const stream = this.streams.get(organizationId);
    if (!stream || current <= stream.last) return;
    const missing = await this.load(organizationId, stream.last, current);
    if (this.streams.get(organizationId) !== stream) return;
    // None held any more (purged): nothing up to `current` can arrive.
    if (missing.length === 0) stream.last = Math.max(stream.last, current);
    this.accept(missing);
    this.drain(organizationId);
  }

  accept(events: readonly StoredEvent[]): void {
    const touched = new Set<string>();
    for (const event of events) {
      const stream = this.streams.get(event.organizationId);
      if (!stream || event.eventId <= stream.last) continue;
      stream.waiting.set(event.eventId, event);
      touched.add(event.organizationId);
    }
    for (const organizationId of touched) this.drain(organizationId);
  }

  close(): void {
    for (const stream of this.streams.values()) clearTimeout(stream.gapTimer);
    this.streams.clear();
  }

  private drain(organizationId: string): void {
    const stream = this.streams.get(organizationId);
    if (!stream) return;
    for (let next = stream.waiting.get(stream.last + 1); next; next = stream.waiting.get(stream.last + 1)) {
      stream.waiting.delete(next.eventId);
      stream.last = next.eventId;
      this.deliver(next);
    }
    if (stream.waiting.size === 0) {
      clearTimeout(stream.gapTimer);
      stream.gapTimer = undefined;
    } else if (!stream.gapTimer) {
      stream.gapTimer = setTimeout(() => void this.fill(organizationId), this.gapWaitMs);
      stream.gapTimer.unref();
    }
  }

  private async fill(organizationId: string): Promise<void> {
    const stream = this.streams.get(organizationId);
    if (!stream) return;
    stream.gapTimer = undefined;
    const firstWaiting = Math.min(...stream.waiting.keys());
    try {
      const missing = await this.load(organizationId, stream.last, firstWaiting - 1);
      if (this.streams.get(organizationId) !== stream) return;
      for (const event of missing) if (event.eventId > stream.last) stream.waiting.set(event.eventId, event);
      // Ids the table no longer holds (purged) cannot arrive: skip past them.
      if (!stream.waiting.has(stream.last + 1) && missing.length === 0) stream.last = Math.max(stream.last, firstWaiting - 1);
    } catch {
      // The database is away: try again after the next wait.
    }
    this.drain(organizationId);
  }
}
