import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlineOutlined';
import { Box, Button, FormHelperText, IconButton, MenuItem, Stack, TextField } from '@mui/material';
import { Fieldset } from '@/components/ui/Fieldset';
import type { FieldErrors } from '@/lib/form-errors';
import { hasRowErrors, type ShiftRow, WEEKDAYS, weekdayName } from '../utils/availability-form';
import { nextRowKey } from '../utils/row-key';

interface Props {
  shifts: ShiftRow[];
  errors: FieldErrors;
  onChange: (shifts: ShiftRow[]) => void;
}

/** The weekly shift pattern: a row per shift (a day may have several); an end before the start runs past midnight. */
export function ShiftRowsField({ shifts, errors, onChange }: Props) {
  const change = (key: number, changes: Partial<ShiftRow>) =>
    onChange(shifts.map((shift) => (shift.key === key ? { ...shift, ...changes } : shift)));
  return (
    <Fieldset legend="Weekly shifts">
      <Stack spacing={1.5}>
        {shifts.map((shift, index) => {
          const path = `weeklyPattern.${index}`;
          const label = `shift ${index + 1}`;
          return (
            <Box key={shift.key}>
              <Box
                sx={{
                  display: 'grid',
                  gap: 1,
                  alignItems: 'start',
                  // Phones: the day above its times; wider: one line per shift.
                  gridTemplateAreas: { xs: '"day day remove" "start end remove"', sm: '"day start end remove"' },
                  gridTemplateColumns: {
                    xs: 'minmax(0, 1fr) minmax(0, 1fr) 44px',
                    sm: 'minmax(0, 1.2fr) minmax(0, 1fr) minmax(0, 1fr) 44px',
                  },
                }}
              >
                <TextField
                  select
                  size="small"
                  label={`Day of ${label}`}
                  value={shift.weekday}
                  onChange={(event) => change(shift.key, { weekday: Number(event.target.value) })}
                  sx={{ gridArea: 'day' }}
                >
                  {WEEKDAYS.map((day, dayIndex) => (
                    <MenuItem key={day} value={dayIndex + 1}>
                      {day}
                    </MenuItem>
                  ))}
                </TextField>
                {(['start', 'end'] as const).map((field) => (
                  <TextField
                    key={field}
                    size="small"
                    type="time"
                    label={`${field === 'start' ? 'Start' : 'End'} of ${label}`}
                    value={shift[field]}
                    onChange={(event) => change(shift.key, { [field]: event.target.value })}
                    error={Boolean(errors[`${path}.${field}`] ?? errors[path])}
                    helperText={errors[`${path}.${field}`]}
                    slotProps={{ inputLabel: { shrink: true } }}
                    sx={{ gridArea: field }}
                  />
                ))}
                <IconButton
                  aria-label={`Remove ${label} (${weekdayName(shift.weekday)})`}
                  onClick={() => onChange(shifts.filter((other) => other.key !== shift.key))}
                >
                  <DeleteIcon />
                </IconButton>
              </Box>
              {errors[path] && <FormHelperText error>{errors[path]}</FormHelperText>}
            </Box>
          );
        })}
        {errors.weeklyPattern && !hasRowErrors(errors, 'weeklyPattern') && <FormHelperText error>{errors.weeklyPattern}</FormHelperText>}
        <Box>
          <Button
            startIcon={<AddIcon />}
            onClick={() => onChange([...shifts, { key: nextRowKey(), weekday: 1, start: '07:00', end: '15:30' }])}
          >
            Add shift
          </Button>
        </Box>
      </Stack>
    </Fieldset>
  );
}
