import { Alert, Box, Stack } from '@mui/material';
import { type FormEvent, useRef, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { FormActions } from '@/components/ui/FormActions';
import { WeeklyCalendarFields } from '@/components/weekly-calendar/WeeklyCalendarFields';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import type { FieldErrors } from '@/lib/form-errors';
import { useVersionedForm } from '@/lib/use-versioned-form';
import { type WeeklyCalendarForm, toWeeklyCalendarForm } from '@/lib/weekly-calendar-form';
import type { AvailabilityPlan } from '../api/get-availability';
import { useReplaceTechnicianAvailabilityMutation } from '../api/replace-availability';
import { AVAILABILITY_WORDING, parseAvailabilityForm } from '../utils/availability-form';

const NEW_SHIFT = { start: '07:00', end: '15:30' };

interface Props {
  technicianId: string;
  plan: AvailabilityPlan;
  onDone: () => void;
  onReload: () => void;
}

/** Time zone, weekly shifts and exceptions: checked by the contract's schema, then PUT whole against the version shown. */
export function AvailabilityEditor({ technicianId, plan, onDone, onReload }: Props) {
  const { form, setForm, baseVersion, reload } = useVersionedForm(plan, toWeeklyCalendarForm, onReload);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [replace, { error, isLoading }] = useReplaceTechnicianAvailabilityMutation();
  const formElement = useRef<HTMLFormElement>(null);
  const set = (changes: Partial<WeeklyCalendarForm>) => setForm((current) => ({ ...current, ...changes }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAvailabilityForm(form);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      return focusFirstInvalid(formElement.current);
    }
    setErrors({});
    const saved = await replace({ technicianId, version: baseVersion, availability: parsed.availability })
      .unwrap()
      .then(() => true)
      .catch(() => false);
    if (saved) onDone();
  };

  return (
    <Box component="form" ref={formElement} onSubmit={save} noValidate aria-label="Availability">
      <Stack spacing={2.5}>
        {Object.keys(errors).length > 0 && <Alert severity="error">Some fields need attention.</Alert>}
        <WeeklyCalendarFields form={form} errors={errors} onChange={set} wording={AVAILABILITY_WORDING} newRow={NEW_SHIFT} />
        <ProblemAlert error={error} subject="availability" onReload={reload} />
        <FormActions label="Save availability" busyLabel="Saving…" busy={isLoading} cancel={onDone} />
      </Stack>
    </Box>
  );
}
