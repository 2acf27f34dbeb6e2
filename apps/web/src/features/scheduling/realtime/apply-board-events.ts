import type { TechnicianScheduleUpdateEvent, WorkOrder, WorkOrderUpdateEvent } from '@msched/contracts';
import { copyWorkOrderEventFields } from '@/lib/realtime/work-order-event-fields';
import type { TechnicianScheduleArgs } from '../api/get-technician-schedule';

/** What `GET /technicians/:id/schedule` lists: the statuses a bar is drawn for. */
const ON_THE_BOARD: readonly WorkOrder['status'][] = ['SCHEDULED', 'IN_PROGRESS', 'PENDING_APPROVAL'];

const overlapsRange = (start: string | null, end: string | null, args: TechnicianScheduleArgs) =>
  Boolean(start && end) && Date.parse(start!) < Date.parse(args.end) && Date.parse(end!) > Date.parse(args.start);

/**
 * A `workorder:update` applied to one technician's cached row (an Immer draft): the bar moves,
 * changes or leaves at once. Returns true when the row may now miss the work order (it arrived
 * from elsewhere) and must be asked again.
 */
export function applyToSchedule(rows: { workOrders: WorkOrder[] }, args: TechnicianScheduleArgs, event: WorkOrderUpdateEvent): boolean {
  const { data } = event;
  const index = rows.workOrders.findIndex((row) => row.id === event.workOrderId);
  const belongs =
    event.eventType !== 'deleted' &&
    // Events stored before crews were recorded carry none.
    (data.technicianId === args.technicianId || (data.crewTechnicianIds ?? []).includes(args.technicianId)) &&
    ON_THE_BOARD.includes(data.status) &&
    overlapsRange(data.scheduledStartTime, data.scheduledEndTime, args);
  if (index < 0) return belongs;
  const row = rows.workOrders[index]!;
  if (row.version >= data.version && event.eventType !== 'deleted') return false;
  if (belongs) copyWorkOrderEventFields(row, data);
  else rows.workOrders.splice(index, 1);
  return false;
}

/** The same event on a cached backlog page: work that is no longer open leaves it. Returns true when the page may miss it. */
export function applyToBacklog(page: { data: WorkOrder[]; total?: number }, event: WorkOrderUpdateEvent): boolean {
  const open = event.eventType !== 'deleted' && event.data.status === 'OPEN';
  const index = page.data.findIndex((row) => row.id === event.workOrderId);
  if (index < 0) return open;
  const row = page.data[index]!;
  if (row.version >= event.data.version && event.eventType !== 'deleted') return false;
  if (open) copyWorkOrderEventFields(row, event.data);
  else {
    page.data.splice(index, 1);
    if (page.total !== undefined) page.total -= 1;
  }
  return false;
}

/** A `technician:schedule_update` on that technician's cached row; true when the row must be asked again for it. */
export function applyScheduleChange(
  rows: { workOrders: WorkOrder[] },
  args: TechnicianScheduleArgs,
  event: TechnicianScheduleUpdateEvent,
): boolean {
  const { schedule } = event;
  const index = rows.workOrders.findIndex((row) => row.id === schedule.workOrderId);
  const stays =
    schedule.change !== 'unassigned' &&
    ON_THE_BOARD.includes(schedule.status) &&
    overlapsRange(schedule.scheduledStartTime, schedule.scheduledEndTime, args);
  if (index < 0) return stays;
  if (!stays) {
    rows.workOrders.splice(index, 1);
    return false;
  }
  const row = rows.workOrders[index]!;
  Object.assign(row, {
    title: schedule.title,
    status: schedule.status,
    priority: schedule.priority,
    scheduledStartTime: schedule.scheduledStartTime,
    scheduledEndTime: schedule.scheduledEndTime,
    // A crew member's schedule changes with the work; who leads it is the work order's own news.
    ...((row.crewTechnicianIds ?? []).includes(event.technicianId) ? {} : { technicianId: event.technicianId }),
  });
  return false;
}
