import { type PublishResult, SCHEDULABLE_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Assignment, Interval, Solution } from '@msched/optimizer';
import { UNDECIDED_REASONS } from '@msched/optimizer';
import { and, eq } from 'drizzle-orm';
import { bookedTechnicians } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { scheduleRuns } from '../../platform/db/schema';
import { AppError, ErrorCode, problemFor } from '../../platform/http/app-error';
import { iso } from '../../platform/http/mapping';
import { PmForecastRepository } from '../pm-plans/pm-forecast.repository';
import type { TechnicianRow } from '../technicians/technicians.repository';
import { assignmentConflicts } from '../work-orders/assignment-conflicts';
import { type WorkOrderRow, WorkOrdersRepository } from '../work-orders/work-orders.repository';
import { WorkOrdersService } from '../work-orders/work-orders.service';
import { dropShortOfHours } from './publish-availability';
import { EquipmentRepository } from '../equipment/equipment.repository';
import type { MaintenanceWindows } from '@msched/contracts';
import { heldBack } from './schedule-problem';
import { isUndone, precedenceLock, waitsBooked } from '../work-orders/work-order-precedence';

/** States the optimizer may (re)book. */
const schedulable = (status: string): boolean => (SCHEDULABLE_WORK_ORDER_STATUSES as readonly string[]).includes(status);

/** What a run keeps of its solution. */
export type StoredSolution = Pick<Solution, 'assignments' | 'unassigned' | 'analysis'> & {
  churn?: Solution['churn'];
  /** Work-order id → the working minutes the run planned (runs stored before it: the work order's own). */
  plannedMinutes?: Record<string, number>;
};
export type PublishConflict = PublishResult['conflicts'][number];

/** A work order the publish changes: booked as `assignment`, or given up (back to OPEN) when null. */
export interface Move {
  current: WorkOrderRow;
  assignment: Assignment | null;
}

/**
 * A change refused while it was applied, after every check passed: the publish is rolled back
 * and made again with this work order left as it is, since the others were checked on the
 * assumption that it moves.
 */
export class ProposalRefused extends Error {
  constructor(readonly conflict: PublishConflict) {
    super(conflict.reason);
  }
}

/** Publishing a run's proposal (ScheduleRunsService.publish): the checks, and the changes in one transaction. */
@Injectable()
export class SchedulePublisher {
  constructor(
    private readonly database: Database,
    private readonly workOrders: WorkOrdersRepository,
    private readonly assignments: WorkOrdersService,
    private readonly calendars: PmForecastRepository,
    private readonly equipment: EquipmentRepository,
  ) {}

  /** See ScheduleRunsService.publish. */
  async publish(principal: Principal, runId: string): Promise<PublishResult> {
    // A change refused while applied undoes the whole publish, which is made again without it.
    const refused = new Map<string, PublishConflict>();
    for (;;) {
      try {
        return await this.database.transaction(() => this.publishOnce(principal, runId, refused));
      } catch (error) {
        if (!(error instanceof ProposalRefused) || refused.has(error.conflict.workOrderId)) throw error;
        refused.set(error.conflict.workOrderId, error.conflict);
      }
    }
  }

