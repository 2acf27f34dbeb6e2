import type { Role, WorkOrderStatus } from '@msched/contracts';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { type StatusSpan, type TransitionContext, minutesInProgress, planTransition } from './work-order-lifecycle';
import type { WorkOrderRow } from './work-orders.repository';
import { thrownAppError } from '../../../test/support/app-error';

const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);
const span = (toStatus: WorkOrderStatus | null, time: string): StatusSpan => ({ toStatus, createdAt: at(time) });

function workOrder(overrides: Partial<WorkOrderRow> = {}): WorkOrderRow {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    organizationId: '22222222-2222-4222-8222-222222222222',
    number: 42,
    workOrderNumber: 'WO-000042',
    title: 'Replace pump seal',
    description: null,
    type: 'CORRECTIVE',
    status: 'OPEN',
    priority: 'MEDIUM',
    dueDate: null,
    requiredSkills: [],
    estimatedDuration: 60,
    scheduledStartTime: null,
    scheduledEndTime: null,
    actualStartTime: null,
    actualEndTime: null,
    actualDuration: null,
    technicianId: null,
    crewTechnicianIds: [],
    equipmentId: '33333333-3333-4333-8333-333333333333',
    requesterId: null,
    pmPlanId: null,
    crewSize: 1,
    predecessorIds: [],
    conflictGroups: [],
    requiresDowntime: false,
    complianceWindowEnd: null,
    completion: null,
    version: 1,
    createdAt: at('07:00:00'),
    updatedAt: at('07:00:00'),
    deletedAt: null,
    ...overrides,
  };
}

const scheduled = (overrides: Partial<WorkOrderRow> = {}) =>
  workOrder({
    status: 'SCHEDULED',
    technicianId: '44444444-4444-4444-8444-444444444444',
    scheduledStartTime: at('08:00:00'),
    scheduledEndTime: at('10:00:00'),
    ...overrides,
  });

const NOW = at('11:30:00');

function context(roles: Role[], overrides: Partial<TransitionContext> = {}): TransitionContext {
  return { roles, openTasks: 0, workedMinutes: 0, now: NOW, ...overrides };
}

