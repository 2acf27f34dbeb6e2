import { eq } from 'drizzle-orm';
import { hashPassword } from '../../auth/passwords';
import type { Database, Db } from '../database';
import { organizations } from '../schema';
import { buildOrganizationDataset } from './organization-dataset';
import { insertRemainder } from './persist';
import { seedPmPlans } from './pm-plans';
import { seedPredictiveDemo } from './predictive-demo';
import { Random } from './random';

export const DEMO_SLUG = 'demo-plant';
/** Published in the README: every seeded account (demo and scale) signs in with it. */
export const DEMO_PASSWORD = 'demo-password';

let passwordHash: Promise<string> | undefined;
/** argon2 is deliberately slow, so the hash is made once per process and shared by all users. */
export const demoPasswordHash = () => (passwordHash ??= hashPassword(DEMO_PASSWORD));

export async function findOrganizationId(executor: Db, slug: string): Promise<string | undefined> {
  const [row] = await executor.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row?.id;
}

/**
 * Creates the "Demo Plant" organization with a year of maintenance history, unless it exists.
 * All or nothing: one transaction, so a failed seed leaves no half-built plant behind.
 */
export async function seedDemoOrganization(
  database: Database,
  options: { now?: Date } = {},
): Promise<{ seeded: boolean; organizationId: string }> {
  const existing = await findOrganizationId(database.db, DEMO_SLUG);
  if (existing) return { seeded: false, organizationId: existing };

  const now = options.now ?? new Date();
  const dataset = buildOrganizationDataset({
    name: 'Demo Plant',
    slug: DEMO_SLUG,
    emailDomain: 'example.com',
    random: Random.fromText(DEMO_SLUG),
    now,
    passwordHash: await demoPasswordHash(),
    timezone: 'Europe/Berlin',
    demoSites: true,
  });
  return database.transaction(async () => {
    const executor = database.executor;
    // Another instance may have seeded since the check above; the unique slug decides who wins.
    const inserted = await executor
      .insert(organizations)
      .values(dataset.organization)
      .onConflictDoNothing({ target: organizations.slug })
      .returning({ id: organizations.id });
    if (inserted.length === 0) {
      return { seeded: false, organizationId: (await findOrganizationId(executor, DEMO_SLUG)) ?? '' };
    }
    await insertRemainder(executor, dataset);
    // PM plans, meters, holidays and the PM history, continuing from the rows above.
    await seedPmPlans(executor, dataset, now);
    // Sensors, a month of readings and the digital twins that keep feeding them.
    await seedPredictiveDemo(executor, dataset, now);
    return { seeded: true, organizationId: dataset.organization.id };
  });
}
