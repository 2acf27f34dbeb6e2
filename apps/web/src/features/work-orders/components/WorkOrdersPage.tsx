import AddIcon from '@mui/icons-material/Add';
import { Button, Paper } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useListWorkOrdersQuery } from '../api/list-work-orders';
import { useWorkOrderFilters } from '../hooks/use-work-order-filters';
import { hasActiveFilters, listArgsFromFilters } from '../utils/filters';
import { isStaff } from '@/lib/auth/permissions';
import { SavedViewsMenu } from './SavedViewsMenu';
import { WorkOrderFiltersBar } from './WorkOrderFiltersBar';
import { WorkOrderTable } from './WorkOrderTable';

/** The work-order list: everything (filters, sort, pages) is asked of the server; live via the real-time channel. */
export function WorkOrdersPage() {
  const user = useCurrentUser();
  const { filters, query, update, replaceAll } = useWorkOrderFilters();
  const { data, error, isLoading, isFetching, refetch } = useListWorkOrdersQuery(listArgsFromFilters(filters));

  return (
    <>
      <PageHeader
        title="Work orders"
        subtitle={
          data?.total !== undefined
            ? `${data.totalIsEstimate ? `More than ${(data.total - 1).toLocaleString('en-US')}` : data.total} matching`
            : undefined
        }
        actions={
          <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to="/work-orders/new">
            New work order
          </Button>
        }
      />
      <WorkOrderFiltersBar filters={filters} onChange={update} showTechnician={isStaff(user)} />
      <SavedViewsMenu userId={user.id} query={query} onApply={replaceAll} />
      <ProblemAlert fieldsShown={false} error={error} subject="list" onReload={refetch} />
      <Paper variant="outlined" aria-busy={isFetching}>
        {isLoading && <LoadingBlock label="Loading work orders…" />}
        {data && data.data.length === 0 && (
          <EmptyState title="No work orders match">
            {hasActiveFilters(filters) ? 'Try fewer filters.' : 'Create the first one with “New work order”.'}
          </EmptyState>
        )}
        {data && data.data.length > 0 && (
          <WorkOrderTable
            page={data}
            sort={filters.sort}
            onSort={(sort) => update({ sort })}
            onPage={(page, limit) => update({ page, limit })}
          />
        )}
      </Paper>
    </>
  );
}
