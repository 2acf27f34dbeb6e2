import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, TRANSACTION_ATTEMPTS } from '../../src/platform/db/database';
import { sqlStateOf } from '../../src/platform/db/errors';
import { freshDatabase, usingPostgres } from '../support/infrastructure';

/**
 * A transaction that PostgreSQL ends as a deadlock victim (40P01) or for a serialization failure
 * (40001) committed nothing, so `Database.transaction` runs its work again in a new one. On the
 * database of the run (PGlite, or PostgreSQL with DATABASE_URL); a real deadlock between two
 * connections needs PostgreSQL.
 */
describe('transactions run again after a deadlock or a serialization failure', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  const retries: string[] = [];

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    database.onTransactionRetry = (reason) => retries.push(reason);
    await database.db.execute(sql`create table retry_rows (id int primary key, value int not null)`);
  });
  afterAll(() => dispose());

  async function reset(...ids: number[]) {
    retries.length = 0;
    await database.db.execute(sql`delete from retry_rows`);
    for (const id of ids) await database.db.execute(sql`insert into retry_rows values (${id}, 0)`);
  }
  const values = async () =>
    (await database.rows<{ id: number; value: number }>(sql`select id, value from retry_rows order by id`)).map((row) => [
      row.id,
      row.value,
    ]);
  /** Fails a statement of the open transaction, and so the transaction, with `state` as PostgreSQL itself reports it. */
  const raise = (state: string) =>
    database.executor.execute(sql.raw(`do $$ begin raise exception 'collided' using errcode = '${state}'; end $$`));

  it.each([
    ['40P01', 'deadlock'],
    ['40001', 'serialization'],
  ])('%s: the work runs again from the start; only the last run commits, and its after-commit work runs once', async (state, reason) => {
    await reset(1);
    let runs = 0;
    let followUps = 0;
    const answer = await database.transaction(async () => {
      runs++;
      await database.executor.execute(sql`update retry_rows set value = value + 1 where id = 1`);
      database.afterCommit(() => followUps++);
      if (runs === 1) await raise(state);
      return `run ${runs}`;
    });
    expect(answer).toBe('run 2');
    expect(await values()).toEqual([[1, 1]]);
    expect(followUps).toBe(1);
    expect(retries).toEqual([reason]);
  });

  it('a nested call joins the outer transaction: the whole outer work runs again', async () => {
    await reset(1);
    const steps: string[] = [];
    await database.transaction(async () => {
      steps.push('outer');
      await database.executor.execute(sql`update retry_rows set value = value + 10 where id = 1`);
      await database.transaction(async () => {
        steps.push('inner');
        if (steps.length === 2) await raise('40P01');
      });
    });
    expect(steps).toEqual(['outer', 'inner', 'outer', 'inner']);
    expect(await values()).toEqual([[1, 10]]);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} tries with the database's own error; other errors are not retried`, async () => {
    await reset(1);
    let runs = 0;
    const failing = database.transaction(async () => {
      runs++;
      await database.executor.execute(sql`update retry_rows set value = value + 1 where id = 1`);
      await raise('40001');
    });
    await expect(failing.catch((error: unknown) => sqlStateOf(error))).resolves.toBe('40001');
    expect(runs).toBe(TRANSACTION_ATTEMPTS);
    expect(await values()).toEqual([[1, 0]]);

    runs = 0;
    const unique = database.transaction(async () => {
      runs++;
      await database.executor.execute(sql`insert into retry_rows values (1, 5)`);
    });
    await expect(unique.catch((error: unknown) => sqlStateOf(error))).resolves.toBe('23505');
    expect(runs).toBe(1);
  });

  it('retry: false leaves the deadlock to the caller', async () => {
    await reset(1);
    let runs = 0;
    const once = database.transaction(
      async () => {
        runs++;
        await raise('40P01');
      },
      { retry: false },
    );
    await expect(once.catch((error: unknown) => sqlStateOf(error))).resolves.toBe('40P01');
    expect(runs).toBe(1);
    expect(retries).toEqual([]);
  });

  it.runIf(usingPostgres())('a real deadlock between two connections: the victim runs again and both changes commit', async () => {
    await reset(1, 2);
    // Each transaction takes its first row, waits until the other has taken its own, then asks
    // for the other's row: PostgreSQL ends one of them as the deadlock victim.
    let firstHeld = 0;
    const bothHold = async () => {
      firstHeld++;
      while (firstHeld < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const runs = { a: 0, b: 0 };
    const crossing = (name: 'a' | 'b', first: number, second: number) =>
      database.transaction(async () => {
        runs[name]++;
        await database.executor.execute(sql`update retry_rows set value = value + 1 where id = ${first}`);
        if (runs[name] === 1) await bothHold();
        await database.executor.execute(sql`update retry_rows set value = value + 100 where id = ${second}`);
      });
    await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)]);
    expect(runs.a + runs.b).toBe(3);
    expect(retries).toEqual(['deadlock']);
    expect(await values()).toEqual([
      [1, 101],
      [2, 101],
    ]);
  });
});
