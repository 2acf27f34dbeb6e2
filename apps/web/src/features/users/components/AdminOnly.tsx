import type { ReactNode } from 'react';
import { RoleGate } from '@/components/ui/RoleGate';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { canManageUsers } from '../utils/permissions';

/** The user pages, for admins (see RoleGate). */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  return (
    <RoleGate
      allowed={canManageUsers(useCurrentUser())}
      title={title}
      reason="User accounts are managed by administrators. Ask one if someone needs an account or another role."
    >
      {children}
    </RoleGate>
  );
}
