import type { Meter } from '@msched/contracts';
import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { LineChart } from '@mui/x-charts/LineChart';
import { useId, useMemo, useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { formatDate, formatDateTime } from '@/lib/format';
import { useListMeterReadingsQuery } from '../api/list-meter-readings';

/** Readings a chart page holds (the API's largest page). */
export const READINGS_PER_PAGE = 100;

const number = new Intl.NumberFormat();

/** One meter's readings, a page of 100 at a time from the newest, drawn oldest to newest; the figures as a table on demand. */
export function MeterReadingsChart({ meter }: { meter: Meter }) {
  const theme = useTheme();
  const tableId = useId();
  const [asTable, setAsTable] = useState(false);
  const [page, setPage] = useState(1);
  const { data, error, isLoading, isFetching, refetch } = useListMeterReadingsQuery({ meterId: meter.id, page, limit: READINGS_PER_PAGE });
  const readings = useMemo(() => [...(data?.data ?? [])].reverse(), [data]);

  if (isLoading) return <LoadingBlock label="Loading readings…" />;
  if (error) return <ProblemAlert error={error} subject="meter" onReload={refetch} />;
  if (!data || readings.length === 0) return <Typography color="text.secondary">No readings yet.</Typography>;

  const first = readings[0]!;
  const last = readings.at(-1)!;
  const shownFrom = (page - 1) * READINGS_PER_PAGE + 1;
  const period = `${formatDate(first.readAt)} – ${formatDate(last.readAt)}`;
  return (
    <Box aria-busy={isFetching}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Button size="small" disabled={page * READINGS_PER_PAGE >= data.total} onClick={() => setPage(page + 1)}>
          Older
        </Button>
        <Typography variant="body2" color="text.secondary" aria-live="polite" sx={{ flex: 1, textAlign: 'center' }}>
          {period} · readings {shownFrom}–{shownFrom + readings.length - 1} of {data.total}, newest first
        </Typography>
        <Button size="small" disabled={page === 1} onClick={() => setPage(page - 1)}>
          Newer
        </Button>
      </Box>
      <Box
        role="img"
        aria-label={`${meter.name} from ${period}: ${number.format(first.value)} to ${number.format(last.value)} ${meter.unit}.`}
      >
        <LineChart
          height={240}
          xAxis={[
            {
              scaleType: 'time',
              data: readings.map((reading) => new Date(reading.readAt)),
              valueFormatter: (value: Date) => formatDate(value.toISOString()),
            },
          ]}
          yAxis={[{ width: 72, label: meter.unit, valueFormatter: (value: number) => number.format(value) }]}
          series={[
            {
              data: readings.map((reading) => reading.value),
              label: meter.name,
              color: theme.palette.primary.main,
              showMark: readings.length < 40,
              valueFormatter: (value) => (value === null ? '' : `${number.format(value)} ${meter.unit}`),
            },
          ]}
          hideLegend
          grid={{ horizontal: true }}
        />
      </Box>
      <Button size="small" aria-expanded={asTable} aria-controls={tableId} onClick={() => setAsTable(!asTable)}>
        {asTable ? 'Hide the readings' : 'Show the readings as a table'}
      </Button>
      <Box id={tableId} hidden={!asTable} sx={{ maxHeight: 320, overflow: 'auto' }}>
        <Table size="small" aria-label={`Readings of ${meter.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Read at</TableCell>
              <TableCell align="right">Value ({meter.unit})</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.data.map((reading) => (
              <TableRow key={reading.id}>
                <TableCell>{formatDateTime(reading.readAt)}</TableCell>
                <TableCell align="right">
                  {number.format(reading.value)}
                  {reading.replacement && ' (meter replaced)'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
