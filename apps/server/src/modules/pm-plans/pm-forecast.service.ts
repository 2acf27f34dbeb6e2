import type { ForecastOccurrence, ForecastQuery, ForecastWeek, PmCompliance, PmForecast } from '@msched/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { workOrders } from '../../platform/db/schema';
import { iso } from '../../platform/http/mapping';
import { availableIntervals, clippedHours } from '../technicians/availability-calendar';
import { WorkOrderStatsRepository } from '../work-orders/work-order-stats.repository';
import {
  DAY_MS,
  FORECAST_MAX_OCCURRENCES,
  HOLIDAY_PAD_DAYS,
  USAGE_WINDOW_DAYS,
  backlogWeeks,
  checkedRange,
  forecastWeeks,
  mondayOf,
  pmComplianceOf,
  projectMeterMarks,
  round2,
  usageRatePerDay,
} from './pm-forecast';
import { PmForecastRepository } from './pm-forecast.repository';
import { PmGenerator, targetRule } from './pm-generator';
import { type PmPlanRow, type PmTargetRow, PmPlansRepository } from './pm-plans.repository';
import {
  type CalendarRule,
  addDays,
  applyHolidayRule,
  endOfLocalDate,
  intervalDays,
  localDateOf,
  nextFloating,
  occurrencesBetween,
  windowEndDate,
} from './pm-schedule';

/**
 * PM forecast and compliance.
 *
 * Forecast (`GET /pm-plans/forecast?from&to`): what the active plans will make in [from, to),
 * computed from where each plan stands (its targets) and nothing else; nothing is created or
 * claimed. Occurrences already generated are work orders and count in the backlog instead.
 * Only ACTIVE (not deleted) plans; lead days play no part (an occurrence counts when due), and
 * catch-up is not simulated (every nominal date from where the target stands is listed).
 *
 * - Calendar, FIXED: the nominal dates on or after the target's `nextDueDate` (the date of its
 *   current `sequence`), via occurrencesBetween over the same rule the generator uses.
 * - Calendar, FLOATING: repeated intervals from the target's `nextDueDate`; while it waits for
 *   an open work order, from that work order's due date + one interval (as if completed when
 *   due). Without either (the series ended) nothing.
 * - Meter, every N (COUNTER): the usage rate is the counter's rise over its readings of the last
 *   30 days before the request (whatever the range) ÷ the days those readings span (units/day; fewer than two readings, no time between
 *   them, or no rise: no rate and no projection). The interval counts from the target's
 *   `meterBase` (else the trigger's startsAt, else the current value); the mark base + N is
 *   projected to be reached at lastReadAt + (mark − lastValue) ÷ rate, then every further N.
 *   A mark already passed but not fired yet is one occurrence due now (the next reading fires
 *   it). Condition triggers (above/below) cannot be projected and are left out. A plan with both
 *   triggers projects both series independently (the generator restarts one when the other
 *   fires), so its load is an upper bound.
 * - Every nominal date goes through the plan's holiday rule (SKIP drops it), is due at the end of
 *   that local day in the organization's time zone, and gets the window end the generator would
 *   give it (windowEndDate over the calendar interval; meter-only plans due + graceMaxDays).
 *   Listed when due in [from, to); nominal dates are looked at 14 days beyond the range on both
 *   sides so that a holiday shift can move one in.
 * - estimatedHours = template estimatedDuration ÷ 60 (0 when unknown); load = estimatedHours ×
 *   crewSize.
 *
 * Bounds: the range spans at most 366 days, and at most 5,000 occurrences are listed: the
 * earliest by due date. The weekly figures count the listed occurrences only, so when the list
 * is full (exactly 5,000) the load of the weeks after the last listed occurrence is understated;
 * the contract has no flag for it, a list of 5,000 is the sign.
 *
 * Weeks: ISO weeks, Monday 00:00 to Monday 00:00 in the organization's time zone (167 or 169
 * hours across a DST change), every week overlapping the range; the first and last may be cut
 * by the range, and then load and capacity both count only the part inside it.
 * - loadHours: Σ estimatedHours × crewSize of the occurrences due that week.
 * - capacityHours: Σ over active technicians of their available hours that week (weekly pattern
 *   in their own time zone, plus extra time, minus leave: the availability calendar).
 * - bySkill: one row per skill any listed occurrence requires, in every week, by skill name:
 *   loadHours of that week's occurrences requiring it; capacityHours of the technicians having
 *   it at the lowest minLevel any occurrence in the range asks for it (who could do at least
 *   part of it).
 * - backlogWeeks: estimated hours × crew size of the open work orders (OPEN … PENDING_APPROVAL)
 *   that have an estimated duration, ÷ the average weekly capacity in the range (capacity of the
 *   range ÷ its length in weeks); 0 when there is no capacity.
 *
 * Compliance (SMRP): see PM_COMPLIANCE_RULE.
 */

