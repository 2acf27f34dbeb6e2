import { AssignWorkOrder, MAX_BOOKING_DAYS, type WorkOrder, type z } from '@msched/contracts';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { fromLocalInput, toDateTimeInput } from '@/lib/format';
import { fieldErrorsFrom } from '@/lib/form-errors';
import { toProblem } from '@/lib/problem';
import { useAssignWorkOrderMutation } from '../api/assign-work-order';
import { ConflictList, type ScheduleConflicts } from './ConflictList';
import { TechnicianPicker } from './TechnicianPicker';
import { touchTarget } from '@/components/ui/touch-target';

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

/** The contract's refusals in the words of the dialog's labels; a crew member named twice keeps its own. */
function assignMessage(issue: z.ZodError['issues'][number], times: { start: string; end: string }): string | undefined {
  switch (issue.path[0]) {
    case 'technicianId':
      return 'Choose a technician';
    case 'scheduledStartTime':
      return 'Choose the start';
    case 'scheduledEndTime':
      if (!times.end) return 'Choose the end';
      return times.end > times.start ? `A booking may last at most ${MAX_BOOKING_DAYS} days` : 'End must be after start';
    default:
      return undefined;
  }
}

function assignErrors(error: z.ZodError, times: { start: string; end: string }) {
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    const message = assignMessage(issue, times);
    if (message) messages[issue.path.map(String).join('.')] ??= message;
  }
  return fieldErrorsFrom(error, messages);
}

/**
 * Technician, crew (work for more than one) and time; the server's 409 (skills, overlaps with the
 * people's other work or with other work on the equipment, work holding the same conflict group,
 * predecessors not finished in time, time outside the equipment's maintenance windows) is shown
 * with a way to assign anyway. Fewer people than the work's crew size is asked about before
 * anything is sent: the planner may still book them (a member joins later, the work is split).
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
  // The people the planner agreed to book short-handed (asked again when they change).
  const [shortHandedTeam, setShortHandedTeam] = useState<string | null>(null);
  const [askShortHanded, setAskShortHanded] = useState(false);
  const [assign, { isLoading, error, reset }] = useAssignWorkOrderMutation();
  const problem = toProblem(error);
  const conflicts = problem?.status === 409 ? (problem.conflicts as ScheduleConflicts | undefined) : undefined;
  const crewIds = crew.filter(Boolean);
  const chosen = 1 + crewIds.length;
  const team = [technicianId, ...crewIds].join(',');
  // Gone as soon as the crew is complete.
  const warnShortHanded = askShortHanded && chosen < workOrder.crewSize;

  const submit = async (force: boolean, shortHanded = shortHandedTeam === team) => {
    const body = {
      technicianId,
      crewTechnicianIds: crewIds,
      scheduledStartTime: fromLocalInput(times.start),
      scheduledEndTime: fromLocalInput(times.end),
      force,
    };
    const parsed = AssignWorkOrder.safeParse(body);
    if (!parsed.success) {
      setFieldErrors(assignErrors(parsed.error, times));
      return;
    }
    setFieldErrors({});
    reset();
    if (chosen < workOrder.crewSize && !shortHanded) {
      setAskShortHanded(true);
      return;
    }
    setAskShortHanded(false);
    setShortHandedTeam(chosen < workOrder.crewSize ? team : null);
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
          {warnShortHanded && (
            <Alert severity="warning" role="alert">
              This work needs a crew of {workOrder.crewSize}; only {chosen === 1 ? 'the technician is' : `${chosen} people are`} chosen.
              Choose the other crew {workOrder.crewSize - chosen === 1 ? 'member' : 'members'}, or assign anyway.
            </Alert>
          )}
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
      <DialogActions sx={{ '& .MuiButton-root': touchTarget }}>
        <Button onClick={onClose}>Cancel</Button>
        {(conflicts || warnShortHanded) && (
          // Short-handed: booked as chosen, still checked for conflicts; a conflict: booked despite it.
          <Button color="warning" onClick={() => void (warnShortHanded ? submit(false, true) : submit(true))} disabled={isLoading}>
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
