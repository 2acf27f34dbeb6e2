import { Box, Button, FormControlLabel, Switch, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { useState } from 'react';
import type { ForecastBar } from '../utils/forecast-chart';

const hours = (value: number | null) => (value === null ? '' : `${value} h`);

/**
 * Planned PM hours against technician capacity, one pair of bars per week; a week whose load
 * exceeds its capacity is drawn in the error colour. The same figures are offered as a table
 * (what a screen reader reads, and what a planner copies).
 */
export function ForecastChart({ bars }: { bars: ForecastBar[] }) {
  const theme = useTheme();
  const [asTable, setAsTable] = useState(false);
  // Capacity can dwarf the PM load; without it the weekly spread of the load shows.
  const [withCapacity, setWithCapacity] = useState(true);
  return (
    <Box>
      <Box role="img" aria-label={`Planned hours against capacity for ${bars.length} weeks`}>
        <BarChart
          height={300}
          dataset={bars as unknown as Record<string, string | number>[]}
          xAxis={[{ scaleType: 'band', dataKey: 'label', label: 'Week starting' }]}
          yAxis={[{ label: 'Hours', width: 56 }]}
          series={[
            {
              dataKey: 'load',
              label: 'Planned hours',
              color: theme.palette.primary.main,
              colorGetter: ({ dataIndex }) => (bars[dataIndex]?.overloaded ? theme.palette.error.main : theme.palette.primary.main),
              valueFormatter: hours,
            },
            ...(withCapacity ? [{ dataKey: 'capacity', label: 'Capacity', color: theme.palette.grey[600], valueFormatter: hours }] : []),
          ]}
          grid={{ horizontal: true }}
        />
      </Box>
      <FormControlLabel
        control={<Switch size="small" checked={withCapacity} onChange={(event) => setWithCapacity(event.target.checked)} />}
        label="Show capacity"
      />
      <Button size="small" onClick={() => setAsTable(!asTable)} aria-expanded={asTable}>
        {asTable ? 'Hide the figures' : 'Show the figures as a table'}
      </Button>
      {asTable && (
        <Table size="small" aria-label="Planned hours and capacity per week">
          <TableHead>
            <TableRow>
              <TableCell>Week starting</TableCell>
              <TableCell align="right">Planned</TableCell>
              <TableCell align="right">Capacity</TableCell>
              <TableCell align="right">Load</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {bars.map((bar) => (
              <TableRow key={bar.weekStart}>
                <TableCell>{bar.label}</TableCell>
                <TableCell align="right">{hours(bar.load)}</TableCell>
                <TableCell align="right">{hours(bar.capacity)}</TableCell>
                <TableCell align="right" sx={bar.overloaded ? { color: 'error.main', fontWeight: 600 } : undefined}>
                  {bar.utilization === null ? 'no capacity' : `${bar.utilization} %`}
                  {bar.overloaded && ' (over)'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
