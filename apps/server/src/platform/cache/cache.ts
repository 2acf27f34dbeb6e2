import { LRUCache } from 'lru-cache';

export interface CacheStats {
  kind: 'memory' | 'redis';
  keys: number;
  memory: string;
}

/**
 * The key-value cache shared by all instances: Redis when REDIS_URL is set, an in-process
 * LRU otherwise. Services depend on this interface only; every method may fail (Redis down),
 * and callers decide whether to fail open.
 */
export abstract class Cache {
  abstract readonly kind: 'memory' | 'redis';
  /**
   * Names the store when other instances share it (Redis: the key prefix), so that an
   * invalidation one of them could not make is made by another; undefined for a cache of this
   * process alone.
   */
  readonly sharedScope?: string;
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlSeconds: number): Promise<void>;
  abstract delete(key: string): Promise<void>;
  /** Adds `by` (default 1) to a counter whose window starts at the first hit; answers the count and seconds left. */
  abstract hit(key: string, windowSeconds: number, by?: number): Promise<{ count: number; resetInSeconds: number }>;
  /** Reads a counter without changing it. */
  abstract peek(key: string): Promise<{ count: number; resetInSeconds: number }>;
  /** Current values of generation counters (0 when never bumped), in one round trip. */
  abstract generations(keys: readonly string[]): Promise<number[]>;
  /** Increments generation counters: O(1) each, whatever the number of cached entries they cover. */
  abstract bump(keys: readonly string[]): Promise<void>;
  /**
   * Reads the entry `key` and the current generations of `generationKeys` together; the entry
   * counts only if it was stored (`stampEntry`) at exactly those generations. Two calls here;
   * Redis does it in one MGET.
   */
  async lookup(key: string, generationKeys: readonly string[]): Promise<StampedEntry> {
    const [generations, stored] = await Promise.all([this.generations(generationKeys), this.get(key)]);
    return readStamped(generations, stored);
  }
  abstract stats(): Promise<CacheStats>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

/**
 * A cached entry read with the generations current at the time: `stamp` names them, and `value`
 * is the entry's text if it was stored at that very stamp, else null (never stored, expired, or
 * built before a write bumped one of them, which a reader must not see).
 */
export interface StampedEntry {
  stamp: string;
  value: string | null;
}

/** What `lookup` reads back: the stamp line, then the entry's text. */
export function stampEntry(stamp: string, text: string): string {
  return `${stamp}\n${text}`;
}

/** `scope` leads the stamp: what else an entry must have been stored under (Redis: the server's run). */
export function readStamped(generations: readonly number[], stored: string | null, scope = ''): StampedEntry {
  const stamp = scope + generations.join(',');
  const current = stored !== null && stored.charCodeAt(stamp.length) === 10 && stored.startsWith(stamp);
  return { stamp, value: current ? stored.slice(stamp.length + 1) : null };
}

/** The LRU keeps an entry while its age is ≤ ttl; Redis drops a key once ttl has passed. Match Redis. */
const lifetime = (seconds: number) => Math.max(1, seconds * 1000 - 1);

/** Generations live long: losing one (eviction) only makes readers miss, never read stale data. */
const GENERATION_TTL_MS = 7 * 24 * 3600_000;

/**
 * Most rate-limit counters kept at once. Login throttling keeps one per address and one per
 * account tried within the hour, each under a short key (a digest, not the typed email): about
 * 200 bytes apiece, so some 20 MB at most.
 */
const MAX_COUNTERS = 100_000;

interface CounterWindow {
  count: number;
  /** When the window ends (ms, on the cache's clock); it starts at the first hit. */
  endsAt: number;
}

/**
 * Rate-limit counters (`hit`/`peek`), kept apart from the LRU of cached reads: filling the cache
 * with reads must never push a counter out, or a login lockout would end early. Bounded by count.
 * When full, windows that have passed go first; if that is not enough, the lowest counts go (a
 * locked account's counter is among the last), a tenth of the room at once so the sweep runs
 * once per many new counters rather than on each.
 */
class CounterWindows {
  private readonly windows = new Map<string, CounterWindow>();

