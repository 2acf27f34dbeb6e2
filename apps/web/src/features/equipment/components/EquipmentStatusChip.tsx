import type { EquipmentStatus } from '@msched/contracts';
import { Chip } from '@mui/material';
import { humanize } from '@/lib/format';

const STATUS_COLOR: Record<EquipmentStatus, 'success' | 'warning' | 'error' | 'default'> = {
  OPERATIONAL: 'success',
  DEGRADED: 'warning',
  DOWN: 'error',
  RETIRED: 'default',
};

export function EquipmentStatusChip({ status }: { status: EquipmentStatus }) {
  return (
    <Chip
      component="span"
      size="small"
      label={humanize(status)}
      color={STATUS_COLOR[status]}
      variant={status === 'RETIRED' ? 'outlined' : 'filled'}
    />
  );
}
