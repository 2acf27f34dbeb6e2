import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { RedisCache } from '../../src/platform/cache/redis-cache';
import type { Database } from '../../src/platform/db/database';
import { Metrics } from '../../src/platform/observability/metrics';
import { type OrganizationFixture, TEST_PASSWORD, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { RedisProcess, TcpProxy, findRedisServer } from '../support/redis-process';
import { type ApiResponse, client, login, testConfig } from '../support/server';

/**
 * The cache fails open: with Redis gone, every endpoint answers from the database, correctly and
 * without a 5xx (only /api/health says 503); once Redis is back the cache is used again, and
 * nothing written during the outage is hidden behind an old cached answer.
 *
 * These tests run their own redis-server child processes (to kill and restart them), so the
 * whole file is skipped where redis-server is not installed (neither /usr/bin/redis-server nor
 * one on PATH). They do not use REDIS_URL.
 */
const redisBinary = findRedisServer();
const redisServerAvailable = redisBinary !== undefined;

const config = testConfig();

type Api = ReturnType<typeof client>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stack {
  app: NestFastifyApplication;
  baseUrl: string;
  cache: RedisCache;
  database: Database;
  org: OrganizationFixture;
  admin: Api;
  planner: Api;
  manager: Api;
  close: () => Promise<void>;
}

/** A server over `database` and a RedisCache at `redisUrl` (key prefix `prefix`). */
async function startServer(database: Database, redisUrl: string, prefix: string) {
  const cache = await RedisCache.connect(redisUrl, prefix, true);
  const app = await createApp({ config, database, cache, metrics: new Metrics(false) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { app, cache, baseUrl };
}

/** One server over a fresh database and a RedisCache at `redisUrl`, with an organization and logged-in users. */
async function startStack(redisUrl: string, prefix = `msched-test:outage:${randomBytes(4).toString('hex')}:`): Promise<Stack> {
  const { database, dispose } = await freshDatabase();
  const { app, cache, baseUrl } = await startServer(database, redisUrl, prefix);
  const org = await createOrganization(database, `out${randomBytes(3).toString('hex')}`);
  const [admin, planner, manager] = await Promise.all(
    [org.users.admin.email, org.users.planner.email, org.users.manager.email].map(async (email) =>
      client(baseUrl, await login(baseUrl, email)),
    ),
  );
  return {
    app,
    baseUrl,
    cache,
    database,
    org,
    admin: admin!,
    planner: planner!,
    manager: manager!,
    close: async () => {
      await app.close();
      await cache.close();
      await dispose();
    },
  };
}

interface CacheStatsBody {
  kind: string;
  keys: number;
  memory: string;
  hits: number;
  misses: number;
  errors: number;
  bypassing: boolean;
}

/** Every answer seen by a test, to check that none was a 5xx. */
function recorder() {
  const seen: string[] = [];
  const expectOk = async <T = any>(label: string, response: Promise<ApiResponse<T>>, status = 200): Promise<T> => {
    const answered = await response;
    seen.push(`${label} → ${answered.status}`);
    expect(answered.status, `${label}: ${JSON.stringify(answered.body)}`).toBe(status);
    return answered.body;
  };
  return { seen, expectOk, serverErrors: () => seen.filter((line) => / → 5\d\d$/.test(line)) };
}

async function stats(api: Api): Promise<CacheStatsBody> {
  const response = await api.get<CacheStatsBody>('/api/v1/admin/cache/stats');
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** Polls until `check` passes or the time is up; answers how long it took. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 200): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(everyMs);
  }
  throw new Error(`not reached within ${timeoutMs} ms`);
}

// Skipped without a redis-server binary: the tests must start, kill and restart one themselves.
describe.skipIf(!redisServerAvailable)('cache outage: Redis killed and restarted', () => {
  let redis: RedisProcess;
  let stack: Stack;
  let workOrderId: string;
  let secondWorkOrderId: string;
  let statsBeforeOutage: CacheStatsBody;
  /** The work order's version after the last write made during the outage. */
  let versionAfterOutage: number;
  const { expectOk, serverErrors, seen } = recorder();
  const paths = {
    list: '/api/v1/work-orders?limit=100',
    search: '/api/v1/work-orders/search?q=Outage',
    dashboard: '/api/v1/work-orders/dashboard/stats',
    detail: () => `/api/v1/work-orders/${workOrderId}?include=tasks,equipment`,
    history: () => `/api/v1/equipment/${stack.org.equipmentId}/history`,
    schedule: () => `/api/v1/technicians/${stack.org.technicianId}/schedule?start=2031-03-03T00:00:00.000Z&end=2031-03-10T00:00:00.000Z`,
  };

  beforeAll(async () => {
    redis = await RedisProcess.start(redisBinary);
    stack = await startStack(redis.url);
    const created = await expectOk(
      'create',
      stack.planner.post('/api/v1/work-orders', { title: 'Outage pump', equipmentId: stack.org.equipmentId, tasks: [{ title: 'Look' }] }),
      201,
    );
    workOrderId = created.id;
    const second = await expectOk(
      'create',
      stack.planner.post('/api/v1/work-orders', { title: 'Outage valve', equipmentId: stack.org.equipmentId }),
      201,
    );
    secondWorkOrderId = second.id;
    await expectOk(
      'assign',
      stack.planner.post(`/api/v1/work-orders/${secondWorkOrderId}/assign`, {
        technicianId: stack.org.technicianId,
        scheduledStartTime: '2031-03-04T08:00:00.000Z',
        scheduledEndTime: '2031-03-04T10:00:00.000Z',
        force: true,
      }),
    );
  });

  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('fills the cache while Redis is up: repeated reads are hits', async () => {
    const health = await stack.admin.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.cache).toMatchObject({ status: 'up', detail: 'redis' });
    const before = await stats(stack.admin);
    for (const path of [paths.list, paths.search, paths.dashboard, paths.detail(), paths.history(), paths.schedule()]) {
      await expectOk(`warm ${path}`, stack.admin.get(path));
      await expectOk(`warm ${path}`, stack.admin.get(path));
    }
    statsBeforeOutage = await stats(stack.admin);
    expect(statsBeforeOutage).toMatchObject({ kind: 'redis', bypassing: false });
    expect(statsBeforeOutage.keys).toBeGreaterThan(0);
    expect(statsBeforeOutage.hits - before.hits).toBe(6);
  });

  it('with Redis killed (SIGKILL), every endpoint answers correctly from the database, without a 5xx', async () => {
    await redis.kill();
    const { admin, planner, manager, org } = stack;

    // Logging in needs the login throttle's counters, which live in Redis: it must not refuse.
    const token = await expectOk(
      'login',
      client(stack.baseUrl).post('/api/v1/auth/login', { email: org.users.planner.email, password: TEST_PASSWORD }),
    );
    expect(token.accessToken).toEqual(expect.any(String));
    const freshPlanner = client(stack.baseUrl, token.accessToken);
    await expectOk('me', freshPlanner.get('/api/v1/auth/me'));

    // Reads: same answers as before the outage.
    const list = await expectOk('list', admin.get(paths.list));
    expect(list.data.map((w: any) => w.id)).toEqual(expect.arrayContaining([workOrderId, secondWorkOrderId]));
    expect((await expectOk('search', admin.get(paths.search))).total).toBe(2);
    expect(await expectOk('detail', admin.get(paths.detail()))).toMatchObject({ id: workOrderId, title: 'Outage pump', status: 'OPEN' });
    const dashboard = await expectOk('dashboard', admin.get(paths.dashboard));
    expect(dashboard).toMatchObject({ totalWorkOrders: 2, openWorkOrders: 2, highPriorityWorkOrders: 0 });
    expect((await expectOk('history', admin.get(paths.history()))).total).toBe(0);
    expect((await expectOk('schedule', admin.get(paths.schedule()))).workOrders.map((w: any) => w.id)).toEqual([secondWorkOrderId]);
    await expectOk('performance', admin.get(`/api/v1/technicians/${org.technicianId}/performance`));
    await expectOk('technicians', admin.get('/api/v1/technicians'));
    await expectOk('parts', admin.get('/api/v1/parts'));

    // Writes succeed, and what they changed is read back at once.
    const patched = await expectOk(
      'patch',
      freshPlanner.patch(`/api/v1/work-orders/${workOrderId}`, { title: 'Outage pump (edited during outage)', priority: 'CRITICAL' }),
    );
    expect(patched).toMatchObject({ title: 'Outage pump (edited during outage)', priority: 'CRITICAL', version: 2 });
    expect(await expectOk('detail after patch', admin.get(paths.detail()))).toMatchObject({
      title: 'Outage pump (edited during outage)',
      priority: 'CRITICAL',
      version: 2,
    });
    expect((await expectOk('list after patch', admin.get(paths.list))).data.find((w: any) => w.id === workOrderId)).toMatchObject({
      title: 'Outage pump (edited during outage)',
    });
    expect(await expectOk('dashboard after patch', admin.get(paths.dashboard))).toMatchObject({ highPriorityWorkOrders: 1 });

    await expectOk('status', planner.post(`/api/v1/work-orders/${secondWorkOrderId}/status`, { status: 'IN_PROGRESS' }));
    const tasks = await expectOk('task', planner.post(`/api/v1/work-orders/${workOrderId}/tasks`, { title: 'Added during outage' }), 201);
    await expectOk('status', planner.post(`/api/v1/work-orders/${secondWorkOrderId}/status`, { status: 'COMPLETED' }));
    const history = await expectOk('history after completion', admin.get(paths.history()));
    expect(history.total).toBe(1);
    expect(history.data[0]).toMatchObject({ id: secondWorkOrderId, status: 'COMPLETED' });
    expect(await expectOk('dashboard after completion', admin.get(paths.dashboard))).toMatchObject({ openWorkOrders: 1 });
    expect((await expectOk('detail after task', admin.get(paths.detail()))).tasks.map((t: any) => t.id)).toContain(tasks.id);

    const equipment = await expectOk(
      'equipment patch',
      manager.patch(`/api/v1/equipment/${org.equipmentId}`, { name: 'Feed pump (renamed in outage)' }),
    );
    expect(equipment.name).toBe('Feed pump (renamed in outage)');
    const afterEquipment = await expectOk('detail after equipment', admin.get(paths.detail()));
    expect(afterEquipment.equipment.name).toBe('Feed pump (renamed in outage)');
    versionAfterOutage = afterEquipment.version;
    await expectOk('create', planner.post('/api/v1/work-orders', { title: 'Created during outage', equipmentId: org.equipmentId }), 201);
    expect((await expectOk('search after create', admin.get(paths.search))).total).toBe(3);

    // The stats endpoint still answers: the cache is unavailable, errors are counted, and reads bypass it.
    const during = await stats(admin);
    expect(during.keys).toBe(-1);
    expect(during.memory).toMatch(/^unavailable/);
    expect(during.errors).toBeGreaterThan(statsBeforeOutage.errors);
    expect(during.bypassing).toBe(true);
    expect(during.hits).toBe(statsBeforeOutage.hits);

    expect(serverErrors()).toEqual([]);
    expect(seen.length).toBeGreaterThan(20);
  });

  it('/api/health reports the cache down during the outage (503 is acceptable there only)', async () => {
    const health = await stack.admin.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      status: 'error',
      checks: { database: { status: 'up' }, cache: { status: 'down', detail: 'redis' } },
    });
  });

  it('restarted on the same port, Redis is used again within seconds: bypassing ends and repeated reads are hits', async () => {
    await redis.restart();
    const tookMs = await eventually(async () => {
      const before = await stats(stack.admin);
      if (before.bypassing) return false;
      await expectOk('list after recovery', stack.admin.get(paths.list));
      const middle = await stats(stack.admin);
      await expectOk('list after recovery', stack.admin.get(paths.list));
      const after = await stats(stack.admin);
      return !after.bypassing && after.hits > middle.hits && after.errors === before.errors;
    });
    expect(tookMs).toBeLessThan(10_000);
    const recovered = await stats(stack.admin);
    expect(recovered).toMatchObject({ kind: 'redis', bypassing: false });
    expect(recovered.keys).toBeGreaterThan(0);
    const health = await stack.admin.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.cache.status).toBe('up');
  });

  it('after recovery no stale value is served: the writes made during the outage are read back, twice (miss, then hit)', async () => {
    for (let round = 0; round < 2; round++) {
      const detail = await expectOk('detail after recovery', stack.admin.get(paths.detail()));
      expect(detail).toMatchObject({ title: 'Outage pump (edited during outage)', priority: 'CRITICAL', version: versionAfterOutage });
      expect(detail.tasks).toHaveLength(2);
      expect(detail.equipment.name).toBe('Feed pump (renamed in outage)');
      const list = await expectOk('list after recovery', stack.admin.get(paths.list));
      expect(list.total).toBe(3);
      expect(list.data.find((w: any) => w.id === workOrderId).title).toBe('Outage pump (edited during outage)');
      expect(await expectOk('dashboard after recovery', stack.admin.get(paths.dashboard))).toMatchObject({
        totalWorkOrders: 3,
        openWorkOrders: 2,
        highPriorityWorkOrders: 1,
      });
      expect((await expectOk('history after recovery', stack.admin.get(paths.history()))).total).toBe(1);
      expect((await expectOk('search after recovery', stack.admin.get(paths.search))).total).toBe(3);
    }
    // A write after recovery is seen at once as well (bumps go through again).
    const before = await stats(stack.admin);
    await expectOk('patch after recovery', stack.planner.patch(`/api/v1/work-orders/${workOrderId}`, { title: 'Edited after recovery' }));
    expect((await expectOk('detail', stack.admin.get(paths.detail()))).title).toBe('Edited after recovery');
    const after = await stats(stack.admin);
    expect(after.bypassing).toBe(false);
    expect(after.errors).toBe(before.errors);
    expect(serverErrors()).toEqual([]);
  });
});

