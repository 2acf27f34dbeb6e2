import type {
  AssignWorkOrder,
  ChangeWorkOrderStatus,
  MaintenanceWindows,
  CreateWorkOrder,
  UpdateWorkOrder,
  WorkOrder,
  WorkOrderStatus,
} from '@msched/contracts';
import { BOOKED_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { bookedTechnicians, effectiveRoles } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, changesNothing, comparable, sameValue } from '../../platform/http/concurrency';
import { dateOrNull, definedOnly } from '../../platform/http/mapping';
import { EquipmentRepository } from '../equipment/equipment.repository';
import { WorkOrderAccess } from './work-order-access';
import { WorkOrderDetailsRepository } from './work-order-details.repository';
import { minutesInProgress, planTransition } from './work-order-lifecycle';
import { toWorkOrder } from './work-order.mapper';
import { WorkOrderPartsService } from './work-order-parts.service';
import type { TechnicianRow } from '../technicians/technicians.repository';
import { type NewWorkOrder, type WorkOrderRow, WorkOrdersRepository } from './work-orders.repository';
import { type Overlap, type SkillGap, assignmentConflicts, toOverlap } from './assignment-conflicts';
import { lostRace } from './concurrent-edit';
import { WorkOrderEvents } from './work-order-events';
import { formatWorkOrderNumber } from './work-order-number';
import { PmGenerator } from '../pm-plans/pm-generator';
import { WorkOrderPrecedence, describePrecedence } from './work-order-precedence';
import { availableIntervals, downtimeMinutesShort, intersectIntervals } from '../technicians/availability-calendar';
import { PmForecastRepository } from '../pm-plans/pm-forecast.repository';
import type { Interval } from '../../platform/time/zoned-clock';

const ASSIGNABLE_FROM: readonly WorkOrderStatus[] = ['OPEN', 'SCHEDULED', 'ON_HOLD'];
/** Done with, for PM plans: a target waiting for the work order stops waiting. */
const FINISHED: readonly WorkOrderStatus[] = ['COMPLETED', 'CLOSED', 'CANCELLED'];
const EDITABLE_FIELDS = [
  'title',
  'description',
  'type',
  'priority',
  'equipmentId',
  'dueDate',
  'estimatedDuration',
  'requiredSkills',
  'crewSize',
  'predecessorIds',
  'conflictGroups',
  'requiresDowntime',
] as const;

/** At most this many pieces of work holding the equipment are named in a conflict. */
const MAX_NAMED = 50;

@Injectable()
export class WorkOrdersService {
  constructor(
    private readonly database: Database,
    private readonly workOrders: WorkOrdersRepository,
    private readonly details: WorkOrderDetailsRepository,
    private readonly equipment: EquipmentRepository,
    private readonly access: WorkOrderAccess,
    private readonly parts: WorkOrderPartsService,
    private readonly events: WorkOrderEvents,
    private readonly pm: PmGenerator,
    private readonly precedence: WorkOrderPrecedence,
    private readonly calendars: PmForecastRepository,
  ) {}

  async create(principal: Principal, input: CreateWorkOrder): Promise<WorkOrder> {
    await this.assertEquipment(principal, input.equipmentId);
    const row = await this.database.transaction(async () => {
      const predecessorIds = await this.precedence.checkedPredecessors(principal, null, input.predecessorIds ?? []);
      const number = await this.workOrders.nextNumber(principal.organizationId);
      const created = await this.workOrders.insert({
        organizationId: principal.organizationId,
        number,
        workOrderNumber: formatWorkOrderNumber(number),
        title: input.title,
        description: input.description ?? null,
        type: input.type,
        priority: input.priority,
        equipmentId: input.equipmentId,
        dueDate: dateOrNull(input.dueDate),
        estimatedDuration: input.estimatedDuration ?? null,
        requiredSkills: input.requiredSkills ?? [],
        crewSize: input.crewSize ?? 1,
        predecessorIds,
        conflictGroups: input.conflictGroups ?? [],
        requiresDowntime: input.requiresDowntime ?? false,
        requesterId: principal.userId,
      });
      await this.details.appendTasks(
        principal.organizationId,
        created.id,
        (input.tasks ?? []).map((task) => ({
          title: task.title,
          description: task.description ?? null,
          estimatedDuration: task.estimatedDuration ?? null,
        })),
      );
      await this.details.recordHistory([
        {
          organizationId: principal.organizationId,
          workOrderId: created.id,
          kind: 'status',
          fromStatus: null,
          toStatus: 'OPEN',
          note: 'created',
          userId: principal.userId,
        },
      ]);
      await this.events.created(principal.organizationId, created);
      return created;
    });
    return toWorkOrder(row, principal);
  }

