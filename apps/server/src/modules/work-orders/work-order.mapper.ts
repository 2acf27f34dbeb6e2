import {
  allowedNextStates,
  type WorkOrder,
  type WorkOrderComment,
  type WorkOrderHistoryEntry,
  type WorkOrderPartLine,
  type WorkOrderTask,
} from '@msched/contracts';
import { getTableColumns } from 'drizzle-orm';
import { effectiveRoles } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { workOrders } from '../../platform/db/schema';
import { iso, isoFromPostgresOrNull, isoOrNull } from '../../platform/http/mapping';
import type { CommentRow, HistoryRow, PartLineRow, TaskRow } from './work-order-details.repository';
import type { WorkOrderRow } from './work-orders.repository';

export const toTask = (row: TaskRow): WorkOrderTask => ({
  id: row.id,
  workOrderId: row.workOrderId,
  position: row.position,
  title: row.title,
  description: row.description,
  status: row.status,
  estimatedDuration: row.estimatedDuration,
  actualDuration: row.actualDuration,
  assigneeId: row.assigneeId,
  isFirstTimeFix: row.isFirstTimeFix,
  completedAt: isoOrNull(row.completedAt),
  version: row.version,
});

export const toPartLine = (row: PartLineRow): WorkOrderPartLine => ({
  id: row.id,
  workOrderId: row.workOrderId,
  partId: row.partId,
  partNumber: row.partNumber,
  partName: row.partName,
  quantity: row.quantity,
  status: row.status,
  unitCost: row.unitCost,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export const toComment = (row: CommentRow): WorkOrderComment => ({
  id: row.id,
  workOrderId: row.workOrderId,
  authorId: row.authorId,
  authorName: row.authorName,
  body: row.body,
  createdAt: iso(row.createdAt),
});

export const toHistoryEntry = (row: HistoryRow): WorkOrderHistoryEntry => ({
  id: row.id,
  workOrderId: row.workOrderId,
  kind: row.kind,
  fromStatus: row.fromStatus,
  toStatus: row.toStatus,
  changes: row.changes,
  note: row.note,
  userId: row.userId,
  userName: row.userName,
  createdAt: iso(row.createdAt),
});

/** The instants of a work-order row. */
type Instant =
  | 'dueDate'
  | 'scheduledStartTime'
  | 'scheduledEndTime'
  | 'actualStartTime'
  | 'actualEndTime'
  | 'complianceWindowEnd'
  | 'createdAt'
  | 'updatedAt'
  | 'deletedAt';

/**
 * A work-order row as lists read it: every instant already the API's ISO string. Lists read
 * their rows this way straight from the driver (see WorkOrderQueriesRepository), without a
 * Date per instant that would only be turned back into text.
 */
export type ListedRow = Omit<WorkOrderRow, Instant> & {
  [K in Instant]: null extends WorkOrderRow[K] ? string | null : string;
};

/** The columns lists select: the whole row, in this order (the order of `Database.arrays` answers). */
export const LISTED_COLUMNS = getTableColumns(workOrders);

type Column = keyof typeof LISTED_COLUMNS;

/** Where each column sits in a row array. */
const AT = Object.fromEntries(Object.keys(LISTED_COLUMNS).map((key, index) => [key, index])) as Record<Column, number>;

/**
 * A list row from the driver's array (LISTED_COLUMNS order, timestamptz as PostgreSQL's text, every
 * other value as pg parses it, which Drizzle's columns pass through unchanged). One literal,
 * so each row is allocated once at its final size.
 */
export function listedFromArray(values: unknown[]): ListedRow {
  const value = <K extends Column>(key: K) => values[AT[key]] as WorkOrderRow[K];
  const instant = (key: Instant) => isoFromPostgresOrNull(values[AT[key]] as string | null);
  return {
    id: value('id'),
    organizationId: value('organizationId'),
    number: value('number'),
    workOrderNumber: value('workOrderNumber'),
    title: value('title'),
    description: value('description'),
    type: value('type'),
    status: value('status'),
    priority: value('priority'),
    dueDate: instant('dueDate'),
    requiredSkills: value('requiredSkills'),
    estimatedDuration: value('estimatedDuration'),
    scheduledStartTime: instant('scheduledStartTime'),
    scheduledEndTime: instant('scheduledEndTime'),
    actualStartTime: instant('actualStartTime'),
    actualEndTime: instant('actualEndTime'),
    actualDuration: value('actualDuration'),
    technicianId: value('technicianId'),
    crewTechnicianIds: uuidArray(values[AT.crewTechnicianIds]),
    equipmentId: value('equipmentId'),
    requesterId: value('requesterId'),
    pmPlanId: value('pmPlanId'),
    crewSize: value('crewSize'),
    predecessorIds: uuidArray(values[AT.predecessorIds]),
    conflictGroups: labelArray(values[AT.conflictGroups]),
    requiresDowntime: value('requiresDowntime'),
    complianceWindowEnd: instant('complianceWindowEnd'),
    completion: value('completion'),
    version: value('version'),
    createdAt: instant('createdAt')!,
    updatedAt: instant('updatedAt')!,
    deletedAt: instant('deletedAt'),
  };
}

/**
 * A uuid[] as the driver answers it: an array where it parses the type, else PostgreSQL's text
 * (`{a,b}`; UUIDs need no quoting).
 */
function uuidArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value !== 'string' || value === '{}') return [];
  return value.slice(1, -1).split(',');
}

