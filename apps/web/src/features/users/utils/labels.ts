import { ROLES, type Role } from '@msched/contracts';

/** Each role as the screens name it, with what it lets a person do. */
export const ROLE_LABELS: Record<Role, { label: string; hint: string }> = {
  admin: { label: 'Admin', hint: 'manages user accounts' },
  manager: { label: 'Manager', hint: 'approves and closes work, sees the figures' },
  planner: { label: 'Planner', hint: 'plans and schedules work' },
  technician: { label: 'Technician', hint: 'does the work assigned to them' },
  requester: { label: 'Requester', hint: 'reports problems and follows their requests' },
};

/** Roles in the contract's order (admin first), each once: how a user's roles are shown and sent. */
export const orderedRoles = (roles: readonly Role[]): Role[] => ROLES.filter((role) => roles.includes(role));