  constructor(
    private readonly now: () => number,
    private readonly capacity: number,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  hit(key: string, windowSeconds: number, by: number): { count: number; resetInSeconds: number } {
    const now = this.now();
    const current = this.live(key, now);
    if (current) {
      current.count += by;
      return { count: current.count, resetInSeconds: secondsLeft(current, now) };
    }
    if (this.windows.size >= this.capacity) this.makeRoom(now);
    this.windows.set(key, { count: by, endsAt: now + windowSeconds * 1000 });
    return { count: by, resetInSeconds: windowSeconds };
  }

  peek(key: string): { count: number; resetInSeconds: number } {
    const now = this.now();
    const current = this.live(key, now);
    return current ? { count: current.count, resetInSeconds: secondsLeft(current, now) } : { count: 0, resetInSeconds: 0 };
  }

  delete(key: string): void {
    this.windows.delete(key);
  }

  clear(): void {
    this.windows.clear();
  }

  private live(key: string, now: number): CounterWindow | undefined {
    const window = this.windows.get(key);
    if (window && window.endsAt <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private makeRoom(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    const target = Math.floor(this.capacity * 0.9);
    if (this.windows.size <= target) return;
    const lowestFirst = [...this.windows].sort(([, a], [, b]) => a.count - b.count || a.endsAt - b.endsAt);
    for (const [key] of lowestFirst.slice(0, this.windows.size - target)) this.windows.delete(key);
  }
}

/** Whole seconds left, rounded up, never less than 1 for a live window (as Redis's TTL answers). */
const secondsLeft = (window: CounterWindow, now: number) => Math.max(1, Math.ceil((window.endsAt - now) / 1000));

export class MemoryCache extends Cache {
  readonly kind = 'memory' as const;
  private readonly entries: LRUCache<string, string>;
  /** Kept apart from the LRU so that filling the cache never evicts a generation (which could go back to 0). */
  private readonly generationCounters = new Map<string, { value: number; expiresAt: number }>();
  private readonly counters: CounterWindows;

  constructor(
    private readonly now: () => number = Date.now,
    maxBytes = 64 * 1024 * 1024,
    maxCounters = MAX_COUNTERS,
  ) {
    super();
    this.entries = new LRUCache<string, string>({
      maxSize: maxBytes,
      sizeCalculation: (value, key) => value.length * 2 + key.length * 2 + 64,
      ttlAutopurge: false,
      ttlResolution: 0,
      perf: { now },
    });
    this.counters = new CounterWindows(now, maxCounters);
  }

  async get(key: string) {
    return this.entries.get(key) ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, value, { ttl: lifetime(ttlSeconds) });
  }

  async delete(key: string) {
    this.entries.delete(key);
    this.counters.delete(key);
  }

  async hit(key: string, windowSeconds: number, by = 1) {
    return this.counters.hit(key, windowSeconds, by);
  }

  async peek(key: string) {
    return this.counters.peek(key);
  }

  async generations(keys: readonly string[]) {
    const now = this.now();
    return keys.map((key) => {
      const entry = this.generationCounters.get(key);
      return entry && entry.expiresAt > now ? entry.value : 0;
    });
  }

  /**
   * One up, or started at the current microsecond where it does not exist or has expired (as
   * the Redis cache does): a generation that starts again is above every value it had before,
   * so an entry stamped with one of those, still within its TTL, can never match again.
   */
  async bump(keys: readonly string[]) {
    const values = await this.generations(keys);
    const now = this.now();
    keys.forEach((key, index) => {
      const current = values[index] ?? 0;
      const value = current > 0 ? current + 1 : now * 1000;
      this.generationCounters.set(key, { value, expiresAt: now + GENERATION_TTL_MS });
    });
  }

  async stats(): Promise<CacheStats> {
    return {
      kind: 'memory',
      keys: this.entries.size + this.generationCounters.size + this.counters.size,
      memory: `${this.entries.calculatedSize} bytes`,
    };
  }

  async ping() {}

  async close() {
    this.entries.clear();
    this.generationCounters.clear();
    this.counters.clear();
  }
}
