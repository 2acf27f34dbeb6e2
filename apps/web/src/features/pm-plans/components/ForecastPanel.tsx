import { Alert, Box, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useMemo } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useGetPmForecastQuery } from '../api/get-pm-forecast';
import { FORECAST_HORIZONS, forecastBars, forecastRange, forecastTotals } from '../utils/forecast-chart';
import { ComplianceSummary } from './ComplianceSummary';
import { ForecastChart } from './ForecastChart';

interface Props {
  weeks: number;
  onWeeks: (weeks: number) => void;
}

/** What the active plans will ask of the crew, week by week, against the hours the technicians have. */
export function ForecastPanel({ weeks, onWeeks }: Props) {
  const today = new Date().toDateString();
  // The range moves with the day, not with every render (one cached answer per day and horizon).
  const range = useMemo(() => forecastRange(weeks, new Date(today)), [weeks, today]);
  const { data, error, isLoading, isFetching, refetch } = useGetPmForecastQuery(range);
  const bars = useMemo(() => (data ? forecastBars(data) : []), [data]);
  const totals = forecastTotals(bars);

  return (
    <Stack spacing={2}>
      <Section
        title="Load forecast"
        actions={
          <TextField select size="small" label="Horizon" value={weeks} onChange={(event) => onWeeks(Number(event.target.value))}>
            {FORECAST_HORIZONS.map((option) => (
              <MenuItem key={option} value={option}>
                Next {option} weeks
              </MenuItem>
            ))}
          </TextField>
        }
      >
        <ProblemAlert error={error} subject="forecast" onReload={refetch} />
        {isLoading && <LoadingBlock label="Computing the forecast…" />}
        {data && (
          <Box aria-busy={isFetching}>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {data.occurrences.length} PM work orders due: {totals.load} h planned against {totals.capacity} h of technician time. Open
              work already waiting: {data.backlogWeeks} weeks of capacity.
            </Typography>
            {totals.overloadedWeeks > 0 && (
              <Alert severity="warning" sx={{ mb: 1 }}>
                {totals.overloadedWeeks} {totals.overloadedWeeks === 1 ? 'week asks' : 'weeks ask'} for more hours than the technicians have
                (red bars). Move start dates or lead times to level the load.
              </Alert>
            )}
            {bars.length > 0 ? <ForecastChart bars={bars} /> : <Typography color="text.secondary">No weeks in range.</Typography>}
          </Box>
        )}
      </Section>
      <ComplianceSummary />
    </Stack>
  );
}
