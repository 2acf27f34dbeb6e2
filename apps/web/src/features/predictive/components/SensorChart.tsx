import type { Sensor } from '@msched/contracts';
import { Box, Typography } from '@mui/material';
import { alpha, useTheme } from '@mui/material/styles';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart, type LineSeries } from '@mui/x-charts/LineChart';
import { useMemo } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useGetSensorSeriesQuery } from '../api/get-sensor-series';
import { SERIES_POINTS, type SeriesChartData, seriesChartData, valueDomain } from '../utils/series-chart';

interface Props {
  sensor: Sensor;
  range: { from: string; to: string };
}

const axisTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const axisDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const DAY_MS = 86_400_000;
const bucketText = (seconds: number) =>
  seconds >= 3600 ? `${Math.round((seconds / 3600) * 10) / 10} h` : `${Math.round(seconds / 60)} min`;
const round = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(Math.round(value * 100) / 100));

/**
 * Buckets: the min–max band is `min` (invisible, not in legend or tooltip) with `max − min`
 * stacked on it, its tooltip naming both ends; the average is the line. Raw readings: one line.
 */
function seriesOf(chart: SeriesChartData, colors: { band: string; line: string }): LineSeries[] {
  const line: LineSeries = { id: 'avg', data: chart.avg, showMark: false, color: colors.line, valueFormatter: round };
  if (!chart.bucketed) return [{ ...line, label: 'Reading' }];
  return [
    { id: 'min', data: chart.min, stack: 'band', area: true, showMark: false, color: 'transparent', valueFormatter: () => null },
    {
      id: 'band',
      data: chart.spread,
      stack: 'band',
      area: true,
      showMark: false,
      color: colors.band,
      label: 'Min–max',
      valueFormatter: (_value, { dataIndex }) => `${round(chart.min[dataIndex])} – ${round(chart.max[dataIndex])}`,
    },
    { ...line, label: 'Average' },
  ];
}

/** One sensor over the range the user picked, with its normal operating range as dashed lines. */
export function SensorChart({ sensor, range }: Props) {
  const theme = useTheme();
  const { data, error, isLoading, refetch } = useGetSensorSeriesQuery({
    equipmentId: sensor.equipmentId,
    sensorId: sensor.id,
    points: SERIES_POINTS,
    ...range,
  });
  const chart = useMemo(() => (data ? seriesChartData(data) : null), [data]);
  const span = Date.parse(range.to) - Date.parse(range.from);
  const normal = sensor.expectedMin !== null || sensor.expectedMax !== null;
  const referenceStyle = { lineStyle: { strokeDasharray: '4 4' }, labelAlign: 'start' as const, labelStyle: { fontSize: 11 } };

  return (
    <Box component="figure" sx={{ m: 0 }} aria-labelledby={`sensor-${sensor.id}`}>
      <Typography id={`sensor-${sensor.id}`} variant="subtitle2" component="h3">
        {sensor.name} ({sensor.unit})
      </Typography>
      <ProblemAlert error={error} subject="sensor" onReload={refetch} />
      {isLoading && <LoadingBlock label={`Loading ${sensor.name}…`} />}
      {chart && chart.times.length === 0 && <Typography color="text.secondary">No readings in this range.</Typography>}
      {chart && chart.times.length > 0 && (
        <LineChart
          height={220}
          skipAnimation
          xAxis={[
            {
              scaleType: 'time',
              data: chart.times,
              min: new Date(range.from),
              max: new Date(range.to),
              // Ticks of a day read as times, longer ranges as days (the tooltip keeps both).
              valueFormatter: (value: Date, context) =>
                context.location === 'tick'
                  ? (span <= DAY_MS ? axisTime : axisDay).format(value)
                  : `${axisDay.format(value)} ${axisTime.format(value)}`,
            },
          ]}
          yAxis={[{ width: 56, ...valueDomain(chart, sensor) }]}
          sx={{ '& .MuiAreaElement-root[data-series="min"]': { fill: 'transparent' } }}
          series={seriesOf(chart, { band: alpha(theme.palette.primary.main, 0.3), line: theme.palette.primary.dark })}
        >
          {sensor.expectedMax !== null && <ChartsReferenceLine y={sensor.expectedMax} label="normal max" {...referenceStyle} />}
          {sensor.expectedMin !== null && <ChartsReferenceLine y={sensor.expectedMin} label="normal min" {...referenceStyle} />}
        </LineChart>
      )}
      {chart && chart.times.length > 0 && (
        <Typography component="figcaption" variant="caption" color="text.secondary">
          {chart.bucketed ? `Min, average and max per ${bucketText(data?.bucketSeconds ?? 0)}` : 'Every reading'}
          {normal && ` · normal ${sensor.expectedMin ?? '…'} to ${sensor.expectedMax ?? '…'} ${sensor.unit}`}
        </Typography>
      )}
    </Box>
  );
}