  async update(principal: Principal, id: string, input: UpdateWorkOrder, expectedVersion?: number | readonly number[]): Promise<WorkOrder> {
    const row = await this.database.transaction(async () => {
      // Locked first: the precedence lock comes after the row, as in /assign.
      const current = await this.access.requireVisible(principal, id, { lock: true });
      assertVersion(expectedVersion, current.version, 'This work order');
      if (['COMPLETED', 'CLOSED', 'CANCELLED'].includes(current.status)) {
        throw new AppError(ErrorCode.Conflict, `A ${current.status} work order cannot be edited (reopen it first)`);
      }
      // Moving it is checked; equipment retired since it was created may stay on it.
      if (input.equipmentId !== undefined && input.equipmentId.toLowerCase() !== current.equipmentId)
        await this.assertEquipment(principal, input.equipmentId);
      const changes: Partial<NewWorkOrder> = definedOnly({
        ...input,
        dueDate: input.dueDate === undefined ? undefined : dateOrNull(input.dueDate),
      });
      if (changesNothing(current, changes)) return current;
      // Booked work is checked as /assign checks it: its people, machines and groups locked
      // first, then (with the order of work) the precedence lock.
      const people = await this.lockBooking(principal, current, changes);
      if (input.predecessorIds !== undefined && !sameIds(input.predecessorIds, current.predecessorIds))
        changes.predecessorIds = await this.precedence.checkedPredecessors(principal, current, input.predecessorIds);
      if (changesNothing(current, changes)) return current;
      if (people) await this.assertStillBookable(principal, current, changes, people);
      const updated = await this.workOrders.update(principal.organizationId, id, current.version, changes);
      if (!updated) throw lostRace('This work order', expectedVersion);
      const diff = fieldChanges(current, updated);
      if (Object.keys(diff).length > 0) {
        await this.details.recordHistory([
          { organizationId: principal.organizationId, workOrderId: id, kind: 'change', changes: diff, userId: principal.userId },
        ]);
      }
      await this.events.updated(principal, updated, Object.keys(diff), current);
      return updated;
    });
    return toWorkOrder(row, principal);
  }

  /**
   * A booked work order (SCHEDULED, IN_PROGRESS or ON_HOLD) whose edit changes what its booking is
   * checked against (skills, equipment, estimate, conflict groups, predecessors, downtime) must
   * not come into a conflict it was not in already: 409 naming it, as /assign would (move or
   * unbook it first). Conflicts it had before (a booking forced over them) do not stop other
   * edits. This locks what the check reads and answers the booked people; null when there is
   * nothing to check.
   */
  private async lockBooking(principal: Principal, current: WorkOrderRow, changes: Partial<NewWorkOrder>): Promise<TechnicianRow[] | null> {
    if (
      !BOOKED_WORK_ORDER_STATUSES.includes(current.status) ||
      !current.technicianId ||
      !current.scheduledStartTime ||
      !current.scheduledEndTime
    )
      return null;
    const checked = ['requiredSkills', 'equipmentId', 'estimatedDuration', 'conflictGroups', 'predecessorIds', 'requiresDowntime'] as const;
    if (!checked.some((field) => changes[field] !== undefined && !sameValue(current[field], changes[field]))) return null;
    // The lock order of /assign: people (by id), machines (by id), groups (by name).
    const people = await this.lockPeople(principal, current);
    const equipmentIds = [...new Set([current.equipmentId, changes.equipmentId ?? current.equipmentId])].sort();
    for (const equipmentId of equipmentIds) await this.workOrders.lockEquipment(principal.organizationId, equipmentId);
    await this.lockGroups(principal.organizationId, [...current.conflictGroups, ...(changes.conflictGroups ?? [])]);
    return people;
  }

