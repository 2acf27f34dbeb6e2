import type { AuthUser } from '@msched/contracts';
import { can } from '@/lib/auth/permissions';

/** Skills are part of the technician record (`technicians.write`). */
export const canEditSkills = (user: AuthUser) => can(user, 'technicians.write');
export const canEditAvailability = (user: AuthUser) => can(user, 'availability.write');
/** Who lists every technician (the roster's `technicians.list`) and follows their changes. */
export const seesAllTechnicians = (user: AuthUser) => can(user, 'technicians.list');
