import { AssignWorkOrder, type WorkOrder } from '@msched/contracts';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { fromLocalInput, toDateTimeInput } from '@/lib/format';
import { fieldErrorsFrom } from '@/lib/form-errors';
import { toProblem } from '@/lib/problem';
import { useAssignWorkOrderMutation } from '../api/assign-work-order';
import { ConflictList, type ScheduleConflicts } from './ConflictList';
import { TechnicianPicker } from './TechnicianPicker';

interface Props {
  workOrder: Pick<
    WorkOrder,
    'id' | 'version' | 'technicianId' | 'crewTechnicianIds' | 'crewSize' | 'scheduledStartTime' | 'scheduledEndTime' | 'estimatedDuration'
  >;
  onClose: () => void;
  onReload: () => void;
}

function defaultTimes(workOrder: Props['workOrder']) {
  if (workOrder.scheduledStartTime && workOrder.scheduledEndTime)
    return { start: toDateTimeInput(workOrder.scheduledStartTime), end: toDateTimeInput(workOrder.scheduledEndTime) };
  const start = new Date();
  start.setHours(start.getHours() + 1, 0, 0, 0);
  const end = new Date(start.getTime() + (workOrder.estimatedDuration ?? 60) * 60_000);
  return { start: toDateTimeInput(start.toISOString()), end: toDateTimeInput(end.toISOString()) };
}

/**
 * Technician, crew (work for more than one) and time; the server's 409 (skills, overlaps with the
 * people's other work or with other work on the equipment, work holding the same conflict group,
 * predecessors not finished in time, time outside the equipment's maintenance windows) is shown
 * with a way to assign anyway.
 */
export function AssignDialog({ workOrder, onClose, onReload }: Props) {
  const [technicianId, setTechnicianId] = useState(workOrder.technicianId ?? '');
  // One picker per member the work needs besides the technician (and any already booked).
  const [crew, setCrew] = useState(() =>
    Array.from(
      { length: Math.max(workOrder.crewSize - 1, workOrder.crewTechnicianIds.length) },
      (_, i) => workOrder.crewTechnicianIds[i] ?? '',
    ),
  );
  const [times, setTimes] = useState(() => defaultTimes(workOrder));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [assign, { isLoading, error, reset }] = useAssignWorkOrderMutation();
  const problem = toProblem(error);
  const conflicts = problem?.status === 409 ? (problem.conflicts as ScheduleConflicts | undefined) : undefined;

  const submit = async (force: boolean) => {
    const body = {
      technicianId,
      crewTechnicianIds: crew.filter(Boolean),
      scheduledStartTime: fromLocalInput(times.start),
      scheduledEndTime: fromLocalInput(times.end),
      force,
    };
    const parsed = AssignWorkOrder.safeParse(body);
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFrom(parsed.error, { technicianId: 'Choose a technician' }));
      return;
    }
    setFieldErrors({});
    reset();
    const result = await assign({ id: workOrder.id, version: workOrder.version, ...parsed.data });
    if (!result.error) onClose();
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      slotProps={{ paper: { component: 'form', onSubmit: (event: FormEvent) => (event.preventDefault(), void submit(false)) } }}
    >
      <DialogTitle>Assign and schedule</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TechnicianPicker value={technicianId} onChange={setTechnicianId} required error={fieldErrors.technicianId} />
          {crew.map((member, index) => (
            <TechnicianPicker
              key={index}
              label={`Crew member ${index + 1}`}
              value={member}
              onChange={(id) => setCrew(crew.map((other, at) => (at === index ? id : other)))}
              error={fieldErrors[`crewTechnicianIds.${crew.slice(0, index).filter(Boolean).length}`]}
            />
          ))}
          <TextField
            label="Start"
            type="datetime-local"
            required
            value={times.start}
            onChange={(event) => setTimes({ ...times, start: event.target.value })}
            error={Boolean(fieldErrors.scheduledStartTime)}
            helperText={fieldErrors.scheduledStartTime}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            label="End"
            type="datetime-local"
            required
            value={times.end}
            onChange={(event) => setTimes({ ...times, end: event.target.value })}
            error={Boolean(fieldErrors.scheduledEndTime)}
            helperText={fieldErrors.scheduledEndTime}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {conflicts ? (
            <Alert severity="warning" role="alert">
              This assignment conflicts: {problem?.detail?.replace('; send force: true to assign anyway', '')}.
              <ConflictList conflicts={conflicts} />
              You can pick another technician or time, or assign anyway.
            </Alert>
          ) : (
            <ProblemAlert error={error} subject="work order" onReload={() => (reset(), onReload(), onClose())} />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {conflicts && (
          <Button color="warning" onClick={() => void submit(true)} disabled={isLoading}>
            Assign anyway
          </Button>
        )}
        <Button type="submit" variant="contained" disabled={isLoading}>
          Assign
        </Button>
      </DialogActions>
    </Dialog>
  );
}