  /** See lockBooking: the checks, once its locks are held. */
  private async assertStillBookable(
    principal: Principal,
    current: WorkOrderRow,
    changes: Partial<NewWorkOrder>,
    people: readonly TechnicianRow[],
  ): Promise<void> {
    const next = { ...current, ...changes } as WorkOrderRow;
    const start = current.scheduledStartTime!;
    const end = current.scheduledEndTime!;
    // Work under way no longer waits for anything: its predecessors are not asked about.
    const check = { started: current.actualStartTime !== null };
    const before = new Set((await this.crewConflicts(principal, current, people, start, end, check)).summary.split('; '));
    const after = await this.crewConflicts(principal, next, people, start, end, check);
    const added = after.summary.split('; ').filter((part) => part !== '' && !before.has(part));
    if (added.length > 0)
      throw new AppError(
        ErrorCode.ScheduleConflict,
        `The change would bring its booking into conflict: ${added.join('; ')}. Move or unbook it first`,
        {
          extensions: { conflicts: conflictDetails(after) },
        },
      );
  }

  /**
   * Done work (PENDING_APPROVAL, COMPLETED) taken back into progress holds its booking again: its
   * people, machine and groups over its booked time. 409 if other work has been booked there
   * since, or work waiting for it is booked to start before it ends (move that work first). What
   * only mattered before it started (skills, predecessors, windows) is not asked again: nothing
   * but a new booking could mend it, and done work cannot be booked.
   */
  private async assertBookingHolds(principal: Principal, current: WorkOrderRow): Promise<void> {
    const { scheduledStartTime: start, scheduledEndTime: end } = current;
    if (!start || !end) return;
    const people = await this.lockPeople(principal, current);
    const conflicts = await this.crewConflicts(principal, current, people, start, end, { started: true, holdsOnly: true });
    if (conflicts.any)
      throw new AppError(
        ErrorCode.ScheduleConflict,
        `Back in progress, its booking would be in conflict: ${conflicts.summary}. Move that work first`,
        {
          extensions: { conflicts: conflictDetails(conflicts) },
        },
      );
  }

  /**
   * Booked downtime work on this equipment, not started and not over, that these maintenance
   * windows would no longer hold (see downtimeMinutesShort), with the minutes each lacks: asked
   * before the equipment's windows change, by a caller holding the equipment's row lock (which
   * every booking on it takes, so none is made meanwhile). Work already over is history. At most
   * MAX_NAMED are named.
   */
  async downtimeOutside(
    principal: Principal,
    equipmentId: string,
    windows: MaintenanceWindows | null,
  ): Promise<{ workOrderId: string; workOrderNumber: string; minutesShort: number }[]> {
    const booked = await this.workOrders.findBookedDowntime(principal.organizationId, equipmentId, new Date());
    const outside: { workOrderId: string; workOrderNumber: string; minutesShort: number }[] = [];
    for (const row of booked) {
      if (outside.length === MAX_NAMED) break;
      const span = { start: row.scheduledStartTime!, end: row.scheduledEndTime! };
      const crewTime = await this.workedWithin(principal.organizationId, [...bookedTechnicians(row)], span.start, span.end);
      const minutesShort = downtimeMinutesShort(windows, crewTime, span, row.estimatedDuration);
      if (minutesShort > 0) outside.push({ workOrderId: row.id, workOrderNumber: row.workOrderNumber, minutesShort });
    }
    return outside;
  }

