import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReadThroughCache } from '../../src/platform/cache/read-through-cache';
import { OwedInvalidations } from '../../src/platform/cache/owed-invalidations';
import { RedisCache } from '../../src/platform/cache/redis-cache';
import type { Database } from '../../src/platform/db/database';
import { Metrics } from '../../src/platform/observability/metrics';
import { freshDatabase } from '../support/infrastructure';
import { RedisProcess, findRedisServer } from '../support/redis-process';

/**
 * Invalidations owed to a shared cache: a writer that could not reach Redis records them in the
 * database and announces them; every instance sharing the cache stops reading from it as soon as
 * it hears, makes the bumps, and reads from it again. An instance that starts, or listens again
 * after losing its connection, makes whatever is owed before it reads from the cache.
 *
 * On the database of the run (PGlite, or PostgreSQL with DATABASE_URL) and a redis-server child
 * process of its own; skipped where redis-server is not installed.
 */
const redisBinary = findRedisServer();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs} ms`);
    await sleep(20);
  }
}

describe.skipIf(!redisBinary)('owed cache invalidations, made by any instance that reaches the cache', () => {
  let redis: RedisProcess;
  let database: Database;
  let dispose: () => Promise<void>;
  let prefix: string;
  const opened: { close(): Promise<void> | void }[] = [];

  beforeAll(async () => {
    redis = await RedisProcess.start(redisBinary);
    ({ database, dispose } = await freshDatabase());
  });

  afterEach(async () => {
    for (const resource of opened.splice(0).reverse()) await resource.close();
  });

  afterAll(async () => {
    await dispose?.();
    await redis?.stop();
  });

  async function cache(scope = prefix): Promise<RedisCache> {
    const connected = await RedisCache.connect(redis.url, scope, true);
    opened.push(connected);
    return connected;
  }

  /** A started instance's cache layer over the shared database and Redis. */
  async function instance(scope = prefix): Promise<{ reads: ReadThroughCache; redisCache: RedisCache }> {
    const redisCache = await cache(scope);
    const reads = new ReadThroughCache(redisCache, new Metrics(false), database);
    await reads.onModuleInit();
    opened.push({ close: () => reads.onModuleDestroy() });
    return { reads, redisCache };
  }

  const owedRows = async (scope = prefix) =>
    Number(
      (
        await database.rows<{ count: string | number }>(
          sql`select count(*) as count from cache_owed_generations where cache_prefix = ${scope}`,
        )
      )[0]?.count,
    );

  /** A cached read whose loader answers the current `value`. */
  function reader(reads: ReadThroughCache, generation: string) {
    const source = { value: 'old', loads: 0 };
    const spec = { namespace: 'test', key: 'k', generations: [generation], ttlSeconds: 60 };
    const read = () =>
      reads.read<{ value: string }>(spec, async () => {
        source.loads++;
        return { value: source.value };
      });
    return { source, read };
  }

  it('an instance that starts makes what is owed before it reads from the cache', async () => {
    prefix = `msched-test:owed:${randomBytes(4).toString('hex')}:`;
    const redisCache = await cache();
    const before = await redisCache.generations(['gen:a', 'gen:b']);
    await new OwedInvalidations(database, prefix).record(['gen:a', 'gen:b', 'gen:a']);
    expect(await owedRows()).toBe(3);

    const { reads } = await instance();
    expect(reads.bypassing).toBe(false);
    expect(await owedRows()).toBe(0);
    const after = await redisCache.generations(['gen:a', 'gen:b']);
    expect(after[0]).toBe(before[0]! + 1);
    expect(after[1]).toBe(before[1]! + 1);
  });

  it('a notice makes a listening instance stop serving the old entry, bump, and use the cache again', async () => {
    prefix = `msched-test:owed:${randomBytes(4).toString('hex')}:`;
    const { reads } = await instance();
    const { source, read } = reader(reads, 'gen:wo:1');
    expect(await read()).toEqual({ value: 'old' });
    expect(await read()).toEqual({ value: 'old' });
    expect(source.loads).toBe(1);

    // A writer that lost Redis changed the value and recorded its bump as owed.
    source.value = 'new';
    await new OwedInvalidations(database, prefix).record(['gen:wo:1']);
    await eventually(() => source.loads === 1 && !reads.bypassing && owedRows().then((rows) => rows === 0));
    expect(await read()).toEqual({ value: 'new' });
    expect(await read()).toEqual({ value: 'new' });
    // Read from the database once after the bump, then from the cache again.
    expect(source.loads).toBe(2);
  });

  it('a notice for another cache (another key prefix) is not made here', async () => {
    prefix = `msched-test:owed:${randomBytes(4).toString('hex')}:`;
    const { reads } = await instance();
    const other = `msched-test:owed-other:${randomBytes(4).toString('hex')}:`;
    await new OwedInvalidations(database, other).record(['gen:wo:2']);
    // The notice of the other cache, and one of this cache after it: once this one is made, the
    // other has been heard and left alone.
    await new OwedInvalidations(database, prefix).record(['gen:wo:3']);
    await eventually(async () => (await owedRows()) === 0 && !reads.bypassing);
    expect(await owedRows(other)).toBe(1);
  });

  it('what cannot be bumped stays owed, and the cache unread, until Redis answers again', async () => {
    prefix = `msched-test:owed:${randomBytes(4).toString('hex')}:`;
    const { reads, redisCache } = await instance();
    const before = (await redisCache.generations(['gen:wo:4']))[0]!;
    await redis.kill();
    try {
      await new OwedInvalidations(database, prefix).record(['gen:wo:4']);
      await eventually(() => reads.bypassing);
      // Retried every second while Redis is away: still owed, still bypassing.
      await sleep(1_500);
      expect(reads.bypassing).toBe(true);
      expect(await owedRows()).toBe(1);
    } finally {
      await redis.restart();
    }
    await eventually(async () => !reads.bypassing && (await owedRows()) === 0, 15_000);
    // The restarted Redis kept nothing: the generation started again, above every earlier value.
    expect((await redisCache.generations(['gen:wo:4']))[0]).toBeGreaterThan(before);
  });

  it.skipIf(!process.env.DATABASE_URL)('a lost listening connection: what was owed meanwhile is made once it listens again', async () => {
    prefix = `msched-test:owed:${randomBytes(4).toString('hex')}:`;
    const { reads, redisCache } = await instance();
    const before = (await redisCache.generations(['gen:wo:5']))[0]!;
    // Owed while the listener is gone: recorded without a notice, as a writer whose notice was lost.
    await database.transaction(async () => {
      await database.rows(sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and application_name like '%:listen' and pid <> pg_backend_pid()`);
      await database.rows(sql`insert into cache_owed_generations (cache_prefix, generation) values (${prefix}, 'gen:wo:5')`);
    });
    await eventually(async () => (await owedRows()) === 0 && !reads.bypassing);
    expect((await redisCache.generations(['gen:wo:5']))[0]).toBe(before + 1);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'a listening connection gone silent counts as lost: the cache is bypassed until listening again',
    async () => {
      prefix = `msched-test:owed:${randomBytes(4).toString('hex')}:`;
      const { reads } = await instance();
      const [listener] = await database.rows<{ pid: number }>(sql`select pid from pg_stat_activity
      where datname = current_database() and application_name like '%:listen' order by backend_start desc limit 1`);
      // A stopped server process answers nothing and closes nothing, as a partition looks.
      process.kill(listener!.pid, 'SIGSTOP');
      try {
        await eventually(() => reads.bypassing, 20_000);
      } finally {
        process.kill(listener!.pid, 'SIGCONT');
      }
      await eventually(() => !reads.bypassing, 20_000);
      // Listening again on a new connection; the old one ends once its process runs again.
      const listeners = async () =>
        (
          await database.rows<{ pid: number }>(sql`select pid from pg_stat_activity
          where datname = current_database() and application_name like '%:listen'`)
        ).map((row) => row.pid);
      await eventually(async () => {
        const pids = await listeners();
        return pids.length === 1 && pids[0] !== listener!.pid;
      });
    },
  );
});
