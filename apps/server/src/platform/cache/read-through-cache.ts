import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import { Database } from '../db/database';
import { rememberJson } from '../http/serialized-json';
import { Metrics } from '../observability/metrics';
import { Cache, type StampedEntry, stampEntry } from './cache';
import { OwedInvalidations } from './owed-invalidations';

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
 * What became of an invalidation:
 * - `made`: the generations are bumped; no reader anywhere takes the old entries.
 * - `owed`: the bump failed. This instance reads from the database until it goes through, and
 *   with a shared cache the bump is recorded as owed and announced to every other instance (at
 *   the commit of the caller's transaction when one is open).
 * - `unrecorded`: the bump failed and could not be recorded either (the database away too). This
 *   instance bypasses the cache; other instances sharing it may serve the old entries until
 *   their TTL.
 */
export type Invalidation = 'made' | 'owed' | 'unrecorded';

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
 *
 * Other instances sharing the cache (Redis) may still reach it when this one cannot, and would
 * serve what the lost bump should have hidden. So the bump is also recorded as owed in the
 * database and announced (`OwedInvalidations`); every instance stops reading from the cache as
 * soon as the notice reaches it, until it has made the owed bumps. An instance reads from the
 * shared cache only while it is listening for such notices, and after it has made whatever was
 * owed when it started listening (at start, and again after losing the database connection).
 */
@Injectable()
export class ReadThroughCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReadThroughCache.name);
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Generations whose bump is owed, each with the sequence number of its latest failed attempt. */
  private readonly pendingBumps = new Map<string, number>();
  private failureSequence = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Invalidations of a shared cache owed by any instance; undefined for a cache of this process alone. */
  private readonly owed: OwedInvalidations | undefined;
  /** Whether this instance hears of owed invalidations (always, with nobody to hear from). */
  private listening: boolean;
  /** Owed invalidations may exist that this instance has not made yet. */
  private owedUnsettled = false;
  private settling: Promise<void> | null = null;
  private settleAgain = false;
  private settleTimer: NodeJS.Timeout | undefined;
  private settleFailing = false;
  private stopListening: (() => Promise<void>) | undefined;
  /** Shut down: no more settling or retries (the database and cache close next). */
  private closed = false;

  constructor(
    private readonly cache: Cache,
    private readonly metrics: Metrics,
    @Optional() database?: Database,
  ) {
    this.owed = database && cache.sharedScope !== undefined ? new OwedInvalidations(database, cache.sharedScope) : undefined;
    this.listening = this.owed === undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.owed) return;
    this.stopListening = await this.owed.listen(
      () => this.settleOwed(),
      (listening) => {
        this.listening = listening;
        // Notices sent while nobody listened are lost; what they announced is still recorded.
        if (listening) this.settleOwed();
      },
    );
    await this.settling;
  }

  async onModuleDestroy(): Promise<void> {
    this.close();
    await this.stopListening?.();
    await this.settling;
  }

  async read<T>(spec: CachedRead<T>, load: () => Promise<T>): Promise<T> {
    // Without shared generations no coalescing is safe: a read that starts after a write was
    // answered must not join a load that began before it. Straight to the database.
    if (this.bypassing) return load();
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
    if (this.bypassing) return Promise.resolve(undefined);
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

  /**
   * Called after a write commits: makes every entry depending on these generations unreachable.
   * Answers what became of it (see `Invalidation`). Inside an open transaction, an owed
   * invalidation is recorded in that transaction, and its notice leaves at the commit.
   */
  async invalidate(generations: readonly string[]): Promise<Invalidation> {
    if (generations.length === 0) return 'made';
    try {
      await this.cache.bump(generations);
      this.metrics.cacheInvalidations.inc({ result: 'ok' });
      return 'made';
    } catch (error) {
      this.metrics.cacheInvalidations.inc({ result: 'error' });
      this.logger.warn(`cache invalidation failed, reading from the database until it succeeds: ${(error as Error).message}`);
      const sequence = ++this.failureSequence;
      for (const generation of generations) this.pendingBumps.set(generation, sequence);
      this.scheduleRetry();
      // Nobody else to tell (a cache of this process alone), or no database to record it in.
      if (!this.owed) return this.cache.sharedScope === undefined ? 'owed' : 'unrecorded';
      // Before the writer's answer, so that the notice is on its way to the other instances
      // (delivered on PostgreSQL's commit) before the writer's client can ask them.
      try {
        await this.owed.record(generations);
        return 'owed';
      } catch (recordError) {
        this.logger.warn(`owed cache invalidation not recorded: ${(recordError as Error).message}`);
        return 'unrecorded';
      }
    }
  }

  /**
   * Whether reads currently bypass the cache: an invalidation is owed (by this instance or,
   * with a shared cache, by any), or this instance would not hear of one.
   */
  get bypassing(): boolean {
    return this.pendingBumps.size > 0 || this.owedUnsettled || !this.listening;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.settleTimer);
  }

  /** Makes the invalidations owed to the shared cache; reads bypass the cache until that is done. */
  private settleOwed(): void {
    this.owedUnsettled = true;
    if (this.closed) return;
    if (this.settling) {
      this.settleAgain = true;
      return;
    }
    this.settling = this.makeOwedBumps().finally(() => (this.settling = null));
  }

  private async makeOwedBumps(): Promise<void> {
    const owed = this.owed as OwedInvalidations;
    try {
      do {
        this.settleAgain = false;
        for (let batch = await owed.read(); batch.ids.length > 0; batch = await owed.read()) {
          await this.cache.bump(batch.generations);
          await owed.settle(batch);
          this.metrics.cacheInvalidations.inc({ result: 'ok' });
        }
      } while (this.settleAgain);
      this.owedUnsettled = false;
      this.settleFailing = false;
    } catch (error) {
      // The cache or the database away: try again shortly, reading from the database meanwhile.
      if (this.closed) return;
      if (!this.settleFailing) this.logger.warn(`owed cache invalidations not made yet: ${(error as Error).message}`);
      this.settleFailing = true;
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.settleOwed(), RETRY_BUMPS_EVERY_MS);
      this.settleTimer.unref();
    }
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
    if (this.retryTimer || this.closed) return;
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