  /** Locks the booked technician and crew, in id order (as /assign does), and answers them. */
  private async lockPeople(principal: Principal, current: WorkOrderRow): Promise<TechnicianRow[]> {
    const people: TechnicianRow[] = [];
    for (const technicianId of [...bookedTechnicians(current)].sort()) {
      const person = await this.workOrders.lockTechnician(principal.organizationId, technicianId);
      if (person) people.push(person);
    }
    return people;
  }

  /**
   * Only work that never started (OPEN) or was called off (CANCELLED) may go; it is kept as
   * deleted. Locked first, as a part reservation locks it: a reservation made at the same moment
   * is either in before the delete (and released by it) or refused after it.
   */
  async remove(principal: Principal, id: string, expectedVersion?: number | readonly number[]): Promise<void> {
    await this.database.transaction(async () => {
      const current = await this.access.requireVisible(principal, id, { lock: true });
      assertVersion(expectedVersion, current.version, 'This work order');
      if (current.status !== 'OPEN' && current.status !== 'CANCELLED') {
        throw new AppError(
          ErrorCode.Conflict,
          `Only OPEN or CANCELLED work orders can be deleted; this one is ${current.status} (cancel it first)`,
        );
      }
      // Parts issued to it left the stores: deleting it would lose where they went (and their cost).
      const issued = (await this.details.partLinesOf([id])).filter((line) => line.status === 'ISSUED').length;
      if (issued > 0) {
        throw new AppError(
          ErrorCode.InUse,
          `${issued} part line(s) are ISSUED to this work order: return them to stock first (PATCH /work-orders/{id}/parts/{lineId} with status RETURNED${current.status === 'CANCELLED' ? ', after reopening it' : ''}), or keep it cancelled`,
        );
      }
      const deleted = await this.workOrders.update(principal.organizationId, id, current.version, { deletedAt: new Date() });
      if (!deleted) throw lostRace('This work order', expectedVersion);
      // The lock order of every writer: work order, PM target, parts, organization row (events).
      await this.pm.onWorkOrderFinished(deleted);
      await this.parts.releaseReservations(principal, current);
      await this.events.deleted(principal, deleted);
    });
  }

