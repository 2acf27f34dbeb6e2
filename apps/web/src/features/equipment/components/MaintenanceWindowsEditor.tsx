import type { Equipment } from '@msched/contracts';
import { Alert, Box, Button, Stack } from '@mui/material';
import { type FormEvent, useRef, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { WeeklyCalendarFields } from '@/components/weekly-calendar/WeeklyCalendarFields';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import { type FieldErrors, problemFieldErrors } from '@/lib/form-errors';
import { useVersionedForm } from '@/lib/use-versioned-form';
import type { WeeklyCalendarForm } from '@/lib/weekly-calendar-form';
import { useUpdateMaintenanceWindowsMutation } from '../api/update-maintenance-windows';
import { WINDOWS_WORDING, parseWindowsForm, toWindowsForm, windowsFieldErrors } from '../utils/maintenance-windows-form';

const NEW_WINDOW = { start: '22:00', end: '06:00' };

interface Props {
  equipment: Equipment;
  onDone: () => void;
  onReload: () => void;
}

/**
 * Time zone, weekly windows and dated additions or exclusions: checked by the contract's schema,
 * then PATCHed whole against the version shown; the server's field messages land at the fields.
 */
export function MaintenanceWindowsEditor({ equipment, onDone, onReload }: Props) {
  const { form, setForm, baseVersion, reload } = useVersionedForm(equipment, toWindowsForm, onReload);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [update, { error, isLoading, reset }] = useUpdateMaintenanceWindowsMutation();
  const formElement = useRef<HTMLFormElement>(null);
  const set = (changes: Partial<WeeklyCalendarForm>) => setForm((current) => ({ ...current, ...changes }));
  const shown = { ...windowsFieldErrors(problemFieldErrors(error)), ...errors };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseWindowsForm(form);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      return focusFirstInvalid(formElement.current);
    }
    setErrors({});
    const saved = await update({ id: equipment.id, version: baseVersion, maintenanceWindows: parsed.maintenanceWindows })
      .unwrap()
      .then(() => true)
      .catch(() => false);
    if (saved) onDone();
    else focusFirstInvalid(formElement.current);
  };

  return (
    <Box component="form" ref={formElement} onSubmit={save} noValidate aria-label="Maintenance windows">
      <Stack spacing={2.5}>
        {Object.keys(errors).length > 0 && <Alert severity="error">Some fields need attention.</Alert>}
        <WeeklyCalendarFields form={form} errors={shown} onChange={set} wording={WINDOWS_WORDING} newRow={NEW_WINDOW} />
        <ProblemAlert
          error={error}
          subject="equipment"
          onReload={() => {
            reset();
            reload();
          }}
        />
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" disabled={isLoading}>
            {isLoading ? 'Saving…' : 'Save windows'}
          </Button>
          <Button onClick={onDone}>Cancel</Button>
        </Box>
      </Stack>
    </Box>
  );
}
