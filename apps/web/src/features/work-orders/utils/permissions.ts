import { type AuthUser, type Role, type WorkOrder, type WorkOrderStatus, allowedNextStates } from '@msched/contracts';
import { isStaff } from '@/lib/auth/permissions';

type Ownership = Pick<WorkOrder, 'technicianId' | 'crewTechnicianIds' | 'requesterId'>;

/** Booked on it: its technician, or a member of its crew. */
export const isAssignedTo = (user: AuthUser, workOrder: Ownership) =>
  user.technicianId !== null && (workOrder.technicianId === user.technicianId || workOrder.crewTechnicianIds.includes(user.technicianId));

/**
 * The roles the user acts in on this work order, as the server decides them: a technician role
 * counts only on their own assignment, a requester role only on their own request.
 */
export function effectiveRoles(user: AuthUser, workOrder: Ownership): Role[] {
  return user.roles.filter((role) => {
    if (role === 'technician') return isAssignedTo(user, workOrder);
    if (role === 'requester') return workOrder.requesterId === user.id;
    return true;
  });
}

/** The buttons to offer: the contract's state machine (work-order-states.ts) for these roles. */
export const nextStatesFor = (user: AuthUser, workOrder: Ownership & { status: WorkOrderStatus }) =>
  allowedNextStates(workOrder.status, effectiveRoles(user, workOrder));

/** Ticking tasks and recording parts: staff, and the technicians the work is assigned to. */
export const canExecute = (user: AuthUser, workOrder: Ownership) => isStaff(user) || isAssignedTo(user, workOrder);

/** The statuses in which a work order can be (re)scheduled with an assignment. */
export const ASSIGNABLE_STATUSES: readonly WorkOrderStatus[] = ['OPEN', 'SCHEDULED', 'ON_HOLD'];
export const FINISHED_STATUSES: readonly WorkOrderStatus[] = ['COMPLETED', 'CLOSED', 'CANCELLED'];
