import type { WorkOrderUpdateEvent } from '@msched/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { MemoryCache } from '../../src/platform/cache/cache';
import type { Database } from '../../src/platform/db/database';
import { EventOutbox } from '../../src/platform/events/outbox';
import { RealtimeGateway } from '../../src/platform/realtime/realtime.gateway';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { client, login, testConfig } from '../support/server';
import { SocketPool, type TestSocket, collect } from '../support/sockets';

const SUBSCRIBERS = 400;

/** A shared cache whose invalidations take a turn of the event loop, as a round trip to Redis does. */
class RoundTripCache extends MemoryCache {
  override async bump(keys: readonly string[]) {
    await new Promise((resolve) => setImmediate(resolve));
    await super.bump(keys);
  }
}

/**
 * A change to a work order watched by hundreds of sockets: the writer's answer does not wait
 * until every socket has been written to (the fan-out goes out a slice at a time), and every
 * socket still gets the event, after the cache stopped serving the old version.
 */
describe('fan-out of one change to a large room', () => {
  let app: NestFastifyApplication;
  let database: Database;
  let dispose: () => Promise<void>;
  let baseUrl: string;
  let org: OrganizationFixture;
  let token: string;
  const pool = new SocketPool(() => baseUrl);
  /** Deliveries still queued on the server when each PATCH answer had been sent. */
  const pendingAtAnswer: number[] = [];
  /** The work order the first test's sockets watch. */
  let watchedId = '';

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    const config = testConfig();
    app = await createApp({ config, database, cache: new RoundTripCache() });
    const gateway = app.get(RealtimeGateway);
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onResponse', async (request) => {
        if (request.method === 'PATCH') pendingAtAnswer.push(gateway.trackedState().pendingDeliveries);
      });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    org = await createOrganization(database, `fanout-${Date.now()}`);
    token = await login(baseUrl, org.users.planner.email);
  });

  afterAll(async () => {
    await pool.closeAll();
    await app?.close();
    await dispose?.();
  });

  it(`answers the PATCH before all ${SUBSCRIBERS} sockets are written; each gets the event, and a read after it sees the change`, async () => {
    const api = client(baseUrl, token);
    const created = await api.post('/api/v1/work-orders', { title: 'Replace filter', equipmentId: org.equipmentId });
    expect(created.status).toBe(201);
    watchedId = created.body.id;
    const room = `workorder:${created.body.id}`;
    const sockets: TestSocket[] = [];
    for (let opened = 0; opened < SUBSCRIBERS; opened += 50)
      sockets.push(...(await Promise.all(Array.from({ length: 50 }, () => pool.connect(token, [room])))).map((each) => each.socket));

    const received = sockets.map(
      (socket) =>
        new Promise<WorkOrderUpdateEvent>((resolve) =>
          socket.on('workorder:update', (event) => {
            if (event.data.title === 'Replace filter and seal') resolve(event);
          }),
        ),
    );
    // The first subscriber reads the work order as soon as the event reaches it.
    const readAfterEvent = received[0]!.then(() => api.get(`/api/v1/work-orders/${created.body.id}`));

    // No compression: the answer is written as soon as it is ready.
    const answer = await api.patch(
      `/api/v1/work-orders/${created.body.id}`,
      { title: 'Replace filter and seal' },
      { 'accept-encoding': 'identity' },
    );
    expect(answer.status).toBe(200);

    const events = await Promise.all(received);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
    expect((await readAfterEvent).body).toMatchObject({ title: 'Replace filter and seal', version: 2 });
    expect(pendingAtAnswer).toHaveLength(1);
    expect(pendingAtAnswer[0]).toBeGreaterThan(0);
    await vi.waitFor(() => expect(app.get(RealtimeGateway).trackedState().pendingDeliveries).toBe(0));
  });

  it('events queued back to back reach WebSocket and long-polling sockets alike, in order, once each', async () => {
    const { socket: overWebSocket } = await pool.connect(token, ['system:all']);
    const { socket: overPolling } = await pool.connect(token, ['system:all'], { transports: ['polling'] });
    const received = [overWebSocket, overPolling].map((socket) => collect(socket, 'system:message'));
    // One commit: an event for the large room of the test above, then several for these two
    // sockets, which queue behind it and are then written to each socket together.
    const messages = Array.from({ length: 6 }, (_, index) => `batch ${index}`);
    await app.get(EventOutbox).record(org.organizationId, [
      {
        name: 'workorder:update',
        payload: {
          eventType: 'updated',
          workOrderId: watchedId,
          data: (await client(baseUrl, token).get(`/api/v1/work-orders/${watchedId}`)).body,
          timestamp: new Date().toISOString(),
        },
        audience: { rooms: [`workorder:${watchedId}`], scope: { kind: 'organization' } },
      },
      ...messages.map((message) => ({
        name: 'system:message' as const,
        payload: { message, level: 'info' as const, data: {}, timestamp: new Date().toISOString() },
        audience: { rooms: ['system:all' as const], scope: { kind: 'organization' as const } },
      })),
    ]);
    await vi.waitFor(() => expect(received.map((list) => list.length)).toEqual([6, 6]), { timeout: 15_000 });
    for (const list of received) {
      expect(list.map((event) => event.message)).toEqual(messages);
      const ids = list.map((event) => event.eventId);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(6);
    }
  });
});
