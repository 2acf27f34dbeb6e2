import { IsoDateTime, Minutes, Uuid, optionalText, text } from './common';
import { Equipment } from './equipment';
import { PartLineStatus, Priority, TaskStatus, WorkOrderStatus, WorkOrderType } from './enums';
import { Technician, TechnicianSummary } from './technicians';
import { z } from './zod';

export const WORK_ORDER_INCLUDES = ['technician', 'equipment', 'tasks', 'parts'] as const;

export const RequiredSkill = z
  .object({ skill: z.string().trim().toLowerCase().min(1).max(100), minLevel: z.number().int().min(1).max(5).default(1) })
  .openapi('RequiredSkill');

/** Accepts `["welding"]` or `[{ skill, minLevel }]`; always answers with objects. */
const RequiredSkills = z
  .array(z.union([z.string().trim().toLowerCase().min(1).max(100), RequiredSkill]))
  .max(20)
  .transform((skills) => skills.map((entry) => (typeof entry === 'string' ? { skill: entry, minLevel: 1 } : entry)));

export const WorkOrderTask = z
  .object({
    id: Uuid,
    workOrderId: Uuid,
    position: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    status: TaskStatus,
    estimatedDuration: z.number().int().nullable(),
    actualDuration: z.number().int().nullable(),
    assigneeId: Uuid.nullable(),
    isFirstTimeFix: z.boolean().nullable(),
    completedAt: IsoDateTime.nullable(),
    version: z.number().int(),
  })
  .openapi('WorkOrderTask');
export type WorkOrderTask = z.infer<typeof WorkOrderTask>;

export const WorkOrderPartLine = z
  .object({
    id: Uuid,
    workOrderId: Uuid,
    partId: Uuid,
    partNumber: z.string(),
    partName: z.string(),
    quantity: z.number().int(),
    status: PartLineStatus,
    unitCost: z.number(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('WorkOrderPartLine');
export type WorkOrderPartLine = z.infer<typeof WorkOrderPartLine>;

export const Completion = z
  .object({
    failureMode: optionalText(100),
    failureCause: optionalText(100),
    remedy: optionalText(100),
    firstTimeFix: z.boolean().nullish(),
    notes: optionalText(4000),
  })
  .strict()
  .openapi('Completion', {
    description: 'Failure data in the spirit of ISO 14224 (mode, cause, remedy codes).',
  });
export type Completion = z.infer<typeof Completion>;

export const WorkOrder = z
  .object({
    id: Uuid,
    workOrderNumber: z.string().openapi({ example: 'WO-000123' }),
    title: z.string(),
    description: z.string().nullable(),
    type: WorkOrderType,
    status: WorkOrderStatus,
    priority: Priority,
    dueDate: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    scheduledStartTime: IsoDateTime.nullable(),
    scheduledEndTime: IsoDateTime.nullable(),
    actualStartTime: IsoDateTime.nullable(),
    actualEndTime: IsoDateTime.nullable(),
    estimatedDuration: z.number().int().nullable(),
    actualDuration: z.number().int().nullable(),
    technicianId: Uuid.nullable().openapi({ description: 'The technician booked for it; on crew work, the one who leads.' }),
    crewTechnicianIds: z.array(Uuid).openapi({
      description: "The crew's other members, booked for the same time as the technician; empty for work done alone.",
    }),
    equipmentId: Uuid,
    requesterId: Uuid.nullable(),
    pmPlanId: Uuid.nullable(),
    crewSize: z.number().int().openapi({ description: 'Technicians working on it at the same time (1–3).' }),
    predecessorIds: z.array(Uuid).openapi({
      description:
        'Work orders that must be finished before this one starts. One deleted since no longer holds it back; one cancelled, or done (PENDING_APPROVAL onwards), is finished.',
    }),
    requiresDowntime: z.boolean().openapi({
      description: "The equipment must be down for it: it is booked only inside the equipment's maintenance windows.",
    }),
    conflictGroups: z.array(z.string()).openapi({
      description: 'What the work holds while it is done (permit, crane, zone): work sharing a group is never booked at the same time.',
    }),
    complianceWindowEnd: IsoDateTime.nullable().openapi({
      description: 'PM work: completion by this instant counts as on time (due date + grace, SMRP).',
    }),
    requiredSkills: z.array(z.object({ skill: z.string(), minLevel: z.number().int() })),
    completion: Completion.nullable(),
    allowedNextStates: z.array(WorkOrderStatus).openapi({
      description: 'States the caller may move this work order to now.',
    }),
    version: z.number().int(),
    technician: z.union([Technician, TechnicianSummary]).nullable().optional().openapi({
      description: 'The full record for callers who may read it; otherwise a summary (id, employee id, names).',
    }),
    equipment: Equipment.optional(),
    tasks: z.array(WorkOrderTask).optional(),
    parts: z.array(WorkOrderPartLine).optional(),
  })
  .openapi('WorkOrder');
export type WorkOrder = z.infer<typeof WorkOrder>;

/** At most this many predecessors per work order, and this many conflict groups. */
export const MAX_PREDECESSORS = 20;
export const MAX_CONFLICT_GROUPS = 10;

/** A conflict group's name: a short lower-case label, e.g. `hot-work`, `crane:north`, `zone/b2`. */
export const ConflictGroup = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._:/-]*$/, 'a conflict group is a label of letters, digits and . _ : / - (starting with a letter or digit)');

/** Group names, each once (a name given twice in any case is one group), in order: a set. */
export const ConflictGroups = z
  .array(ConflictGroup)
  // Repeats count once: the limit is on distinct groups (the list as sent is bounded too).
  .max(MAX_CONFLICT_GROUPS * 10)
  .transform((groups) => [...new Set(groups)].sort())
  .refine((groups) => groups.length <= MAX_CONFLICT_GROUPS, { message: `at most ${MAX_CONFLICT_GROUPS} distinct conflict groups` })
  .openapi({
    description:
      'What the work holds while it is done (a permit, a crane, a lockout zone): work orders sharing a group are never booked at the same time. Lower-cased and sorted; repeats count once: at most 10 distinct groups (100 names as sent).',
  });

/** Predecessors, each named once. */
const PredecessorIds = z
  .array(Uuid)
  .max(MAX_PREDECESSORS)
  .superRefine((ids, context) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) context.addIssue({ code: 'custom', path: [index], message: 'names a work order twice' });
    });
  })
  .openapi({
    description:
      'Work orders of your organization that must be finished before this one starts (no cycles, not itself). Given, the list replaces the old one ([] for none).',
  });

