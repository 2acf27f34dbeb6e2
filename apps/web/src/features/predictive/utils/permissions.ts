import type { AuthUser, Role } from '@msched/contracts';

const MODEL_MANAGERS: readonly Role[] = ['admin', 'manager', 'planner'];

/** Model versions and training: planners, managers and admins (`predictive.manage`). */
export const canManageModels = (user: AuthUser) => user.roles.some((role) => MODEL_MANAGERS.includes(role));
