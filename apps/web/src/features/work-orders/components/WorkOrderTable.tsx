import type { WorkOrder, WorkOrderPage, WorkOrderSort } from '@msched/contracts';
import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow, TableSortLabel } from '@mui/material';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { formatDate, formatDateTime } from '@/lib/format';
import { PriorityChip, StatusChip } from './WorkOrderChips';

type SortKey = 'workOrderNumber' | 'priority' | 'dueDate' | 'updatedAt';

interface Props {
  page: WorkOrderPage;
  sort: WorkOrderSort;
  onSort: (sort: WorkOrderSort) => void;
  onPage: (page: number, limit: number) => void;
}

// Phones keep number, title and status; small tablets add priority and due date; the rest on wider screens.
const phoneHidden = { display: { xs: 'none', sm: 'table-cell' } };
const narrowHidden = { display: { xs: 'none', md: 'table-cell' } };

const technicianName = (workOrder: WorkOrder) =>
  workOrder.technician ? `${workOrder.technician.firstName} ${workOrder.technician.lastName}` : '—';

/** One page of work orders; sorting and paging are asked of the server. */
export function WorkOrderTable({ page, sort, onSort, onPage }: Props) {
  const navigate = useNavigate();
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
    <>
      <TableContainer>
        <Table size="small" aria-label="Work orders">
          <TableHead>
            <TableRow>
              {header('workOrderNumber', 'Number')}
              <TableCell>Title</TableCell>
              <TableCell>Status</TableCell>
              {header('priority', 'Priority', phoneHidden)}
              <TableCell sx={narrowHidden}>Equipment</TableCell>
              <TableCell sx={narrowHidden}>Technician</TableCell>
              {header('dueDate', 'Due', phoneHidden)}
              {header('updatedAt', 'Updated', narrowHidden)}
            </TableRow>
          </TableHead>
          <TableBody>
            {page.data.map((workOrder) => (
              <TableRow
                key={workOrder.id}
                hover
                onClick={() => navigate(`/work-orders/${workOrder.id}`)}
                sx={{ cursor: 'pointer' }}
                data-testid="work-order-row"
              >
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Link component={RouterLink} to={`/work-orders/${workOrder.id}`} onClick={(event) => event.stopPropagation()}>
                    {workOrder.workOrderNumber}
                  </Link>
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
                <TableCell sx={{ ...narrowHidden, whiteSpace: 'nowrap' }}>{formatDateTime(workOrder.updatedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={page.total ?? -1}
        page={(page.page ?? 1) - 1}
        rowsPerPage={page.limit}
        rowsPerPageOptions={[10, 20, 50, 100]}
        onPageChange={(_event, index) => onPage(index + 1, page.limit)}
        onRowsPerPageChange={(event) => onPage(1, Number(event.target.value))}
        labelDisplayedRows={({ from, to, count }) =>
          `${from}–${to} of ${page.totalIsEstimate ? 'about ' : ''}${count === -1 ? `more than ${to}` : count}`
        }
      />
    </>
  );
}
