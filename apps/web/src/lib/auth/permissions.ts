import { type AuthUser, type Permission, rolesAllow, rolesSeeWholeOrganization } from '@msched/contracts';

/**
 * Whether the user's roles allow an action, by the server's own table (`PERMISSIONS` in the
 * contracts): what the app offers is what the API will accept. Object rules (whose work order)
 * are the features' own, on top of this.
 */
export const can = (user: Pick<AuthUser, 'roles'> | null | undefined, permission: Permission): boolean =>
  Boolean(user && rolesAllow(user.roles, permission));

/**
 * Admins, managers and planners see and change every work order of their organization (as the
 * server decides); a technician opens only work booked on them, a requester their own requests.
 */
export const isStaff = (user: Pick<AuthUser, 'roles'>) => rolesSeeWholeOrganization(user.roles);
