import type { AuthUser } from '@msched/contracts';
import { can } from '@/lib/auth/permissions';

export const canEditEquipment = (user: AuthUser) => can(user, 'equipment.write');
/** Requesters may not read PM plans. */
export const canReadPmPlans = (user: AuthUser) => can(user, 'pmPlans.read');
/** The minutes between sites are locations' to change (`locations.write`). */
export const canEditTravelTimes = (user: Pick<AuthUser, 'roles'>) => can(user, 'locations.write');
