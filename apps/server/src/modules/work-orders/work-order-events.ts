import type { Room, WorkOrderEventData, WorkOrderEventType } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import type { NewDomainEvent } from '../../platform/events/domain-event';
import { EventOutbox } from '../../platform/events/outbox';
import { isoOrNull } from '../../platform/http/mapping';
import { EquipmentRepository } from '../equipment/equipment.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { bookedTechnicians } from '../../platform/auth/access-policy';
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
    crewTechnicianIds: row.crewTechnicianIds,
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

/** What a change took the work order away from: whoever watched those hears of it too. */
export interface WorkOrderLeft {
  technicianIds?: readonly string[];
  equipmentId?: string;
}

/**
 * `workorder:update` to the organization feeds, the work order's own room, its equipment's room
 * (and the one it was moved from), its technicians' rooms and its requester's user room; seen by
 * staff, its technician and crew (also those it was taken from), and its requester.
 */
export function workOrderEvent(
  eventType: WorkOrderEventType,
  row: WorkOrderRow,
  extra: Partial<WorkOrderEventData> = {},
  left: WorkOrderLeft = {},
): NewDomainEvent {
  const technicianIds = [...new Set([...bookedTechnicians(row), ...(left.technicianIds ?? [])])];
  const equipmentIds = [...new Set([row.equipmentId, ...(left.equipmentId ? [left.equipmentId] : [])])];
  return {
    name: 'workorder:update',
    payload: { eventType, workOrderId: row.id, data: workOrderEventData(row, extra), timestamp: new Date().toISOString() },
    audience: {
      rooms: [
        'workorders:all',
        'workorders:updates',
        FEED_ROOM[eventType],
        `workorder:${row.id}`,
        ...equipmentIds.map((id) => `equipment:${id}` as const),
        ...technicianIds.map((id) => `technician:${id}` as const),
        // The requester follows their requests without joining anything: every socket is in its user's room.
        ...(row.requesterId ? [`user:${row.requesterId}` as const] : []),
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

  /** `before` when the change may have moved it to other equipment. */
  async updated(principal: Principal, row: WorkOrderRow, changedFields: string[], before?: WorkOrderRow): Promise<void> {
    if (changedFields.length === 0) return;
    await this.outbox.record(principal.organizationId, [
      workOrderEvent('updated', row, { changedFields }, { equipmentId: before?.equipmentId }),
    ]);
  }

  async deleted(principal: Principal, row: WorkOrderRow): Promise<void> {
    const events = [workOrderEvent('deleted', row), ...bookedTechnicians(row).map((id) => scheduleEvent(id, 'unassigned', row))];
    await this.outbox.record(principal.organizationId, events);
  }

  /** Everyone booked hears of it: the technician and crew now, and whoever the change took off it. */
  async assigned(principal: Principal, before: WorkOrderRow, after: WorkOrderRow, technicianName: string): Promise<void> {
    const org = principal.organizationId;
    const previous = bookedTechnicians(before);
    const now = bookedTechnicians(after);
    const kept = now.filter((id) => previous.includes(id));
    const added = now.filter((id) => !previous.includes(id));
    const events: NewDomainEvent[] = [
      workOrderEvent('assigned', after, { previousTechnicianId: before.technicianId, technicianName }, { technicianIds: previous }),
      ...now.map((id) => scheduleEvent(id, kept.includes(id) ? 'rescheduled' : 'assigned', after)),
      ...previous.filter((id) => !now.includes(id)).map((id) => scheduleEvent(id, 'unassigned', after)),
    ];
    if (before.status !== after.status)
      events.push(workOrderEvent('status_change', after, { oldStatus: before.status, newStatus: after.status }));
    // As people read it there, not an ISO instant.
    const when = after.scheduledStartTime ? ` for ${await this.notifications.readableTime(org, after.scheduledStartTime)}` : '';
    const data = {
      workOrderNumber: after.workOrderNumber,
      equipmentId: after.equipmentId,
      priority: after.priority,
      dueDate: isoOrNull(after.dueDate),
      scheduledStartTime: isoOrNull(after.scheduledStartTime),
      scheduledEndTime: isoOrNull(after.scheduledEndTime),
    };
    for (const [technicians, title] of [
      [added, 'New work order assigned'],
      [kept, 'Work order rescheduled'],
    ] as const) {
      if (technicians.length === 0) continue;
      events.push(
        ...(await this.notifications.notify(
          org,
          await this.notifications.usersOfTechnicians(org, technicians),
          {
            type: 'work_order_assigned',
            title,
            message: `You have been assigned work order #${after.workOrderNumber}: ${after.title}${when}`,
            data,
            workOrderId: after.id,
            equipmentId: after.equipmentId,
          },
          principal.userId,
        )),
      );
    }
    await this.outbox.record(org, events);
  }

  async statusChanged(principal: Principal, before: WorkOrderRow, after: WorkOrderRow): Promise<void> {
    const org = principal.organizationId;
    // Back to OPEN takes the booking away: the technician and crew who had it still hear of the change.
    const booked = bookedTechnicians(after);
    const released = bookedTechnicians(before).filter((id) => !booked.includes(id));
    const events: NewDomainEvent[] = [
      workOrderEvent(
        'status_change',
        after,
        { oldStatus: before.status, newStatus: after.status, previousTechnicianId: before.technicianId },
        { technicianIds: released },
      ),
      ...booked.map((id) => scheduleEvent(id, 'status_change', after)),
      ...released.map((id) => scheduleEvent(id, 'unassigned', after)),
    ];
    const equipment = await this.equipment.find(org, after.equipmentId);
    const recipients = [
      ...(await this.notifications.usersOfTechnicians(org, [...booked, ...released])),
      ...(await this.notifications.mayNotifyAbout(org, [equipment?.ownerId, equipment?.maintenanceManagerId], after)),
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
