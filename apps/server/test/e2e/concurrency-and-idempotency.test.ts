import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

describe('optimistic concurrency, idempotent creates and conflicts over HTTP', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let planner: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'conc');
    tokens = await tokensFor(server.baseUrl, org);
    planner = client(server.baseUrl, tokens.planner);
  });
  afterAll(() => server.close());

  const countWorkOrders = async (title: string) => {
    const [row] = await server.database.rows<{ n: number }>(sql`select count(*)::int as n from work_orders where title = ${title}`);
    return row!.n;
  };

  it('412 when If-Match names a version someone else already replaced; the first write wins', async () => {
    const created = await planner.post('/api/v1/work-orders', { title: 'Align conveyor', equipmentId: org.equipmentId });
    const etag = created.headers.get('etag')!;
    const first = await planner.patch(`/api/v1/work-orders/${created.body.id}`, { priority: 'HIGH' }, { 'if-match': etag });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await planner.patch(`/api/v1/work-orders/${created.body.id}`, { priority: 'LOW' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'precondition_failed', currentVersion: 2 });
    const current = await planner.get(`/api/v1/work-orders/${created.body.id}`);
    expect(current.body.priority).toBe('HIGH');
  });

  it('concurrent PATCHes without If-Match: each answers 200 or 409 (a lost race is not a failed precondition)', async () => {
    const created = await planner.post('/api/v1/work-orders', { title: 'Calibrate scale', equipmentId: org.equipmentId });
    const titles = Array.from({ length: 12 }, (_, index) => `Calibrate scale ${index}`);
    const answers = await Promise.all(titles.map((title) => planner.patch(`/api/v1/work-orders/${created.body.id}`, { title })));
    const statuses = answers.map((answer) => answer.status);
    expect(
      statuses.every((status) => status === 200 || status === 409),
      statuses.join(', '),
    ).toBe(true);
    for (const lost of answers.filter((answer) => answer.status === 409)) expect(lost.body.code).toBe('conflict');
    const current = await planner.get(`/api/v1/work-orders/${created.body.id}`);
    expect(current.body.version).toBe(1 + statuses.filter((status) => status === 200).length);
    expect(titles).toContain(current.body.title);
  });

  it('412 on every kind of mutable resource with a stale If-Match', async () => {
    const targets = [
      { path: `/api/v1/equipment/${org.equipmentId}`, body: { model: 'X-1' } },
      { path: `/api/v1/parts/${org.partId}`, body: { reorderPoint: 2 } },
      { path: `/api/v1/locations/${org.locationId}`, body: { description: 'Hall A' } },
    ];
    for (const target of targets) {
      const current = await planner.get(target.path);
      const stale = `"${current.body.version - 1}"`;
      expect((await planner.patch(target.path, target.body, { 'if-match': stale })).status).toBe(412);
      expect((await planner.patch(target.path, target.body, { 'if-match': `"${current.body.version}"` })).status).toBe(200);
    }
    const admin = client(server.baseUrl, tokens.admin);
    const technician = await admin.get(`/api/v1/technicians/${org.technicianId}`);
    expect(
      (await admin.patch(`/api/v1/technicians/${org.technicianId}`, { phone: '1' }, { 'if-match': `"${technician.body.version + 3}"` }))
        .status,
    ).toBe(412);
  });

  it('replays a create with the same Idempotency-Key and body, creating nothing new', async () => {
    const body = { title: 'Replace V-belt', equipmentId: org.equipmentId, priority: 'LOW' };
    const first = await planner.post('/api/v1/work-orders', body, { 'idempotency-key': 'belt-1' });
    const again = await planner.post(
      '/api/v1/work-orders',
      { priority: 'LOW', equipmentId: org.equipmentId, title: 'Replace V-belt' },
      { 'idempotency-key': 'belt-1' },
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await countWorkOrders('Replace V-belt')).toBe(1);

    const reused = await planner.post('/api/v1/work-orders', { ...body, priority: 'HIGH' }, { 'idempotency-key': 'belt-1' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('lets concurrent duplicates of one keyed create make exactly one work order', async () => {
    const body = { title: 'Grease bearings (retried)', equipmentId: org.equipmentId };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => planner.post('/api/v1/work-orders', body, { 'idempotency-key': 'grease-7' })),
    );
    // The duplicates wait for the first and replay its answer.
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(responses.filter((response) => response.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    expect(await countWorkOrders('Grease bearings (retried)')).toBe(1);
  });

  it('a failed keyed create leaves nothing behind, so the same key works once the input is fixed', async () => {
    const bad = await planner.post('/api/v1/parts', { partNumber: 'P-1', name: 'Duplicate number' }, { 'idempotency-key': 'part-x' });
    expect(bad.status).toBe(409);
    const fixed = await planner.post('/api/v1/parts', { partNumber: 'P-1', name: 'Duplicate number' }, { 'idempotency-key': 'part-x' });
    expect(fixed.status).toBe(409);
  });

  it('keys belong to one user: another user with the same key creates their own', async () => {
    const body = { title: 'Check guard rail', equipmentId: org.equipmentId };
    const mine = await planner.post('/api/v1/work-orders', body, { 'idempotency-key': 'shared-key' });
    const theirs = await client(server.baseUrl, tokens.manager).post('/api/v1/work-orders', body, { 'idempotency-key': 'shared-key' });
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('409 names the allowed next states for a transition the machine refuses', async () => {
    const created = await planner.post('/api/v1/work-orders', { title: 'Inspect boiler', equipmentId: org.equipmentId });
    const refused = await planner.post(`/api/v1/work-orders/${created.body.id}/status`, { status: 'COMPLETED' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'transition_not_allowed', allowedNextStates: ['SCHEDULED', 'CANCELLED'] });
    expect(refused.body.detail).toContain('SCHEDULED, CANCELLED');
  });

  it('assign refuses a skill gap and an overlap unless forced, and records a forced assignment', async () => {
    const welding = await planner.post('/api/v1/work-orders', {
      title: 'Weld cracked bracket',
      equipmentId: org.equipmentId,
      requiredSkills: [{ skill: 'welding', minLevel: 2 }],
    });
    const slot = { technicianId: org.technicianId, scheduledStartTime: '2033-05-02T08:00:00Z', scheduledEndTime: '2033-05-02T10:00:00Z' };
    const gap = await planner.post(`/api/v1/work-orders/${welding.body.id}/assign`, slot);
    expect(gap.status).toBe(409);
    expect(gap.body.conflicts.skills).toEqual([{ skill: 'welding', requiredLevel: 2, technicianLevel: 0, technicianId: org.technicianId }]);

    const forced = await planner.post(`/api/v1/work-orders/${welding.body.id}/assign`, { ...slot, force: true });
    expect(forced.status).toBe(200);

    const second = await planner.post('/api/v1/work-orders', { title: 'Tighten flange', equipmentId: org.equipmentId });
    const overlap = await planner.post(`/api/v1/work-orders/${second.body.id}/assign`, {
      ...slot,
      scheduledStartTime: '2033-05-02T09:30:00Z',
      scheduledEndTime: '2033-05-02T11:00:00Z',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.conflicts.overlaps.map((o: { workOrderNumber: string }) => o.workOrderNumber)).toEqual([
      welding.body.workOrderNumber,
    ]);
    const adjacent = await planner.post(`/api/v1/work-orders/${second.body.id}/assign`, {
      ...slot,
      scheduledStartTime: '2033-05-02T10:00:00Z',
      scheduledEndTime: '2033-05-02T11:00:00Z',
    });
    expect(adjacent.status).toBe(200);

    const history = await planner.get(`/api/v1/work-orders/${welding.body.id}/history`);
    expect(history.body.some((entry: { note: string | null }) => entry.note?.includes('assigned despite'))).toBe(true);
  });

  it('assign refuses booking a machine another technician has then, unless forced; another machine is free', async () => {
    const slot = { scheduledStartTime: '2033-06-06T08:00:00Z', scheduledEndTime: '2033-06-06T10:00:00Z' };
    const first = await planner.post('/api/v1/work-orders', { title: 'Change pump oil', equipmentId: org.equipmentId });
    expect((await planner.post(`/api/v1/work-orders/${first.body.id}/assign`, { ...slot, technicianId: org.technicianId })).status).toBe(
      200,
    );

    const second = await planner.post('/api/v1/work-orders', { title: 'Check pump coupling', equipmentId: org.equipmentId });
    const later = {
      technicianId: org.otherTechnicianId,
      scheduledStartTime: '2033-06-06T09:00:00Z',
      scheduledEndTime: '2033-06-06T11:00:00Z',
    };
    const refused = await planner.post(`/api/v1/work-orders/${second.body.id}/assign`, later);
    expect(refused.status).toBe(409);
    expect(refused.body.conflicts).toEqual({
      skills: [],
      overlaps: [],
      equipmentOverlaps: [
        {
          workOrderId: first.body.id,
          workOrderNumber: first.body.workOrderNumber,
          scheduledStartTime: '2033-06-06T08:00:00.000Z',
          scheduledEndTime: '2033-06-06T10:00:00.000Z',
        },
      ],
      groupOverlaps: [],
      precedence: [],
      maintenanceWindow: null,
    });
    expect(refused.body.detail).toBe(
      `EQ-1 (Feed pump) is booked for ${first.body.workOrderNumber} then; send force: true to assign anyway`,
    );
    expect((await planner.get(`/api/v1/work-orders/${second.body.id}`)).body).toMatchObject({ status: 'OPEN', technicianId: null });

    const forced = await planner.post(`/api/v1/work-orders/${second.body.id}/assign`, { ...later, force: true });
    expect(forced.status).toBe(200);
    const history = await planner.get(`/api/v1/work-orders/${second.body.id}/history`);
    const change = history.body.find((entry: { kind: string }) => entry.kind === 'change');
    expect(change.note).toBe(`assigned despite: EQ-1 (Feed pump) is booked for ${first.body.workOrderNumber} then`);

    // While the pump is taken, the lathe is not: Tess, free from 10:00, is booked on it.
    const lathe = await planner.post('/api/v1/equipment', {
      equipmentNumber: 'EQ-LATHE',
      name: 'Lathe',
      type: 'Lathe',
      locationId: org.locationId,
    });
    expect(lathe.status, JSON.stringify(lathe.body)).toBe(201);
    const elsewhere = await planner.post('/api/v1/work-orders', { title: 'Check lathe chuck', equipmentId: lathe.body.id });
    const onLathe = {
      technicianId: org.technicianId,
      scheduledStartTime: '2033-06-06T10:00:00Z',
      scheduledEndTime: '2033-06-06T11:00:00Z',
    };
    expect((await planner.post(`/api/v1/work-orders/${elsewhere.body.id}/assign`, onLathe)).status).toBe(200);
  });

  it('two planners booking one machine at once for the same hours: one is booked, the other told why', async () => {
    const slot = { scheduledStartTime: '2033-06-13T08:00:00Z', scheduledEndTime: '2033-06-13T10:00:00Z' };
    const [a, b] = await Promise.all(
      ['Inspect pump seal', 'Inspect pump bearings'].map(
        async (title) => (await planner.post('/api/v1/work-orders', { title, equipmentId: org.equipmentId })).body.id as string,
      ),
    );
    const manager = client(server.baseUrl, tokens.manager);
    const answers = await Promise.all([
      planner.post(`/api/v1/work-orders/${a}/assign`, { ...slot, technicianId: org.technicianId }),
      manager.post(`/api/v1/work-orders/${b}/assign`, { ...slot, technicianId: org.otherTechnicianId }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(loser.body.conflicts.equipmentOverlaps).toHaveLength(1);
  });

  it('409 when stock is short, and the stock is unchanged', async () => {
    const created = await planner.post('/api/v1/work-orders', { title: 'Replace seals', equipmentId: org.equipmentId });
    const before = await planner.get(`/api/v1/parts/${org.partId}`);
    const short = await planner.post(`/api/v1/work-orders/${created.body.id}/parts`, {
      partId: org.partId,
      quantity: before.body.available + 1,
    });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({ code: 'insufficient_stock', available: before.body.available });
    const after = await planner.get(`/api/v1/parts/${org.partId}`);
    expect(after.body.onHand).toBe(before.body.onHand);
  });
});
