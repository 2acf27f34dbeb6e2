import type { CreateLocation, Location, LocationListQuery, Paged, UpdateLocation } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, changesNothing } from '../../platform/http/concurrency';
import { definedOnly, iso } from '../../platform/http/mapping';
import { lostRace } from '../work-orders/concurrent-edit';
import { type LocationRow, LocationsRepository } from './locations.repository';

const toLocation = (row: LocationRow): Location => ({
  id: row.id,
  name: row.name,
  code: row.code,
  kind: row.kind,
  parentId: row.parentId,
  description: row.description,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

@Injectable()
export class LocationsService {
  constructor(
    private readonly database: Database,
    private readonly locations: LocationsRepository,
  ) {}

  async list(principal: Principal, query: LocationListQuery): Promise<Paged<Location>> {
    const { rows, total } = await this.locations.list(principal.organizationId, query);
    return { data: rows.map(toLocation), total, page: query.page, limit: query.limit };
  }

  async get(principal: Principal, id: string): Promise<Location> {
    return toLocation(await this.require(principal, id));
  }

  async create(principal: Principal, input: CreateLocation): Promise<Location> {
    if (input.parentId) await this.require(principal, input.parentId, 'parentId');
    return toLocation(await this.locations.insert({ ...input, organizationId: principal.organizationId }));
  }

  async update(principal: Principal, id: string, input: UpdateLocation, expectedVersion?: number | readonly number[]): Promise<Location> {
    return this.database.transaction(async () => {
      // Two moves checked at once could each see no cycle and both commit one (A in B, B in A).
      if (input.parentId) await this.database.lockForTransaction(`location-tree:${principal.organizationId}`);
      const current = await this.require(principal, id);
      assertVersion(expectedVersion, current.version, 'This location');
      if (input.parentId) {
        await this.require(principal, input.parentId, 'parentId');
        const chain = await this.locations.ancestors(principal.organizationId, input.parentId);
        if (chain.includes(id)) throw AppError.validation([{ path: 'parentId', message: 'a location cannot be inside itself' }]);
      }
      const changes = definedOnly(input);
      if (changesNothing(current, changes)) return toLocation(current);
      const updated = await this.locations.update(principal.organizationId, id, current.version, changes);
      if (!updated) throw lostRace('This location', expectedVersion);
      return toLocation(updated);
    });
  }

  async remove(principal: Principal, id: string, expectedVersion?: number | readonly number[]): Promise<void> {
    await this.database.transaction(async () => {
      const current = await this.require(principal, id);
      assertVersion(expectedVersion, current.version, 'This location');
      const references = await this.locations.referenceCount(id);
      if (references > 0) {
        throw new AppError(
          ErrorCode.InUse,
          `This location is still used by ${references} record(s) (sub-locations, equipment, parts or technicians)`,
        );
      }
      if (!(await this.locations.delete(principal.organizationId, id, current.version))) throw lostRace('This location', expectedVersion);
    });
  }

  private async require(principal: Principal, id: string, field?: string): Promise<LocationRow> {
    const row = await this.locations.find(principal.organizationId, id);
    if (row) return row;
    if (field) throw AppError.validation([{ path: field, message: 'no such location in your organization' }]);
    throw AppError.notFound('Location');
  }
}
