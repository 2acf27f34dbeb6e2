import {
  CRITICALITIES,
  EQUIPMENT_STATUSES,
  LOCATION_KINDS,
  PART_LINE_STATUSES,
  PRIORITIES,
  STOCK_MOVEMENT_KINDS,
  TASK_STATUSES,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
} from '@msched/contracts';
import { pgEnum } from 'drizzle-orm/pg-core';

export const workOrderStatus = pgEnum('work_order_status', WORK_ORDER_STATUSES);
export const workOrderType = pgEnum('work_order_type', WORK_ORDER_TYPES);
export const priority = pgEnum('priority', PRIORITIES);
export const equipmentStatus = pgEnum('equipment_status', EQUIPMENT_STATUSES);
export const criticality = pgEnum('criticality', CRITICALITIES);
export const locationKind = pgEnum('location_kind', LOCATION_KINDS);
export const taskStatus = pgEnum('task_status', TASK_STATUSES);
export const partLineStatus = pgEnum('part_line_status', PART_LINE_STATUSES);
export const stockMovementKind = pgEnum('stock_movement_kind', STOCK_MOVEMENT_KINDS);
