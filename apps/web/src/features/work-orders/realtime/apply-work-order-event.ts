import type { WorkOrder, WorkOrderEventData } from '@msched/contracts';

/** The fields a `workorder:update` event carries, copied onto cached work orders as they arrive. */
const EVENT_FIELDS = [
  'title',
  'type',
  'status',
  'priority',
  'equipmentId',
  'technicianId',
  'requesterId',
  'dueDate',
  'scheduledStartTime',
  'scheduledEndTime',
  'version',
  'updatedAt',
] as const satisfies readonly (keyof WorkOrderEventData & keyof WorkOrder)[];

/**
 * Brings a cached work order (a list row or the detail, an Immer draft) up to the event's
 * version. An event for a version the cache already has (our own change, or a replay) changes
 * nothing. Returns whether it applied.
 */
export function applyWorkOrderEvent(workOrder: WorkOrder, data: WorkOrderEventData): boolean {
  if (workOrder.version >= data.version) return false;
  const changes: Partial<WorkOrder> = {};
  for (const field of EVENT_FIELDS) Object.assign(changes, { [field]: data[field] });
  Object.assign(workOrder, changes);
  return true;
}
