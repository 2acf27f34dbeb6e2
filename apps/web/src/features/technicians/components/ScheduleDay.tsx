import type { WorkOrder } from '@msched/contracts';
import { Box, Chip, Link, List, ListItem, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { formatTime, humanize } from '@/lib/format';

const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'short' });

/** One day of the week: the bookings that touch it, in time order. */
export function ScheduleDay({ day, workOrders }: { day: Date; workOrders: WorkOrder[] }) {
  const sorted = [...workOrders].sort((a, b) => (a.scheduledStartTime ?? '').localeCompare(b.scheduledStartTime ?? ''));
  return (
    <Box sx={{ py: 1, borderTop: 1, borderColor: 'divider' }}>
      <Typography variant="subtitle2" component="h3">
        {weekday.format(day)}
      </Typography>
      {sorted.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nothing booked.
        </Typography>
      ) : (
        <List dense disablePadding>
          {sorted.map((workOrder) => (
            <ListItem key={workOrder.id} disableGutters sx={{ gap: 1, flexWrap: 'wrap' }}>
              <Typography variant="body2" component="span" sx={{ minWidth: 110, fontVariantNumeric: 'tabular-nums' }}>
                {formatTime(workOrder.scheduledStartTime)}–{formatTime(workOrder.scheduledEndTime)}
              </Typography>
              <Link component={RouterLink} to={`/work-orders/${workOrder.id}`} variant="body2">
                {workOrder.workOrderNumber}
              </Link>
              <Typography variant="body2" component="span" sx={{ flex: '1 1 160px' }}>
                {workOrder.title}
                {workOrder.equipment ? ` · ${workOrder.equipment.name}` : ''}
              </Typography>
              <Chip size="small" variant="outlined" label={humanize(workOrder.status)} />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
