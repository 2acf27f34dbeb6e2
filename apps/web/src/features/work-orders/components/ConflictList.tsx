import type { WorkOrderStatus } from '@msched/contracts';
import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime } from '@/lib/format';
import { DowntimeConflict, type MaintenanceWindowConflict } from './DowntimeConflict';

/** Other work, as a 409 of `/assign` names it. */
interface Booking {
  workOrderId: string;
  workOrderNumber: string;
  scheduledStartTime: string | null;
  scheduledEndTime: string | null;
}

/** `conflicts` of a 409 `schedule_conflict` from `POST /work-orders/:id/assign`. */
export interface ScheduleConflicts {
  skills: { skill: string; requiredLevel: number; technicianLevel: number }[];
  /** Other work of the technician or crew then. */
  overlaps: Booking[];
  /** Other work booked on the equipment then, whoever does it. */
  equipmentOverlaps?: Booking[];
  /** Other work booked then that holds one of the same conflict groups (a permit, a crane, a zone). */
  groupOverlaps?: (Booking & { groups: string[] })[];
  /** A predecessor not finished by the start, or a successor booked to start before the end. */
  precedence?: (Booking & { relation: 'predecessor' | 'successor'; status: WorkOrderStatus })[];
  /** Work that needs its equipment down, booked (partly) outside the equipment's maintenance windows. */
  maintenanceWindow?: MaintenanceWindowConflict | null;
}

/** One line of the list: the other work order, linked (in a new tab, so the dialog stays), and why it is in the way. */
interface Line {
  key: string;
  booking: Booking;
  reason: string;
}

const when = (booking: Booking) => `${formatDateTime(booking.scheduledStartTime)} – ${formatDateTime(booking.scheduledEndTime)}`;

function linesOf(conflicts: ScheduleConflicts): Line[] {
  // The people's and the machine's overlaps, each work order once (a crew's members may share it).
  const overlaps = new Map(
    [...conflicts.overlaps, ...(conflicts.equipmentOverlaps ?? [])].map((overlap) => [overlap.workOrderId, overlap]),
  );
  return [
    ...[...overlaps.values()].map((booking) => ({ key: `overlap:${booking.workOrderId}`, booking, reason: when(booking) })),
    ...(conflicts.groupOverlaps ?? []).map((booking) => ({
      key: `group:${booking.workOrderId}`,
      booking,
      reason: `holds ${booking.groups.join(', ')} then (${when(booking)})`,
    })),
    ...(conflicts.precedence ?? []).map((booking) => ({
      key: `${booking.relation}:${booking.workOrderId}`,
      booking,
      reason:
        booking.relation === 'predecessor'
          ? `must finish first (${booking.scheduledEndTime ? `booked to end ${formatDateTime(booking.scheduledEndTime)}` : 'not booked yet'})`
          : `waits for this one (booked to start ${formatDateTime(booking.scheduledStartTime)})`,
    })),
  ];
}

/**
 * What stands in the way of a booking, each with why: overlaps, shared conflict groups, precedence,
 * and time outside the equipment's maintenance windows.
 */
export function ConflictList({ conflicts }: { conflicts: ScheduleConflicts }) {
  const lines = linesOf(conflicts);
  const downtime = conflicts.maintenanceWindow;
  if (lines.length === 0 && !downtime) return null;
  return (
    <ul>
      {lines.map(({ key, booking, reason }) => (
        <li key={key}>
          <Link component={RouterLink} to={`/work-orders/${booking.workOrderId}`} target="_blank">
            {booking.workOrderNumber}
          </Link>{' '}
          {reason}
        </li>
      ))}
      {downtime && (
        <li>
          <DowntimeConflict conflict={downtime} />
        </li>
      )}
    </ul>
  );
}
