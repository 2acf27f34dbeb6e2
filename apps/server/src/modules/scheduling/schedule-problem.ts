import type { Assignment, Job, Problem, Technician } from '@msched/optimizer';
import { Injectable } from '@nestjs/common';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { workOrders } from '../../platform/db/schema';
import { PmForecastRepository } from '../pm-plans/pm-forecast.repository';
import { availableIntervals } from '../technicians/availability-calendar';
import type { WorkOrderRow } from '../work-orders/work-orders.repository';

/** Work the optimizer may place: not started and not finished. */
const SCHEDULABLE = ['OPEN', 'SCHEDULED', 'ON_HOLD'] as const;
/** Priority → weight of lateness and of leaving the work unassigned. */
export const PRIORITY_WEIGHT = { LOW: 1, MEDIUM: 2, HIGH: 4, CRITICAL: 8 } as const;
/** Work without an estimate is planned as one hour. */
const DEFAULT_MINUTES = 60;

export interface ScheduleScope {
  organizationId: string;
  from: Date;
  to: Date;
  workOrderIds?: string[];
  technicianIds?: string[];
}

export interface BuiltProblem {
  problem: Problem;
  /** Work-order id → version when the problem was read (for conflicts at publish). */
  baseline: Record<string, number>;
}

/**
 * Reads an organization's work and people into the optimizer's model: technicians with their
 * skills and shift hours (weekly pattern and exceptions) in the range; schedulable work orders
 * as jobs (estimate, skills, crew, priority, due date as the soft target, PM compliance window
 * end as the hard deadline); work in progress pinned to its technician; the current bookings as
 * the published schedule that churn is measured against.
 */
@Injectable()
export class ScheduleProblemBuilder {
  constructor(
    private readonly database: Database,
    private readonly calendars: PmForecastRepository,
  ) {}

  async build(scope: ScheduleScope): Promise<BuiltProblem> {
    const { organizationId, from, to } = scope;
    const people = (await this.calendars.technicianCalendars(organizationId, from, to)).filter(
      (person) => !scope.technicianIds || scope.technicianIds.includes(person.id),
    );
    const technicians: Technician[] = people.map((person) => ({
      id: person.id,
      skills: Object.fromEntries(person.skills.map(({ skill, level }) => [skill.toLowerCase(), level])),
      availability: availableIntervals(
        { timezone: person.timezone, weeklyPattern: person.weeklyPattern, exceptions: person.exceptions },
        { start: from, end: to },
      ),
    }));
    const rows = await this.workOrdersInScope(scope);
    const baseline: Record<string, number> = {};
    const jobs: Job[] = [];
    const published: Assignment[] = [];
    const known = new Set(technicians.map((technician) => technician.id));
    for (const row of rows) {
      baseline[row.id] = row.version;
      const inProgress = row.status === 'IN_PROGRESS';
      const booked = row.technicianId && known.has(row.technicianId) && row.scheduledStartTime && row.scheduledEndTime;
      // Work in progress only blocks its technician's time; without a booking there is nothing to keep.
      if (inProgress && !booked) continue;
      jobs.push({
        id: row.id,
        durationMinutes: jobMinutes(row),
        requiredSkills: row.requiredSkills.map(({ skill, minLevel }) => ({ skill: skill.toLowerCase(), minLevel })),
        crewSize: row.crewSize,
        priorityWeight: PRIORITY_WEIGHT[row.priority],
        targetAt: row.dueDate?.getTime() ?? null,
        deadlineAt: row.complianceWindowEnd?.getTime() ?? null,
        equipmentId: row.equipmentId,
        preferredTechnicianId: row.technicianId,
        pinned: inProgress && booked ? { technicianIds: [row.technicianId!], start: row.scheduledStartTime!.getTime() } : null,
      });
      if (booked) {
        published.push({
          jobId: row.id,
          technicianIds: [row.technicianId!],
          start: row.scheduledStartTime!.getTime(),
          end: row.scheduledEndTime!.getTime(),
        });
      }
    }
    return { problem: { horizon: { start: from.getTime(), end: to.getTime() }, technicians, jobs, published }, baseline };
  }

  /** The selected work orders, or every schedulable one; work in progress is read too (pinned). */
  private workOrdersInScope(scope: ScheduleScope): Promise<WorkOrderRow[]> {
    const conditions = [eq(workOrders.organizationId, scope.organizationId), isNull(workOrders.deletedAt)];
    if (scope.workOrderIds)
      conditions.push(
        inArray(workOrders.id, scope.workOrderIds.length > 0 ? scope.workOrderIds : ['00000000-0000-0000-0000-000000000000']),
      );
    conditions.push(inArray(workOrders.status, [...SCHEDULABLE, 'IN_PROGRESS']));
    return this.database.executor
      .select()
      .from(workOrders)
      .where(and(...conditions))
      .limit(5000);
  }
}

/** Planned minutes: the estimate, or the booked length, or an hour. */
function jobMinutes(row: WorkOrderRow): number {
  if (row.estimatedDuration && row.estimatedDuration > 0) return row.estimatedDuration;
  if (row.scheduledStartTime && row.scheduledEndTime) {
    const booked = Math.round((row.scheduledEndTime.getTime() - row.scheduledStartTime.getTime()) / 60_000);
    if (booked > 0) return booked;
  }
  return DEFAULT_MINUTES;
}
