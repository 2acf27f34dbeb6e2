import { Box, Link, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { Booking, ChangeKind, PlanChange } from '../utils/plan-diff';
import { formatDatedSpan } from '../utils/work-order-display';

const KIND_LABEL: Record<ChangeKind, string> = {
  new: 'Newly booked',
  moved: 'Moved in time',
  reassigned: 'Other technician',
  unscheduled: 'Taken off the plan',
};

const PAGE_SIZE = 10;

/** Who and when, or "unscheduled". Crews name every technician, the lead first. */
function BookingText({ booking, nameOf }: { booking: Booking | null; nameOf: (id: string) => string }) {
  if (!booking) return <>Unscheduled</>;
  return (
    <>
      {booking.technicianIds.map(nameOf).join(', ')}
      <br />
      <Typography variant="caption" color="text.secondary">
        {formatDatedSpan(Date.parse(booking.start), Date.parse(booking.end))}
      </Typography>
    </>
  );
}

/** What publishing would change, one work order per row (paged here: the run is one resource). */
export function ChangesTable({ changes, nameOf }: { changes: readonly PlanChange[]; nameOf: (id: string) => string }) {
  const [page, setPage] = useState(0);
  const shown = changes.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
        What moves ({changes.length})
      </Typography>
      {changes.length === 0 ? (
        <Typography variant="body2">Publishing would change nothing: the proposal is the current plan.</Typography>
      ) : (
        <>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label="Work that the proposal moves">
              <TableHead>
                <TableRow>
                  <TableCell>Work order</TableCell>
                  <TableCell>Change</TableCell>
                  <TableCell>Now</TableCell>
                  <TableCell>Proposed</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((change) => (
                  <TableRow key={change.workOrderId} data-testid={`change-${change.workOrder?.workOrderNumber ?? change.workOrderId}`}>
                    <TableCell>
                      <Link component={RouterLink} to={`/work-orders/${change.workOrderId}`}>
                        {change.workOrder?.workOrderNumber ?? 'Work order'}
                      </Link>{' '}
                      {change.workOrder?.title}
                    </TableCell>
                    <TableCell>
                      {KIND_LABEL[change.kind]}
                      {change.reasons.length > 0 && `: ${change.reasons.join('; ')}`}
                    </TableCell>
                    <TableCell>
                      <BookingText booking={change.before} nameOf={nameOf} />
                    </TableCell>
                    <TableCell>
                      <BookingText booking={change.after} nameOf={nameOf} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
          {changes.length > PAGE_SIZE && (
            <TablePagination
              component="div"
              count={changes.length}
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
