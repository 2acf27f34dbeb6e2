import { CALENDAR_UNITS, type CalendarUnit, SCHEDULE_MODES, type ScheduleMode } from '@msched/contracts';
import { Box, FormControlLabel, MenuItem, Radio, RadioGroup, Switch, TextField } from '@mui/material';
import { Fieldset } from '@/components/ui/Fieldset';
import type { FieldErrors } from '@/lib/form-errors';
import { MODE_LABEL } from '../utils/labels';
import type { CalendarFormValues } from '../utils/pm-plan-form';
import { unitLabel } from '../utils/trigger-summary';

interface Props {
  calendar: CalendarFormValues;
  errors: FieldErrors;
  onChange: (changes: Partial<CalendarFormValues>) => void;
  disabled?: boolean;
}

const dateProps = { type: 'date', slotProps: { inputLabel: { shrink: true } } } as const;

/** The calendar trigger: every N days/weeks/months/years or an RRULE, from a start date, fixed or floating. */
export function CalendarTriggerFields({ calendar, errors, onChange, disabled }: Props) {
  const error = (key: string) => errors[`calendar.${key}`];
  const off = disabled || !calendar.enabled;
  return (
    <Fieldset disabled={disabled}>
      <FormControlLabel
        control={<Switch checked={calendar.enabled} onChange={(event) => onChange({ enabled: event.target.checked })} />}
        label="Calendar trigger"
      />
      {calendar.enabled && (
        <>
          <RadioGroup
            row
            aria-label="Repeat by"
            value={calendar.kind}
            onChange={(event) => onChange({ kind: event.target.value as CalendarFormValues['kind'] })}
          >
            <FormControlLabel value="interval" control={<Radio />} label="Every N days, weeks, months or years" disabled={off} />
            <FormControlLabel value="rrule" control={<Radio />} label="Recurrence rule (RRULE)" disabled={off} />
          </RadioGroup>
          <Box sx={{ display: 'grid', gap: 2, mt: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            {calendar.kind === 'interval' ? (
              <Box sx={{ display: 'flex', gap: 1 }}>
                <TextField
                  label="Every"
                  type="number"
                  value={calendar.every}
                  onChange={(event) => onChange({ every: event.target.value })}
                  error={Boolean(error('every'))}
                  helperText={error('every')}
                  slotProps={{ htmlInput: { min: 1, max: 1000 } }}
                  sx={{ width: 120 }}
                />
                <TextField
                  select
                  label="Unit"
                  value={calendar.unit}
                  onChange={(event) => onChange({ unit: event.target.value as CalendarUnit })}
                  sx={{ flex: 1 }}
                >
                  {CALENDAR_UNITS.map((unit) => (
                    <MenuItem key={unit} value={unit}>
                      {unitLabel(unit, Number(calendar.every))}
                    </MenuItem>
                  ))}
                </TextField>
              </Box>
            ) : (
              <TextField
                label="RRULE"
                value={calendar.rrule}
                onChange={(event) => onChange({ rrule: event.target.value })}
                error={Boolean(error('rrule'))}
                helperText={error('rrule') ?? 'For example FREQ=MONTHLY;BYDAY=1MO (first Monday of each month)'}
                slotProps={{ htmlInput: { maxLength: 500, spellCheck: false } }}
              />
            )}
            <TextField
              select
              label="Next date counts from"
              value={calendar.mode}
              onChange={(event) => onChange({ mode: event.target.value as ScheduleMode })}
              error={Boolean(error('mode'))}
              helperText={error('mode')}
            >
              {SCHEDULE_MODES.map((mode) => (
                <MenuItem key={mode} value={mode} disabled={mode === 'FLOATING' && calendar.kind === 'rrule'}>
                  {MODE_LABEL[mode]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Starts on"
              required
              value={calendar.startsOn}
              onChange={(event) => onChange({ startsOn: event.target.value })}
              error={Boolean(error('startsOn'))}
              helperText={error('startsOn')}
              {...dateProps}
            />
            <TextField
              label="Ends on"
              value={calendar.endsOn}
              onChange={(event) => onChange({ endsOn: event.target.value })}
              error={Boolean(error('endsOn'))}
              helperText={error('endsOn') ?? 'Leave empty to repeat without end'}
              {...dateProps}
            />
          </Box>
        </>
      )}
    </Fieldset>
  );
}
