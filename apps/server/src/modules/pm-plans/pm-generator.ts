import { setImmediate as nextTurn } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../../platform/db/database';
import type { WorkOrderRow } from '../work-orders/work-orders.repository';
import {
  type CalendarRule,
  addDays,
  applyHolidayRule,
  catchUp,
  conditionEntered,
  firstOccurrenceOnOrAfter,
  intervalDays,
  localDateOf,
  meterIntervalReached,
  nextFloating,
  nthOccurrence,
} from './pm-schedule';
import { type PmPlanRow, type PmTargetRow, PmPlansRepository } from './pm-plans.repository';
import { type OrganizationCalendar, PmOccurrences } from './pm-occurrences';

/** A reading as the generator sees it: stored, newer than the meter's previous one. */
export interface FreshReading {
  id: string;
  value: number;
  readAt: Date;
  replacement: boolean;
}

/** A FIXED target's dates: from the plan's start, or from the day a meter restarted them. */
export function targetRule(plan: PmPlanRow, target: Pick<PmTargetRow, 'anchorDate'>): CalendarRule {
  const rule = plan.calendar as CalendarRule;
  return target.anchorDate && rule.mode === 'FIXED' ? { ...rule, startsOn: target.anchorDate } : rule;
}

/** How many FIXED occurrences one run looks at per target (a plan far behind is caught up over several runs). */
const MAX_PENDING = 520;
/** How many superseded occurrences one LATEST catch-up records (a daily plan ~14 years behind). */
const MAX_SKIPPED = 5_000;
/** How many work orders one run makes per target (the rest come in the next runs). */
const MAX_GENERATED = 52;

/**
 * Turns plans into work orders. Each occurrence is claimed by its unique key in the same
 * transaction as its work order, with the plan's target row locked: two instances running at
 * once, a run repeated after a crash, or the same reading twice make each work order once.
 */
@Injectable()
export class PmGenerator {
  private readonly logger = new Logger(PmGenerator.name);

  constructor(
    private readonly database: Database,
    private readonly plans: PmPlansRepository,
    private readonly occurrences: PmOccurrences,
  ) {}

  /** The scheduled run: every active plan of every (or one) organization, each target in its own transaction. */
  async run(now = new Date(), organizationId?: string): Promise<string[]> {
    const generated: string[] = [];
    const calendars = new Map<string, OrganizationCalendar>();
    for (const plan of await this.plans.activePlans(organizationId)) {
      if (!plan.calendar) continue;
      const calendar = calendars.get(plan.organizationId) ?? (await this.calendarOf(plan.organizationId));
      calendars.set(plan.organizationId, calendar);
      for (const equipmentId of plan.equipmentIds) {
        // A turn of the event loop between targets: on the embedded database a query never waits
        // for I/O, so a whole run would otherwise hold the loop, and every request, until it ends.
        await nextTurn();
        try {
          generated.push(
            ...(await this.database.transaction(() => this.calendarTarget(plan.id, plan.organizationId, equipmentId, now, calendar))),
          );
        } catch (error) {
          // One broken target must not stop the others; the next run tries again.
          this.logger.warn(`PM plan ${plan.id} on ${equipmentId}: ${(error as Error).message}`);
        }
      }
    }
    return generated;
  }

  async calendarOf(organizationId: string): Promise<OrganizationCalendar> {
    const [timezone, holidays] = await Promise.all([this.plans.timezoneOf(organizationId), this.plans.holidayDates(organizationId)]);
    return { timezone, isWorkingDay: (date) => !holidays.has(date) };
  }

