import { Paper } from '@mui/material';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RoleGate } from '@/components/ui/RoleGate';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useListTechnicianRosterQuery } from '../api/list-technicians';
import { technicianListArgs, useTechnicianFilters } from '../hooks/use-technician-filters';
import { seesAllTechnicians } from '../utils/permissions';
import { TechnicianFiltersBar } from './TechnicianFiltersBar';
import { TechnicianTable } from './TechnicianTable';

const TITLE = 'Technicians';

/** The roster, for those who may list every technician (see RoleGate). */
export function TechniciansPage() {
  return (
    <RoleGate
      allowed={seesAllTechnicians(useCurrentUser())}
      title={TITLE}
      reason="The technician list is for planners, managers and administrators."
    >
      <TechnicianRoster />
    </RoleGate>
  );
}

/** The technicians: searched, filtered and paged on the server; each opens to skills, availability, schedule and performance. */
function TechnicianRoster() {
  const { filters, update } = useTechnicianFilters();
  const { data, error, isLoading, isFetching, refetch } = useListTechnicianRosterQuery(technicianListArgs(filters));
  return (
    <>
      <PageHeader title={TITLE} subtitle={data ? `${data.total} matching` : undefined} />
      <TechnicianFiltersBar filters={filters} onChange={update} />
      <ProblemAlert fieldsShown={false} error={error} subject="technician list" onReload={refetch} />
      <Paper variant="outlined" aria-busy={isFetching}>
        {isLoading && <LoadingBlock label="Loading technicians…" />}
        {data && data.data.length === 0 && <EmptyState title="No technicians match">Try another name or skill.</EmptyState>}
        {data && data.data.length > 0 && <TechnicianTable page={data} onPage={(page, limit) => update({ page, limit })} />}
      </Paper>
    </>
  );
}
