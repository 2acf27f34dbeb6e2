import { TextField } from '@mui/material';
import { type FieldErrors, labelListErrors } from '@/lib/form-errors';

interface Props {
  /** The groups as typed: `hot-work, crane:north`. */
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  /** Where the form files the list's messages: `conflictGroups`, `template.conflictGroups`. */
  path: string;
  disabled?: boolean;
}

/** What the work holds while it is done, typed as labels; a message about one group names it. */
export function ConflictGroupsField({ value, onChange, errors, path, disabled }: Props) {
  const message = labelListErrors(errors, path, value);
  return (
    <TextField
      label="Conflict groups"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(message)}
      helperText={message ?? 'Comma-separated, e.g. hot-work, crane:north, zone/b2: work sharing a group is never booked at the same time'}
      disabled={disabled}
      fullWidth
    />
  );
}
