import { TableCell, TableRow, Typography } from '@mui/material';
import type { Booking, ChangeKind, PlanChange } from '../utils/plan-diff';
import { formatDatedSpan } from '../utils/work-order-display';
import { ProposalTable, WorkOrderCell } from './ProposalTable';

const KIND_LABEL: Record<ChangeKind, string> = {
  new: 'Newly booked',
  moved: 'Moved in time',
  reassigned: 'Other technician',
  unscheduled: 'Taken off the plan',
};

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

/** What publishing would change, one work order per row. */
export function ChangesTable({ changes, nameOf }: { changes: readonly PlanChange[]; nameOf: (id: string) => string }) {
  return (
    <ProposalTable
      title="What moves"
      items={changes}
      empty="Publishing would change nothing: the proposal is the current plan."
      label="Work that the proposal moves"
      head={
        <>
          <TableCell>Work order</TableCell>
          <TableCell>Change</TableCell>
          <TableCell>Now</TableCell>
          <TableCell>Proposed</TableCell>
        </>
      }
      row={(change) => (
        <TableRow key={change.workOrderId} data-testid={`change-${change.workOrder?.workOrderNumber ?? change.workOrderId}`}>
          <WorkOrderCell workOrderId={change.workOrderId} workOrder={change.workOrder} />
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
      )}
    />
  );
}
