import type { Location } from '@msched/contracts';
import { Box, Button, Paper } from '@mui/material';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useListEquipmentRegisterQuery } from '../api/list-equipment';
import { type EquipmentFilters, equipmentListArgs } from '../hooks/use-equipment-filters';
import { EquipmentTable } from './EquipmentTable';

interface Props {
  filters: EquipmentFilters;
  onChange: (changes: Partial<EquipmentFilters>) => void;
  /** The chosen location's sub-locations, offered when nothing sits at the location itself. */
  subLocations: Location[];
}

/** The equipment list for the filters, asked of the server page by page. */
export function EquipmentRegister({ filters, onChange, subLocations }: Props) {
  const { data, error, isLoading, isFetching, refetch } = useListEquipmentRegisterQuery(equipmentListArgs(filters));
  return (
    <>
      {/* The filters come from the address too: the alert names what is wrong, no field does. */}
      <ProblemAlert error={error} subject="equipment list" onReload={refetch} fieldsShown={false} />
      <Paper variant="outlined" aria-busy={isFetching}>
        {isLoading && <LoadingBlock label="Loading equipment…" />}
        {data && data.data.length === 0 && (
          <EmptyState title="No equipment here">
            {subLocations.length > 0 ? (
              <>
                Equipment is placed on the areas and lines below this location:
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, justifyContent: 'center', mt: 1 }}>
                  {subLocations.map((location) => (
                    <Button key={location.id} size="small" variant="outlined" onClick={() => onChange({ location: location.id })}>
                      {location.name}
                    </Button>
                  ))}
                </Box>
              </>
            ) : (
              'Try another location or fewer filters.'
            )}
          </EmptyState>
        )}
        {data && data.data.length > 0 && <EquipmentTable page={data} onPage={(page, limit) => onChange({ page, limit })} />}
      </Paper>
    </>
  );
}
