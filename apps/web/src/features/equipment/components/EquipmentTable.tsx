import type { Equipment, Paged } from '@msched/contracts';
import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow } from '@mui/material';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { EquipmentStatusChip } from './EquipmentStatusChip';

interface Props {
  page: Paged<Equipment>;
  onPage: (page: number, limit: number) => void;
}

const phoneHidden = { display: { xs: 'none', sm: 'table-cell' } };

/** One page of equipment, by number; a row opens the equipment. */
export function EquipmentTable({ page, onPage }: Props) {
  const navigate = useNavigate();
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label="Equipment">
          <TableHead>
            <TableRow>
              <TableCell>Number</TableCell>
              <TableCell>Name</TableCell>
              <TableCell sx={phoneHidden}>Type</TableCell>
              <TableCell>Status</TableCell>
              <TableCell sx={phoneHidden}>Criticality</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.data.map((item) => (
              <TableRow key={item.id} hover onClick={() => navigate(`/equipment/${item.id}`)} sx={{ cursor: 'pointer' }}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Link component={RouterLink} to={`/equipment/${item.id}`} onClick={(event) => event.stopPropagation()}>
                    {item.equipmentNumber}
                  </Link>
                </TableCell>
                <TableCell>{item.name}</TableCell>
                <TableCell sx={phoneHidden}>{item.type}</TableCell>
                <TableCell>
                  <EquipmentStatusChip status={item.status} />
                </TableCell>
                <TableCell sx={phoneHidden}>{item.criticality}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={page.total}
        page={page.page - 1}
        rowsPerPage={page.limit}
        rowsPerPageOptions={[10, 20, 50, 100]}
        onPageChange={(_event, index) => onPage(index + 1, page.limit)}
        onRowsPerPageChange={(event) => onPage(1, Number(event.target.value))}
      />
    </>
  );
}
