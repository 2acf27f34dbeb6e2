import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatDateTime } from '@/lib/format';
import { WEEKDAYS, type WeeklyCalendar } from '@/lib/weekly-calendar-form';
import type { WeeklyCalendarWording } from './wording';
import { endsNextDay } from './WeeklyPatternField';

interface Props {
  calendar: WeeklyCalendar;
  wording: WeeklyCalendarWording;
  now: Date;
}

/** The weekly rows per weekday, and the dated exceptions still ahead. */
export function WeeklyCalendarView({ calendar, wording, now }: Props) {
  const ahead = calendar.exceptions
    .filter((exception) => Date.parse(exception.end) > now.getTime())
    .sort((a, b) => a.start.localeCompare(b.start));
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {wording.timesIn} {calendar.timezone}
      </Typography>
      <Table size="small" aria-label={wording.weekly}>
        <TableBody>
          {WEEKDAYS.map((day, index) => {
            const rows = calendar.weeklyPattern.filter((row) => row.weekday === index + 1).sort((a, b) => a.start.localeCompare(b.start));
            return (
              <TableRow key={day}>
                <TableCell component="th" scope="row" sx={{ width: 120 }}>
                  {day}
                </TableCell>
                <TableCell>
                  {rows.length
                    ? rows.map((row) => `${row.start}–${row.end}${endsNextDay(row) ? ' (next day)' : ''}`).join(', ')
                    : wording.emptyDay}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {wording.exceptionsAhead}
      </Typography>
      {ahead.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None planned.
        </Typography>
      ) : (
        <Table size="small" aria-label={wording.exceptionsAhead}>
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
                  {!exception.available
                    ? wording.unavailable.short
                    : exception.overtime && wording.overtime
                      ? wording.overtime.short
                      : wording.available.short}
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
