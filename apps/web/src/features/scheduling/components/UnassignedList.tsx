import type { ScheduleRun, WorkOrder } from '@msched/contracts';
import { TableCell, TableRow } from '@mui/material';
import { humanize } from '@/lib/format';
import { ProposalTable, WorkOrderCell } from './ProposalTable';

interface Props {
  unassigned: ScheduleRun['unassigned'];
  current: ReadonlyMap<string, WorkOrder>;
}

/** Work the proposal leaves unplanned, with the optimizer's reasons (no skilled technician, no shift time…). */
export function UnassignedList({ unassigned, current }: Props) {
  return (
    <ProposalTable
      title="Left unplanned"
      items={unassigned}
      empty="Every work order in the range has a place in the proposal."
      label="Work the proposal leaves unplanned, with reasons"
      head={
        <>
          <TableCell>Work order</TableCell>
          <TableCell>Priority</TableCell>
          <TableCell>Why</TableCell>
        </>
      }
      row={(entry) => {
        const workOrder = current.get(entry.workOrderId);
        return (
          <TableRow key={entry.workOrderId} data-testid={`unassigned-${workOrder?.workOrderNumber ?? entry.workOrderId}`}>
            <WorkOrderCell workOrderId={entry.workOrderId} workOrder={workOrder} />
            <TableCell>{workOrder ? humanize(workOrder.priority) : '—'}</TableCell>
            <TableCell>{entry.reasons.length > 0 ? entry.reasons.join('; ') : 'No reason given'}</TableCell>
          </TableRow>
        );
      }}
    />
  );
}
