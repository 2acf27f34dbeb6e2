import type { Priority, WorkOrderSort, WorkOrderStatus } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type SQL, and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { Database } from '../../platform/db/database';
import { equipment, technicians, workOrders } from '../../platform/db/schema';
import { escapeLike } from '../../platform/db/sql';
import { type CursorPosition, type SortField, parseSort } from './work-order-cursor';
import type { WorkOrderRow } from './work-orders.repository';

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

/** Up to this many matching rows, `total` is exact; beyond it, the planner's estimate. */
export const EXACT_TOTAL_LIMIT = 1000;

const SORT_COLUMN: Record<SortField, PgColumn> = {
  dueDate: workOrders.dueDate,
  createdAt: workOrders.createdAt,
  updatedAt: workOrders.updatedAt,
  priority: workOrders.priority,
  workOrderNumber: workOrders.number,
  scheduledStartTime: workOrders.scheduledStartTime,
};
const NULLABLE: Record<SortField, boolean> = {
  dueDate: true,
  createdAt: false,
  updatedAt: false,
  priority: false,
  workOrderNumber: false,
  scheduledStartTime: true,
};

/** Read-side queries of work-order lists: filters, search, sort, offset and keyset paging, totals. */
@Injectable()
export class WorkOrderQueriesRepository {
  constructor(private readonly database: Database) {}

  where(scope: VisibilityScope, filters: WorkOrderFilters): SQL {
    const conditions: (SQL | undefined)[] = [eq(workOrders.organizationId, scope.organizationId), isNull(workOrders.deletedAt)];
    if (scope.kind === 'own') {
      conditions.push(
        scope.technicianId
          ? or(eq(workOrders.technicianId, scope.technicianId), eq(workOrders.requesterId, scope.userId))
          : eq(workOrders.requesterId, scope.userId),
      );
    }
    if (filters.status?.length) conditions.push(inArray(workOrders.status, filters.status));
    if (filters.priority?.length) conditions.push(inArray(workOrders.priority, filters.priority));
    if (filters.technicianId) conditions.push(eq(workOrders.technicianId, filters.technicianId));
    if (filters.equipmentId) conditions.push(eq(workOrders.equipmentId, filters.equipmentId));
    if (filters.dueDateFrom) conditions.push(gte(workOrders.dueDate, new Date(filters.dueDateFrom)));
    if (filters.dueDateTo) conditions.push(lte(workOrders.dueDate, new Date(filters.dueDateTo)));
    if (filters.createdAfter) conditions.push(gte(workOrders.createdAt, new Date(filters.createdAfter)));
    if (filters.actualEndFrom) conditions.push(gte(workOrders.actualEndTime, new Date(filters.actualEndFrom)));
    if (filters.actualEndTo) conditions.push(lte(workOrders.actualEndTime, new Date(filters.actualEndTo)));
    if (filters.search) conditions.push(this.matchesSearch(scope.organizationId, filters.search));
    return and(...conditions)!;
  }

  /**
   * Search as a union of id sets, so each branch can use its own trigram index (an OR across
   * joined tables would force a scan of every work order). The `deleted_at is null` in each
   * branch lets the partial equipment/technician indexes serve the joins.
   */
  private matchesSearch(organizationId: string, text: string): SQL {
    const pattern = `%${escapeLike(text)}%`;
    return sql`${workOrders.id} in (
      select ${workOrders.id} from ${workOrders}
        where ${workOrders.organizationId} = ${organizationId}
          and (${workOrders.title} ilike ${pattern} or ${workOrders.description} ilike ${pattern} or ${workOrders.workOrderNumber} ilike ${pattern})
      union
      select wo.id from ${workOrders} wo join ${equipment} on ${equipment.id} = wo.equipment_id
        where ${equipment.organizationId} = ${organizationId} and wo.deleted_at is null
          and (${equipment.name} ilike ${pattern} or ${equipment.equipmentNumber} ilike ${pattern})
      union
      select wo.id from ${workOrders} wo join ${technicians} on ${technicians.id} = wo.technician_id
        where ${technicians.organizationId} = ${organizationId} and wo.deleted_at is null
          and (${technicians.firstName} ilike ${pattern} or ${technicians.lastName} ilike ${pattern} or ${technicians.employeeId} ilike ${pattern})
    )`;
  }

  /** One page by offset. */
  page(where: SQL, sort: WorkOrderSort, page: number, limit: number): Promise<WorkOrderRow[]> {
    return this.pageQuery(where, sort, page, limit);
  }

  /** The statement behind `page`, unexecuted (its plan is checked in tests). */
  pageQuery(where: SQL, sort: WorkOrderSort, page: number, limit: number) {
    const { field, descending } = parseSort(sort);
    return this.database.executor
      .select()
      .from(workOrders)
      .where(where)
      .orderBy(...ordering(field, descending))
      .limit(limit)
      .offset((page - 1) * limit);
  }

