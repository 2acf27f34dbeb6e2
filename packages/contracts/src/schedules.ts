import { IsoDateTime, Uuid, orderedWindow } from './common';
import { SCHEDULABLE_WORK_ORDER_STATUSES } from './work-order-states';
import { Priority, WorkOrderStatus, WorkOrderType } from './enums';
import { z } from './zod';

/**
 * The optimizing scheduler over HTTP: start a run, watch it, stop it, publish its proposal,
 * or score a planner's own board with the same analysis.
 */

export const Score = z.object({ hard: z.number(), medium: z.number(), soft: z.number() }).openapi('Score', {
  description:
    'Lexicographic: hard (feasibility), then medium (unassigned work by priority), then soft (quality). Each is ≤ 0; 0 is perfect.',
});
export type Score = z.infer<typeof Score>;

export const SCHEDULE_RUN_STATUSES = ['SOLVING', 'DONE', 'STOPPED', 'FAILED'] as const;
export const ScheduleRunStatus = z.enum(SCHEDULE_RUN_STATUSES).openapi('ScheduleRunStatus');
export type ScheduleRunStatus = z.infer<typeof ScheduleRunStatus>;

export const ScheduleAssignment = z
  .object({ workOrderId: Uuid, technicianIds: z.array(Uuid).min(1).max(3), start: IsoDateTime, end: IsoDateTime })
  .refine((assignment) => Date.parse(assignment.end) > Date.parse(assignment.start), { message: 'must be after start', path: ['end'] })
  .openapi('ScheduleAssignment');
export type ScheduleAssignment = z.infer<typeof ScheduleAssignment>;

export const ConstraintTotal = z
  .object({
    constraint: z.string(),
    level: z.enum(['hard', 'medium', 'soft']),
    total: z.number(),
    workOrders: z.array(z.object({ workOrderId: z.string(), penalty: z.number() })),
  })
  .openapi('ConstraintTotal');
export type ConstraintTotal = z.infer<typeof ConstraintTotal>;

export const UnassignedWork = z.object({ workOrderId: Uuid, reasons: z.array(z.string()) }).openapi('UnassignedWork');

/** Narrows the default selection by the work orders' own fields (every given field must match). */
export const WorkFilter = z
  .object({
    status: z.array(z.enum(SCHEDULABLE_WORK_ORDER_STATUSES)).min(1).max(3).optional(),
    priority: z.array(Priority).min(1).max(4).optional(),
    type: z.array(WorkOrderType).min(1).max(20).optional(),
    equipmentIds: z.array(Uuid).min(1).max(1000).optional(),
    dueDateFrom: IsoDateTime.optional(),
    dueDateTo: IsoDateTime.optional().openapi({ description: 'Inclusive. Work without a due date matches no due-date bound.' }),
  })
  .strict()
  .superRefine(orderedWindow('dueDateFrom', 'dueDateTo'))
  .openapi('WorkFilter', {
    description:
      'Instead of workOrderIds: the default selection (schedulable work that is unbooked, or booked within the range on a technician in scope) narrowed to the work orders matching every given field.',
  });
export type WorkFilter = z.infer<typeof WorkFilter>;

const WorkSelection = {
  from: IsoDateTime,
  to: IsoDateTime,
  workOrderIds: z.array(Uuid).max(5000).optional().openapi({
    description:
      'Default: every schedulable work order (OPEN, SCHEDULED, ON_HOLD) of the organization that is not booked, or is booked within the range on a technician in scope. Other booked work and work in progress keep their technician busy: they stay where they are. A selected work order must be schedulable and, if booked, booked on technicians in scope.',
  }),
  filter: WorkFilter.optional(),
  technicianIds: z.array(Uuid).min(1).max(1000).optional().openapi({ description: 'Default: every active technician.' }),
};

/**
 * A schedule's range: `to` after `from`, at most 92 days (a solve or an analysis works on every
 * day of it); work chosen by ids or by a filter, not both.
 */
function checkRange(request: { from: string; to: string; workOrderIds?: string[]; filter?: WorkFilter }, context: z.RefinementCtx): void {
  const span = Date.parse(request.to) - Date.parse(request.from);
  if (!(span > 0)) context.addIssue({ code: 'custom', message: 'to must be after from', path: ['to'] });
  else if (span > 92 * 86_400_000) context.addIssue({ code: 'custom', message: 'a schedule spans at most 92 days', path: ['to'] });
  if (request.workOrderIds && request.filter)
    context.addIssue({ code: 'custom', message: 'give workOrderIds or filter, not both', path: ['filter'] });
}

