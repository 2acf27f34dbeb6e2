import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Box, Button, IconButton, LinearProgress, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useGetTechnicianWeekQuery } from '../api/get-technician-week';
import { formatDate, formatHours, formatPercent } from '@/lib/format';
import { addDays, daysOf, mondayOf, overlaps } from '../utils/week';
import { ScheduleDay } from './ScheduleDay';

/** One week of booked work, day by day, with booked against shift hours; live via the real-time channel. */
export function ScheduleView({ technicianId }: { technicianId: string }) {
  const [monday, setMonday] = useState(() => mondayOf(new Date()));
  const sunday = addDays(monday, 6);
  const range = useMemo(
    () => ({ technicianId, start: monday.toISOString(), end: addDays(monday, 7).toISOString() }),
    [technicianId, monday],
  );
  const { data, error, isLoading, isFetching, refetch } = useGetTechnicianWeekQuery(range);

  return (
    <Section
      title="Schedule"
      actions={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <IconButton aria-label="Previous week" onClick={() => setMonday(addDays(monday, -7))}>
            <ChevronLeftIcon />
          </IconButton>
          <Typography variant="body2" aria-live="polite" sx={{ minWidth: 150, textAlign: 'center' }}>
            {formatDate(monday.toISOString())} – {formatDate(sunday.toISOString())}
          </Typography>
          <IconButton aria-label="Next week" onClick={() => setMonday(addDays(monday, 7))}>
            <ChevronRightIcon />
          </IconButton>
          <Button size="small" onClick={() => setMonday(mondayOf(new Date()))}>
            This week
          </Button>
        </Box>
      }
    >
      <ProblemAlert error={error} subject="technician" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading the schedule…" />}
      {data && (
        <Box aria-busy={isFetching}>
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {data.totalWorkOrders} booked · {formatHours(data.totalHoursScheduled)} of {formatHours(data.availableHours)} shift time ·
            utilization {formatPercent(data.utilization)}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={Math.min(100, data.utilization)}
            aria-label={`Utilization ${formatPercent(data.utilization)}`}
            color={data.utilization > 100 ? 'error' : 'primary'}
            sx={{ mb: 2, height: 8, borderRadius: 4 }}
          />
          {daysOf(monday).map((day) => (
            <ScheduleDay
              key={day.start.toISOString()}
              day={day.start}
              workOrders={data.workOrders.filter((workOrder) =>
                overlaps(workOrder.scheduledStartTime, workOrder.scheduledEndTime, day.start, day.end),
              )}
            />
          ))}
        </Box>
      )}
    </Section>
  );
}
