import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { type Cache, MemoryCache } from '../../src/platform/cache/cache';
import { RedisCache } from '../../src/platform/cache/redis-cache';
import type { Database } from '../../src/platform/db/database';
import { Metrics } from '../../src/platform/observability/metrics';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { client, login, testConfig } from '../support/server';

/**
 * Two server instances over one database and one cache (Redis when REDIS_URL is set, with a
 * key prefix of this file's own; otherwise one MemoryCache shared by both), as behind a load
 * balancer. Whatever instance B writes, instance A must read back at once, even when A had the
 * old answer cached.
 */

interface Instance {
  name: string;
  app: NestFastifyApplication;
  baseUrl: string;
  metrics: Metrics;
}

type Api = ReturnType<typeof client>;

const config = testConfig();

async function startInstance(name: string, database: Database, cache: Cache): Promise<Instance> {
  const metrics = new Metrics(false);
  const app = await createApp({ config, database, cache, metrics });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { name, app, baseUrl: `http://127.0.0.1:${port}`, metrics };
}

/** 2031-03-03 is a Monday; the schedule scenarios book work in this week. */
const WEEK = { start: '2031-03-03T00:00:00.000Z', end: '2031-03-10T00:00:00.000Z' };
const weekHours = (hoursPerDay: number) =>
  Array.from({ length: 7 }, (_, index) => ({ weekday: index + 1, start: '00:00', end: `${String(hoursPerDay).padStart(2, '0')}:00` }));

