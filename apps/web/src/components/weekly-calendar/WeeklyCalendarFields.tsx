import { TextField } from '@mui/material';
import type { FieldErrors } from '@/lib/form-errors';
import type { WeeklyCalendarForm } from '@/lib/weekly-calendar-form';
import { ExceptionRowsField } from './ExceptionRowsField';
import { WeeklyPatternField } from './WeeklyPatternField';
import type { WeeklyCalendarWording } from './wording';

interface Props {
  form: WeeklyCalendarForm;
  /** Messages by the contract's paths: `timezone`, `weeklyPattern.0.end`, `exceptions.1.start`. */
  errors: FieldErrors;
  onChange: (changes: Partial<WeeklyCalendarForm>) => void;
  wording: WeeklyCalendarWording;
  newRow: { start: string; end: string };
}

/** Time zone, weekly rows and dated exceptions, each with the message for it. */
export function WeeklyCalendarFields({ form, errors, onChange, wording, newRow }: Props) {
  return (
    <>
      <TextField
        size="small"
        label={wording.timezone}
        value={form.timezone}
        onChange={(event) => onChange({ timezone: event.target.value })}
        error={Boolean(errors.timezone)}
        helperText={errors.timezone ?? 'An IANA name such as Europe/Berlin'}
        sx={{ maxWidth: 320 }}
      />
      <WeeklyPatternField
        rows={form.weeklyPattern}
        errors={errors}
        onChange={(weeklyPattern) => onChange({ weeklyPattern })}
        wording={wording}
        newRow={newRow}
      />
      <ExceptionRowsField
        exceptions={form.exceptions}
        errors={errors}
        onChange={(exceptions) => onChange({ exceptions })}
        wording={wording}
      />
    </>
  );
}
