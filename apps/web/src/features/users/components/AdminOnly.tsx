import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { PageHeader } from '@/components/ui/PageHeader';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { canManageUsers } from '../utils/permissions';

/**
 * The user pages for admins; anyone else who opens one by its address reads why there is
 * nothing for them, and no request is sent (the API would answer 403).
 */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  if (canManageUsers(useCurrentUser())) return <>{children}</>;
  return (
    <>
      <PageHeader title={title} />
      <Alert severity="info">User accounts are managed by administrators. Ask one if someone needs an account or another role.</Alert>
    </>
  );
}
