import type { Paged, User } from '@msched/contracts';
import { Box, Chip, TableCell, Typography } from '@mui/material';
import { LinkedRow, RowLink } from '@/components/ui/LinkedRow';
import { PagedTable } from '@/components/ui/PagedTable';
import { phoneHidden } from '@/components/ui/responsive-cells';
import { ROLE_LABELS, orderedRoles } from '../utils/labels';
import { LinkedTechnicianName } from './LinkedTechnicianName';

interface Props {
  page: Paged<User>;
  onPage: (page: number, limit: number) => void;
}

/** One page of accounts; a row opens the account to edit it. Phones keep the name, email, roles and status. */
export function UserTable({ page, onPage }: Props) {
  return (
    <PagedTable
      label="Users"
      page={page}
      onPage={onPage}
      head={
        <>
          <TableCell>Name and email</TableCell>
          <TableCell>Roles</TableCell>
          <TableCell sx={phoneHidden}>Technician</TableCell>
          <TableCell>Status</TableCell>
        </>
      }
    >
      {page.data.map((user) => (
        <LinkedRow key={user.id} to={`/users/${user.id}`}>
          <TableCell sx={{ overflowWrap: 'anywhere' }}>
            <RowLink to={`/users/${user.id}`}>{user.name}</RowLink>
            <Typography variant="body2" color="text.secondary">
              {user.email}
            </Typography>
          </TableCell>
          <TableCell>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
              {orderedRoles(user.roles).map((role) => (
                <Chip key={role} size="small" label={ROLE_LABELS[role].label} variant="outlined" />
              ))}
            </Box>
          </TableCell>
          <TableCell sx={phoneHidden}>{user.technicianId ? <LinkedTechnicianName id={user.technicianId} /> : '—'}</TableCell>
          <TableCell>
            <Chip size="small" label={user.active ? 'Active' : 'Inactive'} color={user.active ? 'success' : 'default'} variant="outlined" />
          </TableCell>
        </LinkedRow>
      ))}
    </PagedTable>
  );
}
