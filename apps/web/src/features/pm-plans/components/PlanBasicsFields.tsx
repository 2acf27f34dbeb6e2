import { PM_PLAN_STATUSES, type PmPlanStatus } from '@msched/contracts';
import { Box, MenuItem, TextField } from '@mui/material';
import type { FieldErrors } from '@/lib/form-errors';
import { STATUS_LABEL } from '../utils/labels';
import type { PmPlanFormValues } from '../utils/pm-plan-form';
import { EquipmentMultiPicker } from './EquipmentMultiPicker';

interface Props {
  values: PmPlanFormValues;
  errors: FieldErrors;
  onChange: (changes: Partial<PmPlanFormValues>) => void;
  disabled?: boolean;
}

/** Name, description, the equipment the plan covers, and whether it generates work now. */
export function PlanBasicsFields({ values, errors, onChange, disabled }: Props) {
  return (
    // minmax(0, …): a long equipment name must not widen the columns past a phone's screen.
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(0, 2fr) minmax(0, 1fr)' } }}>
      <TextField
        label="Plan name"
        required
        value={values.name}
        onChange={(event) => onChange({ name: event.target.value })}
        error={Boolean(errors.name)}
        helperText={errors.name}
        disabled={disabled}
        slotProps={{ htmlInput: { maxLength: 200 } }}
      />
      <TextField
        select
        label="Status"
        value={values.status}
        onChange={(event) => onChange({ status: event.target.value as PmPlanStatus })}
        helperText={values.status === 'PAUSED' ? 'Generates no work orders until active again' : undefined}
        disabled={disabled}
      >
        {PM_PLAN_STATUSES.map((status) => (
          <MenuItem key={status} value={status}>
            {STATUS_LABEL[status]}
          </MenuItem>
        ))}
      </TextField>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <TextField
          label="Description"
          value={values.description}
          onChange={(event) => onChange({ description: event.target.value })}
          error={Boolean(errors.description)}
          helperText={errors.description}
          disabled={disabled}
          multiline
          minRows={2}
          fullWidth
        />
      </Box>
      <Box sx={{ gridColumn: '1 / -1', minWidth: 0 }}>
        <EquipmentMultiPicker
          value={values.equipmentIds}
          onChange={(equipmentIds) => onChange({ equipmentIds })}
          error={errors.equipmentIds}
          disabled={disabled}
        />
      </Box>
    </Box>
  );
}
