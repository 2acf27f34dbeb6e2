import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { vi } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { sleep } from './support';

/** Helpers for tests of lock order and waits between transactions (PostgreSQL). */

/** The connection URL of the test's own database (DATABASE_URL names the server). */
export async function databaseUrlOf(database: Database): Promise<string> {
  const [row] = await database.rows<{ name: string }>(sql`select current_database() as name`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

/** A second connection holding row locks (`select … for update`) until `release`. */
export async function holdRows(databaseUrl: string, statement: string, params: unknown[]) {
  const holder = new Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('begin');
  await holder.query(statement, params);
  return {
    /** Runs a statement in the holding transaction. */
    query: (text: string, values: unknown[]) => holder.query(text, values),
    release: async () => {
      await holder.query('commit');
      await holder.end();
    },
  };
}

/**
 * Waits until `count` transactions of this database wait for a lock, or `unless` settles first
 * (a call that no longer needs to wait). Polls pg_stat_activity; fails if it never happens.
 */
export async function lockWaits(database: Database, count: number, unless?: Promise<unknown>): Promise<void> {
  let settled = false;
  void unless?.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let attempt = 0; attempt < 800; attempt++) {
    if (settled) return;
    const [row] = await database.rows<{ waiting: number }>(
      sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (row!.waiting >= count) return;
    await sleep(25);
  }
  throw new Error(`expected ${count} transaction(s) waiting for a lock`);
}

/** Pauses the first call of `method` (after it ran, or before) until `open` is called; `reached` says it got there. */
export function pauseFirstCall<T extends object, K extends keyof T>(target: T, method: K, when: 'before' | 'after') {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  let paused = false;
  vi.spyOn(target, method as never).mockImplementation((async (...args: unknown[]) => {
    if (paused) return original(...args);
    paused = true;
    if (when === 'before') {
      reach();
      await gate;
      return original(...args);
    }
    const result = await original(...args);
    reach();
    await gate;
    return result;
  }) as never);
  return { reached, open };
}
