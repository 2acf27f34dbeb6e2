import type { EquipmentTypeReliability } from '@msched/contracts';
import { Box, Link } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { BarChart } from '@mui/x-charts/BarChart';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { dashboardLinks } from '../utils/dashboard-links';
import { formatHours, hoursToDays } from '../utils/figures';
import { ChartCard } from './ChartCard';

const BAR_HEIGHT = 26;

/** MTBF (days, longer is better) and MTTR (hours, shorter is better) per equipment type; a bar opens that type's equipment. */
export function ReliabilityChart({ types }: { types: EquipmentTypeReliability[] }) {
  const theme = useTheme();
  const navigate = useNavigate();
  const names = types.map((type) => type.equipmentType);
  const height = Math.max(120, types.length * BAR_HEIGHT + 50);
  const open = (_event: unknown, item: { dataIndex: number }) => {
    const type = types[item.dataIndex];
    if (type) navigate(dashboardLinks.equipmentOfType(type.equipmentType));
  };
  const worst = [...types].filter((type) => type.mtbfHours !== null).sort((a, b) => a.mtbfHours! - b.mtbfHours!)[0];
  return (
    <ChartCard
      title="Reliability by type"
      summary={
        worst
          ? `Shortest mean time between failures: ${worst.equipmentType}, ${hoursToDays(worst.mtbfHours)} days (MTTR ${formatHours(worst.mttrHours)}).`
          : 'No failures recorded yet.'
      }
      link={{ to: dashboardLinks.equipment, label: 'Equipment' }}
      table={{
        columns: ['Equipment type', 'Units', 'Failures', 'MTBF (days)', 'MTTR'],
        rows: types.map((type) => ({
          key: type.equipmentType,
          cells: [
            <Link key="type" component={RouterLink} to={dashboardLinks.equipmentOfType(type.equipmentType)}>
              {type.equipmentType}
            </Link>,
            type.equipmentCount,
            type.failures,
            hoursToDays(type.mtbfHours) ?? '—',
            formatHours(type.mttrHours),
          ],
        })),
      }}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 1 }}>
        <BarChart
          layout="horizontal"
          height={height}
          yAxis={[{ scaleType: 'band', data: names, width: 140 }]}
          series={[
            {
              data: types.map((type) => hoursToDays(type.mtbfHours)),
              label: 'MTBF (days)',
              color: theme.palette.success.main,
              valueFormatter: (value) => (value === null ? 'no failures' : `${value} days`),
            },
          ]}
          onItemClick={open}
          grid={{ vertical: true }}
        />
        <BarChart
          layout="horizontal"
          height={height}
          yAxis={[{ scaleType: 'band', data: names, width: 140 }]}
          series={[
            {
              data: types.map((type) => type.mttrHours),
              label: 'MTTR (hours)',
              color: theme.palette.warning.main,
              valueFormatter: formatHours,
            },
          ]}
          onItemClick={open}
          grid={{ vertical: true }}
        />
      </Box>
    </ChartCard>
  );
}
