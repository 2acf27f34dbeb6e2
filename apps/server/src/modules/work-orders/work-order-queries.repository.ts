import type { Priority, WorkOrderSort, WorkOrderStatus } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type Placeholder, type SQL, and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { Database } from '../../platform/db/database';
import { type Bind, PreparedStatements, type Writable, inline } from '../../platform/db/prepared-statements';
import { workOrders } from '../../platform/db/schema';
import { type CursorPosition, SORT_COLUMNS, type SortField, parseSort } from './work-order-cursor';
import { SEARCH_MATCHES, searchMatches, searchSource } from './work-order-search';
import { LISTED_COLUMNS, type ListedRow, listedFromArray, listedFromEntity } from './work-order.mapper';
import { type WorkOrderRow, bookedOn } from './work-orders.repository';

/** Whose work orders a caller may list: the whole organization, or only their own. */
export type VisibilityScope =
  { organizationId: string; kind: 'organization' } | { organizationId: string; kind: 'own'; userId: string; technicianId: string | null };

export interface WorkOrderFilters {
  status?: WorkOrderStatus[];
  priority?: Priority[];
  technicianId?: string;
  equipmentId?: string;
  dueDateFrom?: string;
  dueDateTo?: string;
  createdAfter?: string;
  search?: string;
  /** Only these states (equipment history). */
  actualEndFrom?: string;
  actualEndTo?: string;
}

/** Up to this many matching rows, `total` is exact; beyond it, EXACT_TOTAL_LIMIT + 1 flagged as an estimate (a lower bound). */
export const EXACT_TOTAL_LIMIT = 1000;

export interface PageTotal {
  total: number;
  estimate: boolean;
}

export interface CountedPage {
  rows: ListedRow[];
  total: PageTotal;
}

/** Where a page statement's capped count sits in its row arrays: after the columns. */
const MATCHING_AT = Object.keys(LISTED_COLUMNS).length;

/** A list statement's rows, and the capped count they carry (page statements only). */
interface ListedRead {
  rows: ListedRow[];
  matching: number | undefined;
}

/**
 * Matching rows counted up to one past EXACT_TOTAL_LIMIT: that tells an exact total from "more
 * than 1,000" without counting a huge list or asking the planner (one more round trip). As a
 * scalar subquery of the page's own statement it runs once, in the same round trip as the page.
 * The order by number lets the planner take the first rows from work_orders_org_count_idx
 * (organization, number, with every filtered column included): an index-only scan that fetches
 * no row. Unordered, it may choose a sequential scan that stops after 1,001 matches, which reads
 * every organization stored before this one. A search's matches are counted as they come: they
 * are already read, and have no index to serve an order.
 */
function cappedCount(where: SQL, searching = false): SQL<number> {
  const source = searching ? searchSource() : workOrders;
  const order = searching ? sql`` : sql`order by ${sql.identifier(workOrders.number.name)} `;
  return sql<number>`(select count(*)::int from (select 1 from ${source} where ${where} ${order}limit ${EXACT_TOTAL_LIMIT + 1}) matching)`;
}

/**
 * LISTED_COLUMNS read from a search's matches (`searchSource`, under the table's name), each
 * decoded as its column. Drizzle checks that selected columns belong to the table the statement
 * reads, so they are selected as SQL; typed as the columns, which they are.
 */
const LISTED_FROM_MATCHES = Object.fromEntries(
  Object.entries(LISTED_COLUMNS).map(([key, column]) => [key, sql`${workOrders}.${sql.identifier(column.name)}`.mapWith(column)]),
) as unknown as typeof LISTED_COLUMNS;

const totalOf = (counted: number): PageTotal => ({ total: counted, estimate: counted > EXACT_TOTAL_LIMIT });

const SORT_COLUMN: Record<SortField, PgColumn> = {
  dueDate: workOrders.dueDate,
  createdAt: workOrders.createdAt,
  updatedAt: workOrders.updatedAt,
  priority: workOrders.priority,
  workOrderNumber: workOrders.number,
  scheduledStartTime: workOrders.scheduledStartTime,
};

/** Read-side queries of work-order lists: filters, search, sort, offset and keyset paging, totals. */
@Injectable()
export class WorkOrderQueriesRepository {
  private readonly statements = new PreparedStatements();

  constructor(private readonly database: Database) {}

