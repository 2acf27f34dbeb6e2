import { Logger } from '@nestjs/common';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeReply } from '../http/serialized-json';
import { Metrics } from '../observability/metrics';
import { type CacheStats, MemoryCache } from './cache';
import { type CachedRead, ReadThroughCache, generationKeys } from './read-through-cache';

// The class logs every fall-back; the tests check metrics instead.
beforeAll(() => Logger.overrideLogger(false));

type Method = 'get' | 'set' | 'delete' | 'hit' | 'peek' | 'generations' | 'bump' | 'stats' | 'ping';

/**
 * A MemoryCache that can be taken down (every method rejects, like Redis during an outage) or
 * made to fail one method only; it counts the calls each method receives.
 */
class FlakyCache extends MemoryCache {
  down = false;
  readonly failing = new Set<Method>();
  readonly calls: Record<Method, number> = { get: 0, set: 0, delete: 0, hit: 0, peek: 0, generations: 0, bump: 0, stats: 0, ping: 0 };
  /** Optional hook run on every bump, after the failure check and before the counters move. */
  beforeBump: ((keys: readonly string[]) => Promise<void>) | undefined;
  /** Optional hook run on every bump once the counters have moved (the reply may still be "lost"). */
  afterBump: ((keys: readonly string[]) => Promise<void>) | undefined;

  private check(method: Method) {
    this.calls[method]++;
    if (this.down || this.failing.has(method)) return Promise.reject(new Error(`cache ${method} failed: connection refused`));
    return undefined;
  }

  override async get(key: string) {
    await this.check('get');
    return super.get(key);
  }
  override async set(key: string, value: string, ttlSeconds: number) {
    await this.check('set');
    return super.set(key, value, ttlSeconds);
  }
  override async delete(key: string) {
    await this.check('delete');
    return super.delete(key);
  }
  override async hit(key: string, windowSeconds: number, by?: number) {
    await this.check('hit');
    return super.hit(key, windowSeconds, by);
  }
  override async peek(key: string) {
    await this.check('peek');
    return super.peek(key);
  }
  override async generations(keys: readonly string[]) {
    await this.check('generations');
    return super.generations(keys);
  }
  override async bump(keys: readonly string[]) {
    await this.check('bump');
    await this.beforeBump?.(keys);
    await super.bump(keys);
    await this.afterBump?.(keys);
  }
  override async stats(): Promise<CacheStats> {
    await this.check('stats');
    return super.stats();
  }
  override async ping() {
    await this.check('ping');
  }
}

/** A promise whose settling the test decides. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks (and MemoryCache's async methods) run. */
const settle = async (rounds = 20) => {
  for (let index = 0; index < rounds; index++) await Promise.resolve();
};

const ORG = 'org-1';
const WORK_ORDER = 'wo-1';
const spec = (overrides: Partial<CachedRead> = {}): CachedRead => ({
  namespace: 'wo-detail',
  key: `${ORG}:${WORK_ORDER}:`,
  generations: [generationKeys.workOrder(WORK_ORDER), generationKeys.reference(ORG)],
  ttlSeconds: 3600,
  ...overrides,
});

async function counted(metrics: Metrics, result: 'hit' | 'miss' | 'error', namespace = 'wo-detail') {
  const samples = (await metrics.cacheRequests.get()).values;
  return samples
    .filter((sample) => sample.labels.result === result && sample.labels.namespace === namespace)
    .reduce((n, s) => n + s.value, 0);
}

async function invalidations(metrics: Metrics, result: 'ok' | 'error') {
  return (await metrics.cacheInvalidations.get()).values
    .filter((sample) => sample.labels.result === result)
    .reduce((n, s) => n + s.value, 0);
}

async function coalesced(metrics: Metrics, namespace = 'wo-detail') {
  return (await metrics.coalescedReads.get()).values
    .filter((sample) => sample.labels.namespace === namespace)
    .reduce((n, s) => n + s.value, 0);
}

/** A loader over a mutable "database" row that counts its calls. */
function source(initial: string) {
  const state = { value: initial, calls: 0 };
  const load = vi.fn(async () => {
    state.calls++;
    return { title: state.value };
  });
  return { state, load };
}

