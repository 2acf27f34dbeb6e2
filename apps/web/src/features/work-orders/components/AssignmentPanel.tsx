import type { WorkOrder } from '@msched/contracts';
import { Button, Typography } from '@mui/material';
import { Section } from '@/components/ui/Section';
import { formatDateTime } from '@/lib/format';

interface Props {
  workOrder: WorkOrder;
  /** Shown to those who may assign, while the work can still be (re)scheduled. */
  onAssign?: () => void;
}

export function AssignmentPanel({ workOrder, onAssign }: Props) {
  const technician = workOrder.technician;
  return (
    <Section
      title="Assignment"
      actions={
        onAssign && (
          <Button size="small" variant="outlined" onClick={onAssign}>
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
