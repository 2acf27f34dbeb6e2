import { AvailabilityException } from '@msched/contracts';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlineOutlined';
import { Box, Button, FormHelperText, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { Fieldset } from '@/components/ui/Fieldset';
import type { FieldErrors } from '@/lib/form-errors';
import { nextRowKey } from '@/lib/row-key';
import { type ExceptionRow, hasRowErrors } from '@/lib/weekly-calendar-form';
import type { WeeklyCalendarWording } from './wording';

interface Props {
  exceptions: ExceptionRow[];
  errors: FieldErrors;
  onChange: (exceptions: ExceptionRow[]) => void;
  wording: Pick<WeeklyCalendarWording, 'exceptions' | 'addException' | 'unavailable' | 'available' | 'overtime'>;
}

/** The longest reason the contract takes (a technician's exceptions and a machine's alike). */
const REASON_MAX_LENGTH = AvailabilityException.shape.reason.unwrap().unwrap().maxLength ?? undefined;

const kindOf = (exception: ExceptionRow) => (!exception.available ? 'unavailable' : exception.overtime ? 'overtime' : 'available');

/** Dated exceptions to the weekly pattern, taking time away or adding it, in your local time. */
export function ExceptionRowsField({ exceptions, errors, onChange, wording }: Props) {
  const change = (key: number, changes: Partial<ExceptionRow>) =>
    onChange(exceptions.map((exception) => (exception.key === key ? { ...exception, ...changes } : exception)));
  return (
    <Fieldset legend={wording.exceptions}>
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
                value={kindOf(exception)}
                onChange={(event) =>
                  change(exception.key, {
                    available: event.target.value !== 'unavailable',
                    overtime: event.target.value === 'overtime',
                  })
                }
                sx={{ flex: '1 1 150px' }}
              >
                <MenuItem value="unavailable">{wording.unavailable.option}</MenuItem>
                <MenuItem value="available">{wording.available.option}</MenuItem>
                {wording.overtime && <MenuItem value="overtime">{wording.overtime.option}</MenuItem>}
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
                slotProps={{ htmlInput: { maxLength: REASON_MAX_LENGTH } }}
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
            {wording.addException}
          </Button>
        </Box>
      </Stack>
    </Fieldset>
  );
}