  /** `note` goes on the change in the history (e.g. which schedule run published it). */
  async assign(
    principal: Principal,
    id: string,
    input: AssignWorkOrder,
    expectedVersion?: number | readonly number[],
    note?: string,
  ): Promise<WorkOrder> {
    const start = new Date(input.scheduledStartTime);
    const end = new Date(input.scheduledEndTime);
    const row = await this.database.transaction(async () => {
      // The work order first, then the people: the order a publish locks them in.
      const current = await this.access.requireVisible(principal, id, { lock: true });
      assertVersion(expectedVersion, current.version, 'This work order');
      if (!ASSIGNABLE_FROM.includes(current.status)) {
        throw new AppError(ErrorCode.TransitionNotAllowed, `A work order in ${current.status} cannot be (re)scheduled`, {
          allowedNextStates: toWorkOrder(current, principal).allowedNextStates,
        });
      }
      // UUIDs in one spelling (PostgreSQL's), so the technician is never also a crew member.
      const lead = input.technicianId.toLowerCase();
      const crewIds = [...new Set((input.crewTechnicianIds ?? current.crewTechnicianIds).map((member) => member.toLowerCase()))].filter(
        (member) => member !== lead,
      );
      // Everyone booked is locked, in id order, so two planners booking the same people are
      // checked one after the other and never wait on each other in a cycle.
      const people = new Map<string, TechnicianRow>();
      for (const technicianId of [lead, ...crewIds].sort()) {
        const person = await this.workOrders.lockTechnician(principal.organizationId, technicianId);
        if (!person) {
          const index = crewIds.indexOf(technicianId);
          throw AppError.validation([
            { path: index < 0 ? 'technicianId' : `crewTechnicianIds.${index}`, message: 'no such technician in your organization' },
          ]);
        }
        people.set(technicianId, person);
      }
      const technician = people.get(lead)!;
      const crew = crewIds.map((member) => people.get(member)!);
      const inactive = [technician, ...crew].filter((person) => !person.active);
      if (inactive.length > 0)
        throw new AppError(
          ErrorCode.ScheduleConflict,
          `${inactive.map(fullName).join(', ')} ${inactive.length > 1 ? 'are' : 'is'} not active`,
        );
      const conflicts = await this.crewConflicts(principal, current, [technician, ...crew], start, end);
      if (!input.force && conflicts.any) {
        throw new AppError(ErrorCode.ScheduleConflict, `${conflicts.summary}; send force: true to assign anyway`, {
          extensions: { conflicts: conflictDetails(conflicts) },
        });
      }
      const updated = await this.workOrders.update(principal.organizationId, id, current.version, {
        technicianId: technician.id,
        crewTechnicianIds: crewIds,
        scheduledStartTime: start,
        scheduledEndTime: end,
        status: 'SCHEDULED',
      });
      if (!updated) throw lostRace('This work order', expectedVersion);
      await this.details.recordHistory([
        ...(current.status !== 'SCHEDULED'
          ? [
              {
                organizationId: principal.organizationId,
                workOrderId: id,
                kind: 'status' as const,
                fromStatus: current.status,
                toStatus: 'SCHEDULED' as const,
                userId: principal.userId,
              },
            ]
          : []),
        {
          organizationId: principal.organizationId,
          workOrderId: id,
          kind: 'change',
          changes: fieldChanges(current, updated, ['technicianId', 'crewTechnicianIds', 'scheduledStartTime', 'scheduledEndTime']),
          note: [input.force && conflicts.any ? `assigned despite: ${conflicts.summary}` : null, note].filter(Boolean).join('; ') || null,
          userId: principal.userId,
        },
      ]);
      await this.events.assigned(principal, current, updated, fullName(technician));
      return updated;
    });
    return toWorkOrder(row, principal);
  }