/**
 * A text[] of conflict-group labels as the driver answers it: an array, or PostgreSQL's text. A
 * label holds no comma, quote, brace or space (ConflictGroup), so the text splits on commas; one
 * PostgreSQL quotes anyway (`"null"`) loses its quotes.
 */
function labelArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value !== 'string' || value === '{}') return [];
  return value
    .slice(1, -1)
    .split(',')
    .map((label) => (label.startsWith('"') ? label.slice(1, -1) : label));
}

/** A row read through Drizzle (Dates), as a list row. */
export function listedFromEntity(row: WorkOrderRow): ListedRow {
  return {
    ...row,
    dueDate: isoOrNull(row.dueDate),
    scheduledStartTime: isoOrNull(row.scheduledStartTime),
    scheduledEndTime: isoOrNull(row.scheduledEndTime),
    actualStartTime: isoOrNull(row.actualStartTime),
    actualEndTime: isoOrNull(row.actualEndTime),
    complianceWindowEnd: isoOrNull(row.complianceWindowEnd),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: isoOrNull(row.deletedAt),
  };
}

/** The API shape of a work order, with the next states this caller may choose. */
export const toWorkOrder = (row: WorkOrderRow, principal: Principal): WorkOrder => toListedWorkOrder(listedFromEntity(row), principal);

/** The API shape of a listed work order (its instants are ISO strings already). */
export const toListedWorkOrder = (row: ListedRow, principal: Principal): WorkOrder => ({
  id: row.id,
  workOrderNumber: row.workOrderNumber,
  title: row.title,
  description: row.description,
  type: row.type,
  status: row.status,
  priority: row.priority,
  dueDate: row.dueDate,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  scheduledStartTime: row.scheduledStartTime,
  scheduledEndTime: row.scheduledEndTime,
  actualStartTime: row.actualStartTime,
  actualEndTime: row.actualEndTime,
  estimatedDuration: row.estimatedDuration,
  actualDuration: row.actualDuration,
  technicianId: row.technicianId,
  crewTechnicianIds: row.crewTechnicianIds,
  equipmentId: row.equipmentId,
  requesterId: row.requesterId,
  pmPlanId: row.pmPlanId,
  crewSize: row.crewSize,
  predecessorIds: row.predecessorIds,
  conflictGroups: row.conflictGroups,
  requiresDowntime: row.requiresDowntime,
  complianceWindowEnd: row.complianceWindowEnd,
  requiredSkills: row.requiredSkills,
  completion: row.completion ?? null,
  allowedNextStates: allowedNextStates(row.status, effectiveRoles(principal, row)),
  version: row.version,
});