  /**
   * The conditions of a list; `bind` decides whether values are written in or left as
   * placeholders. A search is not among them: a statement that searches reads its matches in the
   * table's place (`sourceOf`), and these conditions apply to them. Used on the table itself,
   * these conditions ignore `filters.search`.
   */
  where(scope: VisibilityScope, filters: WorkOrderFilters, bind: Bind = inline): SQL {
    const conditions: (SQL | undefined)[] = [
      eq(workOrders.organizationId, bind('organizationId', scope.organizationId)),
      isNull(workOrders.deletedAt),
    ];
    if (scope.kind === 'own') {
      const requester = eq(workOrders.requesterId, bind('ownUserId', scope.userId));
      conditions.push(scope.technicianId ? or(bookedOn(bind('ownTechnicianId', scope.technicianId)), requester) : requester);
    }
    const dateOf = (name: keyof WorkOrderFilters) => bind(name, new Date(filters[name] as string));
    const each = <T>(name: string, values: T[]) => values.map((value, index) => bind(`${name}${index}`, value));
    if (filters.status?.length) conditions.push(inArray(workOrders.status, each('status', filters.status)));
    if (filters.priority?.length) conditions.push(inArray(workOrders.priority, each('priority', filters.priority)));
    if (filters.technicianId) conditions.push(bookedOn(bind('technicianId', filters.technicianId)));
    if (filters.equipmentId) conditions.push(eq(workOrders.equipmentId, bind('equipmentId', filters.equipmentId)));
    if (filters.dueDateFrom) conditions.push(gte(workOrders.dueDate, dateOf('dueDateFrom')));
    if (filters.dueDateTo) conditions.push(lte(workOrders.dueDate, dateOf('dueDateTo')));
    if (filters.createdAfter) conditions.push(gte(workOrders.createdAt, dateOf('createdAfter')));
    if (filters.actualEndFrom) conditions.push(gte(workOrders.actualEndTime, dateOf('actualEndFrom')));
    if (filters.actualEndTo) conditions.push(lte(workOrders.actualEndTime, dateOf('actualEndTo')));
    return and(...conditions)!;
  }

  /** One page by offset, with the total of matching rows counted in the same statement. */
  async page(scope: VisibilityScope, filters: WorkOrderFilters, sort: WorkOrderSort, page: number, limit: number): Promise<CountedPage> {
    const offset = (page - 1) * limit;
    const read = await this.runListed(`page:${sort}`, (bind) =>
      this.pageStatement(scope, filters, bind, sort, bind('limit', limit), offset > 0 ? bind('offset', offset) : 0),
    );
    return this.withTotal(read, page, () =>
      this.count(this.where(scope, filters), filters.search ? searchMatches(scope.organizationId, filters.search) : undefined),
    );
  }

  /** The statement behind `page`, unexecuted (its plan is checked in tests). */
  pageQuery(scope: VisibilityScope, filters: WorkOrderFilters, sort: WorkOrderSort, page: number, limit: number) {
    return this.pageStatement(scope, filters, inline, sort, limit, (page - 1) * limit);
  }

  private pageStatement(
    scope: VisibilityScope,
    filters: WorkOrderFilters,
    bind: Bind,
    sort: WorkOrderSort,
    limit: number | Placeholder,
    offset: number | Placeholder,
  ) {
    const { field, descending } = parseSort(sort);
    const where = this.where(scope, filters, bind);
    const source = this.sourceOf(scope, filters, bind);
    return source.statement
      .select({ ...source.columns, matching: cappedCount(where, source.searching) })
      .from(source.from)
      .where(where)
      .orderBy(...ordering(field, descending))
      .limit(limit)
      .offset(offset);
  }

  /**
   * One page after a keyset position: each step is an index range scan, so page 1,000 costs
   * what page 1 costs. Empty sort values form their own run (last ascending, first descending).
   */
  async after(
    scope: VisibilityScope,
    filters: WorkOrderFilters,
    sort: WorkOrderSort,
    cursor: CursorPosition | undefined,
    limit: number,
  ): Promise<ListedRow[]> {
    const { field, descending } = parseSort(sort);
    const column = SORT_COLUMN[field];
    const want = limit + 1;
    const order = ordering(field, descending);
    /** One run of rows: the list's conditions, `extra` ones (made with the same bind), in `runOrder`. */
    const run = (variant: string, extra: (bind: Bind) => (SQL | undefined)[], runOrder: SQL[], count: number) =>
      this.runListed(`after:${sort}:${variant}`, (bind) => {
        const source = this.sourceOf(scope, filters, bind);
        return source.statement
          .select(source.columns)
          .from(source.from)
          .where(and(this.where(scope, filters, bind), ...extra(bind))!)
          .orderBy(...runOrder)
          .limit(bind('limit', count));
      }).then((read) => read.rows);
    if (!cursor) return run('first', () => [], order, want);
    const cursorValue = cursor.value;
    const idAfter = (bind: Bind) =>
      descending ? sql`${workOrders.id} < ${bind('cursorId', cursor.id)}` : sql`${workOrders.id} > ${bind('cursorId', cursor.id)}`;
    const compare = (bind: Bind) => {
      const value = castCursorValue(field, bind('cursorValue', cursorValue!));
      const id = bind('cursorId', cursor.id);
      return descending ? sql`(${column}, ${workOrders.id}) < (${value}, ${id})` : sql`(${column}, ${workOrders.id}) > (${value}, ${id})`;
    };

    if (!SORT_COLUMNS[field].nullable) return run('compare', (bind) => [compare(bind)], order, want);
    const byId = [descending ? desc(workOrders.id) : asc(workOrders.id)];
    const emptyAfter = (count: number) => run('empty-after', (bind) => [isNull(column), idAfter(bind)], byId, count);
    const emptyAll = (count: number) => run('empty', () => [isNull(column)], byId, count);
    const valuesAfter = (count: number) => run('values-after', (bind) => [sql`${column} is not null`, compare(bind)], order, count);
    const valuesAll = (count: number) => run('values', () => [sql`${column} is not null`], order, count);

    if (!descending) {
      if (cursorValue === null) return emptyAfter(want);
      const rows = await valuesAfter(want);
      return rows.length < want ? [...rows, ...(await emptyAll(want - rows.length))] : rows;
    }
    if (cursorValue !== null) return valuesAfter(want);
    const rows = await emptyAfter(want);
    return rows.length < want ? [...rows, ...(await valuesAll(want - rows.length))] : rows;
  }

