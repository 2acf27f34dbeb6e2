import type { LocationListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { equipment, locations, parts, siteTravelTimes, siteTravelVersions, technicians } from '../../platform/db/schema';

export type LocationRow = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;

@Injectable()
export class LocationsRepository {
  constructor(private readonly database: Database) {}

  async list(organizationId: string, query: LocationListQuery): Promise<{ rows: LocationRow[]; total: number }> {
    const conditions: SQL[] = [eq(locations.organizationId, organizationId)];
    if (query.parentId) conditions.push(eq(locations.parentId, query.parentId));
    const where = and(...conditions);
    return selectPage(this.database.executor, locations, where, [asc(locations.name), asc(locations.id)], query.page, query.limit);
  }

  async find(organizationId: string, id: string): Promise<LocationRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(locations)
      .where(and(eq(locations.organizationId, organizationId), eq(locations.id, id)));
    return row;
  }

  async insert(values: NewLocation): Promise<LocationRow> {
    const [row] = await this.database.executor.insert(locations).values(values).returning();
    return row!;
  }

  async update(organizationId: string, id: string, expectedVersion: number, changes: Partial<NewLocation>) {
    const [row] = await this.database.executor
      .update(locations)
      .set({ ...changes, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(locations.organizationId, organizationId), eq(locations.id, id), eq(locations.version, expectedVersion)))
      .returning();
    return row;
  }

  async delete(organizationId: string, id: string, expectedVersion: number): Promise<boolean> {
    const deleted = await this.database.executor
      .delete(locations)
      .where(and(eq(locations.organizationId, organizationId), eq(locations.id, id), eq(locations.version, expectedVersion)))
      .returning({ id: locations.id });
    return deleted.length === 1;
  }

  /** How many records still point at a location (children, equipment, parts, technicians). */
  async referenceCount(id: string): Promise<number> {
    const executor = this.database.executor;
    // One after the other: inside a transaction they share one connection.
    const counts = [
      await executor.select({ n: count() }).from(locations).where(eq(locations.parentId, id)),
      await executor.select({ n: count() }).from(equipment).where(eq(equipment.locationId, id)),
      await executor.select({ n: count() }).from(parts).where(eq(parts.locationId, id)),
      await executor.select({ n: count() }).from(technicians).where(eq(technicians.homeLocationId, id)),
    ];
    return counts.reduce((sum, [row]) => sum + Number(row?.n ?? 0), 0);
  }

  /** Ancestor ids of a location, nearest first (for cycle checks). */
  async ancestors(organizationId: string, id: string): Promise<string[]> {
    const seen: string[] = [];
    let current: string | null = id;
    while (current && seen.length < 100) {
      const row: LocationRow | undefined = await this.find(organizationId, current);
      if (!row) break;
      seen.push(row.id);
      current = row.parentId;
    }
    return seen;
  }

  /** The ids among `ids` that are sites of the organization. */
  async siteIdsAmong(organizationId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.database.executor
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.organizationId, organizationId), eq(locations.kind, 'SITE'), inArray(locations.id, [...ids])));
    return new Set(rows.map((row) => row.id));
  }

  /** Every pair's minutes, each pair once (the lower id first). */
  travelTimes(organizationId: string): Promise<{ siteAId: string; siteBId: string; minutes: number }[]> {
    return this.database.executor
      .select({ siteAId: siteTravelTimes.siteAId, siteBId: siteTravelTimes.siteBId, minutes: siteTravelTimes.minutes })
      .from(siteTravelTimes)
      .where(eq(siteTravelTimes.organizationId, organizationId))
      .orderBy(asc(siteTravelTimes.siteAId), asc(siteTravelTimes.siteBId));
  }

  /** Replaces every pair of the organization (inside the caller's transaction). */
  async replaceTravelTimes(organizationId: string, pairs: readonly { siteAId: string; siteBId: string; minutes: number }[]): Promise<void> {
    await this.database.executor.delete(siteTravelTimes).where(eq(siteTravelTimes.organizationId, organizationId));
    if (pairs.length > 0) await this.database.executor.insert(siteTravelTimes).values(pairs.map((pair) => ({ organizationId, ...pair })));
  }

  /** Removes every pair with this site; whether there were any. */
  async dropTravelTimesOf(organizationId: string, siteId: string): Promise<boolean> {
    const dropped = await this.database.executor
      .delete(siteTravelTimes)
      .where(
        and(
          eq(siteTravelTimes.organizationId, organizationId),
          or(eq(siteTravelTimes.siteAId, siteId), eq(siteTravelTimes.siteBId, siteId)),
        ),
      )
      .returning({ siteAId: siteTravelTimes.siteAId });
    return dropped.length > 0;
  }

  /** The version of the organization's travel times (1 before their first change). */
  async travelTimesVersion(organizationId: string): Promise<number> {
    const [row] = await this.database.executor
      .select({ version: siteTravelVersions.version })
      .from(siteTravelVersions)
      .where(eq(siteTravelVersions.organizationId, organizationId));
    return row?.version ?? 1;
  }

  /** Moves the version of the organization's travel times on by one; the new version. */
  async bumpTravelTimesVersion(organizationId: string): Promise<number> {
    const [row] = await this.database.executor
      .insert(siteTravelVersions)
      .values({ organizationId, version: 2 })
      .onConflictDoUpdate({ target: siteTravelVersions.organizationId, set: { version: sql`${siteTravelVersions.version} + 1` } })
      .returning({ version: siteTravelVersions.version });
    if (!row) throw new Error('the upsert of a travel-times version returned no row');
    return row.version;
  }
}
