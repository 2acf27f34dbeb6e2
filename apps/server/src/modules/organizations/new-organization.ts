import { CreateUser, CurrencyCode, TimeZoneName, text } from '@msched/contracts';
import { z } from 'zod';
import { hashPassword } from '../../platform/auth/passwords';
import type { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { organizations, users } from '../../platform/db/schema';

/**
 * A new organization and its first administrator: how a deployment without demo data gets its
 * first account. Everything else (people, equipment, plans, more accounts) is entered by that
 * admin through the API or the web app.
 */
export const NewOrganization = z.object({
  name: text(200),
  /** Lower-case letters, digits and inner hyphens: it names the organization in URLs and logs. */
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { message: 'lower-case letters, digits and inner hyphens, at most 64' }),
  /** PM plans' local days (due dates, holidays) and the times notifications name are read in this zone. */
  timezone: TimeZoneName,
  /** ISO 4217 code of the money amounts (costs, rates, prices). */
  currency: CurrencyCode,
  admin: CreateUser.pick({ email: true, name: true, password: true }),
});
export type NewOrganization = z.input<typeof NewOrganization>;

export interface CreatedOrganization {
  organizationId: string;
  adminId: string;
  adminEmail: string;
}

/** Why an organization could not be made: an input the caller can correct, named by its path. */
export class NewOrganizationError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * Creates the organization and its admin in one transaction: both or neither. A slug or email
 * already taken (by the unique indexes, so also against a concurrent run) is a
 * `NewOrganizationError` naming it; nothing is written then.
 */
export async function createOrganization(database: Database, input: NewOrganization): Promise<CreatedOrganization> {
  const parsed = NewOrganization.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new NewOrganizationError(issue?.path.join('.') || 'input', issue?.message ?? 'invalid');
  }
  const { admin, ...organization } = parsed.data;
  const passwordHash = await hashPassword(admin.password);
  const taken = (constraint: string | undefined) =>
    constraint?.includes('slug')
      ? new NewOrganizationError('slug', `an organization with slug "${organization.slug}" already exists`)
      : new NewOrganizationError('admin.email', `another account already uses ${admin.email}`);
  return database
    .transaction(async () => {
      const executor = database.executor;
      const [created] = await executor.insert(organizations).values(organization).returning({ id: organizations.id });
      const [account] = await executor
        .insert(users)
        .values({ organizationId: created!.id, email: admin.email, name: admin.name, passwordHash, roles: ['admin'] })
        .returning({ id: users.id });
      return { organizationId: created!.id, adminId: account!.id, adminEmail: admin.email };
    })
    .catch(onUniqueViolation(taken));
}
