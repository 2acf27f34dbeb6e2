import type { Paged, Technician } from '@msched/contracts';
import { Chip, Link, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow } from '@mui/material';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { SkillChips } from './SkillChips';

interface Props {
  page: Paged<Technician>;
  onPage: (page: number, limit: number) => void;
}

const phoneHidden = { display: { xs: 'none', sm: 'table-cell' } };

/** One page of technicians; a row opens the technician. */
export function TechnicianTable({ page, onPage }: Props) {
  const navigate = useNavigate();
  return (
    <>
      <TableContainer>
        <Table size="small" aria-label="Technicians">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell sx={phoneHidden}>Employee id</TableCell>
              <TableCell>Skills</TableCell>
              <TableCell sx={phoneHidden}>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.data.map((technician) => (
              <TableRow key={technician.id} hover onClick={() => navigate(`/technicians/${technician.id}`)} sx={{ cursor: 'pointer' }}>
                <TableCell>
                  <Link component={RouterLink} to={`/technicians/${technician.id}`} onClick={(event) => event.stopPropagation()}>
                    {technician.firstName} {technician.lastName}
                  </Link>
                </TableCell>
                <TableCell sx={phoneHidden}>{technician.employeeId}</TableCell>
                <TableCell>
                  <SkillChips skills={technician.skills} />
                </TableCell>
                <TableCell sx={phoneHidden}>
                  <Chip
                    size="small"
                    label={technician.active ? 'Active' : 'Inactive'}
                    color={technician.active ? 'success' : 'default'}
                    variant="outlined"
                  />
                </TableCell>
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