/** How long a run searches when the request names no limit: a repair answers within a second. */
export const DEFAULT_SOLVE_SECONDS = { full: 10, repair: 0.5 } as const;

export const SolveRequest = z
  .object({
    ...WorkSelection,
    timeLimitSeconds: z
      .number()
      .min(0.1)
      .max(600)
      .optional()
      .openapi({ description: 'How long the search runs. Default: 10 s for `full`, 0.5 s for `repair`.' }),
    mode: z.enum(['full', 'repair']).default('full'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .openapi({
        description:
          "The search's random seed. A run stops at its time limit, so two runs with one seed make the same moves but may stop after different numbers of them: the same seed makes the same schedule only if the runs get as far.",
      }),
  })
  .strict()
  .superRefine(checkRange)
  .openapi('SolveRequest');
export type SolveRequest = z.infer<typeof SolveRequest>;

export const SolveAccepted = z.object({ runId: Uuid }).openapi('SolveAccepted');
export type SolveAccepted = z.infer<typeof SolveAccepted>;

export const ScheduleRun = z
  .object({
    runId: Uuid,
    status: ScheduleRunStatus,
    mode: z.enum(['full', 'repair']),
    from: IsoDateTime,
    to: IsoDateTime,
    timeLimitSeconds: z.number().openapi({ description: 'The time limit the search runs to (the request’s, or its mode’s default).' }),
    score: Score.nullable(),
    progress: z.object({
      elapsedMs: z.number(),
      bestScoreHistory: z.array(z.object({ elapsedMs: z.number(), score: Score })),
    }),
    assignments: z.array(ScheduleAssignment).openapi({
      description:
        'The schedule proposed. While the run is SOLVING: the best found so far, renewed about every second (`unassigned` and `analysis` come with the result); none once it FAILED.',
    }),
    unassigned: z.array(UnassignedWork),
    analysis: z.array(ConstraintTotal),
    churn: z.object({ moved: z.number().int(), reassigned: z.number().int(), workOrderIds: z.array(Uuid) }).nullable(),
    error: z.string().nullable(),
    publishedAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
  })
  .openapi('ScheduleRun');
export type ScheduleRun = z.infer<typeof ScheduleRun>;

export const PublishConflict = z.object({
  workOrderId: Uuid,
  reason: z.string(),
  status: WorkOrderStatus.optional(),
});

export const PublishResult = z
  .object({
    published: z.number().int(),
    unchanged: z
      .number()
      .int()
      .openapi({ description: 'Work orders proposed where they are already booked (work in progress included): left as they are.' }),
    unscheduled: z
      .number()
      .int()
      .openapi({ description: 'Booked work orders the run left unassigned: back to OPEN, their booking given up.' }),
    conflicts: z.array(PublishConflict).openapi({
      description:
        'Work orders not published as proposed, left as they are: changed or deleted since the run started, no longer schedulable, their technicians no longer active, qualified or available then (leave or a shift changed since), their proposal would double-book a technician, or (booked work) the search ended before deciding about them.',
    }),
  })
  .openapi('PublishResult');
export type PublishResult = z.infer<typeof PublishResult>;

export const AnalyzeRequest = z
  .object({ ...WorkSelection, assignments: z.array(ScheduleAssignment).max(5000) })
  .strict()
  .superRefine(checkRange)
  .openapi('AnalyzeRequest');
export type AnalyzeRequest = z.infer<typeof AnalyzeRequest>;

export const ScheduleAnalysis = z
  .object({ score: Score, analysis: z.array(ConstraintTotal), unassigned: z.array(UnassignedWork) })
  .openapi('ScheduleAnalysis');
export type ScheduleAnalysis = z.infer<typeof ScheduleAnalysis>;

/** Pushed to the `user:{id}` room of whoever started the run, as it improves. */
export const ScheduleProgressEvent = z.object({
  runId: Uuid,
  status: ScheduleRunStatus,
  elapsedMs: z.number(),
  bestScore: Score.nullable(),
  timestamp: IsoDateTime,
});
export type ScheduleProgressEvent = z.infer<typeof ScheduleProgressEvent>;
