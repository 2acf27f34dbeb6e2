import { PRIORITIES, WORK_ORDER_TYPES, type Equipment } from '@msched/contracts';
import { Box, MenuItem, TextField } from '@mui/material';
import { ConflictGroupsField } from '@/components/ui/ConflictGroupsField';
import { RequiresDowntimeField } from '@/components/ui/RequiresDowntimeField';
import type { FieldErrors } from '@/lib/form-errors';
import { humanize } from '@/lib/format';
import type { WorkOrderFormValues } from '../utils/work-order-form';
import { EquipmentPicker } from './EquipmentPicker';
import { PredecessorPicker } from './PredecessorPicker';
import { boundTextFields } from '@/components/ui/bound-text-field';

interface Props {
  values: WorkOrderFormValues;
  errors: FieldErrors;
  onChange: (changes: Partial<WorkOrderFormValues>) => void;
  selectedEquipment?: Pick<Equipment, 'id' | 'name' | 'equipmentNumber'> | null;
  /** The work order being edited, which cannot wait for itself. */
  workOrderId?: string;
  /**
   * Planning staff also see how the work is to be booked (type, minutes, skills, crew, downtime,
   * groups, predecessors); a request needs only what is wrong, where, how urgent and by when.
   */
  planning?: boolean;
}

type TextKey = 'title' | 'description' | 'dueDate' | 'estimatedDuration' | 'requiredSkills' | 'crewSize';

/** The work order's own fields; each shows the message for it (the contract's, in the form's words). */
export function WorkOrderFormFields({ values, errors, onChange, selectedEquipment, workOrderId, planning = true }: Props) {
  const field = boundTextFields<TextKey>(values, (key) => errors[key], onChange);
  const choice = (key: 'type' | 'priority', label: string, options: readonly string[]) => (
    <TextField
      select
      label={label}
      value={values[key]}
      onChange={(event) => onChange({ [key]: event.target.value })}
      error={Boolean(errors[key])}
      helperText={errors[key]}
      fullWidth
    >
      {options.map((option) => (
        <MenuItem key={option} value={option}>
          {humanize(option)}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <Box sx={{ gridColumn: '1 / -1' }}>{field('title', 'Title', { required: true, slotProps: { htmlInput: { maxLength: 300 } } })}</Box>
      <Box sx={{ gridColumn: '1 / -1' }}>{field('description', 'Description', { multiline: true, minRows: 3 })}</Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <EquipmentPicker
          value={values.equipmentId}
          onChange={(equipmentId) => onChange({ equipmentId })}
          required
          error={errors.equipmentId}
          selected={selectedEquipment}
        />
      </Box>
      {planning && choice('type', 'Type', WORK_ORDER_TYPES)}
      {choice('priority', 'Priority', PRIORITIES)}
      {field('dueDate', 'Due', { type: 'datetime-local', slotProps: { inputLabel: { shrink: true } } })}
      {planning && (
        <>
          {field('estimatedDuration', 'Estimated minutes', { type: 'number', slotProps: { htmlInput: { min: 0, step: 15 } } })}
          {field('requiredSkills', 'Required skills', {}, 'Comma-separated, with a minimum level if needed: welding:3, electrical')}
          {field('crewSize', 'Crew size', { type: 'number', slotProps: { htmlInput: { min: 1, max: 3 } } })}
          <Box sx={{ gridColumn: '1 / -1' }}>
            <RequiresDowntimeField checked={values.requiresDowntime} onChange={(requiresDowntime) => onChange({ requiresDowntime })} />
          </Box>
          <Box sx={{ gridColumn: '1 / -1' }}>
            <ConflictGroupsField
              value={values.conflictGroups}
              onChange={(conflictGroups) => onChange({ conflictGroups })}
              errors={errors}
              path="conflictGroups"
            />
          </Box>
          <Box sx={{ gridColumn: '1 / -1' }}>
            <PredecessorPicker
              value={values.predecessorIds}
              onChange={(predecessorIds) => onChange({ predecessorIds })}
              errors={errors}
              excludeId={workOrderId}
            />
          </Box>
        </>
      )}
    </Box>
  );
}
