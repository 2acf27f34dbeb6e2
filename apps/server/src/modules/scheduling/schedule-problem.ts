import { MAX_BOOKING_DAYS, SCHEDULABLE_WORK_ORDER_STATUSES as SCHEDULABLE, type WorkFilter } from '@msched/contracts';
import type { Assignment, Job, Problem, Technician } from '@msched/optimizer';
import { Injectable } from '@nestjs/common';
import { type SQL, and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { bookedTechnicians } from '../../platform/auth/access-policy';
import { Database } from '../../platform/db/database';
import { DAY, type Interval, MINUTE } from '../../platform/time/zoned-clock';
import { equipment, locations, pmPlans, siteTravelTimes, workOrders } from '../../platform/db/schema';
import { PmForecastRepository, type TechnicianCalendarRow } from '../pm-plans/pm-forecast.repository';
import { availableIntervals, intersectIntervals, maintenanceWindowsIn, overtimeIntervals } from '../technicians/availability-calendar';
import { isUndone } from '../work-orders/work-order-precedence';
import { type WorkOrderRow, WorkOrdersRepository } from '../work-orders/work-orders.repository';

/** At most this many work orders make up one problem, and at most this many other bookings block time. */
const MAX_JOBS = 5000;
const MAX_BOOKINGS = 20_000;
/** Priority → weight of lateness and of leaving the work unassigned. */
export const PRIORITY_WEIGHT = { LOW: 1, MEDIUM: 2, HIGH: 4, CRITICAL: 8 } as const;
/** Work without an estimate is planned as one hour. */
const DEFAULT_MINUTES = 60;

export interface ScheduleScope {
  organizationId: string;
  from: Date;
  to: Date;
  workOrderIds?: string[];
  /** Narrows the default scope (never given with `workOrderIds`). */
  filter?: WorkFilter;
  technicianIds?: string[];
  /** Work orders that are jobs besides the default scope (analyze: the ones on the planner's board). */
  alsoWorkOrderIds?: string[];
  /**
   * A solve's "now" (epoch ms): no work may start before the next quarter hour after it, but a
   * booking not yet begun may stay where it is. Work in progress keeps its start. Also makes a
   * selection strict: selected work in progress, or booked on an active technician the run
   * leaves out, is refused rather than left where it is (an analysis just scores what it gets).
   */
  now?: number;
}

export interface BuiltProblem {
  problem: Problem;
  /** Work-order id → version when the problem was read (for conflicts at publish). */
  baseline: Record<string, number>;
  /**
   * Requested ids the run cannot take, by their place in the request: no schedulable work order
   * (work in progress included) or active technician of the organization, or work booked on a
   * technician outside the run's technicians (not the run's to move).
   */
  refused: { path: string; message: string }[];
  /**
   * Work the run cannot plan, with why: it waits for a work order that is not done, not booked
   * and not in the run (or for one held back in turn). Left out of the problem; the run lists it
   * as unassigned, and a publish leaves it where it is.
   */
  held: { jobId: string; reasons: string[] }[];
}

/** The start of the reason given for work held back by a predecessor (see BuiltProblem.held). */
export const WAITS_FOR = 'waits for ';

/** Whether a run left the work unassigned because it waits for work outside the run. */
export const heldBack = (reasons: readonly string[]): boolean => reasons.some((reason) => reason.startsWith(WAITS_FOR));

/**
 * Reads an organization's work and people into the optimizer's model: technicians with their
 * skills and shift hours (weekly pattern and exceptions) in the range; the work to place as jobs
 * (estimate, skills, crew, priority, due date as the soft target, PM compliance window end as the
 * hard deadline, or as the target once nobody qualified could meet it: overdue compliance work is
 * the most urgent to plan, and left out it would even lose its booking at publish; conflict
 * groups; predecessors; whether it needs its equipment down, with that equipment's maintenance
 * windows); the current
 * bookings of that work as the published schedule that churn is
 * measured against.
 *
 * The work to place is the selected work orders, or by default every schedulable one that is not
 * booked or is booked within the range (on a technician in scope). Everything else a technician
 * is booked for in the range — work booked across the range's edges or on purpose elsewhere, work
 * outside the selection, work in progress — stays where it is and blocks that time, as leave
 * would: the solver plans around it, and a published schedule never double-books it. Booked
 * work the run does not plan also holds its equipment and its conflict groups (whoever it is
 * booked on): work on that equipment or in those groups is planned around it. Work in progress
 * booked wholly within the range is pinned. Predecessors outside the run: see
 * orderAfterPredecessors.
 */
@Injectable()
export class ScheduleProblemBuilder {
  constructor(
    private readonly database: Database,
    private readonly calendars: PmForecastRepository,
    private readonly bookings: WorkOrdersRepository,
  ) {}

  async build(scope: ScheduleScope): Promise<BuiltProblem> {
    const { organizationId, from, to } = scope;
    const range = { start: from.getTime(), end: to.getTime() };
    const active = await this.calendars.technicianCalendars(organizationId, from, to);
    const people = active.filter((person) => !scope.technicianIds || scope.technicianIds.includes(person.id));
    const known = new Set(people.map((person) => person.id));
    const calendarOf = new Map(people.map((person) => [person.id, person]));
    // Active technicians the run leaves out: work booked on them is theirs, not the run's to move.
    const others = new Set(active.filter((person) => !known.has(person.id)).map((person) => person.id));
    const rows = await this.workOrdersInScope(scope);
    const baseline: Record<string, number> = {};
    const jobs: Job[] = [];
    const published: Assignment[] = [];
    const placed = new Set<string>();
    const also = new Set(scope.alsoWorkOrderIds);
    const refusedIds = new Map<string, string>();
    const selected = new Set(scope.workOrderIds);
    for (const row of rows) {
      const booking = bookingOf(row, known);
      const within = booking !== null && booking.start >= range.start && booking.end <= range.end;
      const strict = scope.now !== undefined && selected.has(row.id);
      if (strict && row.status === 'IN_PROGRESS') refusedIds.set(row.id, 'work in progress: it cannot be scheduled again');
      else if (strict && isBooked(row) && bookedTechnicians(row).some((id) => others.has(id)))
        refusedIds.set(row.id, "booked on a technician outside the run's technicians: include them, or unbook it first");
      if (refusedIds.has(row.id)) continue;
      if (row.status === 'IN_PROGRESS' ? !within : !isJob(row, booking, within, scope, also)) continue;
      baseline[row.id] = row.version;
      placed.add(row.id);
      jobs.push({
        id: row.id,
        durationMinutes: plannedMinutes(row, booking, calendarOf),
        requiredSkills: row.requiredSkills.map(({ skill, minLevel }) => ({ skill: skill.toLowerCase(), minLevel })),
        // Work in progress is pinned to the technicians its booking records: the pin is their time,
        // not a crew short of members (work booked before crews were recorded has the lead only).
        // Booked work keeps a crew as large as its booking (a planner may book more people than
        // the crew size says, or lower it later): the plan must not drop a member unasked.
        crewSize: !booking
          ? row.crewSize
          : row.status === 'IN_PROGRESS'
            ? booking.technicianIds.length
            : Math.max(row.crewSize, booking.technicianIds.length),
        priorityWeight: PRIORITY_WEIGHT[row.priority],
        releaseAt: row.status === 'IN_PROGRESS' ? null : releaseOf(booking, scope.now, range.start),
        targetAt: row.dueDate?.getTime() ?? null,
        deadlineAt: row.complianceWindowEnd?.getTime() ?? null,
        lateIfDeadlineUnreachable: true,
        equipmentId: row.equipmentId,
        // Work under way stays where it is, window or not.
        requiresDowntime: row.requiresDowntime && row.status !== 'IN_PROGRESS',
        conflictGroups: row.conflictGroups,
        predecessorIds: row.predecessorIds,
        preferredTechnicianId: row.technicianId,
        pinned: row.status === 'IN_PROGRESS' && booking ? { technicianIds: booking.technicianIds, start: booking.start } : null,
      });
      if (booking) published.push({ jobId: row.id, technicianIds: booking.technicianIds, start: booking.start, end: booking.end });
    }
    const numbers = new Map(rows.map((row) => [row.id, row.workOrderNumber]));
    const held = await this.orderAfterPredecessors(organizationId, jobs, placed, numbers);
    const blocked = new Map<string, { start: Date; end: Date; available: false }[]>();
    for (const row of await this.bookings.findBooked(organizationId, [...known], from, to, MAX_BOOKINGS)) {
      if (placed.has(row.id)) continue;
      // Everyone booked on it, lead and crew, is away for its time.
      for (const technicianId of bookedTechnicians(row)) {
        const times = blocked.get(technicianId) ?? [];
        times.push({ start: row.scheduledStartTime!, end: row.scheduledEndTime!, available: false });
        blocked.set(technicianId, times);
      }
    }
    // Booked work the run does not plan holds its equipment, on whichever technicians it is booked:
    // work on that equipment waits for it (an overlap there is hard, as between two jobs).
    const equipmentBusy: Record<string, Interval[]> = {};
    const equipmentIds = [...new Set(jobs.flatMap((job) => (job.equipmentId ? [job.equipmentId] : [])))];
    for (const row of await this.bookings.findBookedOnEquipment(organizationId, equipmentIds, from, to, MAX_BOOKINGS)) {
      if (placed.has(row.id) || !row.equipmentId) continue;
      (equipmentBusy[row.equipmentId] ??= []).push({ start: row.scheduledStartTime!.getTime(), end: row.scheduledEndTime!.getTime() });
    }
    // Likewise booked work sharing a conflict group: a permit or crane in use elsewhere is not free.
    const groupBusy: Record<string, Interval[]> = {};
    const groups = [...new Set(jobs.flatMap((job) => job.conflictGroups ?? []))];
    for (const row of await this.bookings.findBookedInGroups(organizationId, groups, from, to, MAX_BOOKINGS)) {
      if (placed.has(row.id)) continue;
      for (const group of row.conflictGroups)
        if (groups.includes(group))
          (groupBusy[group] ??= []).push({ start: row.scheduledStartTime!.getTime(), end: row.scheduledEndTime!.getTime() });
    }
    const technicians: Technician[] = people.map((person) => {
      const calendar = {
        timezone: person.timezone,
        weeklyPattern: person.weeklyPattern,
        exceptions: [...person.exceptions, ...(blocked.get(person.id) ?? [])],
      };
      const span = { start: from, end: to };
      // Extra time marked overtime is planned apart: bookable, at its cost (the hourly rate).
      const overtime = overtimeIntervals(calendar, span);
      return {
        id: person.id,
        skills: Object.fromEntries(person.skills.map(({ skill, level }) => [skill.toLowerCase(), level])),
        availability: availableIntervals(calendar, span, { overtime: false }),
        ...(overtime.length > 0 ? { overtime } : {}),
        ...(person.hourlyRate > 0 ? { hourlyCost: person.hourlyRate } : {}),
      };
    });
    const read = new Set(rows.map((row) => row.id));
    const refused = [
      ...(scope.workOrderIds ?? []).flatMap((id, index) => {
        const message = read.has(id) ? refusedIds.get(id) : 'not a schedulable work order of your organization';
        return message ? [{ path: `workOrderIds.${index}`, message }] : [];
      }),
      ...(scope.technicianIds ?? []).flatMap((id, index) =>
        known.has(id) ? [] : [{ path: `technicianIds.${index}`, message: 'not an active technician of your organization' }],
      ),
    ];
    // A compliance deadline is judged reachable or not from the next quarter hour, by a solve and
    // an analysis alike: both then score the same assignments the same.
    const deadlinesJudgedFrom = planningStart(scope.now ?? Date.now());
    const equipmentWindows = await this.maintenanceWindows(organizationId, jobs, from, to);
    await this.markAvoidEarly(organizationId, jobs, new Map(rows.flatMap((row) => (row.pmPlanId ? [[row.id, row.pmPlanId]] : []))));
    const travelMinutes = await this.placeOnSites(organizationId, jobs, technicians, calendarOf);
    return {
      problem: {
        horizon: range,
        technicians,
        jobs,
        published,
        equipmentBusy,
        groupBusy,
        equipmentWindows,
        deadlinesJudgedFrom,
        ...(travelMinutes ? { travelMinutes } : {}),
      },
      baseline,
      refused,
      held,
    };
  }

  /**
   * Work of a PM plan that asks not to be done early (`avoidEarly`) should end close to its due
   * date: the optimizer counts each minute it would end before it (earliness).
   */
  private async markAvoidEarly(organizationId: string, jobs: Job[], planOf: ReadonlyMap<string, string>): Promise<void> {
    const planIds = [...new Set(jobs.flatMap((job) => (job.targetAt != null && planOf.has(job.id) ? [planOf.get(job.id)!] : [])))];
    if (planIds.length === 0) return;
    const asking = await this.database.executor
      .select({ id: pmPlans.id })
      .from(pmPlans)
      .where(
        and(eq(pmPlans.organizationId, organizationId), inArray(pmPlans.id, planIds), sql`(${pmPlans.template} ->> 'avoidEarly')::boolean`),
      );
    const avoiding = new Set(asking.map((plan) => plan.id));
    for (const job of jobs) if (job.targetAt != null && avoiding.has(planOf.get(job.id) ?? '')) job.penalizeEarliness = true;
  }

  /**
   * Travel: when the organization has travel times between its sites, each job is at the site
   * its equipment is at (the SITE its location is in) and each technician starts from their home
   * location's site; answers the minutes site to site. Without travel times nothing is placed, and
   * travel costs nothing.
   */
  private async placeOnSites(
    organizationId: string,
    jobs: Job[],
    technicians: Technician[],
    calendarOf: ReadonlyMap<string, TechnicianCalendarRow>,
  ): Promise<Record<string, Record<string, number>> | null> {
    const pairs = await this.database.executor
      .select({ a: siteTravelTimes.siteAId, b: siteTravelTimes.siteBId, minutes: siteTravelTimes.minutes })
      .from(siteTravelTimes)
      .where(eq(siteTravelTimes.organizationId, organizationId));
    if (pairs.length === 0) return null;
    const tree = await this.database.executor
      .select({ id: locations.id, parentId: locations.parentId, kind: locations.kind })
      .from(locations)
      .where(eq(locations.organizationId, organizationId));
    const byId = new Map(tree.map((location) => [location.id, location]));
    const siteOf = (locationId: string | null): string | null => {
      // Bounded: the tree has no cycles (moves are checked), but a walk must end whatever it meets.
      for (let id = locationId, steps = 0; id && steps < 100; steps++) {
        const location = byId.get(id);
        if (!location) return null;
        if (location.kind === 'SITE') return location.id;
        id = location.parentId;
      }
      return null;
    };
    const equipmentIds = [...new Set(jobs.flatMap((job) => (job.equipmentId ? [job.equipmentId] : [])))];
    const placedAt =
      equipmentIds.length === 0
        ? []
        : await this.database.executor
            .select({ id: equipment.id, locationId: equipment.locationId })
            .from(equipment)
            .where(and(eq(equipment.organizationId, organizationId), inArray(equipment.id, equipmentIds)));
    const equipmentSite = new Map(placedAt.map((row) => [row.id, siteOf(row.locationId)]));
    for (const job of jobs) job.siteId = job.equipmentId ? (equipmentSite.get(job.equipmentId) ?? null) : null;
    for (const technician of technicians) technician.siteId = siteOf(calendarOf.get(technician.id)?.homeLocationId ?? null);
    const minutes: Record<string, Record<string, number>> = {};
    // Looked up both ways by the optimizer: each pair once.
    for (const pair of pairs) (minutes[pair.a] ??= {})[pair.b] = pair.minutes;
    return minutes;
  }

  /**
   * The maintenance windows in the range of the equipment that work needing it down is on (see
   * maintenanceWindowsIn). Equipment that never had windows defined has none: its downtime work
   * cannot be planned, and says so.
   */
  private async maintenanceWindows(organizationId: string, jobs: readonly Job[], from: Date, to: Date) {
    const ids = [...new Set(jobs.flatMap((job) => (job.requiresDowntime && job.equipmentId ? [job.equipmentId] : [])))];
    if (ids.length === 0) return {};
    const rows = await this.database.executor
      .select({ id: equipment.id, maintenanceWindows: equipment.maintenanceWindows })
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), inArray(equipment.id, ids)));
    return Object.fromEntries(rows.map((row) => [row.id, maintenanceWindowsIn(row.maintenanceWindows, { start: from, end: to })]));
  }

  /**
   * Settles each job's predecessors outside the run (the optimizer takes an id it does not know
   * for done): one done, cancelled or deleted is dropped; one booked holds the job until its
   * booked end (its release); one neither booked nor in the run holds the job back from the run
   * altogether, and so do jobs waiting for a held job in turn. Held jobs leave `jobs` and
   * `placed`, and are answered with their reason. Work outside the run that waits for a job and
   * is booked must still start after it: its booked start is the job's hard deadline (never
   * relaxed into a target, which would let the job run into it).
   */
  private async orderAfterPredecessors(
    organizationId: string,
    jobs: Job[],
    placed: Set<string>,
    numbers: ReadonlyMap<string, string>,
  ): Promise<BuiltProblem['held']> {
    // Started work waits for nothing any more.
    for (const job of jobs) if (job.pinned) job.predecessorIds = [];
    const outside = [...new Set(jobs.flatMap((job) => (job.predecessorIds ?? []).filter((id) => !placed.has(id))))];
    const rows = new Map((await this.bookings.findMany(organizationId, outside)).map((row) => [row.id, row]));
    const reasons = new Map<string, string>();
    for (const job of jobs) {
      const inRun: string[] = [];
      for (const id of job.predecessorIds ?? []) {
        if (placed.has(id)) {
          inRun.push(id);
          continue;
        }
        const row = rows.get(id);
        if (!row || !isUndone(row.status)) continue;
        if (row.scheduledEndTime) job.releaseAt = Math.max(job.releaseAt ?? -Infinity, row.scheduledEndTime.getTime());
        else reasons.set(job.id, `${WAITS_FOR}${row.workOrderNumber}, which is not done, not booked and not in this run`);
      }
      job.predecessorIds = inRun;
    }
    // Held in turn: whatever waits (through any chain) for held work.
    for (let changed = true; changed;) {
      changed = false;
      for (const job of jobs) {
        if (reasons.has(job.id)) continue;
        const waiting = (job.predecessorIds ?? []).find((id) => reasons.has(id));
        if (!waiting) continue;
        reasons.set(job.id, `${WAITS_FOR}${numbers.get(waiting) ?? waiting}, which this run cannot plan (it ${reasons.get(waiting)})`);
        changed = true;
      }
    }
    const byId = new Map(jobs.map((job) => [job.id, job]));
    for (const row of await this.bookings.findSuccessorsOf(organizationId, [...byId.keys()])) {
      if (placed.has(row.id) || !isUndone(row.status) || !row.scheduledStartTime) continue;
      for (const id of row.predecessorIds) {
        const job = byId.get(id);
        if (!job || job.pinned) continue;
        job.deadlineAt = Math.min(job.deadlineAt ?? Infinity, row.scheduledStartTime.getTime());
        job.lateIfDeadlineUnreachable = false;
      }
    }
    if (reasons.size === 0) return [];
    const kept = jobs.filter((job) => !reasons.has(job.id));
    jobs.splice(0, jobs.length, ...kept);
    for (const id of reasons.keys()) placed.delete(id);
    return [...reasons].map(([jobId, reason]) => ({ jobId, reasons: [reason] }));
  }

  /**
   * The selected work orders, or every schedulable one (those matching the filter, if any), and
   * those on the board being analysed; work in progress is read too (pinned when within the range).
   */
  private async workOrdersInScope(scope: ScheduleScope): Promise<WorkOrderRow[]> {
    const conditions: SQL[] = [eq(workOrders.organizationId, scope.organizationId), isNull(workOrders.deletedAt)];
    if (scope.workOrderIds)
      conditions.push(
        inArray(workOrders.id, scope.workOrderIds.length > 0 ? scope.workOrderIds : ['00000000-0000-0000-0000-000000000000']),
      );
    // A filter picks the work to place; work in progress is read whatever it says, to be pinned
    // (its equipment stays busy for the work the filter picks).
    const filter = scope.filter;
    const picked: SQL[] = [inArray(workOrders.status, filter?.status ?? [...SCHEDULABLE])];
    if (filter?.priority) picked.push(inArray(workOrders.priority, filter.priority));
    if (filter?.type) picked.push(inArray(workOrders.type, filter.type));
    if (filter?.equipmentIds)
      picked.push(
        inArray(
          workOrders.equipmentId,
          filter.equipmentIds.map((id) => id.toLowerCase()),
        ),
      );
    if (filter?.dueDateFrom) picked.push(gte(workOrders.dueDate, new Date(filter.dueDateFrom)));
    if (filter?.dueDateTo) picked.push(lte(workOrders.dueDate, new Date(filter.dueDateTo)));
    conditions.push(or(and(...picked), eq(workOrders.status, 'IN_PROGRESS'))!);
    const rows = await this.database.executor
      .select()
      .from(workOrders)
      .where(and(...conditions))
      .limit(MAX_JOBS);
    // Work on the planner's board belongs to the analysis even outside the selection or filter.
    const read = new Set(rows.map((row) => row.id));
    const also = [...new Set(scope.alsoWorkOrderIds)].filter((id) => !read.has(id));
    if (also.length === 0) return rows;
    const extra = await this.database.executor
      .select()
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, scope.organizationId),
          isNull(workOrders.deletedAt),
          inArray(workOrders.id, also),
          inArray(workOrders.status, [...SCHEDULABLE, 'IN_PROGRESS']),
        ),
      );
    return [...rows, ...extra];
  }
}

