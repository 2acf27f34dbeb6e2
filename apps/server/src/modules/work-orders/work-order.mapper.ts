import {
  allowedNextStates,
  type WorkOrder,
  type WorkOrderComment,
  type WorkOrderHistoryEntry,
  type WorkOrderPartLine,
  type WorkOrderTask,
} from '@msched/contracts';
import { effectiveRoles } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { iso, isoOrNull } from '../../platform/http/mapping';
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

/** The API shape of a work order, with the next states this caller may choose. */
export const toWorkOrder = (row: WorkOrderRow, principal: Principal): WorkOrder => ({
  id: row.id,
  workOrderNumber: row.workOrderNumber,
  title: row.title,
  description: row.description,
  type: row.type,
  status: row.status,
  priority: row.priority,
  dueDate: isoOrNull(row.dueDate),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
  scheduledStartTime: isoOrNull(row.scheduledStartTime),
  scheduledEndTime: isoOrNull(row.scheduledEndTime),
  actualStartTime: isoOrNull(row.actualStartTime),
  actualEndTime: isoOrNull(row.actualEndTime),
  estimatedDuration: row.estimatedDuration,
  actualDuration: row.actualDuration,
  technicianId: row.technicianId,
  equipmentId: row.equipmentId,
  requesterId: row.requesterId,
  pmPlanId: row.pmPlanId,
  crewSize: row.crewSize,
  complianceWindowEnd: isoOrNull(row.complianceWindowEnd),
  requiredSkills: row.requiredSkills,
  completion: row.completion ?? null,
  allowedNextStates: allowedNextStates(row.status, effectiveRoles(principal, row)),
  version: row.version,
});