  /** Generates the calendar occurrences of one plan on one piece of equipment that are due (lead time included). */
  private async calendarTarget(planId: string, organizationId: string, equipmentId: string, now: Date, calendar: OrganizationCalendar) {
    const locked = await this.plans.lockTarget(planId, equipmentId);
    // Read under the target lock: a pause or edit committed meanwhile is seen.
    const plan = await this.plans.find(organizationId, planId);
    if (!locked || !plan || plan.status !== 'ACTIVE' || !plan.calendar) return [];
    const target = await this.stopWaitingForFinished(plan, locked, calendar.timezone);
    const rule = targetRule(plan, target);
    const basis = intervalDays(rule);
    const lockParts = this.occurrences.partsLock(organizationId, [plan]);
    const today = localDateOf(now, calendar.timezone);
    // Calendar days in the organization's zone: a day across a DST change is 23 or 25 hours.
    const horizon = addDays(today, plan.leadDays);
    const dueOn = (nominal: string) => applyHolidayRule(nominal, plan.holidayRule, calendar.isWorkingDay) ?? nominal;
    // The lead time counts back from the due date, or from the earlier day a holiday moved it to
    // (PREVIOUS_WORKING_DAY), so the work order never comes after its due date.
    const leadFrom = (nominal: string) => {
      const due = dueOn(nominal);
      return due < nominal ? due : nominal;
    };
    const generated: string[] = [];

    if (rule.mode === 'FLOATING') {
      if (target.openWorkOrderId || !target.nextDueDate || leadFrom(target.nextDueDate) > horizon) return [];
      const due = target.nextDueDate;
      const outcome = await this.occurrences.occurrence(plan, target, `cal:${due}`, due, calendar, basis, lockParts);
      if (outcome.kind === 'created') generated.push(outcome.workOrderId);
      // Waiting for an open work order; otherwise (skipped for a holiday, or made before and
      // already finished) the next one counts from this due date, so the plan never stalls.
      const waitFor = outcome.kind === 'created' ? outcome.workOrderId : outcome.kind === 'exists' ? outcome.openWorkOrderId : null;
      await this.plans.updateTarget(planId, equipmentId, {
        nextDueDate: waitFor ? null : nextFloating(rule, due),
        openWorkOrderId: waitFor,
        lastGeneratedAt: now,
        ...(outcome.kind === 'created' ? await this.meterReset(plan) : {}),
      });
      return generated;
    }

    const end = dueEnd(rule, target.sequence, horizon, leadFrom);
    if (end <= target.sequence) return [];
    // LATEST: overdue occurrences are recorded as skipped (up to MAX_SKIPPED per run, older ones
    // then are not recorded), unless none is due later: then the newest overdue one is made.
    // ALL: the oldest first. Either way at most MAX_GENERATED per run.
    const first = plan.catchUp === 'LATEST' ? Math.max(target.sequence, end - MAX_SKIPPED) : target.sequence;
    const dates: string[] = [];
    for (let k = first; k < Math.min(end, first + (plan.catchUp === 'LATEST' ? MAX_SKIPPED : MAX_PENDING)); k++)
      dates.push(nthOccurrence(rule, k)!);
    const decided = plan.catchUp === 'LATEST' ? supersedeOverdue(dates, today, dueOn) : catchUp(dates, 'ALL', MAX_GENERATED);
    await this.occurrences.skipAll(plan, equipmentId, decided.skip, 'superseded', calendar, basis);
    for (const date of decided.generate) {
      const outcome = await this.occurrences.occurrence(plan, target, `cal:${date}`, date, calendar, basis, lockParts);
      if (outcome.kind === 'created') generated.push(outcome.workOrderId);
    }
    // Skipped and made occurrences are the first of `dates`; the deferred ones come next run.
    const nextK = first + decided.skip.length + decided.generate.length;
    await this.plans.updateTarget(planId, equipmentId, {
      sequence: nextK,
      nextDueDate: nthOccurrence(rule, nextK),
      lastGeneratedAt: now,
      ...(decided.generate.length > 0 ? await this.meterReset(plan) : {}),
    });
    return generated;
  }

