import type { AnalyticsOverview } from '@msched/contracts';
import { Link } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { formatDate } from '@/lib/format';
import { dashboardLinks } from '../utils/dashboard-links';
import { formatHours, formatPercent } from '../utils/figures';
import { ChartCard } from './ChartCard';

const BAR_HEIGHT = 28;

/** Booked hours against shift hours per technician over the coming week; a bar opens the technician. */
export function UtilizationChart({ utilization }: { utilization: AnalyticsOverview['utilization'] }) {
  const theme = useTheme();
  const navigate = useNavigate();
  const rows = utilization.technicians;
  const busiest = rows[0];
  const mean = rows.length ? rows.reduce((sum, row) => sum + row.utilization, 0) / rows.length : 0;
  return (
    <ChartCard
      title="Utilization, next 7 days"
      summary={
        busiest
          ? `Booked ÷ shift hours from ${formatDate(utilization.start)}: ${formatPercent(mean)} on average; highest ${busiest.name} at ${formatPercent(busiest.utilization)}.`
          : 'No active technicians.'
      }
      link={{ to: dashboardLinks.technicians, label: 'Technicians' }}
      table={{
        columns: ['Technician', 'Booked', 'Shift hours', 'Utilization'],
        rows: rows.map((row) => ({
          key: row.technicianId,
          cells: [
            <Link key="name" component={RouterLink} to={dashboardLinks.technician(row.technicianId)}>
              {row.name}
            </Link>,
            formatHours(row.scheduledHours),
            formatHours(row.availableHours),
            formatPercent(row.utilization),
          ],
        })),
      }}
    >
      <BarChart
        layout="horizontal"
        height={Math.max(120, rows.length * BAR_HEIGHT + 50)}
        yAxis={[{ scaleType: 'band', data: rows.map((row) => row.name), width: 130 }]}
        xAxis={[{ min: 0, max: Math.max(100, ...rows.map((row) => row.utilization)), valueFormatter: (value: number) => `${value} %` }]}
        series={[
          {
            data: rows.map((row) => row.utilization),
            label: 'Utilization',
            color: theme.palette.primary.main,
            valueFormatter: formatPercent,
          },
        ]}
        onItemClick={(_event, item) => {
          const row = rows[item.dataIndex];
          if (row) navigate(dashboardLinks.technician(row.technicianId));
        }}
        hideLegend
        grid={{ vertical: true }}
      />
    </ChartCard>
  );
}
