import type { PmPlanStatus } from '@msched/contracts';
import { Chip } from '@mui/material';
import { STATUS_LABEL } from '../utils/labels';

export function PmPlanStatusChip({ status }: { status: PmPlanStatus }) {
  return <Chip size="small" label={STATUS_LABEL[status]} color={status === 'ACTIVE' ? 'success' : 'default'} variant="outlined" />;
}
