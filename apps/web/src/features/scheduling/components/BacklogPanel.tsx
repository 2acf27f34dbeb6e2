import { Box, MenuItem, Stack, TablePagination, TextField } from '@mui/material';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/EmptyState';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { type BacklogSort, useListBacklogQuery } from '../api/list-backlog';
import { WORK_ORDER_SEARCH_MAX_LENGTH } from '../utils/search';
import { BacklogItem } from './BacklogItem';

const SORTS: { value: BacklogSort; label: string }[] = [
  { value: '-priority', label: 'Priority, highest first' },
  { value: 'dueDate', label: 'Due date, soonest first' },
];

/** Open work nobody is booked for yet, paged, sorted and searched on the server. */
export function BacklogPanel() {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<BacklogSort>('-priority');
  const [paging, setPaging] = useState({ page: 1, limit: 10 });
  const settledSearch = useDebouncedValue(search.trim(), 300);
  const { data, error, isLoading, isFetching, refetch } = useListBacklogQuery({ ...paging, sort, search: settledSearch || undefined });

  return (
    <Section title={data?.total !== undefined ? `Backlog (${data.total})` : 'Backlog'}>
      <Stack spacing={1.5} sx={{ mb: 1.5 }}>
        <TextField
          label="Search backlog"
          size="small"
          value={search}
          onChange={(event) => (setSearch(event.target.value), setPaging({ ...paging, page: 1 }))}
          slotProps={{ htmlInput: { maxLength: WORK_ORDER_SEARCH_MAX_LENGTH } }}
        />
        <TextField
          select
          label="Sort backlog by"
          size="small"
          value={sort}
          onChange={(event) => (setSort(event.target.value as BacklogSort), setPaging({ ...paging, page: 1 }))}
        >
          {SORTS.map((option) => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {/* No field shows the server's message: the alert names what is wrong. */}
      <ProblemAlert error={error} subject="list" onReload={refetch} fieldsShown={false} />
      {isLoading && <LoadingBlock label="Loading the backlog…" />}
      {data && data.data.length === 0 && <EmptyState title={settledSearch ? 'No open work matches' : 'The backlog is empty'} />}
      <Box
        component="ul"
        aria-label="Unscheduled work orders"
        aria-busy={isFetching}
        // Beside the board on wide screens the list scrolls on its own, so rows and backlog stay in view together.
        sx={{ m: 0, p: 0, pr: { lg: 0.5 }, maxHeight: { lg: '65vh' }, overflowY: { lg: 'auto' } }}
      >
        {data?.data.map((workOrder) => (
          <BacklogItem key={workOrder.id} workOrder={workOrder} />
        ))}
      </Box>
      {data && (data.total ?? 0) > 0 && (
        <TablePagination
          component="div"
          count={data.total ?? -1}
          page={(data.page ?? paging.page) - 1}
          rowsPerPage={paging.limit}
          rowsPerPageOptions={[10, 25, 50]}
          labelRowsPerPage="Per page"
          onPageChange={(_event, page) => setPaging({ ...paging, page: page + 1 })}
          onRowsPerPageChange={(event) => setPaging({ page: 1, limit: Number(event.target.value) })}
          sx={{ '.MuiTablePagination-toolbar': { px: 0, flexWrap: 'wrap' } }}
        />
      )}
    </Section>
  );
}