  /**
   * What speaks against booking these people on the work order for this time: each one's skill
   * gaps (every crew member needs the required skills, as the optimizer asks) and other work
   * that books them then (entries name the technician they are about), and other work booked
   * on its equipment then, whoever does it (a machine is worked on by one job at a time, as the
   * optimizer plans), and other booked work sharing one of its conflict groups then, and work
   * it would put out of order (a predecessor not done by its start, a successor starting before
   * its end). The equipment is locked after the people, and its groups after the equipment (by
   * name), as a publish locks them. `started`: work under way waits for nothing any more (its
   * predecessors are not asked about); `holdsOnly`: only what the booking holds against other
   * work (people, machine, groups, work waiting for it), not skills or windows.
   */
  private async crewConflicts(
    principal: Principal,
    current: WorkOrderRow,
    people: readonly TechnicianRow[],
    start: Date,
    end: Date,
    { started = false, holdsOnly = false }: { started?: boolean; holdsOnly?: boolean } = {},
  ) {
    const skills: (SkillGap & { technicianId: string })[] = [];
    const overlaps: (Overlap & { technicianId: string })[] = [];
    const summaries: string[] = [];
    for (const person of people) {
      const overlapping = await this.workOrders.findOverlapping(person.id, start, end, current.id);
      const found = assignmentConflicts(holdsOnly ? [] : current.requiredSkills, person.skills, overlapping);
      if (found.skills.length === 0 && found.overlaps.length === 0) continue;
      skills.push(...found.skills.map((gap) => ({ ...gap, technicianId: person.id })));
      overlaps.push(...found.overlaps.map((overlap) => ({ ...overlap, technicianId: person.id })));
      summaries.push(found.describe(fullName(person)));
    }
    // Read once each, and only when a check needs them: the machine, and the time this booking's crew works.
    let machineRead: ReturnType<EquipmentRepository['find']> | undefined;
    const machineOf = () => (machineRead ??= this.equipment.find(principal.organizationId, current.equipmentId));
    let workedRead: Promise<Interval[]> | undefined;
    const worked = () =>
      (workedRead ??= this.workedWithin(
        principal.organizationId,
        people.map((person) => person.id),
        start,
        end,
      ));
    let equipmentOverlaps: Overlap[] = [];
    if (current.equipmentId) {
      await this.workOrders.lockEquipment(principal.organizationId, current.equipmentId);
      const onMachine = await this.workOrders.findBookedOnEquipment(principal.organizationId, [current.equipmentId], start, end, MAX_NAMED);
      // Work already named as overlapping one of the people is not named twice.
      const named = new Set(overlaps.map((overlap) => overlap.workOrderId));
      equipmentOverlaps = (
        await this.workedAtOnce(
          principal,
          onMachine.filter((row) => row.id !== current.id && !named.has(row.id)),
          worked,
        )
      ).map(toOverlap);
      if (equipmentOverlaps.length > 0) {
        const machine = await machineOf();
        const numbers = equipmentOverlaps.map((overlap) => overlap.workOrderNumber).join(', ');
        summaries.push(`${machine ? `${machine.equipmentNumber} (${machine.name})` : 'its equipment'} is booked for ${numbers} then`);
      }
    }
    // Work that needs the machine down: enough of the crew's time inside its maintenance windows.
    let maintenanceWindow: { equipmentId: string; minutesShort: number } | null = null;
    if (current.requiresDowntime && !holdsOnly) {
      const machine = await machineOf();
      const minutesShort = downtimeMinutesShort(
        machine?.maintenanceWindows ?? null,
        await worked(),
        { start, end },
        current.estimatedDuration,
      );
      if (minutesShort > 0) {
        maintenanceWindow = { equipmentId: current.equipmentId, minutesShort };
        const name = machine ? `${machine.equipmentNumber} (${machine.name})` : 'its equipment';
        summaries.push(
          machine?.maintenanceWindows
            ? `it needs ${name} down, but the booking holds ${minutesShort} min too little of the crew's time inside its maintenance windows`
            : `it needs ${name} down, and no maintenance windows are defined for it`,
        );
      }
    }
    const groupOverlaps: (Overlap & { groups: string[] })[] = [];
    if (current.conflictGroups.length > 0) {
      await this.lockGroups(principal.organizationId, current.conflictGroups);
      const named = new Set([...overlaps, ...equipmentOverlaps].map((overlap) => overlap.workOrderId));
      const sharing = await this.workOrders.findBookedInGroups(
        principal.organizationId,
        current.conflictGroups,
        start,
        end,
        MAX_NAMED,
        current.id,
      );
      for (const row of await this.workedAtOnce(
        principal,
        sharing.filter((other) => !named.has(other.id)),
        worked,
      ))
        groupOverlaps.push({ ...toOverlap(row), groups: row.conflictGroups.filter((group) => current.conflictGroups.includes(group)) });
      if (groupOverlaps.length > 0) {
        const shared = [...new Set(groupOverlaps.flatMap((overlap) => overlap.groups))].join(', ');
        summaries.push(`${groupOverlaps.map((overlap) => overlap.workOrderNumber).join(', ')} hold(s) ${shared} then`);
      }
    }
    const precedence = (await this.precedence.bookingConflicts(principal.organizationId, current, start, end)).filter(
      (conflict) => !started || conflict.relation === 'successor',
    );
    if (precedence.length > 0) summaries.push(describePrecedence(precedence));
    return {
      any: summaries.length > 0,
      skills,
      overlaps,
      equipmentOverlaps,
      groupOverlaps,
      precedence,
      maintenanceWindow,
      summary: summaries.join('; '),
    };
  }

