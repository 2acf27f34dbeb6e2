import { Box, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useListSensorsQuery } from '../api/list-sensors';
import { SERIES_RANGES, type SeriesRangeKey, seriesRange } from '../utils/series-chart';
import { SensorChart } from './SensorChart';

/** Every sensor of the equipment over one chosen range (24 h to 90 days), downsampled by the server. */
export function SensorCharts({ equipmentId }: { equipmentId: string }) {
  const [rangeKey, setRangeKey] = useState<SeriesRangeKey>('7d');
  const [anchor, setAnchor] = useState(() => Date.now());
  const range = useMemo(() => seriesRange(rangeKey, anchor), [rangeKey, anchor]);
  const { data: sensors, error, isLoading, refetch } = useListSensorsQuery(equipmentId);

  return (
    <Section
      title="Sensors"
      actions={
        <ToggleButtonGroup
          size="small"
          exclusive
          value={rangeKey}
          aria-label="Time range"
          onChange={(_event, key: SeriesRangeKey | null) => {
            if (!key) return;
            setRangeKey(key);
            // A new choice shows up to now.
            setAnchor(Date.now());
          }}
        >
          {SERIES_RANGES.map((option) => (
            <ToggleButton key={option.key} value={option.key} title={`Last ${option.label}`}>
              {option.key}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      }
    >
      <ProblemAlert error={error} subject="equipment" onReload={refetch} />
      {isLoading && <LoadingBlock label="Loading sensors…" />}
      {sensors && sensors.length === 0 && <Typography color="text.secondary">This equipment has no sensors.</Typography>}
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        {sensors?.map((sensor) => (
          <SensorChart key={sensor.id} sensor={sensor} range={range} />
        ))}
      </Box>
    </Section>
  );
}
