import { Paper } from '@mui/material';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useListTechnicianRosterQuery } from '../api/list-technicians';
import { technicianListArgs, useTechnicianFilters } from '../hooks/use-technician-filters';
import { TechnicianFiltersBar } from './TechnicianFiltersBar';
import { TechnicianTable } from './TechnicianTable';

/** The technicians: searched, filtered and paged on the server; each opens to skills, availability, schedule and performance. */
export function TechniciansPage() {
  const { filters, update } = useTechnicianFilters();
  const { data, error, isLoading, isFetching, refetch } = useListTechnicianRosterQuery(technicianListArgs(filters));
  return (
    <>
      <PageHeader title="Technicians" subtitle={data ? `${data.total} matching` : undefined} />
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
