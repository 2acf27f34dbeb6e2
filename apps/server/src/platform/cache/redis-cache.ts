import { Redis } from 'ioredis';
import { Cache } from './cache';

export class RedisCache extends Cache {
  readonly kind = 'redis' as const;

  private constructor(private readonly redis: Redis) {
    super();
  }

  /** Connects and fails fast when the server is unreachable, so a bad REDIS_URL stops the start. */
  static async connect(url: string, keyPrefix = 'msched:'): Promise<RedisCache> {
    const redis = new Redis(url, {
      keyPrefix,
      lazyConnect: true,
      // Fail a command during an outage instead of queueing it for ever.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 2_000,
      connectTimeout: 3_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    redis.on('error', () => undefined);
    await redis.connect();
    return new RedisCache(redis);
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

  async hit(key: string, windowSeconds: number) {
    const results = await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttl = Number(results?.[2]?.[1] ?? windowSeconds);
    return { count, resetInSeconds: ttl > 0 ? ttl : windowSeconds };
  }

  async peek(key: string) {
    const [value, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    return { count: Number(value ?? 0), resetInSeconds: ttl > 0 ? ttl : 0 };
  }

  async ping() {
    await this.redis.ping();
  }

  async close() {
    this.redis.disconnect();
  }
}
