import type { CreateEquipment, Equipment, EquipmentListQuery, Paged, UpdateEquipment } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { AppError, ErrorCode, type FieldError } from '../../platform/http/app-error';
import { assertVersion, changesNothing, sameValue } from '../../platform/http/concurrency';
import { dateOrNull, definedOnly, iso, isoOrNull } from '../../platform/http/mapping';
import { lostRace } from '../work-orders/concurrent-edit';
import { type EquipmentRow, EquipmentRepository } from './equipment.repository';
import type { NewDomainEvent } from '../../platform/events/domain-event';
import { EventOutbox } from '../../platform/events/outbox';
import { NotificationsService } from '../notifications/notifications.service';
import { WorkOrdersService } from '../work-orders/work-orders.service';

export const toEquipment = (row: EquipmentRow): Equipment => ({
  id: row.id,
  equipmentNumber: row.equipmentNumber,
  name: row.name,
  type: row.type,
  criticality: row.criticality,
  status: row.status,
  locationId: row.locationId,
  parentId: row.parentId,
  ownerId: row.ownerId,
  maintenanceManagerId: row.maintenanceManagerId,
  manufacturer: row.manufacturer,
  model: row.model,
  serialNumber: row.serialNumber,
  installDate: isoOrNull(row.installDate),
  description: row.description,
  maintenanceWindows: row.maintenanceWindows ?? null,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

type EquipmentEventType = 'created' | 'updated' | 'deleted' | 'status_change';

/** `equipment:update` to the equipment feeds and its own room; every role may read equipment. */
export function equipmentEvent(eventType: EquipmentEventType, row: EquipmentRow, oldStatus?: EquipmentRow['status']): NewDomainEvent {
  return {
    name: 'equipment:update',
    payload: {
      eventType,
      equipmentId: row.id,
      data: {
        equipmentNumber: row.equipmentNumber,
        name: row.name,
        status: row.status,
        version: row.version,
        ...(oldStatus ? { oldStatus, newStatus: row.status } : {}),
      },
      timestamp: new Date().toISOString(),
    },
    audience: {
      rooms: [
        'equipment:all',
        'equipment:updates',
        ...(eventType === 'status_change' ? (['equipment:status'] as const) : []),
        `equipment:${row.id}`,
      ],
      scope: { kind: 'organization' },
    },
  };
}

@Injectable()
export class EquipmentService {
  constructor(
    private readonly database: Database,
    private readonly equipment: EquipmentRepository,
    private readonly outbox: EventOutbox,
    private readonly notifications: NotificationsService,
    private readonly workOrders: WorkOrdersService,
  ) {}

  async list(principal: Principal, query: EquipmentListQuery): Promise<Paged<Equipment>> {
    const { rows, total } = await this.equipment.list(principal.organizationId, query);
    return { data: rows.map(toEquipment), total, page: query.page, limit: query.limit };
  }

  async get(principal: Principal, id: string): Promise<Equipment> {
    return toEquipment(await this.require(principal, id));
  }

  async create(principal: Principal, input: CreateEquipment): Promise<Equipment> {
    await this.assertReferences(principal, input);
    const row = await this.database
      .transaction(async () => {
        const created = await this.equipment.insert({
          ...input,
          installDate: dateOrNull(input.installDate),
          organizationId: principal.organizationId,
        });
        await this.outbox.record(principal.organizationId, [equipmentEvent('created', created)]);
        return created;
      })
      .catch(duplicateNumber(input.equipmentNumber));
    return toEquipment(row);
  }

  async update(principal: Principal, id: string, input: UpdateEquipment, expectedVersion?: number | readonly number[]): Promise<Equipment> {
    return this.database.transaction(async () => {
      // Two moves checked at once could each see no cycle and both commit one (A under B, B under A).
      if (input.parentId) await this.database.lockForTransaction(`equipment-tree:${principal.organizationId}`);
      // Locked when its windows change: no booking on it (which takes this lock) is checked meanwhile.
      const newWindows = input.maintenanceWindows !== undefined;
      const current = await this.require(principal, id, { lock: newWindows });
      assertVersion(expectedVersion, current.version, 'This equipment');
      await this.assertReferences(principal, input);
      if (newWindows && !sameValue(current.maintenanceWindows, input.maintenanceWindows)) {
        // Downtime work booked on it must still fit: move or unbook it first.
        const outside = await this.workOrders.downtimeOutside(principal, id, input.maintenanceWindows ?? null);
        if (outside.length > 0)
          throw new AppError(
            ErrorCode.ScheduleConflict,
            `${outside.map((entry) => entry.workOrderNumber).join(', ')} ${outside.length > 1 ? 'are' : 'is'} booked to have it down outside these maintenance windows: move or unbook ${outside.length > 1 ? 'them' : 'it'} first`,
            { extensions: { conflicts: { maintenanceWindows: outside } } },
          );
      }
      if (input.parentId && (await this.equipment.ancestors(principal.organizationId, input.parentId)).includes(id)) {
        throw AppError.validation([{ path: 'parentId', message: 'equipment cannot be part of itself' }]);
      }
      const changes = definedOnly({ ...input, installDate: input.installDate === undefined ? undefined : dateOrNull(input.installDate) });
      if (changesNothing(current, changes)) return toEquipment(current);
      const updated = await this.equipment
        .update(principal.organizationId, id, current.version, changes)
        .catch(duplicateNumber(input.equipmentNumber ?? current.equipmentNumber));
      if (!updated) throw lostRace('This equipment', expectedVersion);
      await this.recordUpdate(principal, current, updated);
      return toEquipment(updated);
    });
  }

  /**
   * Only equipment nothing refers to is deleted; anything else is retired instead. Deleting
   * would take its meters, readings and sensors with it and leave PM plans pointing at nothing.
   * Locked first: a meter or sensor added meanwhile waits, and then finds no equipment.
   */
  async remove(principal: Principal, id: string, expectedVersion?: number | readonly number[]): Promise<void> {
    await this.database.transaction(async () => {
      const current = await this.require(principal, id, { lock: true });
      assertVersion(expectedVersion, current.version, 'This equipment');
      const usage = await this.equipment.usage(principal.organizationId, id);
      if (Object.values(usage).some((count) => count > 0)) {
        throw new AppError(
          ErrorCode.InUse,
          `This equipment has ${usage.workOrders} work order(s) and ${usage.children} sub-component(s), ${usage.meters} meter(s) and ` +
            `${usage.sensors} sensor(s), and is in ${usage.pmPlans} PM plan(s); set its status to RETIRED to keep its history`,
          { extensions: { usage } },
        );
      }
      if (!(await this.equipment.delete(principal.organizationId, id, current.version))) throw lostRace('This equipment', expectedVersion);
      await this.outbox.record(principal.organizationId, [equipmentEvent('deleted', current)]);
    });
  }

  /** A status change notifies the owner and the maintenance manager (not the person who made it). */
  private async recordUpdate(principal: Principal, before: EquipmentRow, after: EquipmentRow): Promise<void> {
    if (before.status === after.status) {
      await this.outbox.record(principal.organizationId, [equipmentEvent('updated', after)]);
      return;
    }
    const notifications = await this.notifications.notify(
      principal.organizationId,
      [after.ownerId, after.maintenanceManagerId],
      {
        type: 'equipment_status_change',
        title: `Equipment status changed to ${after.status}`,
        message: `Equipment ${after.name} (${after.equipmentNumber}) status changed from ${before.status} to ${after.status}`,
        data: { equipmentName: after.name, equipmentNumber: after.equipmentNumber, oldStatus: before.status, newStatus: after.status },
        equipmentId: after.id,
      },
      principal.userId,
    );
    await this.outbox.record(principal.organizationId, [equipmentEvent('status_change', after, before.status), ...notifications]);
  }

  private async require(principal: Principal, id: string, options: { lock?: boolean } = {}): Promise<EquipmentRow> {
    const row = await this.equipment.find(principal.organizationId, id, options);
    if (!row) throw AppError.notFound('Equipment');
    return row;
  }

  /** Referenced objects must exist in the caller's organization. */
  private async assertReferences(principal: Principal, input: UpdateEquipment): Promise<void> {
    const org = principal.organizationId;
    const errors: FieldError[] = [];
    if (input.locationId && !(await this.equipment.locationExists(org, input.locationId))) {
      errors.push({ path: 'locationId', message: 'no such location in your organization' });
    }
    if (input.parentId && !(await this.equipment.find(org, input.parentId))) {
      errors.push({ path: 'parentId', message: 'no such equipment in your organization' });
    }
    for (const field of ['ownerId', 'maintenanceManagerId'] as const) {
      const userId = input[field];
      if (userId && !(await this.equipment.userExists(org, userId)))
        errors.push({ path: field, message: 'no such user in your organization' });
    }
    if (errors.length > 0) throw AppError.validation(errors);
  }
}

const duplicateNumber = (equipmentNumber: string) =>
  onUniqueViolation(() => new AppError(ErrorCode.Duplicate, `Equipment number ${equipmentNumber} is already used in your organization`));
