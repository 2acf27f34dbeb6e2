import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../database';
import * as schema from '../schema';
import type { OrganizationDataset } from './organization-dataset';

/** Rows per INSERT: big enough to be fast, well under PostgreSQL's 65,535 bind parameters. */
const ROWS_PER_INSERT = 500;

async function insertInChunks<TTable extends PgTable>(executor: Db, table: TTable, rows: readonly TTable['$inferInsert'][]): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += ROWS_PER_INSERT) {
    await executor.insert(table).values(rows.slice(offset, offset + ROWS_PER_INSERT));
  }
}

/** Writes one organization's rows, parents first so every foreign key finds its target. */
export async function insertOrganizationDataset(executor: Db, dataset: OrganizationDataset): Promise<void> {
  await executor.insert(schema.organizations).values(dataset.organization);
  await insertRemainder(executor, dataset);
}

/** Everything but the organization row, for callers that inserted that row themselves. */
export async function insertRemainder(executor: Db, dataset: OrganizationDataset): Promise<void> {
  await insertInChunks(executor, schema.locations, dataset.locations);
  await insertInChunks(executor, schema.siteTravelTimes, dataset.siteTravelTimes);
  await insertInChunks(executor, schema.technicians, dataset.technicians);
  await insertInChunks(executor, schema.technicianAvailability, dataset.technicianAvailability);
  await insertInChunks(executor, schema.availabilityExceptions, dataset.availabilityExceptions);
  await insertInChunks(executor, schema.users, dataset.users);
  await insertInChunks(executor, schema.equipment, dataset.equipment);
  await insertInChunks(executor, schema.parts, dataset.parts);
  await insertInChunks(executor, schema.workOrders, dataset.workOrders);
  await insertInChunks(executor, schema.workOrderTasks, dataset.workOrderTasks);
  await insertInChunks(executor, schema.workOrderParts, dataset.workOrderParts);
  await insertInChunks(executor, schema.workOrderComments, dataset.workOrderComments);
  await insertInChunks(executor, schema.workOrderHistory, dataset.workOrderHistory);
  await insertInChunks(executor, schema.stockMovements, dataset.stockMovements);
}

/** Row counts of a dataset, for progress lines and summaries. */
export function datasetRowCount(dataset: OrganizationDataset): number {
  return Object.values(dataset).reduce((sum: number, rows: unknown) => sum + (Array.isArray(rows) ? rows.length : 1), 0);
}
