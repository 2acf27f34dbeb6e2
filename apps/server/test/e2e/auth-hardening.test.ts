import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/auth/passwords';
import { DEMO_PASSWORD } from '../../src/platform/db/seed/demo-plant';
import { users } from '../../src/platform/db/schema';
import { type OrganizationFixture, TEST_PASSWORD } from '../support/fixtures';
import { type TestServer, client, createOrganization, login, startServer } from '../support/server';
import { connect, disconnection, realtimeStats } from '../support/sockets';

/** A login from a given client address (the server trusts X-Forwarded-For in this file). */
const loginFrom = (server: TestServer, ip: string, email: string, password: string) =>
  client(server.baseUrl).post('/api/v1/auth/login', { email, password }, { 'x-forwarded-for': ip });

const hugeEmail = (index: number) => `${index}-${'a'.repeat(480_000)}@example.com`;

describe('login throttling cannot be reset or bloated by the client', () => {
  let server: TestServer;
  let org: OrganizationFixture;

  beforeAll(async () => {
    server = await startServer({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '5' });
    org = await createOrganization(server.database, 'hardening');
  });
  afterAll(() => server.close());

  it('refuses an email longer than 254 characters with 400, before any counting', async () => {
    for (const email of [hugeEmail(1), `${'a'.repeat(243)}@example.com`]) {
      const response = await loginFrom(server, '198.51.100.1', email, 'x');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
    }
    const longest = `${'a'.repeat(242)}@example.com`;
    expect(longest).toHaveLength(254);
    expect((await loginFrom(server, '198.51.100.1', longest, 'x')).status).toBe(401);
  });

  it('counts failures under a digest of the lower-cased email, not the email itself', async () => {
    const email = 'Someone.Else@Example.com';
    expect((await loginFrom(server, '198.51.100.2', email, 'wrong')).status).toBe(401);
    const digest = createHash('sha256').update(email.toLowerCase()).digest('hex');
    expect((await server.cache.peek(`login-failures:account:${digest}`)).count).toBe(1);
    expect((await server.cache.peek(`login-failures:account:${email.toLowerCase()}`)).count).toBe(0);
  });

  it('a lockout holds against a cache filled with cached reads and against huge-email floods', async () => {
    const victim = org.users.technician.email;
    const guesser = '198.51.100.3';
    for (let guess = 0; guess < 3; guess++) expect((await loginFrom(server, guesser, victim, `wrong-${guess}`)).status).toBe(401);
    expect((await loginFrom(server, guesser, victim, TEST_PASSWORD)).status).toBe(429);

    if (server.cache.kind === 'memory') {
      // Twice the in-process cache's size in cached reads: everything read before is evicted.
      const answer = 'x'.repeat(1_000_000);
      for (let read = 0; read < 64; read++) await server.cache.set(`hardening:read:${read}`, answer, 60);
      expect(await server.cache.get('hardening:read:0')).toBeNull();
    }
    expect((await loginFrom(server, guesser, victim, TEST_PASSWORD)).status).toBe(429);

    for (let index = 0; index < 3; index++) expect((await loginFrom(server, '198.51.100.6', hugeEmail(index), 'x')).status).toBe(400);
    const locked = await loginFrom(server, guesser, victim, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(3000);
  });

  it('guessing at an account does not lock its owner out: another network signs in, and one failure there locks it too', async () => {
    const victim = org.users.otherTechnician.email;
    const guesser = '198.51.100.20';
    // Three failures reach the account's limit (3) and stay under the address's (5): the account rule is what refuses below.
    for (let guess = 0; guess < 3; guess++) expect((await loginFrom(server, guesser, victim, `wrong-${guess}`)).status).toBe(401);
    expect((await loginFrom(server, guesser, victim, TEST_PASSWORD)).status).toBe(429);
    // The owner, at work on a network that never failed on the account.
    expect((await loginFrom(server, '198.51.100.21', victim, TEST_PASSWORD)).status).toBe(200);
    expect((await loginFrom(server, '198.51.100.21', victim, TEST_PASSWORD)).status).toBe(200);
    // Their signing in gave the guesser no fresh allowance.
    expect((await loginFrom(server, guesser, victim, TEST_PASSWORD)).status).toBe(429);
    // While the account is past its limit, a network has one attempt: a failure locks it out too.
    expect((await loginFrom(server, '198.51.100.22', victim, 'wrong')).status).toBe(401);
    expect((await loginFrom(server, '198.51.100.22', victim, TEST_PASSWORD)).status).toBe(429);
  });

  it('attempts from a blocked address do not count against the account they name', async () => {
    const blocked = '198.51.100.8';
    for (const email of ['a@nowhere.test', 'b@nowhere.test', 'c@nowhere.test', 'd@nowhere.test', 'e@nowhere.test'])
      expect((await loginFrom(server, blocked, email, 'wrong')).status).toBe(401);
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await loginFrom(server, blocked, org.users.planner.email, 'wrong')).status).toBe(429);
    // Elsewhere the planner's account has no failures: the right password logs in.
    expect((await loginFrom(server, '198.51.100.9', org.users.planner.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('ids, demo logins, long emails and admin statistics', () => {
  let server: TestServer;
  let selfEdit: OrganizationFixture;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let demo: OrganizationFixture;

  beforeAll(async () => {
    server = await startServer({ SEED_DEMO: 'true' });
    [selfEdit, org, other, demo] = await Promise.all([
      createOrganization(server.database, 'ids-self'),
      createOrganization(server.database, 'ids'),
      createOrganization(server.database, 'ids-other'),
      createOrganization(server.database, 'demo-plant'),
    ]);
  });
  afterAll(() => server.close());

  it('an admin cannot disable or demote themself by writing their own id in upper case', async () => {
    const admin = client(server.baseUrl, await login(server.baseUrl, selfEdit.users.admin.email));
    const ownId = selfEdit.users.admin.id.toUpperCase();
    const demote = await admin.patch(`/api/v1/users/${ownId}`, { roles: ['requester'] });
    expect(demote.status).toBe(409);
    const disable = await admin.patch(`/api/v1/users/${ownId}`, { active: false });
    expect(disable.status).toBe(409);
    const read = await admin.get(`/api/v1/users/${ownId}`);
    expect(read.body).toMatchObject({ id: selfEdit.users.admin.id, roles: ['admin'], active: true });
  });

  it('a technician reads their own record by an upper-case id; a colleague stays hidden', async () => {
    const technician = client(server.baseUrl, await login(server.baseUrl, org.users.technician.email));
    const own = await technician.get(`/api/v1/technicians/${org.technicianId.toUpperCase()}`);
    expect(own.status).toBe(200);
    expect(own.body.id).toBe(org.technicianId);
    expect((await technician.get(`/api/v1/technicians/${org.technicianId.toUpperCase()}/availability`)).status).toBe(200);
    expect((await technician.get(`/api/v1/technicians/${org.otherTechnicianId.toUpperCase()}`)).status).toBe(404);
  });

  it('creating a user with an over-long email is a 400 problem, not a 500', async () => {
    const admin = client(server.baseUrl, await login(server.baseUrl, org.users.admin.email));
    // Incompressible, so that before the length limit it overflowed the unique index on lower(email).
    const local = randomBytes(2_500).toString('hex');
    const response = await admin.post('/api/v1/users', {
      email: `${local}@example.com`,
      name: 'Long Address',
      password: 'a-long-password-1',
      roles: ['requester'],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('demo logins list only the seed accounts still on the demo password', async () => {
    const demoHash = await hashPassword(DEMO_PASSWORD);
    await server.database.db.insert(users).values(
      ['admin', 'tech1'].map((local) => ({
        organizationId: demo.organizationId,
        email: `${local}@example.com`,
        name: `Demo ${local}`,
        passwordHash: demoHash,
        roles: [local === 'admin' ? ('admin' as const) : ('requester' as const)],
      })),
    );
    const demoAdmin = client(server.baseUrl, await login(server.baseUrl, 'admin@example.com', DEMO_PASSWORD));
    const real = await demoAdmin.post('/api/v1/users', {
      email: 'real.person@corp.example',
      name: 'Real Person',
      password: DEMO_PASSWORD.repeat(2),
      roles: ['admin'],
    });
    expect(real.status).toBe(201);

    const listed = async () => (await client(server.baseUrl).get('/api/v1/auth/demo-logins')).body;
    expect(await listed()).toEqual({
      password: DEMO_PASSWORD,
      accounts: [
        { email: 'admin@example.com', name: 'Demo admin', roles: ['admin'] },
        { email: 'tech1@example.com', name: 'Demo tech1', roles: ['requester'] },
      ],
    });

    const tech1 = (await demoAdmin.get('/api/v1/users?search=tech1@example.com')).body.data[0];
    expect((await demoAdmin.patch(`/api/v1/users/${tech1.id}`, { password: 'not-the-demo-any-more' })).status).toBe(200);
    expect((await listed()).accounts.map((account: { email: string }) => account.email)).toEqual(['admin@example.com']);
  });

  it("an admin sees their own organization's real-time figures, not another's", async () => {
    const [ownAdmin, otherAdmin, otherPlanner, otherManager] = await Promise.all([
      login(server.baseUrl, org.users.admin.email),
      login(server.baseUrl, other.users.admin.email),
      login(server.baseUrl, other.users.planner.email),
      login(server.baseUrl, other.users.manager.email),
    ]);
    const sockets = await Promise.all([connect(server.baseUrl, otherPlanner), connect(server.baseUrl, otherManager)]);
    try {
      expect(await realtimeStats(server.baseUrl, ownAdmin)).toMatchObject({
        sockets: 0,
        rooms: 0,
        organizations: 0,
        followedOrganizations: 0,
      });
      const theirs = await realtimeStats(server.baseUrl, otherAdmin);
      expect(theirs).toMatchObject({ sockets: 2, organizations: 1, followedOrganizations: 1 });
      expect(theirs.rooms).toBeGreaterThan(0);
      expect(theirs.timers).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all(sockets.map(({ socket }) => Promise.all([disconnection(socket), socket.disconnect()])));
    }
    // The cache statistics are server-wide figures (counts only) and stay available to admins.
    expect((await client(server.baseUrl, ownAdmin).get('/api/v1/admin/cache/stats')).status).toBe(200);
  });
});
