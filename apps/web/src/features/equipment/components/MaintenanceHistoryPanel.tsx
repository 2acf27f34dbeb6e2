import { Button, Typography } from '@mui/material';
import { skipToken } from '@reduxjs/toolkit/query';
import { useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { can } from '@/lib/auth/permissions';
import { useListEquipmentHistoryQuery } from '../api/list-equipment-history';
import { type HistoryFilters, NO_HISTORY_FILTERS, hasHistoryFilters, historyQuery } from '../utils/history-filters';
import { HistoryFiltersForm } from './HistoryFiltersForm';
import { WorkOrderList } from './WorkOrderList';

const PAGE_SIZE = 10;

/**
 * Finished work on this equipment (completed, closed or cancelled), newest actual end first,
 * narrowed on demand. Work that ended without being done (cancelled) has no finish date: none is made up.
 */
export function MaintenanceHistoryPanel({ equipmentId }: { equipmentId: string }) {
  const user = useCurrentUser();
  const [page, setPage] = useState(1);
  const [filtering, setFiltering] = useState(false);
  const [filters, setFilters] = useState<HistoryFilters>(NO_HISTORY_FILTERS);
  const checked = historyQuery(filters);
  const { data, error, isLoading, refetch } = useListEquipmentHistoryQuery(
    'query' in checked ? { equipmentId, page, limit: PAGE_SIZE, ...checked.query } : skipToken,
  );
  const filtered = hasHistoryFilters(filters);
  const change = (changes: Partial<HistoryFilters>) => {
    setFilters((current) => ({ ...current, ...changes }));
    setPage(1);
  };

  return (
    <Section
      title={data ? `Maintenance history (${data.total ?? data.data.length})` : 'Maintenance history'}
      actions={
        <Button size="small" aria-expanded={filtering} onClick={() => setFiltering(!filtering)}>
          {filtering ? 'Hide filters' : filtered ? 'Filters (on)' : 'Filter'}
        </Button>
      }
    >
      {filtering && (
        <HistoryFiltersForm
          filters={filters}
          onChange={change}
          untilError={'error' in checked ? checked.error : undefined}
          canPickTechnician={can(user, 'technicians.list')}
        />
      )}
      <ProblemAlert error={error} subject="equipment" onReload={refetch} fieldsShown={false} />
      {isLoading && <LoadingBlock label="Loading history…" />}
      {data?.data.length === 0 && (
        <Typography color="text.secondary">{filtered ? 'No finished work matches the filters.' : 'No finished work yet.'}</Typography>
      )}
      {data && data.data.length > 0 && (
        <WorkOrderList
          page={data}
          label="Maintenance history"
          dateColumn={{ title: 'Finished', value: (workOrder) => workOrder.actualEndTime }}
          onPage={setPage}
        />
      )}
    </Section>
  );
}
