import { Box, Button, Divider, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { formatDateTime } from '@/lib/format';
import { useGetEquipmentHealthQuery } from '../api/get-equipment-health';
import { predictiveWorkOrdersPath } from '../utils/health-format';
import { isStaff } from '@/lib/auth/permissions';
import { DriversList } from './DriversList';
import { HealthFigures } from './HealthFigures';
import { RiskChip } from './RiskChip';

/** The server reassesses every minute; events cover status changes and new predictive work orders. */
export const HEALTH_POLL_MS = 60_000;

interface Props {
  equipmentId: string;
  /** Embedded elsewhere (the equipment page): adds the way to the full health view. */
  linkToDetails?: boolean;
}

/** One piece of equipment's health: risk, remaining life with its interval, probability, confidence, drivers. */
export function EquipmentHealthPanel({ equipmentId, linkToDetails = true }: Props) {
  const { data: health, error, isLoading, refetch } = useGetEquipmentHealthQuery(equipmentId, { pollingInterval: HEALTH_POLL_MS });
  // Staff open any work order; others only their own, which a predictive one rarely is (404).
  const opensWorkOrder = isStaff(useCurrentUser());
  return (
    <Section title="Health" actions={health && <RiskChip risk={health.risk} />}>
      <ProblemAlert error={error} subject="equipment" onReload={refetch} />
      {isLoading && <LoadingBlock label="Assessing…" />}
      {health && (
        <Stack spacing={2}>
          <HealthFigures health={health} />
          <Divider />
          <Box>
            <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
              Top drivers
            </Typography>
            <DriversList drivers={health.drivers} />
          </Box>
          <Typography variant="caption" color="text.secondary">
            {health.asOf ? `Readings up to ${formatDateTime(health.asOf)}` : 'No readings yet'}
            {health.modelVersion && ` · model ${health.modelVersion}`}
          </Typography>
          {health.predictiveWorkOrderId && !opensWorkOrder && (
            <Typography variant="body2">A predictive work order is open for this equipment.</Typography>
          )}
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
            {health.predictiveWorkOrderId && opensWorkOrder && (
              <Button variant="contained" component={RouterLink} to={`/work-orders/${health.predictiveWorkOrderId}`}>
                Open predictive work order
              </Button>
            )}
            <Button component={RouterLink} to={predictiveWorkOrdersPath(equipmentId)}>
              Work orders of this equipment
            </Button>
            {linkToDetails && (
              <Button component={RouterLink} to={`/predictive/equipment/${equipmentId}`}>
                Sensor charts and reliability
              </Button>
            )}
          </Box>
        </Stack>
      )}
    </Section>
  );
}
