import type { AuthUser, WorkOrder, WorkOrderStatus } from '@msched/contracts';
import { Box, Button, Stack } from '@mui/material';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useChangeWorkOrderStatusMutation } from '../api/change-work-order-status';
import { transitionLabel } from '../utils/labels';
import { nextStatesFor } from '../utils/permissions';
import { TransitionDialog, type TransitionInput, needsDialog } from './TransitionDialog';

interface Props {
  workOrder: Pick<WorkOrder, 'id' | 'version' | 'status' | 'technicianId' | 'crewTechnicianIds' | 'requesterId'>;
  user: AuthUser;
  /** Scheduling from the backlog needs a technician and a time: the assignment dialog. */
  onSchedule?: () => void;
  /** After a 412: fetch the newest version. */
  onReload: () => void;
  size?: 'small' | 'medium';
}

const PRIMARY: readonly WorkOrderStatus[] = ['IN_PROGRESS', 'COMPLETED', 'SCHEDULED', 'CLOSED'];

/**
 * One button per transition the user may make now, straight from the contract's state machine;
 * nothing else is offered, so a 409 only happens when someone else moved the work order first.
 */
export function StatusActions({ workOrder, user, onSchedule, onReload, size = 'medium' }: Props) {
  const [changeStatus, { isLoading, error, reset }] = useChangeWorkOrderStatusMutation();
  const [pending, setPending] = useState<WorkOrderStatus | null>(null);
  const targets = nextStatesFor(user, workOrder).filter((to) => to !== 'SCHEDULED' || workOrder.technicianId || onSchedule);
  if (targets.length === 0) return null;

  const go = async (to: WorkOrderStatus, input: TransitionInput = {}) => {
    reset();
    // The dialog closes either way: an error is shown beside the buttons, not behind the dialog.
    await changeStatus({ id: workOrder.id, version: workOrder.version, status: to, ...input });
    setPending(null);
  };
  const click = (to: WorkOrderStatus) => {
    if (to === 'SCHEDULED' && !workOrder.technicianId) return onSchedule?.();
    if (needsDialog(workOrder.status, to)) return setPending(to);
    void go(to);
  };

  return (
    <Box>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} role="group" aria-label="Change status">
        {targets.map((to) => (
          <Button
            key={to}
            size={size}
            data-next-status={to}
            variant={PRIMARY.includes(to) ? 'contained' : 'outlined'}
            color={to === 'CANCELLED' ? 'error' : 'primary'}
            disabled={isLoading}
            onClick={() => click(to)}
          >
            {transitionLabel(workOrder.status, to)}
          </Button>
        ))}
      </Stack>
      {error && (
        <Box sx={{ mt: 1 }}>
          <ProblemAlert error={error} subject="work order" onReload={() => (reset(), onReload())} />
        </Box>
      )}
      {pending && (
        <TransitionDialog
          from={workOrder.status}
          to={pending}
          busy={isLoading}
          onCancel={() => setPending(null)}
          onConfirm={(input) => void go(pending, input)}
        />
      )}
    </Box>
  );
}