  /**
   * Meter triggers, evaluated in the reading's transaction for each reading newer than the
   * meter's previous one. Every-N fires once per crossed mark (a jump over several marks makes
   * one work order); a condition fires when it is entered and no work order of the plan is
   * still open for it. A plan with a calendar too restarts its calendar when the meter fires.
   */
  async onReadings(organizationId: string, meterId: string, previous: number | null, readings: readonly FreshReading[]): Promise<string[]> {
    const generated: string[] = [];
    const plans = await this.plans.plansOfMeter(organizationId, meterId);
    if (plans.length === 0) return generated;
    const calendar = await this.calendarOf(organizationId);
    // Every target first, in plan id order, and only then (with the first work order) parts and
    // the organization row: a completion holds its target while it asks for those.
    const metered: { plan: PmPlanRow; trigger: NonNullable<PmPlanRow['meter']>; target: PmTargetRow; equipmentId: string }[] = [];
    for (const planRow of [...plans].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      const equipmentId = planRow.equipmentIds[0]!;
      const locked = await this.plans.lockTarget(planRow.id, equipmentId);
      const plan = await this.plans.find(organizationId, planRow.id);
      if (locked && plan?.meter && plan.status === 'ACTIVE') {
        const target = await this.stopWaitingForFinished(plan, locked, calendar.timezone);
        metered.push({ plan, trigger: plan.meter, target, equipmentId });
      }
    }
    const lockParts = this.occurrences.partsLock(
      organizationId,
      metered.map(({ plan }) => plan),
    );
    for (const { plan, trigger, target, equipmentId } of metered) {
      let base = target.meterBase;
      let openWorkOrderId = target.openWorkOrderId;
      let calendarRestart: Partial<PmTargetRow> = {};
      let last = previous;
      for (const reading of readings) {
        if (reading.replacement) {
          // A new (or reset) meter: the usage since the last service carries over, so the service
          // still comes after `every` of use. Without an earlier value it counts from this one.
          const since = base ?? trigger.startsAt ?? last;
          base = since === null || last === null ? reading.value : reading.value - (last - since);
          last = reading.value;
          continue;
        }
        const today = localDateOf(reading.readAt, calendar.timezone);
        if (trigger.every !== undefined) {
          base ??= trigger.startsAt ?? last ?? reading.value;
          const reached = meterIntervalReached(base, trigger.every, reading.value);
          if (reached) {
            const outcome = await this.occurrences.occurrence(
              plan,
              target,
              `meter:${reached.reached}:${reading.id}`,
              today,
              calendar,
              this.occurrences.graceBasis(plan),
              lockParts,
            );
            if (outcome.kind === 'created') generated.push(outcome.workOrderId);
            base = reached.nextBase;
            calendarRestart = this.calendarRestart(plan, today);
          }
        }
        if (
          (trigger.above !== undefined || trigger.below !== undefined) &&
          conditionEntered(trigger, last, reading.value) &&
          !openWorkOrderId
        ) {
          const outcome = await this.occurrences.occurrence(
            plan,
            target,
            `threshold:${reading.id}`,
            today,
            calendar,
            this.occurrences.graceBasis(plan),
            lockParts,
          );
          if (outcome.kind === 'created') {
            generated.push(outcome.workOrderId);
            openWorkOrderId = outcome.workOrderId;
          }
        }
        last = reading.value;
      }
      await this.plans.updateTarget(plan.id, equipmentId, {
        meterBase: base,
        openWorkOrderId,
        ...calendarRestart,
        ...(generated.length > 0 ? { lastGeneratedAt: new Date() } : {}),
      });
    }
    return generated;
  }

