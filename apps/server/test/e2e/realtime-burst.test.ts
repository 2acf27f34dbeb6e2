import type { WorkOrderUpdateEvent } from '@msched/contracts';
import { type RealtimeClient, type RealtimeSocket, createRealtimeClient } from '@msched/realtime-client';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewDomainEvent } from '../../src/platform/events/domain-event';
import { EventOutbox } from '../../src/platform/events/outbox';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { type TestServer, login, startServer } from '../support/server';

const EVENTS = 10_000;
const BATCH = 100;

/**
 * Clients whose transports are dropped again and again during a burst of 10,000 events each end
 * with every event they may see, in order, none twice: resume fills what a dropped connection
 * missed, and the client drops repeats by id.
 */
describe('a burst of 10,000 events with transports dropped throughout', () => {
  let server: TestServer;
  let org: OrganizationFixture;

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, `burst-${Date.now()}`);
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Event i concerns the first technician's work when i is even, the other technician's when odd. */
  const technicianOf = (index: number) => (index % 2 === 0 ? org.technicianId : org.otherTechnicianId);

  function burstEvent(index: number): NewDomainEvent {
    const technicianId = technicianOf(index);
    const workOrderId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    return {
      name: 'workorder:update',
      payload: {
        eventType: 'updated',
        workOrderId,
        data: {
          workOrderNumber: `WO-${String(index).padStart(6, '0')}`,
          title: `burst ${index}`,
          type: 'CORRECTIVE',
          status: 'SCHEDULED',
          priority: 'MEDIUM',
          equipmentId: org.equipmentId,
          technicianId,
          crewTechnicianIds: [],
          requesterId: null,
          dueDate: null,
          scheduledStartTime: null,
          scheduledEndTime: null,
          version: 1,
          updatedAt: new Date().toISOString(),
          changedFields: ['title'],
        },
        timestamp: new Date().toISOString(),
      },
      audience: {
        rooms: ['workorders:all', 'workorders:updates', 'workorders:updated', `workorder:${workOrderId}`, `technician:${technicianId}`],
        scope: { kind: 'workOrder', technicianIds: [technicianId], requesterId: null },
      },
    };
  }

  it('every client ends with exactly the events it may see, in id order, none twice', async () => {
    const outbox = server.app.get(EventOutbox);
    const people = [
      { key: 'planner', rooms: ['workorders:all'], sees: () => true },
      { key: 'manager', rooms: ['workorders:updates'], sees: () => true },
      { key: 'technician', rooms: [`technician:${org.technicianId}`], sees: (index: number) => index % 2 === 0 },
      { key: 'otherTechnician', rooms: [`technician:${org.otherTechnicianId}`], sees: (index: number) => index % 2 === 1 },
    ] as const;

    const sockets: RealtimeSocket[][] = [];
    const clients: {
      client: RealtimeClient;
      received: number[];
      titles: string[];
      sees: (index: number) => boolean;
      reconnects: number;
    }[] = [];
    for (const [position, person] of people.entries()) {
      const token = await login(server.baseUrl, org.users[person.key].email);
      sockets[position] = [];
      const realtime = createRealtimeClient({
        url: server.baseUrl,
        getToken: () => token,
        transports: ['websocket'],
        backoff: { initialDelayMs: 20, maxDelayMs: 200 },
        socketFactory: (url, options) => {
          const socket = io(url, options) as RealtimeSocket;
          sockets[position]!.push(socket);
          return socket;
        },
      });
      const entry = { client: realtime, received: [] as number[], titles: [] as string[], sees: person.sees, reconnects: 0 };
      realtime.onStatus((status) => void (status === 'reconnecting' && entry.reconnects++));
      realtime.on('workorder:update', (event: WorkOrderUpdateEvent) => {
        entry.received.push(event.eventId);
        entry.titles.push(event.data.title);
      });
      const ack = await realtime.subscribe([...person.rooms]);
      expect(ack.success).toBe(true);
      clients.push(entry);
    }
    const start = clients[0]!.client.lastEventId ?? 0;

    // The burst, in transactions of 100 events; after every 5th transaction, one client's transport is cut.
    const ids: number[] = [];
    for (let from = 0, round = 0; from < EVENTS; from += BATCH, round++) {
      const stored = await outbox.record(
        org.organizationId,
        Array.from({ length: BATCH }, (_, offset) => burstEvent(from + offset)),
      );
      ids.push(...stored.map((event) => event.eventId));
      if (round % 5 === 4) {
        const victim = sockets[round % sockets.length]!;
        victim[victim.length - 1]?.io.engine.close();
      }
    }
    expect(ids).toEqual(Array.from({ length: EVENTS }, (_, index) => start + index + 1));

    // Each client must end at its last visible event; wait for it (bounded), then compare exactly.
    const deadline = Date.now() + 120_000;
    for (const entry of clients) {
      const expectedIds = ids.filter((_, index) => entry.sees(index));
      while (entry.received[entry.received.length - 1] !== expectedIds[expectedIds.length - 1] && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The drops really happened: every client lost its transport and came back during the burst.
      expect(entry.reconnects).toBeGreaterThan(0);
      expect(entry.received).toEqual(expectedIds);
      expect(entry.titles).toEqual(
        ids
          .map((_, index) => index)
          .filter((index) => entry.sees(index))
          .map((index) => `burst ${index}`),
      );
    }
    for (const entry of clients) entry.client.close();
  }, 180_000);
});