  /**
   * One page after a keyset position: each step is an index range scan, so page 1,000 costs
   * what page 1 costs. Empty sort values form their own run (last ascending, first descending).
   */
  async after(where: SQL, sort: WorkOrderSort, cursor: CursorPosition | undefined, limit: number): Promise<WorkOrderRow[]> {
    const { field, descending } = parseSort(sort);
    const column = SORT_COLUMN[field];
    const want = limit + 1;
    if (!cursor) return this.run(and(where)!, ordering(field, descending), want);
    const value = cursor.value === null ? null : castCursorValue(field, cursor.value);
    const idAfter = descending ? sql`${workOrders.id} < ${cursor.id}` : sql`${workOrders.id} > ${cursor.id}`;
    const compare = descending
      ? sql`(${column}, ${workOrders.id}) < (${value}, ${cursor.id})`
      : sql`(${column}, ${workOrders.id}) > (${value}, ${cursor.id})`;

    if (!NULLABLE[field]) return this.run(and(where, compare)!, ordering(field, descending), want);
    const emptyRun = (condition: SQL | undefined, count: number) =>
      this.run(and(where, isNull(column), condition)!, [descending ? desc(workOrders.id) : asc(workOrders.id)], count);
    const valueRun = (condition: SQL | undefined, count: number) =>
      this.run(and(where, sql`${column} is not null`, condition)!, ordering(field, descending), count);

    if (!descending) {
      if (value === null) return emptyRun(idAfter, want);
      const rows = await valueRun(compare, want);
      return rows.length < want ? [...rows, ...(await emptyRun(undefined, want - rows.length))] : rows;
    }
    if (value !== null) return valueRun(compare, want);
    const rows = await emptyRun(idAfter, want);
    return rows.length < want ? [...rows, ...(await valueRun(undefined, want - rows.length))] : rows;
  }

  /** Exact up to EXACT_TOTAL_LIMIT rows; above that the planner's estimate, so a count never scans a huge table. */
  async total(where: SQL): Promise<{ total: number; estimate: boolean }> {
    const [counted] = await this.database.rows<{ n: number }>(
      sql`select count(*)::int as n from (select 1 from ${workOrders} where ${where} limit ${EXACT_TOTAL_LIMIT + 1}) matching`,
    );
    const exact = counted?.n ?? 0;
    if (exact <= EXACT_TOTAL_LIMIT) return { total: exact, estimate: false };
    const [plan] = await this.database.rows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      sql`explain (format json) select 1 from ${workOrders} where ${where}`,
    );
    const estimated = Math.round(plan?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? 0);
    return { total: Math.max(estimated, EXACT_TOTAL_LIMIT + 1), estimate: true };
  }

  /** Finished work, newest actual end first (equipment history). */
  history(where: SQL, page: number, limit: number): Promise<WorkOrderRow[]> {
    return this.database.executor
      .select()
      .from(workOrders)
      .where(where)
      .orderBy(sql`${workOrders.actualEndTime} desc nulls last`, asc(workOrders.id))
      .limit(limit)
      .offset((page - 1) * limit);
  }

  async findLive(organizationId: string, id: string): Promise<WorkOrderRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, organizationId), eq(workOrders.id, id), isNull(workOrders.deletedAt)));
    return row;
  }

  private run(where: SQL, order: SQL[], limit: number): Promise<WorkOrderRow[]> {
    return this.database.executor
      .select()
      .from(workOrders)
      .where(where)
      .orderBy(...order)
      .limit(limit);
  }
}

/** PostgreSQL's own order: ascending puts empty values last, descending first; ties by id. */
function ordering(field: SortField, descending: boolean): SQL[] {
  const column = SORT_COLUMN[field];
  return descending ? [desc(column), desc(workOrders.id)] : [asc(column), asc(workOrders.id)];
}

function castCursorValue(field: SortField, value: string | number): SQL {
  if (field === 'priority') return sql`${value}::priority`;
  if (field === 'workOrderNumber') return sql`${value}::int`;
  return sql`${value}::timestamptz`;
}

/** The cursor value of a row for a sort field. */
export function cursorValue(row: WorkOrderRow, field: SortField): string | number | null {
  switch (field) {
    case 'dueDate':
      return row.dueDate?.toISOString() ?? null;
    case 'createdAt':
      return row.createdAt.toISOString();
    case 'updatedAt':
      return row.updatedAt.toISOString();
    case 'priority':
      return row.priority;
    case 'workOrderNumber':
      return row.number;
    case 'scheduledStartTime':
      return row.scheduledStartTime?.toISOString() ?? null;
  }
}
