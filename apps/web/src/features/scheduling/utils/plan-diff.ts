import type { ScheduleAssignment, ScheduleRun, Score, WorkOrder } from '@msched/contracts';

/** Work the optimizer plans (the server's selection) and work under way, which it keeps in place. */
export const PLANNED_STATUSES = ['OPEN', 'SCHEDULED', 'ON_HOLD', 'IN_PROGRESS'] as const;

export interface Booking {
  technicianIds: string[];
  start: string;
  end: string;
}

export type ChangeKind = 'new' | 'moved' | 'reassigned' | 'unscheduled';

export interface PlanChange {
  workOrderId: string;
  workOrder: WorkOrder | undefined;
  kind: ChangeKind;
  before: Booking | null;
  after: Booking | null;
  reasons: string[];
}

/** Who is booked on it (the technician, then the crew) and when. */
const bookingOf = (workOrder: WorkOrder | undefined): Booking | null =>
  workOrder?.technicianId && workOrder.scheduledStartTime && workOrder.scheduledEndTime
    ? {
        technicianIds: [workOrder.technicianId, ...(workOrder.crewTechnicianIds ?? [])],
        start: workOrder.scheduledStartTime,
        end: workOrder.scheduledEndTime,
      }
    : null;

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);
const samePeople = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** As the server publishes: the same people (whoever leads) at the same time is no change. */
function kindOf(before: Booking | null, after: ScheduleAssignment): ChangeKind | null {
  if (!before) return 'new';
  if (!samePeople(before.technicianIds, after.technicianIds)) return 'reassigned';
  return sameInstant(before.start, after.start) && sameInstant(before.end, after.end) ? null : 'moved';
}

/**
 * What publishing the run would change, against the work orders as they are now: work newly
 * booked, moved in time, given to someone else, or taken off the plan (with the solver's reasons).
 */
export function planChanges(run: Pick<ScheduleRun, 'assignments' | 'unassigned'>, current: ReadonlyMap<string, WorkOrder>): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const assignment of run.assignments) {
    const workOrder = current.get(assignment.workOrderId);
    const before = bookingOf(workOrder);
    const kind = kindOf(before, assignment);
    if (!kind) continue;
    const after = { technicianIds: assignment.technicianIds, start: assignment.start, end: assignment.end };
    changes.push({ workOrderId: assignment.workOrderId, workOrder, kind, before, after, reasons: [] });
  }
  for (const entry of run.unassigned) {
    const workOrder = current.get(entry.workOrderId);
    const before = bookingOf(workOrder);
    if (before)
      changes.push({ workOrderId: entry.workOrderId, workOrder, kind: 'unscheduled', before, after: null, reasons: entry.reasons });
  }
  return changes;
}

/**
 * The current bookings of the run's work, whole crews, as assignments the analysis can score
 * ("before"). Only technicians the solver knows (active ones) can be scored: a booking whose
 * technician it does not know is left out, and so are crew members it does not know.
 */
export function currentAssignments(
  run: Pick<ScheduleRun, 'assignments' | 'unassigned'>,
  current: ReadonlyMap<string, WorkOrder>,
  knownTechnicians: ReadonlySet<string> | null,
): ScheduleAssignment[] {
  const ids = [...run.assignments.map((a) => a.workOrderId), ...run.unassigned.map((u) => u.workOrderId)];
  return ids.flatMap((id) => {
    const booking = bookingOf(current.get(id));
    if (!booking || (knownTechnicians && !knownTechnicians.has(booking.technicianIds[0]!))) return [];
    const technicianIds = knownTechnicians
      ? booking.technicianIds.filter((technician) => knownTechnicians.has(technician))
      : booking.technicianIds;
    return [{ workOrderId: id, ...booking, technicianIds }];
  });
}

/** Lexicographic: hard first, then medium, then soft; positive when `a` is better. */
export function compareScores(a: Score, b: Score): number {
  return a.hard - b.hard || a.medium - b.medium || a.soft - b.soft;
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export const formatScoreLevel = (value: number) => number.format(value);

export const formatScore = (score: Score) =>
  `${number.format(score.hard)} hard / ${number.format(score.medium)} medium / ${number.format(score.soft)} soft`;
