/**
 * The key-value cache and counters shared by all instances: Redis when REDIS_URL is set,
 * an in-process map otherwise. Services depend on this interface only.
 */
export abstract class Cache {
  abstract readonly kind: 'memory' | 'redis';
  abstract get(key: string): Promise<string | null>;
  abstract set(key: string, value: string, ttlSeconds: number): Promise<void>;
  abstract delete(key: string): Promise<void>;
  /** Adds one to a counter whose window starts at the first hit; answers the count and seconds left. */
  abstract hit(key: string, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  /** Reads a counter without changing it. */
  abstract peek(key: string): Promise<{ count: number; resetInSeconds: number }>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

type Entry = { value: string; expiresAt: number };

export class MemoryCache extends Cache {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async hit(key: string, windowSeconds: number) {
    const entry = this.live(key) ?? { value: '0', expiresAt: this.now() + windowSeconds * 1000 };
    entry.value = String(Number(entry.value) + 1);
    this.entries.set(key, entry);
    return { count: Number(entry.value), resetInSeconds: this.secondsLeft(entry) };
  }

  async peek(key: string) {
    const entry = this.live(key);
    return entry ? { count: Number(entry.value), resetInSeconds: this.secondsLeft(entry) } : { count: 0, resetInSeconds: 0 };
  }

  async ping() {}

  async close() {
    clearInterval(this.sweeper);
    this.entries.clear();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private secondsLeft(entry: Entry) {
    return Math.max(1, Math.ceil((entry.expiresAt - this.now()) / 1000));
  }

  private sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
