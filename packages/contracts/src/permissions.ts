import type { Role } from './enums';

/**
 * Which roles may perform each action: the function-level half of access control. The server's
 * guard checks it from `@Allow(...)` on every route and socket room; the web app reads the same
 * table to decide what it offers (a menu entry, a button), so the two never disagree. Object
 * rules (whose work order, whose technician record) stay on the server.
 */
export const PERMISSIONS = {
  'profile.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  'users.manage': ['admin'],
  // Everyone reads the organization's name, time zone and currency; admins change them.
  'organization.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  'organization.manage': ['admin'],
  'cache.stats': ['admin'],
  'locations.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  'locations.write': ['admin', 'manager', 'planner'],
  'locations.delete': ['admin', 'manager'],
  // Technicians look up assets on the floor; requesters pick the equipment they report on.
  'equipment.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  'equipment.write': ['admin', 'manager', 'planner'],
  'equipment.delete': ['admin', 'manager'],
  'technicians.list': ['admin', 'manager', 'planner'],
  // Technicians may read their own record (object rule: readTechnician).
  'technicians.read': ['admin', 'manager', 'planner', 'technician'],
  'technicians.write': ['admin', 'manager'],
  'availability.write': ['admin', 'manager', 'planner'],
  'parts.read': ['admin', 'manager', 'planner', 'technician'],
  'parts.write': ['admin', 'manager', 'planner'],
  'parts.ledger': ['admin', 'manager', 'planner'],
  'workOrders.create': ['admin', 'manager', 'planner', 'technician', 'requester'],
  // Object rules (seeWorkOrder) narrow this for technicians and requesters.
  'workOrders.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  'workOrders.edit': ['admin', 'manager', 'planner'],
  'workOrders.delete': ['admin', 'manager'],
  'workOrders.assign': ['admin', 'manager', 'planner'],
  'workOrders.transition': ['admin', 'manager', 'planner', 'technician', 'requester'],
  // Tasks and parts: staff, and the technician the work is assigned to.
  'workOrders.execute': ['admin', 'manager', 'planner', 'technician'],
  'workOrders.comment': ['admin', 'manager', 'planner', 'technician', 'requester'],
  // Organization-wide work-order feeds (the `workorders:*` rooms); others follow their own work.
  'workOrders.feed': ['admin', 'manager', 'planner'],
  'notifications.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  'system.broadcast': ['admin'],
  'realtime.stats': ['admin'],
  // Technicians read plans (what PM is coming) and record meter readings on the floor.
  'pmPlans.read': ['admin', 'manager', 'planner', 'technician'],
  'pmPlans.write': ['admin', 'manager', 'planner'],
  'meters.write': ['admin', 'manager', 'planner'],
  'meters.record': ['admin', 'manager', 'planner', 'technician'],
  'holidays.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  'holidays.write': ['admin', 'manager', 'planner'],
  // The optimizer proposes and publishes schedules: planners and managers.
  'schedules.run': ['manager', 'planner'],
  // Predictive maintenance: everyone reads health (technicians and requesters at the machine);
  // readings come from staff or from gateways signed in with a technician-role account.
  'sensors.write': ['admin', 'manager', 'planner'],
  'sensors.record': ['admin', 'manager', 'planner', 'technician'],
  'predictive.read': ['admin', 'manager', 'planner', 'technician', 'requester'],
  // Training models, listing their versions and running the assessment now.
  'predictive.manage': ['admin', 'manager', 'planner'],
  // Organization-wide KPIs (backlog, trends, utilization, reliability): the people who plan and manage.
  'analytics.read': ['admin', 'manager', 'planner'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether any of these roles may perform the action. */
export const rolesAllow = (roles: readonly Role[], permission: Permission): boolean =>
  roles.some((role) => (PERMISSIONS[permission] as readonly Role[]).includes(role));

/**
 * The roles that see and act on every object of their organization (the object rules' staff);
 * a technician only their own work, a requester only their own requests.
 */
export const ORGANIZATION_WIDE_ROLES: readonly Role[] = ['admin', 'manager', 'planner'];

/** Whether any of these roles sees every object of the organization. */
export const rolesSeeWholeOrganization = (roles: readonly Role[]): boolean => roles.some((role) => ORGANIZATION_WIDE_ROLES.includes(role));
