import type { WorkOrder } from '@msched/contracts';
import { Button, Typography } from '@mui/material';
import { Section } from '@/components/ui/Section';
import { formatDateTime } from '@/lib/format';
import { useListTechnicianOptionsQuery } from '../api/list-technician-options';
import { labelOf } from './TechnicianPicker';
import { touchTarget } from '@/components/ui/touch-target';

interface Props {
  workOrder: WorkOrder;
  /** Shown to those who may assign, while the work can still be (re)scheduled. */
  onAssign?: () => void;
  /** Whether the caller may list technicians (staff): then the crew is shown by name. */
  namesCrew?: boolean;
}

export function AssignmentPanel({ workOrder, onAssign, namesCrew = false }: Props) {
  const technician = workOrder.technician;
  const crew = workOrder.crewTechnicianIds;
  const { data } = useListTechnicianOptionsQuery({}, { skip: !namesCrew || crew.length === 0 });
  const names = crew.map((id) => data?.data.find((candidate) => candidate.id === id));
  const crewText = names.every(Boolean)
    ? names.map((member) => labelOf(member!)).join(', ')
    : `${crew.length} more technician${crew.length > 1 ? 's' : ''}`;
  return (
    <Section
      title="Assignment"
      actions={
        onAssign && (
          <Button size="small" variant="outlined" onClick={onAssign} sx={touchTarget}>
            {technician ? 'Reassign…' : 'Assign…'}
          </Button>
        )
      }
    >
      {technician ? (
        <>
          <Typography>
            {technician.firstName} {technician.lastName} ({technician.employeeId})
          </Typography>
          {crew.length > 0 && <Typography variant="body2">Crew: {crewText}</Typography>}
          <Typography variant="body2" color="text.secondary">
            {formatDateTime(workOrder.scheduledStartTime)} – {formatDateTime(workOrder.scheduledEndTime)}
          </Typography>
        </>
      ) : (
        <Typography color="text.secondary">Not assigned yet.</Typography>
      )}
    </Section>
  );
}