describe('ReadThroughCache over a working cache', () => {
  let cache: MemoryCache;
  let metrics: Metrics;
  let reads: ReadThroughCache;

  beforeEach(() => {
    cache = new MemoryCache();
    metrics = new Metrics(false);
    reads = new ReadThroughCache(cache, metrics);
  });
  afterEach(async () => {
    reads.close();
    await cache.close();
  });

  it('misses, loads and stores the first time; hits the second time without loading', async () => {
    const { load } = source('Pump leaking');
    expect(await reads.read(spec(), load)).toEqual({ title: 'Pump leaking' });
    expect(await reads.read(spec(), load)).toEqual({ title: 'Pump leaking' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(await counted(metrics, 'miss')).toBe(1);
    expect(await counted(metrics, 'hit')).toBe(1);
    expect(await counted(metrics, 'error')).toBe(0);
    expect(reads.bypassing).toBe(false);
  });

  it('answers a cached value as a fresh copy (JSON round trip), not the loader object itself', async () => {
    const loaded = { title: 'x', nested: { n: 1 } };
    await reads.read(spec(), async () => loaded);
    const second = await reads.read(spec(), async () => ({ title: 'never', nested: { n: 0 } }));
    expect(second).toEqual(loaded);
    expect(second).not.toBe(loaded);
  });

  it('remembers the text of what it stored and of what it parsed, so the answer is not serialized again', async () => {
    const loaded = { title: 'Pump leaking', dueDate: '2026-12-01T00:00:00.000Z' };
    const first = await reads.read(spec(), async () => loaded);
    expect(serializeReply(first)).toBe(JSON.stringify(loaded));
    const stored = (await cache.lookup(`wo-detail:${spec().key}:${spec().generations.join(',')}`, spec().generations)).value;
    const second = await reads.read(spec(), async () => ({ title: 'never', dueDate: null }));
    // The very text held in the cache, not a new serialization of the parsed copy.
    expect(serializeReply(second)).toBe(stored);
    // Anything else (here a copy made by the caller) is serialized as usual.
    const presented = { ...second, allowedNextStates: ['SCHEDULED'] };
    expect(serializeReply(presented)).toBe(JSON.stringify(presented));
  });

  it('keeps reads with different keys or namespaces apart', async () => {
    await reads.read(spec(), async () => 'detail of wo-1');
    expect(await reads.read(spec({ key: `${ORG}:wo-2:` }), async () => 'detail of wo-2')).toBe('detail of wo-2');
    expect(await reads.read(spec({ namespace: 'wo-list' }), async () => 'a list')).toBe('a list');
    expect(await reads.read(spec(), async () => 'never loaded')).toBe('detail of wo-1');
  });

  const bumps: [string, (c: MemoryCache, r: ReadThroughCache) => Promise<unknown>][] = [
    ['the work order generation, bumped directly', (c) => c.bump([generationKeys.workOrder(WORK_ORDER)])],
    ['the reference generation, bumped directly', (c) => c.bump([generationKeys.reference(ORG)])],
    ['the work order generation, through invalidate', (_c, r) => r.invalidate([generationKeys.workOrder(WORK_ORDER)])],
    ['the reference generation, through invalidate', (_c, r) => r.invalidate([generationKeys.reference(ORG)])],
    [
      'both generations at once, through invalidate',
      (_c, r) => r.invalidate([generationKeys.workOrder(WORK_ORDER), generationKeys.reference(ORG)]),
    ],
  ];
  it.each(bumps)('a bump of %s makes the next read miss and load the new value', async (_name, bump) => {
    const { state, load } = source('before');
    await reads.read(spec(), load);
    await reads.read(spec(), load);
    expect(load).toHaveBeenCalledTimes(1);

    state.value = 'after';
    await bump(cache, reads);

    expect(await reads.read(spec(), load)).toEqual({ title: 'after' });
    expect(load).toHaveBeenCalledTimes(2);
    // …and the new value is cached in turn.
    expect(await reads.read(spec(), load)).toEqual({ title: 'after' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(await counted(metrics, 'miss')).toBe(2);
    expect(await counted(metrics, 'hit')).toBe(2);
  });

  it('every bump counts: three successive writes give three fresh values', async () => {
    const { state, load } = source('v0');
    for (let version = 1; version <= 3; version++) {
      expect(await reads.read(spec(), load)).toEqual({ title: `v${version - 1}` });
      state.value = `v${version}`;
      await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
      expect(await reads.read(spec(), load)).toEqual({ title: `v${version}` });
    }
    expect(await invalidations(metrics, 'ok')).toBe(3);
  });

  it('unrelated bumps (another work order, another organization, an unknown generation) do not invalidate', async () => {
    const { state, load } = source('cached');
    await reads.read(spec(), load);
    state.value = 'changed';
    await reads.invalidate([generationKeys.workOrder('wo-2')]);
    await reads.invalidate([generationKeys.reference('org-2'), generationKeys.workOrders('org-2')]);
    await cache.bump(['gen:something-else']);
    // The detail does not depend on the organization's work-order list generation.
    await reads.invalidate([generationKeys.workOrders(ORG)]);
    expect(await reads.read(spec(), load)).toEqual({ title: 'cached' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('invalidating nothing is a no-op', async () => {
    await expect(reads.invalidate([])).resolves.toBe('made');
    expect(await invalidations(metrics, 'ok')).toBe(0);
    expect(reads.bypassing).toBe(false);
  });

  it('500 concurrent reads of one cold key call the loader exactly once and all get the value', async () => {
    const gate = deferred();
    let calls = 0;
    const load = async () => {
      calls++;
      await gate.promise;
      return { title: 'loaded once', at: calls };
    };
    const all = Promise.all(Array.from({ length: 500 }, () => reads.read(spec(), load)));
    await settle();
    gate.resolve();
    const values = await all;
    expect(calls).toBe(1);
    expect(values).toHaveLength(500);
    for (const value of values) expect(value).toEqual({ title: 'loaded once', at: 1 });
    expect(await coalesced(metrics)).toBe(499);
    expect(await counted(metrics, 'miss')).toBe(1);
    // The value was stored once and now serves everyone.
    expect(await reads.read(spec(), load)).toEqual({ title: 'loaded once', at: 1 });
    expect(calls).toBe(1);
  });

  it('500 concurrent reads of one cold key with an instant loader still load once', async () => {
    const { load } = source('instant');
    const values = await Promise.all(Array.from({ length: 500 }, () => reads.read(spec(), load)));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(values.map((value) => JSON.stringify(value)))).toEqual(new Set([JSON.stringify({ title: 'instant' })]));
  });

  it('once the value is cached, a concurrent burst does not call the loader', async () => {
    const { load } = source('warm');
    await reads.read(spec(), load);
    const values = await Promise.all(Array.from({ length: 500 }, () => reads.read(spec(), load)));
    expect(load).toHaveBeenCalledTimes(1);
    for (const value of values) expect(value).toEqual({ title: 'warm' });
    expect(await counted(metrics, 'miss')).toBe(1);
  });

  it('a loader error reaches every waiter and is not cached', async () => {
    const gate = deferred();
    let calls = 0;
    const failing = async () => {
      calls++;
      await gate.promise;
      throw new Error('database timeout');
    };
    const waiters = Array.from({ length: 50 }, () => reads.read(spec(), failing));
    const outcomes = Promise.allSettled(waiters);
    await settle();
    gate.resolve();
    const settled = await outcomes;
    expect(calls).toBe(1);
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      expect(((outcome as PromiseRejectedResult).reason as Error).message).toBe('database timeout');
    }
    // Nothing was stored: the next read loads again, and succeeds.
    const { load } = source('recovered');
    expect(await reads.read(spec(), load)).toEqual({ title: 'recovered' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(await reads.read(spec(), load)).toEqual({ title: 'recovered' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a read that starts after a write was acknowledged does not join a load that began before the write', async () => {
    const database = { title: 'before the write' };
    const gate = deferred();
    const slowLoad = async () => {
      const snapshot = database.title;
      await gate.promise;
      return snapshot;
    };
    const early = reads.read(spec(), slowLoad);
    await settle();
    database.title = 'after the write';
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
    const late = reads.read(spec(), async () => database.title);
    gate.resolve();
    expect(await early).toBe('before the write');
    expect(await late).toBe('after the write');
    // The early load, stored under the old generation, is unreachable.
    expect(await reads.read(spec(), async () => 'not loaded')).toBe('after the write');
  });

  it('a loader that answers null is cached like any value (a missing row stays missing until a bump)', async () => {
    const load = vi.fn(async () => null);
    expect(await reads.read(spec(), load)).toBeNull();
    expect(await reads.read(spec(), load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
    expect(await reads.read(spec(), async () => ({ title: 'created' }))).toEqual({ title: 'created' });
  });
});

describe('ReadThroughCache when the cache fails (fail open)', () => {
  let cache: FlakyCache;
  let metrics: Metrics;
  let reads: ReadThroughCache;

  beforeEach(() => {
    cache = new FlakyCache();
    metrics = new Metrics(false);
    reads = new ReadThroughCache(cache, metrics);
  });
  afterEach(async () => {
    vi.useRealTimers();
    reads.close();
    await cache.close();
  });

  it('with every cache method rejecting, reads call the loader, answer its value, and count errors', async () => {
    cache.down = true;
    const { state, load } = source('from the database');
    expect(await reads.read(spec(), load)).toEqual({ title: 'from the database' });
    state.value = 'changed in the database';
    expect(await reads.read(spec(), load)).toEqual({ title: 'changed in the database' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(await counted(metrics, 'error')).toBe(2);
    expect(await counted(metrics, 'hit')).toBe(0);
    expect(await counted(metrics, 'miss')).toBe(0);
    // A read failing open is not an owed invalidation.
    expect(reads.bypassing).toBe(false);
  });

  // Without shared generations an instance cannot tell whether a write was answered since a
  // load began, so it does not coalesce at all: correctness over database load during an outage.
  it('while the cache is down, every read goes to the database on its own', async () => {
    cache.down = true;
    const gate = deferred();
    let calls = 0;
    const load = async () => {
      calls++;
      await gate.promise;
      return 'db';
    };
    const all = Promise.all(Array.from({ length: 100 }, () => reads.read(spec(), load)));
    await settle();
    gate.resolve();
    expect(await all).toEqual(Array.from({ length: 100 }, () => 'db'));
    expect(calls).toBe(100);
  });

  it('when only get fails, the read answers from the loader and counts an error', async () => {
    cache.failing.add('get');
    const { load } = source('db');
    expect(await reads.read(spec(), load)).toEqual({ title: 'db' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(await counted(metrics, 'error')).toBe(1);
  });

  it('when only set fails, the read still answers the loaded value and counts an error', async () => {
    cache.failing.add('set');
    const { load } = source('db');
    expect(await reads.read(spec(), load)).toEqual({ title: 'db' });
    expect(await reads.read(spec(), load)).toEqual({ title: 'db' });
    expect(load).toHaveBeenCalledTimes(2);
    expect(await counted(metrics, 'miss')).toBe(2);
    expect(await counted(metrics, 'error')).toBe(2);
  });

  it('a loader error while the cache is down still reaches the caller', async () => {
    cache.down = true;
    await expect(
      reads.read(spec(), async () => {
        throw new Error('database down too');
      }),
    ).rejects.toThrow('database down too');
  });

  it('the cache coming back after an outage is used again (hits) when no invalidation was lost', async () => {
    const { load } = source('v1');
    cache.down = true;
    await reads.read(spec(), load);
    cache.down = false;
    await reads.read(spec(), load);
    await reads.read(spec(), load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(await counted(metrics, 'hit')).toBe(1);
  });

  it('a failed invalidate makes reads bypass the cache until the owed bump is retried; the old entry is never served again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { state, load } = source('before the write');
    await reads.read(spec(), load);
    expect(await reads.read(spec(), load)).toEqual({ title: 'before the write' });
    expect(load).toHaveBeenCalledTimes(1);

    // A write commits, then its bump fails.
    state.value = 'after the write';
    cache.failing.add('bump');
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
    expect(reads.bypassing).toBe(true);
    expect(await invalidations(metrics, 'error')).toBe(1);

    // Reads go to the loader, and never touch the cache (no generations, get or set).
    const before = { ...cache.calls };
    for (let index = 0; index < 3; index++) expect(await reads.read(spec(), load)).toEqual({ title: 'after the write' });
    expect(load).toHaveBeenCalledTimes(4);
    expect(cache.calls.generations).toBe(before.generations);
    expect(cache.calls.get).toBe(before.get);
    expect(cache.calls.set).toBe(before.set);

    // A retry while the cache still fails keeps bypassing.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(cache.calls.bump).toBeGreaterThan(before.bump);
    expect(reads.bypassing).toBe(true);
    expect(await reads.read(spec(), load)).toEqual({ title: 'after the write' });

    // The cache works again: the next retry bumps, and the bypass ends.
    cache.failing.delete('bump');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads.bypassing).toBe(false);
    expect(await invalidations(metrics, 'ok')).toBe(1);

    // The entry cached before the failed bump is unreachable: this read misses and loads.
    const loadsBefore = load.mock.calls.length;
    expect(await reads.read(spec(), load)).toEqual({ title: 'after the write' });
    expect(load).toHaveBeenCalledTimes(loadsBefore + 1);
    // …and reads are cached again.
    expect(await reads.read(spec(), load)).toEqual({ title: 'after the write' });
    expect(load).toHaveBeenCalledTimes(loadsBefore + 1);
  });

  it('with real timers, the owed bump goes through about a second after the cache recovers', async () => {
    const { state, load } = source('old');
    await reads.read(spec(), load);
    state.value = 'new';
    cache.down = true;
    await reads.invalidate([generationKeys.reference(ORG)]);
    expect(reads.bypassing).toBe(true);
    cache.down = false;
    expect(await reads.read(spec(), load)).toEqual({ title: 'new' });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(reads.bypassing).toBe(false);
    expect(await reads.read(spec(), load)).toEqual({ title: 'new' });
    expect(await reads.read(spec(), load)).toEqual({ title: 'new' });
    expect(await counted(metrics, 'hit')).toBeGreaterThanOrEqual(1);
  });

  it('owed bumps of several failed invalidations are all retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const detail = source('detail v1');
    const list = source('list v1');
    const listSpec = spec({
      namespace: 'wo-list',
      key: 'org:all',
      generations: [generationKeys.workOrders(ORG), generationKeys.reference(ORG)],
    });
    await reads.read(spec(), detail.load);
    await reads.read(listSpec, list.load);

    cache.failing.add('bump');
    detail.state.value = 'detail v2';
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
    list.state.value = 'list v2';
    await reads.invalidate([generationKeys.workOrders(ORG)]);
    expect(reads.bypassing).toBe(true);

    cache.failing.delete('bump');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads.bypassing).toBe(false);
    expect(await reads.read(spec(), detail.load)).toEqual({ title: 'detail v2' });
    expect(await reads.read(listSpec, list.load)).toEqual({ title: 'list v2' });
  });

  it('a read that starts after a write was acknowledged does not join a load that began before the write (bypass mode)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // An earlier write's bump failed: this instance bypasses the cache.
    cache.failing.add('bump');
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
    expect(reads.bypassing).toBe(true);

    const database = { title: 'before the write' };
    const gate = deferred();
    // A slow read starts: it reads the row now, answers when the gate opens.
    const slowLoad = async () => {
      const snapshot = database.title;
      await gate.promise;
      return snapshot;
    };
    const early = reads.read(spec(), slowLoad);
    await settle();

    // A write commits and is acknowledged (its bump fails too, the cache is still out).
    database.title = 'after the write';
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);

    // The client now reads what it just wrote.
    const late = reads.read(spec(), async () => database.title);
    gate.resolve();
    expect(await early).toBe('before the write');
    expect(await late).toBe('after the write');
  });

  it('a read that starts after a write was acknowledged does not join a load that began before the write (cache unreachable)', async () => {
    cache.down = true;
    const database = { title: 'before the write' };
    const gate = deferred();
    const slowLoad = async () => {
      const snapshot = database.title;
      await gate.promise;
      return snapshot;
    };
    const early = reads.read(spec(), slowLoad);
    await settle();

    database.title = 'after the write';
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);

    const late = reads.read(spec(), async () => database.title);
    gate.resolve();
    expect(await early).toBe('before the write');
    expect(await late).toBe('after the write');
  });

  it('an invalidation that fails while a retry is in flight is not forgotten when that retry succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Two instances over one shared cache, as in production.
    const otherMetrics = new Metrics(false);
    const other = new ReadThroughCache(cache, otherMetrics);
    const database = { title: 'v1' };
    const load = async () => ({ title: database.title });
    try {
      // Write 1 commits; its bump fails. This instance owes a bump and bypasses.
      database.title = 'v2';
      cache.failing.add('bump');
      await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
      expect(reads.bypassing).toBe(true);

      // The cache recovers; the retry's INCR reaches it, but its reply is slow to come back.
      cache.failing.delete('bump');
      const reply = deferred();
      let armed = true;
      cache.afterBump = () => {
        if (!armed) return Promise.resolve();
        armed = false;
        return reply.promise;
      };
      await vi.advanceTimersByTimeAsync(1_000);
      await settle();
      expect(armed).toBe(false);
      expect(await cache.generations([generationKeys.workOrder(WORK_ORDER)])).not.toEqual([0]);

      // Meanwhile the other instance reads v2 under the new generation and caches it.
      expect(await other.read(spec(), load)).toEqual({ title: 'v2' });

      // Write 2 commits on this instance; its bump fails (the cache flaps again).
      database.title = 'v3';
      cache.failing.add('bump');
      await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
      cache.failing.delete('bump');

      // The first retry's reply arrives: it covered write 1 only.
      reply.resolve();
      await settle();
      await vi.advanceTimersByTimeAsync(5_000);

      // Write 2's bump is still owed, or has been retried: neither instance may serve v2 now.
      expect(await reads.read(spec(), load)).toEqual({ title: 'v3' });
      expect(await other.read(spec(), load)).toEqual({ title: 'v3' });
    } finally {
      other.close();
    }
  });

  it('close stops the retry timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    cache.failing.add('bump');
    await reads.invalidate([generationKeys.workOrder(WORK_ORDER)]);
    const bumps = cache.calls.bump;
    reads.close();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(cache.calls.bump).toBe(bumps);
  });
});
