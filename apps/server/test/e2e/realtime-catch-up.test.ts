import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, createOrganization, startServer, tokensFor } from '../support/server';
import { SocketPool, collectDomainEvents, nextEvent, resume } from '../support/sockets';

/**
 * An event committed and published by another instance, whose copy the Redis pub/sub link lost
 * on its way here (a subscriber reconnecting), with nothing committed after it: no hole shows.
 * Written straight into the outbox, marked published, it is exactly that for this instance.
 */
async function eventLostOnTheWay(server: TestServer, organizationId: string, message: string): Promise<number> {
  const [row] = await server.database.rows<{ id: string | number }>(
    sql`update organizations set event_seq = event_seq + 1 where id = ${organizationId} returning event_seq as id`,
  );
  const eventId = Number(row!.id);
  const payload = { message, level: 'info', data: {}, timestamp: new Date().toISOString() };
  const audience = { rooms: ['system:all'], scope: { kind: 'organization' } };
  await server.database.rows(sql`
    insert into events (organization_id, event_id, name, payload, audience, published_at)
    values (${organizationId}, ${eventId}, 'system:message', ${JSON.stringify(payload)}::jsonb, ${JSON.stringify(audience)}::jsonb, now())`);
  return eventId;
}

/** Clustered (Redis) only: a single instance publishes to its own sockets in process, and loses nothing. */
describe.runIf(Boolean(process.env.REDIS_URL))('real-time: an instance catches up with events its pub/sub link lost', () => {
  const pools: SocketPool[] = [];
  const servers: TestServer[] = [];
  afterEach(() => Promise.all(pools.map((pool) => pool.closeAll())));
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  async function clustered(pollMs: number) {
    const server = await startServer({ REDIS_URL: process.env.REDIS_URL!, OUTBOX_POLL_MS: String(pollMs) });
    servers.push(server);
    const org: OrganizationFixture = await createOrganization(server.database, `catch-up-${pollMs}`);
    const tokens: Record<RoleKey, string> = await tokensFor(server.baseUrl, org);
    const pool = new SocketPool(() => server.baseUrl);
    pools.push(pool);
    return { server, org, tokens, pool };
  }

  it('a connected socket gets the lost event within a poll period, once', async () => {
    const { server, org, tokens, pool } = await clustered(200);
    const { socket } = await pool.connect(tokens.admin, ['system:all']);
    const received = collectDomainEvents(socket);

    const eventId = await eventLostOnTheWay(server, org.organizationId, 'Shift change at 14:00');
    const message = await nextEvent(socket, 'system:message', (payload) => payload.message === 'Shift change at 14:00', 5_000);
    expect(message).toMatchObject({ eventId, level: 'info' });
    // Several more poll periods: not delivered again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(received.filter((event) => event.eventId === eventId)).toHaveLength(1);
  });

  it('a resume on a lagging instance replays up to the committed id, not only to what reached the instance', async () => {
    // No poll round within the test: only the resume can find the lost event.
    const { server, org, tokens, pool } = await clustered(60_000);
    const { socket, confirm } = await pool.connect(tokens.admin, ['system:all']);
    const eventId = await eventLostOnTheWay(server, org.organizationId, 'Permit office closed');

    const received = collectDomainEvents(socket);
    const ack = await resume(socket, confirm.lastEventId);
    expect(ack).toMatchObject({ success: true, replayed: 1, lastEventId: eventId });
    expect(received.map((event) => event.eventId)).toEqual([eventId]);
  });
});
