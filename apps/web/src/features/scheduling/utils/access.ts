import type { AuthUser, Role } from '@msched/contracts';

/** Who may open the board, and who may change it (the API decides the same). */
export const BOARD_ROLES: readonly Role[] = ['planner', 'manager', 'admin'];
export const PLANNING_ROLES: readonly Role[] = ['planner', 'manager'];

export type BoardAccess = 'none' | 'view' | 'plan';

/** Planners and managers plan (move work, run and publish the optimizer); admins look; others do not see the board. */
export function boardAccess(user: Pick<AuthUser, 'roles'>): BoardAccess {
  if (user.roles.some((role) => PLANNING_ROLES.includes(role))) return 'plan';
  return user.roles.some((role) => BOARD_ROLES.includes(role)) ? 'view' : 'none';
}