interface Projected {
  plan: PmPlanRow;
  equipmentId: string;
  due: string;
  dueAt: Date;
  windowEnd: Date;
  source: 'calendar' | 'meter';
}

const byDue = (a: Projected, b: Projected) =>
  a.dueAt.getTime() - b.dueAt.getTime() ||
  a.plan.name.localeCompare(b.plan.name) ||
  a.plan.id.localeCompare(b.plan.id) ||
  a.equipmentId.localeCompare(b.equipmentId) ||
  a.source.localeCompare(b.source);

/**
 * Keeps the earliest `cap` occurrences without holding all of them: past 2 × cap it sorts, cuts
 * to cap, and from then on ignores (and tells projections to stop at) anything due later.
 */
class EarliestOccurrences {
  private items: Projected[] = [];
  /** Nothing due after this instant can be among the earliest `cap`. */
  cutoff = Number.POSITIVE_INFINITY;

  constructor(private readonly cap: number) {}

  add(item: Projected): void {
    if (item.dueAt.getTime() > this.cutoff) return;
    this.items.push(item);
    if (this.items.length >= 2 * this.cap) this.compact();
  }

  result(): Projected[] {
    this.compact();
    return this.items;
  }

  private compact(): void {
    this.items.sort(byDue);
    if (this.items.length < this.cap) return;
    this.items.length = this.cap;
    this.cutoff = this.items[this.cap - 1]!.dueAt.getTime();
  }
}

/** Projects PM work ahead (nothing is created) and measures PM compliance. */
@Injectable()
export class PmForecastService {
  private readonly logger = new Logger(PmForecastService.name);

  constructor(
    private readonly database: Database,
    private readonly plans: PmPlansRepository,
    private readonly repository: PmForecastRepository,
    private readonly generator: PmGenerator,
    private readonly stats: WorkOrderStatsRepository,
  ) {}

  async forecast(principal: Principal, query: ForecastQuery, now = new Date()): Promise<PmForecast> {
    const range = checkedRange(query);
    return this.database.read(() => this.project(principal.organizationId, range.from, range.to, now));
  }

  /** SMRP PM compliance of the organization in [from, to) (PM_COMPLIANCE_RULE). */
  async compliance(principal: Principal, query: ForecastQuery): Promise<PmCompliance> {
    const { from, to } = checkedRange(query);
    const counts = await this.database.read(() =>
      this.stats.pmComplianceCounts(eq(workOrders.organizationId, principal.organizationId), from, to),
    );
    return pmComplianceOf(counts, from, to);
  }

