import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache, type CacheStats, MemoryCache, stampEntry } from '../../src/platform/cache/cache';
import { RedisCache } from '../../src/platform/cache/redis-cache';

/**
 * RedisCache.lookup reads generations and the entry in one MGET. It must find exactly what the
 * generic two-step lookup (generations, then get) finds, on the same Redis.
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
  const key = 'wo-detail:o1:1:gen:wo:1,gen:org:o1:reference';

  beforeAll(async () => {
    redis = await RedisCache.connect(redisUrl!, `msched-test:lookup:${randomBytes(4).toString('hex')}:`, true);
    twoStep = new TwoStepLookup(redis);
  });
  afterAll(() => redis?.close());

  it('misses before anything is stored, at generation 0 for counters never bumped', async () => {
    const found = await redis.lookup(key, generations);
    expect(found).toEqual({ stamp: '0,0', value: null });
    expect(await twoStep.lookup(key, generations)).toEqual(found);
  });

  it('finds what was stored at the current generations, and nothing after a bump', async () => {
    await redis.bump(['gen:wo:1']);
    await redis.bump(['gen:wo:1']);
    const before = await redis.lookup(key, generations);
    expect(before).toEqual({ stamp: '2,0', value: null });
    await redis.set(key, stampEntry(before.stamp, '{"title":"Replace pump seal"}'), 60);
    expect(await redis.lookup(key, generations)).toEqual({ stamp: '2,0', value: '{"title":"Replace pump seal"}' });
    expect(await twoStep.lookup(key, generations)).toEqual({ stamp: '2,0', value: '{"title":"Replace pump seal"}' });

    await redis.bump(['gen:org:o1:reference']);
    expect(await redis.lookup(key, generations)).toEqual({ stamp: '2,1', value: null });
    expect(await twoStep.lookup(key, generations)).toEqual({ stamp: '2,1', value: null });
  });

  it('never takes an entry stamped with other generations, even one that starts alike', async () => {
    await redis.bump(['gen:wo:1']); // generations now 3,1
    for (const stale of ['3,10', '3,', '3,1x', '13,1', '3']) {
      await redis.set(key, stampEntry(stale, '{"title":"stale"}'), 60);
      expect(await redis.lookup(key, generations)).toEqual({ stamp: '3,1', value: null });
    }
    await redis.set(key, stampEntry('3,1', '{"title":"fresh"}'), 60);
    expect(await redis.lookup(key, generations)).toEqual({ stamp: '3,1', value: '{"title":"fresh"}' });
  });

  it('stamps match the in-process cache for the same generations', async () => {
    const memory = new MemoryCache();
    await memory.bump(['gen:wo:1']);
    await memory.bump(['gen:wo:1']);
    await memory.bump(['gen:wo:1']);
    await memory.bump(['gen:org:o1:reference']);
    expect((await memory.lookup(key, generations)).stamp).toBe((await redis.lookup(key, generations)).stamp);
  });

  it('without generations the stamp is empty', async () => {
    await redis.set('plain:', stampEntry('', '1'), 60);
    expect(await redis.lookup('plain:', [])).toEqual({ stamp: '', value: '1' });
  });
});
