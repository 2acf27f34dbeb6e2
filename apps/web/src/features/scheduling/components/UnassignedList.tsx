import type { ScheduleRun, WorkOrder } from '@msched/contracts';
import { Box, Link, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { humanize } from '@/lib/format';

const PAGE_SIZE = 10;

interface Props {
  unassigned: ScheduleRun['unassigned'];
  current: ReadonlyMap<string, WorkOrder>;
}

/** Work the proposal leaves unplanned, with the optimizer's reasons (no skilled technician, no shift time…). */
export function UnassignedList({ unassigned, current }: Props) {
  const [page, setPage] = useState(0);
  const shown = unassigned.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        Left unplanned ({unassigned.length})
      </Typography>
      {unassigned.length === 0 ? (
        <Typography variant="body2">Every work order in the range has a place in the proposal.</Typography>
      ) : (
        <>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label="Work the proposal leaves unplanned, with reasons">
              <TableHead>
                <TableRow>
                  <TableCell>Work order</TableCell>
                  <TableCell>Priority</TableCell>
                  <TableCell>Why</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((entry) => {
                  const workOrder = current.get(entry.workOrderId);
                  return (
                    <TableRow key={entry.workOrderId} data-testid={`unassigned-${workOrder?.workOrderNumber ?? entry.workOrderId}`}>
                      <TableCell>
                        <Link component={RouterLink} to={`/work-orders/${entry.workOrderId}`}>
                          {workOrder?.workOrderNumber ?? 'Work order'}
                        </Link>{' '}
                        {workOrder?.title}
                      </TableCell>
                      <TableCell>{workOrder ? humanize(workOrder.priority) : '—'}</TableCell>
                      <TableCell>{entry.reasons.length > 0 ? entry.reasons.join('; ') : 'No reason given'}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
          {unassigned.length > PAGE_SIZE && (
            <TablePagination
              component="div"
              count={unassigned.length}
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
