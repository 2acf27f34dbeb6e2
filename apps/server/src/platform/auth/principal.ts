import type { Role } from '@msched/contracts';

/** The authenticated caller, as taken from the access token. */
export interface Principal {
  userId: string;
  organizationId: string;
  roles: Role[];
  technicianId: string | null;
}

export const hasAnyRole = (principal: Principal, roles: readonly Role[]) => principal.roles.some((role) => roles.includes(role));
