import type { EquipmentHealth } from '@msched/contracts';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { anomalyLevel, formatProbability, formatRul } from '../utils/health-format';
import { ConfidenceBadge } from './ConfidenceBadge';
import { RulIntervalBar } from './RulIntervalBar';

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="overline" component="h3" color="text.secondary" sx={{ lineHeight: 1.6 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}

/** The four figures of an assessment; each says why it is missing when it is. */
export function HealthFigures({ health }: { health: EquipmentHealth }) {
  const { rul, failureProbability, anomalyScore } = health;
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <Figure label="Remaining useful life">
        {rul ? (
          <>
            <Typography variant="h5" component="p">
              {formatRul(rul)}
            </Typography>
            <RulIntervalBar rul={rul} />
          </>
        ) : (
          <Typography color="text.secondary">No estimate: no trained model for this equipment type yet.</Typography>
        )}
      </Figure>
      <Figure label="Failure probability">
        {failureProbability ? (
          <Typography variant="h5" component="p">
            {formatProbability(failureProbability.probability)}
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              within {failureProbability.horizonDays} days
            </Typography>
          </Typography>
        ) : (
          <Typography color="text.secondary">No figure: not enough failure history.</Typography>
        )}
      </Figure>
      <Figure label="Confidence">
        <ConfidenceBadge confidence={health.confidence} />
      </Figure>
      <Figure label="Anomaly">
        {anomalyScore === null ? (
          <Typography color="text.secondary">No baseline yet.</Typography>
        ) : (
          <Typography variant="body2">
            {Math.round(anomalyScore)} / 100 · {anomalyLevel(anomalyScore).label}
          </Typography>
        )}
      </Figure>
    </Box>
  );
}
