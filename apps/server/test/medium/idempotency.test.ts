import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { idempotencyKeys, locations } from '../../src/platform/db/schema';
import { IDEMPOTENCY_RETENTION_HOURS, IdempotencyRepository } from '../../src/platform/http/idempotency.repository';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';

const HOUR_MS = 3_600_000;

describe('IdempotencyRepository over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let keys: IdempotencyRepository;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'idem');
    keys = new IdempotencyRepository(database);
    alice = org.users.planner.id;
    bob = org.users.manager.id;
  });
  afterAll(() => dispose());

  const stored = async (userId: string, key: string) =>
    database.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));

  /** What the interceptor does: claim, do the work, complete — in one transaction. */
  const guarded = (userId: string, key: string, hash: string, work: () => Promise<string>) =>
    database.transaction(async () => {
      const claimed = await keys.claim(userId, key, hash);
      if (claimed.outcome !== 'claimed') return claimed;
      const body = await work();
      await keys.complete(userId, key, 201, body);
      return { outcome: 'ran' as const, body };
    });

  it('the first claim of a key takes it', async () => {
    expect(await keys.claim(alice, 'k-first', 'hash-1')).toEqual({ outcome: 'claimed' });
    expect(await stored(alice, 'k-first')).toMatchObject([{ requestHash: 'hash-1', responseBody: null, completedAt: null }]);
  });

  it('after completion a retry gets the stored body, including an empty one', async () => {
    await keys.claim(alice, 'k-done', 'hash-1');
    await keys.complete(alice, 'k-done', 201, '{"id":"wo-1"}');
    expect(await keys.claim(alice, 'k-done', 'hash-1')).toEqual({ outcome: 'completed', responseBody: '{"id":"wo-1"}' });
    await keys.claim(alice, 'k-empty', 'hash-1');
    await keys.complete(alice, 'k-empty', 204, null);
    expect(await keys.claim(alice, 'k-empty', 'hash-1')).toEqual({ outcome: 'completed', responseBody: null });
  });

  it('the same key with a different request is a mismatch', async () => {
    await keys.claim(alice, 'k-mismatch', 'hash-1');
    await keys.complete(alice, 'k-mismatch', 201, '{"id":1}');
    expect(await keys.claim(alice, 'k-mismatch', 'hash-2')).toEqual({ outcome: 'mismatch' });
  });

  it('keys belong to one user: the same key of another user is independent', async () => {
    await keys.claim(alice, 'k-shared', 'hash-1');
    expect(await keys.claim(bob, 'k-shared', 'hash-2')).toEqual({ outcome: 'claimed' });
  });

  it('work that fails leaves no key behind: the same key runs again, even with another request', async () => {
    await expect(
      guarded(alice, 'k-fails', 'hash-1', async () => {
        throw new Error('validation failed inside the handler');
      }),
    ).rejects.toThrow('validation failed');
    expect(await stored(alice, 'k-fails')).toEqual([]);
    expect(await guarded(alice, 'k-fails', 'hash-2', async () => 'second')).toEqual({ outcome: 'ran', body: 'second' });
  });

  it('a crash after the work but before the answer leaves neither: the work and its key commit together', async () => {
    // The transaction dies after the work's insert (the process "crashes" before completing).
    await expect(
      database.transaction(async () => {
        await keys.claim(alice, 'k-crash', 'hash-1');
        await database.executor.insert(locations).values({ organizationId: org.organizationId, name: 'Created then crashed' });
        throw new Error('process died');
      }),
    ).rejects.toThrow('process died');
    expect(await stored(alice, 'k-crash')).toEqual([]);
    expect(await database.db.select().from(locations).where(eq(locations.name, 'Created then crashed'))).toEqual([]);
    // The client's retry therefore runs once, for real.
    expect(await guarded(alice, 'k-crash', 'hash-1', async () => 'created')).toEqual({ outcome: 'ran', body: 'created' });
  });

  it('concurrent requests with one key run the work exactly once; the others replay its answer', async () => {
    let runs = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        guarded(bob, 'k-race', 'hash-1', async () => {
          runs++;
          return `run-${runs}`;
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((outcome) => outcome.outcome === 'ran')).toEqual([{ outcome: 'ran', body: 'run-1' }]);
    expect(outcomes.filter((outcome) => outcome.outcome === 'completed')).toEqual(
      Array.from({ length: 4 }, () => ({ outcome: 'completed', responseBody: 'run-1' })),
    );
  });

  it('purgeExpired removes keys older than the retention period and keeps the rest', async () => {
    const user = org.users.admin.id;
    for (const key of ['k-expired', 'k-recent', 'k-almost']) {
      await keys.claim(user, key, 'h');
      await keys.complete(user, key, 200, key);
    }
    const age = (key: string, hours: number) =>
      database.db
        .update(idempotencyKeys)
        .set({ createdAt: new Date(Date.now() - hours * HOUR_MS) })
        .where(and(eq(idempotencyKeys.userId, user), eq(idempotencyKeys.key, key)));
    await age('k-expired', IDEMPOTENCY_RETENTION_HOURS + 1);
    await age('k-almost', IDEMPOTENCY_RETENTION_HOURS - 1);

    expect(await keys.purgeExpired()).toBe(1);
    const remaining = await database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, user));
    expect(remaining.map((row) => row.key).sort()).toEqual(['k-almost', 'k-recent']);
    expect(await keys.purgeExpired()).toBe(0);
    // An expired key is forgotten: the same key now runs again.
    expect(await keys.claim(user, 'k-expired', 'h')).toEqual({ outcome: 'claimed' });
  });
});
