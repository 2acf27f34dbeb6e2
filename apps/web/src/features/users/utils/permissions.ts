import type { AuthUser } from '@msched/contracts';

/** Accounts are managed by admins only (`users.manage`); the API refuses everyone else with 403. */
export const canManageUsers = (user: Pick<AuthUser, 'roles'>) => user.roles.includes('admin');
