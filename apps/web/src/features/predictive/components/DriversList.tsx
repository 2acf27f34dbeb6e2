import type { EquipmentHealth } from '@msched/contracts';
import { Box, LinearProgress, Typography } from '@mui/material';

const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(Math.round(value * 10) / 10)}`;

/** The sensors that moved the assessment most, strongest first, each with its share of the strongest. */
export function DriversList({ drivers, limit = 5 }: { drivers: EquipmentHealth['drivers']; limit?: number }) {
  if (drivers.length === 0) return <Typography color="text.secondary">No drivers: nothing stands out in the readings.</Typography>;
  const top = [...drivers].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, limit);
  const strongest = Math.abs(top[0]?.contribution ?? 1) || 1;
  return (
    <Box component="ol" aria-label="Top drivers" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
      {top.map((driver) => (
        <Box component="li" key={driver.sensor}>
          <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
            <Typography variant="body2">{driver.sensor}</Typography>
            <Typography variant="body2" color="text.secondary">
              {signed(driver.contribution)}
            </Typography>
          </Box>
          <LinearProgress
            variant="determinate"
            value={(Math.abs(driver.contribution) / strongest) * 100}
            color={driver.contribution < 0 ? 'warning' : 'primary'}
            aria-label={`${driver.sensor} moved the assessment by ${signed(driver.contribution)}`}
          />
        </Box>
      ))}
    </Box>
  );
}
