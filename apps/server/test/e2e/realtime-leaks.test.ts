import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';
import {
  type RealtimeStats,
  SocketPool,
  disconnection,
  jwtSecretOf,
  nextEvent,
  renew,
  signAccessToken,
  subscribe,
  systemMessage,
} from '../support/sockets';
import { seedWorkOrder } from '../support/work-order-factory';
import { RealtimeGateway } from '../../src/platform/realtime/realtime.gateway';

const CYCLES = 1_000;
const BATCH = 50;
const TRACKED = ['sockets', 'rooms', 'organizations', 'followedOrganizations', 'timers'] as const;
const pick = (stats: RealtimeStats) => Object.fromEntries(TRACKED.map((key) => [key, stats[key]]));

/**
 * What the gateway tracks per socket, room, organization and timer must go away with the
 * sockets: after many connect → subscribe → disconnect cycles (also unauthenticated ones, ones
 * that leave mid-request and ones whose token expires) the state is back to where it started.
 */
describe('real-time resources are released', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let second: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let secondTokens: Record<RoleKey, string>;
  let workOrderId: string;
  let secondWorkOrderId: string;
  const pool = new SocketPool(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'leaks');
    second = await createOrganization(server.database, 'leaks-two');
    [tokens, secondTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, second)]);
    workOrderId = (await seedWorkOrder(server.database, org, 'own')).id;
    secondWorkOrderId = (await seedWorkOrder(server.database, second, 'own')).id;
  });
  afterAll(async () => {
    await pool.closeAll();
    await server?.close();
  });

  /** The whole instance's figures (an admin's endpoint answers for their own organization only). */
  const stats = async (): Promise<RealtimeStats> => server.app.get(RealtimeGateway).trackedState();

  /** Polls the stats until they equal `expected` (and stay so for a moment), at most ~20 s. */
  async function settlesTo(expected: Record<string, number>): Promise<Record<string, number>> {
    let current = pick(await stats());
    let stableSince = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      if (JSON.stringify(current) === JSON.stringify(expected)) {
        if (++stableSince >= 3) return current;
      } else stableSince = 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = pick(await stats());
    }
    return current;
  }

  /** One connection's life, by kind; resolves once the client side is closed. */
  async function cycle(index: number): Promise<void> {
    const kind = index % 8;
    if (kind === 0) {
      // Unauthenticated: refused and closed by the server.
      const socket = pool.open('garbage');
      const closed = disconnection(socket);
      await nextEvent(socket, 'error');
      await closed;
      return;
    }
    if (kind === 1) {
      // Gone before the handshake was answered.
      const socket = pool.open(tokens.planner);
      await new Promise<void>((resolve) => socket.io.engine?.once('open', () => resolve()) ?? resolve());
      socket.disconnect();
      return;
    }
    const { token, rooms } = (
      [
        { token: tokens.admin, rooms: ['system:all', 'system:presence', 'workorders:all', `workorder:${workOrderId}`] },
        { token: tokens.technician, rooms: [`technician:${org.technicianId}`, `workorder:${workOrderId}`, 'system:presence'] },
        { token: secondTokens.manager, rooms: ['system:presence', `workorder:${secondWorkOrderId}`, 'equipment:all'] },
        { token: tokens.requester, rooms: [`workorder:${workOrderId}`, 'workorders:all', 'equipment:status'] },
        { token: tokens.planner, rooms: ['technicians:schedule', `workorder:${workOrderId}`] },
        { token: secondTokens.admin, rooms: ['system:all', `workorder:${secondWorkOrderId}`] },
      ] as const
    )[kind - 2]!;
    const socket = pool.open(token);
    await nextEvent(socket, 'connection:confirm');
    if (index % 3 === 0) {
      // Leaves while its requests are still being answered.
      socket.emit('subscribe', { rooms: [...rooms] });
      socket.emit('resume', { lastEventId: 0 });
      socket.disconnect();
      return;
    }
    await subscribe(socket, [...rooms]);
    if (index % 5 === 0) await renew(socket, token);
    socket.disconnect();
  }

  it(`returns to the baseline after ${CYCLES} connect → subscribe → disconnect cycles`, async () => {
    const baseline = pick(await stats());
    expect(baseline).toEqual({ sockets: 0, rooms: 0, organizations: 0, followedOrganizations: 0, timers: expect.any(Number) });

    // A few sockets whose token expires while the cycles run: closed by the server, timers gone.
    const expired: Promise<unknown>[] = [];
    const secret = jwtSecretOf(server);
    for (let index = 0; index < 10; index++) {
      const short = signAccessToken(secret, { userId: org.users.manager.id, organizationId: org.organizationId, roles: ['manager'] }, 3);
      const { socket } = await pool.connect(short, ['system:presence', `workorder:${workOrderId}`]);
      expired.push(nextEvent(socket, 'error', (error) => error.type === 'token_expired'));
    }
    // The stats do see them (sockets, their rooms, the organization and its event stream, timers).
    const busy = pick(await stats());
    expect(busy).toMatchObject({ sockets: 10, organizations: 1, followedOrganizations: 1 });
    expect(busy['rooms']).toBeGreaterThan(baseline['rooms']!);
    expect(busy['timers']).toBeGreaterThanOrEqual(10);

    for (let start = 0; start < CYCLES; start += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, CYCLES - start) }, (_, offset) => cycle(start + offset)));
    }
    await Promise.all(expired);
    await pool.closeAll();

    const settled = await settlesTo(baseline);
    expect(settled).toEqual(baseline);
    const metrics = await fetch(`${server.baseUrl}/metrics`).then((response) => response.text());
    expect(metrics).toMatch(/^msched_realtime_sockets(\{[^}]*\})? 0$/m);

    // Still serving after all that.
    const { socket } = await pool.connect(tokens.admin, ['system:all']);
    const arrived = nextEvent(socket, 'system:message', (message) => message.message === 'still here');
    await systemMessage(server.baseUrl, tokens.admin, 'still here');
    await arrived;
    expect(pick(await stats())).toMatchObject({ sockets: 1, organizations: 1, followedOrganizations: 1 });
  });

  it('reports the stats to admins only', async () => {
    for (const key of ['manager', 'planner', 'technician', 'requester'] as const)
      expect((await client(server.baseUrl, tokens[key]).get('/api/v1/admin/realtime/stats')).status, key).toBe(403);
    expect((await client(server.baseUrl).get('/api/v1/admin/realtime/stats')).status).toBe(401);
    expect(Object.keys(await stats())).toEqual(expect.arrayContaining([...TRACKED]));
  });
});
