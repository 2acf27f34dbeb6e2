import { CreateWorkOrder, UpdateWorkOrder } from '@msched/contracts';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../src/config';
import type { Principal } from '../../src/platform/auth/principal';
import { DEFAULT_POOL, Database } from '../../src/platform/db/database';
import { events, organizations, workOrders } from '../../src/platform/db/schema';
import type { NewDomainEvent, StoredEvent } from '../../src/platform/events/domain-event';
import { MemoryCache } from '../../src/platform/cache/cache';
import { ReadThroughCache, generationKeys } from '../../src/platform/cache/read-through-cache';
import type { EventDispatcher } from '../../src/platform/events/event-dispatcher';
import { EventHistory } from '../../src/platform/events/event-history';
import { EventStore } from '../../src/platform/events/event-store';
import { Metrics } from '../../src/platform/observability/metrics';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase, usingPostgres } from '../support/infrastructure';
import { OUTBOX_CONFIG, RecordingPublisher, type Services, appError, buildOutbox, buildServices, principalOf } from './support';

/** Waits for the dispatcher's poll (OUTBOX_CONFIG polls every 50 ms); the bound only fails a stuck test. */
const WAIT = { timeout: 15_000, interval: 20 };

/** Publishes into its own list and into a log shared by several instances, in call order. */
class SharedLogPublisher extends RecordingPublisher {
  constructor(private readonly log: StoredEvent[]) {
    super();
  }
  override publish(published: readonly StoredEvent[]): void {
    super.publish(published);
    this.log.push(...published);
  }
}

/** A publisher whose link is down (throws) while `down` is set; `failAfterSeeing`: it records the events, then throws. */
class FlakyPublisher extends RecordingPublisher {
  down = true;
  attempts = 0;
  constructor(private readonly failAfterSeeing = false) {
    super();
  }
  override publish(published: readonly StoredEvent[]): void {
    this.attempts++;
    if (this.down && !this.failAfterSeeing) throw new Error('pub/sub link down');
    super.publish(published);
    if (this.down) throw new Error('pub/sub link dropped after sending');
  }
}

/**
 * A shared cache whose invalidations take a few turns of the event loop, as a round trip to Redis
 * does; it remembers which generations have been bumped so far.
 */
class SlowCache extends MemoryCache {
  readonly bumped = new Set<string>();
  override async bump(keys: readonly string[]) {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    await super.bump(keys);
    for (const key of keys) this.bumped.add(key);
  }
}

/** Notes, for each published event, whether its work order's cached reads were already invalidated. */
class InvalidationCheckingPublisher extends RecordingPublisher {
  /** Per organization, `eventId: true` when the event's work order was invalidated before it was published. */
  readonly invalidatedFirst = new Map<string, string[]>();
  constructor(private readonly cache: SlowCache) {
    super();
  }
  override publish(published: readonly StoredEvent[]): void {
    for (const event of published) {
      if (event.name !== 'workorder:update') continue;
      const workOrderId = event.payload['workOrderId'] as string;
      const invalidated =
        this.cache.bumped.has(generationKeys.workOrder(workOrderId)) &&
        this.cache.bumped.has(generationKeys.workOrders(event.organizationId));
      const seen = this.invalidatedFirst.get(event.organizationId) ?? [];
      this.invalidatedFirst.set(event.organizationId, [...seen, `${event.eventId}: ${invalidated}`]);
    }
    super.publish(published);
  }
}

/** A cache shared with other instances (it has a scope) that this instance cannot reach: every bump fails. */
class UnreachableSharedCache extends MemoryCache {
  constructor(override readonly sharedScope: string) {
    super();
  }
  override async bump(): Promise<void> {
    throw new Error('Redis unreachable');
  }
}

/** Notes, for each publish, whether it ran inside a transaction of `database` (before its commit). */
class TransactionCheckingPublisher extends RecordingPublisher {
  readonly insideTransaction: boolean[] = [];
  constructor(private readonly database: Database) {
    super();
  }
  override publish(published: readonly StoredEvent[]): void {
    this.insideTransaction.push(this.database.inTransaction);
    super.publish(published);
  }
}

const workOrderUpdate = (workOrderId: string, title: string): NewDomainEvent => ({
  name: 'workorder:update',
  payload: {
    eventType: 'updated',
    workOrderId,
    data: {
      workOrderNumber: 'WO-000001',
      title,
      type: 'CORRECTIVE',
      status: 'OPEN',
      priority: 'MEDIUM',
      equipmentId: '00000000-0000-4000-8000-000000000001',
      technicianId: null,
      crewTechnicianIds: [],
      requesterId: null,
      dueDate: null,
      scheduledStartTime: null,
      scheduledEndTime: null,
      version: 2,
      updatedAt: new Date().toISOString(),
      changedFields: ['title'],
    },
    timestamp: new Date().toISOString(),
  },
  audience: { rooms: [`workorder:${workOrderId}`], scope: { kind: 'workOrder', technicianIds: [], requesterId: null } },
});

