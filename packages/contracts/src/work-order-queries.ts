import { IsoDateTime, PageQuery, Uuid, orderedWindow } from './common';
import { Priority, WorkOrderStatus } from './enums';
import { PmCompliance } from './pm-plans';
import { FINISHED_WORK_ORDER_STATUSES } from './work-order-states';
import { WORK_ORDER_INCLUDES, WorkOrder } from './work-orders';
import { z } from './zod';

/**
 * `?status=OPEN&status=SCHEDULED` or `?status=OPEN,SCHEDULED`: both give a list. Blank entries are
 * dropped; with none left (`?status=`) the parameter counts as absent, so the endpoint's default
 * applies: an empty list would otherwise read as "no filter" and widen a list that has a default.
 */
function csvOf<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => {
      const entries = (Array.isArray(value) ? value : [value])
        .flatMap((entry) => entry.split(','))
        .map((entry) => entry.trim())
        .filter(Boolean);
      return entries.length > 0 ? entries : undefined;
    })
    .pipe(z.array(item).max(20).optional())
    .openapi({
      type: 'string',
      description: 'One value, a comma-separated list, or the parameter repeated; an empty value is the same as leaving it out.',
    });
}

const includeList = z
  .string()
  .max(200)
  .transform((value) => [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.enum(WORK_ORDER_INCLUDES)))
  .openapi({ type: 'string', example: 'technician,equipment' });

/** Sort keys of work-order lists; `-` in front sorts descending. Ties are broken by id. */
export const WORK_ORDER_SORTS = [
  'dueDate',
  '-dueDate',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'priority',
  '-priority',
  'workOrderNumber',
  '-workOrderNumber',
  'scheduledStartTime',
  '-scheduledStartTime',
] as const;
export type WorkOrderSort = (typeof WORK_ORDER_SORTS)[number];

const searchText = z.string().trim().min(1).max(200);

/** The list's fields, unrefined: zod refuses `.omit` on a refined object, and the search query omits `search`. */
const WorkOrderListFields = PageQuery.extend({
  status: csvOf(WorkOrderStatus).optional(),
  priority: csvOf(Priority).optional(),
  technicianId: Uuid.optional(),
  equipmentId: Uuid.optional(),
  dueDateFrom: IsoDateTime.optional(),
  dueDateTo: IsoDateTime.optional(),
  createdAfter: IsoDateTime.optional(),
  search: searchText.optional().openapi({
    description:
      'Matches title, description, number, equipment name/number, and the full name ("first last", so either name alone too) and employee id of the technician or of a crew member.',
  }),
  sort: z.enum(WORK_ORDER_SORTS).default('dueDate').openapi({
    description: 'Ascending sorts put empty dates last; descending ones put them first (PostgreSQL order).',
  }),
  include: includeList.optional(),
  cursor: z.string().max(500).optional().openapi({
    description: 'Opaque keyset cursor from `nextCursor`: deep pages cost as little as the first. Ignores `page`.',
  }),
});
const dueDateWindow = orderedWindow('dueDateFrom', 'dueDateTo');

export const WorkOrderListQuery = WorkOrderListFields.superRefine(dueDateWindow);
export type WorkOrderListQuery = z.infer<typeof WorkOrderListQuery>;

export const WorkOrderSearchQuery = WorkOrderListFields.omit({ search: true }).extend({ q: searchText }).superRefine(dueDateWindow);
export type WorkOrderSearchQuery = z.infer<typeof WorkOrderSearchQuery>;

export const WorkOrderPage = z
  .object({
    data: z.array(WorkOrder),
    total: z.number().int().optional(),
    totalIsEstimate: z.boolean().optional().openapi({
      description:
        'true when more than 1,000 rows match: `total` is then 1,001, meaning “more than 1,000” (counting further would cost every request).',
    }),
    page: z.number().int().optional(),
    limit: z.number().int(),
    nextCursor: z.string().nullable().optional(),
  })
  .openapi('WorkOrderPage');
export type WorkOrderPage = z.infer<typeof WorkOrderPage>;

