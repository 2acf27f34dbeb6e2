import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache, type CacheStats, MemoryCache } from '../../src/platform/cache/cache';
import { RedisCache } from '../../src/platform/cache/redis-cache';

/**
 * RedisCache.lookup reads generations and the entry in one script. It must find exactly the
 * entry that the generic two-step lookup (generations, then get) finds, on the same Redis.
 */
class TwoStepLookup extends Cache {
  readonly kind = 'redis' as const;
  constructor(private readonly redis: RedisCache) {
    super();
  }
  get = (key: string) => this.redis.get(key);
  set = (key: string, value: string, ttl: number) => this.redis.set(key, value, ttl);
  delete = (key: string) => this.redis.delete(key);
  hit = (key: string, window: number, by?: number) => this.redis.hit(key, window, by);
  peek = (key: string) => this.redis.peek(key);
  generations = (keys: readonly string[]) => this.redis.generations(keys);
  bump = (keys: readonly string[]) => this.redis.bump(keys);
  stats = (): Promise<CacheStats> => this.redis.stats();
  ping = () => this.redis.ping();
  close = () => this.redis.close();
}

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('RedisCache lookup in one round trip (REDIS_URL)', () => {
  let redis: RedisCache;
  let twoStep: TwoStepLookup;
  const generations = ['gen:wo:1', 'gen:org:o1:reference'];

  beforeAll(async () => {
    redis = await RedisCache.connect(redisUrl!, `msched-test:lookup:${randomBytes(4).toString('hex')}:`, true);
    twoStep = new TwoStepLookup(redis);
  });
  afterAll(() => redis?.close());

  it('misses before anything is stored, at generation 0 for counters never bumped', async () => {
    const found = await redis.lookup('wo-detail:o1:1:', generations);
    expect(found).toEqual({ key: 'wo-detail:o1:1:gen:wo:1=0,gen:org:o1:reference=0', value: null });
    expect(await twoStep.lookup('wo-detail:o1:1:', generations)).toEqual(found);
  });

  it('finds what was stored under the current generations, and nothing after a bump', async () => {
    await redis.bump(['gen:wo:1']);
    await redis.bump(['gen:wo:1']);
    const before = await redis.lookup('wo-detail:o1:1:', generations);
    expect(before.key).toBe('wo-detail:o1:1:gen:wo:1=2,gen:org:o1:reference=0');
    await redis.set(before.key, '{"title":"Replace pump seal"}', 60);
    expect(await redis.lookup('wo-detail:o1:1:', generations)).toEqual({ key: before.key, value: '{"title":"Replace pump seal"}' });
    expect(await twoStep.lookup('wo-detail:o1:1:', generations)).toEqual({ key: before.key, value: '{"title":"Replace pump seal"}' });

    await redis.bump(['gen:org:o1:reference']);
    const after = await redis.lookup('wo-detail:o1:1:', generations);
    expect(after).toEqual({ key: 'wo-detail:o1:1:gen:wo:1=2,gen:org:o1:reference=1', value: null });
  });

  it('keys match the in-process cache for the same generations', async () => {
    const memory = new MemoryCache();
    await memory.bump(['gen:wo:1']);
    await memory.bump(['gen:wo:1']);
    await memory.bump(['gen:org:o1:reference']);
    expect((await memory.lookup('wo-detail:o1:1:', generations)).key).toBe((await redis.lookup('wo-detail:o1:1:', generations)).key);
  });

  it('without generations the key is the prefix alone', async () => {
    await redis.set('plain:', '1', 60);
    expect(await redis.lookup('plain:', [])).toEqual({ key: 'plain:', value: '1' });
  });
});