  /** One attempt at publishing, leaving the `refused` work orders as they are. */
  private async publishOnce(principal: Principal, runId: string, refused: ReadonlyMap<string, PublishConflict>): Promise<PublishResult> {
    const [row] = await this.database.executor
      .select()
      .from(scheduleRuns)
      .where(and(eq(scheduleRuns.organizationId, principal.organizationId), eq(scheduleRuns.id, runId)))
      .for('update');
    if (!row) throw AppError.notFound('Schedule run');
    if (row.status === 'SOLVING') throw new AppError(ErrorCode.Conflict, 'The run is still solving: stop it or wait until it is done');
    // A failed run has nothing to publish, even a best-so-far: it may not have reached all the work.
    if (row.status === 'FAILED')
      throw new AppError(ErrorCode.Conflict, `The run failed (${row.error ?? 'no reason given'}): nothing to publish`);
    if (!row.solution) throw new AppError(ErrorCode.Conflict, 'The run has no solution: nothing to publish');
    if (row.publishedAt) throw new AppError(ErrorCode.Conflict, `This run was already published at ${row.publishedAt.toISOString()}`);
    const solution = row.solution as unknown as StoredSolution;
    const result: PublishResult = { published: 0, unchanged: 0, unscheduled: 0, conflicts: [] };
    const proposals = new Map<string, Assignment | null>();
    for (const assignment of solution.assignments) proposals.set(assignment.jobId, assignment);
    for (const entry of solution.unassigned) proposals.set(entry.jobId, null);
    const undecided = new Set(solution.unassigned.filter((entry) => leftUndecided(entry.reasons)).map((entry) => entry.jobId));
    const heldReasons = new Map(
      solution.unassigned.filter((entry) => heldBack(entry.reasons)).map((entry) => [entry.jobId, entry.reasons.join('; ')]),
    );

    // Which proposals still apply to the work as it is now.
    const moving = new Map<string, Move>();
    const now = Date.now();
    for (const id of [...proposals.keys()].sort()) {
      const assignment = proposals.get(id) ?? null;
      const current = await this.workOrders.find(principal.organizationId, id, { lock: true });
      // Unassigned work that was never booked, or is gone or finished, has nothing to give up.
      if (!assignment && (!current || !current.scheduledStartTime || !schedulable(current.status))) continue;
      const refusal = refused.get(id);
      if (refusal) {
        result.conflicts.push(refusal);
        continue;
      }
      if (!current) {
        result.conflicts.push({ workOrderId: id, reason: 'deleted since the run started' });
        continue;
      }
      if (current.version !== row.baseline[id]) {
        result.conflicts.push({ workOrderId: current.id, reason: 'changed since the run started', status: current.status });
        continue;
      }
      if (current.status === 'IN_PROGRESS') {
        // Pinned: it stays as it is, like work proposed where it is booked.
        if (assignment) result.unchanged++;
        continue;
      }
      if (!schedulable(current.status)) {
        result.conflicts.push({
          workOrderId: current.id,
          reason: `a ${current.status} work order cannot be scheduled`,
          status: current.status,
        });
        continue;
      }
      if (!assignment && undecided.has(id)) {
        result.conflicts.push({
          workOrderId: current.id,
          reason: 'the run ended before deciding about it: left where it is',
          status: current.status,
        });
        continue;
      }
      // Held back by a predecessor outside the run: the run had no say about its booking.
      const waiting = !assignment && heldReasons.get(id);
      if (waiting) {
        result.conflicts.push({ workOrderId: current.id, reason: `it ${waiting}: left where it is`, status: current.status });
        continue;
      }
      // The run planned its range only: finding no room there says nothing against a booking
      // elsewhere (work selected by hand may be booked on another week).
      if (!assignment && bookedOutside(current, row.rangeStart, row.rangeEnd)) {
        result.conflicts.push({
          workOrderId: current.id,
          reason: "no room in the run's range, and booked outside it: left where it is",
          status: current.status,
        });
        continue;
      }
      if (assignment && isBookedAs(current, assignment)) {
        result.unchanged++;
        continue;
      }
      // An old run's proposal for a time already gone is no plan any more.
      if (assignment && assignment.start < now) {
        result.conflicts.push({ workOrderId: current.id, reason: 'the proposed start has passed', status: current.status });
        continue;
      }
      moving.set(id, { current, assignment });
    }

    // Each assignment locks its crew; taking them all now, in id order, keeps two publishes over
    // the same people from each holding one the other waits for. Locked, they stay as checked.
    const people = new Map<string, TechnicianRow>();
    const wanted = new Set([...moving.values()].flatMap(({ assignment }) => assignment?.technicianIds ?? []));
    for (const technicianId of [...wanted].sort()) {
      const person = await this.workOrders.lockTechnician(principal.organizationId, technicianId);
      if (person) people.set(technicianId, person);
    }
    // Then their machines, in id order, as /assign locks a work order's equipment after its people.
    const machines = new Set(
      [...moving.values()].flatMap(({ current, assignment }) => (assignment && current.equipmentId ? [current.equipmentId] : [])),
    );
    for (const equipmentId of [...machines].sort()) await this.workOrders.lockEquipment(principal.organizationId, equipmentId);
    // Then their conflict groups, by name, as /assign locks them after the equipment.
    const groups = [...new Set([...moving.values()].flatMap(({ current, assignment }) => (assignment ? current.conflictGroups : [])))];
    await this.assignments.lockGroups(principal.organizationId, groups);
    for (const [id, { current, assignment }] of moving) {
      const reason = assignment && crewRefusal(current, assignment, people);
      if (!reason) continue;
      result.conflicts.push({ workOrderId: id, reason, status: current.status });
      moving.delete(id);
    }

    // Calendars as they are now: leave entered since the run started is not booked over.
    const placing = () => [...moving.values()].flatMap(({ assignment }) => (assignment ? [assignment] : []));
    const beforeLeave = placing();
    if (beforeLeave.length > 0) {
      const calendars = await this.calendars.technicianCalendars(
        principal.organizationId,
        new Date(Math.min(...beforeLeave.map((assignment) => assignment.start))),
        new Date(Math.max(...beforeLeave.map((assignment) => assignment.end))),
        [...people.keys()],
      );
      // The windows of the machines downtime work goes on, read once they are locked.
      const windows = new Map<string, MaintenanceWindows | null>();
      for (const { current, assignment } of moving.values()) {
        if (!assignment || !current.requiresDowntime || windows.has(current.equipmentId)) continue;
        windows.set(
          current.equipmentId,
          (await this.equipment.find(principal.organizationId, current.equipmentId))?.maintenanceWindows ?? null,
        );
      }
      result.conflicts.push(...dropShortOfHours(moving, calendars, people, solution.plannedMinutes ?? {}, windows));
    }

    // Overlaps, against the schedule as it will be: everything booked on these people (lead or
    // crew), on the proposals' equipment (whoever does it) or in their conflict groups over their
    // span, read once, less what moves.
    const proposed = placing();
    const booked: WorkOrderRow[] = [];
    if (proposed.length > 0) {
      const from = new Date(Math.min(...proposed.map((assignment) => assignment.start)));
      const to = new Date(Math.max(...proposed.map((assignment) => assignment.end)));
      const seen = new Set<string>();
      for (const row of [
        ...(await this.workOrders.findBooked(principal.organizationId, [...wanted], from, to)),
        ...(await this.workOrders.findBookedOnEquipment(principal.organizationId, [...machines], from, to, MAX_HELD)),
        ...(await this.workOrders.findBookedInGroups(principal.organizationId, groups, from, to, MAX_HELD)),
      ]) {
        if (!seen.has(row.id)) booked.push(row);
        seen.add(row.id);
      }
    }
    // Order, against the schedule as it will be: the work the moving work waits for, and the
    // work waiting for it, where it is now or where this publish puts it. Read under the
    // organization's precedence lock, as /assign reads them.
    await this.database.lockForTransaction(precedenceLock(principal.organizationId));
    const waitedFor = [...new Set([...moving.values()].flatMap(({ current, assignment }) => (assignment ? current.predecessorIds : [])))];
    const related = [
      ...(await this.workOrders.findMany(principal.organizationId, waitedFor)),
      ...(await this.workOrders.findSuccessorsOf(principal.organizationId, [...moving.keys()])),
    ];
    // Work dropped for its order stays where it is, which may overlap a proposal kept before:
    // again until neither check drops anything.
    for (;;) {
      result.conflicts.push(...dropOverlapping(moving, booked));
      const outOfOrder = dropOutOfOrder(moving, related);
      result.conflicts.push(...outOfOrder);
      if (outOfOrder.length === 0) break;
    }

    const note = `published from schedule run ${runId}`;
    for (const [id, { current, assignment }] of moving) {
      try {
        if (!assignment) {
          await this.assignments.changeStatus(principal, id, { status: 'OPEN', note: `${note}: no room in the plan` }, [current.version], {
            orderChecked: true,
          });
          result.unscheduled++;
          continue;
        }
        // The same assignment a planner makes by hand (history, events, notifications), over the
        // version read when the run started; skills, people and overlaps were checked above
        // against the schedule as it will be. The solver lists a crew in its own order: whoever
        // leads it now keeps leading it.
        const [lead, ...crew] =
          current.technicianId && assignment.technicianIds.includes(current.technicianId)
            ? [current.technicianId, ...assignment.technicianIds.filter((technicianId) => technicianId !== current.technicianId)]
            : assignment.technicianIds;
        await this.assignments.assign(
          principal,
          id,
          {
            technicianId: lead!,
            crewTechnicianIds: crew,
            scheduledStartTime: iso(new Date(assignment.start)),
            scheduledEndTime: iso(new Date(assignment.end)),
            force: true,
          },
          [current.version],
          note,
        );
        result.published++;
      } catch (error) {
        if (!(error instanceof AppError) || problemFor(error.code).status >= 500) throw error;
        // What was checked against this change moving no longer holds: undone, and made again without it.
        throw new ProposalRefused({ workOrderId: id, reason: error.message, status: current.status });
      }
    }
    await this.database.executor
      .update(scheduleRuns)
      .set({ publishedAt: new Date(), updatedAt: new Date() })
      .where(eq(scheduleRuns.id, runId));
    return result;
  }
}

