import type { AuthUser, WorkOrder } from '@msched/contracts';
import { Box, Card, CardActions, CardContent, Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { formatDateTime, formatTime } from '@/lib/format';
import { StatusActions } from './StatusActions';
import { PriorityChip, StatusChip } from './WorkOrderChips';

const sameDay = (a: string, b: string) => new Date(a).toDateString() === new Date(b).toDateString();

/** One job on a technician's phone: what, where, when, and the next step one tap away. */
export function MyWorkCard({ workOrder, user, onReload }: { workOrder: WorkOrder; user: AuthUser; onReload: () => void }) {
  const { scheduledStartTime: start, scheduledEndTime: end } = workOrder;
  const when = start && end ? `${formatDateTime(start)} – ${sameDay(start, end) ? formatTime(end) : formatDateTime(end)}` : 'No time set';
  return (
    <Card variant="outlined" component="article" aria-label={`${workOrder.workOrderNumber} ${workOrder.title}`}>
      <CardContent sx={{ pb: 1 }}>
        <Box sx={{ display: 'flex', gap: 1, mb: 1, flexWrap: 'wrap' }}>
          <StatusChip status={workOrder.status} />
          <PriorityChip priority={workOrder.priority} />
        </Box>
        <Typography variant="h6" component="h3">
          <Link component={RouterLink} to={`/work-orders/${workOrder.id}`} underline="hover">
            {workOrder.workOrderNumber} · {workOrder.title}
          </Link>
        </Typography>
        <Typography color="text.secondary">
          {workOrder.equipment ? `${workOrder.equipment.equipmentNumber} · ${workOrder.equipment.name}` : ''}
        </Typography>
        <Typography variant="body2">{when}</Typography>
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <StatusActions workOrder={workOrder} user={user} onReload={onReload} />
      </CardActions>
    </Card>
  );
}
