import type { Role } from '@msched/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, login, startServer, tokensFor } from '../support/server';
import {
  SocketPool,
  type TestSocket,
  assignWorkOrder,
  collect,
  connectError,
  createWorkOrder,
  disconnection,
  jwtSecretOf,
  nextEvent,
  ping,
  renew,
  request,
  signAccessToken,
  unsubscribe,
} from '../support/sockets';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The handshake (API.md "Real-time"): where the token may be, what a bad one gets, which
 * origins may connect, ping/pong, and a token's expiry and renewal on an open socket.
 */
describe('real-time connection', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let secret: string;
  const pool = new SocketPool(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'conn');
    tokens = await tokensFor(server.baseUrl, org);
    secret = jwtSecretOf(server);
  });
  afterEach(() => pool.closeAll());
  afterAll(async () => {
    await pool.closeAll();
    await server?.close();
  });

  /** A token for a fixture user, signed here with the server's secret and a chosen lifetime. */
  const tokenOf = (key: RoleKey, expiresInSeconds: number, roles?: Role[]) =>
    signAccessToken(
      secret,
      {
        userId: org.users[key].id,
        organizationId: org.organizationId,
        roles: roles ?? [key === 'otherTechnician' ? 'technician' : key === 'otherRequester' ? 'requester' : key],
        technicianId: key === 'technician' ? org.technicianId : key === 'otherTechnician' ? org.otherTechnicianId : null,
      },
      expiresInSeconds,
    );

  describe('accepts a valid token', () => {
    it.each(['auth', 'query', 'header'] as const)('in %s, and confirms the connection', async (via) => {
      const socket = pool.open(tokens.planner, { via });
      const confirm = await nextEvent(socket, 'connection:confirm');
      expect(confirm).toEqual({
        success: true,
        message: expect.any(String),
        userId: org.users.planner.id,
        timestamp: expect.stringMatching(ISO),
        lastEventId: expect.any(Number),
      });
      expect(socket.connected).toBe(true);
    });

    it('over HTTP long-polling as well as WebSocket', async () => {
      const socket = pool.open(tokens.requester, { transports: ['polling'] });
      const confirm = await nextEvent(socket, 'connection:confirm');
      expect(confirm.userId).toBe(org.users.requester.id);
    });

    it("confirms with the organization's newest event id, where a fresh client starts", async () => {
      const { socket: watcher } = await pool.connect(tokens.admin, ['system:all']);
      const arrived = nextEvent(watcher, 'system:message', (message) => message.message === 'newest id');
      const posted = await client(server.baseUrl, tokens.admin).post('/api/v1/admin/system-messages', { message: 'newest id' });
      expect(posted.status).toBe(202);
      expect((await arrived).eventId).toBe(posted.body.eventId);
      const { confirm } = await pool.connect(tokens.technician);
      expect(confirm.lastEventId).toBe(posted.body.eventId);
    });

    it('puts the socket in its own user room: its notifications arrive without subscribing, and it cannot be left', async () => {
      const { socket } = await pool.connect(tokens.technician);
      const workOrder = await createWorkOrder(server.baseUrl, tokens.requester, org.equipmentId);
      const notified = nextEvent(socket, 'notification', (notification) => notification.workOrderId === workOrder.id);
      await assignWorkOrder(server.baseUrl, tokens.planner, workOrder.id, org.technicianId);
      expect((await notified).type).toBe('work_order_assigned');

      const left = await unsubscribe(socket, [`user:${org.users.technician.id}`]);
      expect(left).toMatchObject({
        success: false,
        rooms: [],
        refused: [{ room: `user:${org.users.technician.id}`, reason: expect.any(String) }],
      });
    });
  });

  describe('refuses a bad token with error { type: authentication_error } and a disconnect', () => {
    const cases: [string, () => Promise<string | undefined>][] = [
      ['no token', async () => undefined],
      ['a garbage token', async () => 'not-a-jwt'],
      [
        'a token signed with another secret',
        async () =>
          signAccessToken(
            'another-secret-that-is-long-enough-for-hs256-000000',
            { userId: org.users.admin.id, organizationId: org.organizationId, roles: ['admin'] },
            600,
          ),
      ],
      ['an expired token', async () => tokenOf('admin', -10)],
      [
        'a token naming another organization than the user’s',
        async () =>
          signAccessToken(
            secret,
            { userId: org.users.admin.id, organizationId: '00000000-0000-4000-8000-000000000000', roles: ['admin'] },
            600,
          ),
      ],
      [
        'the token of a deactivated user',
        async () => {
          const admin = client(server.baseUrl, tokens.admin);
          const created = await admin.post('/api/v1/users', {
            email: `leaver-${Date.now()}@conn.test`,
            name: 'Soon gone',
            password: 'a-long-enough-password',
            roles: ['planner'],
          });
          expect(created.status).toBe(201);
          const token = await login(server.baseUrl, created.body.email, 'a-long-enough-password');
          expect((await admin.patch(`/api/v1/users/${created.body.id}`, { active: false })).status).toBe(200);
          return token;
        },
      ],
    ];

    it.each(cases)('%s', async (_name, makeToken) => {
      const token = await makeToken();
      const socket = pool.open(token);
      const confirmed = collect(socket, 'connection:confirm');
      const error = nextEvent(socket, 'error');
      const closed = disconnection(socket);
      expect(await error).toEqual({ type: 'authentication_error', message: expect.any(String) });
      expect(await closed).toBe('io server disconnect');
      expect(confirmed).toEqual([]);
    });

    it.each(['query', 'header'] as const)('a garbage token in the %s as well', async (via) => {
      const socket = pool.open('garbage', { via });
      const error = nextEvent(socket, 'error');
      const closed = disconnection(socket);
      expect((await error).type).toBe('authentication_error');
      expect(await closed).toBe('io server disconnect');
    });
  });

  describe('origins', () => {
    it.each(['websocket', 'polling'] as const)('refuses a foreign Origin at the handshake (%s)', async (transport) => {
      const socket = pool.open(tokens.admin, { origin: 'http://evil.example', transports: [transport] });
      const confirmed = collect(socket, 'connection:confirm');
      await connectError(socket);
      expect(socket.connected).toBe(false);
      expect(confirmed).toEqual([]);
    });

    it('accepts an allowlisted Origin (CORS_ORIGINS)', async () => {
      const socket = pool.open(tokens.admin, { origin: 'http://localhost:5173' });
      const confirm = await nextEvent(socket, 'connection:confirm');
      expect(confirm.userId).toBe(org.users.admin.id);
    });

    it('accepts a client without an Origin (not a browser)', async () => {
      const { confirm } = await pool.connect(tokens.admin);
      expect(confirm.success).toBe(true);
    });
  });

  it('answers ping with pong { timestamp, serverTime }', async () => {
    const { socket } = await pool.connect(tokens.technician);
    const before = Date.now();
    const pong = await ping(socket);
    expect(pong).toEqual({ timestamp: expect.stringMatching(ISO), serverTime: expect.any(Number) });
    expect(Number.isInteger(pong.serverTime)).toBe(true);
    expect(pong.serverTime).toBeGreaterThanOrEqual(before - 5_000);
  });

  describe('token expiry and renewal', () => {
    /** Pings until the server's clock is past `instant`: evidence that a timer due then has run. */
    async function serverTimePast(socket: TestSocket, instant: number): Promise<void> {
      for (;;) {
        const pong = await ping(socket);
        if (pong.serverTime > instant) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(200, instant - pong.serverTime + 1)));
      }
    }

    const expiryOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;

    it('closes the socket with error { type: token_expired } when the token expires', async () => {
      const { socket } = await pool.connect(tokenOf('planner', 3));
      const error = nextEvent(socket, 'error');
      const closed = disconnection(socket);
      expect(await error).toEqual({ type: 'token_expired', message: expect.any(String) });
      expect(await closed).toBe('io server disconnect');
    });

    // BUG: armExpiry passes the whole remaining lifetime to setTimeout, which fires after 1 ms for
    // anything beyond 2^31-1 ms (~24.8 days): a long-lived token (valid for HTTP) is "expired" at once.
    it('keeps a socket whose token is valid for 30 days open (no timer overflow)', async () => {
      const socket = pool.open(tokenOf('admin', 30 * 86_400));
      const errors = collect(socket, 'error');
      await nextEvent(socket, 'connection:confirm');
      await Promise.race([ping(socket), disconnection(socket)]);
      expect(errors).toEqual([]);
      expect(socket.connected).toBe(true);
    });

    it('keeps the socket open past the old expiry once `reconnect { token }` renewed it', async () => {
      const short = tokenOf('planner', 3);
      const { socket } = await pool.connect(short, ['system:all']);
      const errors = collect(socket, 'error');
      const fresh = await login(server.baseUrl, org.users.planner.email);
      const ack = await renew(socket, fresh);
      expect(ack).toMatchObject({ success: true, message: expect.any(String), left: [] });
      expect(Date.parse(ack.expiresAt!)).toBe(expiryOf(fresh));

      await serverTimePast(socket, expiryOf(short) + 250);
      expect(socket.connected).toBe(true);
      expect(errors).toEqual([]);
      // Still served: rooms kept, events delivered.
      const arrived = nextEvent(socket, 'system:message', (message) => message.message === 'after renewal');
      await client(server.baseUrl, tokens.admin).post('/api/v1/admin/system-messages', { message: 'after renewal' });
      await arrived;
    });

    it.each([
      ['another user’s token', () => tokens.manager],
      ['a garbage token', () => 'garbage'],
      ['an expired token of the same user', () => tokenOf('planner', -10)],
    ])('refuses to renew with %s (ack success:false), and the socket stays', async (_name, token) => {
      const { socket } = await pool.connect(tokens.planner);
      const ack = await renew(socket, token());
      expect(ack).toMatchObject({ success: false, message: expect.any(String) });
      expect(ack.expiresAt).toBeUndefined();
      expect(socket.connected).toBe(true);
      await ping(socket);
    });

    it('a refused renewal does not extend the old token: the socket still expires on time', async () => {
      const { socket } = await pool.connect(tokenOf('planner', 3));
      const error = nextEvent(socket, 'error');
      expect((await renew(socket, tokens.manager)).success).toBe(false);
      expect((await error).type).toBe('token_expired');
    });

    it.each([['a string'], [{}], [{ token: '' }], [{ token: 42 }], [null]])(
      'answers an invalid renewal %j with success:false',
      async (payload) => {
        const { socket } = await pool.connect(tokens.planner);
        const ack = await request(socket, 'reconnect', payload);
        expect(ack.success).toBe(false);
        expect(socket.connected).toBe(true);
        await ping(socket);
      },
    );

    it('leaves the rooms the renewed identity may no longer see', async () => {
      const { socket } = await pool.connect(tokenOf('manager', 600), ['workorders:all', 'system:all', 'technicians:all']);
      const demoted = tokenOf('manager', 600, ['requester']);
      const ack = await renew(socket, demoted);
      expect(ack.success).toBe(true);
      expect([...(ack.left ?? [])].sort()).toEqual(['technicians:all', 'workorders:all']);
      // The rooms are really left: unsubscribing finds them gone, and system:all is kept.
      const left = await request(socket, 'unsubscribe', { rooms: ['workorders:all', 'system:all'] });
      expect(left.rooms).toEqual(['system:all']);
      expect(left.refused).toEqual([{ room: 'workorders:all', reason: expect.any(String) }]);
    });
  });
});
