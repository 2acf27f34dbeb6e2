import type { AuthUser } from '@msched/contracts';
import { can } from '@/lib/auth/permissions';

/** Model versions and training (`predictive.manage`). */
export const canManageModels = (user: AuthUser) => can(user, 'predictive.manage');
