import type { OverduePoint } from '@msched/contracts';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { dashboardLinks } from '../utils/dashboard-links';
import { formatShortDay } from '../utils/figures';
import { ChartCard } from './ChartCard';

/** Overdue work once a week: is the pile growing or shrinking? The last bar is now. */
export function OverdueTrendChart({ points, now }: { points: OverduePoint[]; now: Date }) {
  const theme = useTheme();
  const labels = points.map((point, index) => (index === points.length - 1 ? 'Now' : formatShortDay(point.at)));
  const last = points.at(-1)?.overdue ?? 0;
  const weekAgo = points.at(-2)?.overdue;
  const change =
    weekAgo === undefined
      ? ''
      : last > weekAgo
        ? `, up from ${weekAgo} a week ago`
        : last < weekAgo
          ? `, down from ${weekAgo} a week ago`
          : ', as a week ago';
  return (
    <ChartCard
      title="Overdue, week by week"
      summary={`${last} work orders overdue now${change}.`}
      link={{ to: dashboardLinks.overdueWork(now), label: 'Overdue list' }}
      table={{
        columns: ['As of', 'Overdue'],
        rows: points.map((point, index) => ({ key: point.at, cells: [labels[index], point.overdue] })),
      }}
    >
      <BarChart
        height={220}
        xAxis={[{ scaleType: 'band', data: labels }]}
        yAxis={[{ width: 40, tickMinStep: 1 }]}
        series={[{ data: points.map((point) => point.overdue), label: 'Overdue', color: theme.palette.error.main }]}
        hideLegend
        grid={{ horizontal: true }}
      />
    </ChartCard>
  );
}
