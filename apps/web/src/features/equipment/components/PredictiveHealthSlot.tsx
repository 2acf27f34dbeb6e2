import { Box } from '@mui/material';
import { Suspense, lazy } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';

// The predictive feature owns the panel; it loads with its own chunk, only where it is shown.
const EquipmentHealthPanel = lazy(async () => ({ default: (await import('@/features/predictive')).EquipmentHealthPanel }));

/**
 * Where the predictive health of the equipment goes (the section `#predictive-health`): the
 * predictive feature's panel (remaining useful life, failure risk, drivers).
 */
export function PredictiveHealthSlot({ equipmentId }: { equipmentId: string }) {
  return (
    <Box id="predictive-health" data-slot="predictive-health">
      <Suspense fallback={<LoadingBlock label="Loading health…" />}>
        <EquipmentHealthPanel equipmentId={equipmentId} />
      </Suspense>
    </Box>
  );
}