const systemMessage = (message: string): NewDomainEvent => ({
  name: 'system:message',
  payload: { message, level: 'info', data: {}, timestamp: new Date().toISOString() },
  audience: { rooms: ['system:all'], scope: { kind: 'organization' } },
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const ascending = (ids: number[]) => ids.every((id, index) => index === 0 || id > ids[index - 1]!);
const idsOf = (published: readonly StoredEvent[], org: OrganizationFixture) =>
  published.filter((event) => event.organizationId === org.organizationId).map((event) => event.eventId);

/**
 * Another handle on the same database, as a second server instance would have: its own pool on
 * PostgreSQL. The embedded database has one connection per process, so there it is the same one.
 */
async function secondHandle(database: Database): Promise<{ handle: Database; close: () => Promise<void> }> {
  if (database.kind !== 'postgres') return { handle: database, close: async () => undefined };
  const [row] = await database.rows<{ name: string }>(sql`select current_database() as name`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  const handle = await Database.open({ url: url.toString(), pool: { ...DEFAULT_POOL, max: 5, min: 0 } });
  return { handle, close: () => handle.close() };
}

/** Shared by both suites: the outbox rows and counter of an organization. */
function tableOf(database: Database) {
  return {
    rows: (org: OrganizationFixture) =>
      database.db.select().from(events).where(eq(events.organizationId, org.organizationId)).orderBy(asc(events.eventId)),
    eventSeq: async (org: OrganizationFixture) => {
      const [row] = await database.db
        .select({ seq: organizations.eventSeq })
        .from(organizations)
        .where(eq(organizations.id, org.organizationId));
      return row!.seq;
    },
  };
}

describe('the transactional outbox over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let table: ReturnType<typeof tableOf>;
  /** Dispatchers started by a test; stopped after it, like a process shutting down. */
  const running: EventDispatcher[] = [];
  const handles: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    table = tableOf(database);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const dispatcher of running.splice(0)) await dispatcher.onModuleDestroy();
  });
  afterAll(async () => {
    for (const close of handles.splice(0)) await close();
    await dispose();
  });

  /** The services' own dispatcher ("this process"), started: woken by each of their commits. */
  const startOwnDispatcher = () => {
    services.events.dispatcher.start();
    running.push(services.events.dispatcher);
    return services.events.publisher as RecordingPublisher;
  };
  /** Another process: its own outbox and dispatcher over `handle`, started, publishing to `publisher`. */
  const startInstance = <P extends RecordingPublisher>(
    handle: Database,
    publisher: P,
    config: AppConfig = OUTBOX_CONFIG,
    readThrough?: ReadThroughCache,
  ) => {
    const instance = buildOutbox(handle, publisher, config, readThrough);
    instance.dispatcher.start();
    running.push(instance.dispatcher);
    return { ...instance, publisher };
  };

  const create = (principal: Principal, fixture: OrganizationFixture, input: Record<string, unknown> = {}) =>
    services.workOrders.create(principal, CreateWorkOrder.parse({ title: 'Inspect', equipmentId: fixture.equipmentId, ...input }));
  const rename = (principal: Principal, id: string, title: string) =>
    services.workOrders.update(principal, id, UpdateWorkOrder.parse({ title }));

  describe('a change and its events commit together', () => {
    it('the event row is written with the next id; nothing is published until a dispatcher runs, then once', async () => {
      const org = await createOrganization(database, 'together');
      const planner = principalOf(org, 'planner');
      const committed = vi.spyOn(services.events.dispatcher, 'committed');
      const recorder = services.events.publisher as RecordingPublisher;
      expect(await table.eventSeq(org)).toBe(0);

      const wo = await create(planner, org, { title: 'Seal leaking' });

      const rows = await table.rows(org);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ eventId: 1, name: 'workorder:update', publishedAt: null });
      expect(rows[0]!.payload).toMatchObject({ eventType: 'created', workOrderId: wo.id, data: { title: 'Seal leaking' } });
      expect(await table.eventSeq(org)).toBe(1);
      expect(committed).toHaveBeenCalledTimes(1);

      // Not started: the commit's wake-up and a flush do nothing.
      await services.events.dispatcher.flush();
      expect(idsOf(recorder.published, org)).toEqual([]);
      expect((await table.rows(org))[0]!.publishedAt).toBeNull();

      startOwnDispatcher();
      await services.events.dispatcher.flush();
      const published = recorder.published.filter((event) => event.organizationId === org.organizationId);
      expect(published).toHaveLength(1);
      expect(published[0]).toMatchObject({ eventId: 1, name: 'workorder:update', payload: { eventType: 'created', workOrderId: wo.id } });
      expect((await table.rows(org))[0]!.publishedAt).toBeInstanceOf(Date);

      // A commit wakes the running dispatcher; what was published is not sent again.
      const second = await create(planner, org, { title: 'Second' });
      await services.events.dispatcher.flush();
      await services.events.dispatcher.flush();
      expect(idsOf(recorder.published, org)).toEqual([1, 2]);
      expect(recorder.published.find((event) => event.organizationId === org.organizationId && event.eventId === 2)!.payload).toMatchObject(
        {
          workOrderId: second.id,
        },
      );
      expect((await table.rows(org)).every((row) => row.publishedAt !== null)).toBe(true);
    });

    it('one record call with several events gives them consecutive ids in one commit', async () => {
      const org = await createOrganization(database, 'several');
      await create(principalOf(org, 'planner'), org);
      const stored = await services.events.outbox.record(org.organizationId, [systemMessage('a'), systemMessage('b'), systemMessage('c')]);
      expect(stored.map((event) => event.eventId)).toEqual([2, 3, 4]);
      expect((await table.rows(org)).map((row) => row.eventId)).toEqual([1, 2, 3, 4]);
      expect(await table.eventSeq(org)).toBe(4);
    });
  });

  describe('the cache is invalidated before an event goes out', () => {
    // A client that receives a work-order event and then reads the work order must not get a
    // cached old version: its cached reads are made unreachable before the event is published.
    it('right after the commit: published once the invalidation has completed', async () => {
      const org = await createOrganization(database, 'invalidate-first');
      const cache = new SlowCache();
      const publisher = new InvalidationCheckingPublisher(cache);
      const instance = startInstance(database, publisher, OUTBOX_CONFIG, new ReadThroughCache(cache, new Metrics(false)));
      await instance.dispatcher.flush(); // its start-up round is over: what follows is published right after each commit
      const ids = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
      await instance.outbox.record(org.organizationId, [workOrderUpdate(ids[0]!, 'first')]);
      await instance.outbox.record(org.organizationId, [workOrderUpdate(ids[1]!, 'second'), systemMessage('and a message')]);
      await vi.waitFor(() => expect(idsOf(publisher.published, org)).toEqual([1, 2, 3]), WAIT);
      expect(publisher.invalidatedFirst.get(org.organizationId)).toEqual(['1: true', '2: true']);
    });

    it('by a round that finds events nobody published (their writer died before invalidating)', async () => {
      const org = await createOrganization(database, 'invalidate-recovered');
      // Committed by a process whose dispatcher never runs, and whose cache never heard of it.
      const dead = buildOutbox(database);
      await dead.outbox.record(org.organizationId, [workOrderUpdate('00000000-0000-4000-8000-0000000000b1', 'stranded')]);
      const cache = new SlowCache();
      const publisher = new InvalidationCheckingPublisher(cache);
      const recovering = startInstance(database, publisher, OUTBOX_CONFIG, new ReadThroughCache(cache, new Metrics(false)));
      await recovering.dispatcher.flush();
      expect(idsOf(publisher.published, org)).toEqual([1]);
      expect(publisher.invalidatedFirst.get(org.organizationId)).toEqual(['1: true']);
    });

    describe('by such a round when this instance cannot reach the shared cache', () => {
      const workOrderId = '00000000-0000-4000-8000-0000000000c1';
      /** An event committed by a process that died before invalidating or publishing it. */
      async function stranded(slug: string) {
        const org = await createOrganization(database, slug);
        const dead = buildOutbox(database);
        await dead.outbox.record(org.organizationId, [workOrderUpdate(workOrderId, 'stranded')]);
        return org;
      }
      const owedFor = (scope: string) =>
        database.rows<{ generation: string }>(
          sql`select generation from cache_owed_generations where cache_prefix = ${scope} order by generation`,
        );

      it('records the invalidation as owed and publishes only after the commit that announces it', async () => {
        const org = await stranded('invalidate-owed');
        const scope = `owed-${org.organizationId}:`;
        const reads = new ReadThroughCache(new UnreachableSharedCache(scope), new Metrics(false), database);
        const publisher = new TransactionCheckingPublisher(database);
        const recovering = startInstance(database, publisher, OUTBOX_CONFIG, reads);
        await recovering.dispatcher.flush();
        reads.close();
        expect(idsOf(publisher.published, org)).toEqual([1]);
        // Inside the round's transaction, the event would reach clients before the other
        // instances, which share the cache, could hear that they must stop reading from it.
        expect(publisher.insideTransaction).toEqual([false]);
        expect((await owedFor(scope)).map((row) => row.generation)).toEqual(
          [generationKeys.workOrders(org.organizationId), generationKeys.workOrder(workOrderId)].sort(),
        );
        // Marked by a later round, and never sent again.
        await vi.waitFor(async () => expect((await table.rows(org)).map((row) => row.publishedAt !== null)).toEqual([true]), WAIT);
        await recovering.dispatcher.flush();
        expect(idsOf(publisher.published, org)).toEqual([1]);
      });

      it('a publish that fails after such a round waits for the next poll, not a round at once', async () => {
        const org = await stranded('invalidate-owed-publish-fails');
        const scope = `owed-loop-${org.organizationId}:`;
        const reads = new ReadThroughCache(new UnreachableSharedCache(scope), new Metrics(false), database);
        const publisher = new FlakyPublisher();
        // Old enough for every round to find it, not only the complete scan at start.
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        // Its start-up round finds the event; then a poll every 200 ms.
        startInstance(database, publisher, { ...OUTBOX_CONFIG, outboxPollMs: 200 }, reads);
        await new Promise((resolve) => setTimeout(resolve, 700));
        reads.close();
        // The start-up round and three or four polls; a round at once after each failure would
        // have run (and recorded what is owed) hundreds of times.
        expect(publisher.attempts).toBeGreaterThanOrEqual(1);
        expect(publisher.attempts).toBeLessThanOrEqual(6);
        expect((await owedFor(scope)).length).toBe(2 * publisher.attempts);
        // Published after all, so that no later test's dispatcher finds it.
        await database.db.execute(sql`update events set published_at = now() where organization_id = ${org.organizationId}`);
      });

      it('holds the events back while the owed invalidation cannot be recorded either, and sends them once it can', async () => {
        const org = await stranded('invalidate-unrecorded');
        const scope = `unrecorded-${org.organizationId}:`;
        // The database refuses this cache's owed rows, as it would refuse any write while it is failing.
        await database.db.execute(
          sql.raw(`create function refuse_owed() returns trigger language plpgsql as $$
            begin if new.cache_prefix = '${scope}' then raise exception 'refused'; end if; return new; end $$`),
        );
        await database.db.execute(
          sql.raw('create trigger refuse_owed before insert on cache_owed_generations for each row execute function refuse_owed()'),
        );
        const reads = new ReadThroughCache(new UnreachableSharedCache(scope), new Metrics(false), database);
        const publisher = new TransactionCheckingPublisher(database);
        const recovering = startInstance(database, publisher, OUTBOX_CONFIG, reads);
        try {
          await recovering.dispatcher.flush();
          expect(idsOf(publisher.published, org)).toEqual([]);
          expect((await table.rows(org)).map((row) => row.publishedAt)).toEqual([null]);
        } finally {
          await database.db.execute(sql.raw('drop trigger refuse_owed on cache_owed_generations'));
          await database.db.execute(sql.raw('drop function refuse_owed()'));
        }
        // The poll's next round records it and publishes.
        await vi.waitFor(() => expect(idsOf(publisher.published, org)).toEqual([1]), WAIT);
        reads.close();
        expect(publisher.insideTransaction).toEqual([false]);
        expect((await owedFor(scope)).length).toBe(2);
      });
    });
  });

  describe('events read back for delivery (a gap in the live stream, a resume)', () => {
    it('one nobody published has its cached reads invalidated first; one already published does not', async () => {
      const org = await createOrganization(database, 'history-invalidates');
      const workOrderId = '00000000-0000-4000-8000-0000000000d1';
      // Committed by a process that died before invalidating or publishing it.
      const dead = buildOutbox(database);
      const [stranded] = await dead.outbox.record(org.organizationId, [workOrderUpdate(workOrderId, 'stranded')]);
      const cache = new SlowCache();
      const history = new EventHistory(new EventStore(database), new ReadThroughCache(cache, new Metrics(false)));
      expect((await history.range(org.organizationId, 0, 100)).map((event) => event.eventId)).toEqual([1]);
      expect([...cache.bumped].sort()).toEqual(
        [generationKeys.workOrders(org.organizationId), generationKeys.workOrder(workOrderId)].sort(),
      );

      await new EventStore(database).markPublished([stranded!]);
      const later = new SlowCache();
      const afterPublish = new EventHistory(new EventStore(database), new ReadThroughCache(later, new Metrics(false)));
      expect((await afterPublish.range(org.organizationId, 0, 100)).map((event) => event.eventId)).toEqual([1]);
      expect(later.bumped.size).toBe(0);
    });

    it('fails, holding the event back, when its invalidation can be neither made nor recorded as owed', async () => {
      const org = await createOrganization(database, 'history-unrecorded');
      const dead = buildOutbox(database);
      await dead.outbox.record(org.organizationId, [workOrderUpdate('00000000-0000-4000-8000-0000000000d2', 'stranded')]);
      // A shared cache this instance cannot reach, and nowhere to record what it owes.
      const history = new EventHistory(
        new EventStore(database),
        new ReadThroughCache(new UnreachableSharedCache('history:'), new Metrics(false)),
      );
      await expect(history.range(org.organizationId, 0, 100)).rejects.toThrow(/held back/);
      // Events without cached reads to invalidate are handed out as they are.
      await dead.outbox.record(org.organizationId, [systemMessage('no work order')]);
      await expect(history.range(org.organizationId, 1, 100)).resolves.toHaveLength(1);
    });
  });

  describe('the organization’s counter', () => {
    it('is taken by the statement that writes the events, so it stays locked for that statement and the commit only', async () => {
      const org = await createOrganization(database, 'one-statement');
      let queries = -1;
      await database.transaction(async () => {
        // Every query of the transaction starts from its executor: count the ones the append starts.
        const tx = database.executor;
        const started = (['execute', 'select', 'insert', 'update', 'delete'] as const).map((method) => vi.spyOn(tx, method));
        await services.events.store.append(org.organizationId, [systemMessage('a'), systemMessage('b')]);
        queries = started.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      });
      expect(queries).toBe(1);
      expect((await table.rows(org)).map((row) => [row.eventId, row.payload['message']])).toEqual([
        [1, 'a'],
        [2, 'b'],
      ]);
      expect(await table.eventSeq(org)).toBe(2);
    });
  });

  describe('a rolled-back change', () => {
    it('publishes nothing, consumes no id, runs no after-commit work, and the next change gets the next id', async () => {
      const org = await createOrganization(database, 'rollback');
      const planner = principalOf(org, 'planner');
      const kept = await create(planner, org, { title: 'Kept' });
      expect(await table.eventSeq(org)).toBe(1);
      const committed = vi.spyOn(services.events.dispatcher, 'committed');
      const afterCommit = vi.fn();

      // A service call inside a transaction that then fails.
      await expect(
        database.transaction(async () => {
          await create(planner, org, { title: 'Rolled back create' });
          database.afterCommit(afterCommit);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');

      // Recording through the outbox, then failing.
      await expect(
        database.transaction(async () => {
          const [stored] = await services.events.outbox.record(org.organizationId, [systemMessage('rolled back message')]);
          expect(stored!.eventId).toBe(2); // handed out inside the transaction ...
          throw new Error('fails after recording');
        }),
      ).rejects.toThrow('fails after recording');

      // Two service calls in one transaction: the first records its event, the second fails on its own.
      await appError(
        database.transaction(async () => {
          await rename(planner, kept.id, 'Rolled back rename');
          await create(planner, org, { equipmentId: '00000000-0000-4000-8000-000000000000' });
        }),
        ErrorCode.Validation,
      );

      // ... and given back by the rollback: no row, the counter unchanged, no wake-up, no callback.
      expect((await table.rows(org)).map((row) => row.eventId)).toEqual([1]);
      expect(await table.eventSeq(org)).toBe(1);
      expect(committed).not.toHaveBeenCalled();
      expect(afterCommit).not.toHaveBeenCalled();
      const titles = await database.db
        .select({ title: workOrders.title })
        .from(workOrders)
        .where(eq(workOrders.organizationId, org.organizationId));
      expect(titles.map((row) => row.title)).toEqual(['Kept']);

      // The next successful change takes the next id: no gap.
      const next = await create(planner, org, { title: 'Next' });
      expect(committed).toHaveBeenCalledTimes(1);
      expect((await table.rows(org)).map((row) => row.eventId)).toEqual([1, 2]);
      expect(await table.eventSeq(org)).toBe(2);

      const recorder = startOwnDispatcher();
      await services.events.dispatcher.flush();
      const published = recorder.published.filter((event) => event.organizationId === org.organizationId);
      expect(published.map((event) => [event.eventId, event.payload['workOrderId']])).toEqual([
        [1, kept.id],
        [2, next.id],
      ]);
      const text = JSON.stringify(published);
      for (const lost of ['Rolled back create', 'rolled back message', 'Rolled back rename']) expect(text).not.toContain(lost);
    });
  });

  describe('a crash between commit and publish', () => {
    it('another process publishes the committed rows at start, in id order, exactly once; its poll picks up later ones', async () => {
      const org = await createOrganization(database, 'crash');
      const planner = principalOf(org, 'planner');
      // "Process 1" commits, and dies before its dispatcher publishes (it never runs).
      for (const title of ['one', 'two', 'three']) await create(planner, org, { title });
      await services.events.outbox.record(org.organizationId, [systemMessage('four'), systemMessage('five')]);
      const stranded = await table.rows(org);
      expect(stranded.map((row) => [row.eventId, row.publishedAt])).toEqual(range(1, 5).map((id) => [id, null]));

      // "Process 2" starts over the same database.
      const other = await secondHandle(database);
      handles.push(other.close);
      const restarted = startInstance(other.handle, new RecordingPublisher());
      await restarted.dispatcher.flush();
      expect(idsOf(restarted.publisher.published, org)).toEqual(range(1, 5));
      expect((await table.rows(org)).every((row) => row.publishedAt !== null)).toBe(true);

      // Committed later by an outbox whose dispatcher is not running: no wake-up reaches process 2,
      // its poll finds the rows.
      await create(planner, org, { title: 'six' });
      await services.events.outbox.record(org.organizationId, [systemMessage('seven')]);
      await vi.waitFor(() => expect(idsOf(restarted.publisher.published, org)).toEqual(range(1, 7)), WAIT);
      await vi.waitFor(async () => expect((await table.rows(org)).every((row) => row.publishedAt !== null)).toBe(true), WAIT);

      // More rounds, and a third process starting later, send nothing again.
      await restarted.dispatcher.flush();
      const third = startInstance(database, new RecordingPublisher());
      await third.dispatcher.flush();
      expect(idsOf(restarted.publisher.published, org)).toEqual(range(1, 7));
      expect(idsOf(third.publisher.published, org)).toEqual([]);
    });
  });

  describe('ids and order under concurrency', () => {
    it('concurrent writes in two organizations get gap-free ids, each published exactly once and in order', async () => {
      const a = await createOrganization(database, 'busy-a');
      const b = await createOrganization(database, 'busy-b');
      const plannerA = principalOf(a, 'planner');
      const plannerB = principalOf(b, 'planner');
      const existing = [];
      for (let i = 0; i < 20; i++) existing.push(await create(plannerA, a, { title: `Existing ${i}` }));
      for (let i = 0; i < 2; i++) await create(plannerB, b, { title: `Existing ${i}` });

      // Two instances publish while the writes run: this process's dispatcher (woken by each
      // commit) and another's (polling, over its own pool on PostgreSQL).
      const log: StoredEvent[] = [];
      const own = new SharedLogPublisher(log);
      const woken = startInstance(database, own);
      const other = await secondHandle(database);
      handles.push(other.close);
      const polling = startInstance(other.handle, new SharedLogPublisher(log));
      const writers = buildServices(database);
      // The writers' outbox wakes `woken`'s dispatcher, as a process's own commits do.
      vi.spyOn(writers.events.dispatcher, 'committed').mockImplementation(() => woken.dispatcher.wake());

      const operations: (() => Promise<{ id: string }>)[] = [
        ...existing.map((wo, i) => () => writers.workOrders.update(plannerA, wo.id, UpdateWorkOrder.parse({ title: `Renamed ${i}` }))),
        ...range(1, 20).map(
          (i) => () => writers.workOrders.create(plannerA, CreateWorkOrder.parse({ title: `New ${i}`, equipmentId: a.equipmentId })),
        ),
        ...range(1, 10).map(
          (i) => () => writers.workOrders.create(plannerB, CreateWorkOrder.parse({ title: `New ${i}`, equipmentId: b.equipmentId })),
        ),
      ];
      // Interleaved: updates, creates and the other organization's creates mixed.
      const order = operations.map((_, index) => index).sort((x, y) => ((x * 37) % 50) - ((y * 37) % 50));
      const results = await Promise.allSettled(order.map((index) => operations[index]!()));
      const failures = results.filter((result) => result.status === 'rejected');
      expect(failures, JSON.stringify(failures.map((failure) => String((failure as PromiseRejectedResult).reason)))).toEqual([]);

      const totalA = 20 + 40;
      const totalB = 2 + 10;
      // Gap-free, no duplicates: the table holds exactly 1..N per organization, and the counter says N.
      expect((await table.rows(a)).map((row) => row.eventId)).toEqual(range(1, totalA));
      expect((await table.rows(b)).map((row) => row.eventId)).toEqual(range(1, totalB));
      expect(await table.eventSeq(a)).toBe(totalA);
      expect(await table.eventSeq(b)).toBe(totalB);

      // Every committed change has its event.
      const rowsA = await table.rows(a);
      const createdIds = rowsA.filter((row) => row.payload['eventType'] === 'created').map((row) => row.payload['workOrderId']);
      const updatedIds = rowsA.filter((row) => row.payload['eventType'] === 'updated').map((row) => row.payload['workOrderId']);
      const allA = await database.db.select({ id: workOrders.id }).from(workOrders).where(eq(workOrders.organizationId, a.organizationId));
      expect(createdIds.sort()).toEqual(allA.map((row) => row.id).sort());
      expect(updatedIds.sort()).toEqual(existing.map((wo) => wo.id).sort());

      await Promise.all([woken.dispatcher.flush(), polling.dispatcher.flush()]);
      await vi.waitFor(() => expect(idsOf(log, a).length + idsOf(log, b).length).toBe(totalA + totalB), WAIT);
      // Exactly once in total, and — the dispatch lock serializing the instances — in id order
      // across both of them, so also in each one.
      expect(idsOf(log, a)).toEqual(range(1, totalA));
      expect(idsOf(log, b)).toEqual(range(1, totalB));
      for (const publisher of [own, polling.publisher]) {
        expect(ascending(idsOf(publisher.published, a))).toBe(true);
        expect(ascending(idsOf(publisher.published, b))).toBe(true);
      }
      expect(idsOf(own.published, a).length + idsOf(polling.publisher.published, a).length).toBe(totalA);
      const unpublished = await database.db
        .select({ id: events.eventId })
        .from(events)
        .where(and(inArray(events.organizationId, [a.organizationId, b.organizationId]), isNull(events.publishedAt)));
      expect(unpublished).toEqual([]);
    });

    it('two instances starting over a backlog publish every event exactly once in total, in order', async () => {
      const orgs = [await createOrganization(database, 'backlog-a'), await createOrganization(database, 'backlog-b')];
      for (const org of orgs)
        for (let i = 0; i < 6; i++)
          await services.events.outbox.record(
            org.organizationId,
            range(1, 5).map((k) => systemMessage(`${i}.${k}`)),
          );
      const log: StoredEvent[] = [];
      const other = await secondHandle(database);
      handles.push(other.close);
      const first = startInstance(database, new SharedLogPublisher(log));
      const second = startInstance(other.handle, new SharedLogPublisher(log));
      await Promise.all([first.dispatcher.flush(), second.dispatcher.flush()]);
      await vi.waitFor(() => expect(orgs.map((org) => idsOf(log, org).length)).toEqual([30, 30]), WAIT);
      for (const org of orgs) {
        expect(idsOf(log, org)).toEqual(range(1, 30));
        expect(ascending(idsOf(first.publisher.published, org))).toBe(true);
        expect(ascending(idsOf(second.publisher.published, org))).toBe(true);
        expect((await table.rows(org)).every((row) => row.publishedAt !== null)).toBe(true);
      }
    });
  });

  describe('resilience', () => {
    it('a publisher failing inside a round leaves the rows unpublished; a later round publishes them (no loss)', async () => {
      const org = await createOrganization(database, 'flaky');
      const planner = principalOf(org, 'planner');
      await create(planner, org, { title: 'one' });
      await create(planner, org, { title: 'two' });

      const flaky = startInstance(database, new FlakyPublisher());
      await flaky.dispatcher.flush();
      expect(flaky.publisher.attempts).toBeGreaterThan(0);
      expect(idsOf(flaky.publisher.published, org)).toEqual([]);
      expect((await table.rows(org)).map((row) => row.publishedAt)).toEqual([null, null]);

      // Committed while the link is down: waits too.
      await services.events.outbox.record(org.organizationId, [systemMessage('three')]);
      await flaky.dispatcher.flush();
      expect((await table.rows(org)).map((row) => row.publishedAt)).toEqual([null, null, null]);

      // Link back: the poll publishes everything, once, in order.
      flaky.publisher.down = false;
      await vi.waitFor(() => expect(idsOf(flaky.publisher.published, org)).toEqual([1, 2, 3]), WAIT);
      await vi.waitFor(async () => expect((await table.rows(org)).every((row) => row.publishedAt !== null)).toBe(true), WAIT);
      await flaky.dispatcher.flush();
      expect(idsOf(flaky.publisher.published, org)).toEqual([1, 2, 3]);
    });

    it('a round that fails gives back what it was to mark: the next round marks it, and does not send it again', async () => {
      const own = await createOrganization(database, 'give-back-own');
      const orphaned = await createOrganization(database, 'give-back-orphaned');
      // Fails the first publish that carries the orphaned organization's events.
      const publisher = new (class extends RecordingPublisher {
        failFor: string | undefined = orphaned.organizationId;
        override publish(published: readonly StoredEvent[]): void {
          if (published.some((event) => event.organizationId === this.failFor)) {
            this.failFor = undefined;
            throw new Error('pub/sub link dropped');
          }
          super.publish(published);
        }
      })();
      // No poll: rounds run when this test says so (and 100 ms after a publish).
      const instance = startInstance(database, publisher, { ...OUTBOX_CONFIG, outboxPollMs: 600_000 });
      await instance.dispatcher.flush();
      // Committed by a process that died before publishing it.
      await buildOutbox(database).outbox.record(orphaned.organizationId, [systemMessage('orphaned')]);
      // Published right after its commit; the next round is to mark it.
      await instance.outbox.record(own.organizationId, [systemMessage('own')]);
      // That round marks it, then finds the orphaned event, and fails to publish it: the marking is
      // rolled back. The next round must mark it again, not find it unpublished and resend it.
      await instance.dispatcher.flush();
      expect(idsOf(publisher.published, orphaned)).toEqual([]);
      await instance.dispatcher.flush();
      expect(idsOf(publisher.published, own)).toEqual([1]);
      expect(idsOf(publisher.published, orphaned)).toEqual([1]);
      expect((await table.rows(own)).map((row) => row.publishedAt !== null)).toEqual([true]);
      expect((await table.rows(orphaned)).map((row) => row.publishedAt !== null)).toEqual([true]);
    });

    it('a round failing after the events went out sends them again later with the same ids (at least once)', async () => {
      const org = await createOrganization(database, 'resend');
      await services.events.outbox.record(org.organizationId, [systemMessage('a'), systemMessage('b')]);
      const flaky = startInstance(database, new FlakyPublisher(true));
      await flaky.dispatcher.flush();
      const firstSeen = idsOf(flaky.publisher.published, org);
      expect(firstSeen.slice(0, 2)).toEqual([1, 2]);
      expect((await table.rows(org)).map((row) => row.publishedAt)).toEqual([null, null]);

      flaky.publisher.down = false;
      await vi.waitFor(async () => expect((await table.rows(org)).every((row) => row.publishedAt !== null)).toBe(true), WAIT);
      const seen = idsOf(flaky.publisher.published, org);
      // Every delivery is the same pair with the same ids, in order; the last one stuck.
      expect(seen.length % 2).toBe(0);
      for (let i = 0; i < seen.length; i += 2) expect(seen.slice(i, i + 2)).toEqual([1, 2]);
    });
  });
});

describe('outbox retention over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let table: ReturnType<typeof tableOf>;
  const running: EventDispatcher[] = [];
  const HOUR = 3600_000;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    table = tableOf(database);
  });
  afterEach(async () => {
    for (const dispatcher of running.splice(0)) await dispatcher.onModuleDestroy();
  });
  afterAll(() => dispose());

  const dispatcherWith = (eventRetentionMs: number) => {
    const instance = buildOutbox(database, new RecordingPublisher(), { ...OUTBOX_CONFIG, eventRetentionMs });
    running.push(instance.dispatcher);
    return instance;
  };
  /** Publishes everything unpublished so far (one dispatcher round set). */
  const publishAll = async () => {
    const instance = dispatcherWith(OUTBOX_CONFIG.eventRetentionMs);
    instance.dispatcher.start();
    await instance.dispatcher.flush();
    await instance.dispatcher.onModuleDestroy();
  };
  const record = (org: OrganizationFixture, count: number) =>
    services.events.outbox.record(
      org.organizationId,
      range(1, count).map((k) => systemMessage(`m${k}`)),
    );
  const age = (org: OrganizationFixture, ids: number[], hours: number) =>
    database.rows(sql`
      update events set created_at = created_at - make_interval(hours => ${hours})
      where organization_id = ${org.organizationId} and event_id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`);
  const state = async (org: OrganizationFixture) =>
    (await table.rows(org)).map((row) => `${row.eventId}:${row.publishedAt ? 'published' : 'pending'}`);

  it('with a tiny window, removes every published row and never an unpublished one', async () => {
    const org = await createOrganization(database, 'tiny');
    await record(org, 3);
    await publishAll();
    await record(org, 2);
    const rows = await table.rows(org);
    const newest = Math.max(...rows.map((row) => row.createdAt.getTime()));
    // The window is 1 ms: wait (bounded) until the clock has passed every row's creation.
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(newest + 5), WAIT);

    const purged = await dispatcherWith(1).dispatcher.purgeExpired();
    expect(purged).toBe(3);
    expect(await state(org)).toEqual(['4:pending', '5:pending']);
    const { current, oldest } = await services.events.store.bounds(org.organizationId, new Date(Date.now() - HOUR));
    expect(current).toBe(5);
    expect(oldest).toBe(4);

    // Once published, they go too; the counter stays.
    await publishAll();
    expect(await dispatcherWith(1).dispatcher.purgeExpired()).toBe(2);
    expect(await state(org)).toEqual([]);
    expect(await services.events.store.bounds(org.organizationId, new Date(Date.now() - HOUR))).toEqual({ current: 5, oldest: null });
    const [next] = await record(org, 1);
    expect(next!.eventId).toBe(6);
  });

  it('removes published rows older than the window only; bounds reports the oldest id still inside it', async () => {
    const org = await createOrganization(database, 'window');
    const bystander = await createOrganization(database, 'bystander');
    await record(org, 5);
    await record(bystander, 2);
    await publishAll();
    await record(org, 1); // 6, never published
    await age(org, [1, 2, 3, 6], 2);

    expect(await services.events.store.bounds(org.organizationId, new Date(Date.now() - HOUR))).toEqual({ current: 6, oldest: 4 });
    expect(await services.events.store.bounds(org.organizationId, new Date(Date.now() - 3 * HOUR))).toEqual({ current: 6, oldest: 1 });

    const purged = await dispatcherWith(HOUR).dispatcher.purgeExpired();
    expect(purged).toBe(3);
    expect(await state(org)).toEqual(['4:published', '5:published', '6:pending']);
    expect(await state(bystander)).toEqual(['1:published', '2:published']);
    expect(await services.events.store.bounds(org.organizationId, new Date(Date.now() - HOUR))).toEqual({ current: 6, oldest: 4 });
    expect(await services.events.store.bounds(org.organizationId, new Date(Date.now() - 3 * HOUR))).toEqual({ current: 6, oldest: 4 });

    // The old unpublished row is published late, then falls out of the window with the next purge.
    await publishAll();
    expect(await dispatcherWith(HOUR).dispatcher.purgeExpired()).toBe(1);
    expect(await state(org)).toEqual(['4:published', '5:published']);
    expect(await dispatcherWith(24 * HOUR).dispatcher.purgeExpired()).toBe(0);

    // An organization that never had an event.
    const quiet = await createOrganization(database, 'quiet');
    expect(await services.events.store.bounds(quiet.organizationId, new Date(Date.now() - HOUR))).toEqual({ current: 0, oldest: null });
  });

  // Overlapping transactions need a second connection: PostgreSQL only (the embedded database runs one at a time).
  it.runIf(usingPostgres())(
    'a purge never leaves a hole between the oldest held id and the current one (overlapping transactions, PostgreSQL)',
    async () => {
      const org = await createOrganization(database, 'overlap');
      let began!: (startedAt: number) => void;
      const slowBegan = new Promise<number>((resolve) => (began = resolve));
      let release!: () => void;
      const slowMayRecord = new Promise<void>((resolve) => (release = resolve));
      // A change that began first but records its event last (a slower transaction of the same organization).
      const slow = database.transaction(async () => {
        const [row] = await database.rows<{ started: string | Date }>(sql`select now() as started`);
        began(new Date(row!.started).getTime());
        await slowMayRecord;
        await record(org, 1);
      });
      const slowStartedAt = await slowBegan;
      // Setup, not a proof: the two transactions begin at different milliseconds.
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(slowStartedAt + 5), WAIT);
      await record(org, 1); // began later, records first: id 1
      release();
      await slow; // id 2
      await publishAll();

      const rows = await table.rows(org);
      expect(rows.map((row) => row.eventId)).toEqual([1, 2]);
      const createdAt = rows.map((row) => row.createdAt.getTime());
      // A purge whose cutoff falls between the two rows' creation times.
      const cutoff = new Date((createdAt[0]! + createdAt[1]!) / 2);
      await services.events.store.purgeOlderThan(cutoff);
      const { current, oldest } = await services.events.store.bounds(org.organizationId, cutoff);
      const held = (await table.rows(org)).map((row) => row.eventId);
      // Resume replays oldest..current as complete: every id in between must still be there.
      expect(
        held,
        `created_at by event id: ${rows.map((row) => `${row.eventId}=${row.createdAt.toISOString()}`).join(', ')}; bounds ${JSON.stringify({ current, oldest })}`,
      ).toEqual(oldest === null ? [] : range(oldest, current));
    },
  );
});