describe('minutesInProgress', () => {
  it('is 0 for work that never started', () => {
    expect(minutesInProgress([span('OPEN', '07:00:00'), span('SCHEDULED', '07:10:00')], at('12:00:00'))).toBe(0);
  });

  it('counts a single in-progress span until the work is completed', () => {
    expect(minutesInProgress([span('IN_PROGRESS', '08:00:00'), span('COMPLETED', '09:15:00')], at('12:00:00'))).toBe(75);
  });

  it('does not count time on hold waiting for parts', () => {
    const history = [
      span('SCHEDULED', '07:30:00'),
      span('IN_PROGRESS', '08:00:00'), // 30 min of work
      span('ON_HOLD', '08:30:00'), // 2 h waiting
      span('IN_PROGRESS', '10:30:00'), // 45 min of work
      span('COMPLETED', '11:15:00'),
    ];
    expect(minutesInProgress(history, at('12:00:00'))).toBe(75);
  });

  it('sums several in-progress spans, including work reopened after completion', () => {
    const history = [
      span('IN_PROGRESS', '08:00:00'), // 20
      span('PENDING_APPROVAL', '08:20:00'),
      span('IN_PROGRESS', '09:00:00'), // 10
      span('ON_HOLD', '09:10:00'),
      span('IN_PROGRESS', '09:30:00'), // 5
      span('COMPLETED', '09:35:00'),
    ];
    expect(minutesInProgress(history, at('12:00:00'))).toBe(35);
  });

  it('counts work still in progress up to the given end', () => {
    const history = [span('IN_PROGRESS', '08:00:00'), span('ON_HOLD', '08:10:00'), span('IN_PROGRESS', '09:00:00')];
    expect(minutesInProgress(history, at('09:40:00'))).toBe(50);
  });

  it('ignores field-change entries (no status) inside an in-progress span', () => {
    const history = [span('IN_PROGRESS', '08:00:00'), span(null, '08:05:00'), span(null, '08:20:00'), span('COMPLETED', '08:30:00')];
    expect(minutesInProgress(history, at('12:00:00'))).toBe(30);
  });

  it('a repeated IN_PROGRESS entry does not restart the clock', () => {
    const history = [span('IN_PROGRESS', '08:00:00'), span('IN_PROGRESS', '08:40:00'), span('COMPLETED', '09:00:00')];
    expect(minutesInProgress(history, at('12:00:00'))).toBe(60);
  });

  it('rounds to the nearest minute (half a minute rounds up)', () => {
    expect(minutesInProgress([span('IN_PROGRESS', '08:00:00'), span('COMPLETED', '08:01:29')], at('12:00:00'))).toBe(1);
    expect(minutesInProgress([span('IN_PROGRESS', '08:00:00'), span('COMPLETED', '08:01:30')], at('12:00:00'))).toBe(2);
    expect(minutesInProgress([span('IN_PROGRESS', '08:00:00'), span('COMPLETED', '08:00:29')], at('12:00:00'))).toBe(0);
  });

  it('rounds the total, not each span', () => {
    // Two spans of 40 s each: 80 s in total → 1 minute (rounding each span would give 2).
    const history = [
      span('IN_PROGRESS', '08:00:00'),
      span('ON_HOLD', '08:00:40'),
      span('IN_PROGRESS', '08:10:00'),
      span('COMPLETED', '08:10:40'),
    ];
    expect(minutesInProgress(history, at('12:00:00'))).toBe(1);
  });

  it('never answers a negative duration when the end lies before the start', () => {
    expect(minutesInProgress([span('IN_PROGRESS', '10:00:00')], at('09:00:00'))).toBe(0);
  });
});

describe('planTransition: refusals by the state machine', () => {
  it('a planner cannot start open work, and is told what is allowed', () => {
    const error = thrownAppError(() => planTransition(workOrder(), 'IN_PROGRESS', context(['planner'])));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
    expect(error.options.allowedNextStates).toEqual(['SCHEDULED', 'CANCELLED']);
    expect(error.message).toBe('A work order in OPEN cannot move to IN_PROGRESS; allowed next states: SCHEDULED, CANCELLED');
  });

  it('a requester is told only the moves a requester may make', () => {
    const error = thrownAppError(() => planTransition(workOrder(), 'SCHEDULED', context(['requester'])));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
    expect(error.options.allowedNextStates).toEqual(['CANCELLED']);
  });

  it('a technician cannot approve the work they sent for approval', () => {
    const error = thrownAppError(() => planTransition(workOrder({ status: 'PENDING_APPROVAL' }), 'COMPLETED', context(['technician'])));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
    expect(error.options.allowedNextStates).toEqual([]);
    expect(error.message).toBe('A work order in PENDING_APPROVAL cannot move to COMPLETED; you may not change its state');
  });

  it('a technician cannot close work they completed', () => {
    const error = thrownAppError(() => planTransition(workOrder({ status: 'COMPLETED' }), 'CLOSED', context(['technician'])));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
    expect(error.options.allowedNextStates).toEqual([]);
  });

  it('nobody can reopen a closed work order', () => {
    const error = thrownAppError(() => planTransition(workOrder({ status: 'CLOSED' }), 'IN_PROGRESS', context(['admin'])));
    expect(error.options.allowedNextStates).toEqual([]);
  });

  it('a caller with no effective roles (not their assignment) is refused', () => {
    const error = thrownAppError(() => planTransition(scheduled(), 'IN_PROGRESS', context([])));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
    expect(error.options.allowedNextStates).toEqual([]);
  });
});

