import { PM_WORK_ORDER_TYPES, PRIORITIES } from '@msched/contracts';
import { Box, Checkbox, FormControlLabel, FormHelperText, MenuItem, TextField } from '@mui/material';
import { ConflictGroupsField } from '@/components/ui/ConflictGroupsField';
import { RequiresDowntimeField } from '@/components/ui/RequiresDowntimeField';
import type { FieldErrors } from '@/lib/form-errors';
import { humanize } from '@/lib/format';
import type { TemplateFormValues } from '../utils/pm-plan-form';
import { boundTextFields } from '@/components/ui/bound-text-field';

interface Props {
  template: TemplateFormValues;
  errors: FieldErrors;
  onChange: (changes: Partial<TemplateFormValues>) => void;
  disabled?: boolean;
}

type TextKey = 'title' | 'description' | 'estimatedDuration' | 'requiredSkills' | 'crewSize';

/** The work order each occurrence makes: what, how urgent, how long, who can do it, what it needs down or holds. */
export function TemplateFields({ template, errors, onChange, disabled }: Props) {
  const error = (key: string) => errors[`template.${key}`];
  const field = boundTextFields<TextKey>(template, error, onChange, { disabled });
  const choice = (key: 'type' | 'priority', label: string, options: readonly string[]) => (
    <TextField select label={label} value={template[key]} onChange={(event) => onChange({ [key]: event.target.value })} disabled={disabled}>
      {options.map((option) => (
        <MenuItem key={option} value={option}>
          {humanize(option)}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <Box sx={{ gridColumn: '1 / -1' }}>
        {field('title', 'Work order title', { required: true, slotProps: { htmlInput: { maxLength: 300 } } })}
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>{field('description', 'Work order description', { multiline: true, minRows: 2 })}</Box>
      {choice('type', 'Type', PM_WORK_ORDER_TYPES)}
      {choice('priority', 'Priority', PRIORITIES)}
      {field('estimatedDuration', 'Estimated minutes', { type: 'number', slotProps: { htmlInput: { min: 0, step: 15 } } })}
      {field('crewSize', 'Crew size', { type: 'number', slotProps: { htmlInput: { min: 1, max: 3 } } })}
      <Box sx={{ gridColumn: '1 / -1' }}>
        {field('requiredSkills', 'Required skills', {}, 'Comma-separated, with a minimum level if needed: welding:3, electrical')}
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <RequiresDowntimeField
          checked={template.requiresDowntime}
          onChange={(requiresDowntime) => onChange({ requiresDowntime })}
          disabled={disabled}
        />
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <FormControlLabel
          control={<Checkbox checked={template.avoidEarly} onChange={(event) => onChange({ avoidEarly: event.target.checked })} />}
          label="Not well before it is due"
          disabled={disabled}
        />
        <FormHelperText sx={{ mt: 0 }}>
          The optimizer plans it to end close to its due date (intervals that matter: lubrication, calibration).
        </FormHelperText>
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <ConflictGroupsField
          value={template.conflictGroups}
          onChange={(conflictGroups) => onChange({ conflictGroups })}
          errors={errors}
          path="template.conflictGroups"
          disabled={disabled}
        />
      </Box>
    </Box>
  );
}