/** Whether the work is booked wholly before or wholly after the range (half-open). */
function bookedOutside(current: WorkOrderRow, rangeStart: Date, rangeEnd: Date): boolean {
  const { scheduledStartTime: start, scheduledEndTime: end } = current;
  return start !== null && end !== null && (end <= rangeStart || start >= rangeEnd);
}

/**
 * Whether the run left the work unassigned only because its search ended first (time limit,
 * stop): no verdict that the plan has no room for it, so its booking is not given up.
 */
export function leftUndecided(reasons: readonly string[]): boolean {
  return reasons.some((reason) => UNDECIDED_REASONS.includes(reason));
}

/** Booked as proposed: the same people (whoever leads) at the same time. */
export function isBookedAs(current: WorkOrderRow, assignment: Assignment): boolean {
  const booked = bookedTechnicians(current);
  return (
    booked.length === assignment.technicianIds.length &&
    assignment.technicianIds.every((technicianId) => booked.includes(technicianId)) &&
    current.scheduledStartTime?.getTime() === assignment.start &&
    current.scheduledEndTime?.getTime() === assignment.end
  );
}

/**
 * Why the proposed people cannot take the work now, or null: one is gone, inactive, or lacks a
 * skill it needs (changed since the run started; the work order itself is unchanged).
 */
