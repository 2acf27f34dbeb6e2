import ModelIcon from '@mui/icons-material/ModelTraining';
import { Box, Button, Paper, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useListFleetQuery } from '../api/list-fleet';
import { canManageModels } from '../utils/permissions';
import { HEALTH_POLL_MS } from './EquipmentHealthPanel';
import { FleetTable } from './FleetTable';

const positive = (value: string | null, fallback: number, max: number) => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? Math.min(number, max) : fallback;
};

/** The fleet ranked by risk (the server's order), filtered by equipment type; live through events and a minute's poll. */
export function FleetPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const page = positive(params.get('page'), 1, 100_000);
  const limit = positive(params.get('limit'), 20, 100);
  const equipmentType = params.get('equipmentType') ?? '';
  const [typeInput, setTypeInput] = useState(equipmentType);
  const typed = useDebouncedValue(typeInput.trim(), 300);
  const { data, error, isLoading, isFetching, refetch } = useListFleetQuery(
    { page, limit, equipmentType: equipmentType || undefined },
    { pollingInterval: HEALTH_POLL_MS },
  );

  const update = (changes: Record<string, string | number>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === '' || (key === 'page' && value === 1) || (key === 'limit' && value === 20)) next.delete(key);
        else next.set(key, String(value));
      }
      return next;
    });

  // Only the debounced text drives the URL (not the other way round, which would undo typing).
  useEffect(() => {
    if (typed !== equipmentType) update({ equipmentType: typed, page: 1 });
  }, [typed]);

  return (
    <>
      <PageHeader
        title="Predictive maintenance"
        subtitle="Equipment ranked by risk; 100 means a predictive work order is due"
        actions={
          canManageModels(user) && (
            <Button startIcon={<ModelIcon />} component={RouterLink} to="/predictive/models">
              Models
            </Button>
          )
        }
      />
      <Box sx={{ mb: 2 }}>
        <TextField
          size="small"
          type="search"
          label="Equipment type"
          placeholder="Pump, Compressor…"
          value={typeInput}
          onChange={(event) => setTypeInput(event.target.value)}
        />
      </Box>
      <ProblemAlert fieldsShown={false} error={error} subject="list" onReload={refetch} />
      <Paper variant="outlined" aria-busy={isFetching}>
        {isLoading && <LoadingBlock label="Ranking the fleet…" />}
        {data && data.data.length === 0 && (
          <EmptyState title="No assessed equipment">
            {equipmentType ? 'No equipment of this type has been assessed.' : 'Equipment appears here once its sensors report.'}
          </EmptyState>
        )}
        {data && data.data.length > 0 && <FleetTable page={data} onPage={(next, size) => update({ page: next, limit: size })} />}
      </Paper>
    </>
  );
}
