import AddIcon from '@mui/icons-material/Add';
import { Alert, Button, Paper } from '@mui/material';
import { useEffect } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { useListWorkOrdersQuery } from '../api/list-work-orders';
import { useWorkOrderFilters } from '../hooks/use-work-order-filters';
import { dueRangeProblem, hasActiveFilters, lastPageOf, listArgsFromFilters, withFilterLabels } from '../utils/filters';
import { isStaff } from '@/lib/auth/permissions';
import { SavedViewsMenu } from './SavedViewsMenu';
import { WorkOrderFiltersBar } from './WorkOrderFiltersBar';
import { WorkOrderTable } from './WorkOrderTable';
import { touchTarget } from '@/components/ui/touch-target';

/** The work-order list: everything (filters, sort, pages) is asked of the server; live via the real-time channel. */
export function WorkOrdersPage() {
  const user = useCurrentUser();
  const { filters, query, update, replaceAll } = useWorkOrderFilters();
  // Dates the API would refuse are not sent: the filter bar says what to change.
  const rangeProblem = dueRangeProblem(filters);
  const { data, currentData, error, isError, isFetching, refetch } = useListWorkOrdersQuery(listArgsFromFilters(filters), {
    skip: Boolean(rangeProblem),
  });
  // While new filters load, the last answer stays in sight (marked busy); after a failure only an
  // answer for these very filters does (a failed refresh): `data` may belong to other filters.
  const page = rangeProblem ? undefined : isError ? currentData : data;
  const rows = page?.data.length ?? 0;
  // A page past the end (an old link, rows gone meanwhile) goes to the last one that holds rows.
  const lastPage = currentData ? lastPageOf(currentData) : 1;
  const pastEnd = currentData !== undefined && currentData.data.length === 0 && (currentData.page ?? filters.page) > lastPage;
  useEffect(() => {
    if (pastEnd) update({ page: lastPage }, { replace: true });
  }, [pastEnd, lastPage, update]);

  return (
    <>
      <PageHeader
        title="Work orders"
        subtitle={
          page?.total !== undefined
            ? `${page.totalIsEstimate ? `More than ${(page.total - 1).toLocaleString('en-US')}` : page.total} matching`
            : undefined
        }
        actions={
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            component={RouterLink}
            to="/work-orders/new"
            // Thumb-sized on a phone, as the theme makes icon buttons.
            sx={touchTarget}
          >
            New work order
          </Button>
        }
      />
      <WorkOrderFiltersBar filters={filters} onChange={update} showTechnician={isStaff(user)} />
      <SavedViewsMenu userId={user.id} query={query} onApply={replaceAll} />
      {rangeProblem && (
        <Alert severity="warning" role="alert">
          {rangeProblem}: change the dates to see the list.
        </Alert>
      )}
      <ProblemAlert fieldsShown={false} error={withFilterLabels(error)} subject="list" onReload={refetch} />
      <Paper hidden={Boolean(rangeProblem)} variant="outlined" aria-busy={isFetching}>
        {(pastEnd || (isFetching && rows === 0)) && <LoadingBlock label="Loading work orders…" />}
        {page && rows === 0 && !isFetching && !pastEnd && (
          <EmptyState title="No work orders match">
            {hasActiveFilters(filters) ? 'Try fewer filters.' : 'Create the first one with “New work order”.'}
          </EmptyState>
        )}
        {page && rows > 0 && (
          <WorkOrderTable
            page={page}
            sort={filters.sort}
            onSort={(sort) => update({ sort })}
            onPage={(pageNumber, limit) => update({ page: pageNumber, limit })}
          />
        )}
      </Paper>
    </>
  );
}
