import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database';

/**
 * `afterCommit` is what wakes the event dispatcher: it must run only once the change is durable,
 * never for a rolled-back one, and never turn a committed change into an error.
 */
describe('Database.afterCommit', () => {
  let database: Database;

  beforeAll(async () => {
    database = await Database.open({ pgliteDir: 'memory://' });
    await database.rows(sql`create table notes (id serial primary key, body text not null)`);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.rows(sql`delete from notes`);
  });

  const insert = (body: string) => database.rows(sql`insert into notes (body) values (${body})`);
  const bodies = async () => (await database.rows<{ body: string }>(sql`select body from notes order by id`)).map((row) => row.body);

  it('runs the callbacks after the commit, in registration order, once', async () => {
    const calls: string[] = [];
    const result = await database.transaction(async () => {
      await insert('first');
      database.afterCommit(() => calls.push('a'));
      database.afterCommit(() => calls.push('b'));
      await insert('second');
      database.afterCommit(() => calls.push('c'));
      expect(calls).toEqual([]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toEqual(['a', 'b', 'c']);

    // Later transactions do not run them again.
    await database.transaction(async () => insert('third'));
    await database.transaction(async () => database.afterCommit(() => calls.push('d')));
    expect(calls).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a callback sees the committed change, outside any transaction', async () => {
    let inTransaction: boolean | undefined;
    let seen: Promise<string[]> | undefined;
    await database.transaction(async () => {
      await insert('committed');
      database.afterCommit(() => {
        inTransaction = database.inTransaction;
        seen = bodies();
      });
    });
    // A callback that opens a transaction (as the dispatcher does) opens a new one, not the finished one.
    expect(inTransaction).toBe(false);
    expect(await seen).toEqual(['committed']);
  });

  it('a callback may open a new transaction of its own', async () => {
    let follow: Promise<void> | undefined;
    await database.transaction(async () => {
      await insert('change');
      database.afterCommit(() => {
        follow = database.transaction(async () => {
          await insert('follow-up');
        });
      });
    });
    await follow;
    expect(await bodies()).toEqual(['change', 'follow-up']);
  });

  it('does not run the callbacks of a transaction that rolls back', async () => {
    const calls: string[] = [];
    await expect(
      database.transaction(async () => {
        await insert('lost');
        database.afterCommit(() => calls.push('rolled back'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toEqual([]);
    expect(await bodies()).toEqual([]);

    // Nor later, when the next transaction commits.
    await database.transaction(async () => {
      await insert('kept');
      database.afterCommit(() => calls.push('committed'));
    });
    expect(calls).toEqual(['committed']);
  });

  it('does not run the callbacks when a statement of the transaction fails', async () => {
    const calls: string[] = [];
    await expect(
      database.transaction(async () => {
        database.afterCommit(() => calls.push('never'));
        await database.rows(sql`insert into no_such_table values (1)`);
      }),
    ).rejects.toThrow();
    expect(calls).toEqual([]);
  });

  it('runs a callback at once when no transaction is open', () => {
    const calls: string[] = [];
    database.afterCommit(() => calls.push('now'));
    expect(calls).toEqual(['now']);
  });

  it('in nested transactions, defers every callback to the outermost commit', async () => {
    const calls: string[] = [];
    await database.transaction(async () => {
      database.afterCommit(() => calls.push('outer 1'));
      await database.transaction(async () => {
        await insert('inner');
        database.afterCommit(() => calls.push('inner'));
        await database.transaction(async () => {
          database.afterCommit(() => calls.push('innermost'));
        });
        expect(calls).toEqual([]);
      });
      expect(calls).toEqual([]);
      database.afterCommit(() => calls.push('outer 2'));
    });
    expect(calls).toEqual(['outer 1', 'inner', 'innermost', 'outer 2']);
  });

  it('in nested transactions, runs nothing when the outermost one rolls back', async () => {
    const calls: string[] = [];
    await expect(
      database.transaction(async () => {
        await database.transaction(async () => {
          await insert('inner');
          database.afterCommit(() => calls.push('inner'));
        });
        throw new Error('outer fails after the inner one returned');
      }),
    ).rejects.toThrow('outer fails');
    expect(calls).toEqual([]);
    expect(await bodies()).toEqual([]);
  });

  it('a throwing callback neither fails the committed transaction nor stops the callbacks after it', async () => {
    const calls: string[] = [];
    const result = await database.transaction(async () => {
      await insert('durable');
      database.afterCommit(() => calls.push('before'));
      database.afterCommit(() => {
        throw new Error('follow-up failed');
      });
      database.afterCommit(() => calls.push('after'));
      return 42;
    });
    expect(result).toBe(42);
    expect(calls).toEqual(['before', 'after']);
    expect(await bodies()).toEqual(['durable']);
  });

  it('keeps the callbacks of concurrent transactions apart', async () => {
    const calls: string[] = [];
    const results = await Promise.allSettled([
      database.transaction(async () => {
        await insert('one');
        database.afterCommit(() => calls.push('one'));
      }),
      database.transaction(async () => {
        await insert('two');
        database.afterCommit(() => calls.push('two'));
        throw new Error('two fails');
      }),
      database.transaction(async () => {
        await insert('three');
        database.afterCommit(() => calls.push('three'));
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls.sort()).toEqual(['one', 'three']);
    expect((await bodies()).sort()).toEqual(['one', 'three']);
  });
});
