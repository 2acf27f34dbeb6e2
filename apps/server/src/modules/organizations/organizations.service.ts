import type { Organization, UpdateOrganization } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { organizations } from '../../platform/db/schema';
import { AppError } from '../../platform/http/app-error';
import { assertVersion, changesNothing, concurrentChange } from '../../platform/http/concurrency';
import { definedOnly, iso } from '../../platform/http/mapping';

type OrganizationRow = typeof organizations.$inferSelect;

const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  timezone: row.timezone,
  currency: row.currency,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

/** The caller's own organization: everyone reads it, admins change its settings (the route permission). */
@Injectable()
export class OrganizationsService {
  constructor(private readonly database: Database) {}

  async get(principal: Principal): Promise<Organization> {
    return toOrganization(await this.require(principal));
  }

  /**
   * Applies the changed settings if the version is still the one read (If-Match) and no one
   * changed them meanwhile (a compare-and-set: no row lock is held, so the work-order and event
   * counters on the same row are never kept waiting by an admin's edit).
   */
  async update(principal: Principal, input: UpdateOrganization, expectedVersion?: readonly number[]): Promise<Organization> {
    const current = await this.require(principal);
    assertVersion(expectedVersion, current.version, 'The organization');
    const changes = definedOnly(input);
    if (changesNothing(current, changes)) return toOrganization(current);
    const [updated] = await this.database.executor
      .update(organizations)
      .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
      .where(and(eq(organizations.id, principal.organizationId), eq(organizations.version, current.version)))
      .returning();
    if (!updated) throw concurrentChange('The organization');
    return toOrganization(updated);
  }

  private async require(principal: Principal): Promise<OrganizationRow> {
    const [row] = await this.database.executor.select().from(organizations).where(eq(organizations.id, principal.organizationId));
    // Only when the organization was removed under a valid token.
    if (!row) throw AppError.notFound('Organization');
    return row;
  }
}
