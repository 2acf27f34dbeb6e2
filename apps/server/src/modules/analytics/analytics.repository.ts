import { OPEN_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { bookedTechnicians } from '../../platform/auth/access-policy';
import { Database } from '../../platform/db/database';
import { technicians, workOrders } from '../../platform/db/schema';

/** The states a technician's schedule shows (WorkOrderStatsRepository.scheduledWork): the same bookings, the same hours. */
const SCHEDULE_STATUSES = ['SCHEDULED', 'IN_PROGRESS', 'PENDING_APPROVAL'] as const;

const FINISHED = sql.raw(`('COMPLETED', 'CLOSED', 'CANCELLED')`);

export interface Booking {
  technicianId: string;
  start: Date;
  end: Date;
}

/** Organization-wide aggregates for the analytics overview; each query is scoped to one organization. */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly database: Database) {}

  /** Open work, and how much of it has no estimate (and so no hours in the backlog). */
  async openWorkCounts(organizationId: string): Promise<{ open: number; withoutEstimate: number }> {
    const [row] = await this.database.executor
      .select({
        open: sql<number>`count(*)::int`,
        withoutEstimate: sql<number>`(count(*) filter (where ${workOrders.estimatedDuration} is null))::int`,
      })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          isNull(workOrders.deletedAt),
          inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES]),
        ),
      );
    return { open: Number(row?.open ?? 0), withoutEstimate: Number(row?.withoutEstimate ?? 0) };
  }

  /**
   * How many work orders were overdue at each instant (see the service for the rule). A finished
   * work order finished when it last entered a finished state from an open one (status history);
   * without such history at its actual end, else at its last update. Open ones have not finished.
   */
  async overdueAt(organizationId: string, instants: readonly Date[]): Promise<Map<number, number>> {
    if (instants.length === 0) return new Map();
    const first = instants.reduce((a, b) => (a < b ? a : b));
    const last = instants.reduce((a, b) => (a > b ? a : b));
    const rows = await this.database.rows<{ at: string | Date; overdue: number }>(sql`
      with points(at) as (select unnest(${sql.param(instants.map((instant) => instant.toISOString()))}::timestamptz[])),
      candidates as (
        select w.created_at, w.due_date,
               case when w.status in ${FINISHED} then coalesce(
                 (select max(h.created_at) from work_order_history h
                   where h.work_order_id = w.id and h.kind = 'status' and h.to_status in ${FINISHED}
                     and (h.from_status is null or h.from_status not in ${FINISHED})),
                 w.actual_end_time,
                 w.updated_at) end as finished_at
        from work_orders w
        where w.organization_id = ${organizationId}
          and w.deleted_at is null
          and w.due_date < ${last.toISOString()}::timestamptz
          and w.created_at <= ${last.toISOString()}::timestamptz
      )
      select p.at,
             (count(c.due_date) filter (where c.created_at <= p.at and c.due_date < p.at
                                         and (c.finished_at is null or c.finished_at > p.at)))::int as overdue
      from points p
      left join candidates c on c.finished_at is null or c.finished_at > ${first.toISOString()}::timestamptz
      group by p.at`);
    return new Map(rows.map((row) => [new Date(row.at).getTime(), Number(row.overdue)]));
  }

  /** Active technicians by name, for the utilization chart. */
  activeTechnicians(organizationId: string) {
    return this.database.executor
      .select({ id: technicians.id, firstName: technicians.firstName, lastName: technicians.lastName })
      .from(technicians)
      .where(and(eq(technicians.organizationId, organizationId), eq(technicians.active, true)))
      .orderBy(asc(technicians.lastName), asc(technicians.firstName), asc(technicians.id));
  }

  /** Every technician's bookings overlapping [start, end), in one query: a crew's work books each member. */
  async bookings(organizationId: string, start: Date, end: Date): Promise<Booking[]> {
    const rows = await this.database.executor
      .select({
        technicianId: workOrders.technicianId,
        crewTechnicianIds: workOrders.crewTechnicianIds,
        start: workOrders.scheduledStartTime,
        end: workOrders.scheduledEndTime,
      })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          isNull(workOrders.deletedAt),
          isNotNull(workOrders.technicianId),
          inArray(workOrders.status, [...SCHEDULE_STATUSES]),
          lt(workOrders.scheduledStartTime, end),
          gt(workOrders.scheduledEndTime, start),
        ),
      );
    return rows.flatMap((row) => bookedTechnicians(row).map((technicianId) => ({ technicianId, start: row.start!, end: row.end! })));
  }
}
