import { OPEN_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type SQL, and, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { bookedOn } from './work-orders.repository';
import { equipment, fullNameOf, technicians, workOrders } from '../../platform/db/schema';

/** Finished work: COMPLETED, or CLOSED after review. Both count as completed in every metric. */
export const FINISHED_STATUSES = ['COMPLETED', 'CLOSED'] as const;

const finished = inArray(workOrders.status, [...FINISHED_STATUSES]);
const open = inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES]);
/** Hours from actual start to actual end. */
const completionHours = sql`extract(epoch from (${workOrders.actualEndTime} - ${workOrders.actualStartTime})) / 3600`;

export interface DashboardCounts {
  totalWorkOrders: number;
  openWorkOrders: number;
  overdueWorkOrders: number;
  highPriorityWorkOrders: number;
  averageCompletionTime: number;
}

/** PM compliance counts (SMRP); the rule itself is stated in pm-forecast.service.ts (PM_COMPLIANCE_RULE). */
export interface PmComplianceCounts {
  due: number;
  completedInWindow: number;
}

export interface TechnicianOutcomes {
  totalWorkOrders: number;
  completedWorkOrders: number;
  completedWithDueDate: number;
  completedOnTime: number;
  firstTimeFixes: number;
  averageCompletionTime: number;
  workedMinutes: number;
}

/** Aggregates over work orders: one SQL statement per figure group, computed in the database. */
@Injectable()
export class WorkOrderStatsRepository {
  constructor(private readonly database: Database) {}

  async dashboardCounts(where: SQL, now: Date): Promise<DashboardCounts> {
    const [row] = await this.database.executor
      .select({
        totalWorkOrders: sql<number>`count(*)::int`,
        openWorkOrders: sql<number>`(count(*) filter (where ${open}))::int`,
        overdueWorkOrders: sql<number>`(count(*) filter (where ${open} and ${workOrders.dueDate} < ${now}))::int`,
        highPriorityWorkOrders: sql<number>`(count(*) filter (where ${open} and ${workOrders.priority} in ('HIGH', 'CRITICAL')))::int`,
        averageCompletionTime: sql<number>`coalesce(avg(${completionHours}) filter (where ${finished} and ${workOrders.actualStartTime} is not null and ${workOrders.actualEndTime} is not null), 0)::float8`,
      })
      .from(workOrders)
      .where(where);
    return row!;
  }

  /**
   * Completed work per technician, whether they led it or worked in its crew: each member counts
   * it once. The lead and the crew are unnested into one column, so technicians join on equality
   * (a hash join), not on an OR that would probe the technicians once per work order.
   */
  topTechnicians(where: SQL, limit = 5) {
    return this.database.rows<{ technicianId: string; name: string; completedCount: number }>(sql`
      select ${technicians.id} as "technicianId", ${fullNameOf(technicians)} as "name",
        count(*)::int as "completedCount"
      from ${workOrders}
        cross join lateral unnest(array_prepend(${workOrders.technicianId}, ${workOrders.crewTechnicianIds})) as booked(technician_id)
        join ${technicians} on ${technicians.id} = booked.technician_id
      where ${and(where, finished)}
      group by ${technicians.id}
      order by count(*) desc, ${technicians.id}
      limit ${limit}`);
  }

  equipmentWithMostWorkOrders(where: SQL, limit = 5) {
    return this.database.executor
      .select({ equipmentId: equipment.id, name: equipment.name, workOrderCount: sql<number>`count(*)::int` })
      .from(workOrders)
      .innerJoin(equipment, eq(equipment.id, workOrders.equipmentId))
      .where(where)
      .groupBy(equipment.id)
      .orderBy(sql`count(*) desc`, equipment.id)
      .limit(limit);
  }

