import { Box, Typography } from '@mui/material';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useGetReliabilityQuery } from '../api/get-reliability';
import { formatProbability } from '../utils/health-format';

const hours = (value: number | null) => (value === null ? '—' : `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} h`);

/** MTBF, MTTR and the Weibull fit behind the failure probability, from the work-order history. */
export function ReliabilitySection({ equipmentId }: { equipmentId: string }) {
  const { data, error, refetch } = useGetReliabilityQuery(equipmentId);
  const figures = data && [
    { label: 'Mean time between failures', value: hours(data.mtbfHours) },
    { label: 'Mean time to repair', value: hours(data.mttrHours) },
    { label: 'Recorded failures', value: String(data.failures) },
    { label: 'Since the last repair', value: hours(data.ageHours) },
    {
      label: `Failure within ${data.horizonDays} days`,
      value: data.failureProbability === null ? '—' : formatProbability(data.failureProbability),
    },
  ];
  return (
    <Section title="Reliability">
      <ProblemAlert error={error} subject="equipment" onReload={refetch} />
      {figures && (
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(5, 1fr)' }, gap: 2, m: 0 }}>
          {figures.map((figure) => (
            <Box key={figure.label}>
              <Typography component="dt" variant="caption" color="text.secondary">
                {figure.label}
              </Typography>
              <Typography component="dd" variant="body1" sx={{ m: 0 }}>
                {figure.value}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {data?.weibull && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          Weibull fit on {data.weibull.source === 'equipment' ? 'this equipment’s' : `every ${data.equipmentType}’s`} lives: shape{' '}
          {data.weibull.shape.toFixed(2)}, characteristic life {hours(data.weibull.scale)} ({Math.round(data.weibull.confidenceLevel * 100)}{' '}
          % bounds {hours(data.weibull.scaleBounds[0])}–{hours(data.weibull.scaleBounds[1])}).
        </Typography>
      )}
    </Section>
  );
}