interface Booking {
  /** The lead first, then the crew (all of them among the run's technicians). */
  technicianIds: string[];
  start: number;
  end: number;
}

/** Where the work order is booked, if on a technician in scope. */
function bookingOf(row: WorkOrderRow, known: ReadonlySet<string>): Booking | null {
  const technicianIds = bookedTechnicians(row);
  // Booked on anyone outside the run's technicians, it is not the run's to plan (as with its lead).
  if (technicianIds.length === 0 || !technicianIds.every((id) => known.has(id)) || !row.scheduledStartTime || !row.scheduledEndTime)
    return null;
  return { technicianIds, start: row.scheduledStartTime.getTime(), end: row.scheduledEndTime.getTime() };
}

/**
 * Whether schedulable work is placed by this run: selected by id, or (default scope) not booked
 * at all or booked within the range on a technician in scope. Booked elsewhere, it stays put.
 */
function isJob(row: WorkOrderRow, booking: Booking | null, within: boolean, scope: ScheduleScope, also: ReadonlySet<string>): boolean {
  if (scope.workOrderIds || also.has(row.id)) return true;
  return !isBooked(row) || (booking !== null && within);
}

/** Given a technician and a time. Assigned to someone without a time (or a time without anyone) is not a booking yet. */
function isBooked(row: WorkOrderRow): boolean {
  return Boolean(row.technicianId && row.scheduledStartTime);
}