// Skipped without a redis-server binary (see above).
describe.skipIf(!redisServerAvailable)('cache outage: Redis restarted from a snapshot taken before a write', () => {
  let redis: RedisProcess;
  let snapshotDir: string;
  let stack: Stack;
  const { expectOk, serverErrors } = recorder();

  beforeAll(async () => {
    snapshotDir = mkdtempSync(join(tmpdir(), 'msched-redis-snapshot-'));
    redis = await RedisProcess.start(redisBinary, undefined, { snapshotDir });
    stack = await startStack(redis.url);
  });

  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
    rmSync(snapshotDir, { recursive: true, force: true });
  });

  it('never serves what was cached before the write: the snapshot brings back old generations and entries alike', async () => {
    const id = (
      await expectOk(
        'create',
        stack.planner.post('/api/v1/work-orders', { title: 'Snapshot pump', equipmentId: stack.org.equipmentId }),
        201,
      )
    ).id as string;
    const detail = `/api/v1/work-orders/${id}`;
    const list = '/api/v1/work-orders?limit=100';
    for (let round = 0; round < 2; round++) {
      expect(await expectOk('detail', stack.admin.get(detail))).toMatchObject({ title: 'Snapshot pump', version: 1 });
      await expectOk('list', stack.admin.get(list));
    }
    expect((await stats(stack.admin)).hits).toBeGreaterThan(0);
    // The snapshot holds the cached entries and the generations they were stamped with.
    await redis.save();
    await expectOk('patch', stack.planner.patch(detail, { title: 'Snapshot pump (edited)' }));
    expect(await expectOk('detail', stack.admin.get(detail))).toMatchObject({ title: 'Snapshot pump (edited)', version: 2 });

    await redis.kill();
    await redis.restart();
    // Every read from now on gets the edit, while the instance reconnects (from the database)
    // and once it caches again (hits, from entries stored under the restarted Redis).
    await eventually(async () => {
      const before = await stats(stack.admin);
      for (let round = 0; round < 2; round++) {
        expect(await expectOk('detail after restore', stack.admin.get(detail))).toMatchObject({
          title: 'Snapshot pump (edited)',
          version: 2,
        });
        const listed = await expectOk('list after restore', stack.admin.get(list));
        expect(listed.data.find((workOrder: { id: string }) => workOrder.id === id)).toMatchObject({ title: 'Snapshot pump (edited)' });
      }
      const after = await stats(stack.admin);
      return !after.bypassing && after.hits >= before.hits + 2;
    });
    expect(serverErrors()).toEqual([]);
  });
});