  /**
   * Of other bookings on the machine or in a group, those worked at a moment this booking is
   * worked: work longer than a shift leaves the machine (or the group) free between its shifts,
   * as the optimizer plans it, so a booking over a night does not hold it all night.
   */
  private async workedAtOnce(
    principal: Principal,
    others: readonly WorkOrderRow[],
    worked: () => Promise<Interval[]>,
  ): Promise<WorkOrderRow[]> {
    if (others.length === 0) return [];
    const mine = await worked();
    const found: WorkOrderRow[] = [];
    for (const other of others) {
      const theirs = await this.workedWithin(
        principal.organizationId,
        bookedTechnicians(other),
        other.scheduledStartTime!,
        other.scheduledEndTime!,
      );
      if (mine.some((a) => theirs.some((b) => a.start < b.end && b.start < a.end))) found.push(other);
    }
    return found;
  }

  /** The time within [start, end) that every one of these technicians works by their calendars (or all of it, if none). */
  private async workedWithin(organizationId: string, technicianIds: readonly string[], start: Date, end: Date): Promise<Interval[]> {
    const calendars = await this.calendars.technicianCalendars(organizationId, start, end, technicianIds);
    let shared: Interval[] | null = null;
    for (const calendar of calendars) {
      const own = availableIntervals(calendar, { start, end });
      shared = shared === null ? own : intersectIntervals(shared, own);
    }
    return shared && shared.length > 0 ? shared : [{ start: start.getTime(), end: end.getTime() }];
  }

  /**
   * Locks the organization's conflict groups, by name, until the transaction ends: two bookings
   * in one group are checked one after the other. Taken after the equipment (see crewConflicts).
   */
  async lockGroups(organizationId: string, groups: readonly string[]): Promise<void> {
    for (const group of [...new Set(groups)].sort()) await this.database.lockForTransaction(`work-order-group:${organizationId}:${group}`);
  }

  /**
   * `orderChecked`: the caller (a publish) has already checked the order of work against the
   * schedule as it will be, where work waiting for this one may be given up in the same step.
   */
  async changeStatus(
    principal: Principal,
    id: string,
    input: ChangeWorkOrderStatus,
    expectedVersion?: number | readonly number[],
    { orderChecked = false }: { orderChecked?: boolean } = {},
  ): Promise<WorkOrder> {
    const row = await this.database.transaction(async () => {
      const current = await this.access.requireVisible(principal, id, { lock: true });
      assertVersion(expectedVersion, current.version, 'This work order');
      const now = new Date();
      const tasks = await this.details.tasksOf([id]);
      const history = await this.details.history(id);
      const changes = planTransition(current, input.status, {
        roles: effectiveRoles(principal, current),
        openTasks: tasks.filter((task) => task.status === 'PENDING' || task.status === 'IN_PROGRESS').length,
        workedMinutes: minutesInProgress(
          [...history.filter((entry) => entry.kind === 'status'), { toStatus: input.status, createdAt: now }],
          now,
        ),
        now,
        completion: input.completion,
        inactiveBooked: input.status === 'SCHEDULED' ? await this.inactiveBooked(principal, current) : [],
      });
      // What the change would put into conflict, checked before anything is written, under the
      // locks a booking takes (after the work order; before PM targets, parts and the
      // organization row). Back to the backlog (or reopened from CANCELLED): work waiting for it
      // must not stay booked to wait for work planned nowhere.
      if (input.status === 'OPEN' && !orderChecked) {
        const waiting = await this.precedence.unbookingConflicts(principal.organizationId, current);
        if (waiting.length > 0)
          throw new AppError(
            ErrorCode.ScheduleConflict,
            `${waiting.map((conflict) => conflict.workOrderNumber).join(', ')} wait(s) for it and ${waiting.length > 1 ? 'are' : 'is'} booked: unbook or move ${waiting.length > 1 ? 'them' : 'it'} first`,
            { extensions: { conflicts: { precedence: waiting } } },
          );
      }
      // Done work taken back into progress holds its booking again.
      if (input.status === 'IN_PROGRESS' && DONE_BUT_BOOKED.includes(current.status)) await this.assertBookingHolds(principal, current);
      const updated = await this.workOrders.update(principal.organizationId, id, current.version, { ...changes, status: input.status });
      if (!updated) throw lostRace('This work order', expectedVersion);
      // Locks in the order every writer takes them (work order, PM target, parts in id order,
      // organization row last, with the events), so a completion, PM generation and part
      // reservations never wait for each other in a cycle.
      if (FINISHED.includes(updated.status)) await this.pm.onWorkOrderFinished(updated, now);
      else if (FINISHED.includes(current.status)) await this.pm.onWorkOrderReopened(updated);
      // Finished or called off: whatever is still only reserved goes back to stock.
      // Sent for approval it may still come back into progress, with the parts it holds.
      if (FINISHED.includes(input.status)) await this.parts.releaseReservations(principal, current);
      await this.details.recordHistory([
        {
          organizationId: principal.organizationId,
          workOrderId: id,
          kind: 'status',
          fromStatus: current.status,
          toStatus: input.status,
          // A note of only spaces (trimmed to "") is no note.
          note: input.note || null,
          userId: principal.userId,
          createdAt: now,
        },
      ]);
      await this.events.statusChanged(principal, current, updated);
      return updated;
    });
    return toWorkOrder(row, principal);
  }

