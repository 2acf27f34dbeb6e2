import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database';

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

type OrganizationTable = PgTable & { id: PgColumn; organizationId: PgColumn };

/** Whether a referenced row exists in the caller's organization (ids from clients are checked with this). */
export async function existsInOrganization(executor: Db, table: OrganizationTable, organizationId: string, id: string): Promise<boolean> {
  const rows = await executor
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(eq(table.organizationId, organizationId), eq(table.id, id)))
    .limit(1);
  return rows.length > 0;
}