  /**
   * PM compliance over `where` (which scopes organization, deletion and visibility): due = PM
   * work orders (pm_plan_id set, not CANCELLED) due in [from, to); completedInWindow = those
   * COMPLETED or CLOSED whose actual end is at or before their compliance window end (their due
   * date when they have no window end).
   */
  async pmComplianceCounts(where: SQL, from: Date, to: Date): Promise<PmComplianceCounts> {
    const deadline = sql`coalesce(${workOrders.complianceWindowEnd}, ${workOrders.dueDate})`;
    const [row] = await this.database.executor
      .select({
        due: sql<number>`count(*)::int`,
        completedInWindow: sql<number>`(count(*) filter (where ${finished} and ${workOrders.actualEndTime} <= ${deadline}))::int`,
      })
      .from(workOrders)
      .where(
        and(
          where,
          isNull(workOrders.deletedAt),
          sql`${workOrders.pmPlanId} is not null`,
          sql`${workOrders.status} <> 'CANCELLED'`,
          gte(workOrders.dueDate, from),
          lt(workOrders.dueDate, to),
        ),
      );
    return row!;
  }

  /**
   * A technician's outcomes in [start, end): completed = finished with actual end in the range;
   * total = their work due, scheduled to start or finished in the range.
   */
  async technicianOutcomes(organizationId: string, technicianId: string, start: Date, end: Date): Promise<TechnicianOutcomes> {
    const inRange = (column: typeof workOrders.dueDate) => and(gte(column, start), lt(column, end));
    const completedInRange = and(finished, inRange(workOrders.actualEndTime));
    const [row] = await this.database.executor
      .select({
        totalWorkOrders: sql<number>`(count(*) filter (where ${inRange(workOrders.dueDate)} or ${inRange(workOrders.scheduledStartTime)} or ${completedInRange}))::int`,
        completedWorkOrders: sql<number>`(count(*) filter (where ${completedInRange}))::int`,
        completedWithDueDate: sql<number>`(count(*) filter (where ${completedInRange} and ${workOrders.dueDate} is not null))::int`,
        completedOnTime: sql<number>`(count(*) filter (where ${completedInRange} and ${workOrders.actualEndTime} <= ${workOrders.dueDate}))::int`,
        firstTimeFixes: sql<number>`(count(*) filter (where ${completedInRange} and (${workOrders.completion} ->> 'firstTimeFix')::boolean))::int`,
        averageCompletionTime: sql<number>`coalesce(avg(${completionHours}) filter (where ${completedInRange} and ${workOrders.actualStartTime} is not null), 0)::float8`,
        workedMinutes: sql<number>`coalesce(sum(${workOrders.actualDuration}) filter (where ${completedInRange}), 0)::int`,
      })
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, organizationId), bookedOn(technicianId), isNull(workOrders.deletedAt)));
    return row!;
  }

  topEquipmentTypes(organizationId: string, technicianId: string, start: Date, end: Date, limit = 5) {
    return this.database.executor
      .select({ equipmentType: equipment.type, count: sql<number>`count(*)::int` })
      .from(workOrders)
      .innerJoin(equipment, eq(equipment.id, workOrders.equipmentId))
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          bookedOn(technicianId),
          isNull(workOrders.deletedAt),
          finished,
          gte(workOrders.actualEndTime, start),
          lt(workOrders.actualEndTime, end),
        ),
      )
      .groupBy(equipment.type)
      .orderBy(sql`count(*) desc`, equipment.type)
      .limit(limit);
  }

  /** Work booked for a technician that overlaps [start, end), in the states a schedule shows. */
  scheduledWork(organizationId: string, technicianId: string, start: Date, end: Date) {
    return this.database.executor
      .select()
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          bookedOn(technicianId),
          isNull(workOrders.deletedAt),
          inArray(workOrders.status, ['SCHEDULED', 'IN_PROGRESS', 'PENDING_APPROVAL']),
          lt(workOrders.scheduledStartTime, end),
          sql`${workOrders.scheduledEndTime} > ${start}`,
        ),
      )
      .orderBy(workOrders.scheduledStartTime, workOrders.id);
  }
}
