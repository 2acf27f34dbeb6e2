import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import { type FormEvent, useRef, useState } from 'react';
import { useVersionedForm } from '../hooks/use-versioned-form';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import type { FieldErrors } from '@/lib/form-errors';
import type { AvailabilityPlan } from '../api/get-availability';
import { useReplaceTechnicianAvailabilityMutation } from '../api/replace-availability';
import { type AvailabilityForm, parseAvailabilityForm, toAvailabilityForm } from '../utils/availability-form';
import { ExceptionRowsField } from './ExceptionRowsField';
import { ShiftRowsField } from './ShiftRowsField';

interface Props {
  technicianId: string;
  plan: AvailabilityPlan;
  onDone: () => void;
  onReload: () => void;
}

/** Time zone, weekly shifts and exceptions: checked by the contract's schema, then PUT whole against the version shown. */
export function AvailabilityEditor({ technicianId, plan, onDone, onReload }: Props) {
  const { form, setForm, baseVersion, reload } = useVersionedForm(plan, toAvailabilityForm, onReload);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [replace, { error, isLoading }] = useReplaceTechnicianAvailabilityMutation();
  const formElement = useRef<HTMLFormElement>(null);
  const set = (changes: Partial<AvailabilityForm>) => setForm((current) => ({ ...current, ...changes }));

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
        <TextField
          size="small"
          label="Time zone of the shifts"
          value={form.timezone}
          onChange={(event) => set({ timezone: event.target.value })}
          error={Boolean(errors.timezone)}
          helperText={errors.timezone ?? 'An IANA name such as Europe/Berlin'}
          sx={{ maxWidth: 320 }}
        />
        <ShiftRowsField shifts={form.shifts} errors={errors} onChange={(shifts) => set({ shifts })} />
        <ExceptionRowsField exceptions={form.exceptions} errors={errors} onChange={(exceptions) => set({ exceptions })} />
        <ProblemAlert error={error} subject="availability" onReload={reload} />
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button type="submit" variant="contained" disabled={isLoading}>
            {isLoading ? 'Saving…' : 'Save availability'}
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </Box>
      </Stack>
    </Box>
  );
}
