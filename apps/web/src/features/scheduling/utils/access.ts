import type { AuthUser } from '@msched/contracts';
import { can } from '@/lib/auth/permissions';

export type BoardAccess = 'none' | 'view' | 'plan';

/**
 * Those who run the optimizer (`schedules.run`: planners and managers) plan: move work, run and
 * publish. Others who list every technician (`technicians.list`: admins too) look at the board;
 * anyone else does not see it.
 */
export function boardAccess(user: Pick<AuthUser, 'roles'>): BoardAccess {
  if (can(user, 'schedules.run')) return 'plan';
  return can(user, 'technicians.list') ? 'view' : 'none';
}
