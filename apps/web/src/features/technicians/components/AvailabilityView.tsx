import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatDateTime } from '@/lib/format';
import type { AvailabilityPlan } from '../api/get-availability';
import { WEEKDAYS } from '../utils/availability-form';

/** Shifts per weekday, and the leave and extra time still ahead. */
export function AvailabilityView({ plan, now }: { plan: AvailabilityPlan; now: Date }) {
  const ahead = plan.exceptions
    .filter((exception) => Date.parse(exception.end) > now.getTime())
    .sort((a, b) => a.start.localeCompare(b.start));
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Shift times in {plan.timezone}
      </Typography>
      <Table size="small" aria-label="Weekly shifts">
        <TableBody>
          {WEEKDAYS.map((day, index) => {
            const shifts = plan.weeklyPattern.filter((shift) => shift.weekday === index + 1).sort((a, b) => a.start.localeCompare(b.start));
            return (
              <TableRow key={day}>
                <TableCell component="th" scope="row" sx={{ width: 120 }}>
                  {day}
                </TableCell>
                <TableCell>{shifts.length ? shifts.map((shift) => `${shift.start}–${shift.end}`).join(', ') : 'Off'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        Leave and extra time ahead
      </Typography>
      {ahead.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None planned.
        </Typography>
      ) : (
        <Table size="small" aria-label="Leave and extra time ahead">
          <TableHead>
            <TableRow>
              <TableCell>From</TableCell>
              <TableCell>Until</TableCell>
              <TableCell>Kind</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ahead.map((exception) => (
              <TableRow key={`${exception.start}-${exception.end}`}>
                <TableCell>{formatDateTime(exception.start)}</TableCell>
                <TableCell>{formatDateTime(exception.end)}</TableCell>
                <TableCell>
                  {exception.available ? 'Extra time' : 'Away'}
                  {exception.reason ? ` · ${exception.reason}` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
