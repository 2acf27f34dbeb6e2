import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type OrganizationFixture } from '../support/fixtures';
import { type TestServer, client, createOrganization, startServer } from '../support/server';

describe('authentication over HTTP', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let anonymous: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_IP: '1000' });
    org = await createOrganization(server.database, 'auth');
    anonymous = client(server.baseUrl);
  });
  afterAll(() => server.close());

  it('logs in and answers the user with roles and organization', async () => {
    const response = await anonymous.post('/api/v1/auth/login', {
      email: org.users.technician.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      expiresIn: 900,
      user: { id: org.users.technician.id, roles: ['technician'], organizationId: org.organizationId, technicianId: org.technicianId },
    });
    const me = await client(server.baseUrl, response.body.accessToken).get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(org.users.technician.email);
  });

  it('refuses a wrong password with 401 problem+json', async () => {
    const response = await anonymous.post('/api/v1/auth/login', { email: org.users.planner.email, password: 'not-the-password' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, code: 'invalid_credentials', instance: '/api/v1/auth/login' });
  });

  it('rotates refresh tokens and revokes the family when a spent one comes back', async () => {
    const first = await anonymous.post('/api/v1/auth/login', { email: org.users.manager.email, password: TEST_PASSWORD });
    const second = await anonymous.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);

    const replay = await anonymous.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(replay.status).toBe(401);
    // The thief's replay also ends the legitimate holder's session.
    const afterReuse = await anonymous.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(afterReuse.status).toBe(401);
  });

  it('logs out: the refresh token stops working', async () => {
    const session = await anonymous.post('/api/v1/auth/login', { email: org.users.admin.email, password: TEST_PASSWORD });
    const logout = await anonymous.post('/api/v1/auth/logout', { refreshToken: session.body.refreshToken });
    expect(logout.status).toBe(204);
    const refresh = await anonymous.post('/api/v1/auth/refresh', { refreshToken: session.body.refreshToken });
    expect(refresh.status).toBe(401);
  });

  it('refuses missing, malformed and forged access tokens', async () => {
    expect((await anonymous.get('/api/v1/auth/me')).status).toBe(401);
    expect((await client(server.baseUrl, 'not-a-jwt').get('/api/v1/auth/me')).status).toBe(401);
    const session = await anonymous.post('/api/v1/auth/login', { email: org.users.admin.email, password: TEST_PASSWORD });
    const [header, payload] = (session.body.accessToken as string).split('.');
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), org: 'other' })).toString(
      'base64url',
    );
    const forged = await client(server.baseUrl, `${header}.${elevated}.invalidsignature`).get('/api/v1/auth/me');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('unauthenticated');
  });

  it('limits failed logins per account with 429 and Retry-After, even for the right password', async () => {
    const email = org.users.otherRequester.email;
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await anonymous.post('/api/v1/auth/login', { email, password: 'wrong-password' })).status).toBe(401);
    }
    const limited = await anonymous.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(limited.body.code).toBe('rate_limited');
    // Other accounts are unaffected.
    expect((await anonymous.post('/api/v1/auth/login', { email: org.users.requester.email, password: TEST_PASSWORD })).status).toBe(200);
  });
});
