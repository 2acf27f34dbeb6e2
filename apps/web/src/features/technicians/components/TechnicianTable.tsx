import type { Paged, Technician } from '@msched/contracts';
import { Chip, TableCell } from '@mui/material';
import { LinkedRow, RowLink } from '@/components/ui/LinkedRow';
import { PagedTable } from '@/components/ui/PagedTable';
import { phoneHidden } from '@/components/ui/responsive-cells';
import { SkillChips } from './SkillChips';

interface Props {
  page: Paged<Technician>;
  onPage: (page: number, limit: number) => void;
}

/** One page of technicians; a row opens the technician. */
export function TechnicianTable({ page, onPage }: Props) {
  return (
    <PagedTable
      label="Technicians"
      page={page}
      onPage={onPage}
      head={
        <>
          <TableCell>Name</TableCell>
          <TableCell sx={phoneHidden}>Employee id</TableCell>
          <TableCell>Skills</TableCell>
          <TableCell sx={phoneHidden}>Status</TableCell>
        </>
      }
    >
      {page.data.map((technician) => (
        <LinkedRow key={technician.id} to={`/technicians/${technician.id}`}>
          <TableCell>
            <RowLink to={`/technicians/${technician.id}`}>
              {technician.firstName} {technician.lastName}
            </RowLink>
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
        </LinkedRow>
      ))}
    </PagedTable>
  );
}
