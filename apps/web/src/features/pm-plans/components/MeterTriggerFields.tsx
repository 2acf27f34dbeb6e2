import type { Meter } from '@msched/contracts';
import { Alert, Box, FormControlLabel, MenuItem, Switch, TextField } from '@mui/material';
import { Fieldset } from '@/components/ui/Fieldset';
import type { FieldErrors } from '@/lib/form-errors';
import type { MeterFormValues } from '../utils/pm-plan-form';

interface Props {
  meter: MeterFormValues;
  /** The meters of the plan's one piece of equipment; undefined while there is not exactly one. */
  meters: Meter[] | undefined;
  errors: FieldErrors;
  onChange: (changes: Partial<MeterFormValues>) => void;
  disabled?: boolean;
}

type NumberKey = 'every' | 'startsAt' | 'above' | 'below';

/** The meter trigger: every N units of a counter, and/or a reading above or below a threshold. */
export function MeterTriggerFields({ meter, meters, errors, onChange, disabled }: Props) {
  const chosen = meters?.find((candidate) => candidate.id === meter.meterId);
  const unit = chosen ? ` (${chosen.unit})` : '';
  const number = (key: NumberKey, label: string, hint: string) => (
    <TextField
      label={`${label}${unit}`}
      type="number"
      value={meter[key]}
      onChange={(event) => onChange({ [key]: event.target.value })}
      error={Boolean(errors[`meter.${key}`])}
      helperText={errors[`meter.${key}`] ?? hint}
    />
  );
  return (
    <Fieldset disabled={disabled}>
      <FormControlLabel
        control={<Switch checked={meter.enabled} onChange={(event) => onChange({ enabled: event.target.checked })} />}
        label="Meter trigger"
      />
      {meter.enabled && meters === undefined && (
        <Alert severity="info">A meter trigger follows one meter: choose exactly one piece of equipment first.</Alert>
      )}
      {meter.enabled && meters !== undefined && (
        <Box sx={{ display: 'grid', gap: 2, mt: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          <Box sx={{ gridColumn: '1 / -1' }}>
            <TextField
              select
              fullWidth
              label="Meter"
              required
              value={meter.meterId}
              onChange={(event) => onChange({ meterId: event.target.value })}
              error={Boolean(errors['meter.meterId'])}
              helperText={errors['meter.meterId'] ?? (meters.length === 0 ? 'This equipment has no meters' : undefined)}
            >
              {meters.map((candidate) => (
                <MenuItem key={candidate.id} value={candidate.id}>
                  {candidate.name} ({candidate.unit}, {candidate.kind === 'COUNTER' ? 'counter' : 'gauge'})
                </MenuItem>
              ))}
            </TextField>
          </Box>
          {number('every', 'Every', 'Counters only: e.g. every 500 operating hours')}
          {number('startsAt', 'Counting from', 'Default: the current reading')}
          {number('above', 'When above', 'A reading above this value')}
          {number('below', 'When below', 'A reading below this value')}
        </Box>
      )}
    </Fieldset>
  );
}
