import { Injectable, Logger } from '@nestjs/common';
import { rememberJson } from '../http/serialized-json';
import { Metrics } from '../observability/metrics';
import { Cache, type StampedEntry, stampEntry } from './cache';

/** A cached read. `T` is the value's type where a codec stores it; a read stored as JSON needs none. */
export interface CachedRead<T = never> {
  /** What is cached, for metrics and key readability: 'wo-detail', 'wo-list', … */
  namespace: string;
  /** Identifies the read within the namespace (ids and the normalized query, and the codec's format if it has one). */
  key: string;
  /** Generation counters whose bump makes this entry unreachable. */
  generations: readonly string[];
  ttlSeconds: number;
  /** How the value is stored as text: JSON unless given (see `cachedText`). */
  codec?: TextCodec<T>;
}

export interface TextCodec<T> {
  encode(value: T): string;
  decode(text: string): T;
}

const RETRY_BUMPS_EVERY_MS = 1_000;

/**
 * The generations' names are part of the key, so two reads can only share an entry if they
 * depend on the very same counters (e.g. never across organizations).
 */
const entryKey = (spec: CachedRead<unknown>) => `${spec.namespace}:${spec.key}:${spec.generations.join(',')}`;

/** A cached value, which remembers its text: sent unchanged, it is not serialized again. */
function parsed<T>(json: string): T {
  const value = JSON.parse(json) as T;
  rememberJson(value, json);
  return value;
}

/**
 * Cache-aside with generation keys. A cached value is stored stamped with the generations of
 * everything it depends on, read before it was loaded; a write bumps those generations after it
 * commits (O(1) each, no KEYS, no scans), so no later reader takes the old entry: it reads the
 * entry and the generations at one instant and uses the entry only if the stamps agree.
 *
 * Concurrent misses of one key run the loader once per instance (single flight), which also
 * coalesces identical in-flight GETs. The cache fails open: if it cannot be reached, reads go
 * to the database. If a bump fails, this instance stops reading from the cache until the bump
 * has gone through, so it never serves what the lost bump should have hidden.
 */
@Injectable()
export class ReadThroughCache {
  private readonly logger = new Logger(ReadThroughCache.name);
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Generations whose bump is owed, each with the sequence number of its latest failed attempt. */
  private readonly pendingBumps = new Map<string, number>();
  private failureSequence = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cache: Cache,
    private readonly metrics: Metrics,
  ) {}

  async read<T>(spec: CachedRead<T>, load: () => Promise<T>): Promise<T> {
    // Without shared generations no coalescing is safe: a read that starts after a write was
    // answered must not join a load that began before it. Straight to the database.
    if (this.pendingBumps.size > 0) return load();
    const key = entryKey(spec);
    let found: StampedEntry;
    try {
      found = await this.cache.lookup(key, spec.generations);
    } catch (error) {
      this.failedOpen(spec.namespace, error);
      return load();
    }
    if (found.value !== null) {
      this.metrics.cacheRequests.inc({ namespace: spec.namespace, result: 'hit' });
      return spec.codec ? spec.codec.decode(found.value) : parsed<T>(found.value);
    }
    // Only reads at the same generations share a load: one that starts after a bump must not
    // join a load that began before it.
    const stamp = found.stamp;
    return this.coalesce(`${key}@${stamp}`, spec.namespace, async () => {
      this.metrics.cacheRequests.inc({ namespace: spec.namespace, result: 'miss' });
      const value = await load();
      let text: string;
      if (spec.codec) text = spec.codec.encode(value);
      else rememberJson(value, (text = JSON.stringify(value)));
      // A slower load stamped with older generations may overwrite a newer entry: readers then
      // miss and load again, never take it.
      await this.cache.set(key, stampEntry(stamp, text), spec.ttlSeconds).catch((error: unknown) => this.failedOpen(spec.namespace, error));
      return value;
    });
  }

  /**
   * The cached text only (as its codec wrote it), without loading on a miss: for a path that
   * answers hits early and hands everything else (miss, bypass, cache down) to `read`, which
   * counts those outcomes.
   */
  cachedText(spec: CachedRead<unknown>): Promise<string | undefined> {
    // Promise chains rather than async/await: this runs on every early-answered hit.
    if (this.pendingBumps.size > 0) return Promise.resolve(undefined);
    let lookup: Promise<StampedEntry>;
    try {
      lookup = this.cache.lookup(entryKey(spec), spec.generations);
    } catch {
      return Promise.resolve(undefined);
    }
    return lookup.then(
      (found) => this.hitText(spec.namespace, found),
      () => undefined,
    );
  }

  private hitText(namespace: string, found: StampedEntry): string | undefined {
    if (found.value === null) return undefined;
    this.metrics.cacheRequests.inc({ namespace, result: 'hit' });
    return found.value;
  }

  /** Called after a write commits: makes every entry depending on these generations unreachable. */
  async invalidate(generations: readonly string[]): Promise<void> {
    if (generations.length === 0) return;
    try {
      await this.cache.bump(generations);
      this.metrics.cacheInvalidations.inc({ result: 'ok' });
    } catch (error) {
      this.metrics.cacheInvalidations.inc({ result: 'error' });
      this.logger.warn(`cache invalidation failed, reading from the database until it succeeds: ${(error as Error).message}`);
      const sequence = ++this.failureSequence;
      for (const generation of generations) this.pendingBumps.set(generation, sequence);
      this.scheduleRetry();
    }
  }

  /** Whether reads currently bypass the cache because an invalidation is still owed. */
  get bypassing(): boolean {
    return this.pendingBumps.size > 0;
  }

  close(): void {
    clearTimeout(this.retryTimer);
  }

  private coalesce<T>(key: string, namespace: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) {
      this.metrics.coalescedReads.inc({ namespace });
      return running as Promise<T>;
    }
    const flight = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    return flight;
  }

  private failedOpen(namespace: string, error: unknown) {
    this.metrics.cacheRequests.inc({ namespace, result: 'error' });
    this.logger.debug?.(`cache unavailable, answering from the database: ${(error as Error).message}`);
  }

  private scheduleRetry() {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = undefined;
      const owed = [...this.pendingBumps];
      try {
        await this.cache.bump(owed.map(([generation]) => generation));
        // Only what this retry covered: a bump that failed again meanwhile stays owed.
        for (const [generation, sequence] of owed) if (this.pendingBumps.get(generation) === sequence) this.pendingBumps.delete(generation);
        this.metrics.cacheInvalidations.inc({ result: 'ok' });
      } catch {
        this.scheduleRetry();
      }
    }, RETRY_BUMPS_EVERY_MS);
    this.retryTimer.unref();
  }
}

/** Generation keys: what a cached read depends on, and what a write bumps. */
export const generationKeys = {
  /** One work order's detail. */
  workOrder: (workOrderId: string) => `gen:wo:${workOrderId}`,
  /** Everything derived from an organization's work orders: lists, search, dashboard, schedules, history. */
  workOrders: (organizationId: string) => `gen:org:${organizationId}:work-orders`,
  /** Reference data shown inside work-order reads: equipment, technicians, availability, parts, users. */
  reference: (organizationId: string) => `gen:org:${organizationId}:reference`,
};
