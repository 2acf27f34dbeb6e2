import ModelIcon from '@mui/icons-material/ModelTraining';
import { Breadcrumbs, Button, Link, Paper } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RoleGate } from '@/components/ui/RoleGate';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useListModelsQuery } from '../api/list-models';
import { canManageModels } from '../utils/permissions';
import { ModelsTable } from './ModelsTable';
import { TrainModelDialog } from './TrainModelDialog';

/** While a version trains, the list is asked again this often. */
export const TRAINING_POLL_MS = 5_000;

const TITLE = 'Prediction models';

/**
 * Model versions and training, for those who manage models (`predictive.manage`, which the list
 * needs too); anyone else reads why and no request is sent (see RoleGate).
 */
export function ModelsPage() {
  return (
    <RoleGate
      allowed={canManageModels(useCurrentUser())}
      title={TITLE}
      reason="Prediction models are trained and reviewed by planners, managers and administrators. Equipment health is on the Predictive page."
    >
      <Models />
    </RoleGate>
  );
}

/** Remaining-useful-life model versions with their held-out evaluation; training a new one. */
function Models() {
  const [paging, setPaging] = useState({ page: 1, limit: 20 });
  const [training, setTraining] = useState(false);
  const [polling, setPolling] = useState(0);
  const { data, error, isLoading, refetch } = useListModelsQuery(paging, { pollingInterval: polling });
  const anyTraining = data?.data.some((model) => model.status === 'TRAINING') ?? false;
  useEffect(() => setPolling(anyTraining ? TRAINING_POLL_MS : 0), [anyTraining]);
  const knownTypes = [...new Set(data?.data.map((model) => model.equipmentType) ?? [])];

  return (
    <>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component={RouterLink} to="/predictive">
          Predictive
        </Link>
        <span aria-current="page">Models</span>
      </Breadcrumbs>
      <PageHeader
        title={TITLE}
        subtitle="Each equipment type has its own remaining-useful-life model; the newest ready version is active"
        actions={
          <Button variant="contained" startIcon={<ModelIcon />} onClick={() => setTraining(true)}>
            Train new version
          </Button>
        }
      />
      <ProblemAlert fieldsShown={false} error={error} subject="list" onReload={refetch} />
      <Paper variant="outlined">
        {isLoading && <LoadingBlock label="Loading models…" />}
        {data && data.data.length === 0 && <EmptyState title="No models yet">Train the first one with “Train new version”.</EmptyState>}
        {data && data.data.length > 0 && <ModelsTable page={data} onPage={(page, limit) => setPaging({ page, limit })} />}
      </Paper>
      {training && <TrainModelDialog open onClose={() => setTraining(false)} knownTypes={knownTypes} />}
    </>
  );
}
