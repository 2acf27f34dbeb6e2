import { OPEN_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { availabilityExceptions, meters, technicianAvailability, technicians, workOrders } from '../../platform/db/schema';
import type { ShiftJson, SkillLevelJson } from '../../platform/db/schema';

/** How a counter moved over a window of readings, summed in the database (a meter may be read every minute). */
export interface UsageSummary {
  meterId: string;
  /** Readings in the window. */
  readings: number;
  firstAt: Date;
  lastAt: Date;
  /**
   * Sum of the rises between consecutive readings; the step into a `replacement` reading (a new
   * or reset meter counts from its own value) and falls count as nothing.
   */
  increase: number;
}

export interface TechnicianCalendarRow {
  id: string;
  skills: SkillLevelJson[];
  timezone: string;
  weeklyPattern: ShiftJson[];
  exceptions: { start: Date; end: Date; available: boolean; overtime: boolean }[];
  /** Per hour, in the organization's currency; 0 when not recorded. */
  hourlyRate: number;
  /** Where the technician starts from (a location of any kind; its site is where they travel from). */
  homeLocationId: string | null;
}

/** What the PM forecast reads besides plans and targets: meters, usage, crew calendars and open work. */
@Injectable()
export class PmForecastRepository {
  constructor(private readonly database: Database) {}

  /** Due dates of the work orders FLOATING targets wait for. */
  async workOrderDueDates(organizationId: string, ids: string[]): Promise<Map<string, Date | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.database.executor
      .select({ id: workOrders.id, dueDate: workOrders.dueDate })
      .from(workOrders)
      .where(and(eq(workOrders.organizationId, organizationId), inArray(workOrders.id, ids), isNull(workOrders.deletedAt)));
    return new Map(rows.map((row) => [row.id, row.dueDate]));
  }

  async meters(organizationId: string, ids: string[]) {
    if (ids.length === 0) return [];
    return this.database.executor
      .select({ id: meters.id, kind: meters.kind, lastValue: meters.lastValue, lastReadAt: meters.lastReadAt })
      .from(meters)
      .where(and(eq(meters.organizationId, organizationId), inArray(meters.id, ids)));
  }

  /** Per meter, how its readings in [since, until] moved (see UsageSummary). */
  async usage(organizationId: string, meterIds: string[], since: Date, until: Date): Promise<UsageSummary[]> {
    if (meterIds.length === 0) return [];
    const rows = await this.database.rows<{
      meter_id: string;
      readings: number;
      first_at: string | Date;
      last_at: string | Date;
      increase: number;
    }>(sql`
      select meter_id,
             count(*)::int as readings,
             min(read_at) as first_at,
             max(read_at) as last_at,
             coalesce(sum(greatest(step, 0)) filter (where not replacement), 0)::float8 as increase
      from (
        select meter_id, read_at, replacement,
               value - lag(value) over (partition by meter_id order by read_at) as step
        from meter_readings
        where organization_id = ${organizationId}
          and meter_id = any(${sql.param(meterIds)}::uuid[])
          and read_at >= ${since.toISOString()}::timestamptz
          and read_at <= ${until.toISOString()}::timestamptz
      ) steps
      group by meter_id`);
    return rows.map((row) => ({
      meterId: row.meter_id,
      readings: Number(row.readings),
      firstAt: new Date(row.first_at),
      lastAt: new Date(row.last_at),
      increase: Number(row.increase),
    }));
  }

  /**
   * Active technicians with their skills, weekly pattern and the exceptions overlapping [from, to):
   * all of the organization's, or only `technicianIds` (a publish reads the crews it books).
   */
  async technicianCalendars(
    organizationId: string,
    from: Date,
    to: Date,
    technicianIds?: readonly string[],
  ): Promise<TechnicianCalendarRow[]> {
    if (technicianIds?.length === 0) return [];
    const chosen = (column: typeof technicians.id | typeof availabilityExceptions.technicianId) =>
      technicianIds ? inArray(column, [...technicianIds]) : undefined;
    const rows = await this.database.executor
      .select({
        id: technicians.id,
        skills: technicians.skills,
        timezone: technicianAvailability.timezone,
        weeklyPattern: technicianAvailability.weeklyPattern,
        hourlyRate: technicians.hourlyRate,
        homeLocationId: technicians.homeLocationId,
      })
      .from(technicians)
      .leftJoin(technicianAvailability, eq(technicianAvailability.technicianId, technicians.id))
      .where(and(eq(technicians.organizationId, organizationId), eq(technicians.active, true), chosen(technicians.id)))
      .orderBy(asc(technicians.id));
    if (rows.length === 0) return [];
    const exceptions = await this.database.executor
      .select({
        technicianId: availabilityExceptions.technicianId,
        start: availabilityExceptions.startsAt,
        end: availabilityExceptions.endsAt,
        available: availabilityExceptions.available,
        overtime: availabilityExceptions.overtime,
      })
      .from(availabilityExceptions)
      .where(
        and(
          eq(availabilityExceptions.organizationId, organizationId),
          chosen(availabilityExceptions.technicianId),
          lt(availabilityExceptions.startsAt, to),
          gt(availabilityExceptions.endsAt, from),
        ),
      );
    const byTechnician = new Map<string, TechnicianCalendarRow['exceptions']>();
    for (const { technicianId, start, end, available, overtime } of exceptions) {
      const own = byTechnician.get(technicianId) ?? [];
      own.push({ start, end, available, overtime });
      byTechnician.set(technicianId, own);
    }
    return rows.map((row) => ({
      id: row.id,
      skills: row.skills,
      timezone: row.timezone ?? 'UTC',
      weeklyPattern: row.weeklyPattern ?? [],
      exceptions: byTechnician.get(row.id) ?? [],
      hourlyRate: Number(row.hourlyRate),
      homeLocationId: row.homeLocationId,
    }));
  }

  /** Minutes × crew size of the open work (OPEN … PENDING_APPROVAL) that has an estimated duration. */
  async openWorkMinutes(organizationId: string): Promise<number> {
    const [row] = await this.database.executor
      .select({ minutes: sql<number>`coalesce(sum(${workOrders.estimatedDuration} * ${workOrders.crewSize}), 0)::float8` })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          isNull(workOrders.deletedAt),
          inArray(workOrders.status, [...OPEN_WORK_ORDER_STATUSES]),
          isNotNull(workOrders.estimatedDuration),
        ),
      );
    return Number(row?.minutes ?? 0);
  }
}
