import type { Technician, WorkOrder } from '@msched/contracts';
import {
  Alert,
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useId, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { fromLocalInput, toDateTimeInput } from '@/lib/format';
import type { Problem } from '@/lib/problem';
import { useAppDispatch } from '@/lib/store';
import { useFocusBackWhenDone } from '@/lib/use-focus-back-when-done';
import { useListBoardTechniciansQuery } from '../api/list-board-technicians';
import { refetchBoardRows } from '../api/refetch-board-rows';
import { conflictMessage } from '../hooks/use-board-moves';
import { useBoardWorkOrder } from '../hooks/use-board-work-order';
import { HOUR_MS } from '../utils/board-time';
import { bookingLength, formatSpan, technicianName } from '../utils/work-order-display';
import { useBoard } from './board-context';

/** Where the dialog starts: the current booking, else the next full hour in view, else 08:00 of the first day shown. */
function initialStart(workOrder: WorkOrder, rangeStart: number, rangeEnd: number): number {
  if (workOrder.scheduledStartTime) return Date.parse(workOrder.scheduledStartTime);
  const nextHour = Math.ceil(Date.now() / HOUR_MS) * HOUR_MS;
  return nextHour >= rangeStart && nextHour < rangeEnd ? nextHour : rangeStart + 8 * HOUR_MS;
}

interface Props {
  /** As it was when the dialog opened; what is sent is the board's newest copy of it. */
  workOrder: WorkOrder;
  /** With the work order when it was booked: the board puts the keyboard on its bar. */
  onClose: (booked?: WorkOrder) => void;
}

/**
 * The keyboard (and touch) way to move work: pick a technician and a start; the length stays.
 * The server's answer is shown here: a refusal with its reason, a way to override a 409, and
 * Reload after a 412 (someone else changed the work since the board showed it).
 */
export function MoveDialog({ workOrder: opened, onClose }: Props) {
  const board = useBoard();
  // Someone else may change it while the dialog is open: the board's newest copy is what is sent.
  const workOrder = useBoardWorkOrder(opened);
  const dispatch = useAppDispatch();
  const titleId = useId();
  const { data: technicians, isFetching } = useListBoardTechniciansQuery({ page: 1, limit: 100 });
  const [technicianId, setTechnicianId] = useState(workOrder.technicianId ?? board.rows[0]?.id ?? '');
  const [start, setStart] = useState(() =>
    toDateTimeInput(new Date(initialStart(workOrder, board.range.start, board.range.end)).toISOString()),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // Saving disables the buttons and a reload takes its own away: the keyboard comes back to the submit button.
  const submitButton = useFocusBackWhenDone<HTMLButtonElement>(busy);
  const options = technicians?.data ?? [...board.rows];
  const startAt = Date.parse(fromLocalInput(start) ?? '');
  const valid = Boolean(technicianId) && Number.isFinite(startAt);
  // As opened: the copy shown while saving is already booked, which is no reason to rename the dialog.
  const verb = opened.technicianId ? 'Move' : 'Schedule';

  const submit = async (force: boolean) => {
    if (!valid) return;
    setBusy(true);
    const refused = await board.moves.move(workOrder, technicianId, startAt, { force, quiet: true });
    setBusy(false);
    if (refused) setProblem(refused);
    else onClose(workOrder);
  };
  const reload = async () => {
    setBusy(true);
    await dispatch(refetchBoardRows());
    setBusy(false);
    setProblem(null);
  };

  return (
    <Dialog
      open
      onClose={() => onClose()}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
      slotProps={{ paper: { component: 'form', onSubmit: (event: FormEvent) => (event.preventDefault(), void submit(false)) } }}
    >
      <DialogTitle id={titleId}>
        {verb} {workOrder.workOrderNumber}
      </DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>{workOrder.title}</Typography>
        <Stack spacing={2}>
          <Autocomplete<Technician>
            options={options}
            value={options.find((technician) => technician.id === technicianId) ?? null}
            onChange={(_event, technician) => (setTechnicianId(technician?.id ?? ''), setProblem(null))}
            getOptionLabel={(technician) => `${technicianName(technician)} (${technician.employeeId})`}
            isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
            loading={isFetching}
            renderInput={(params) => <TextField {...params} label="Technician" required />}
          />
          <TextField
            label="Start"
            type="datetime-local"
            required
            value={start}
            onChange={(event) => (setStart(event.target.value), setProblem(null))}
            slotProps={{ inputLabel: { shrink: true } }}
            helperText={Number.isFinite(startAt) ? `Booked ${formatSpan(startAt, startAt + bookingLength(workOrder))}` : 'Enter a start'}
          />
          {problem?.status === 412 ? (
            <Alert
              severity="warning"
              role="alert"
              action={
                <Button color="inherit" size="small" onClick={() => void reload()} disabled={busy}>
                  Reload
                </Button>
              }
            >
              Someone else changed {workOrder.workOrderNumber} since the board showed it. Reload to see their version, then{' '}
              {verb.toLowerCase()} it again.
            </Alert>
          ) : (
            problem && (
              <Alert severity={problem.status === 409 ? 'warning' : 'error'} role="alert">
                The server did not accept this: {conflictMessage(problem)}
                {problem.status === 409 && ' Pick another technician or time, or assign anyway.'}
              </Alert>
            )
          )}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap' }}>
        <Link component={RouterLink} to={`/work-orders/${workOrder.id}`} sx={{ mr: 'auto', ml: 1 }}>
          Open work order
        </Link>
        <Button onClick={() => onClose()}>Cancel</Button>
        {problem?.status === 409 && (
          <Button color="warning" onClick={() => void submit(true)} disabled={busy}>
            Assign anyway
          </Button>
        )}
        <Button ref={submitButton} type="submit" variant="contained" disabled={busy || !valid}>
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