  /**
   * The capped total of `where` on its own (a page past the end carries no count): exact up to
   * EXACT_TOTAL_LIMIT rows, above that EXACT_TOTAL_LIMIT + 1 flagged as a lower bound. Among
   * `matches` (a search's `searchMatches`) when given.
   */
  private async count(where: SQL, matches?: SQL): Promise<PageTotal> {
    const counted = sql`select ${cappedCount(where, matches !== undefined)} as n`;
    const statement = matches ? sql`with ${sql.identifier(SEARCH_MATCHES)} as (${matches}) ${counted}` : counted;
    const [row] = await this.database.rows<{ n: number }>(statement);
    return totalOf(row?.n ?? 0);
  }

  /**
   * What a list statement reads and selects: the table, or a search's matches read under the
   * table's name (`searchSource`), named once in the statement's WITH list however many of its
   * parts (the page, its count) read them.
   */
  private sourceOf(scope: VisibilityScope, filters: WorkOrderFilters, bind: Bind) {
    const executor = this.database.executor;
    if (!filters.search) return { statement: executor, from: workOrders, columns: LISTED_COLUMNS, searching: false };
    // Its rows are read through `searchSource` in SQL, not as Drizzle fields: no selection to declare.
    const matches = executor.$with(SEARCH_MATCHES, {}).as(searchMatches(scope.organizationId, filters.search, bind));
    return { statement: executor.with(matches), from: searchSource(), columns: LISTED_FROM_MATCHES, searching: true };
  }

  /** Finished work, newest actual end first (equipment history), with its total like `page`. */
  async history(where: SQL, page: number, limit: number): Promise<CountedPage> {
    const rows = await this.database.executor
      .select({ ...LISTED_COLUMNS, matching: cappedCount(where) })
      .from(workOrders)
      .where(where)
      .orderBy(sql`${workOrders.actualEndTime} desc nulls last`, asc(workOrders.id))
      .limit(limit)
      .offset((page - 1) * limit);
    return this.withTotal(fromEntities(rows), page, () => this.count(where));
  }

  async findLive(organizationId: string, id: string): Promise<WorkOrderRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, organizationId), eq(workOrders.id, id), isNull(workOrders.deletedAt)));
    return row;
  }

  /** Every row of a page carries the count; a page past the end (no rows) counts on its own. */
  private async withTotal({ rows, matching }: ListedRead, page: number, count: () => Promise<PageTotal>): Promise<CountedPage> {
    if (matching !== undefined) return { rows, total: totalOf(matching) };
    return { rows, total: page === 1 ? totalOf(0) : await count() };
  }

  /**
   * A list statement, written once per shape and reused (PreparedStatements), its rows read as
   * arrays and mapped straight to list rows (a search's too: its organization and pattern are
   * bound like the other values). A transaction brings its own connection: there the statement
   * runs through Drizzle as built.
   */
  private async runListed(kind: string, build: (bind: Bind) => Writable<(WorkOrderRow & { matching?: number })[]>): Promise<ListedRead> {
    if (this.database.inTransaction) return fromEntities(await build(inline).execute());
    const arrays = await this.statements.run(kind, build, (text, values) => this.database.arrays(text, values));
    return { rows: arrays.map(listedFromArray), matching: arrays[0]?.[MATCHING_AT] as number | undefined };
  }
}

/** Rows read through Drizzle, as list rows and the count the first one carries. */
function fromEntities(rows: (WorkOrderRow & { matching?: number })[]): ListedRead {
  return { rows: rows.map(({ matching: _count, ...row }) => listedFromEntity(row)), matching: rows[0]?.matching };
}

/** PostgreSQL's own order: ascending puts empty values last, descending first; ties by id. */
function ordering(field: SortField, descending: boolean): SQL[] {
  const column = SORT_COLUMN[field];
  return descending ? [desc(column), desc(workOrders.id)] : [asc(column), asc(workOrders.id)];
}

function castCursorValue(field: SortField, value: unknown): SQL {
  if (field === 'priority') return sql`${value}::priority`;
  if (field === 'workOrderNumber') return sql`${value}::int`;
  return sql`${value}::timestamptz`;
}

/** The cursor value of a row for a sort field. */
export function cursorValue(row: ListedRow, field: SortField): string | number | null {
  switch (field) {
    case 'dueDate':
      return row.dueDate;
    case 'createdAt':
      return row.createdAt;
    case 'updatedAt':
      return row.updatedAt;
    case 'priority':
      return row.priority;
    case 'workOrderNumber':
      return row.number;
    case 'scheduledStartTime':
      return row.scheduledStartTime;
  }
}