  /**
   * A PM work order finished (completed, closed or cancelled): the target stops waiting for it,
   * and a FLOATING plan's next due date counts from the completion.
   */
  async onWorkOrderFinished(row: WorkOrderRow, now = new Date()): Promise<void> {
    if (!row.pmPlanId) return;
    const { target } = await this.targetOf(row.pmPlanId, row);
    if (!target) return;
    const plan = await this.plans.find(row.organizationId, row.pmPlanId);
    const finishedAt = row.actualEndTime ?? now;
    const waiting = target.openWorkOrderId === row.id;
    const changes: Partial<PmTargetRow> = {};
    if (row.status === 'COMPLETED' || row.status === 'CLOSED') {
      changes.lastCompletedAt = target.lastCompletedAt && target.lastCompletedAt > finishedAt ? target.lastCompletedAt : finishedAt;
    }
    if (waiting) {
      changes.openWorkOrderId = null;
      if (plan?.calendar?.mode === 'FLOATING') {
        const timezone = await this.plans.timezoneOf(row.organizationId);
        changes.nextDueDate = nextFloating(plan.calendar as CalendarRule, localDateOf(finishedAt, timezone));
      }
    }
    if (Object.keys(changes).length > 0) await this.plans.updateTarget(target.planId, target.equipmentId, changes);
  }

  /**
   * A finished PM work order was reopened: the target waits for it again, as it did when the work
   * order was made (FLOATING calendars and conditions), so no second one is made meanwhile. A
   * target already waiting for a newer work order keeps waiting for that one.
   */
  async onWorkOrderReopened(row: WorkOrderRow): Promise<void> {
    if (!row.pmPlanId) return;
    const { target, occurrenceKey } = await this.targetOf(row.pmPlanId, row);
    const plan = await this.plans.find(row.organizationId, row.pmPlanId);
    if (!target || !plan || !occurrenceKey || !waitsFor(plan, occurrenceKey)) return;
    if (target.openWorkOrderId !== null) return;
    await this.plans.updateTarget(target.planId, target.equipmentId, {
      openWorkOrderId: row.id,
      ...(plan.calendar?.mode === 'FLOATING' ? { nextDueDate: null } : {}),
    });
  }

  /**
   * A locked target that waits for a work order no longer open stops waiting, as it would have
   * when that work order finished (a FLOATING plan's next due date counts from then). The finish
   * normally tells the target at once (`onWorkOrderFinished`); this mends a target that never
   * heard, such as one whose work order was moved to other equipment before that was handled,
   * which would otherwise wait for ever.
   */
  private async stopWaitingForFinished(plan: PmPlanRow, target: PmTargetRow, timezone: string): Promise<PmTargetRow> {
    if (!target.openWorkOrderId) return target;
    const state = await this.plans.waitedForState(target.openWorkOrderId);
    if (state.open) return target;
    const finishedAt = state.finishedAt ?? new Date();
    const changes: Partial<PmTargetRow> = { openWorkOrderId: null };
    if (state.completed && !(target.lastCompletedAt && target.lastCompletedAt > finishedAt)) changes.lastCompletedAt = finishedAt;
    if (plan.calendar?.mode === 'FLOATING')
      changes.nextDueDate = nextFloating(plan.calendar as CalendarRule, localDateOf(finishedAt, timezone));
    this.logger.warn(
      `PM plan ${plan.id} on ${target.equipmentId} waited for work order ${target.openWorkOrderId}, which is no longer open`,
    );
    await this.plans.updateTarget(plan.id, target.equipmentId, changes);
    return { ...target, ...changes };
  }

  /** Where a new or edited plan starts on each piece of equipment: the first occurrence from `from` on. */
  initialTarget(plan: PmPlanRow, from: string): Pick<PmTargetRow, 'sequence' | 'nextDueDate' | 'anchorDate'> {
    const rule = plan.calendar as CalendarRule | null;
    if (!rule) return { sequence: 0, nextDueDate: null, anchorDate: null };
    const start = rule.startsOn > from ? rule.startsOn : from;
    if (rule.mode === 'FLOATING') return { sequence: 0, nextDueDate: rule.endsOn && start > rule.endsOn ? null : start, anchorDate: null };
    const first = firstOccurrenceOnOrAfter(rule, start);
    return first ? { sequence: first.k, nextDueDate: first.date, anchorDate: null } : { sequence: 0, nextDueDate: null, anchorDate: null };
  }

