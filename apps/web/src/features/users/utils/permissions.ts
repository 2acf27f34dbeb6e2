import type { AuthUser } from '@msched/contracts';
import { can } from '@/lib/auth/permissions';

/** Accounts are managed by admins only (`users.manage`); the API refuses everyone else with 403. */
export const canManageUsers = (user: Pick<AuthUser, 'roles'>) => can(user, 'users.manage');