export function crewRefusal(current: WorkOrderRow, assignment: Assignment, people: ReadonlyMap<string, TechnicianRow>): string | null {
  const crew = assignment.technicianIds.map((technicianId) => people.get(technicianId));
  if (crew.some((person) => !person)) return 'a proposed technician is no longer one of your organization';
  const present = crew as TechnicianRow[];
  const inactive = present.filter((person) => !person.active);
  if (inactive.length > 0) return `${inactive.map(fullName).join(', ')} ${inactive.length > 1 ? 'are' : 'is'} not active`;
  const gaps = present
    .map((person) => assignmentConflicts(current.requiredSkills, person.skills, []).describe(fullName(person)))
    .filter((gap) => gap !== '');
  return gaps.length > 0 ? gaps.join('; ') : null;
}

/** At most this many bookings on the proposals' equipment are read (as the problem builder reads). */
const MAX_HELD = 20_000;

/**
 * Takes out of `moving` every proposal that would double-book one of its people, its
 * equipment or one of its conflict groups, and answers the conflicts. A proposal may not overlap work that stays where it is
 * (`booked`, read over the proposals' people, equipment and span, that does not move) nor a
 * proposal kept before it (in `moving`'s order). A proposal taken out leaves its work order where
 * it is, which may overlap another in turn: so again until nothing more drops out.
 */