const WorkOrderTaskInput = z.object({ title: text(300), description: optionalText(4000), estimatedDuration: Minutes.nullish() }).strict();

export const CreateWorkOrder = z
  .object({
    title: text(300),
    description: optionalText(10_000),
    type: WorkOrderType.default('CORRECTIVE'),
    priority: Priority.default('MEDIUM'),
    equipmentId: Uuid,
    dueDate: IsoDateTime.nullish(),
    estimatedDuration: Minutes.nullish(),
    requiredSkills: RequiredSkills.optional(),
    crewSize: z.number().int().min(1).max(3).optional(),
    predecessorIds: PredecessorIds.optional(),
    conflictGroups: ConflictGroups.optional(),
    requiresDowntime: z.boolean().optional(),
    tasks: z.array(WorkOrderTaskInput).max(200).optional(),
  })
  .strict()
  .openapi('CreateWorkOrder');
export type CreateWorkOrder = z.infer<typeof CreateWorkOrder>;

export const UpdateWorkOrder = z
  .object({
    title: text(300),
    description: optionalText(10_000),
    type: WorkOrderType,
    priority: Priority,
    equipmentId: Uuid,
    dueDate: IsoDateTime.nullable(),
    estimatedDuration: Minutes.nullable(),
    requiredSkills: RequiredSkills,
    crewSize: z.number().int().min(1).max(3),
    predecessorIds: PredecessorIds,
    conflictGroups: ConflictGroups,
    requiresDowntime: z.boolean(),
  })
  .partial()
  .strict()
  .openapi('UpdateWorkOrder');
export type UpdateWorkOrder = z.infer<typeof UpdateWorkOrder>;

/** The longest booking `/assign` takes: longer is a typo (a year off), not maintenance work. */
export const MAX_BOOKING_DAYS = 366;

export const AssignWorkOrder = z
  .object({
    technicianId: Uuid.openapi({ description: 'The technician who does it; on crew work, the one who leads.' }),
    crewTechnicianIds: z.array(Uuid).max(2).optional().openapi({
      description:
        "The crew's other members (a crew is 1–3 technicians), booked for the same time and checked like the technician. Given, it replaces the crew ([] for none); left out, the crew stays as it is (less the technician, if one of its members now leads).",
    }),
    scheduledStartTime: IsoDateTime,
    scheduledEndTime: IsoDateTime,
    force: z.boolean().default(false).openapi({
      description: 'Assign despite a skill mismatch or an overlap with other work.',
    }),
  })
  .strict()
  .refine((input) => Date.parse(input.scheduledEndTime) > Date.parse(input.scheduledStartTime), {
    message: 'scheduledEndTime must be after scheduledStartTime',
    path: ['scheduledEndTime'],
  })
  .refine((input) => Date.parse(input.scheduledEndTime) - Date.parse(input.scheduledStartTime) <= MAX_BOOKING_DAYS * 86_400_000, {
    message: `a booking may span at most ${MAX_BOOKING_DAYS} days`,
    path: ['scheduledEndTime'],
  })
  .superRefine((input, context) => {
    const seen = new Set([input.technicianId.toLowerCase()]);
    input.crewTechnicianIds?.forEach((id, index) => {
      if (seen.has(id.toLowerCase()))
        context.addIssue({ code: 'custom', path: ['crewTechnicianIds', index], message: 'names the technician or another member twice' });
      seen.add(id.toLowerCase());
    });
  })
  .openapi('AssignWorkOrder');
