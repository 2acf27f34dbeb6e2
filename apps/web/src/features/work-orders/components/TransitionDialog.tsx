import { type Completion, type WorkOrderStatus } from '@msched/contracts';
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  TextField,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { transitionLabel } from '../utils/labels';

export interface TransitionInput {
  note?: string;
  completion?: Completion;
}

interface Props {
  from: WorkOrderStatus;
  to: WorkOrderStatus;
  busy: boolean;
  /** The server's refusal of the last try: shown here, over the input kept for the next one. */
  error?: unknown;
  /** After a 412: fetch the newest version, then try again from the same input. */
  onReload?: () => void;
  onCancel: () => void;
  onConfirm: (input: TransitionInput) => void;
}

/**
 * What a status button and its dialog say. "Close" alone names the work order's move, distinct
 * from the many buttons that close a banner or a dialog.
 */
export const statusActionLabel = (from: WorkOrderStatus, to: WorkOrderStatus) =>
  to === 'CLOSED' ? 'Close work order' : transitionLabel(from, to);

/** Transitions that ask for something first, or for a confirmation (closing cannot be undone). */
export function needsDialog(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return (
    to === 'ON_HOLD' ||
    to === 'CANCELLED' ||
    to === 'CLOSED' ||
    (from === 'IN_PROGRESS' && (to === 'COMPLETED' || to === 'PENDING_APPROVAL'))
  );
}

/**
 * A reason for hold and cancel; failure codes (ISO 14224 style) when the work is finished; a
 * warning before closing. Stays open when the server refuses, so nothing typed is lost.
 */
export function TransitionDialog({ from, to, busy, error, onReload, onCancel, onConfirm }: Props) {
  const finishing = from === 'IN_PROGRESS' && (to === 'COMPLETED' || to === 'PENDING_APPROVAL');
  const [note, setNote] = useState('');
  const [completion, setCompletion] = useState({ failureMode: '', failureCause: '', remedy: '', firstTimeFix: true });
  const set = (field: 'failureMode' | 'failureCause' | 'remedy') => (value: string) => setCompletion({ ...completion, [field]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = (value: string) => value.trim() || undefined;
    onConfirm({
      note: trimmed(note),
      completion: finishing
        ? {
            failureMode: trimmed(completion.failureMode),
            failureCause: trimmed(completion.failureCause),
            remedy: trimmed(completion.remedy),
            firstTimeFix: completion.firstTimeFix,
          }
        : undefined,
    });
  };

  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm" slotProps={{ paper: { component: 'form', onSubmit: submit } }}>
      <DialogTitle>{statusActionLabel(from, to)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {to === 'CLOSED' && <Alert severity="warning">Closing is final: a closed work order cannot be reopened or changed.</Alert>}
          {finishing && (
            <>
              <TextField
                label="Failure mode"
                value={completion.failureMode}
                onChange={(event) => set('failureMode')(event.target.value)}
                helperText="How it failed, e.g. LEAK, VIBRATION"
              />
              <TextField
                label="Failure cause"
                value={completion.failureCause}
                onChange={(event) => set('failureCause')(event.target.value)}
              />
              <TextField
                label="Remedy"
                value={completion.remedy}
                onChange={(event) => set('remedy')(event.target.value)}
                helperText="What was done, e.g. REPLACED SEAL"
              />
              <FormControlLabel
                control={
                  <Checkbox
                    checked={completion.firstTimeFix}
                    onChange={(event) => setCompletion({ ...completion, firstTimeFix: event.target.checked })}
                  />
                }
                label="Fixed the first time"
              />
            </>
          )}
          <TextField
            label={to === 'ON_HOLD' || to === 'CANCELLED' ? 'Reason' : 'Note'}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            multiline
            minRows={2}
            helperText="Kept in the work order's history"
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
          <ProblemAlert error={error} subject="work order" onReload={onReload} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Back</Button>
        <Button type="submit" variant="contained" disabled={busy}>
          {statusActionLabel(from, to)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
