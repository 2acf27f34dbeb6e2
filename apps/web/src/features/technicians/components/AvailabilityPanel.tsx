import EditIcon from '@mui/icons-material/EditOutlined';
import { Button } from '@mui/material';
import { useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useGetAvailabilityPlanQuery } from '../api/get-availability';
import { AvailabilityEditor } from './AvailabilityEditor';
import { AvailabilityView } from './AvailabilityView';

/** When the technician works; planners, managers and admins edit it. */
export function AvailabilityPanel({ technicianId, editable }: { technicianId: string; editable: boolean }) {
  const { data: plan, error, isLoading, refetch } = useGetAvailabilityPlanQuery(technicianId);
  const [editing, setEditing] = useState(false);
  return (
    <Section
      title="Availability"
      actions={
        editable &&
        plan &&
        !editing && (
          <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
            Edit availability
          </Button>
        )
      }
    >
      <ProblemAlert error={editing ? undefined : error} subject="technician" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading availability…" />}
      {plan && editing && (
        <AvailabilityEditor technicianId={technicianId} plan={plan} onDone={() => setEditing(false)} onReload={refetch} />
      )}
      {plan && !editing && <AvailabilityView plan={plan} now={new Date()} />}
    </Section>
  );
}