  // -------------------------------------------------------------------------------------------

  /**
   * The target a PM work order was made for, locked: found through its occurrence, since the work
   * order may have been moved to other equipment since (one made without an occurrence counts
   * for the equipment it is on).
   */
  private async targetOf(planId: string, row: WorkOrderRow): Promise<{ target?: PmTargetRow; occurrenceKey?: string }> {
    const occurrence = await this.plans.occurrenceOfWorkOrder(planId, row.id);
    const target = await this.plans.lockTarget(planId, occurrence?.equipmentId ?? row.equipmentId);
    return { target, occurrenceKey: occurrence?.occurrenceKey };
  }

  /**
   * Whichever comes first: the meter fired, so the calendar counts again from today. A FIXED
   * plan's dates are then counted from today (the target's anchor) instead of the start date.
   */
  private calendarRestart(plan: PmPlanRow, today: string): Partial<PmTargetRow> {
    const rule = plan.calendar as CalendarRule | null;
    if (!rule?.every || !rule.unit) return {};
    if (rule.mode === 'FLOATING') return { nextDueDate: nextFloating(rule, today) };
    const anchored: CalendarRule = { ...rule, startsOn: today };
    return { anchorDate: today, sequence: 1, nextDueDate: nthOccurrence(anchored, 1) };
  }

  /** Whichever comes first: the calendar fired, so the meter interval counts again from its current value. */
  private async meterReset(plan: PmPlanRow): Promise<Partial<PmTargetRow>> {
    if (plan.meter?.every === undefined) return {};
    const value = await this.plans.meterValue(plan.meter.meterId);
    return value === null ? {} : { meterBase: value };
  }
}

/**
 * The end of the occurrences to make from `sequence`: occurrences k in [sequence, end) have their
 * lead time start (`leadFrom`) on or before the horizon. A holiday moves a date back by days and
 * keeps the dates' order, so the end by nominal dates moves on until the moved ones fit.
 */
function dueEnd(rule: CalendarRule, sequence: number, horizon: string, leadFrom: (nominal: string) => string): number {
  const after = firstOccurrenceOnOrAfter(rule, addDays(horizon, 1));
  let end = Math.max(after ? after.k : sequence, sequence);
  if (!after) while (end - sequence < MAX_PENDING && nthOccurrence(rule, end) !== null) end++;
  while (end - sequence < MAX_PENDING) {
    const next = nthOccurrence(rule, end);
    if (next === null || leadFrom(next) > horizon) break;
    end++;
  }
  return end;
}

/**
 * Catch-up LATEST: what is not overdue yet (due today or later, within the lead time) is made,
 * oldest first; overdue occurrences are superseded by the newest due one. With nothing due
 * later, the newest overdue one is made. `dates` are in order, so the skipped and the made ones
 * are its first entries.
 */
function supersedeOverdue(dates: readonly string[], today: string, dueOn: (nominal: string) => string) {
  const firstUpcoming = dates.findIndex((date) => dueOn(date) >= today);
  const overdue = firstUpcoming < 0 ? dates : dates.slice(0, firstUpcoming);
  const upcoming = firstUpcoming < 0 ? [] : dates.slice(firstUpcoming);
  if (upcoming.length === 0) return { skip: overdue.slice(0, -1), generate: overdue.slice(-1) };
  return { skip: overdue, generate: upcoming.slice(0, MAX_GENERATED) };
}

/** Whether the target waits for a work order of this occurrence until it is finished: FLOATING calendars and conditions do. */
function waitsFor(plan: PmPlanRow, occurrenceKey: string): boolean {
  if (occurrenceKey.startsWith('cal:')) return (plan.calendar as CalendarRule | null)?.mode === 'FLOATING';
  const trigger = plan.meter;
  return occurrenceKey.startsWith('threshold:') && (trigger?.above !== undefined || trigger?.below !== undefined);
}
