import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionEnds } from '../../src/modules/auth/session-ends';
import { refreshTokens, users } from '../../src/platform/db/schema';
import { type OrganizationFixture } from '../support/fixtures';
import { type TestServer, client, createOrganization, login, startServer } from '../support/server';
import { type TestSocket, connect, createWorkOrder, disconnection, nextEvent, openSocket, renew } from '../support/sockets';

const PASSWORD = 'a-long-enough-password';

/**
 * An admin's change to an account ends the access tokens that carry the old account at once, and
 * a logout the access tokens of its login session: HTTP (the guard and the early cached-detail
 * answer) refuses them with 401 and open sockets are closed, instead of both living out the
 * token's 15 minutes.
 */
describe('session cutoffs over HTTP and the real-time channel', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let admin: ReturnType<typeof client>;
  let workOrderId: string;
  let people = 0;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // Cutoffs from the database are read when a test says so, not on a timer.
    server = await startServer({ SESSION_END_POLL_MS: '60000' });
    org = await createOrganization(server.database, 'cutoffs');
    const adminToken = await login(server.baseUrl, org.users.admin.email);
    admin = client(server.baseUrl, adminToken);
    const created = await createWorkOrder(server.baseUrl, adminToken, org.equipmentId, { title: 'Read by everyone' });
    workOrderId = created.id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => server.close());

  /** A new planner, logged in: its id, access and refresh tokens. */
  async function newPlanner() {
    const email = `planner-${++people}@cutoffs.test`;
    const created = await admin.post('/api/v1/users', { email, name: email, password: PASSWORD, roles: ['planner'] });
    expect(created.status).toBe(201);
    const session = await client(server.baseUrl).post('/api/v1/auth/login', { email, password: PASSWORD });
    expect(session.status).toBe(200);
    return {
      id: created.body.id as string,
      accessToken: session.body.accessToken as string,
      refreshToken: session.body.refreshToken as string,
    };
  }

  it('a demoted planner’s token is refused at once (list and cached detail); the refreshed one carries the new role', async () => {
    const planner = await newPlanner();
    const api = client(server.baseUrl, planner.accessToken);
    expect((await api.get('/api/v1/technicians')).status).toBe(200);
    expect((await api.get(`/api/v1/work-orders/${workOrderId}`)).status).toBe(200);
    expect((await api.get(`/api/v1/work-orders/${workOrderId}`)).status).toBe(200); // a cache hit, answered early

    expect((await admin.patch(`/api/v1/users/${planner.id}`, { roles: ['requester'] })).status).toBe(200);
    for (const path of ['/api/v1/technicians', `/api/v1/work-orders/${workOrderId}`, '/api/v1/auth/me']) {
      const refused = await api.get(path);
      expect(refused.status, path).toBe(401);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }

    const renewed = await client(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: planner.refreshToken });
    expect(renewed.status).toBe(200);
    expect(renewed.body.user.roles).toEqual(['requester']);
    const requester = client(server.baseUrl, renewed.body.accessToken);
    expect((await requester.get('/api/v1/auth/me')).body.roles).toEqual(['requester']);
    expect((await requester.get('/api/v1/technicians')).status).toBe(403);
  });

  it('an edit that changes nothing keeps the account’s version and its tokens (roles compared as a set)', async () => {
    const planner = await newPlanner();
    const { socket } = await connect(server.baseUrl, planner.accessToken);
    sockets.push(socket);
    await admin.patch(`/api/v1/users/${planner.id}`, { roles: ['planner', 'manager'] });
    const before = (await admin.get('/api/v1/users?limit=100')).body.data.find((user: { id: string }) => user.id === planner.id);
    const renewed = await client(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: planner.refreshToken });
    expect(renewed.status).toBe(200);
    const api = client(server.baseUrl, renewed.body.accessToken);
    for (const body of [{}, { roles: ['manager', 'planner', 'manager'] }, { active: true, name: before.name, technicianId: null }]) {
      const same = await admin.patch(`/api/v1/users/${planner.id}`, body, { 'if-match': `"${before.version}"` });
      expect(same.status, JSON.stringify(same.body)).toBe(200);
      expect(same.body).toEqual(before);
      expect((await api.get('/api/v1/auth/me')).status).toBe(200);
    }
    const renamed = await admin.patch(`/api/v1/users/${planner.id}`, { name: 'Pat Planner' }, { 'if-match': `"${before.version}"` });
    expect(renamed.body.version).toBe(before.version + 1);
    // A password, even the same one, is a change: it ends the sessions.
    const samePassword = await admin.patch(`/api/v1/users/${planner.id}`, { password: PASSWORD });
    expect(samePassword.body.version).toBe(before.version + 2);
    expect((await api.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('disabling a user closes their open socket and refuses the token over HTTP', async () => {
    const planner = await newPlanner();
    const { socket } = await connect(server.baseUrl, planner.accessToken);
    sockets.push(socket);
    const error = nextEvent(socket, 'error');
    const closed = disconnection(socket);

    expect((await admin.patch(`/api/v1/users/${planner.id}`, { active: false })).status).toBe(200);
    expect(await error).toEqual({ type: 'authentication_error', message: expect.stringContaining('session was ended') });
    expect(await closed).toBe('io server disconnect');
    expect((await client(server.baseUrl, planner.accessToken).get('/api/v1/work-orders')).status).toBe(401);
    await expect(refused(planner.accessToken)).resolves.toBe('authentication_error');
  });

  it('after a role change the old token opens no socket and renews none; a socket with the new token stays', async () => {
    const planner = await newPlanner();
    const colleague = await newPlanner();
    const { socket } = await connect(server.baseUrl, planner.accessToken);
    const { socket: other } = await connect(server.baseUrl, colleague.accessToken);
    sockets.push(socket, other);
    const closed = disconnection(socket);
    expect((await admin.patch(`/api/v1/users/${planner.id}`, { roles: ['planner', 'manager'] })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    // The account is active: only its session epoch refuses the old token.
    await expect(refused(planner.accessToken)).resolves.toBe('authentication_error');

    const renewed = await client(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: planner.refreshToken });
    expect(renewed.body.user.roles).toEqual(['planner', 'manager']);
    const { socket: reopened } = await connect(server.baseUrl, renewed.body.accessToken);
    sockets.push(reopened);
    expect(await renew(reopened, planner.accessToken)).toMatchObject({ success: false });
    expect(await renew(reopened, renewed.body.accessToken)).toMatchObject({ success: true });
    expect(reopened.connected).toBe(true);
    expect(other.connected).toBe(true);
  });

  it('a change learned from the database (made by another instance) closes the sockets of older tokens only', async () => {
    const planner = await newPlanner();
    const { socket: before } = await connect(server.baseUrl, planner.accessToken);
    sockets.push(before);
    // Committed elsewhere: this instance has not heard of it.
    await server.database.db
      .update(users)
      .set({ roles: ['planner', 'manager'], sessionEpoch: sql`${users.sessionEpoch} + 1`, sessionsEndedAt: sql`now()` })
      .where(eq(users.id, planner.id));
    const renewed = await client(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: planner.refreshToken });
    const { socket: after } = await connect(server.baseUrl, renewed.body.accessToken);
    sockets.push(after);
    expect((await client(server.baseUrl, planner.accessToken).get('/api/v1/work-orders')).status).toBe(200); // not yet read

    const closed = disconnection(before);
    await server.app.get(SessionEnds).refresh();
    expect(await closed).toBe('io server disconnect');
    expect((await client(server.baseUrl, planner.accessToken).get('/api/v1/work-orders')).status).toBe(401);
    expect(after.connected).toBe(true);
    expect((await client(server.baseUrl, renewed.body.accessToken).get('/api/v1/technicians')).status).toBe(200);
  });

  it('logging out ends that session’s token over HTTP and closes its socket; the same user’s other session goes on', async () => {
    const planner = await newPlanner();
    const laptop = await client(server.baseUrl).post('/api/v1/auth/login', { email: `planner-${people}@cutoffs.test`, password: PASSWORD });
    expect(laptop.status).toBe(200);
    const phone = client(server.baseUrl, planner.accessToken);
    expect((await phone.get(`/api/v1/work-orders/${workOrderId}`)).status).toBe(200);
    expect((await phone.get(`/api/v1/work-orders/${workOrderId}`)).status).toBe(200); // a cache hit, answered early
    const { socket: phoneSocket } = await connect(server.baseUrl, planner.accessToken);
    const { socket: laptopSocket } = await connect(server.baseUrl, laptop.body.accessToken);
    sockets.push(phoneSocket, laptopSocket);
    const error = nextEvent(phoneSocket, 'error');
    const closed = disconnection(phoneSocket);

    expect((await client(server.baseUrl).post('/api/v1/auth/logout', { refreshToken: planner.refreshToken })).status).toBe(204);
    expect(await error).toEqual({ type: 'authentication_error', message: expect.stringContaining('logged out') });
    expect(await closed).toBe('io server disconnect');
    for (const path of ['/api/v1/work-orders', `/api/v1/work-orders/${workOrderId}`, '/api/v1/auth/me']) {
      const refused = await phone.get(path);
      expect(refused.status, path).toBe(401);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    await expect(refused(planner.accessToken)).resolves.toBe('authentication_error');
    expect((await client(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: planner.refreshToken })).status).toBe(401);

    expect(laptopSocket.connected).toBe(true);
    const stillIn = client(server.baseUrl, laptop.body.accessToken);
    expect((await stillIn.get(`/api/v1/work-orders/${workOrderId}`)).status).toBe(200);
    expect((await client(server.baseUrl).post('/api/v1/auth/refresh', { refreshToken: laptop.body.refreshToken })).status).toBe(200);
  });

  it('a logout learned from the database (made on another instance) closes that session’s sockets only', async () => {
    const planner = await newPlanner();
    const other = await client(server.baseUrl).post('/api/v1/auth/login', { email: `planner-${people}@cutoffs.test`, password: PASSWORD });
    const { socket: loggedOut } = await connect(server.baseUrl, planner.accessToken);
    const { socket: stays } = await connect(server.baseUrl, other.body.accessToken);
    sockets.push(loggedOut, stays);
    // Revoked elsewhere: this instance has not heard of it.
    const [first] = await server.database.db
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, planner.id))
      .orderBy(refreshTokens.createdAt)
      .limit(1);
    await server.database.db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(refreshTokens.familyId, first!.familyId));
    expect((await client(server.baseUrl, planner.accessToken).get('/api/v1/work-orders')).status).toBe(200); // not yet read

    const closed = disconnection(loggedOut);
    await server.app.get(SessionEnds).refresh();
    expect(await closed).toBe('io server disconnect');
    expect((await client(server.baseUrl, planner.accessToken).get('/api/v1/work-orders')).status).toBe(401);
    expect(stays.connected).toBe(true);
    expect((await client(server.baseUrl, other.body.accessToken).get('/api/v1/work-orders')).status).toBe(200);
  });

  /** What the handshake of a new socket with `token` answers: its error type. */
  async function refused(token: string): Promise<string> {
    const socket = openSocket(server.baseUrl, token);
    sockets.push(socket);
    const error = nextEvent(socket, 'error');
    const closed = disconnection(socket);
    const { type } = await error;
    expect(await closed).toBe('io server disconnect');
    return type;
  }
});
