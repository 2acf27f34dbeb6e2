import { Injectable } from '@nestjs/common';
import { formatWorkOrderNumber } from '../work-orders/work-order-number';
import { WorkOrderEvents } from '../work-orders/work-order-events';
import { WorkOrderDetailsRepository } from '../work-orders/work-order-details.repository';
import { WorkOrdersRepository } from '../work-orders/work-orders.repository';
import { PartsRepository } from '../parts/parts.repository';
import { type CalendarRule, addDays, applyHolidayRule, endOfLocalDate, intervalDays, windowEndDate } from './pm-schedule';
import { type PmPlanRow, type PmTargetRow, PmPlansRepository } from './pm-plans.repository';

/** An organization's time zone and working days, as one generation run reads them. */
export interface OrganizationCalendar {
  timezone: string;
  isWorkingDay: (date: string) => boolean;
}

export type OccurrenceOutcome =
  { kind: 'created'; workOrderId: string } | { kind: 'skipped' } | { kind: 'exists'; openWorkOrderId: string | null };

/**
 * Locks, the first time it is called in a transaction, the parts the templates may reserve. A
 * new work order takes the organization row (its number, its event) and then reserves parts;
 * every other writer takes parts before that row, so the generator locks them first too.
 */
export type PartsLock = () => Promise<void>;

/**
 * One occurrence of a plan on one piece of equipment: claimed by its unique key, recorded as
 * skipped or made into a work order (tasks, reserved parts, history, event), in the caller's
 * transaction. PmGenerator decides which occurrences are due.
 */
@Injectable()
export class PmOccurrences {
  constructor(
    private readonly plans: PmPlansRepository,
    private readonly workOrders: WorkOrdersRepository,
    private readonly details: WorkOrderDetailsRepository,
    private readonly parts: PartsRepository,
    private readonly events: WorkOrderEvents,
  ) {}

  /** The parts the templates of these plans reserve, locked in id order once a work order is to be made. */
  partsLock(organizationId: string, plans: readonly PmPlanRow[]): PartsLock {
    const partIds = [...new Set(plans.flatMap((plan) => plan.template.parts.map((line) => line.partId)))];
    let locked: Promise<void> | undefined;
    return () => (locked ??= this.parts.lockInIdOrder(organizationId, partIds));
  }

  /** The interval (days) that the 20 % grace is taken of: the calendar's; null for meter-only plans (graceMaxDays applies). */
  graceBasis(plan: PmPlanRow): number | null {
    return plan.calendar ? intervalDays(plan.calendar as CalendarRule) : null;
  }

  /** The last compliant day of an occurrence due on `due`. */
  private windowEnd(plan: PmPlanRow, due: string, basis: number | null): string {
    return basis === null ? addDays(due, plan.window.graceMaxDays) : windowEndDate(due, basis, plan.window);
  }

  /** Records many skipped occurrences in one statement. */
  async skipAll(
    plan: PmPlanRow,
    equipmentId: string,
    dates: readonly string[],
    reason: string,
    calendar: OrganizationCalendar,
    basis: number | null,
  ) {
    await this.plans.claimOccurrences(
      dates.map((date) => ({
        organizationId: plan.organizationId,
        planId: plan.id,
        equipmentId,
        occurrenceKey: `cal:${date}`,
        dueAt: endOfLocalDate(date, calendar.timezone),
        windowEnd: endOfLocalDate(this.windowEnd(plan, date, basis), calendar.timezone),
        skippedReason: reason,
      })),
    );
  }

  private async skip(
    plan: PmPlanRow,
    equipmentId: string,
    key: string,
    date: string,
    reason: string,
    calendar: OrganizationCalendar,
    basis: number | null,
  ) {
    await this.plans.claimOccurrence({
      organizationId: plan.organizationId,
      planId: plan.id,
      equipmentId,
      occurrenceKey: key,
      dueAt: endOfLocalDate(date, calendar.timezone),
      windowEnd: endOfLocalDate(this.windowEnd(plan, date, basis), calendar.timezone),
      skippedReason: reason,
    });
  }