// Skipped without a redis-server binary (see above).
describe.skipIf(!redisServerAvailable)('cache outage: a network partition from Redis, which keeps its data', () => {
  let redis: RedisProcess;
  let proxy: TcpProxy;
  let stack: Stack;
  let workOrderId: string;
  const { expectOk, serverErrors } = recorder();

  beforeAll(async () => {
    redis = await RedisProcess.start(redisBinary);
    proxy = await TcpProxy.start(redis.port);
    stack = await startStack(proxy.url);
    workOrderId = (
      await expectOk(
        'create',
        stack.planner.post('/api/v1/work-orders', { title: 'Partition pump', equipmentId: stack.org.equipmentId }),
        201,
      )
    ).id;
  });

  afterAll(async () => {
    await stack?.close();
    await proxy?.close();
    await redis?.stop();
  });

  it('a write whose invalidation was lost during the partition is never hidden by the entry cached before it', async () => {
    const detail = `/api/v1/work-orders/${workOrderId}`;
    const list = '/api/v1/work-orders?limit=100';
    for (let round = 0; round < 2; round++) {
      expect(await expectOk('detail', stack.admin.get(detail))).toMatchObject({ title: 'Partition pump', version: 1 });
      expect((await expectOk('list', stack.admin.get(list))).data[0].title).toBe('Partition pump');
    }
    const warmed = await stats(stack.admin);
    expect(warmed.hits).toBeGreaterThanOrEqual(2);

    proxy.cut();
    // The write commits; its generation bump cannot reach Redis.
    await expectOk('patch during partition', stack.planner.patch(detail, { title: 'Partition pump (edited)' }));
    const during = await stats(stack.admin);
    expect(during.bypassing).toBe(true);
    expect((await expectOk('detail during partition', stack.admin.get(detail))).title).toBe('Partition pump (edited)');
    expect((await expectOk('list during partition', stack.admin.get(list))).data[0].title).toBe('Partition pump (edited)');

    proxy.restore();
    await eventually(async () => !(await stats(stack.admin)).bypassing);
    // Redis kept the entries cached before the write (under the old generations): they must stay unreachable.
    expect((await stats(stack.admin)).keys).toBeGreaterThanOrEqual(warmed.keys);
    for (let round = 0; round < 2; round++) {
      expect(await expectOk('detail after partition', stack.admin.get(detail))).toMatchObject({
        title: 'Partition pump (edited)',
        version: 2,
      });
      expect((await expectOk('list after partition', stack.admin.get(list))).data[0].title).toBe('Partition pump (edited)');
    }
    const after = await stats(stack.admin);
    expect(after.hits).toBeGreaterThan(warmed.hits);
    expect(serverErrors()).toEqual([]);
  });
});

