import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POOL, Database } from '../../src/platform/db/database';
import { isDatabaseUnavailable } from '../../src/platform/db/errors';
import { usingPostgres } from '../support/infrastructure';
import { sharedPostgres } from '../support/server-process';

/**
 * A PostgreSQL connection that dies or stops answering while a request holds it: the request
 * fails as "database unavailable" (503), and the process and its pool carry on. PostgreSQL only:
 * the embedded database has no connections to lose.
 */
describe.skipIf(!usingPostgres())('connections lost or silent while in use (PostgreSQL)', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof sharedPostgres>>>;
  let database: Database;

  beforeAll(async () => {
    shared = (await sharedPostgres())!;
    database = await Database.open({ url: shared.url, pool: { ...DEFAULT_POOL, max: 2, min: 0, queryTimeoutMillis: 1_000 } });
  });
  afterAll(async () => {
    await database?.close();
    await shared?.dispose();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('expected it to fail'),
      (error: unknown) => error,
    );

  it('a connection cut between the statements of a transaction fails that transaction alone; the pool carries on', async () => {
    const error = await failure(
      database.transaction(async () => {
        const [own] = await database.rows<{ pid: number }>(sql`select pg_backend_pid() as pid`);
        await shared.database.rows(sql`select pg_terminate_backend(${own!.pid})`);
        // The connection's socket closes now, while the transaction holds it: its 'error' event
        // used to reach no listener and end the process.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await database.rows(sql`select 1`);
      }),
    );
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    expect(await database.rows(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('a statement past the query timeout fails as unavailable, and the next one is answered', async () => {
    const error = await failure(database.rows(sql`select pg_sleep(5)`));
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await database.rows(sql`select 2 as two`)).toEqual([{ two: 2 }]);
  });

  it('migrations run without the time limit', async () => {
    // A migration run is a no-op here, but it must open its own connection and not fail on the pool's limits.
    await expect(database.migrate()).resolves.toBeUndefined();
  });
});
