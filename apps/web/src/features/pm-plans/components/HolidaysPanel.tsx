import { CreateHoliday } from '@msched/contracts';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, IconButton, List, ListItem, ListItemText, TextField, Typography } from '@mui/material';
import { type FormEvent, useMemo, useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { type FieldErrors, fieldErrorsFrom } from '@/lib/form-errors';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { useCreateHolidayMutation } from '../api/create-holiday';
import { useDeleteHolidayMutation } from '../api/delete-holiday';
import { useListHolidaysQuery } from '../api/list-holidays';
import { formatLocalDate } from '../utils/trigger-summary';

const localDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The organization calendar: holidays from this year on; each plan's holiday rule decides what a due date on one does. */
export function HolidaysPanel({ canWrite }: { canWrite: boolean }) {
  const year = new Date().getFullYear();
  const range = useMemo(() => ({ from: `${year}-01-01`, to: `${year + 1}-12-31` }), [year]);
  const { data, error, isLoading, refetch } = useListHolidaysQuery(range);
  const [create, creating] = useCreateHolidayMutation();
  const [remove, removing] = useDeleteHolidayMutation();
  const [date, setDate] = useState(localDate(new Date()));
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const keyFor = useIdempotencyKey();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateHoliday.safeParse({ date, name });
    if (!parsed.success) return setErrors(fieldErrorsFrom(parsed.error, { date: 'Choose a date' }));
    setErrors({});
    const result = await create({ body: parsed.data, key: keyFor(parsed.data) });
    if (!('error' in result)) setName('');
  };

  return (
    <Section title={`Holidays ${year}–${year + 1}`}>
      {canWrite && (
        <Box
          component="form"
          noValidate
          onSubmit={submit}
          aria-label="Add a holiday"
          sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}
        >
          <TextField
            type="date"
            size="small"
            label="Date"
            value={date}
            onChange={(event) => setDate(event.target.value)}
            error={Boolean(errors.date)}
            helperText={errors.date}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            size="small"
            label="Name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={Boolean(errors.name)}
            helperText={errors.name}
            sx={{ flex: '1 1 200px' }}
          />
          <Button type="submit" variant="outlined" disabled={creating.isLoading}>
            Add holiday
          </Button>
          <Box sx={{ flexBasis: '100%' }}>
            <ProblemAlert error={creating.error} subject="holiday" />
          </Box>
        </Box>
      )}
      <ProblemAlert error={error ?? removing.error} subject="holiday" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading holidays…" />}
      {data && data.length === 0 && <Typography color="text.secondary">No holidays in the calendar.</Typography>}
      {data && data.length > 0 && (
        <List dense aria-label="Holidays">
          {data.map((holiday) => (
            <ListItem
              key={holiday.id}
              secondaryAction={
                canWrite && (
                  <IconButton edge="end" aria-label={`Remove ${holiday.name}`} onClick={() => void remove(holiday.id)}>
                    <DeleteIcon />
                  </IconButton>
                )
              }
            >
              <ListItemText primary={holiday.name} secondary={formatLocalDate(holiday.date)} />
            </ListItem>
          ))}
        </List>
      )}
    </Section>
  );
}