export function dropOverlapping(moving: Map<string, Move>, booked: readonly WorkOrderRow[]): PublishConflict[] {
  const conflicts: PublishConflict[] = [];
  type Holding = { row: WorkOrderRow; technicianIds: readonly string[]; start: number; end: number; segments?: Interval[] };
  // What holds a machine or a group: the time worked, where the plan says (a proposal's segments:
  // work longer than a shift leaves the machine free overnight, as the optimizer plans it), else
  // the whole booking.
  const worked = (holding: { start: number; end: number; segments?: Interval[] }): Interval[] =>
    holding.segments && holding.segments.length > 0 ? holding.segments : [holding];
  const meet = (a: readonly Interval[], b: readonly Interval[]) => a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
  for (let dropped = true; dropped;) {
    dropped = false;
    const kept: Move[] = [];
    for (const [id, move] of moving) {
      const { current, assignment } = move;
      if (!assignment) continue;
      const others: Holding[] = [
        ...booked
          .filter((other) => other.id !== id && !moving.has(other.id))
          .map((row) => ({
            row,
            technicianIds: bookedTechnicians(row),
            start: row.scheduledStartTime!.getTime(),
            end: row.scheduledEndTime!.getTime(),
          })),
        ...kept.map((other) => ({ row: other.current, ...other.assignment! })),
      ].filter((other) => other.start < assignment.end && other.end > assignment.start);
      const people = others.filter((other) => other.technicianIds.some((technicianId) => assignment.technicianIds.includes(technicianId)));
      const mine = worked(assignment);
      const machine = others.filter(
        (other) =>
          !people.includes(other) &&
          current.equipmentId !== null &&
          other.row.equipmentId === current.equipmentId &&
          meet(worked(other), mine),
      );
      const sharing = others.filter(
        (other) =>
          !people.includes(other) &&
          !machine.includes(other) &&
          other.row.conflictGroups.some((group) => current.conflictGroups.includes(group)) &&
          meet(worked(other), mine),
      );
      if (people.length === 0 && machine.length === 0 && sharing.length === 0) {
        kept.push(move);
        continue;
      }
      const numbers = (holding: Holding[]) => holding.map((other) => other.row.workOrderNumber).join(', ');
      const reasons = [
        people.length > 0 &&
          `would overlap ${numbers(people)}, booked on the same ${assignment.technicianIds.length > 1 ? 'people' : 'technician'}`,
        machine.length > 0 && `would overlap ${numbers(machine)}, booked on the same equipment`,
        sharing.length > 0 && `would overlap ${numbers(sharing)}, which share(s) a conflict group with it`,
      ];
      conflicts.push({ workOrderId: id, reason: reasons.filter(Boolean).join('; '), status: current.status });
      moving.delete(id);
      dropped = true;
    }
  }
  return conflicts;
}

/**
 * Takes out of `moving` every proposal that would start before work it waits for is booked to
 * end (or while that work is neither booked nor done), or end after work waiting for it is booked
 * to start, and every unbooking that booked work staying where it is still waits for; answers
 * the conflicts. `related` holds the rows of those other work orders; where one moves too, its
 * proposal counts. Again until nothing more drops out, as with overlaps.
 */
export function dropOutOfOrder(moving: Map<string, Move>, related: readonly WorkOrderRow[]): PublishConflict[] {
  const conflicts: PublishConflict[] = [];
  const rows = new Map(related.map((row) => [row.id, row]));
  /** Where another work order will be: its proposal if it moves, else its booking (null: none). */
  const span = (row: WorkOrderRow): { start: number; end: number } | null => {
    const move = moving.get(row.id);
    if (move) return move.assignment ? { start: move.assignment.start, end: move.assignment.end } : null;
    return row.scheduledStartTime && row.scheduledEndTime
      ? { start: row.scheduledStartTime.getTime(), end: row.scheduledEndTime.getTime() }
      : null;
  };
  for (let dropped = true; dropped;) {
    dropped = false;
    for (const [id, { current, assignment }] of moving) {
      if (!assignment) {
        // Given up: nothing booked may be left waiting for it.
        const waiting = related.filter((row) => row.predecessorIds.includes(id) && !moving.has(row.id) && waitsBooked(row));
        if (waiting.length === 0) continue;
        conflicts.push({
          workOrderId: id,
          reason: `${waiting.map((row) => row.workOrderNumber).join(', ')} wait(s) for it and stay(s) booked: left where it is`,
          status: current.status,
        });
        moving.delete(id);
        dropped = true;
        continue;
      }
      const before = current.predecessorIds
        .map((predecessorId) => rows.get(predecessorId))
        .filter((row): row is WorkOrderRow => row !== undefined && isUndone(row.status))
        .filter((row) => {
          const booked = span(row);
          return booked === null || booked.end > assignment.start;
        });
      const after = related
        .filter((row) => row.predecessorIds.includes(id) && isUndone(row.status))
        .filter((row) => {
          const booked = span(row);
          return booked !== null && booked.start < assignment.end;
        });
      if (before.length === 0 && after.length === 0) continue;
      const numbers = (list: WorkOrderRow[]) => list.map((row) => row.workOrderNumber).join(', ');
      const reasons = [
        before.length > 0 && `would start before ${numbers(before)}, which it waits for, is done`,
        after.length > 0 && `would end after ${numbers(after)}, which wait(s) for it, start(s)`,
      ];
      conflicts.push({ workOrderId: id, reason: reasons.filter(Boolean).join('; '), status: current.status });
      moving.delete(id);
      dropped = true;
    }
  }
  return conflicts;
}

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;
