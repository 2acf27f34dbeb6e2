import { Box, Stack, Typography } from '@mui/material';
import { useParams } from 'react-router-dom';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { TwoColumns } from '@/components/ui/TwoColumns';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useGetEquipmentDetailQuery } from '../api/get-equipment';
import { canEditEquipment, canReadPmPlans } from '../utils/permissions';
import { EquipmentFacts } from './EquipmentFacts';
import { EquipmentStatusChip } from './EquipmentStatusChip';
import { EquipmentStatusControl } from './EquipmentStatusControl';
import { MaintenanceHistoryPanel } from './MaintenanceHistoryPanel';
import { MaintenanceWindowsPanel } from './MaintenanceWindowsPanel';
import { MetersPanel } from './MetersPanel';
import { OpenWorkPanel } from './OpenWorkPanel';
import { PmPlansPanel } from './PmPlansPanel';
import { PredictiveHealthSlot } from './PredictiveHealthSlot';

/**
 * One piece of equipment: status, details, health, meters, open work, maintenance windows, PM plans
 * and history; live via the real-time channel.
 */
export function EquipmentDetailPage() {
  const { equipmentId = '' } = useParams();
  const user = useCurrentUser();
  const { data: equipment, error, isLoading, refetch } = useGetEquipmentDetailQuery(equipmentId);

  if (isLoading) return <LoadingBlock label="Loading the equipment…" />;
  if (!equipment) return <ProblemAlert fieldsShown={false} error={error} subject="equipment" onReload={refetch} />;

  return (
    <>
      <PageHeader
        title={`${equipment.equipmentNumber} · ${equipment.name}`}
        subtitle={
          <Box component="span" sx={{ display: 'inline-flex', gap: 1, mt: 0.5, alignItems: 'center' }}>
            <EquipmentStatusChip status={equipment.status} />
            <Typography component="span" variant="body2">
              {equipment.type} · criticality {equipment.criticality}
            </Typography>
          </Box>
        }
        actions={canEditEquipment(user) && <EquipmentStatusControl equipment={equipment} onReload={refetch} />}
      />
      <ProblemAlert fieldsShown={false} error={error} subject="equipment" onReload={refetch} />
      <TwoColumns>
        <Stack spacing={2}>
          <OpenWorkPanel equipmentId={equipment.id} />
          <MetersPanel equipmentId={equipment.id} />
          <MaintenanceWindowsPanel equipment={equipment} editable={canEditEquipment(user)} onReload={refetch} />
          <MaintenanceHistoryPanel equipmentId={equipment.id} />
        </Stack>
        <Stack spacing={2}>
          <EquipmentFacts equipment={equipment} />
          <PredictiveHealthSlot equipmentId={equipment.id} />
          {canReadPmPlans(user) && <PmPlansPanel equipmentId={equipment.id} />}
        </Stack>
      </TwoColumns>
    </>
  );
}
