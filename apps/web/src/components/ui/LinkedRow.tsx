import { Link, TableRow } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';

/** A table row that opens `to` wherever it is clicked; keyboard users reach it through its `RowLink`. */
export function LinkedRow({ to, children, testId }: { to: string; children: ReactNode; testId?: string }) {
  const navigate = useNavigate();
  return (
    <TableRow hover onClick={() => navigate(to)} sx={{ cursor: 'pointer' }} data-testid={testId}>
      {children}
    </TableRow>
  );
}

/** The link inside a `LinkedRow`: it navigates itself, so the row must not navigate a second time. */
export function RowLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link component={RouterLink} to={to} onClick={(event) => event.stopPropagation()}>
      {children}
    </Link>
  );
}
