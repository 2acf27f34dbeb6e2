import type { WorkOrderSort } from '@msched/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseSort } from '../../src/modules/work-orders/work-order-cursor';
import {
  type VisibilityScope,
  type WorkOrderFilters,
  WorkOrderQueriesRepository,
  cursorValue,
} from '../../src/modules/work-orders/work-order-queries.repository';
import { listedFromEntity } from '../../src/modules/work-orders/work-order.mapper';
import type { WorkOrderRow } from '../../src/modules/work-orders/work-orders.repository';
import type { Database } from '../../src/platform/db/database';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase, usingPostgres } from '../support/infrastructure';
import { idOf, insertWorkOrders } from '../support/query-fixtures';

/** Instants at the edges of the text conversion: zero and full fractions, before 1970, a leap day, the far future. */
const INSTANTS = [
  '2026-03-01T08:30:00.000Z',
  '2026-03-01T08:30:00.500Z',
  '2026-03-01T08:30:00.050Z',
  '2026-03-01T08:30:00.007Z',
  '2026-03-01T08:30:00.999Z',
  '1969-07-20T20:17:40.123Z',
  '1900-01-01T00:00:00.000Z',
  '2024-02-29T23:59:59.999Z',
  '2000-02-29T00:00:00.001Z',
  '9999-12-31T21:59:59.999Z',
  '2100-01-01T00:00:00.000Z',
].map((text) => new Date(text));

const at = (n: number, shift = 0) => INSTANTS[(n + shift) % INSTANTS.length]!;

/**
 * Lists read their rows as arrays straight from the driver (timestamps as PostgreSQL's text);
 * inside a transaction they run through Drizzle (Dates). Both must give the very same rows, and
 * the same rows the table holds.
 */
describe('list rows read as arrays equal the rows read through Drizzle', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let stored: WorkOrderRow[];
  let scope: VisibilityScope;
  const repository = () => new WorkOrderQueriesRepository(database);

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'list-rows');
    scope = { organizationId: org.organizationId, kind: 'organization' };
    stored = await insertWorkOrders(
      database,
      org,
      Array.from({ length: 33 }, (_, index) => {
        const n = index + 1;
        const finished = n % 3 === 0;
        return {
          id: idOf(n),
          number: n,
          status: finished ? ('COMPLETED' as const) : ('OPEN' as const),
          priority: (['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const)[n % 4],
          description: n % 2 ? `About job ${n}` : null,
          dueDate: n % 5 === 0 ? null : at(n),
          scheduledStartTime: n % 4 === 0 ? null : at(n, 1),
          scheduledEndTime: n % 4 === 0 ? null : new Date(at(n, 1).getTime() + 3_600_000),
          actualStartTime: finished ? at(n, 2) : null,
          actualEndTime: finished ? new Date(at(n, 2).getTime() + 1_800_000) : null,
          complianceWindowEnd: n % 7 === 0 ? at(n, 3) : null,
          technicianId: n % 2 ? org.technicianId : null,
          requiredSkills: n % 2 ? [{ skill: 'electrical', minLevel: 2 }] : [],
          completion: finished ? { notes: `Done ${n}`, firstTimeFix: n % 2 === 0 } : null,
          createdAt: at(n, 4),
          updatedAt: at(n, 5),
        };
      }),
    );
  });
  afterAll(() => dispose());

  const throughDrizzle = <T>(read: () => Promise<T>) => database.transaction(read);
  const filterSets: WorkOrderFilters[] = [
    {},
    { status: ['OPEN'], priority: ['HIGH', 'CRITICAL', 'MEDIUM'] },
    { dueDateTo: '2100-06-01T00:00:00.000Z' },
    // A search reads its matches in the table's place: by its own text, and by its technician.
    { search: 'job' },
    { search: 'tess', status: ['OPEN'] },
  ];
  const sorts: WorkOrderSort[] = ['dueDate', '-dueDate', 'createdAt', '-updatedAt', 'priority', 'workOrderNumber', '-scheduledStartTime'];

  it('holds the table: every instant as its ISO string, every other value as Drizzle reads it', async () => {
    const { rows, total } = await repository().page(scope, {}, 'workOrderNumber', 1, 50);
    expect(total).toEqual({ total: stored.length, estimate: false });
    const byNumber = [...stored].sort((a, b) => a.number - b.number);
    expect(rows).toEqual(byNumber.map(listedFromEntity));
    expect(rows.map((row) => row.dueDate).filter(Boolean)).toContain('9999-12-31T21:59:59.999Z');
    expect(rows.map((row) => row.createdAt)).toContain('1969-07-20T20:17:40.123Z');
  });

  it('pages by offset, with the total, as Drizzle does', async () => {
    for (const filters of filterSets)
      for (const sort of sorts)
        for (const page of [1, 2, 5]) {
          const arrays = await repository().page(scope, filters, sort, page, 7);
          if (page === 1) expect(arrays.rows.length, JSON.stringify(filters)).toBeGreaterThan(0);
          expect(arrays, `${sort} page ${page}`).toEqual(await throughDrizzle(() => repository().page(scope, filters, sort, page, 7)));
        }
  });

  it('pages by cursor, as Drizzle does, to the end of every sort', async () => {
    for (const filters of [{}, { search: 'tess' }] satisfies WorkOrderFilters[])
      for (const sort of sorts) {
        const field = parseSort(sort).field;
        let cursor: string | undefined;
        for (let step = 0; step < 10; step++) {
          const position = cursor === undefined ? undefined : decodeCursor(cursor, sort);
          const arrays = await repository().after(scope, filters, sort, position, 5);
          expect(arrays, `${sort} step ${step}`).toEqual(await throughDrizzle(() => repository().after(scope, filters, sort, position, 5)));
          if (arrays.length <= 5) break;
          const last = arrays[4]!;
          cursor = encodeCursor({ sort, value: cursorValue(last, field), id: last.id });
        }
      }
  });

  it.skipIf(usingPostgres())('converts instants in another session time zone too (PGlite: one session)', async () => {
    // A fixed offset: named zones give 1900 a local mean time with seconds, which no Date parses.
    await database.rows(sql`set time zone interval '+05:30' hour to minute`);
    try {
      const arrays = await repository().page(scope, {}, 'dueDate', 1, 50);
      expect(arrays).toEqual(await throughDrizzle(() => repository().page(scope, {}, 'dueDate', 1, 50)));
      expect(arrays.rows.map((row) => row.createdAt)).toContain('1969-07-20T20:17:40.123Z');
    } finally {
      await database.rows(sql`set timezone = 'UTC'`);
    }
  });
});
