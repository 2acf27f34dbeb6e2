import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

describe('a work order from request to close', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'life');
    tokens = await tokensFor(server.baseUrl, org);
  });
  afterAll(() => server.close());

  it('is created, assigned, started, completed with parts and closed, with stock and history to match', async () => {
    const planner = client(server.baseUrl, tokens.planner);
    const technician = client(server.baseUrl, tokens.technician);
    const manager = client(server.baseUrl, tokens.manager);
    const requester = client(server.baseUrl, tokens.requester);

    const created = await requester.post('/api/v1/work-orders', {
      title: 'Feed pump leaking at the seal',
      type: 'CORRECTIVE',
      priority: 'HIGH',
      equipmentId: org.equipmentId,
      requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
      estimatedDuration: 90,
      tasks: [{ title: 'Isolate and drain' }, { title: 'Replace seal', estimatedDuration: 60 }],
    });
    expect(created.status).toBe(201);
    expect(created.body.workOrderNumber).toBe('WO-000001');
    expect(created.body.status).toBe('OPEN');
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body.id as string;

    const assigned = await planner.post(
      `/api/v1/work-orders/${id}/assign`,
      { technicianId: org.technicianId, scheduledStartTime: '2030-01-07T08:00:00Z', scheduledEndTime: '2030-01-07T09:30:00Z' },
      { 'if-match': '"1"' },
    );
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'SCHEDULED', technicianId: org.technicianId, version: 2 });

    const started = await technician.post(`/api/v1/work-orders/${id}/status`, { status: 'IN_PROGRESS' });
    expect(started.status).toBe(200);
    expect(started.body.actualStartTime).not.toBeNull();
    expect(started.body.allowedNextStates).toEqual(expect.arrayContaining(['ON_HOLD', 'PENDING_APPROVAL', 'COMPLETED']));

    const issued = await technician.post(`/api/v1/work-orders/${id}/parts`, { partId: org.partId, quantity: 2 });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ partOnHand: 8, line: { status: 'ISSUED', quantity: 2, unitCost: 25.5, partNumber: 'P-1' } });

    const blocked = await technician.post(`/api/v1/work-orders/${id}/status`, { status: 'COMPLETED' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toMatch(/2 checklist task/);

    const tasks = await technician.get(`/api/v1/work-orders/${id}/tasks`);
    for (const task of tasks.body) {
      const done = await technician.patch(
        `/api/v1/work-orders/${id}/tasks/${task.id}`,
        { status: 'DONE' },
        { 'if-match': `"${task.version}"` },
      );
      expect(done.status).toBe(200);
      expect(done.body.completedAt).not.toBeNull();
    }

    const completed = await technician.post(`/api/v1/work-orders/${id}/status`, {
      status: 'COMPLETED',
      completion: { failureMode: 'ELP', failureCause: 'wear', remedy: 'replace', firstTimeFix: true },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.actualEndTime).not.toBeNull();
    expect(completed.body.actualDuration).toBeGreaterThanOrEqual(0);
    expect(completed.body.completion).toMatchObject({ failureMode: 'ELP', firstTimeFix: true });

    const technicianClose = await technician.post(`/api/v1/work-orders/${id}/status`, { status: 'CLOSED' });
    expect(technicianClose.status).toBe(409);
    expect(technicianClose.body.allowedNextStates).toEqual([]);

    // The manager closing it corrects the remedy code; the rest of the technician's data stays.
    const closed = await manager.post(`/api/v1/work-orders/${id}/status`, {
      status: 'CLOSED',
      note: 'checked on site',
      completion: { remedy: 'replace and align' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('CLOSED');
    expect(closed.body.completion).toEqual({ failureMode: 'ELP', failureCause: 'wear', remedy: 'replace and align', firstTimeFix: true });

    const part = await manager.get(`/api/v1/parts/${org.partId}`);
    expect(part.body).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    const ledger = await manager.get(`/api/v1/parts/${org.partId}/movements`);
    expect(ledger.body.data.map((movement: { kind: string; quantity: number }) => [movement.kind, movement.quantity])).toEqual([
      ['ISSUE', -2],
      ['RECEIPT', 10],
    ]);

    const history = await manager.get(`/api/v1/work-orders/${id}/history`);
    const transitions = history.body
      .filter((entry: { kind: string }) => entry.kind === 'status')
      .map((entry: { fromStatus: string | null; toStatus: string }) => `${entry.fromStatus ?? '-'}>${entry.toStatus}`);
    expect(transitions).toEqual(['->OPEN', 'OPEN>SCHEDULED', 'SCHEDULED>IN_PROGRESS', 'IN_PROGRESS>COMPLETED', 'COMPLETED>CLOSED']);
    expect(history.body.at(-1).note).toBe('checked on site');

    const full = await manager.get(`/api/v1/work-orders/${id}?include=technician,equipment,tasks,parts`);
    expect(full.body.technician.employeeId).toBe('T-1');
    expect(full.body.equipment.equipmentNumber).toBe('EQ-1');
    expect(full.body.tasks).toHaveLength(2);
    expect(full.body.parts).toHaveLength(1);
  });

  it('refuses a booking longer than 366 days (a year typed wrong), and takes one of exactly 366', async () => {
    const planner = client(server.baseUrl, tokens.planner);
    const created = await planner.post('/api/v1/work-orders', { title: 'Reline kiln', type: 'CORRECTIVE', equipmentId: org.equipmentId });
    const id = created.body.id as string;
    const book = (scheduledEndTime: string) =>
      planner.post(`/api/v1/work-orders/${id}/assign`, {
        technicianId: org.technicianId,
        scheduledStartTime: '2031-04-01T00:00:00Z',
        scheduledEndTime,
        force: true,
      });
    for (const end of ['3031-04-01T00:00:00Z', '2032-04-01T00:00:01Z']) {
      const refused = await book(end);
      expect(refused.status, end).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'scheduledEndTime', message: 'a booking may span at most 366 days' }]);
    }
    expect((await planner.get(`/api/v1/work-orders/${id}`)).body).toMatchObject({ status: 'OPEN', scheduledEndTime: null, version: 1 });
    // 2032 is a leap year: 1 April 2031 to 1 April 2032 is 366 days.
    const longest = await book('2032-04-01T00:00:00Z');
    expect(longest.status, JSON.stringify(longest.body)).toBe(200);
  });

  it('refuses completion data on a move that does not record it, rather than dropping it', async () => {
    const planner = client(server.baseUrl, tokens.planner);
    const technician = client(server.baseUrl, tokens.technician);
    const created = await planner.post('/api/v1/work-orders', { title: 'Belt slipping', type: 'CORRECTIVE', equipmentId: org.equipmentId });
    const id = created.body.id as string;
    await planner.post(`/api/v1/work-orders/${id}/assign`, {
      technicianId: org.technicianId,
      scheduledStartTime: '2030-01-08T08:00:00Z',
      scheduledEndTime: '2030-01-08T09:00:00Z',
    });
    const started = await technician.post(`/api/v1/work-orders/${id}/status`, { status: 'IN_PROGRESS' });
    expect(started.status).toBe(200);

    const held = await technician.post(`/api/v1/work-orders/${id}/status`, {
      status: 'ON_HOLD',
      note: 'waiting for a belt',
      completion: { failureMode: 'BRD' },
    });
    expect(held.status).toBe(400);
    expect(held.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(held.body.errors).toEqual([
      { path: 'completion', message: 'completion data is recorded only when moving to PENDING_APPROVAL, COMPLETED, CLOSED' },
    ]);
    const after = await technician.get(`/api/v1/work-orders/${id}`);
    expect(after.body).toMatchObject({ status: 'IN_PROGRESS', version: started.body.version, completion: null });

    // Held with a note of blanks: the history records no note rather than an empty one.
    expect((await technician.post(`/api/v1/work-orders/${id}/status`, { status: 'ON_HOLD', note: '   ' })).status).toBe(200);
    const history = await technician.get(`/api/v1/work-orders/${id}/history`);
    expect(history.body.at(-1)).toMatchObject({ kind: 'status', fromStatus: 'IN_PROGRESS', toStatus: 'ON_HOLD', note: null });
  });
});
