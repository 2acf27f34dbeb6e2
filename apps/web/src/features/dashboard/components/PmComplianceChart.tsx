import type { PmCompliance, PmCompliancePoint } from '@msched/contracts';
import { Box } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { Gauge } from '@mui/x-charts/Gauge';
import { dashboardLinks } from '../utils/dashboard-links';
import { formatPercent, formatShortDay } from '../utils/figures';
import { ChartCard } from './ChartCard';

interface Props {
  /** The last 30 days (dashboard stats). */
  current: PmCompliance;
  /** Week by week (analytics). */
  weeks: PmCompliancePoint[];
}

/** SMRP PM compliance: a gauge for the last 30 days, and PM work due against done in time, week by week. */
export function PmComplianceChart({ current, weeks }: Props) {
  const theme = useTheme();
  const labels = weeks.map((week) => formatShortDay(week.to));
  return (
    <ChartCard
      title="PM compliance"
      summary={
        current.rate === null
          ? 'No preventive work was due in the last 30 days.'
          : `${formatPercent(current.rate)} of the preventive work due in the last 30 days was done within its window (${current.completedInWindow} of ${current.due}).`
      }
      link={{ to: dashboardLinks.pmPlans, label: 'PM plans' }}
      table={{
        columns: ['Week to', 'Due', 'Done in time', 'Compliance'],
        rows: weeks.map((week, index) => ({
          key: week.to,
          cells: [labels[index], week.due, week.completedInWindow, formatPercent(week.rate)],
        })),
      }}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Gauge
          width={150}
          height={130}
          value={current.rate ?? 0}
          valueMax={100}
          startAngle={-110}
          endAngle={110}
          text={formatPercent(current.rate)}
        />
        <Box sx={{ flex: '1 1 240px', minWidth: 0 }}>
          <BarChart
            height={200}
            xAxis={[{ scaleType: 'band', data: labels }]}
            yAxis={[{ width: 36, tickMinStep: 1 }]}
            series={[
              { data: weeks.map((week) => week.due), label: 'Due', color: theme.palette.grey[500] },
              { data: weeks.map((week) => week.completedInWindow), label: 'Done in time', color: theme.palette.success.main },
            ]}
            grid={{ horizontal: true }}
          />
        </Box>
      </Box>
    </ChartCard>
  );
}