describe('cache consistency across two instances sharing a database and a cache', () => {
  let dispose: () => Promise<void>;
  let database: Database;
  const caches: Cache[] = [];
  let a: Instance;
  let b: Instance;
  let org: OrganizationFixture;
  /** Reads on instance A, as admin (sees everything; may read the cache stats). */
  let readerA: Api;
  /** Writes on instance B, as a planner. */
  let writerB: Api;
  /** The admin on instance B, for the symmetric check. */
  let readerB: Api;
  const performanceRange = { start: '', end: '' };

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    const redisUrl = process.env.REDIS_URL;
    if (redisUrl) {
      const prefix = `msched-test:consistency:${randomBytes(4).toString('hex')}:`;
      caches.push(await RedisCache.connect(redisUrl, prefix, true), await RedisCache.connect(redisUrl, prefix, true));
    } else {
      const shared = new MemoryCache();
      caches.push(shared, shared);
    }
    a = await startInstance('A', database, caches[0]!);
    b = await startInstance('B', database, caches[1]!);
    org = await createOrganization(database, `cc${randomBytes(3).toString('hex')}`);
    readerA = client(a.baseUrl, await login(a.baseUrl, org.users.admin.email));
    writerB = client(b.baseUrl, await login(b.baseUrl, org.users.planner.email));
    readerB = client(b.baseUrl, await login(b.baseUrl, org.users.admin.email));
    const now = Date.now();
    performanceRange.start = new Date(now - 30 * 86_400_000).toISOString();
    performanceRange.end = new Date(now + 86_400_000).toISOString();
  });

  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    for (const cache of new Set(caches)) await cache.close();
    await dispose?.();
  });

  async function ok<T = any>(response: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
    const answered = await response;
    expect(answered.status, JSON.stringify(answered.body)).toBe(status);
    return answered.body;
  }

  async function cacheStats(api: Api = readerA) {
    return ok<{ hits: number; misses: number; errors: number; bypassing: boolean; kind: string }>(api.get('/api/v1/admin/cache/stats'));
  }

  /**
   * Reads a path twice on instance A: the second read must be a cache hit (A's hit count goes
   * up by one, its miss count does not) and answer the same. Returns the answer.
   */
  async function readTwiceOnA<T = any>(path: string): Promise<T> {
    const first = await ok<T>(readerA.get(path));
    const before = await cacheStats();
    const second = await ok<T>(readerA.get(path));
    const after = await cacheStats();
    expect(after.hits - before.hits, `second read of ${path} is a cache hit`).toBe(1);
    expect(after.misses - before.misses, `second read of ${path} is not a miss`).toBe(0);
    expect(after.bypassing).toBe(false);
    expect(second).toEqual(first);
    return second;
  }

  async function createOnB(title: string, extra: Record<string, unknown> = {}) {
    return ok(
      writerB.post('/api/v1/work-orders', { title, type: 'CORRECTIVE', priority: 'MEDIUM', equipmentId: org.equipmentId, ...extra }),
      201,
    );
  }

  async function assignOnB(id: string, start = '2031-02-04T08:00:00.000Z', end = '2031-02-04T10:00:00.000Z') {
    return ok(
      writerB.post(`/api/v1/work-orders/${id}/assign`, {
        technicianId: org.technicianId,
        scheduledStartTime: start,
        scheduledEndTime: end,
        force: true,
      }),
    );
  }

  async function statusOnB(id: string, status: string, extra: Record<string, unknown> = {}) {
    return ok(writerB.post(`/api/v1/work-orders/${id}/status`, { status, ...extra }));
  }

  /** A work order created, assigned and started on B: ready to complete. */
  async function inProgressOnB(title: string, start?: string, end?: string) {
    const created = await createOnB(title);
    await assignOnB(created.id, start, end);
    await statusOnB(created.id, 'IN_PROGRESS');
    return created.id as string;
  }

  it('both instances use one cache of the expected kind', async () => {
    const expected = process.env.REDIS_URL ? 'redis' : 'memory';
    expect((await cacheStats(readerA)).kind).toBe(expected);
    expect((await cacheStats(readerB)).kind).toBe(expected);
    // What A caches, B finds: B's first read of a path A has read is a hit.
    const path = '/api/v1/work-orders?limit=3&sort=-dueDate';
    await ok(readerA.get(path));
    const before = await cacheStats(readerB);
    await ok(readerB.get(path));
    expect((await cacheStats(readerB)).hits - before.hits).toBe(1);
  });

  describe('each cached read reflects a write made on the other instance at once', () => {
    it('list: a PATCH of title and priority on B shows in A’s cached list', async () => {
      const created = await createOnB('List scenario pump');
      const path = '/api/v1/work-orders?limit=100&sort=createdAt';
      const before = await readTwiceOnA(path);
      expect(before.data.find((w: any) => w.id === created.id)).toMatchObject({ title: 'List scenario pump', priority: 'MEDIUM' });

      await ok(writerB.patch(`/api/v1/work-orders/${created.id}`, { title: 'List scenario pump (edited)', priority: 'CRITICAL' }));

      const after = await ok(readerA.get(path));
      expect(after.data.find((w: any) => w.id === created.id)).toMatchObject({
        title: 'List scenario pump (edited)',
        priority: 'CRITICAL',
      });
    });

    it('list: a new work order created on B shows in A’s cached list and total', async () => {
      const path = '/api/v1/work-orders?limit=100&sort=-createdAt';
      const before = await readTwiceOnA(path);
      const created = await createOnB('Freshly created on B');
      const after = await ok(readerA.get(path));
      expect(after.total).toBe(before.total + 1);
      expect(after.data[0].id).toBe(created.id);
    });

    it('list filtered by status: a status change on B moves the work order between A’s cached lists', async () => {
      const id = (await assignOnB((await createOnB('Status filter scenario')).id)).id as string;
      const scheduled = '/api/v1/work-orders?status=SCHEDULED&limit=100';
      const inProgress = '/api/v1/work-orders?status=IN_PROGRESS&limit=100';
      expect((await readTwiceOnA(scheduled)).data.map((w: any) => w.id)).toContain(id);
      expect((await readTwiceOnA(inProgress)).data.map((w: any) => w.id)).not.toContain(id);

      await statusOnB(id, 'IN_PROGRESS');

      expect((await ok(readerA.get(scheduled))).data.map((w: any) => w.id)).not.toContain(id);
      expect((await ok(readerA.get(inProgress))).data.map((w: any) => w.id)).toContain(id);
    });

    it('list with include=equipment: renaming the equipment on B (a reference write) shows in A’s cached list', async () => {
      const created = await createOnB('Include equipment scenario');
      const path = '/api/v1/work-orders?include=equipment&limit=100';
      const before = await readTwiceOnA(path);
      const current = before.data.find((w: any) => w.id === created.id).equipment;
      const renamed = `${current.name} renamed ${randomBytes(2).toString('hex')}`;

      await ok(writerB.patch(`/api/v1/equipment/${org.equipmentId}`, { name: renamed }));

      const after = await ok(readerA.get(path));
      for (const workOrder of after.data.filter((w: any) => w.equipmentId === org.equipmentId)) {
        expect(workOrder.equipment.name).toBe(renamed);
      }
    });

    it('search: a title changed on B is found by A’s cached search; the old word is no longer found', async () => {
      const created = await createOnB('Search scenario gearbox');
      const newWord = `zebra${randomBytes(3).toString('hex')}`;
      const found = `/api/v1/work-orders/search?q=${newWord}`;
      const old = '/api/v1/work-orders/search?q=gearbox';
      expect((await readTwiceOnA(found)).total).toBe(0);
      expect((await readTwiceOnA(old)).data.map((w: any) => w.id)).toContain(created.id);

      await ok(writerB.patch(`/api/v1/work-orders/${created.id}`, { title: `Search scenario ${newWord}` }));

      const after = await ok(readerA.get(found));
      expect(after.total).toBe(1);
      expect(after.data[0]).toMatchObject({ id: created.id, title: `Search scenario ${newWord}` });
      expect((await ok(readerA.get(old))).data.map((w: any) => w.id)).not.toContain(created.id);
    });

    it('search: renaming the equipment on B makes A’s cached search by equipment name find the work', async () => {
      const created = await createOnB('Search by equipment scenario');
      const word = `walrus${randomBytes(3).toString('hex')}`;
      const path = `/api/v1/work-orders/search?q=${word}&limit=100`;
      expect((await readTwiceOnA(path)).total).toBe(0);

      await ok(writerB.patch(`/api/v1/equipment/${org.equipmentId}`, { name: `Feed pump ${word}` }));

      expect((await ok(readerA.get(path))).data.map((w: any) => w.id)).toContain(created.id);
    });

    it('detail: PATCH of title and priority on B', async () => {
      const created = await createOnB('Detail scenario');
      const path = `/api/v1/work-orders/${created.id}`;
      expect(await readTwiceOnA(path)).toMatchObject({ title: 'Detail scenario', priority: 'MEDIUM', version: 1 });

      const patched = await ok(writerB.patch(path, { title: 'Detail scenario (edited)', priority: 'HIGH' }, { 'if-match': '"1"' }));

      const after = await ok(readerA.get(path));
      expect(after).toMatchObject({ title: 'Detail scenario (edited)', priority: 'HIGH', version: patched.version });
    });

    it('detail: assign, then status changes on B, each read back at once on A', async () => {
      const created = await createOnB('Detail lifecycle scenario');
      const path = `/api/v1/work-orders/${created.id}`;
      expect(await readTwiceOnA(path)).toMatchObject({ status: 'OPEN', technicianId: null });

      await assignOnB(created.id, '2031-05-01T08:00:00.000Z', '2031-05-01T09:00:00.000Z');
      expect(await readTwiceOnA(path)).toMatchObject({
        status: 'SCHEDULED',
        technicianId: org.technicianId,
        scheduledStartTime: '2031-05-01T08:00:00.000Z',
      });

      await statusOnB(created.id, 'IN_PROGRESS');
      const started = await readTwiceOnA(path);
      expect(started.status).toBe('IN_PROGRESS');
      expect(started.actualStartTime).not.toBeNull();
      expect(started.allowedNextStates).toEqual(expect.arrayContaining(['ON_HOLD', 'COMPLETED']));

      await statusOnB(created.id, 'ON_HOLD', { note: 'waiting for parts' });
      expect(await readTwiceOnA(path)).toMatchObject({ status: 'ON_HOLD' });

      await statusOnB(created.id, 'IN_PROGRESS');
      await statusOnB(created.id, 'COMPLETED', { completion: { failureMode: 'LEAK', firstTimeFix: true } });
      const completed = await ok(readerA.get(path));
      expect(completed).toMatchObject({ status: 'COMPLETED', completion: { failureMode: 'LEAK', firstTimeFix: true } });
      expect(completed.actualEndTime).not.toBeNull();
    });

    it('detail with include=tasks: a task added and completed on B', async () => {
      const created = await createOnB('Detail tasks scenario', { tasks: [{ title: 'Isolate' }] });
      const path = `/api/v1/work-orders/${created.id}?include=tasks`;
      expect((await readTwiceOnA(path)).tasks.map((t: any) => t.title)).toEqual(['Isolate']);

      const task = await ok(writerB.post(`/api/v1/work-orders/${created.id}/tasks`, { title: 'Replace seal' }), 201);
      const withTask = await readTwiceOnA(path);
      expect(withTask.tasks.map((t: any) => t.title)).toEqual(['Isolate', 'Replace seal']);

      await ok(writerB.patch(`/api/v1/work-orders/${created.id}/tasks/${task.id}`, { status: 'DONE' }));
      const after = await ok(readerA.get(path));
      expect(after.tasks.find((t: any) => t.id === task.id)).toMatchObject({ status: 'DONE' });
    });

    it('detail with include=equipment: renaming the equipment on B', async () => {
      const created = await createOnB('Detail equipment scenario');
      const path = `/api/v1/work-orders/${created.id}?include=equipment`;
      await readTwiceOnA(path);
      const renamed = `Feed pump ${randomBytes(3).toString('hex')}`;

      await ok(writerB.patch(`/api/v1/equipment/${org.equipmentId}`, { name: renamed }));

      expect((await ok(readerA.get(path))).equipment.name).toBe(renamed);
    });

    it('detail with include=technician: editing the technician on B', async () => {
      const created = await createOnB('Detail technician scenario');
      await assignOnB(created.id, '2031-06-01T08:00:00.000Z', '2031-06-01T09:00:00.000Z');
      const path = `/api/v1/work-orders/${created.id}?include=technician`;
      await readTwiceOnA(path);
      const manager = client(b.baseUrl, await login(b.baseUrl, org.users.manager.email));
      const phone = `+1-555-${randomBytes(2).readUInt16BE(0)}`;

      await ok(manager.patch(`/api/v1/technicians/${org.technicianId}`, { phone }));

      expect((await ok(readerA.get(path))).technician.phone).toBe(phone);
    });

    it('detail: a write on B that spells the work-order id in upper case still invalidates A’s cached detail', async () => {
      const created = await createOnB('Detail upper-case id scenario');
      const path = `/api/v1/work-orders/${created.id}`;
      await readTwiceOnA(path);

      // The same work order: UUIDs are case-insensitive, and the API accepts either spelling.
      const patched = await ok(
        writerB.patch(`/api/v1/work-orders/${(created.id as string).toUpperCase()}`, { title: 'Edited via upper-case id' }),
      );
      expect(patched.id).toBe(created.id);

      expect(await ok(readerA.get(path))).toMatchObject({ title: 'Edited via upper-case id', version: patched.version });
    });

    it('detail: A’s cached detail read with the id in upper case reflects a write on B', async () => {
      const created = await createOnB('Detail upper-case read scenario');
      const upper = `/api/v1/work-orders/${(created.id as string).toUpperCase()}`;
      expect(await readTwiceOnA(upper)).toMatchObject({ id: created.id, version: 1 });

      const patched = await ok(writerB.patch(`/api/v1/work-orders/${created.id}`, { title: 'Edited via lower-case id' }));

      expect(await ok(readerA.get(upper))).toMatchObject({ title: 'Edited via lower-case id', version: patched.version });
    });

    it('detail: a deleted work order is gone on A at once', async () => {
      const created = await createOnB('Detail delete scenario');
      const path = `/api/v1/work-orders/${created.id}`;
      await readTwiceOnA(path);
      const manager = client(b.baseUrl, await login(b.baseUrl, org.users.manager.email));

      expect((await manager.delete(path)).status).toBe(204);

      expect((await readerA.get(path)).status).toBe(404);
    });

    it('dashboard stats: create, priority change and completion on B', async () => {
      const path = '/api/v1/work-orders/dashboard/stats';
      const initial = await readTwiceOnA(path);

      const id = await inProgressOnB('Dashboard scenario');
      const afterCreate = await readTwiceOnA(path);
      expect(afterCreate.totalWorkOrders).toBe(initial.totalWorkOrders + 1);
      expect(afterCreate.openWorkOrders).toBe(initial.openWorkOrders + 1);

      await ok(writerB.patch(`/api/v1/work-orders/${id}`, { priority: 'CRITICAL' }));
      const afterPriority = await readTwiceOnA(path);
      expect(afterPriority.highPriorityWorkOrders).toBe(afterCreate.highPriorityWorkOrders + 1);

      await statusOnB(id, 'COMPLETED');
      const afterComplete = await ok(readerA.get(path));
      expect(afterComplete.openWorkOrders).toBe(afterPriority.openWorkOrders - 1);
      expect(afterComplete.highPriorityWorkOrders).toBe(afterPriority.highPriorityWorkOrders - 1);
      const technician = afterComplete.topTechnicians.find((t: any) => t.technicianId === org.technicianId);
      const technicianBefore = afterPriority.topTechnicians.find((t: any) => t.technicianId === org.technicianId);
      expect(technician?.completedCount).toBe((technicianBefore?.completedCount ?? 0) + 1);
    });

    it('equipment history: a completion on B appears in A’s cached history', async () => {
      const path = `/api/v1/equipment/${org.equipmentId}/history?limit=100`;
      const id = await inProgressOnB('History scenario');
      const before = await readTwiceOnA(path);
      expect(before.data.map((w: any) => w.id)).not.toContain(id);

      await statusOnB(id, 'COMPLETED', { completion: { remedy: 'replaced' } });

      const after = await readTwiceOnA(path);
      expect(after.total).toBe(before.total + 1);
      expect(after.data[0]).toMatchObject({ id, status: 'COMPLETED', completion: { remedy: 'replaced' } });

      // Closing it (a manager) changes its status in the cached history too.
      const manager = client(b.baseUrl, await login(b.baseUrl, org.users.manager.email));
      await ok(manager.post(`/api/v1/work-orders/${id}/status`, { status: 'CLOSED' }));
      expect((await ok(readerA.get(path))).data.find((w: any) => w.id === id).status).toBe('CLOSED');
    });

    it('technician schedule: an assignment on B appears in A’s cached schedule; rescheduling moves it out', async () => {
      const path = `/api/v1/technicians/${org.technicianId}/schedule?start=${WEEK.start}&end=${WEEK.end}`;
      const created = await createOnB('Schedule scenario');
      const before = await readTwiceOnA(path);

      await assignOnB(created.id, '2031-03-05T08:00:00.000Z', '2031-03-05T11:00:00.000Z');

      const after = await readTwiceOnA(path);
      expect(after.totalWorkOrders).toBe(before.totalWorkOrders + 1);
      expect(after.workOrders.map((w: any) => w.id)).toContain(created.id);
      expect(after.totalHoursScheduled).toBeCloseTo(before.totalHoursScheduled + 3, 5);

      await assignOnB(created.id, '2031-04-05T08:00:00.000Z', '2031-04-05T11:00:00.000Z');
      const moved = await ok(readerA.get(path));
      expect(moved.workOrders.map((w: any) => w.id)).not.toContain(created.id);
      expect(moved.totalWorkOrders).toBe(before.totalWorkOrders);
    });

    it('technician schedule: PUT availability on B changes A’s cached available hours', async () => {
      const path = `/api/v1/technicians/${org.technicianId}/schedule?start=${WEEK.start}&end=${WEEK.end}`;
      await ok(
        writerB.put(`/api/v1/technicians/${org.technicianId}/availability`, {
          timezone: 'UTC',
          weeklyPattern: weekHours(12),
          exceptions: [],
        }),
      );
      expect((await readTwiceOnA(path)).availableHours).toBe(84);

      await ok(
        writerB.put(`/api/v1/technicians/${org.technicianId}/availability`, {
          timezone: 'UTC',
          weeklyPattern: weekHours(6),
          exceptions: [],
        }),
      );
      expect((await readTwiceOnA(path)).availableHours).toBe(42);

      await ok(
        writerB.put(`/api/v1/technicians/${org.technicianId}/availability`, {
          timezone: 'UTC',
          weeklyPattern: weekHours(6),
          exceptions: [{ start: '2031-03-03T00:00:00.000Z', end: '2031-03-04T00:00:00.000Z', available: false, reason: 'training' }],
        }),
      );
      expect((await ok(readerA.get(path))).availableHours).toBe(36);
    });

    it('technician performance: a completion on B shows in A’s cached performance', async () => {
      const path = `/api/v1/technicians/${org.technicianId}/performance?start=${performanceRange.start}&end=${performanceRange.end}`;
      // A slot of its own: reopened, done work holds its booking again, and other scenarios book the default one.
      const id = await inProgressOnB('Performance scenario', '2031-07-01T08:00:00.000Z', '2031-07-01T10:00:00.000Z');
      const before = await readTwiceOnA(path);

      await statusOnB(id, 'COMPLETED', { completion: { firstTimeFix: true } });

      const after = await readTwiceOnA(path);
      expect(after.completedWorkOrders).toBe(before.completedWorkOrders + 1);
      expect(after.topEquipmentTypes.find((t: any) => t.equipmentType === 'Pump')?.count).toBeGreaterThanOrEqual(1);

      // Reopening it (a manager) takes it out again.
      const manager = client(b.baseUrl, await login(b.baseUrl, org.users.manager.email));
      await ok(manager.post(`/api/v1/work-orders/${id}/status`, { status: 'IN_PROGRESS' }));
      expect((await ok(readerA.get(path))).completedWorkOrders).toBe(before.completedWorkOrders);
    });

    it('symmetric: a write on A is read back at once on B', async () => {
      const created = await createOnB('Symmetric scenario');
      const path = `/api/v1/work-orders/${created.id}`;
      await ok(readerB.get(path));
      await ok(readerB.get(path));
      await ok(readerA.patch(path, { title: 'Symmetric scenario (edited on A)' }));
      expect((await ok(readerB.get(path))).title).toBe('Symmetric scenario (edited on A)');
    });
  });

  it('default-range technician schedule is served from the cache on a repeated read', async () => {
    // Without start/end the range is "the next 7 days from now": two reads a moment apart should share one entry.
    await readTwiceOnA(`/api/v1/technicians/${org.technicianId}/schedule`);
  });

  it('default-range technician performance is served from the cache on a repeated read', async () => {
    // Without start/end the range is "the last 30 days up to now".
    await readTwiceOnA(`/api/v1/technicians/${org.technicianId}/performance`);
  });

  it('30 rounds of (write on B, read on A) never read a stale value', async () => {
    const created = await createOnB('Loop scenario');
    const id = created.id as string;
    const detail = `/api/v1/work-orders/${id}?include=tasks`;
    const list = '/api/v1/work-orders?limit=100&sort=-updatedAt';
    const priorities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
    const stale: string[] = [];
    const hitsBefore = (await cacheStats()).hits;

    for (let round = 1; round <= 30; round++) {
      // Warm A's cache with the current state (the second read of each is a hit).
      await readTwiceOnA(detail);
      await readTwiceOnA(list);

      const title = `Loop scenario round ${round}`;
      const priority = priorities[round % priorities.length];
      if (round % 3 === 0) {
        const task = await ok(writerB.post(`/api/v1/work-orders/${id}/tasks`, { title: `Task of round ${round}` }), 201);
        expect(task.title).toBe(`Task of round ${round}`);
      }
      const written = await ok(writerB.patch(`/api/v1/work-orders/${id}`, { title, priority }));

      const readDetail = await ok(readerA.get(detail));
      const readList = await ok(readerA.get(list));
      const listed = readList.data.find((w: any) => w.id === id);
      if (readDetail.title !== title || readDetail.priority !== priority || readDetail.version !== written.version)
        stale.push(`round ${round}: detail answered ${readDetail.title}/${readDetail.priority}/v${readDetail.version}`);
      if (readDetail.tasks.length !== Math.floor(round / 3)) stale.push(`round ${round}: detail has ${readDetail.tasks.length} tasks`);
      if (!listed || listed.title !== title || listed.priority !== priority || listed.version !== written.version)
        stale.push(`round ${round}: list answered ${listed?.title}/${listed?.priority}/v${listed?.version}`);
    }

    expect(stale).toEqual([]);
    expect((await cacheStats()).hits - hitsBefore).toBeGreaterThanOrEqual(60);
  });

  it('successful logins on either instance leave the shared per-address failure counter unchanged', async () => {
    // The login throttle counts an attempt before checking the password and takes it back on success.
    const counter = 'login-failures:ip:127.0.0.1';
    const before = await caches[0]!.peek(counter);
    for (const instance of [a, b, a, b]) await login(instance.baseUrl, org.users.technician.email);
    const after = await caches[1]!.peek(counter);
    expect(after.count).toBe(before.count);
  });

  it('a write its contract refuses (400) changed nothing: cached lists and details stay cached', async () => {
    const path = `/api/v1/work-orders?limit=6&sort=workOrderNumber`;
    const listed = await readTwiceOnA(path);
    const detail = `/api/v1/work-orders/${listed.data[0].id}`;
    await readTwiceOnA(detail);
    for (const refused of [
      writerB.post('/api/v1/work-orders', {}),
      writerB.patch(`/api/v1/work-orders/${listed.data[0].id}`, { priority: 'NOT-A-PRIORITY' }),
    ]) {
      const response = await refused;
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    for (const read of [path, detail]) {
      const before = await cacheStats();
      await ok(readerA.get(read));
      const after = await cacheStats();
      expect(after.hits - before.hits, `${read} still a hit`).toBe(1);
    }
  });

  it('/metrics exposes msched_cache_requests_total with hit and miss samples', async () => {
    const path = `/api/v1/work-orders?limit=7&sort=workOrderNumber`;
    await readTwiceOnA(path);
    const scrape = await client(a.baseUrl).get<string>('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = scrape.body;
    expect(text).toContain('# TYPE msched_cache_requests_total counter');
    const sample = (result: string) =>
      new RegExp(`^msched_cache_requests_total\\{(?=[^}]*namespace="wo-list")(?=[^}]*result="${result}")[^}]*\\} ([0-9.e+]+)$`, 'm');
    for (const result of ['hit', 'miss']) {
      const match = sample(result).exec(text);
      expect(match, `a ${result} sample for wo-list`).not.toBeNull();
      expect(Number(match![1])).toBeGreaterThan(0);
    }
    // The numbers agree with the admin endpoint's totals.
    const stats = await cacheStats();
    const total = (result: string) =>
      [...text.matchAll(new RegExp(`^msched_cache_requests_total\\{[^}]*result="${result}"[^}]*\\} ([0-9.e+]+)$`, 'gm'))].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    expect(total('hit')).toBe(stats.hits);
    expect(total('miss')).toBe(stats.misses);
  });
});
