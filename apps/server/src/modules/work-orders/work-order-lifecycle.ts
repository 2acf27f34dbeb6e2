import { type Role, type WorkOrderStatus, allowedNextStates, isTransitionAllowed } from '@msched/contracts';
import type { Completion } from '@msched/contracts';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import type { WorkOrderRow } from './work-orders.repository';

export type StatusSpan = { toStatus: WorkOrderStatus | null; createdAt: Date };

/**
 * Minutes the work was actually in progress: the sum of the IN_PROGRESS spans of the status
 * history up to `end`, so time on hold (waiting for parts) is not counted as work.
 */
export function minutesInProgress(history: readonly StatusSpan[], end: Date): number {
  let total = 0;
  let startedAt: Date | undefined;
  for (const entry of history) {
    if (entry.toStatus === null) continue;
    if (entry.toStatus === 'IN_PROGRESS') startedAt ??= entry.createdAt;
    else if (startedAt) {
      total += entry.createdAt.getTime() - startedAt.getTime();
      startedAt = undefined;
    }
  }
  if (startedAt) total += end.getTime() - startedAt.getTime();
  return Math.max(0, Math.round(total / 60_000));
}

export interface TransitionContext {
  /** The caller's roles that count on this work order (see effectiveRoles). */
  roles: Role[];
  /** Checklist tasks not yet DONE or SKIPPED. */
  openTasks: number;
  /** Minutes in progress so far, including the span that ends now. */
  workedMinutes: number;
  now: Date;
  completion?: Completion;
  /** Names of the booked technician and crew who are no longer active (asked only for SCHEDULED). */
  inactiveBooked?: readonly string[];
}

/** States in which the work is finished and the actual times are recorded. */
const FINISHED: readonly WorkOrderStatus[] = ['PENDING_APPROVAL', 'COMPLETED'];

/**
 * Checks a transition against the state machine and the work order's data, and answers the
 * fields that change with it. Throws a 409 naming the allowed next states when not allowed.
 */
export function planTransition(workOrder: WorkOrderRow, to: WorkOrderStatus, context: TransitionContext): Partial<WorkOrderRow> {
  const from = workOrder.status;
  if (!isTransitionAllowed(from, to, context.roles)) {
    const allowed = allowedNextStates(from, context.roles);
    throw new AppError(
      ErrorCode.TransitionNotAllowed,
      `A work order in ${from} cannot move to ${to}${allowed.length ? `; allowed next states: ${allowed.join(', ')}` : '; you may not change its state'}`,
      { allowedNextStates: allowed },
    );
  }
  const refuse = (message: string) =>
    new AppError(ErrorCode.TransitionNotAllowed, message, { allowedNextStates: allowedNextStates(from, context.roles) });

  switch (to) {
    case 'SCHEDULED':
      if (!workOrder.technicianId || !workOrder.scheduledStartTime || !workOrder.scheduledEndTime) {
        throw refuse('Schedule it with POST /work-orders/{id}/assign: it has no technician or time yet');
      }
      // Back from hold to a booking /assign would refuse now: someone deactivated meanwhile.
      if (context.inactiveBooked?.length) {
        const names = context.inactiveBooked;
        throw new AppError(
          ErrorCode.ScheduleConflict,
          `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not active; book someone else with POST /work-orders/{id}/assign`,
        );
      }
      return {};
    case 'OPEN':
      // Back to the backlog: the booking is given up.
      return { technicianId: null, crewTechnicianIds: [], scheduledStartTime: null, scheduledEndTime: null };
    case 'IN_PROGRESS':
      return {
        actualStartTime: workOrder.actualStartTime ?? context.now,
        ...(FINISHED.includes(from) ? { actualEndTime: null, actualDuration: null } : {}),
      };
    case 'PENDING_APPROVAL':
    case 'COMPLETED': {
      if (from === 'PENDING_APPROVAL') {
        return context.completion ? { completion: { ...workOrder.completion, ...context.completion } } : {};
      }
      if (context.openTasks > 0) {
        throw refuse(`${context.openTasks} checklist task(s) are not done: mark them DONE or SKIPPED first`);
      }
      return {
        actualEndTime: context.now,
        actualDuration: context.workedMinutes,
        completion: context.completion ? { ...workOrder.completion, ...context.completion } : workOrder.completion,
      };
    }
    case 'CLOSED':
      // The reviewer closing the work may still correct or add its failure codes.
      return context.completion ? { completion: { ...workOrder.completion, ...context.completion } } : {};
    case 'ON_HOLD':
    case 'CANCELLED':
      return {};
  }
}
