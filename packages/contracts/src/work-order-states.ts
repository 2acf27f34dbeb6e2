import type { Role, WorkOrderStatus } from './enums';

/**
 * The work-order state machine: the one table every transition is checked against.
 * Each entry lists the roles allowed to make it. A technician may only move work
 * assigned to them; a requester only their own requests (object rules live in the server).
 * SCHEDULED is entered through `assign`, which also sets the technician and the times.
 */
export const WORK_ORDER_TRANSITIONS: Record<WorkOrderStatus, Partial<Record<WorkOrderStatus, readonly Role[]>>> = {
  OPEN: {
    SCHEDULED: ['admin', 'manager', 'planner'],
    CANCELLED: ['admin', 'manager', 'planner', 'requester'],
  },
  SCHEDULED: {
    OPEN: ['admin', 'manager', 'planner'],
    IN_PROGRESS: ['admin', 'manager', 'planner', 'technician'],
    ON_HOLD: ['admin', 'manager', 'planner', 'technician'],
    CANCELLED: ['admin', 'manager', 'planner'],
  },
  IN_PROGRESS: {
    ON_HOLD: ['admin', 'manager', 'planner', 'technician'],
    PENDING_APPROVAL: ['admin', 'manager', 'planner', 'technician'],
    COMPLETED: ['admin', 'manager', 'planner', 'technician'],
  },
  ON_HOLD: {
    IN_PROGRESS: ['admin', 'manager', 'planner', 'technician'],
    SCHEDULED: ['admin', 'manager', 'planner'],
    OPEN: ['admin', 'manager', 'planner'],
    CANCELLED: ['admin', 'manager', 'planner'],
  },
  PENDING_APPROVAL: {
    COMPLETED: ['admin', 'manager'],
    IN_PROGRESS: ['admin', 'manager'],
  },
  COMPLETED: {
    CLOSED: ['admin', 'manager'],
    IN_PROGRESS: ['admin', 'manager'],
  },
  CLOSED: {},
  CANCELLED: {
    OPEN: ['admin', 'manager'],
  },
};

/** States in which work is still to be done (used for "open" counts and overlap checks). */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['OPEN', 'SCHEDULED', 'IN_PROGRESS', 'ON_HOLD', 'PENDING_APPROVAL'];

/** States of finished work: the only ones an equipment's maintenance history holds. */
export const FINISHED_WORK_ORDER_STATUSES = ['COMPLETED', 'CLOSED', 'CANCELLED'] as const satisfies readonly WorkOrderStatus[];

/** States that occupy a technician's time between the scheduled start and end. */
export const BOOKED_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['SCHEDULED', 'IN_PROGRESS', 'ON_HOLD'];

/**
 * States in which a predecessor still holds back the work waiting for it: its work is not done.
 * From PENDING_APPROVAL on (or CANCELLED) the next job may start.
 */
export const UNDONE_WORK_ORDER_STATUSES = ['OPEN', 'SCHEDULED', 'IN_PROGRESS', 'ON_HOLD'] as const satisfies readonly WorkOrderStatus[];

/** Next states reachable from `from`, optionally only those some of `roles` may make. */
export function allowedNextStates(from: WorkOrderStatus, roles?: readonly Role[]): WorkOrderStatus[] {
  const edges = WORK_ORDER_TRANSITIONS[from];
  return (Object.keys(edges) as WorkOrderStatus[]).filter((to) => !roles || (edges[to] ?? []).some((role) => roles.includes(role)));
}

export function isTransitionAllowed(from: WorkOrderStatus, to: WorkOrderStatus, roles: readonly Role[]): boolean {
  return (WORK_ORDER_TRANSITIONS[from][to] ?? []).some((role) => roles.includes(role));
}

/** The states the scheduler may (re)book: not started and not finished. */
export const SCHEDULABLE_WORK_ORDER_STATUSES = ['OPEN', 'SCHEDULED', 'ON_HOLD'] as const satisfies readonly WorkOrderStatus[];
