import type {
  CreateLocation,
  Location,
  LocationListQuery,
  Paged,
  SiteTravelTimes,
  SiteTravelTimesState,
  UpdateLocation,
} from '@msched/contracts';
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
      // No longer a site: its travel times go, as they would with the site (they could not be saved again).
      if (current.kind === 'SITE' && updated.kind !== 'SITE') await this.dropTravelTimesOf(principal.organizationId, id);
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
      // The pairs would go with the site anyway (cascade); dropped here, the set's version moves on.
      if (current.kind === 'SITE') await this.dropTravelTimesOf(principal.organizationId, id);
      if (!(await this.locations.delete(principal.organizationId, id, current.version))) throw lostRace('This location', expectedVersion);
    });
  }

  /** The minutes between the organization's sites, each pair once, and their version. */
  async travelTimes(principal: Principal): Promise<SiteTravelTimesState> {
    // The version first: read after the pairs, a replacement committed in between would pass
    // off the older pairs as the newer version, and a save of them would not be refused.
    const version = await this.locations.travelTimesVersion(principal.organizationId);
    const rows = await this.locations.travelTimes(principal.organizationId);
    return { version, travelTimes: rows.map((row) => ({ fromSiteId: row.siteAId, toSiteId: row.siteBId, minutes: row.minutes })) };
  }

  /**
   * Replaces every travel time; each end must be a site (a SITE location) of the organization.
   * `expectedVersion` (If-Match): refused when the set has changed since. The same set again
   * keeps its version (every other editor's If-Match stays good).
   */
  async replaceTravelTimes(
    principal: Principal,
    input: SiteTravelTimes,
    expectedVersion?: number | readonly number[],
  ): Promise<SiteTravelTimesState> {
    return this.database.transaction(async () => {
      // Two replacements at once would each delete, then collide on the pairs they both insert.
      await this.lockTravelTimes(principal.organizationId);
      assertVersion(expectedVersion, await this.locations.travelTimesVersion(principal.organizationId), 'The travel times');
      const named = input.travelTimes.flatMap((pair) => [pair.fromSiteId, pair.toSiteId].map((id) => id.toLowerCase()));
      const sites = await this.locations.siteIdsAmong(principal.organizationId, [...new Set(named)]);
      const refused = input.travelTimes.flatMap((pair, index) =>
        (['fromSiteId', 'toSiteId'] as const)
          .filter((end) => !sites.has(pair[end].toLowerCase()))
          .map((end) => ({ path: `travelTimes.${index}.${end}`, message: 'no such site in your organization' })),
      );
      if (refused.length > 0) throw AppError.validation(refused);
      const pairs = input.travelTimes.map((pair) => {
        const [siteAId, siteBId] = [pair.fromSiteId.toLowerCase(), pair.toSiteId.toLowerCase()].sort() as [string, string];
        return { siteAId, siteBId, minutes: pair.minutes };
      });
      const current = await this.locations.travelTimes(principal.organizationId);
      if (samePairs(current, pairs)) return this.travelTimes(principal);
      await this.locations.replaceTravelTimes(principal.organizationId, pairs);
      await this.locations.bumpTravelTimesVersion(principal.organizationId);
      return this.travelTimes(principal);
    });
  }

  /** Held by whatever changes the set of travel times, until its transaction ends. */
  private lockTravelTimes(organizationId: string): Promise<void> {
    return this.database.lockForTransaction(`site-travel:${organizationId}`);
  }

  /** A site going (deleted, or no longer a site) takes its pairs with it: a new version of the set. */
  private async dropTravelTimesOf(organizationId: string, siteId: string): Promise<void> {
    await this.lockTravelTimes(organizationId);
    if (await this.locations.dropTravelTimesOf(organizationId, siteId)) await this.locations.bumpTravelTimesVersion(organizationId);
  }

  private async require(principal: Principal, id: string, field?: string): Promise<LocationRow> {
    const row = await this.locations.find(principal.organizationId, id);
    if (row) return row;
    if (field) throw AppError.validation([{ path: field, message: 'no such location in your organization' }]);
    throw AppError.notFound('Location');
  }
}

/** The same pairs and minutes, whatever the order (both sides name each pair lower id first). */
function samePairs(
  a: readonly { siteAId: string; siteBId: string; minutes: number }[],
  b: readonly { siteAId: string; siteBId: string; minutes: number }[],
): boolean {
  const key = (pair: { siteAId: string; siteBId: string; minutes: number }) => `${pair.siteAId}|${pair.siteBId}|${pair.minutes}`;
  const theirs = new Set(b.map(key));
  return a.length === b.length && theirs.size === b.length && a.every((pair) => theirs.has(key(pair)));
}
