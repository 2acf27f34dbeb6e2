import { z } from './zod';

export const ROLES = ['admin', 'manager', 'planner', 'technician', 'requester'] as const;
export const Role = z.enum(ROLES).openapi('Role');
export type Role = z.infer<typeof Role>;

export const WORK_ORDER_STATUSES = [
  'OPEN',
  'SCHEDULED',
  'IN_PROGRESS',
  'ON_HOLD',
  'PENDING_APPROVAL',
  'COMPLETED',
  'CLOSED',
  'CANCELLED',
] as const;
export const WorkOrderStatus = z.enum(WORK_ORDER_STATUSES).openapi('WorkOrderStatus');
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;

export const WORK_ORDER_TYPES = ['CORRECTIVE', 'PREVENTIVE', 'PREDICTIVE', 'INSPECTION', 'EMERGENCY'] as const;
export const WorkOrderType = z.enum(WORK_ORDER_TYPES).openapi('WorkOrderType');
export type WorkOrderType = z.infer<typeof WorkOrderType>;

export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const Priority = z.enum(PRIORITIES).openapi('Priority');
export type Priority = z.infer<typeof Priority>;

export const EQUIPMENT_STATUSES = ['OPERATIONAL', 'DEGRADED', 'DOWN', 'RETIRED'] as const;
export const EquipmentStatus = z.enum(EQUIPMENT_STATUSES).openapi('EquipmentStatus');
export type EquipmentStatus = z.infer<typeof EquipmentStatus>;

export const CRITICALITIES = ['A', 'B', 'C'] as const;
export const Criticality = z.enum(CRITICALITIES).openapi('Criticality');
export type Criticality = z.infer<typeof Criticality>;

export const LOCATION_KINDS = ['SITE', 'AREA', 'LINE'] as const;
export const LocationKind = z.enum(LOCATION_KINDS).openapi('LocationKind');
export type LocationKind = z.infer<typeof LocationKind>;

export const TASK_STATUSES = ['PENDING', 'IN_PROGRESS', 'DONE', 'SKIPPED'] as const;
export const TaskStatus = z.enum(TASK_STATUSES).openapi('TaskStatus');
export type TaskStatus = z.infer<typeof TaskStatus>;

export const PART_LINE_STATUSES = ['RESERVED', 'ISSUED', 'RETURNED', 'RELEASED'] as const;
export const PartLineStatus = z.enum(PART_LINE_STATUSES).openapi('PartLineStatus');
export type PartLineStatus = z.infer<typeof PartLineStatus>;

export const STOCK_MOVEMENT_KINDS = ['RECEIPT', 'ADJUSTMENT', 'ISSUE', 'RETURN', 'RESERVE', 'RELEASE'] as const;
export const StockMovementKind = z.enum(STOCK_MOVEMENT_KINDS).openapi('StockMovementKind');
export type StockMovementKind = z.infer<typeof StockMovementKind>;
