import { Box, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { formatDateTime, humanize } from '@/lib/format';
import { useListMetersOfEquipmentQuery } from '../api/list-meters';
import { MeterReadingsChart } from './MeterReadingsChart';

/** The equipment's meters, and the readings chart of the one chosen. */
export function MetersPanel({ equipmentId }: { equipmentId: string }) {
  const { data: meters, error, isLoading, refetch } = useListMetersOfEquipmentQuery(equipmentId);
  const [chosenId, setChosenId] = useState('');
  const meter = meters?.find((candidate) => candidate.id === chosenId) ?? meters?.[0];

  return (
    <Section
      title="Meters"
      actions={
        meters &&
        meters.length > 1 &&
        meter && (
          <TextField
            select
            size="small"
            label="Meter"
            value={meter.id}
            onChange={(event) => setChosenId(event.target.value)}
            sx={{ minWidth: 200 }}
          >
            {meters.map((option) => (
              <MenuItem key={option.id} value={option.id}>
                {option.name}
              </MenuItem>
            ))}
          </TextField>
        )
      }
    >
      <ProblemAlert error={error} subject="equipment" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading meters…" />}
      {meters?.length === 0 && <Typography color="text.secondary">No meters on this equipment.</Typography>}
      {meter && (
        <Box>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {meter.name} ({humanize(meter.kind)}, {meter.unit}):{' '}
            {meter.lastValue === null ? 'not read yet' : `${meter.lastValue} ${meter.unit} at ${formatDateTime(meter.lastReadAt)}`}
          </Typography>
          <MeterReadingsChart key={meter.id} meter={meter} />
        </Box>
      )}
    </Section>
  );
}
