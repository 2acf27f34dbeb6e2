import { TrainModelRequest } from '@msched/contracts';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { fieldErrorsFrom } from '@/lib/form-errors';
import { useAppDispatch } from '@/lib/store';
import { toastShown } from '@/lib/toasts';
import { useTrainModelMutation } from '../api/train-model';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Types seen among the versions, offered as suggestions. */
  knownTypes: string[];
}

/** Starts training a new version for one equipment type; it becomes active by itself when ready. */
export function TrainModelDialog({ open, onClose, knownTypes }: Props) {
  const [equipmentType, setEquipmentType] = useState(knownTypes[0] ?? '');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [train, { isLoading, error, reset }] = useTrainModelMutation();
  const dispatch = useAppDispatch();

  const close = () => {
    reset();
    setFieldError(undefined);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = TrainModelRequest.safeParse({ equipmentType });
    if (!parsed.success) return setFieldError(fieldErrorsFrom(parsed.error).equipmentType);
    setFieldError(undefined);
    const result = await train(parsed.data);
    if (!result.data) return;
    dispatch(
      toastShown({
        message: `Training ${result.data.equipmentType} v${result.data.version}; it becomes active when ready.`,
        severity: 'success',
      }),
    );
    close();
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="train-model-title" fullWidth maxWidth="xs">
      <form noValidate onSubmit={(event) => void submit(event)}>
        <DialogTitle id="train-model-title">Train a new model version</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            Learns from the sensor readings before each recorded failure of this equipment type. It runs in the background; this list shows
            when it is ready.
          </DialogContentText>
          <TextField
            autoFocus
            fullWidth
            required
            label="Equipment type"
            value={equipmentType}
            onChange={(event) => setEquipmentType(event.target.value)}
            error={Boolean(fieldError)}
            helperText={fieldError ?? (knownTypes.length ? `Known types: ${knownTypes.join(', ')}` : undefined)}
          />
          <ProblemAlert error={error} subject="model" />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={isLoading}>
            {isLoading ? 'Starting…' : 'Start training'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
