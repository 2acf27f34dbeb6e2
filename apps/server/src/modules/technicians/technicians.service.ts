import type { CreateTechnician, Paged, Technician, TechnicianAvailability, TechnicianListQuery, UpdateTechnician } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { canSeeTechnician } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, changesNothing } from '../../platform/http/concurrency';
import { lostRace } from '../work-orders/concurrent-edit';
import { definedOnly, iso } from '../../platform/http/mapping';
import type { NewDomainEvent } from '../../platform/events/domain-event';
import { EventOutbox } from '../../platform/events/outbox';
import { type AvailabilityRow, type ExceptionRow, type TechnicianRow, TechniciansRepository } from './technicians.repository';

export const toTechnician = (row: TechnicianRow): Technician => ({
  id: row.id,
  employeeId: row.employeeId,
  firstName: row.firstName,
  lastName: row.lastName,
  email: row.email,
  phone: row.phone,
  skills: row.skills,
  hourlyRate: row.hourlyRate,
  homeLocationId: row.homeLocationId,
  active: row.active,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const toAvailability = (technicianId: string, availability: AvailabilityRow, exceptions: ExceptionRow[]) => ({
  technicianId,
  timezone: availability.timezone,
  weeklyPattern: availability.weeklyPattern,
  exceptions: exceptions.map((exception) => ({
    start: iso(exception.startsAt),
    end: iso(exception.endsAt),
    available: exception.available,
    overtime: exception.overtime,
    reason: exception.reason,
  })),
  version: availability.version,
});

/** `technician:update` to the staff feeds and the technician's own room. */
export function technicianEvent(eventType: 'created' | 'updated' | 'availability_changed', row: TechnicianRow): NewDomainEvent {
  return {
    name: 'technician:update',
    payload: {
      eventType,
      technicianId: row.id,
      data: { employeeId: row.employeeId, firstName: row.firstName, lastName: row.lastName, active: row.active, version: row.version },
      timestamp: new Date().toISOString(),
    },
    audience: {
      rooms: ['technicians:all', 'technicians:updates', `technician:${row.id}`],
      scope: { kind: 'technician', technicianId: row.id },
    },
  };
}

const duplicateEmployeeId = (employeeId: string) =>
  onUniqueViolation(() => new AppError(ErrorCode.Duplicate, `Employee id ${employeeId} is already used in your organization`));

@Injectable()
export class TechniciansService {
  constructor(
    private readonly database: Database,
    private readonly technicians: TechniciansRepository,
    private readonly outbox: EventOutbox,
  ) {}

  async list(principal: Principal, query: TechnicianListQuery): Promise<Paged<Technician>> {
    const { rows, total } = await this.technicians.list(principal.organizationId, query);
    return { data: rows.map(toTechnician), total, page: query.page, limit: query.limit };
  }

  async get(principal: Principal, id: string): Promise<Technician> {
    return toTechnician(await this.requireVisible(principal, id));
  }

  async create(principal: Principal, input: CreateTechnician): Promise<Technician> {
    await this.assertLocation(principal, input.homeLocationId);
    const row = await this.database
      .transaction(async () => {
        const created = await this.technicians.insert({ ...input, organizationId: principal.organizationId });
        await this.outbox.record(principal.organizationId, [technicianEvent('created', created)]);
        return created;
      })
      .catch(duplicateEmployeeId(input.employeeId));
    return toTechnician(row);
  }

  async update(
    principal: Principal,
    id: string,
    input: UpdateTechnician,
    expectedVersion?: number | readonly number[],
  ): Promise<Technician> {
    await this.assertLocation(principal, input.homeLocationId);
    return this.database.transaction(async () => {
      const current = await this.requireVisible(principal, id);
      assertVersion(expectedVersion, current.version, 'This technician');
      const changes = definedOnly(input);
      if (changesNothing(current, changes)) return toTechnician(current);
      const updated = await this.technicians
        .update(principal.organizationId, id, current.version, changes)
        .catch(duplicateEmployeeId(input.employeeId ?? current.employeeId));
      if (!updated) throw lostRace('This technician', expectedVersion);
      await this.outbox.record(principal.organizationId, [technicianEvent('updated', updated)]);
      return toTechnician(updated);
    });
  }

  async getAvailability(principal: Principal, id: string) {
    await this.requireVisible(principal, id);
    const found = await this.technicians.findAvailability(id);
    if (!found) throw AppError.notFound('Availability');
    return toAvailability(id, found.availability, found.exceptions);
  }

  async replaceAvailability(principal: Principal, id: string, input: TechnicianAvailability, expectedVersion?: number | readonly number[]) {
    return this.database.transaction(async () => {
      // Locked: a publish booking this technician reads their calendar under its own lock.
      const technician = await this.requireVisible(principal, id, { lock: 'share' });
      const found = await this.technicians.findAvailability(id);
      if (!found) throw AppError.notFound('Availability');
      assertVersion(expectedVersion, found.availability.version, 'This availability');
      const exceptions = input.exceptions.map((exception) => ({
        startsAt: new Date(exception.start),
        endsAt: new Date(exception.end),
        available: exception.available,
        overtime: exception.overtime,
        reason: exception.reason ?? null,
      }));
      const updated = await this.technicians.replaceAvailability(
        principal.organizationId,
        id,
        found.availability.version,
        { timezone: input.timezone, weeklyPattern: input.weeklyPattern },
        exceptions,
      );
      if (!updated) throw lostRace('This availability', expectedVersion);
      const saved = await this.technicians.findAvailability(id);
      await this.outbox.record(principal.organizationId, [technicianEvent('availability_changed', technician)]);
      return toAvailability(id, updated, saved?.exceptions ?? []);
    });
  }

  /** Another organization's technician, or (for a technician) a colleague's record, is not found. */
  private async requireVisible(principal: Principal, id: string, options: { lock?: 'share' } = {}): Promise<TechnicianRow> {
    const row = await this.technicians.find(principal.organizationId, id, options);
    // The stored id, not the one asked for: a technician's own record is theirs whatever the case typed.
    if (!row || !canSeeTechnician(principal, row.id)) throw AppError.notFound('Technician');
    return row;
  }

  private async assertLocation(principal: Principal, locationId: string | null | undefined) {
    if (locationId && !(await this.technicians.locationExists(principal.organizationId, locationId))) {
      throw AppError.validation([{ path: 'homeLocationId', message: 'no such location in your organization' }]);
    }
  }
}
