import { Typography } from '@mui/material';
import { useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useListEquipmentHistoryQuery } from '../api/list-equipment-history';
import { WorkOrderList } from './WorkOrderList';

const PAGE_SIZE = 10;

/** Finished work on this equipment (completed, closed or cancelled), newest first. */
export function MaintenanceHistoryPanel({ equipmentId }: { equipmentId: string }) {
  const [page, setPage] = useState(1);
  const { data, error, isLoading, refetch } = useListEquipmentHistoryQuery({ equipmentId, page, limit: PAGE_SIZE });
  return (
    <Section title={data ? `Maintenance history (${data.total ?? data.data.length})` : 'Maintenance history'}>
      <ProblemAlert error={error} subject="equipment" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading history…" />}
      {data?.data.length === 0 && <Typography color="text.secondary">No finished work yet.</Typography>}
      {data && data.data.length > 0 && (
        <WorkOrderList
          page={data}
          label="Maintenance history"
          dateColumn={{ title: 'Finished', value: (workOrder) => workOrder.actualEndTime ?? workOrder.updatedAt }}
          onPage={setPage}
        />
      )}
    </Section>
  );
}
