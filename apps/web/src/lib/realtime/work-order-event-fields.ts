import type { WorkOrder, WorkOrderEventData } from '@msched/contracts';

/** The fields a `workorder:update` event carries, copied onto cached work orders as they arrive. */
const EVENT_FIELDS = [
  'title',
  'type',
  'status',
  'priority',
  'equipmentId',
  'technicianId',
  'crewTechnicianIds',
  'requesterId',
  'dueDate',
  'scheduledStartTime',
  'scheduledEndTime',
  'version',
  'updatedAt',
] as const satisfies readonly (keyof WorkOrderEventData & keyof WorkOrder)[];

/** Writes the event's fields into a cached work order (an Immer draft); the rest of the record stays. */
export function copyWorkOrderEventFields(workOrder: WorkOrder, data: WorkOrderEventData) {
  for (const field of EVENT_FIELDS) Object.assign(workOrder, { [field]: data[field] });
  // Events stored before work orders had crews carry none.
  workOrder.crewTechnicianIds = data.crewTechnicianIds ?? [];
}