  /**
   * Claims one occurrence and, if this call claimed it, creates its work order. The due date
   * moves off a non-working day by the plan's rule (SKIP: recorded, no work order). An
   * occurrence claimed before (another instance, an earlier run) is answered as it stands.
   */
  async occurrence(
    plan: PmPlanRow,
    target: PmTargetRow,
    key: string,
    nominal: string,
    calendar: OrganizationCalendar,
    basis: number | null,
    lockParts: PartsLock,
  ): Promise<OccurrenceOutcome> {
    const due = applyHolidayRule(nominal, plan.holidayRule, calendar.isWorkingDay);
    if (!due) {
      await this.skip(plan, target.equipmentId, key, nominal, 'holiday', calendar, basis);
      return { kind: 'skipped' };
    }
    // Equipment retired after it joined the plan gets no new work; the occurrence is recorded as
    // skipped, so the target moves on and a return to service does not bring a backlog.
    const retired = (await this.plans.retiredAmong(plan.organizationId, [target.equipmentId])).length > 0;
    const dueAt = endOfLocalDate(due, calendar.timezone);
    const windowEnd = endOfLocalDate(this.windowEnd(plan, due, basis), calendar.timezone);
    const claimed = await this.plans.claimOccurrence({
      organizationId: plan.organizationId,
      planId: plan.id,
      equipmentId: target.equipmentId,
      occurrenceKey: key,
      dueAt,
      windowEnd,
      ...(retired ? { skippedReason: 'equipment retired' } : {}),
    });
    if (!claimed) return { kind: 'exists', openWorkOrderId: await this.plans.openWorkOrderOfOccurrence(plan.id, target.equipmentId, key) };
    if (retired) return { kind: 'skipped' };
    const workOrder = await this.createWorkOrder(plan, target.equipmentId, dueAt, windowEnd, `${key}, due ${due}`, lockParts);
    await this.plans.attachWorkOrder(claimed.id, workOrder.id);
    return { kind: 'created', workOrderId: workOrder.id };
  }

  private async createWorkOrder(
    plan: PmPlanRow,
    equipmentId: string,
    dueAt: Date,
    windowEnd: Date,
    occurrence: string,
    lockParts: PartsLock,
  ) {
    const template = plan.template;
    await lockParts();
    const number = await this.workOrders.nextNumber(plan.organizationId);
    const row = await this.workOrders.insert({
      organizationId: plan.organizationId,
      number,
      workOrderNumber: formatWorkOrderNumber(number),
      title: template.title,
      description: template.description ?? null,
      type: template.type,
      priority: template.priority,
      equipmentId,
      dueDate: dueAt,
      estimatedDuration: template.estimatedDuration ?? null,
      requiredSkills: template.requiredSkills,
      crewSize: template.crewSize,
      // Templates saved before these fields existed have neither.
      requiresDowntime: template.requiresDowntime ?? false,
      conflictGroups: template.conflictGroups ?? [],
      pmPlanId: plan.id,
      complianceWindowEnd: windowEnd,
      requesterId: null,
    });
    await this.details.appendTasks(
      plan.organizationId,
      row.id,
      template.tasks.map((task) => ({
        title: task.title,
        description: task.description ?? null,
        estimatedDuration: task.estimatedDuration ?? null,
      })),
    );
    const notes: string[] = [];
    for (const line of template.parts) {
      // Reserved if in stock; otherwise the work order still comes, and says what is missing.
      const reserved = await this.parts.applyStockChange(plan.organizationId, line.partId, {
        kind: 'RESERVE',
        onHandDelta: 0,
        reservedDelta: line.quantity,
        workOrderId: row.id,
        reason: row.workOrderNumber,
        userId: null,
      });
      if (!reserved) {
        notes.push(`part ${line.partId} × ${line.quantity} not reserved: not enough stock`);
        continue;
      }
      await this.details.insertPartLine({
        organizationId: plan.organizationId,
        workOrderId: row.id,
        partId: line.partId,
        quantity: line.quantity,
        status: 'RESERVED',
        unitCost: reserved.part.unitCost,
      });
    }
    await this.details.recordHistory([
      {
        organizationId: plan.organizationId,
        workOrderId: row.id,
        kind: 'status',
        fromStatus: null,
        toStatus: 'OPEN',
        note: [`generated by PM plan "${plan.name}" (${occurrence})`, ...notes].join('; '),
        userId: null,
      },
    ]);
    await this.events.created(plan.organizationId, row);
    return row;
  }
}
