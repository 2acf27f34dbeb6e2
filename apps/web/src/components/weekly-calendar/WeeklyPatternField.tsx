import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlineOutlined';
import { Box, Button, FormHelperText, IconButton, MenuItem, Stack, TextField } from '@mui/material';
import { Fieldset } from '@/components/ui/Fieldset';
import type { FieldErrors } from '@/lib/form-errors';
import { nextRowKey } from '@/lib/row-key';
import { WEEKDAYS, type WeeklyRow, hasRowErrors, weekdayName } from '@/lib/weekly-calendar-form';
import type { WeeklyCalendarWording } from './wording';

interface Props {
  rows: WeeklyRow[];
  errors: FieldErrors;
  onChange: (rows: WeeklyRow[]) => void;
  wording: Pick<WeeklyCalendarWording, 'row' | 'weekly'>;
  /** The times a new row starts with. */
  newRow: { start: string; end: string };
}

/** A row whose end is not after its start runs past midnight (22:00–06:00, or 07:00–06:00 typed by mistake). */
export const endsNextDay = (row: { start: string; end: string }) => row.start !== '' && row.end !== '' && row.end <= row.start;

/** The weekly pattern: a row per shift or window (a day may have several); an end before the start runs past midnight. */
export function WeeklyPatternField({ rows, errors, onChange, wording, newRow }: Props) {
  const change = (key: number, changes: Partial<WeeklyRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  const add = `Add ${wording.row}`;
  return (
    <Fieldset legend={wording.weekly}>
      <Stack spacing={1.5}>
        {rows.map((row, index) => {
          const path = `weeklyPattern.${index}`;
          const label = `${wording.row} ${index + 1}`;
          return (
            <Box key={row.key}>
              <Box
                sx={{
                  display: 'grid',
                  gap: 1,
                  alignItems: 'start',
                  // Phones: the day above its times; wider: one line per row.
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
                  value={row.weekday}
                  onChange={(event) => change(row.key, { weekday: Number(event.target.value) })}
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
                    value={row[field]}
                    onChange={(event) => change(row.key, { [field]: event.target.value })}
                    error={Boolean(errors[`${path}.${field}`] ?? errors[path])}
                    helperText={errors[`${path}.${field}`] ?? (field === 'end' && endsNextDay(row) ? 'Next day' : undefined)}
                    slotProps={{ inputLabel: { shrink: true } }}
                    sx={{ gridArea: field }}
                  />
                ))}
                <IconButton
                  aria-label={`Remove ${label} (${weekdayName(row.weekday)})`}
                  onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
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
          <Button startIcon={<AddIcon />} onClick={() => onChange([...rows, { key: nextRowKey(), weekday: 1, ...newRow }])}>
            {add}
          </Button>
        </Box>
      </Stack>
    </Fieldset>
  );
}
