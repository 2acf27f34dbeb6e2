import type { Technician, TechnicianSchedule } from '@msched/contracts';
import { Box, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useGetTechnicianAvailabilityQuery } from '../api/get-technician-availability';
import { useGetTechnicianScheduleQuery } from '../api/get-technician-schedule';
import { complement, leaveIntervals, shiftIntervals, workingIntervals } from '../utils/availability';
import { rowBars } from '../utils/row-bars';
import { srOnly } from '../utils/sr-only';
import { formatSpan, technicianName } from '../utils/work-order-display';
import { useBoard } from './board-context';
import { ConflictNote } from './ConflictNote';
import { RowTrack } from './RowTrack';

export const NAME_COLUMN = { xs: 112, sm: 176 };

const hours = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

function RowHeader({ technician, schedule, leaveText }: { technician: Technician; schedule?: TechnicianSchedule; leaveText: string }) {
  return (
    <Box
      sx={{
        width: NAME_COLUMN,
        flexShrink: 0,
        position: 'sticky',
        left: 0,
        zIndex: 4,
        bgcolor: 'background.paper',
        borderRight: 1,
        borderColor: 'divider',
        px: 1,
        py: 0.5,
      }}
    >
      <Typography variant="body2" component="h3" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        {technicianName(technician)}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        {technician.employeeId}
        {schedule && ` · ${hours.format(schedule.totalHoursScheduled)} of ${hours.format(schedule.availableHours)} h`}
      </Typography>
      <Box component="span" sx={srOnly}>
        {leaveText}
      </Box>
    </Box>
  );
}

/** One technician: their booked work in the visible range over their shifts and leave, and any refused move. */
export function TechnicianRow({ technician }: { technician: Technician }) {
  const board = useBoard();
  const { range } = board;
  const scheduleArgs = {
    technicianId: technician.id,
    start: new Date(range.start).toISOString(),
    end: new Date(range.end).toISOString(),
  };
  const { data: schedule } = useGetTechnicianScheduleQuery(scheduleArgs);
  const { data: availability } = useGetTechnicianAvailabilityQuery(technician.id);

  const calendar = useMemo(() => {
    if (!availability) return { working: null, offShift: [], leave: [] };
    return {
      working: workingIntervals(availability, range),
      offShift: complement(shiftIntervals(availability, range), range),
      leave: leaveIntervals(availability, range),
    };
  }, [availability, range]);

  const bars = rowBars(technician.id, schedule?.workOrders ?? [], board.nudge);
  const nudged = board.nudge?.workOrder;
  const ghost =
    nudged?.technicianId === technician.id && nudged.scheduledStartTime && nudged.scheduledEndTime
      ? { start: Date.parse(nudged.scheduledStartTime), end: Date.parse(nudged.scheduledEndTime) }
      : null;
  const conflicts = Object.values(board.moves.conflicts).filter((conflict) => conflict.workOrder.technicianId === technician.id);
  const leaveText = calendar.leave.length
    ? `Away: ${calendar.leave.map((leave) => `${formatSpan(leave.start, leave.end)}${leave.reason ? ` (${leave.reason})` : ''}`).join('; ')}.`
    : '';

  return (
    <Box
      role="group"
      aria-label={`${technicianName(technician)} (${technician.employeeId})`}
      data-testid={`board-row-${technician.employeeId}`}
    >
      <Box sx={{ display: 'flex', borderTop: 1, borderColor: 'divider' }}>
        <RowHeader technician={technician} schedule={schedule} leaveText={leaveText} />
        <RowTrack
          technician={technician}
          bars={bars}
          working={calendar.working}
          offShift={calendar.offShift}
          leave={calendar.leave}
          ghost={ghost}
        />
      </Box>
      {conflicts.length > 0 && (
        // Held at the left edge of the scrolled board and no wider than what is in view, so it reads whole.
        <Box sx={{ position: 'sticky', left: 0, width: { xs: 'calc(100vw - 64px)', sm: 560 }, px: 1, pb: 0.5 }}>
          {conflicts.map((conflict) => (
            <ConflictNote key={conflict.workOrder.id} conflict={conflict} />
          ))}
        </Box>
      )}
    </Box>
  );
}
