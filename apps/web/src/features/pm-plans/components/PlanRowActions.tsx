import type { PmPlan } from '@msched/contracts';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import PauseIcon from '@mui/icons-material/PauseCircleOutlined';
import PlayIcon from '@mui/icons-material/PlayCircleOutlined';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, IconButton, Tooltip } from '@mui/material';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { describeProblem, toProblem } from '@/lib/problem';
import { useAppDispatch } from '@/lib/store';
import { useFocusBackWhenDone } from '@/lib/use-focus-back-when-done';
import { toastShown } from '@/lib/toasts';
import { useDeletePmPlanMutation } from '../api/delete-pm-plan';
import { useUpdatePmPlanMutation } from '../api/update-pm-plan';
import { DELETE_ACTION } from '../hooks/use-focus-after-delete';

interface Props {
  plan: PmPlan;
  /** The plan as paused or resumed (the detail page moves its form onto this version). */
  onChanged?: (plan: PmPlan) => void;
  /** Where to go once the plan is gone (the detail page leaves it; the list moves the focus on). */
  onDeleted?: () => void;
}

/** Pause or resume (PATCH status) and delete (after a confirmation), against the version shown. */
export function PlanRowActions({ plan, onChanged, onDeleted }: Props) {
  const [update, updating] = useUpdatePmPlanMutation();
  const [remove, removing] = useDeletePmPlanMutation();
  const [confirming, setConfirming] = useState(false);
  const paused = plan.status === 'PAUSED';
  const toggleLabel = `${paused ? 'Resume' : 'Pause'} ${plan.name}`;
  const dispatch = useAppDispatch();

  // The toggle is disabled while it is saved: the keyboard comes back to it (relabelled) after.
  const toggleButton = useFocusBackWhenDone<HTMLButtonElement>(updating.isLoading);

  const toggle = async () => {
    const result = await update({ id: plan.id, version: plan.version, changes: { status: paused ? 'ACTIVE' : 'PAUSED' } });
    if (result.data) onChanged?.(result.data);
    const problem = 'error' in result ? toProblem(result.error) : null;
    const message = problem ? describeProblem(problem, 'PM plan').message : `${plan.name} ${paused ? 'resumed' : 'paused'}.`;
    dispatch(toastShown({ message, severity: problem ? 'error' : 'success' }));
  };
  const confirmDelete = async () => {
    const result = await remove({ id: plan.id, version: plan.version });
    if ('error' in result) return;
    setConfirming(false);
    onDeleted?.();
  };

  return (
    <>
      <Tooltip title={paused ? 'Resume: generate work orders again' : 'Pause: generate no work orders until resumed'}>
        <IconButton ref={toggleButton} aria-label={toggleLabel} onClick={() => void toggle()} disabled={updating.isLoading}>
          {paused ? <PlayIcon /> : <PauseIcon />}
        </IconButton>
      </Tooltip>
      <Tooltip title="Delete">
        <IconButton aria-label={`Delete ${plan.name}`} onClick={() => setConfirming(true)} {...{ [DELETE_ACTION]: '' }}>
          <DeleteIcon />
        </IconButton>
      </Tooltip>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby={`delete-${plan.id}`}>
        <DialogTitle id={`delete-${plan.id}`}>Delete “{plan.name}”?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The plan stops generating work orders. Work orders it already made stay, with their history.
          </DialogContentText>
          <ProblemAlert error={removing.error} subject="PM plan" />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Keep it</Button>
          <Button color="error" variant="contained" onClick={() => void confirmDelete()} disabled={removing.isLoading}>
            Delete plan
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