/** History is finished work: `status` may only narrow it, to some of the finished states. */
export const EquipmentHistoryQuery = PageQuery.extend({
  status: csvOf(z.enum(FINISHED_WORK_ORDER_STATUSES)).optional(),
  priority: csvOf(Priority).optional(),
  dateFrom: IsoDateTime.optional(),
  dateTo: IsoDateTime.optional(),
  technicianId: Uuid.optional(),
}).superRefine(orderedWindow('dateFrom', 'dateTo'));
export type EquipmentHistoryQuery = z.infer<typeof EquipmentHistoryQuery>;

export const DashboardStats = z
  .object({
    totalWorkOrders: z.number().int(),
    openWorkOrders: z.number().int().openapi({ description: 'OPEN, SCHEDULED, IN_PROGRESS, ON_HOLD or PENDING_APPROVAL.' }),
    overdueWorkOrders: z.number().int().openapi({ description: 'Open work whose due date is in the past.' }),
    highPriorityWorkOrders: z.number().int().openapi({ description: 'Open work of priority HIGH or CRITICAL.' }),
    averageCompletionTime: z.number().openapi({
      description: 'Hours from actual start to actual end, averaged over completed (COMPLETED or CLOSED) work; 0 when none.',
    }),
    topTechnicians: z.array(z.object({ technicianId: Uuid, name: z.string(), completedCount: z.number().int() })).openapi({
      description: 'The five technicians with the most completed (COMPLETED or CLOSED) work, led or worked in its crew.',
    }),
    equipmentWithMostWorkOrders: z.array(z.object({ equipmentId: Uuid, name: z.string(), workOrderCount: z.number().int() })),
    pmCompliance: PmCompliance,
  })
  .openapi('DashboardStats', {
    description:
      'Figures over the work the caller may see. `pmCompliance`: SMRP PM compliance of the PM work due in the last 30 days ([now − 30 days, now)).',
  });
export type DashboardStats = z.infer<typeof DashboardStats>;

export const DateRangeQuery = z
  .object({ start: IsoDateTime.optional(), end: IsoDateTime.optional() })
  .refine((range) => !range.start || !range.end || Date.parse(range.end) > Date.parse(range.start), {
    message: 'end must be after start',
    path: ['end'],
  })
  .refine((range) => !range.start || !range.end || Date.parse(range.end) - Date.parse(range.start) <= 366 * 86_400_000, {
    message: 'the range may span at most 366 days',
    path: ['end'],
  });
export type DateRangeQuery = z.infer<typeof DateRangeQuery>;

export const TechnicianSchedule = z
  .object({
    technicianId: Uuid,
    start: IsoDateTime,
    end: IsoDateTime,
    workOrders: z.array(WorkOrder),
    totalWorkOrders: z.number().int(),
    totalHoursScheduled: z.number().openapi({ description: 'Hours booked inside the range (overlapping bookings counted once).' }),
    availableHours: z.number().openapi({ description: 'Shift hours in the range from the weekly pattern and dated exceptions.' }),
    utilization: z.number().openapi({ description: 'totalHoursScheduled ÷ availableHours × 100; 0 when no shift hours.' }),
  })
  .openapi('TechnicianSchedule');
export type TechnicianSchedule = z.infer<typeof TechnicianSchedule>;

export const TechnicianPerformance = z
  .object({
    technicianId: Uuid,
    start: IsoDateTime,
    end: IsoDateTime,
    totalWorkOrders: z
      .number()
      .int()
      .openapi({ description: 'Work assigned to the technician that was due, scheduled or finished in the range.' }),
    completedWorkOrders: z.number().int().openapi({ description: 'Finished (COMPLETED or CLOSED) with actual end in the range.' }),
    onTimeCompletionRate: z.number().openapi({ description: 'Percent of completed work with a due date that finished on or before it.' }),
    averageCompletionTime: z.number().openapi({ description: 'Hours from actual start to actual end over completed work.' }),
    firstTimeFixRate: z.number().openapi({ description: 'Percent of completed work marked first-time fix.' }),
    utilizationRate: z
      .number()
      .openapi({ description: 'Worked hours (actual durations of completed work) ÷ available shift hours × 100.' }),
    topEquipmentTypes: z.array(z.object({ equipmentType: z.string(), count: z.number().int() })),
  })
  .openapi('TechnicianPerformance');
export type TechnicianPerformance = z.infer<typeof TechnicianPerformance>;
