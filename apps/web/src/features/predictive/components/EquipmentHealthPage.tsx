import { Breadcrumbs, Link, Stack } from '@mui/material';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { humanize } from '@/lib/format';
import { useGetHealthEquipmentQuery } from '../api/get-health-equipment';
import { EquipmentHealthPanel } from './EquipmentHealthPanel';
import { ReliabilitySection } from './ReliabilitySection';
import { SensorCharts } from './SensorCharts';

/** One piece of equipment: its health assessment, reliability from history, and its sensors over time. */
export function EquipmentHealthPage() {
  const { equipmentId = '' } = useParams();
  const { data: equipment } = useGetHealthEquipmentQuery(equipmentId);
  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component={RouterLink} to="/predictive">
          Predictive
        </Link>
        <span aria-current="page">{equipment?.equipmentNumber ?? 'Equipment'}</span>
      </Breadcrumbs>
      <PageHeader
        title={equipment ? `${equipment.equipmentNumber} · ${equipment.name}` : 'Equipment health'}
        subtitle={equipment && `${equipment.type} · ${humanize(equipment.status)}`}
      />
      <Stack spacing={2}>
        <EquipmentHealthPanel equipmentId={equipmentId} linkToDetails={false} />
        <SensorCharts equipmentId={equipmentId} />
        <ReliabilitySection equipmentId={equipmentId} />
      </Stack>
    </>
  );
}
