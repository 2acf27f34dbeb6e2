import type { Room, WorkOrderEventData, WorkOrderEventType } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import type { NewDomainEvent } from '../../platform/events/domain-event';
import { EventOutbox } from '../../platform/events/outbox';
import { isoOrNull } from '../../platform/http/mapping';
import { EquipmentRepository } from '../equipment/equipment.repository';
import { NotificationsService } from '../notifications/notifications.service';
import type { WorkOrderRow } from './work-orders.repository';

type ScheduleChange = 'assigned' | 'unassigned' | 'rescheduled' | 'status_change';

/** The event body every receiver gets: the work order as it is after the change. */
export function workOrderEventData(row: WorkOrderRow, extra: Partial<WorkOrderEventData> = {}): WorkOrderEventData {
  return {
    workOrderNumber: row.workOrderNumber,
    title: row.title,
    type: row.type,
    status: row.status,
    priority: row.priority,
    equipmentId: row.equipmentId,
    technicianId: row.technicianId,
    requesterId: row.requesterId,
    dueDate: isoOrNull(row.dueDate),
    scheduledStartTime: isoOrNull(row.scheduledStartTime),
    scheduledEndTime: isoOrNull(row.scheduledEndTime),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    ...extra,
  };
}

const FEED_ROOM: Record<WorkOrderEventType, Room> = {
  created: 'workorders:created',
  updated: 'workorders:updated',
  assigned: 'workorders:updated',
  status_change: 'workorders:updated',
  deleted: 'workorders:deleted',
};

/**
 * `workorder:update` to the organization feeds, the work order's own room, its equipment's room
 * and its technicians' rooms; seen by staff, its technician (also the one it was taken from),
 * and its requester.
 */
export function workOrderEvent(
  eventType: WorkOrderEventType,
  row: WorkOrderRow,
  extra: Partial<WorkOrderEventData> = {},
  previousTechnicianId: string | null = null,
): NewDomainEvent {
  const technicianIds = [...new Set([row.technicianId, previousTechnicianId].filter((id): id is string => id !== null))];
  return {
    name: 'workorder:update',
    payload: { eventType, workOrderId: row.id, data: workOrderEventData(row, extra), timestamp: new Date().toISOString() },
    audience: {
      rooms: [
        'workorders:all',
        'workorders:updates',
        FEED_ROOM[eventType],
        `workorder:${row.id}`,
        `equipment:${row.equipmentId}`,
        ...technicianIds.map((id) => `technician:${id}` as const),
      ],
      scope: { kind: 'workOrder', technicianIds, requesterId: row.requesterId },
    },
  };
}

/** `technician:schedule_update` for one booking of one technician. */
export function scheduleEvent(technicianId: string, change: ScheduleChange, row: WorkOrderRow): NewDomainEvent {
  return {
    name: 'technician:schedule_update',
    payload: {
      technicianId,
      schedule: {
        change,
        workOrderId: row.id,
        workOrderNumber: row.workOrderNumber,
        title: row.title,
        status: row.status,
        priority: row.priority,
        scheduledStartTime: isoOrNull(row.scheduledStartTime),
        scheduledEndTime: isoOrNull(row.scheduledEndTime),
      },
      timestamp: new Date().toISOString(),
    },
    audience: { rooms: ['technicians:schedule', `technician:${technicianId}`], scope: { kind: 'technician', technicianId } },
  };
}

/**
 * Records the events of a work-order change in the open transaction (as its last step), with
 * the notifications the brief asks for: assignment to the technician; status changes to the
 * assigned technician, the equipment's owner and its maintenance manager.
 */
@Injectable()
export class WorkOrderEvents {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly notifications: NotificationsService,
    private readonly equipment: EquipmentRepository,
  ) {}

  async created(organizationId: string, row: WorkOrderRow): Promise<void> {
    await this.outbox.record(organizationId, [workOrderEvent('created', row)]);
  }

  async updated(principal: Principal, row: WorkOrderRow, changedFields: string[]): Promise<void> {
    if (changedFields.length === 0) return;
    await this.outbox.record(principal.organizationId, [workOrderEvent('updated', row, { changedFields })]);
  }

  async deleted(principal: Principal, row: WorkOrderRow): Promise<void> {
    const events = [workOrderEvent('deleted', row)];
    if (row.technicianId) events.push(scheduleEvent(row.technicianId, 'unassigned', row));
    await this.outbox.record(principal.organizationId, events);
  }

  async assigned(principal: Principal, before: WorkOrderRow, after: WorkOrderRow, technicianName: string): Promise<void> {
    const org = principal.organizationId;
    const previous = before.technicianId;
    const events: NewDomainEvent[] = [
      workOrderEvent('assigned', after, { previousTechnicianId: previous, technicianName }, previous),
      scheduleEvent(after.technicianId!, previous === after.technicianId ? 'rescheduled' : 'assigned', after),
    ];
    if (previous && previous !== after.technicianId) events.push(scheduleEvent(previous, 'unassigned', after));
    if (before.status !== after.status)
      events.push(workOrderEvent('status_change', after, { oldStatus: before.status, newStatus: after.status }));
    const when = after.scheduledStartTime ? ` for ${after.scheduledStartTime.toISOString()}` : '';
    events.push(
      ...(await this.notifications.notify(
        org,
        await this.notifications.usersOfTechnicians(org, [after.technicianId]),
        {
          type: 'work_order_assigned',
          title: previous === after.technicianId ? 'Work order rescheduled' : 'New work order assigned',
          message: `You have been assigned work order #${after.workOrderNumber}: ${after.title}${when}`,
          data: {
            workOrderNumber: after.workOrderNumber,
            equipmentId: after.equipmentId,
            priority: after.priority,
            dueDate: isoOrNull(after.dueDate),
            scheduledStartTime: isoOrNull(after.scheduledStartTime),
            scheduledEndTime: isoOrNull(after.scheduledEndTime),
          },
          workOrderId: after.id,
          equipmentId: after.equipmentId,
        },
        principal.userId,
      )),
    );
    await this.outbox.record(org, events);
  }

  async statusChanged(principal: Principal, before: WorkOrderRow, after: WorkOrderRow): Promise<void> {
    const org = principal.organizationId;
    // Back to OPEN takes the booking away: the technician who had it still hears of the change.
    const released = before.technicianId && before.technicianId !== after.technicianId ? before.technicianId : null;
    const events: NewDomainEvent[] = [
      workOrderEvent(
        'status_change',
        after,
        { oldStatus: before.status, newStatus: after.status, previousTechnicianId: before.technicianId },
        released,
      ),
    ];
    if (after.technicianId) events.push(scheduleEvent(after.technicianId, 'status_change', after));
    if (released) events.push(scheduleEvent(released, 'unassigned', after));
    const equipment = await this.equipment.find(org, after.equipmentId);
    const recipients = [
      ...(await this.notifications.usersOfTechnicians(org, [after.technicianId, released])),
      equipment?.ownerId,
      equipment?.maintenanceManagerId,
    ];
    events.push(
      ...(await this.notifications.notify(
        org,
        recipients,
        {
          type: 'work_order_status_change',
          title: `Work order status changed to ${after.status}`,
          message: `Work order #${after.workOrderNumber} status changed from ${before.status} to ${after.status}`,
          data: {
            workOrderNumber: after.workOrderNumber,
            oldStatus: before.status,
            newStatus: after.status,
            equipmentName: equipment?.name ?? null,
          },
          workOrderId: after.id,
          equipmentId: after.equipmentId,
        },
        principal.userId,
      )),
    );
    await this.outbox.record(org, events);
  }
}
