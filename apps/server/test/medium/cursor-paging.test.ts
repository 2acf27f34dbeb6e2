import { CreateWorkOrder, WorkOrderListQuery } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { buildServices, principalOf } from './support';

/**
 * Rows created within the same millisecond by the database clock (now()) must page exactly
 * once each: cursors carry the sort value at the column's own precision.
 */
describe('keyset paging over database-stamped times', () => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
  });
  afterAll(() => dispose());

  it('walks 40 work orders created back to back, by createdAt and by -updatedAt, without gaps or repeats', async () => {
    const org = await createOrganization(database, 'cursor');
    const services = buildServices(database);
    const planner = principalOf(org, 'planner');
    const created: string[] = [];
    for (let index = 0; index < 40; index++) {
      created.push(
        (await services.workOrders.create(planner, CreateWorkOrder.parse({ title: `Round ${index}`, equipmentId: org.equipmentId }))).id,
      );
    }
    for (const sort of ['createdAt', '-updatedAt'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined =
        (await services.workOrderQueries.list(planner, WorkOrderListQuery.parse({ sort, limit: 6 }))).nextCursor ?? undefined;
      seen.push(...(await services.workOrderQueries.list(planner, WorkOrderListQuery.parse({ sort, limit: 6 }))).data.map((row) => row.id));
      while (cursor) {
        const page = await services.workOrderQueries.list(planner, WorkOrderListQuery.parse({ sort, limit: 6, cursor }));
        seen.push(...page.data.map((row) => row.id));
        cursor = page.nextCursor ?? undefined;
      }
      expect(seen).toHaveLength(40);
      expect(new Set(seen)).toEqual(new Set(created));
    }
  });
});
