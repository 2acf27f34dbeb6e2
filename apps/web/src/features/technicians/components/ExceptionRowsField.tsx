import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlineOutlined';
import { Box, Button, FormHelperText, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { Fieldset } from '@/components/ui/Fieldset';
import type { FieldErrors } from '@/lib/form-errors';
import { hasRowErrors, type ExceptionRow } from '../utils/availability-form';
import { nextRowKey } from '../utils/row-key';

interface Props {
  exceptions: ExceptionRow[];
  errors: FieldErrors;
  onChange: (exceptions: ExceptionRow[]) => void;
}

/** Dated exceptions: leave or training (away), or extra time (available), in your local time. */
export function ExceptionRowsField({ exceptions, errors, onChange }: Props) {
  const change = (key: number, changes: Partial<ExceptionRow>) =>
    onChange(exceptions.map((exception) => (exception.key === key ? { ...exception, ...changes } : exception)));
  return (
    <Fieldset legend="Leave and extra time (your local time)">
      <Stack spacing={1.5}>
        {exceptions.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            None.
          </Typography>
        )}
        {exceptions.map((exception, index) => {
          const path = `exceptions.${index}`;
          const label = `exception ${index + 1}`;
          return (
            <Box key={exception.key} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
              <TextField
                select
                size="small"
                label={`Kind of ${label}`}
                value={exception.available ? 'extra' : 'away'}
                onChange={(event) => change(exception.key, { available: event.target.value === 'extra' })}
                sx={{ flex: '1 1 150px' }}
              >
                <MenuItem value="away">Away (leave)</MenuItem>
                <MenuItem value="extra">Extra time</MenuItem>
              </TextField>
              {(['start', 'end'] as const).map((field) => (
                <TextField
                  key={field}
                  size="small"
                  type="datetime-local"
                  label={`${field === 'start' ? 'From' : 'Until'} (${label})`}
                  value={exception[field]}
                  onChange={(event) => change(exception.key, { [field]: event.target.value })}
                  error={Boolean(errors[`${path}.${field}`])}
                  helperText={errors[`${path}.${field}`]}
                  slotProps={{ inputLabel: { shrink: true } }}
                  sx={{ flex: '1 1 210px' }}
                />
              ))}
              <TextField
                size="small"
                label={`Reason (${label})`}
                value={exception.reason}
                onChange={(event) => change(exception.key, { reason: event.target.value })}
                error={Boolean(errors[`${path}.reason`])}
                helperText={errors[`${path}.reason`]}
                sx={{ flex: '2 1 160px' }}
              />
              <IconButton
                aria-label={`Remove ${label}`}
                onClick={() => onChange(exceptions.filter((other) => other.key !== exception.key))}
              >
                <DeleteIcon />
              </IconButton>
            </Box>
          );
        })}
        {errors.exceptions && !hasRowErrors(errors, 'exceptions') && <FormHelperText error>{errors.exceptions}</FormHelperText>}
        <Box>
          <Button
            startIcon={<AddIcon />}
            onClick={() => onChange([...exceptions, { key: nextRowKey(), start: '', end: '', available: false, reason: '' }])}
          >
            Add leave or extra time
          </Button>
        </Box>
      </Stack>
    </Fieldset>
  );
}