  private async project(organizationId: string, from: Date, to: Date, now: Date): Promise<PmForecast> {
    const [plans, calendar] = await Promise.all([this.plans.activePlans(organizationId), this.generator.calendarOf(organizationId)]);
    const { timezone } = calendar;
    const allTargets = await this.plans.targets(plans.map((plan) => plan.id));
    // Retired equipment gets no new work (the generator records its occurrences as skipped).
    const retired = new Set(
      (await this.plans.retiredAmong(organizationId, [...new Set(allTargets.map((target) => target.equipmentId))])).map((row) => row.id),
    );
    const targets = allTargets.filter((target) => !retired.has(target.equipmentId));
    const targetsOf = new Map<string, PmTargetRow[]>();
    for (const target of targets) {
      const list = targetsOf.get(target.planId) ?? [];
      list.push(target);
      targetsOf.set(target.planId, list);
    }

    const floatingIds = new Set(plans.filter((plan) => plan.calendar?.mode === 'FLOATING').map((plan) => plan.id));
    const waitingFor = targets.filter((target) => floatingIds.has(target.planId) && !target.nextDueDate && target.openWorkOrderId);
    const meterPlans = plans.filter((plan) => plan.meter?.every !== undefined);
    const meterIds = [...new Set(meterPlans.map((plan) => plan.meter!.meterId))];
    const [waitingDue, meterRows, usage, crew, openMinutes] = await Promise.all([
      this.repository.workOrderDueDates(
        organizationId,
        waitingFor.map((target) => target.openWorkOrderId!),
      ),
      this.repository.meters(organizationId, meterIds),
      this.repository.usage(organizationId, meterIds, new Date(now.getTime() - USAGE_WINDOW_DAYS * DAY_MS), now),
      this.repository.technicianCalendars(organizationId, from, to),
      this.repository.openWorkMinutes(organizationId),
    ]);

    const pool = new EarliestOccurrences(FORECAST_MAX_OCCURRENCES);
    const firstNominal = addDays(localDateOf(from, timezone), -HOLIDAY_PAD_DAYS);
    const lastNominal = addDays(localDateOf(to, timezone), HOLIDAY_PAD_DAYS);
    const add = (plan: PmPlanRow, equipmentId: string, nominal: string, basis: number | null, source: Projected['source']) => {
      const due = applyHolidayRule(nominal, plan.holidayRule, calendar.isWorkingDay);
      if (!due) return;
      const dueAt = endOfLocalDate(due, timezone);
      if (dueAt < from || dueAt >= to) return;
      const last = basis === null ? addDays(due, plan.window.graceMaxDays) : windowEndDate(due, basis, plan.window);
      pool.add({ plan, equipmentId, due, dueAt, windowEnd: endOfLocalDate(last, timezone), source });
    };

    for (const plan of plans) {
      if (!plan.calendar) continue;
      try {
        this.projectCalendar(plan, targetsOf.get(plan.id) ?? [], { firstNominal, lastNominal, timezone, pool, waitingDue, add });
      } catch (error) {
        // A plan whose rule cannot be evaluated is left out, as the generator skips it.
        this.logger.warn(`PM forecast: plan ${plan.id} left out: ${(error as Error).message}`);
      }
    }

    const meterById = new Map(meterRows.map((meter) => [meter.id, meter]));
    const usageById = new Map(usage.map((summary) => [summary.meterId, summary]));
    const pad = HOLIDAY_PAD_DAYS * DAY_MS;
    for (const plan of meterPlans) {
      const trigger = plan.meter!;
      const meter = meterById.get(trigger.meterId);
      const equipmentId = plan.equipmentIds[0];
      const target = (targetsOf.get(plan.id) ?? []).find((candidate) => candidate.equipmentId === equipmentId);
      if (!meter || meter.kind !== 'COUNTER' || meter.lastValue === null || !meter.lastReadAt || !target || !equipmentId) continue;
      let basis: number | null = null;
      try {
        basis = plan.calendar ? intervalDays(plan.calendar as CalendarRule) : null;
      } catch {
        // A broken calendar rule (logged above) leaves the meter series with graceMaxDays.
      }
      const marks = projectMeterMarks({
        base: target.meterBase ?? trigger.startsAt ?? meter.lastValue,
        every: trigger.every!,
        current: meter.lastValue,
        lastReadAt: meter.lastReadAt,
        ratePerDay: usageRatePerDay(usageById.get(meter.id)),
        now,
        from: new Date(from.getTime() - pad),
        to: new Date(Math.min(to.getTime(), pool.cutoff) + pad),
        limit: FORECAST_MAX_OCCURRENCES,
      });
      for (const mark of marks) add(plan, equipmentId, localDateOf(mark.at, timezone), basis, 'meter');
    }

    const listed = pool.result();
    const occurrences: ForecastOccurrence[] = listed.map((item) => ({
      planId: item.plan.id,
      planName: item.plan.name,
      equipmentId: item.equipmentId,
      dueAt: iso(item.dueAt),
      windowEnd: iso(item.windowEnd),
      source: item.source,
      estimatedHours: round2(hoursOf(item.plan)),
      crewSize: item.plan.template.crewSize ?? 1,
      requiredSkills: (item.plan.template.requiredSkills ?? []).map((entry) => ({ skill: entry.skill, minLevel: entry.minLevel })),
    }));

    const weeks = forecastWeeks(from, to, timezone);
    const weekIndex = new Map(weeks.map((week, index) => [week.monday, index]));

    // Capacity: each technician's available intervals over the range, once, then cut per week.
    const hoursByTechnician = crew.map((technician) => {
      const intervals = availableIntervals(
        { timezone: technician.timezone, weeklyPattern: technician.weeklyPattern, exceptions: technician.exceptions },
        { start: from, end: to },
      ).map((interval) => ({ start: new Date(interval.start), end: new Date(interval.end) }));
      return weeks.map((week) => clippedHours(intervals, { start: week.start, end: week.end }));
    });

    // Skills required in the range, each at the lowest level asked for.
    const skillLevels = new Map<string, number>();
    for (const item of listed) {
      for (const { skill, minLevel } of item.plan.template.requiredSkills ?? []) {
        const name = skill.toLowerCase();
        skillLevels.set(name, Math.min(skillLevels.get(name) ?? Number.POSITIVE_INFINITY, minLevel));
      }
    }
    const skills = [...skillLevels.keys()].sort();
    const qualified = new Map(
      skills.map((skill) => [
        skill,
        crew
          .map((technician, index) => ({ technician, index }))
          .filter(({ technician }) =>
            technician.skills.some((entry) => entry.skill.toLowerCase() === skill && entry.level >= skillLevels.get(skill)!),
          )
          .map(({ index }) => index),
      ]),
    );

    const load = weeks.map(() => 0);
    const skillLoad = weeks.map(() => new Map<string, number>());
    for (const item of listed) {
      const index = weekIndex.get(mondayOf(item.due));
      if (index === undefined) continue;
      const hours = hoursOf(item.plan) * (item.plan.template.crewSize ?? 1);
      load[index]! += hours;
      for (const skill of new Set((item.plan.template.requiredSkills ?? []).map((entry) => entry.skill.toLowerCase()))) {
        skillLoad[index]!.set(skill, (skillLoad[index]!.get(skill) ?? 0) + hours);
      }
    }

    let totalCapacity = 0;
    const weekFigures: ForecastWeek[] = weeks.map((week, index) => {
      const capacity = hoursByTechnician.reduce((sum, perWeek) => sum + perWeek[index]!, 0);
      totalCapacity += capacity;
      return {
        weekStart: iso(week.weekStart),
        loadHours: round2(load[index]!),
        capacityHours: round2(capacity),
        bySkill: skills.map((skill) => ({
          skill,
          loadHours: round2(skillLoad[index]!.get(skill) ?? 0),
          capacityHours: round2((qualified.get(skill) ?? []).reduce((sum, technician) => sum + hoursByTechnician[technician]![index]!, 0)),
        })),
      };
    });

    return {
      from: iso(from),
      to: iso(to),
      occurrences,
      weeks: weekFigures,
      backlogWeeks: backlogWeeks(openMinutes / 60, totalCapacity, to.getTime() - from.getTime()),
    };
  }

