import type { AuthUser, WorkOrder, WorkOrderStatus } from '@msched/contracts';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useChangeWorkOrderStatusMutation } from '../api/change-work-order-status';
import { statusLabel } from '../utils/labels';
import { nextStatesFor } from '../utils/permissions';
import { TransitionDialog, type TransitionInput, needsDialog, statusActionLabel } from './TransitionDialog';
import { touchTarget } from '@/components/ui/touch-target';

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
 * nothing else is offered, so a 409 only happens when someone else moved the work order first or
 * a rule of the server's stands in the way (checklist tasks not done), said in the dialog.
 */
export function StatusActions({ workOrder, user, onSchedule, onReload, size = 'medium' }: Props) {
  const [changeStatus, { isLoading, error, reset }] = useChangeWorkOrderStatusMutation();
  // The move being confirmed in the dialog, and the state it was asked from.
  const [pending, setPending] = useState<{ from: WorkOrderStatus; to: WorkOrderStatus } | null>(null);
  // The state this user moved the work order to; `arrived` once the page shows it.
  const [movedTo, setMovedTo] = useState<WorkOrderStatus | null>(null);
  const group = useRef<HTMLDivElement>(null);
  const news = useRef<HTMLParagraphElement>(null);
  const focusAfterMove = useRef(false);
  const targets = nextStatesFor(user, workOrder).filter((to) => to !== 'SCHEDULED' || workOrder.technicianId || onSchedule);
  const arrived = movedTo !== null && movedTo === workOrder.status;
  // Moved on meanwhile (a reload, someone else): the move asked for no longer applies.
  if (pending && (pending.from !== workOrder.status || !targets.includes(pending.to))) setPending(null);

  // The pressed button left with the state it belonged to, dropping the keyboard to the page: it
  // goes on from the first action now offered, or from the news that none is left, unless the
  // user already moved it elsewhere.
  useEffect(() => {
    if (!arrived || !focusAfterMove.current) return;
    // Once per move this user made: a later change back to this state by someone else takes nothing.
    focusAfterMove.current = false;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    (group.current?.querySelector('button') ?? news.current)?.focus();
  }, [arrived]);

  if (targets.length === 0 && !arrived) return null;

  const go = async (to: WorkOrderStatus, input: TransitionInput = {}) => {
    reset();
    const result = await changeStatus({ id: workOrder.id, version: workOrder.version, status: to, ...input });
    // Refused: the dialog stays open with what was typed, the reason shown in it.
    if (result.error) return;
    setPending(null);
    focusAfterMove.current = true;
    setMovedTo(to);
  };
  const click = (to: WorkOrderStatus) => {
    if (to === 'SCHEDULED' && !workOrder.technicianId) return onSchedule?.();
    if (needsDialog(workOrder.status, to)) return setPending({ from: workOrder.status, to });
    void go(to);
  };
  const reload = () => {
    reset();
    onReload();
  };

  return (
    <Box>
      {targets.length > 0 && (
        <Stack ref={group} direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} role="group" aria-label="Change status">
          {targets.map((to) => (
            <Button
              key={to}
              size={size}
              data-next-status={to}
              variant={PRIMARY.includes(to) ? 'contained' : 'outlined'}
              color={to === 'CANCELLED' ? 'error' : 'primary'}
              disabled={isLoading}
              onClick={() => click(to)}
              sx={touchTarget}
            >
              {statusActionLabel(workOrder.status, to)}
            </Button>
          ))}
        </Stack>
      )}
      {arrived && (
        <Typography ref={news} role="status" tabIndex={-1} variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Now {statusLabel(workOrder.status).toLowerCase()}.
        </Typography>
      )}
      {error && !pending && (
        <Box sx={{ mt: 1 }}>
          <ProblemAlert error={error} subject="work order" onReload={reload} />
        </Box>
      )}
      {pending && (
        <TransitionDialog
          from={pending.from}
          to={pending.to}
          busy={isLoading}
          error={error}
          onReload={reload}
          onCancel={() => setPending(null)}
          onConfirm={(input) => void go(pending.to, input)}
        />
      )}
    </Box>
  );
}
