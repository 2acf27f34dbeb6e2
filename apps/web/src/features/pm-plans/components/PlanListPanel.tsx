import { PM_PLAN_STATUSES, type PmPlanStatus } from '@msched/contracts';
import { Box, MenuItem, Paper, TextField } from '@mui/material';
import { useRef } from 'react';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useListPmPlansQuery } from '../api/list-pm-plans';
import { useFocusAfterDelete } from '../hooks/use-focus-after-delete';
import type { PlanListParams } from '../hooks/use-plan-list-params';
import { STATUS_LABEL } from '../utils/labels';
import { EquipmentFilterPicker } from './EquipmentFilterPicker';
import { PmPlanTable } from './PmPlanTable';

interface Props {
  params: PlanListParams;
  update: (changes: Partial<PlanListParams>) => void;
  canWrite: boolean;
}

/** The plans, filtered and paged by the server. */
export function PlanListPanel({ params, update, canWrite }: Props) {
  const { data, error, isLoading, isFetching, refetch } = useListPmPlansQuery({
    page: params.page,
    limit: params.limit,
    status: params.status || undefined,
    equipmentId: params.equipmentId || undefined,
  });
  const filtered = Boolean(params.status || params.equipmentId);
  const list = useRef<HTMLElement>(null);
  const deleted = useFocusAfterDelete(list, data?.data);

  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <TextField
          select
          size="small"
          label="Status"
          value={params.status}
          onChange={(event) => update({ status: event.target.value as PmPlanStatus | '' })}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">Any status</MenuItem>
          {PM_PLAN_STATUSES.map((status) => (
            <MenuItem key={status} value={status}>
              {STATUS_LABEL[status]}
            </MenuItem>
          ))}
        </TextField>
        <EquipmentFilterPicker value={params.equipmentId} onChange={(equipmentId) => update({ equipmentId })} />
      </Box>
      <ProblemAlert error={error} subject="list" onReload={refetch} />
      {/* Focusable from script only: where the keyboard goes once the last plan shown is deleted. */}
      <Paper ref={list} component="section" aria-label="PM plans" tabIndex={-1} variant="outlined" aria-busy={isFetching}>
        {isLoading && <LoadingBlock label="Loading PM plans…" />}
        {data && data.data.length === 0 && (
          <EmptyState title="No PM plans match">
            {filtered ? 'Try fewer filters.' : canWrite ? 'Create the first one with “New PM plan”.' : 'None has been set up yet.'}
          </EmptyState>
        )}
        {data && data.data.length > 0 && (
          <PmPlanTable page={data} canWrite={canWrite} onPage={(page, limit) => update({ page, limit })} onDeleted={deleted} />
        )}
      </Paper>
    </>
  );
}
