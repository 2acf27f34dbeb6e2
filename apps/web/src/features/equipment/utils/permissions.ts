import type { AuthUser, Role } from '@msched/contracts';

const hasAny = (user: AuthUser, roles: readonly Role[]) => user.roles.some((role) => roles.includes(role));

/** Who may change equipment (the server's `equipment.write`). */
export const canEditEquipment = (user: AuthUser) => hasAny(user, ['admin', 'manager', 'planner']);
/** Who may read PM plans (`pmPlans.read`): requesters may not. */
export const canReadPmPlans = (user: AuthUser) => hasAny(user, ['admin', 'manager', 'planner', 'technician']);
