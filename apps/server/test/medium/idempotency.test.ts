import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { idempotencyKeys } from '../../src/platform/db/schema';
import { IDEMPOTENCY_RETENTION_HOURS, IdempotencyRepository } from '../../src/platform/http/idempotency.repository';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { sleep } from './support';

const HOUR_MS = 3_600_000;
const STALE_AFTER_MS = 60_000;

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

  it('the first claim of a key takes it', async () => {
    expect(await keys.claim(alice, 'k-first', 'hash-1', STALE_AFTER_MS)).toEqual({ outcome: 'claimed' });
    expect(await stored(alice, 'k-first')).toMatchObject([
      { requestHash: 'hash-1', statusCode: null, responseBody: null, completedAt: null },
    ]);
  });

  it('the same key and request while the first is pending is in progress', async () => {
    await keys.claim(alice, 'k-pending', 'hash-1', STALE_AFTER_MS);
    expect(await keys.claim(alice, 'k-pending', 'hash-1', STALE_AFTER_MS)).toEqual({ outcome: 'in_progress' });
  });

  it('the same key with a different request is a mismatch, pending or completed', async () => {
    await keys.claim(alice, 'k-mismatch', 'hash-1', STALE_AFTER_MS);
    expect(await keys.claim(alice, 'k-mismatch', 'hash-2', STALE_AFTER_MS)).toEqual({ outcome: 'mismatch' });
    await keys.complete(alice, 'k-mismatch', 201, '{"id":1}');
    expect(await keys.claim(alice, 'k-mismatch', 'hash-2', STALE_AFTER_MS)).toEqual({ outcome: 'mismatch' });
  });

  it('after completion a retry gets the stored status and body', async () => {
    await keys.claim(alice, 'k-done', 'hash-1', STALE_AFTER_MS);
    await keys.complete(alice, 'k-done', 201, '{"id":"wo-1"}');
    expect(await keys.claim(alice, 'k-done', 'hash-1', STALE_AFTER_MS)).toEqual({
      outcome: 'completed',
      statusCode: 201,
      responseBody: '{"id":"wo-1"}',
    });
    await keys.claim(alice, 'k-empty', 'hash-1', STALE_AFTER_MS);
    await keys.complete(alice, 'k-empty', 204, null);
    expect(await keys.claim(alice, 'k-empty', 'hash-1', STALE_AFTER_MS)).toEqual({
      outcome: 'completed',
      statusCode: 204,
      responseBody: null,
    });
  });

  it('a completed key is never taken over, however old', async () => {
    await keys.claim(alice, 'k-old-done', 'hash-1', STALE_AFTER_MS);
    await keys.complete(alice, 'k-old-done', 200, '"ok"');
    await sleep(5);
    expect(await keys.claim(alice, 'k-old-done', 'hash-1', 0)).toEqual({ outcome: 'completed', statusCode: 200, responseBody: '"ok"' });
  });

  it('keys belong to one user: the same key of another user is independent', async () => {
    await keys.claim(alice, 'k-shared', 'hash-1', STALE_AFTER_MS);
    expect(await keys.claim(bob, 'k-shared', 'hash-2', STALE_AFTER_MS)).toEqual({ outcome: 'claimed' });
    await keys.complete(bob, 'k-shared', 200, 'bob');
    expect(await keys.claim(alice, 'k-shared', 'hash-1', STALE_AFTER_MS)).toEqual({ outcome: 'in_progress' });
  });

  it('release frees a pending key to be claimed again, even with another request', async () => {
    await keys.claim(alice, 'k-release', 'hash-1', STALE_AFTER_MS);
    await keys.release(alice, 'k-release');
    expect(await stored(alice, 'k-release')).toEqual([]);
    expect(await keys.claim(alice, 'k-release', 'hash-2', STALE_AFTER_MS)).toEqual({ outcome: 'claimed' });
  });

  it('release does not forget a completed key', async () => {
    await keys.claim(alice, 'k-release-done', 'hash-1', STALE_AFTER_MS);
    await keys.complete(alice, 'k-release-done', 201, 'body');
    await keys.release(alice, 'k-release-done');
    expect(await keys.claim(alice, 'k-release-done', 'hash-1', STALE_AFTER_MS)).toMatchObject({ outcome: 'completed', statusCode: 201 });
  });

  it('a pending claim older than staleAfterMs is taken over (staleAfterMs 0 after a small delay)', async () => {
    await keys.claim(alice, 'k-stale-0', 'hash-1', STALE_AFTER_MS);
    const [before] = await stored(alice, 'k-stale-0');
    await sleep(20);
    expect(await keys.claim(alice, 'k-stale-0', 'hash-1', 0)).toEqual({ outcome: 'claimed' });
    const [after] = await stored(alice, 'k-stale-0');
    expect(after!.createdAt.getTime()).toBeGreaterThan(before!.createdAt.getTime());
    expect(after!.completedAt).toBeNull();
  });

  it('a stale pending claim is taken over by exactly one of two concurrent claimers', async () => {
    // Aged past the threshold directly: with staleAfterMs 0 the winner's fresh claim would itself
    // count as stale a millisecond later, so "exactly one" needs a threshold larger than the race.
    await keys.claim(alice, 'k-stale', 'hash-1', STALE_AFTER_MS);
    await database.db
      .update(idempotencyKeys)
      .set({ createdAt: new Date(Date.now() - 2 * STALE_AFTER_MS) })
      .where(and(eq(idempotencyKeys.userId, alice), eq(idempotencyKeys.key, 'k-stale')));
    const outcomes = await Promise.all([
      keys.claim(alice, 'k-stale', 'hash-1', STALE_AFTER_MS),
      keys.claim(alice, 'k-stale', 'hash-1', STALE_AFTER_MS),
    ]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['claimed', 'in_progress']);
    const [after] = await stored(alice, 'k-stale');
    expect(Date.now() - after!.createdAt.getTime()).toBeLessThan(STALE_AFTER_MS);
  });

  it('a pending claim younger than staleAfterMs is not taken over', async () => {
    await keys.claim(alice, 'k-young', 'hash-1', STALE_AFTER_MS);
    await sleep(20);
    expect(await keys.claim(alice, 'k-young', 'hash-1', STALE_AFTER_MS)).toEqual({ outcome: 'in_progress' });
  });

  it('two concurrent first claims of a fresh key: exactly one takes it', async () => {
    const outcomes = await Promise.all([
      keys.claim(bob, 'k-race', 'hash-1', STALE_AFTER_MS),
      keys.claim(bob, 'k-race', 'hash-1', STALE_AFTER_MS),
      keys.claim(bob, 'k-race', 'hash-1', STALE_AFTER_MS),
    ]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['claimed', 'in_progress', 'in_progress']);
  });

  it('purgeExpired removes keys older than the retention period and keeps the rest', async () => {
    const user = org.users.admin.id;
    await keys.claim(user, 'k-expired-done', 'h', STALE_AFTER_MS);
    await keys.complete(user, 'k-expired-done', 200, 'old');
    await keys.claim(user, 'k-expired-pending', 'h', STALE_AFTER_MS);
    await keys.claim(user, 'k-recent', 'h', STALE_AFTER_MS);
    await keys.claim(user, 'k-almost', 'h', STALE_AFTER_MS);
    const past = (hours: number) => new Date(Date.now() - hours * HOUR_MS);
    const age = (key: string, hours: number) =>
      database.db
        .update(idempotencyKeys)
        .set({ createdAt: past(hours) })
        .where(and(eq(idempotencyKeys.userId, user), eq(idempotencyKeys.key, key)));
    await age('k-expired-done', IDEMPOTENCY_RETENTION_HOURS + 1);
    await age('k-expired-pending', IDEMPOTENCY_RETENTION_HOURS * 2);
    await age('k-almost', IDEMPOTENCY_RETENTION_HOURS - 1);

    const before = (await database.db.select().from(idempotencyKeys)).length;
    expect(await keys.purgeExpired()).toBe(2);
    const remaining = await database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, user));
    expect(remaining.map((row) => row.key).sort()).toEqual(['k-almost', 'k-recent']);
    expect((await database.db.select().from(idempotencyKeys)).length).toBe(before - 2);
    expect(await keys.purgeExpired()).toBe(0);
    // An expired key is forgotten: the same key now runs again.
    expect(await keys.claim(user, 'k-expired-done', 'h', STALE_AFTER_MS)).toEqual({ outcome: 'claimed' });
  });
});
