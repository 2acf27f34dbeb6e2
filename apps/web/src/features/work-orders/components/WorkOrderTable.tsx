import type { WorkOrder, WorkOrderPage, WorkOrderSort } from '@msched/contracts';
import { Box, TableCell, TableSortLabel } from '@mui/material';
import { LinkedRow, RowLink } from '@/components/ui/LinkedRow';
import { PagedTable } from '@/components/ui/PagedTable';
import { narrowHidden, phoneHidden } from '@/components/ui/responsive-cells';
import { formatDate, formatTime } from '@/lib/format';
import { PriorityChip, StatusChip } from './WorkOrderChips';

type SortKey = 'workOrderNumber' | 'priority' | 'dueDate' | 'updatedAt';

interface Props {
  page: WorkOrderPage;
  sort: WorkOrderSort;
  onSort: (sort: WorkOrderSort) => void;
  onPage: (page: number, limit: number) => void;
}

const technicianName = (workOrder: WorkOrder) =>
  workOrder.technician ? `${workOrder.technician.firstName} ${workOrder.technician.lastName}` : '—';

/**
 * All eight columns (from md) fit beside the drawer on a 1280 px screen: cells are padded narrowly
 * until xl, and Updated puts its time under its date.
 */
const compactCells = { '& .MuiTableCell-root': { px: { xs: 1, xl: 2 } } };

/** One page of work orders; sorting and paging are asked of the server. */
export function WorkOrderTable({ page, sort, onSort, onPage }: Props) {
  const descending = sort.startsWith('-');
  const sortKey = sort.replace('-', '');

  const header = (key: SortKey, label: string, sx?: object) => (
    <TableCell sortDirection={sortKey === key ? (descending ? 'desc' : 'asc') : false} sx={sx}>
      <TableSortLabel
        active={sortKey === key}
        direction={sortKey === key && descending ? 'desc' : 'asc'}
        onClick={() => onSort((sortKey === key && !descending ? `-${key}` : key) as WorkOrderSort)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <Box sx={compactCells}>
      <PagedTable
        label="Work orders"
        page={page}
        onPage={onPage}
        labelDisplayedRows={({ from, to, count }) =>
          `${from}–${to} of ${page.totalIsEstimate && page.total !== undefined ? `more than ${(page.total - 1).toLocaleString('en-US')}` : count === -1 ? `more than ${to}` : count}`
        }
        head={
          <>
            {header('workOrderNumber', 'Number')}
            <TableCell>Title</TableCell>
            <TableCell>Status</TableCell>
            {header('priority', 'Priority', phoneHidden)}
            <TableCell sx={narrowHidden}>Equipment</TableCell>
            <TableCell sx={narrowHidden}>Technician</TableCell>
            {header('dueDate', 'Due', phoneHidden)}
            {header('updatedAt', 'Updated', narrowHidden)}
          </>
        }
      >
        {page.data.map((workOrder) => (
          <LinkedRow key={workOrder.id} to={`/work-orders/${workOrder.id}`} testId="work-order-row">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <RowLink to={`/work-orders/${workOrder.id}`}>{workOrder.workOrderNumber}</RowLink>
            </TableCell>
            <TableCell sx={{ minWidth: { sm: 200 } }}>{workOrder.title}</TableCell>
            <TableCell>
              <StatusChip status={workOrder.status} />
            </TableCell>
            <TableCell sx={phoneHidden}>
              <PriorityChip priority={workOrder.priority} />
            </TableCell>
            <TableCell sx={narrowHidden}>{workOrder.equipment?.name ?? '—'}</TableCell>
            <TableCell sx={narrowHidden}>{technicianName(workOrder)}</TableCell>
            <TableCell sx={{ ...phoneHidden, whiteSpace: 'nowrap' }}>{formatDate(workOrder.dueDate)}</TableCell>
            <TableCell sx={{ ...narrowHidden, whiteSpace: 'nowrap' }}>
              {formatDate(workOrder.updatedAt)}
              <br />
              {formatTime(workOrder.updatedAt)}
            </TableCell>
          </LinkedRow>
        ))}
      </PagedTable>
    </Box>
  );
}