/** A solve plans from the next quarter hour on. */
const QUARTER_HOUR_MS = 15 * 60_000;

/** The first instant a solve started at `now` may plan new work for: the next quarter hour. */
export const planningStart = (now: number): number => Math.ceil(now / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;

/**
 * The earliest start a solve allows work not in progress: the next quarter hour after `now`, or
 * a booking's own start if it has not begun yet (it may stay). None for an analysis, or when the
 * range begins later anyway.
 */
export function releaseOf(booking: Booking | null, now: number | undefined, rangeStart: number): number | null {
  if (now === undefined) return null;
  const next = planningStart(now);
  const release = booking && booking.start >= now ? Math.min(next, booking.start) : next;
  return release > rangeStart ? release : null;
}

/**
 * The minutes a run plans for the work. Work in progress keeps the working time its crew shares
 * within its booking (it holds them for all of it, whatever the estimate said); other work its
 * estimate, or without one the working time of its booking (not the clock time: a booking over
 * a night would grow by the night on every run), or an hour.
 */
function plannedMinutes(row: WorkOrderRow, booking: Booking | null, calendarOf: ReadonlyMap<string, TechnicianCalendarRow>): number {
  const hasEstimate = Boolean(row.estimatedDuration && row.estimatedDuration > 0);
  if (booking && (row.status === 'IN_PROGRESS' || !hasEstimate)) {
    const worked = sharedWorkingMinutes(booking, calendarOf);
    if (worked > 0) return worked;
  }
  return jobMinutes(row);
}

/**
 * Minutes within the booking that every one of its technicians works (by their calendars). The
 * calendar is walked day by day, so the span is cut at MAX_BOOKING_DAYS: `/assign` takes no
 * longer booking, and one written before it refused them must not hold a run for minutes.
 */
function sharedWorkingMinutes(booking: Booking, calendarOf: ReadonlyMap<string, TechnicianCalendarRow>): number {
  const span = { start: new Date(booking.start), end: new Date(Math.min(booking.end, booking.start + MAX_BOOKING_DAYS * DAY)) };
  let shared: Interval[] | null = null;
  for (const technicianId of booking.technicianIds) {
    const calendar = calendarOf.get(technicianId);
    const own = calendar ? availableIntervals(calendar, span) : [];
    shared = shared === null ? own : intersectIntervals(shared, own);
  }
  return Math.floor((shared ?? []).reduce((sum, interval) => sum + interval.end - interval.start, 0) / 60_000);
}

/** Planned minutes from the work order alone: the estimate, or the booked length, or an hour. */
export function jobMinutes(row: WorkOrderRow): number {
  if (row.estimatedDuration && row.estimatedDuration > 0) return row.estimatedDuration;
  if (row.scheduledStartTime && row.scheduledEndTime) {
    const booked = Math.round((row.scheduledEndTime.getTime() - row.scheduledStartTime.getTime()) / 60_000);
    if (booked > 0) return Math.min(booked, (MAX_BOOKING_DAYS * DAY) / MINUTE);
  }
  return DEFAULT_MINUTES;
}
