import type { WorkOrder, WorkOrderPage } from '@msched/contracts';
import { Chip, Link, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { phoneHidden } from '@/components/ui/responsive-cells';
import { formatDate, humanize } from '@/lib/format';

interface Props {
  page: WorkOrderPage;
  label: string;
  /** The date column: due date for open work, actual end for history. */
  dateColumn: { title: string; value: (workOrder: WorkOrder) => string | null };
  onPage: (page: number) => void;
  /** Only lists asked with `include=technician` know who did it. */
  showTechnician?: boolean;
}

const technicianName = (workOrder: WorkOrder) =>
  workOrder.technician ? `${workOrder.technician.firstName} ${workOrder.technician.lastName}` : '—';

/** A compact, paged list of work orders; each opens in the work-order screens. */
export function WorkOrderList({ page, label, dateColumn, onPage, showTechnician = false }: Props) {
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>Number</TableCell>
              <TableCell>Title</TableCell>
              <TableCell>Status</TableCell>
              {showTechnician && <TableCell sx={phoneHidden}>Technician</TableCell>}
              <TableCell sx={phoneHidden}>{dateColumn.title}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.data.map((workOrder) => (
              <TableRow key={workOrder.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Link component={RouterLink} to={`/work-orders/${workOrder.id}`}>
                    {workOrder.workOrderNumber}
                  </Link>
                </TableCell>
                <TableCell>{workOrder.title}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" label={humanize(workOrder.status)} />
                </TableCell>
                {showTechnician && <TableCell sx={phoneHidden}>{technicianName(workOrder)}</TableCell>}
                <TableCell sx={{ ...phoneHidden, whiteSpace: 'nowrap' }}>{formatDate(dateColumn.value(workOrder))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {(page.total ?? 0) > page.limit && (
        <TablePagination
          component="div"
          count={page.total ?? -1}
          page={(page.page ?? 1) - 1}
          rowsPerPage={page.limit}
          rowsPerPageOptions={[page.limit]}
          onPageChange={(_event, index) => onPage(index + 1)}
        />
      )}
    </>
  );
}
