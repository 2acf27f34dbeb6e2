import { PERMISSIONS, type Permission, type Role, type StaticRoom, rolesSeeWholeOrganization } from '@msched/contracts';
import { AppError } from '../http/app-error';
import { type Principal, hasAnyRole } from './principal';

/**
 * The one place that decides access. Function level: which roles may perform an action
 * (`PERMISSIONS`, in the contracts so that the web app offers what the server allows; checked
 * by the guard from `@Allow(...)` on each route). Object level: the helpers below, called by
 * services before they touch an object. Organization isolation is applied in every repository
 * query; another organization's object is simply not found (404).
 */
export { PERMISSIONS, type Permission };

export function isAllowed(principal: Principal, permission: Permission): boolean {
  return hasAnyRole(principal, PERMISSIONS[permission]);
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!isAllowed(principal, permission)) throw AppError.forbidden();
}

export const seesWholeOrganization = (principal: Principal) => rolesSeeWholeOrganization(principal.roles);

export interface WorkOrderOwnership {
  technicianId: string | null;
  /** The crew's other members: booked on it like the technician. */
  crewTechnicianIds: readonly string[];
  requesterId: string | null;
}

/** Everyone booked on a work order: its technician, then the rest of the crew. */
export const bookedTechnicians = (workOrder: Pick<WorkOrderOwnership, 'technicianId' | 'crewTechnicianIds'>): string[] =>
  workOrder.technicianId ? [workOrder.technicianId, ...workOrder.crewTechnicianIds] : [...workOrder.crewTechnicianIds];

/** The caller is booked on it: its technician or a member of its crew. */
export const isAssignedTechnician = (principal: Principal, workOrder: WorkOrderOwnership) =>
  principal.technicianId !== null &&
  (workOrder.technicianId === principal.technicianId || workOrder.crewTechnicianIds.includes(principal.technicianId));

export const isRequester = (principal: Principal, workOrder: WorkOrderOwnership) => workOrder.requesterId === principal.userId;

/**
 * Whether the caller may see a work order at all. Work they may not see is answered as
 * 404, like another organization's, so its existence is not revealed.
 */
export function canSeeWorkOrder(principal: Principal, workOrder: WorkOrderOwnership): boolean {
  if (seesWholeOrganization(principal)) return true;
  return isAssignedTechnician(principal, workOrder) || isRequester(principal, workOrder);
}

/** Whether the caller may work on it (tasks, parts): staff, or the assigned technician. */
export function canExecuteWorkOrder(principal: Principal, workOrder: WorkOrderOwnership): boolean {
  return seesWholeOrganization(principal) || isAssignedTechnician(principal, workOrder);
}

/**
 * The roles the caller acts in for a transition of this work order: a technician role counts
 * only on their own assignment, a requester role only on their own request.
 */
export function effectiveRoles(principal: Principal, workOrder: WorkOrderOwnership): Role[] {
  return principal.roles.filter((role) => {
    if (role === 'technician') return isAssignedTechnician(principal, workOrder);
    if (role === 'requester') return isRequester(principal, workOrder);
    return true;
  });
}

/** A technician record: staff see all; a technician only their own. */
export function canSeeTechnician(principal: Principal, technicianId: string): boolean {
  return seesWholeOrganization(principal) || principal.technicianId === technicianId;
}

/** Who may join each static real-time room; object rooms (`workorder:{id}`, ...) are decided per object. */
export const ROOM_PERMISSIONS: Record<StaticRoom, Permission> = {
  'system:all': 'profile.read',
  'system:presence': 'profile.read',
  'system:notifications': 'profile.read',
  'workorders:all': 'workOrders.feed',
  'workorders:updates': 'workOrders.feed',
  'workorders:created': 'workOrders.feed',
  'workorders:updated': 'workOrders.feed',
  'workorders:deleted': 'workOrders.feed',
  'technicians:all': 'technicians.list',
  'technicians:updates': 'technicians.list',
  'technicians:schedule': 'technicians.list',
  'equipment:all': 'equipment.read',
  'equipment:updates': 'equipment.read',
  'equipment:status': 'equipment.read',
};

/**
 * Who among a room's members may see one event. Joining a room is authorized once; this is
 * checked again for every event (and every replayed one), because who may see a work order
 * changes with its assignment.
 */
export type EventScope =
  | { kind: 'organization' }
  | { kind: 'workOrder'; technicianIds: string[]; requesterId: string | null }
  | { kind: 'technician'; technicianId: string }
  | { kind: 'user'; userId: string };

export function canReceiveEvent(principal: Principal, scope: EventScope): boolean {
  switch (scope.kind) {
    case 'organization':
      return true;
    case 'workOrder':
      return (
        seesWholeOrganization(principal) ||
        (principal.technicianId !== null && scope.technicianIds.includes(principal.technicianId)) ||
        (scope.requesterId !== null && scope.requesterId === principal.userId)
      );
    case 'technician':
      return canSeeTechnician(principal, scope.technicianId);
    case 'user':
      return scope.userId === principal.userId;
  }
}