  /** New work goes on equipment of the organization that is still in service. */
  private async assertEquipment(principal: Principal, equipmentId: string) {
    const equipment = await this.equipment.find(principal.organizationId, equipmentId);
    if (!equipment) throw AppError.validation([{ path: 'equipmentId', message: 'no such equipment in your organization' }]);
    if (equipment.status === 'RETIRED') {
      throw AppError.validation([
        { path: 'equipmentId', message: `${equipment.equipmentNumber} (${equipment.name}) is RETIRED: no new work can be planned on it` },
      ]);
    }
  }

  /**
   * The booked technician and crew who are no longer active, by name. They are locked in id
   * order, as /assign locks them, so a deactivation at the same moment comes before or after.
   */
  private async inactiveBooked(principal: Principal, current: WorkOrderRow): Promise<string[]> {
    const booked = [...new Set([current.technicianId, ...current.crewTechnicianIds].filter((id): id is string => id !== null))].sort();
    const inactive: string[] = [];
    for (const technicianId of booked) {
      const person = await this.workOrders.lockTechnician(principal.organizationId, technicianId);
      if (person && !person.active) inactive.push(fullName(person));
    }
    return inactive;
  }
}

/** States of done work that still carry the booking they were done in. */
const DONE_BUT_BOOKED: readonly string[] = ['PENDING_APPROVAL', 'COMPLETED'];

/** The parts of a conflict check a 409 names, as `conflicts`. */
const conflictDetails = (found: Awaited<ReturnType<WorkOrdersService['crewConflicts']>>) => ({
  skills: found.skills,
  overlaps: found.overlaps,
  equipmentOverlaps: found.equipmentOverlaps,
  groupOverlaps: found.groupOverlaps,
  precedence: found.precedence,
  maintenanceWindow: found.maintenanceWindow,
});

type Tracked = (typeof EDITABLE_FIELDS)[number] | 'technicianId' | 'crewTechnicianIds' | 'scheduledStartTime' | 'scheduledEndTime';

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;

/** The same ids in the same order (UUIDs in PostgreSQL's spelling, as the contract gives them). */
const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, index) => id === b[index]);

/** The fields that differ between two versions, for the history. */
function fieldChanges(before: WorkOrderRow, after: WorkOrderRow, fields: readonly Tracked[] = EDITABLE_FIELDS) {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of fields) {
    const from = comparable(before[field]);
    const to = comparable(after[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[field] = { from, to };
  }
  return diff;
}
