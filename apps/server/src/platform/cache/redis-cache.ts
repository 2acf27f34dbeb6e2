import { Redis, ReplyError } from 'ioredis';
import { Cache, type CacheStats, type StampedEntry, readStamped } from './cache';

/** A week is far longer than any cached value lives; an expired generation only causes misses. */
const GENERATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Generations count up from the microsecond they were started at (Redis' own clock, so every
 * instance agrees), not from zero. One lost to eviction under memory pressure, or expired,
 * starts again later in time, above every value it had before: an entry stamped with an old
 * value can never match again. (Counting from zero, it would come back through 1, 2, … and an
 * entry stored at one of those, still within its TTL, would be served stale.)
 */
const NOW_MICROS = `local t = redis.call('TIME') local now = string.format('%.0f', t[1] * 1000000 + t[2])`;
/** Starts the generations that do not exist (lookups), and answers them all. */
const START_GENERATIONS = `${NOW_MICROS}
for _, key in ipairs(KEYS) do redis.call('SET', key, now, 'NX', 'EX', ARGV[1]) end
return redis.call('MGET', unpack(KEYS))`;
/** A write: each generation one up, or started where it does not exist. */
const BUMP_GENERATIONS = `${NOW_MICROS}
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('INCR', key) else redis.call('SET', key, now) end
  redis.call('EXPIRE', key, ARGV[1])
end
return 1`;

/** A lookup before the answering Redis process is known: the read goes to the database. */
const RUN_UNKNOWN = new Error('the Redis server answering is not known yet (just connected)');

export class RedisCache extends Cache {
  readonly kind = 'redis' as const;
  /**
   * The run id (INFO server) of the Redis process connected to, which leads every stamp; null
   * while unknown (connecting, or disconnected). A Redis restarted from a snapshot or an
   * append-only file brings back generations and entries as they were then: an entry stored
   * before a write and a generation from before its bump match again, and the write would be
   * hidden until the entry expired. Every start of Redis has a new run id, so nothing stored
   * under another run is ever read back; a replica promoted in a failover has its own too.
   */
  private run: string | null = null;
  private learning: Promise<void> | null = null;

  private constructor(
    private readonly redis: Redis,
    override readonly sharedScope: string,
  ) {
    super();
    redis.on('close', () => (this.run = null));
    redis.on('ready', () => void this.learnRun());
  }

  /**
   * Reads the run id of the Redis process connected to (once at a time). A Redis that refuses
   * INFO (renamed by its operator) leaves the stamps without it; one that does not answer leaves
   * the run unknown, and the next lookup asks again.
   */
  private learnRun(): Promise<void> {
    this.learning ??= this.redis
      .info('server')
      .then(
        (text) => {
          this.run = `${/run_id:(\w+)/.exec(text)?.[1] ?? 'unknown'}/`;
        },
        (error: unknown) => {
          this.run = error instanceof ReplyError ? 'unknown/' : null;
        },
      )
      .finally(() => (this.learning = null));
    return this.learning;
  }

  /**
   * Connects; if Redis is unreachable the server still starts (the cache fails open) and
   * ioredis keeps reconnecting in the background. `requireConnection` makes it wait instead.
   */
  static async connect(url: string, keyPrefix = 'msched:', requireConnection = false): Promise<RedisCache> {
    const redis = new Redis(url, {
      keyPrefix,
      lazyConnect: true,
      // Fail a command during an outage instead of queueing it for ever.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 2_000,
      connectTimeout: 3_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      // No auto-pipelining: it holds each command until the event loop's check phase, behind
      // everything else that turn handles, which lengthened cached answers' p99 (bench/results).
    });
    redis.on('error', () => undefined);
    const cache = new RedisCache(redis, keyPrefix);
    const connecting = redis.connect();
    if (requireConnection) await connecting.then(() => cache.learnRun());
    else
      await connecting.then(
        () => cache.learnRun(),
        (error: unknown) => console.warn(`Redis unreachable (${(error as Error).message}); serving from the database until it answers`),
      );
    return cache;
  }

  get(key: string) {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }

  async delete(key: string) {
    await this.redis.del(key);
  }

  async hit(key: string, windowSeconds: number, by = 1) {
    const results = await this.redis.multi().incrby(key, by).expire(key, windowSeconds, 'NX').ttl(key).exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttl = Number(results?.[2]?.[1] ?? windowSeconds);
    return { count, resetInSeconds: ttl > 0 ? ttl : windowSeconds };
  }

  async peek(key: string) {
    const [value, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    return { count: Number(value ?? 0), resetInSeconds: ttl > 0 ? ttl : 0 };
  }

  async generations(keys: readonly string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const values = await this.redis.mget(...keys);
    if (values.every((value) => value !== null)) return values.map(Number);
    const started = (await this.redis.eval(START_GENERATIONS, keys.length, ...keys, GENERATION_TTL_SECONDS)) as string[];
    return started.map(Number);
  }

  /**
   * One MGET: the generations and the entry in one round trip, read at one instant. Not an async
   * function: a cache hit runs this on every request, and each extra promise costs there. A
   * generation that does not exist yet (or was evicted) is started first, and the read is a miss.
   */
  override lookup(key: string, generationKeys: readonly string[]): Promise<StampedEntry> {
    const run = this.run;
    if (run === null) {
      if (this.redis.status === 'ready') void this.learnRun();
      return Promise.reject(RUN_UNKNOWN);
    }
    return this.redis.mget(...generationKeys, key).then((values) => {
      for (let i = 0; i < generationKeys.length; i++) {
        if (values[i] === null) return this.generations(generationKeys).then((generations) => readStamped(generations, null, run));
      }
      return stampedFromMget(values, run);
    });
  }

  async bump(keys: readonly string[]) {
    if (keys.length === 0) return;
    await this.redis.eval(BUMP_GENERATIONS, keys.length, ...keys, GENERATION_TTL_SECONDS);
  }

  async stats(): Promise<CacheStats> {
    const [keys, memory] = await Promise.all([this.redis.dbsize(), this.redis.info('memory')]);
    // As the in-process cache reports it: bytes (Redis's `used_memory`, the whole server's).
    const used = /^used_memory:(\d+)/m.exec(memory)?.[1];
    return { kind: 'redis', keys, memory: used === undefined ? 'unknown' : `${used} bytes` };
  }

  async ping() {
    await this.redis.ping();
  }

  async close() {
    this.redis.disconnect();
  }
}

/** An MGET reply of generations then the entry (last) as a stamped entry, under the run `run`. */
function stampedFromMget(values: (string | null)[], run: string): StampedEntry {
  const stored = values.pop() ?? null;
  return readStamped(
    values.map((value) => Number(value ?? 0)),
    stored,
    run,
  );
}