// Skipped without a redis-server binary (see above).
describe.skipIf(!redisServerAvailable)('cache outage: one instance partitioned from Redis, another reaching it', () => {
  const prefix = `msched-test:outage:${randomBytes(4).toString('hex')}:`;
  let redis: RedisProcess;
  let proxy: TcpProxy;
  /** Instance A: Redis through a proxy the test cuts. */
  let stack: Stack;
  /** Instance B: the same database and Redis (same key prefix), connected directly. */
  let other: Awaited<ReturnType<typeof startServer>>;
  let readerB: Api;
  let workOrderId: string;
  const { expectOk, serverErrors } = recorder();

  beforeAll(async () => {
    redis = await RedisProcess.start(redisBinary);
    proxy = await TcpProxy.start(redis.port);
    stack = await startStack(proxy.url, prefix);
    other = await startServer(stack.database, redis.url, prefix);
    readerB = client(other.baseUrl, await login(other.baseUrl, stack.org.users.admin.email));
    workOrderId = (
      await expectOk('create', stack.planner.post('/api/v1/work-orders', { title: 'Shared pump', equipmentId: stack.org.equipmentId }), 201)
    ).id;
  });

  afterAll(async () => {
    await other?.app.close();
    await other?.cache.close();
    await stack?.close();
    await proxy?.close();
    await redis?.stop();
  });

  it('a write whose invalidation A could not make is never hidden from B, which makes it and caches again', async () => {
    const detail = `/api/v1/work-orders/${workOrderId}`;
    const list = '/api/v1/work-orders?limit=100';
    for (let round = 0; round < 2; round++) {
      expect(await expectOk('detail on B', readerB.get(detail))).toMatchObject({ title: 'Shared pump', version: 1 });
      expect((await expectOk('list on B', readerB.get(list))).data[0].title).toBe('Shared pump');
    }
    const warmed = await stats(readerB);
    expect(warmed.hits).toBeGreaterThanOrEqual(2);

    proxy.cut();
    // Committed on A, whose bump cannot reach Redis; B still reaches Redis and its old entries.
    await expectOk('patch on A during partition', stack.planner.patch(detail, { title: 'Shared pump (edited)' }));
    expect((await stats(stack.admin)).bypassing).toBe(true);
    expect(await expectOk('detail on B', readerB.get(detail))).toMatchObject({ title: 'Shared pump (edited)', version: 2 });
    expect((await expectOk('list on B', readerB.get(list))).data[0].title).toBe('Shared pump (edited)');

    // B made the owed bumps: nothing is owed, and B reads from the cache again (a miss, then hits).
    await eventually(async () => !(await stats(readerB)).bypassing);
    const owed = await stack.database.rows<{ count: string | number }>(sql`select count(*) as count from cache_owed_generations`);
    expect(Number(owed[0]?.count)).toBe(0);
    const settled = await stats(readerB);
    for (let round = 0; round < 2; round++) {
      expect(await expectOk('detail on B after', readerB.get(detail))).toMatchObject({ title: 'Shared pump (edited)', version: 2 });
    }
    expect((await stats(readerB)).hits).toBeGreaterThan(settled.hits);

    proxy.restore();
    await eventually(async () => !(await stats(stack.admin)).bypassing);
    expect(await expectOk('detail on A after', stack.admin.get(detail))).toMatchObject({ title: 'Shared pump (edited)', version: 2 });
    expect(serverErrors()).toEqual([]);
  });
});
