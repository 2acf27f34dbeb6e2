import type { WorkOrderStatus } from '@msched/contracts';
import type { workOrderComments, workOrderHistory, workOrderTasks } from '../schema';
import type { PlantAssets, SeedContext } from './plant-assets';
import { MINUTE } from './shift-calendar';
import { TASK_TEMPLATES, WORK_ORDER_COMMENTS } from './work-catalog';
import type { PlannedWorkOrder } from './work-order-factory';

type HistoryRow = typeof workOrderHistory.$inferInsert;
type TaskRow = typeof workOrderTasks.$inferInsert;
type CommentRow = typeof workOrderComments.$inferInsert;

type Transition = { from: WorkOrderStatus | null; to: WorkOrderStatus; at: number; userId: string; note?: string };

const CANCEL_NOTES = ['Duplicate request', 'No longer required', 'Covered by another work order'];

/**
 * The status trail a work order would have left on its way to where it is now: created (OPEN),
 * booked, started, completed, closed — or cancelled, held, or waiting for approval.
 */
export function statusTrail(context: SeedContext, assets: PlantAssets, workOrder: PlannedWorkOrder): Transition[] {
  const { plannerId: planner, managerId: manager } = assets.people;
  const technicianUser = workOrder.technician?.userId ?? planner;
  const trail: Transition[] = [{ from: null, to: 'OPEN', at: workOrder.createdAt, userId: workOrder.createdBy }];
  const step = (to: WorkOrderStatus, at: number | null, userId: string, note?: string) => {
    const last = trail[trail.length - 1];
    if (at === null || !last) return;
    trail.push({ from: last.to, to, at: Math.max(at, last.at), userId, ...(note ? { note } : {}) });
  };
  step('SCHEDULED', workOrder.assignedAt, planner);
  if (workOrder.status === 'CANCELLED') {
    step('CANCELLED', workOrder.cancelledAt, planner, context.random.pick(CANCEL_NOTES));
    return trail;
  }
  step('IN_PROGRESS', workOrder.actualStart, technicianUser);
  if (workOrder.status === 'ON_HOLD') step('ON_HOLD', workOrder.heldAt, technicianUser, workOrder.holdReason ?? undefined);
  if (workOrder.status === 'PENDING_APPROVAL') {
    step('PENDING_APPROVAL', workOrder.actualEnd, technicianUser, 'Work done, please approve');
  } else {
    step('COMPLETED', workOrder.actualEnd, technicianUser);
  }
  step('CLOSED', workOrder.closedAt, manager);
  return trail;
}

export function historyRows(organizationId: string, workOrderId: string, trail: readonly Transition[]): HistoryRow[] {
  return trail.map((transition) => ({
    organizationId,
    workOrderId,
    kind: 'status',
    fromStatus: transition.from,
    toStatus: transition.to,
    note: transition.note ?? null,
    userId: transition.userId,
    createdAt: new Date(transition.at),
  }));
}

/** The checklist: an ordered subset of the template, with the time split between steps. */
export function taskRows(context: SeedContext, workOrder: PlannedWorkOrder): TaskRow[] {
  const { random, organizationId, now } = context;
  const template = TASK_TEMPLATES[workOrder.type];
  const count = Math.min(template.length, random.int(2, 5));
  const titles = random
    .sample(
      template.map((title, position) => ({ title, position })),
      count,
    )
    .sort((a, b) => a.position - b.position);
  const shares = titles.map(() => random.float(0.5, 1.5));
  const totalShare = shares.reduce((sum, share) => sum + share, 0);
  const split = (minutes: number, index: number) => Math.max(5, Math.round((minutes * (shares[index] ?? 1)) / totalShare));

  const start = workOrder.actualStart;
  const finished = ['COMPLETED', 'CLOSED', 'PENDING_APPROVAL'].includes(workOrder.status);
  // How far the work got: all of it when finished, up to now or the hold when paused.
  const reached = finished ? workOrder.actualEnd : workOrder.status === 'IN_PROGRESS' ? now : workOrder.heldAt;
  const workedMinutes = start !== null && reached !== null ? (reached - start) / MINUTE : 0;
  const plannedMinutes = finished ? workedMinutes : workOrder.estimatedMinutes;
  let elapsed = 0;
  let current = workOrder.status === 'IN_PROGRESS';
  return titles.map(({ title }, index) => {
    const minutes = split(plannedMinutes, index);
    elapsed += minutes;
    const done = start !== null && (finished || elapsed <= workedMinutes);
    const completedAt = done && start !== null && reached !== null ? Math.min(start + elapsed * MINUTE, reached) : null;
    let status: TaskRow['status'] = done ? 'DONE' : workOrder.status === 'CANCELLED' ? 'SKIPPED' : 'PENDING';
    if (status === 'PENDING' && current) {
      status = 'IN_PROGRESS';
      current = false;
    }
    return {
      organizationId,
      workOrderId: workOrder.id,
      position: index + 1,
      title,
      status,
      estimatedDuration: split(workOrder.estimatedMinutes, index),
      actualDuration: done ? minutes : null,
      assigneeId: workOrder.technician?.id ?? null,
      completedAt: completedAt === null ? null : new Date(Math.round(completedAt / MINUTE) * MINUTE),
      createdAt: new Date(workOrder.createdAt),
      updatedAt: new Date(completedAt ?? workOrder.createdAt),
    };
  });
}

/** Occasional notes from the technician while working, or from the requester while waiting. */
export function commentRows(context: SeedContext, assets: PlantAssets, workOrder: PlannedWorkOrder): CommentRow[] {
  const { random, organizationId, now } = context;
  if (workOrder.actualStart !== null && workOrder.technician && random.chance(0.25)) {
    const until = Math.min(workOrder.actualEnd ?? now, now);
    return Array.from({ length: random.int(1, 2) }, () => ({
      organizationId,
      workOrderId: workOrder.id,
      authorId: workOrder.technician?.userId ?? assets.people.plannerId,
      body: random.pick(WORK_ORDER_COMMENTS),
      createdAt: new Date(Math.round(random.float(workOrder.actualStart ?? until, until) / MINUTE) * MINUTE),
    })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
  if (workOrder.status === 'OPEN' && workOrder.requesterId && random.chance(0.2)) {
    return [
      {
        organizationId,
        workOrderId: workOrder.id,
        authorId: workOrder.requesterId,
        body: 'Any update? Production is asking when this will be fixed.',
        createdAt: new Date(Math.round(random.float(workOrder.createdAt, now) / MINUTE) * MINUTE),
      },
    ];
  }
  return [];
}
