import type { WorkOrder, WorkOrderEventData } from '@msched/contracts';
import { copyWorkOrderEventFields } from '@/lib/realtime/work-order-event-fields';

/**
 * Brings a cached work order (a list row or the detail, an Immer draft) up to the event's
 * version. An event for a version the cache already has (our own change, or a replay) changes
 * nothing. Returns whether it applied.
 */
export function applyWorkOrderEvent(workOrder: WorkOrder, data: WorkOrderEventData): boolean {
  if (workOrder.version >= data.version) return false;
  copyWorkOrderEventFields(workOrder, data);
  return true;
}
