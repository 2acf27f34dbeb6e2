import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache, type CacheStats, readStamped, stampEntry } from '../../src/platform/cache/cache';
import { RedisCache } from '../../src/platform/cache/redis-cache';

/**
 * RedisCache.lookup reads generations and the entry in one MGET. It must find exactly what a
 * two-step lookup (generations, then get) finds on the same Redis, under the same run.
 */
class TwoStepLookup extends Cache {
  readonly kind = 'redis' as const;
  constructor(
    private readonly redis: RedisCache,
    private readonly run: string,
  ) {
    super();
  }
  override async lookup(key: string, generationKeys: readonly string[]) {
    const [generations, stored] = await Promise.all([this.generations(generationKeys), this.get(key)]);
    return readStamped(generations, stored, this.run);
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
  /** What leads every stamp: the run id of the Redis answering, and a slash. */
  let run: string;
  const generations = ['gen:wo:1', 'gen:org:o1:reference'];
  const key = 'wo-detail:o1:1:gen:wo:1,gen:org:o1:reference';

  beforeAll(async () => {
    redis = await RedisCache.connect(redisUrl!, `msched-test:lookup:${randomBytes(4).toString('hex')}:`, true);
    run = (await redis.lookup('plain:', [])).stamp;
    twoStep = new TwoStepLookup(redis, run);
  });
  afterAll(() => redis?.close());

  /** The current generations of the stamp, as numbers. */
  const current = async () => (await redis.lookup(key, generations)).stamp.slice(run.length).split(',').map(Number);

  it("leads every stamp with the run id of the Redis process (INFO server), so a restored Redis's entries never match", async () => {
    expect(run).toMatch(/^[0-9a-f]{40}\/$/);
    const found = await redis.lookup(key, generations);
    expect(found.stamp.startsWith(run)).toBe(true);
    // Stored under another run (before a restart from a snapshot), with the very same generations.
    await redis.set(key, stampEntry(`${'0'.repeat(40)}/${found.stamp.slice(run.length)}`, '{"title":"restored"}'), 60);
    expect(await redis.lookup(key, generations)).toEqual({ stamp: found.stamp, value: null });
    await redis.delete(key);
  });

  it('misses before anything is stored; a generation never bumped starts at the current microsecond', async () => {
    const before = Date.now() * 1000;
    const found = await redis.lookup(key, generations);
    const after = Date.now() * 1000;
    expect(found.value).toBeNull();
    for (const generation of found.stamp.slice(run.length).split(',').map(Number)) {
      // Redis' clock and this one agree to within a minute on one machine.
      expect(generation).toBeGreaterThan(before - 60e6);
      expect(generation).toBeLessThan(after + 60e6);
    }
    expect(await twoStep.lookup(key, generations)).toEqual(found);
  });

  it('finds what was stored at the current generations, and nothing after a bump', async () => {
    const [wo, reference] = (await current()) as [number, number];
    await redis.bump(['gen:wo:1']);
    await redis.bump(['gen:wo:1']);
    const stamp = `${run}${wo + 2},${reference}`;
    expect(await redis.lookup(key, generations)).toEqual({ stamp, value: null });
    await redis.set(key, stampEntry(stamp, '{"title":"Replace pump seal"}'), 60);
    expect(await redis.lookup(key, generations)).toEqual({ stamp, value: '{"title":"Replace pump seal"}' });
    expect(await twoStep.lookup(key, generations)).toEqual({ stamp, value: '{"title":"Replace pump seal"}' });

    await redis.bump(['gen:org:o1:reference']);
    const bumped = `${run}${wo + 2},${reference + 1}`;
    expect(await redis.lookup(key, generations)).toEqual({ stamp: bumped, value: null });
    expect(await twoStep.lookup(key, generations)).toEqual({ stamp: bumped, value: null });
  });

  it('never takes an entry stamped with other generations, even one that starts alike', async () => {
    await redis.bump(['gen:wo:1']);
    const [wo, reference] = (await current()) as [number, number];
    const stamp = `${run}${wo},${reference}`;
    for (const stale of [
      `${wo},${reference}`,
      ...[`${wo},${reference}0`, `${wo},`, `${wo},${reference}x`, `1${wo},${reference}`, `${wo}`].map((g) => run + g),
    ]) {
      await redis.set(key, stampEntry(stale, '{"title":"stale"}'), 60);
      expect(await redis.lookup(key, generations)).toEqual({ stamp, value: null });
    }
    await redis.set(key, stampEntry(stamp, '{"title":"fresh"}'), 60);
    expect(await redis.lookup(key, generations)).toEqual({ stamp, value: '{"title":"fresh"}' });
  });

  it('a generation lost to eviction never comes back to a value an entry was stored at', async () => {
    const evict = (generation: string) => twoStep.delete(generation);
    const seen = new Set<string>();
    let stored = (await redis.lookup(key, generations)).stamp;
    await redis.set(key, stampEntry(stored, '{"title":"before the write"}'), 60);
    for (let round = 0; round < 3; round++) {
      seen.add(stored);
      // A write, then Redis drops the counter under memory pressure; further writes follow.
      await redis.bump(['gen:wo:1']);
      await evict('gen:wo:1');
      for (let write = 0; write < 3; write++) {
        const found = await redis.lookup(key, generations);
        expect(found.value, `round ${round}, write ${write}`).toBeNull();
        expect(seen.has(found.stamp)).toBe(false);
        await redis.bump(['gen:wo:1']);
      }
      await evict('gen:wo:1');
      await redis.bump(['gen:wo:1']); // a write that finds the counter gone starts it anew
      expect((await redis.lookup(key, generations)).value).toBeNull();
      stored = (await redis.lookup(key, generations)).stamp;
    }
  });

  it("reports the keys of its database and the server's memory in bytes, as the in-process cache does", async () => {
    await redis.set(key, 'x', 60);
    const stats = await redis.stats();
    expect(stats.kind).toBe('redis');
    expect(stats.keys).toBeGreaterThanOrEqual(1);
    expect(stats.memory).toMatch(/^[1-9]\d* bytes$/);
    await redis.delete(key);
  });

  it('without generations the stamp is the run alone', async () => {
    await redis.set('plain:', stampEntry(run, '1'), 60);
    expect(await redis.lookup('plain:', [])).toEqual({ stamp: run, value: '1' });
  });
});
