import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { events, workOrders } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { usingPostgres } from '../support/infrastructure';
import { type ServerProcess, sharedPostgres, startServerProcess } from '../support/server-process';
import { client, login } from '../support/server';
import { type TestSocket, collect, connect, nextEvent, subscribe } from '../support/sockets';

/**
 * A real crash between an outbox commit and its publish. `FAILPOINT=exit-after-commit` makes the
 * server SIGKILL itself right after the commit of a change's events, before its dispatcher can
 * publish them. The committed event must not be lost: the next process (or another instance
 * still running) publishes it, and clients receive it.
 *
 * Two server processes cannot share the embedded database, so this needs PostgreSQL: the file is
 * skipped unless DATABASE_URL is set. It runs `apps/server/dist/main.js`, which `npm test` builds.
 */
const WAIT = { timeout: 20_000, interval: 50 };

describe.skipIf(!usingPostgres())('a real process crash between commit and publish (skipped: needs DATABASE_URL, PostgreSQL)', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof sharedPostgres>>>;
  let database: Database;
  const processes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    shared = (await sharedPostgres())!;
    database = shared.database;
  });
  // Each test's servers end with it: a survivor left running would poll the next test's stranded
  // event too, and publish it from a process the next test's client is not connected to.
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(processes.splice(0).map((child) => child.stop('SIGKILL')));
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(processes.splice(0).map((child) => child.stop('SIGKILL')));
    await shared?.dispose();
  });

  const start = async (env: Record<string, string> = {}) => {
    const started = await startServerProcess({ DATABASE_URL: shared.url, ...env });
    processes.push(started);
    return started;
  };
  const rowsOf = (org: OrganizationFixture) =>
    database.db.select().from(events).where(eq(events.organizationId, org.organizationId)).orderBy(asc(events.eventId));
  const workOrdersOf = (org: OrganizationFixture) =>
    database.db.select().from(workOrders).where(eq(workOrders.organizationId, org.organizationId));

  /** Creates a work order through a server started with the failpoint, and waits for that server to die. */
  async function createAndCrash(org: OrganizationFixture, title: string) {
    const doomed = await start({ FAILPOINT: 'exit-after-commit' });
    const token = await login(doomed.baseUrl, org.users.planner.email);
    // The process dies while answering: the call fails (or, rarely, has its answer out first).
    await client(doomed.baseUrl, token)
      .post('/api/v1/work-orders', { title, equipmentId: org.equipmentId })
      .catch((error: unknown) => error);
    const exit = await doomed.exited;
    expect(exit, doomed.output()).toEqual({ code: null, signal: 'SIGKILL' });
  }

  async function plannerSocket(server: ServerProcess, org: OrganizationFixture) {
    const token = await login(server.baseUrl, org.users.planner.email);
    const { socket, confirm } = await connect(server.baseUrl, token);
    sockets.push(socket);
    const ack = await subscribe(socket, ['workorders:all']);
    expect(ack.success, JSON.stringify(ack)).toBe(true);
    return { socket, confirm };
  }

  it('the event is committed but unpublished when the process dies; the next process publishes it and a client receives it', async () => {
    const org = await createOrganization(database, 'crash-restart');
    await createAndCrash(org, 'Committed, then the process died');

    // The change and its event are durable; nobody published the event.
    const [created] = await workOrdersOf(org);
    expect(created).toMatchObject({ title: 'Committed, then the process died' });
    const stranded = await rowsOf(org);
    expect(stranded).toHaveLength(1);
    expect(stranded[0]).toMatchObject({ eventId: 1, name: 'workorder:update', publishedAt: null });
    expect(stranded[0]!.payload).toMatchObject({ eventType: 'created', workOrderId: created!.id });

    // A new process over the same database: its dispatcher publishes the stranded row at start.
    const survivor = await start();
    await vi.waitFor(async () => expect((await rowsOf(org))[0]!.publishedAt).toBeInstanceOf(Date), WAIT);

    // A client that last saw nothing resumes and receives it, once, with the committed id.
    const { socket, confirm } = await plannerSocket(survivor, org);
    expect(confirm.lastEventId).toBe(1);
    const received = collect(socket, 'workorder:update');
    const ack = await socket.timeout(30_000).emitWithAck('resume', { lastEventId: 0 });
    expect(ack).toMatchObject({ success: true, replayed: 1, lastEventId: 1 });
    expect(received.map((event) => [event.eventId, event.eventType, event.workOrderId])).toEqual([[1, 'created', created!.id]]);
    expect((await rowsOf(org)).map((row) => row.eventId)).toEqual([1]);
  });

  it('with another instance running, its poll publishes what the crashed one committed, live to a connected client', async () => {
    const org = await createOrganization(database, 'crash-live');
    const survivor = await start({ OUTBOX_POLL_MS: '100' });
    const { socket, confirm } = await plannerSocket(survivor, org);
    expect(confirm.lastEventId).toBe(0);
    const arrival = nextEvent(socket, 'workorder:update', (event) => event.eventId === 1, WAIT.timeout);

    await createAndCrash(org, 'Committed by an instance that died');

    const event = await arrival;
    const [created] = await workOrdersOf(org);
    expect(event).toMatchObject({ eventId: 1, eventType: 'created', workOrderId: created!.id });
    expect(event.data).toMatchObject({ title: 'Committed by an instance that died' });
    await vi.waitFor(async () => expect((await rowsOf(org)).map((row) => row.publishedAt !== null)).toEqual([true]), WAIT);
  });
});
