import { type SQL, count } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database';

/** One offset page of a table and the number of matching rows, read side by side. */
export async function selectPage<TTable extends PgTable>(
  executor: Db,
  table: TTable,
  where: SQL | undefined,
  orderBy: (PgColumn | SQL)[],
  page: number,
  limit: number,
): Promise<{ rows: TTable['$inferSelect'][]; total: number }> {
  const [rows, [counted]] = await Promise.all([
    executor
      .select()
      .from(table as PgTable)
      .where(where)
      .orderBy(...orderBy)
      .limit(limit)
      .offset((page - 1) * limit),
    executor
      .select({ n: count() })
      .from(table as PgTable)
      .where(where),
  ]);
  return { rows: rows as TTable['$inferSelect'][], total: Number(counted?.n ?? 0) };
}
