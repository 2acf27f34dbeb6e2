import type { AuthUser, Role } from '@msched/contracts';

const hasAny = (user: AuthUser, roles: readonly Role[]) => user.roles.some((role) => roles.includes(role));

/** Skills are part of the technician record (`technicians.write`): managers and admins. */
export const canEditSkills = (user: AuthUser) => hasAny(user, ['admin', 'manager']);
/** `availability.write`: planners too. */
export const canEditAvailability = (user: AuthUser) => hasAny(user, ['admin', 'manager', 'planner']);
/** Who follows every technician's changes (`technicians.list`). */
export const seesAllTechnicians = (user: AuthUser) => hasAny(user, ['admin', 'manager', 'planner']);
