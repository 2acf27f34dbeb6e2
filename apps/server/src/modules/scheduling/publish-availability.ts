import type { Interval } from '../../platform/time/zoned-clock';
import type { TechnicianCalendarRow } from '../pm-plans/pm-forecast.repository';
import type { TechnicianRow } from '../technicians/technicians.repository';
import { availableIntervals, downtimeMinutesShort, intersectIntervals, totalMs } from '../technicians/availability-calendar';
import type { MaintenanceWindows } from '@msched/contracts';
import { jobMinutes } from './schedule-problem';
import type { Move, PublishConflict } from './schedule-publish';

/**
 * Takes out of `moving` every proposal whose people no longer have the work's hours in its slot,
 * by their calendars as they are now (weekly pattern, leave and extra hours), or, for work that
 * needs its equipment down, whose shared hours no longer fall enough inside the equipment's
 * maintenance windows as they are now (`windows`, by equipment id), and answers the conflicts.
 * The run placed the work in time its crew shared, inside the windows, when it started; leave
 * entered or a shift or window changed since then would otherwise be booked over. Other bookings
 * are not counted here (the overlap check sees them), so unchanged calendars never refuse a
 * proposal.
 */
export function dropShortOfHours(
  moving: Map<string, Move>,
  calendars: readonly TechnicianCalendarRow[],
  people: ReadonlyMap<string, TechnicianRow>,
  plannedMinutes: Readonly<Record<string, number>>,
  windows: ReadonlyMap<string, MaintenanceWindows | null>,
): PublishConflict[] {
  const byId = new Map(calendars.map((calendar) => [calendar.id, calendar]));
  const conflicts: PublishConflict[] = [];
  for (const [id, { current, assignment }] of moving) {
    if (!assignment) continue;
    const needed = (plannedMinutes[id] ?? jobMinutes(current)) * 60_000;
    const slot = { start: new Date(assignment.start), end: new Date(assignment.end) };
    let shared: Interval[] | null = null;
    const short: string[] = [];
    for (const technicianId of assignment.technicianIds) {
      const calendar = byId.get(technicianId);
      const own = calendar ? availableIntervals(calendar, slot) : [];
      if (totalMs(own) < needed) short.push(nameOf(people.get(technicianId)) ?? technicianId);
      shared = shared ? intersectIntervals(shared, own) : own;
    }
    const hoursKept = short.length === 0 && totalMs(shared ?? []) >= needed;
    if (
      hoursKept &&
      !(current.requiresDowntime && downtimeMinutesShort(windows.get(current.equipmentId) ?? null, shared ?? [], slot, needed / 60_000) > 0)
    )
      continue;
    conflicts.push({
      workOrderId: id,
      reason: hoursKept
        ? "its equipment's maintenance windows no longer hold it then (changed since the run started)"
        : short.length > 0
          ? `${short.join(', ')} no longer ${short.length > 1 ? 'have' : 'has'} the hours for it then (leave or a shift changed since the run started)`
          : 'the crew no longer shares the hours for it then (leave or a shift changed since the run started)',
      status: current.status,
    });
    moving.delete(id);
  }
  return conflicts;
}

const nameOf = (person: { firstName: string; lastName: string } | undefined) => person && `${person.firstName} ${person.lastName}`;
