import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useListEquipmentOpenWorkQuery } from '../api/list-equipment-open-work';
import { WorkOrderList } from './WorkOrderList';

const PAGE_SIZE = 5;

/** Work still to do on this equipment, soonest due first. */
export function OpenWorkPanel({ equipmentId }: { equipmentId: string }) {
  const [page, setPage] = useState(1);
  const { data, error, isLoading, refetch } = useListEquipmentOpenWorkQuery({ equipmentId, page, limit: PAGE_SIZE });
  return (
    <Section
      title={data?.total !== undefined ? `Open work (${data.total})` : 'Open work'}
      actions={
        <Button size="small" component={RouterLink} to="/work-orders/new">
          New work order
        </Button>
      }
    >
      <ProblemAlert error={error} subject="equipment" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading open work…" />}
      {data?.data.length === 0 && <Typography color="text.secondary">No open work on this equipment.</Typography>}
      {data && data.data.length > 0 && (
        <WorkOrderList
          page={data}
          label="Open work"
          dateColumn={{ title: 'Due', value: (workOrder) => workOrder.dueDate }}
          onPage={setPage}
          showTechnician
        />
      )}
    </Section>
  );
}