  /** The calendar occurrences of one plan, from where each of its targets stands (see the top of this file). */
  private projectCalendar(
    plan: PmPlanRow,
    targets: readonly PmTargetRow[],
    context: {
      firstNominal: string;
      lastNominal: string;
      timezone: string;
      pool: EarliestOccurrences;
      waitingDue: Map<string, Date | null>;
      add: (plan: PmPlanRow, equipmentId: string, nominal: string, basis: number | null, source: Projected['source']) => void;
    },
  ): void {
    const { firstNominal, lastNominal, timezone, pool, waitingDue, add } = context;
    const rule = plan.calendar as CalendarRule;
    const basis = intervalDays(rule);
    for (const target of targets) {
      if (!plan.equipmentIds.includes(target.equipmentId)) continue;
      // Past the cutoff nothing more can make the list: stop projecting there.
      const cutoffDay = Number.isFinite(pool.cutoff)
        ? addDays(localDateOf(new Date(pool.cutoff), timezone), HOLIDAY_PAD_DAYS)
        : lastNominal;
      const last = cutoffDay < lastNominal ? cutoffDay : lastNominal;
      let nominals: string[];
      if (rule.mode === 'FLOATING') {
        let anchor = target.nextDueDate;
        if (!anchor && target.openWorkOrderId) {
          const waitingDueAt = waitingDue.get(target.openWorkOrderId);
          anchor = waitingDueAt ? nextFloating(rule, localDateOf(waitingDueAt, timezone)) : null;
        }
        if (!anchor) continue;
        nominals = occurrencesBetween(rule, firstNominal, last, FORECAST_MAX_OCCURRENCES, anchor);
      } else {
        // FIXED: the occurrences from the target's current sequence on (dates only grow with it).
        if (!target.nextDueDate) continue;
        const start = target.nextDueDate > firstNominal ? target.nextDueDate : firstNominal;
        // Counted from the target's anchor when a meter restarted its calendar.
        nominals = occurrencesBetween(targetRule(plan, target), start, last, FORECAST_MAX_OCCURRENCES);
      }
      for (const nominal of nominals) add(plan, target.equipmentId, nominal, basis, 'calendar');
    }
  }
}

/** Template hours of one occurrence (one person): estimatedDuration ÷ 60, 0 when unknown. */
const hoursOf = (plan: PmPlanRow) => (plan.template.estimatedDuration ?? 0) / 60;
