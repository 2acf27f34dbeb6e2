import type { WorkOrder } from '@msched/contracts';
import { Box, Link, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, Typography } from '@mui/material';
import { type ReactNode, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

const PAGE_SIZE = 10;

interface Props<T> {
  /** The heading; the number of items follows it. */
  title: string;
  items: readonly T[];
  /** Said instead of the table when there are no items. */
  empty: string;
  /** The table's accessible name. */
  label: string;
  /** The header cells. */
  head: ReactNode;
  row: (item: T) => ReactNode;
}

/** One part of a proposal (what moves, what is left out) as a titled table, paged here: the run is one resource. */
export function ProposalTable<T>({ title, items, empty, label, head, row }: Props<T>) {
  const [page, setPage] = useState(0);
  const shown = items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        {title} ({items.length})
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2">{empty}</Typography>
      ) : (
        <>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={label}>
              <TableHead>
                <TableRow>{head}</TableRow>
              </TableHead>
              <TableBody>{shown.map(row)}</TableBody>
            </Table>
          </Box>
          {items.length > PAGE_SIZE && (
            <TablePagination
              component="div"
              count={items.length}
              page={page}
              rowsPerPage={PAGE_SIZE}
              rowsPerPageOptions={[PAGE_SIZE]}
              onPageChange={(_event, next) => setPage(next)}
            />
          )}
        </>
      )}
    </Box>
  );
}

/** The work order's number as a link, then its title (the number alone when the board does not hold it). */
export function WorkOrderCell({ workOrderId, workOrder }: { workOrderId: string; workOrder: WorkOrder | undefined }) {
  return (
    <TableCell>
      <Link component={RouterLink} to={`/work-orders/${workOrderId}`}>
        {workOrder?.workOrderNumber ?? 'Work order'}
      </Link>{' '}
      {workOrder?.title}
    </TableCell>
  );
}