export type AssignWorkOrder = z.infer<typeof AssignWorkOrder>;

/** The states whose move records completion data: finishing the work, approving it, closing it. */
export const COMPLETION_STATUSES = ['PENDING_APPROVAL', 'COMPLETED', 'CLOSED'] as const satisfies readonly WorkOrderStatus[];

export const ChangeWorkOrderStatus = z
  .object({
    status: WorkOrderStatus,
    note: optionalText(2000),
    completion: Completion.optional().openapi({
      description: `Merged into the work order's completion data; only with status ${COMPLETION_STATUSES.join(', ')} (400 otherwise, rather than dropped).`,
    }),
  })
  .strict()
  .refine((input) => input.completion === undefined || (COMPLETION_STATUSES as readonly string[]).includes(input.status), {
    message: `completion data is recorded only when moving to ${COMPLETION_STATUSES.join(', ')}`,
    path: ['completion'],
  })
  .openapi('ChangeWorkOrderStatus');
export type ChangeWorkOrderStatus = z.infer<typeof ChangeWorkOrderStatus>;

export const CreateTask = WorkOrderTaskInput.extend({ assigneeId: Uuid.nullish() }).strict().openapi('CreateTask');
export type CreateTask = z.infer<typeof CreateTask>;

export const UpdateTask = z
  .object({
    title: text(300),
    description: optionalText(4000),
    status: TaskStatus,
    estimatedDuration: Minutes.nullable(),
    actualDuration: Minutes.nullable(),
    assigneeId: Uuid.nullable(),
    isFirstTimeFix: z.boolean().nullable(),
  })
  .partial()
  .strict()
  .openapi('UpdateTask');
export type UpdateTask = z.infer<typeof UpdateTask>;

export const AddWorkOrderPart = z
  .object({
    partId: Uuid,
    quantity: z.number().int().min(1).max(100_000),
    action: z.enum(['reserve', 'issue']).default('issue').openapi({
      description: 'reserve holds stock for the job; issue takes it from stock now.',
    }),
  })
  .strict()
  .openapi('AddWorkOrderPart');
export type AddWorkOrderPart = z.infer<typeof AddWorkOrderPart>;

export const UpdateWorkOrderPart = z
  .object({
    status: z.enum(['ISSUED', 'RETURNED', 'RELEASED']).openapi({
      description: 'RESERVED → ISSUED or RELEASED; ISSUED → RETURNED.',
    }),
  })
  .strict()
  .openapi('UpdateWorkOrderPart');
export type UpdateWorkOrderPart = z.infer<typeof UpdateWorkOrderPart>;

export const WorkOrderComment = z
  .object({ id: Uuid, workOrderId: Uuid, authorId: Uuid, authorName: z.string(), body: z.string(), createdAt: IsoDateTime })
  .openapi('WorkOrderComment');
export type WorkOrderComment = z.infer<typeof WorkOrderComment>;

export const CreateComment = z
  .object({ body: text(10_000) })
  .strict()
  .openapi('CreateComment');
export type CreateComment = z.infer<typeof CreateComment>;

export const WorkOrderHistoryEntry = z
  .object({
    id: Uuid,
    workOrderId: Uuid,
    kind: z.enum(['status', 'change']),
    fromStatus: WorkOrderStatus.nullable(),
    toStatus: WorkOrderStatus.nullable(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
    note: z.string().nullable(),
    userId: Uuid.nullable(),
    userName: z.string().nullable(),
    createdAt: IsoDateTime,
  })
  .openapi('WorkOrderHistoryEntry');
export type WorkOrderHistoryEntry = z.infer<typeof WorkOrderHistoryEntry>;

const includeList = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const names = value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = names.filter((name) => !(WORK_ORDER_INCLUDES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown relation(s) ${unknown.join(', ')}; allowed: ${WORK_ORDER_INCLUDES.join(', ')}`,
      });
      return z.NEVER;
    }
    return [...new Set(names)] as (typeof WORK_ORDER_INCLUDES)[number][];
  })
  .openapi({ type: 'string', example: 'technician,equipment,tasks,parts' });

export const WorkOrderIncludeQuery = z.object({ include: includeList.optional() });
export type WorkOrderInclude = (typeof WORK_ORDER_INCLUDES)[number];

export const WorkOrderPartLineResult = z
  .object({ line: WorkOrderPartLine, partOnHand: z.number().int(), partAvailable: z.number().int() })
  .openapi('WorkOrderPartLineResult');