describe('planTransition: SCHEDULED', () => {
  it('open work without a technician cannot be scheduled by a status change', () => {
    const error = thrownAppError(() => planTransition(workOrder(), 'SCHEDULED', context(['planner'])));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
    expect(error.message).toBe('Schedule it with POST /work-orders/{id}/assign: it has no technician or time yet');
    expect(error.options.allowedNextStates).toEqual(['SCHEDULED', 'CANCELLED']);
  });

  it('work with a technician but no scheduled end is refused too', () => {
    const onHold = scheduled({ status: 'ON_HOLD', scheduledEndTime: null });
    const error = thrownAppError(() => planTransition(onHold, 'SCHEDULED', context(['planner'])));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
  });

  it('work with a time but no technician is refused', () => {
    const onHold = scheduled({ status: 'ON_HOLD', technicianId: null });
    expect(() => planTransition(onHold, 'SCHEDULED', context(['manager']))).toThrow(AppError);
  });

  it('work on hold that still has its booking goes back to SCHEDULED without changes', () => {
    expect(planTransition(scheduled({ status: 'ON_HOLD' }), 'SCHEDULED', context(['planner']))).toStrictEqual({});
  });

  it('work on hold whose technician was deactivated meanwhile is not booked again (409, as /assign)', () => {
    const onHold = scheduled({ status: 'ON_HOLD' });
    const error = thrownAppError(() => planTransition(onHold, 'SCHEDULED', context(['planner'], { inactiveBooked: ['Tess Turner'] })));
    expect(error.code).toBe(ErrorCode.ScheduleConflict);
    expect(error.message).toBe('Tess Turner is not active; book someone else with POST /work-orders/{id}/assign');
  });
});

describe('planTransition: OPEN', () => {
  it('sending scheduled work back to the backlog gives up technician, crew and schedule', () => {
    expect(planTransition(scheduled(), 'OPEN', context(['planner']))).toStrictEqual({
      technicianId: null,
      crewTechnicianIds: [],
      scheduledStartTime: null,
      scheduledEndTime: null,
    });
  });

  it('reopening cancelled work also clears any old booking', () => {
    expect(planTransition(scheduled({ status: 'CANCELLED' }), 'OPEN', context(['manager']))).toStrictEqual({
      technicianId: null,
      crewTechnicianIds: [],
      scheduledStartTime: null,
      scheduledEndTime: null,
    });
  });
});

describe('planTransition: IN_PROGRESS', () => {
  it('starting scheduled work records now as the actual start', () => {
    expect(planTransition(scheduled(), 'IN_PROGRESS', context(['technician']))).toStrictEqual({ actualStartTime: NOW });
  });

  it('resuming work after a hold keeps the original actual start', () => {
    const resumed = scheduled({ status: 'ON_HOLD', actualStartTime: at('08:05:00') });
    expect(planTransition(resumed, 'IN_PROGRESS', context(['technician']))).toStrictEqual({ actualStartTime: at('08:05:00') });
  });

  it('reopening completed work keeps the start but clears the end and duration', () => {
    const done = scheduled({ status: 'COMPLETED', actualStartTime: at('08:05:00'), actualEndTime: at('09:00:00'), actualDuration: 55 });
    expect(planTransition(done, 'IN_PROGRESS', context(['manager']))).toStrictEqual({
      actualStartTime: at('08:05:00'),
      actualEndTime: null,
      actualDuration: null,
    });
  });

  it('sending pending work back to the technician clears the recorded end', () => {
    const pending = scheduled({ status: 'PENDING_APPROVAL', actualStartTime: at('08:05:00'), actualEndTime: at('09:00:00') });
    expect(planTransition(pending, 'IN_PROGRESS', context(['admin']))).toStrictEqual({
      actualStartTime: at('08:05:00'),
      actualEndTime: null,
      actualDuration: null,
    });
  });
});

