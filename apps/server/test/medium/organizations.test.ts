import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, NewOrganizationError, type NewOrganization } from '../../src/modules/organizations/new-organization';
import type { Database } from '../../src/platform/db/database';
import { organizations, users } from '../../src/platform/db/schema';
import { freshDatabase } from '../support/infrastructure';
import { type Services, buildServices } from './support';

describe('creating an organization with its first admin, over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database, { perAccount: 100, perIp: 100 });
  });
  afterAll(() => dispose());

  const input = (slug: string, overrides: Partial<NewOrganization> = {}): NewOrganization => ({
    name: `Plant ${slug}`,
    slug,
    timezone: 'America/Chicago',
    currency: 'usd',
    admin: { email: `Admin@${slug}.example`, name: 'Ada Admin', password: 'a-long-first-password' },
    ...overrides,
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('expected a refusal'),
      (error: unknown) => {
        expect(error).toBeInstanceOf(NewOrganizationError);
        return error as NewOrganizationError;
      },
    );

  const countOf = async () => ({
    organizations: (await database.db.select().from(organizations)).length,
    users: (await database.db.select().from(users)).length,
  });

  it('stores the organization as given and an admin who can sign in and sees only it', async () => {
    const created = await createOrganization(database, input('north'));
    const [organization] = await database.db.select().from(organizations).where(eq(organizations.id, created.organizationId));
    expect(organization).toMatchObject({ name: 'Plant north', slug: 'north', timezone: 'America/Chicago', currency: 'USD' });
    const pair = await services.auth.login('admin@north.example', 'a-long-first-password', '10.9.0.1');
    expect(pair.user).toMatchObject({ id: created.adminId, organizationId: created.organizationId, roles: ['admin'], technicianId: null });
    expect(created.adminEmail).toBe('admin@north.example');
  });

  it('refuses a taken slug or email, naming it, and writes neither row', async () => {
    await createOrganization(database, input('south'));
    const before = await countOf();
    const slug = await refusal(createOrganization(database, input('south', { admin: { ...input('x').admin } })));
    expect(slug.path).toBe('slug');
    const email = await refusal(
      createOrganization(database, input('south-2', { admin: { ...input('south').admin, email: 'ADMIN@south.example' } })),
    );
    expect(email.path).toBe('admin.email');
    expect(await countOf()).toEqual(before);
  });

  it('two runs for one slug at once: one organization', async () => {
    const results = await Promise.allSettled([
      createOrganization(database, input('east')),
      createOrganization(database, input('east', { admin: { ...input('east').admin, email: 'other@east.example' } })),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await database.db.select().from(organizations).where(eq(organizations.slug, 'east'))).toHaveLength(1);
  });

  it.each([
    ['slug', { slug: 'Has Spaces' }],
    ['slug', { slug: '-edge' }],
    ['timezone', { timezone: 'Mars/Olympus' }],
    ['currency', { currency: 'euro' }],
    ['name', { name: '   ' }],
    ['admin.password', { admin: { email: 'a@west.example', name: 'Ada', password: 'short' } }],
    ['admin.email', { admin: { email: 'not-an-address', name: 'Ada', password: 'a-long-first-password' } }],
  ] as const)('refuses a bad %s before writing anything', async (path, overrides) => {
    const before = await countOf();
    expect((await refusal(createOrganization(database, input('west', overrides)))).path).toBe(path);
    expect(await countOf()).toEqual(before);
  });
});
