import type { Priority, WorkOrderStatus } from '@msched/contracts';
import { Chip } from '@mui/material';
import { humanize } from '@/lib/format';
import { PRIORITY_COLOR, STATUS_COLOR, statusLabel } from '../utils/labels';

export function StatusChip({ status }: { status: WorkOrderStatus }) {
  return (
    <Chip size="small" label={statusLabel(status)} color={STATUS_COLOR[status]} variant={status === 'CLOSED' ? 'outlined' : 'filled'} />
  );
}

export function PriorityChip({ priority }: { priority: Priority }) {
  return <Chip size="small" label={humanize(priority)} color={PRIORITY_COLOR[priority]} variant="outlined" />;
}
