import { CATCH_UP_POLICIES, type CatchUpPolicy, HOLIDAY_RULES, type HolidayRule } from '@msched/contracts';
import { Box, MenuItem, TextField } from '@mui/material';
import type { FieldErrors } from '@/lib/form-errors';
import { CATCH_UP_LABEL, HOLIDAY_RULE_LABEL } from '../utils/labels';
import type { PmPlanFormValues } from '../utils/pm-plan-form';

interface Props {
  values: PmPlanFormValues;
  errors: FieldErrors;
  onChange: (changes: Partial<PmPlanFormValues>) => void;
  disabled?: boolean;
}

/** When work orders appear (lead time), how late still counts as compliant, and what holidays and downtime do. */
export function ScheduleRulesFields({ values, errors, onChange, disabled }: Props) {
  const windowField = (key: 'gracePercent' | 'graceMaxDays', label: string, hint: string) => (
    <TextField
      label={label}
      type="number"
      value={values.window[key]}
      onChange={(event) => onChange({ window: { ...values.window, [key]: event.target.value } })}
      error={Boolean(errors[`window.${key}`])}
      helperText={errors[`window.${key}`] ?? hint}
      disabled={disabled}
    />
  );
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <TextField
        label="Lead time (days)"
        type="number"
        value={values.leadDays}
        onChange={(event) => onChange({ leadDays: event.target.value })}
        error={Boolean(errors.leadDays)}
        helperText={errors.leadDays ?? 'The work order appears this many days before it is due'}
        disabled={disabled}
        slotProps={{ htmlInput: { min: 0, max: 365 } }}
      />
      <TextField
        select
        label="Due date on a holiday"
        value={values.holidayRule}
        onChange={(event) => onChange({ holidayRule: event.target.value as HolidayRule })}
        disabled={disabled}
      >
        {HOLIDAY_RULES.map((rule) => (
          <MenuItem key={rule} value={rule}>
            {HOLIDAY_RULE_LABEL[rule]}
          </MenuItem>
        ))}
      </TextField>
      {windowField('gracePercent', 'Compliance grace (% of the interval)', 'Still compliant when done this late')}
      {windowField('graceMaxDays', 'Compliance grace at most (days)', 'Caps the grace of long intervals')}
      <TextField
        select
        label="After downtime, make"
        value={values.catchUp}
        onChange={(event) => onChange({ catchUp: event.target.value as CatchUpPolicy })}
        disabled={disabled}
      >
        {CATCH_UP_POLICIES.map((policy) => (
          <MenuItem key={policy} value={policy}>
            {CATCH_UP_LABEL[policy]}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