describe('planTransition: COMPLETED and PENDING_APPROVAL', () => {
  const inProgress = (overrides: Partial<WorkOrderRow> = {}) =>
    scheduled({ status: 'IN_PROGRESS', actualStartTime: at('08:00:00'), ...overrides });

  it('work with open checklist tasks cannot be completed', () => {
    const error = thrownAppError(() => planTransition(inProgress(), 'COMPLETED', context(['technician'], { openTasks: 2 })));
    expect(error.code).toBe(ErrorCode.TransitionNotAllowed);
    expect(error.message).toBe('2 checklist task(s) are not done: mark them DONE or SKIPPED first');
    expect(error.options.allowedNextStates).toEqual(['ON_HOLD', 'PENDING_APPROVAL', 'COMPLETED']);
  });

  it('work with open checklist tasks cannot be sent for approval either', () => {
    const error = thrownAppError(() => planTransition(inProgress(), 'PENDING_APPROVAL', context(['technician'], { openTasks: 1 })));
    expect(error.message).toBe('1 checklist task(s) are not done: mark them DONE or SKIPPED first');
  });

  it('completing records the end time and the minutes worked, keeping an absent completion', () => {
    expect(planTransition(inProgress(), 'COMPLETED', context(['technician'], { workedMinutes: 87 }))).toStrictEqual({
      actualEndTime: NOW,
      actualDuration: 87,
      completion: null,
    });
  });

  it('sending for approval records the end time and minutes just like completing', () => {
    expect(planTransition(inProgress(), 'PENDING_APPROVAL', context(['technician'], { workedMinutes: 12 }))).toStrictEqual({
      actualEndTime: NOW,
      actualDuration: 12,
      completion: null,
    });
  });

  it('completion data sent with the change is merged over what was recorded before', () => {
    const before = inProgress({ completion: { failureMode: 'leak', notes: 'first visit' } });
    const result = planTransition(
      before,
      'COMPLETED',
      context(['technician'], { workedMinutes: 30, completion: { notes: 'seal replaced', remedy: 'replace' } }),
    );
    expect(result).toStrictEqual({
      actualEndTime: NOW,
      actualDuration: 30,
      completion: { failureMode: 'leak', notes: 'seal replaced', remedy: 'replace' },
    });
  });

  it('a manager approving pending work keeps the actual times recorded by the technician', () => {
    const pending = inProgress({ status: 'PENDING_APPROVAL', actualEndTime: at('09:00:00'), actualDuration: 60 });
    expect(planTransition(pending, 'COMPLETED', context(['manager'], { workedMinutes: 999 }))).toStrictEqual({});
  });

  it('approving pending work merges completion data without touching times', () => {
    const pending = inProgress({ status: 'PENDING_APPROVAL', actualEndTime: at('09:00:00'), completion: { failureMode: 'leak' } });
    expect(planTransition(pending, 'COMPLETED', context(['manager'], { completion: { firstTimeFix: true } }))).toStrictEqual({
      completion: { failureMode: 'leak', firstTimeFix: true },
    });
  });
});

describe('planTransition: CLOSED', () => {
  it("closing merges the reviewer's corrections into the completion data, and keeps the times", () => {
    const done = scheduled({
      status: 'COMPLETED',
      actualStartTime: at('08:00:00'),
      actualEndTime: at('09:00:00'),
      completion: { failureMode: 'leak', remedy: 'seal' },
    });
    expect(planTransition(done, 'CLOSED', context(['manager'], { completion: { remedy: 'seal and shaft' } }))).toStrictEqual({
      completion: { failureMode: 'leak', remedy: 'seal and shaft' },
    });
  });
});

describe('planTransition: moves that change nothing else', () => {
  it.each([
    ['IN_PROGRESS', 'ON_HOLD', 'technician'],
    ['COMPLETED', 'CLOSED', 'manager'],
    ['OPEN', 'CANCELLED', 'requester'],
    ['ON_HOLD', 'CANCELLED', 'planner'],
  ] as const)('%s → %s by a %s changes only the status', (from, to, role) => {
    expect(planTransition(scheduled({ status: from }), to, context([role]))).toStrictEqual({});
  });
});
