import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

/** Regressions from code review: each scenario once broke (or could break) in the way its name says it must not. */
describe('review fixes', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let slot = 0;

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'fixes');
    tokens = await tokensFor(server.baseUrl, org);
  });
  afterAll(() => server.close());

  const as = (role: RoleKey) => client(server.baseUrl, tokens[role]);

  /** A work order of Tess's, scheduled in its own hour; started when `start` is set. */
  const workOrderOfTess = async (start = false): Promise<string> => {
    const created = await as('planner').post('/api/v1/work-orders', { title: 'Replace coupling', equipmentId: org.equipmentId });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const begin = Date.UTC(2032, 0, 5, 8) + slot++ * 3_600_000;
    const assigned = await as('planner').post(`/api/v1/work-orders/${id}/assign`, {
      technicianId: org.technicianId,
      scheduledStartTime: new Date(begin).toISOString(),
      scheduledEndTime: new Date(begin + 1_800_000).toISOString(),
      force: true,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    if (start) expect((await as('technician').post(`/api/v1/work-orders/${id}/status`, { status: 'IN_PROGRESS' })).status).toBe(200);
    return id;
  };

  it('PATCH of an equipment description keeps its status DEGRADED and criticality A', async () => {
    const created = await as('planner').post('/api/v1/equipment', {
      equipmentNumber: 'FAN-3',
      name: 'Exhaust fan',
      type: 'Fan',
      status: 'DEGRADED',
      criticality: 'A',
    });
    expect(created.status).toBe(201);
    const patched = await as('planner').patch(`/api/v1/equipment/${created.body.id}`, { description: 'Bearing noise' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'Bearing noise', status: 'DEGRADED', criticality: 'A' });
    const reread = await as('planner').get(`/api/v1/equipment/${created.body.id}`);
    expect(reread.body).toMatchObject({ status: 'DEGRADED', criticality: 'A' });
  });

  it('PATCH of a location description keeps its kind LINE', async () => {
    const created = await as('planner').post('/api/v1/locations', { name: 'Packing line 2', kind: 'LINE', parentId: org.locationId });
    expect(created.status).toBe(201);
    const patched = await as('planner').patch(`/api/v1/locations/${created.body.id}`, { description: 'Night shift only' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'Night shift only', kind: 'LINE', parentId: org.locationId });
    expect((await as('planner').get(`/api/v1/locations/${created.body.id}`)).body.kind).toBe('LINE');
  });

  it('a NUL character in a JSON body or a query string is a 400, not a 500', async () => {
    const body = await as('planner').post('/api/v1/work-orders', { title: 'Pump\u0000leak', equipmentId: org.equipmentId });
    expect(body.status).toBe(400);
    expect(body.headers.get('content-type')).toContain('application/problem+json');
    const patched = await as('planner').patch(`/api/v1/equipment/${org.equipmentId}`, { description: 'x\u0000y' });
    expect(patched.status).toBe(400);
    for (const path of ['/api/v1/work-orders?search=%00', '/api/v1/work-orders/search?q=a%00b', '/api/v1/equipment?search=%00']) {
      expect((await as('planner').get(path)).status, path).toBe(400);
    }
  });

  it('a bracketed query parameter (status[]=OPEN) is a 400 naming it, not a list answered unfiltered', async () => {
    for (const query of ['status[]=OPEN', 'status[0]=OPEN&priority=HIGH', 'search[]=pump']) {
      const response = await as('planner').get(`/api/v1/work-orders?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type'), query).toContain('application/problem+json');
      expect(response.body.errors[0].path, query).toMatch(/\[/);
      expect(response.body.errors[0].message, query).toMatch(/repeat the parameter/);
    }
    // The two forms the lists read.
    for (const query of ['status=OPEN&status=SCHEDULED', 'status=OPEN,SCHEDULED']) {
      expect((await as('planner').get(`/api/v1/work-orders?${query}`)).status, query).toBe(200);
    }
  });

  it('a due date in the year 0050 is a 400, not stored and read back as 1950', async () => {
    const created = await as('planner').post('/api/v1/work-orders', {
      title: 'Ancient job',
      equipmentId: org.equipmentId,
      dueDate: '0050-06-01T00:00:00Z',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(400);
    expect(created.body.errors).toEqual([{ path: 'dueDate', message: 'must fall in the years 1000 to 9999 (UTC)' }]);
    const filtered = await as('planner').get('/api/v1/work-orders?dueDateFrom=0050-01-01T00:00:00Z');
    expect(filtered.status).toBe(400);
  });

  it.each(['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00'])('a due date of %s is a 400, not a 500', async (dueDate) => {
    const created = await as('planner').post('/api/v1/work-orders', { title: 'Far-off job', equipmentId: org.equipmentId, dueDate });
    expect.soft(created.status, JSON.stringify(created.body)).toBe(400);
    const existing = await as('planner').post('/api/v1/work-orders', { title: 'Near job', equipmentId: org.equipmentId });
    const patched = await as('planner').patch(`/api/v1/work-orders/${existing.body.id}`, { dueDate });
    expect.soft(patched.status, JSON.stringify(patched.body)).toBe(400);
  });

  it.each([
    ['equipment', '/api/v1/equipment', 'equipment cannot be part of itself'],
    ['locations', '/api/v1/locations', 'a location cannot be inside itself'],
  ])('two %s moved under each other at once: one move stands, the other is a 400, never a cycle', async (kind, base, message) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const create = (name: string) =>
        kind === 'equipment'
          ? as('planner').post(base, { equipmentNumber: `CYC-${attempt}-${name}`, name, type: 'Pump' })
          : as('planner').post(base, { name: `Cycle ${attempt} ${name}`, kind: 'AREA', parentId: org.locationId });
      const [a, b] = [await create('A'), await create('B')];
      expect([a.status, b.status]).toEqual([201, 201]);
      const moves = await Promise.all([
        as('planner').patch(`${base}/${a.body.id}`, { parentId: b.body.id }),
        as('manager').patch(`${base}/${b.body.id}`, { parentId: a.body.id }),
      ]);
      expect(moves.map((move) => move.status).sort()).toEqual([200, 400]);
      expect(moves.find((move) => move.status === 400)!.body.errors).toEqual([{ path: 'parentId', message }]);
      const parents = [
        (await as('planner').get(`${base}/${a.body.id}`)).body.parentId,
        (await as('planner').get(`${base}/${b.body.id}`)).body.parentId,
      ];
      expect(parents[0] === b.body.id && parents[1] === a.body.id).toBe(false);
    }
  });

  it('an hourly rate of 999999999 is a 400, not a numeric overflow', async () => {
    const created = await as('manager').post('/api/v1/technicians', {
      employeeId: 'T-99',
      firstName: 'Rich',
      lastName: 'Rate',
      hourlyRate: 999_999_999,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(400);
    const patched = await as('manager').patch(`/api/v1/technicians/${org.technicianId}`, { hourlyRate: 999_999_999 });
    expect(patched.status, JSON.stringify(patched.body)).toBe(400);
    expect((await as('manager').get(`/api/v1/technicians/${org.technicianId}`)).body.hourlyRate).toBe(50);
  });

  it('a stock adjustment whose reason is rejected leaves stock and ledger unchanged', async () => {
    const part = await as('planner').post('/api/v1/parts', { partNumber: 'ADJ-1', name: 'Filter', unitCost: 4, onHand: 7 });
    expect(part.status).toBe(201);
    const partId = part.body.id as string;
    const ledger = async () => (await as('planner').get(`/api/v1/parts/${partId}/movements?limit=100`)).body;
    const before = await ledger();
    for (const reason of [undefined, '', '   ', 'x'.repeat(501), 'bad\u0000reason']) {
      const adjusted = await as('planner').post(`/api/v1/parts/${partId}/adjustments`, { quantity: -2, reason });
      expect(adjusted.status, JSON.stringify(reason)).toBe(400);
    }
    expect((await as('planner').get(`/api/v1/parts/${partId}`)).body).toMatchObject({ onHand: 7, reserved: 0 });
    expect(await ledger()).toEqual(before);
    expect(before.total).toBe(1);
    const accepted = await as('planner').post(`/api/v1/parts/${partId}/adjustments`, { quantity: -2, reason: 'x'.repeat(500) });
    expect([200, 201]).toContain(accepted.status);
    expect(accepted.body.part.onHand).toBe(5);
  });

  it('a stock adjustment with If-Match applies only against the version read: stale 412, unreadable 400, ledger unchanged', async () => {
    const part = await as('planner').post('/api/v1/parts', { partNumber: 'ADJ-2', name: 'Belt', unitCost: 9, onHand: 10 });
    expect(part.status).toBe(201);
    const partId = part.body.id as string;
    const read = await as('planner').get(`/api/v1/parts/${partId}`);
    const etag = read.headers.get('etag')!;
    // Another clerk's count lands first.
    const first = await as('manager').post(
      `/api/v1/parts/${partId}/adjustments`,
      { quantity: -3, reason: 'Cycle count' },
      { 'if-match': etag },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const stale = await as('planner').post(
      `/api/v1/parts/${partId}/adjustments`,
      { quantity: -3, reason: 'Cycle count' },
      { 'if-match': etag },
    );
    expect(stale.status, JSON.stringify(stale.body)).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body.currentVersion).toBe(first.body.part.version);
    const unreadable = await as('planner').post(
      `/api/v1/parts/${partId}/adjustments`,
      { quantity: 1, reason: 'x' },
      { 'if-match': 'garbage' },
    );
    expect(unreadable.status).toBe(400);
    expect((await as('planner').get(`/api/v1/parts/${partId}`)).body).toMatchObject({ onHand: 7, version: first.body.part.version });
    expect((await as('planner').get(`/api/v1/parts/${partId}/movements?limit=100`)).body.total).toBe(2);
    // Against the current version it applies; without If-Match a delta applies whatever the version.
    const current = `"${first.body.part.version}"`;
    const fresh = await as('planner').post(
      `/api/v1/parts/${partId}/adjustments`,
      { quantity: 2, reason: 'Found two' },
      { 'if-match': current },
    );
    expect(fresh.status).toBe(201);
    const plain = await as('planner').post(`/api/v1/parts/${partId}/adjustments`, { quantity: 1, reason: 'Receipt' });
    expect(plain.status).toBe(201);
    expect(plain.body.part.onHand).toBe(10);
  });

  it('a body that is not UTF-8 is a 400 and one in another charset a 415; nothing is created', async () => {
    const before = (await as('planner').get('/api/v1/work-orders?limit=1')).body.total as number;
    const send = (contentType: string, body: Buffer) =>
      fetch(`${server.baseUrl}/api/v1/work-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.planner}`, 'content-type': contentType },
        body,
      });
    const invalid = Buffer.concat([
      Buffer.from('{"title":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`","equipmentId":"${org.equipmentId}"}`),
    ]);
    const refused = await send('application/json', invalid);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const utf16 = await send(
      'application/json; charset=utf-16',
      Buffer.from(JSON.stringify({ title: 'Pump', equipmentId: org.equipmentId })),
    );
    expect(utf16.status).toBe(415);
    expect((await as('planner').get('/api/v1/work-orders?limit=1')).body.total).toBe(before);
    const accepted = await send(
      'application/json; charset=utf-8',
      Buffer.from(JSON.stringify({ title: 'Lüfter prüfen', equipmentId: org.equipmentId })),
    );
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { title: string }).title).toBe('Lüfter prüfen');
  });

  it('once a work order is COMPLETED, reserving parts and adding tasks are 409', async () => {
    const id = await workOrderOfTess(true);
    expect((await as('technician').post(`/api/v1/work-orders/${id}/status`, { status: 'COMPLETED' })).status).toBe(200);
    for (const role of ['technician', 'planner'] as const) {
      const reserve = await as(role).post(`/api/v1/work-orders/${id}/parts`, { partId: org.partId, quantity: 1, action: 'reserve' });
      expect(reserve.status, role).toBe(409);
      expect((await as(role).post(`/api/v1/work-orders/${id}/tasks`, { title: 'One more thing' })).status, role).toBe(409);
    }
    expect((await as('planner').get(`/api/v1/parts/${org.partId}`)).body).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('completing work releases what is still reserved, with a RELEASE movement', async () => {
    const part = await as('planner').post('/api/v1/parts', { partNumber: 'REL-1', name: 'Gasket', unitCost: 2, onHand: 5 });
    const partId = part.body.id as string;
    const id = await workOrderOfTess(true);
    const reserved = await as('technician').post(`/api/v1/work-orders/${id}/parts`, { partId, quantity: 3, action: 'reserve' });
    expect(reserved.status).toBe(201);
    expect(reserved.body).toMatchObject({ partOnHand: 5, partAvailable: 2, line: { status: 'RESERVED', quantity: 3 } });
    expect((await as('technician').post(`/api/v1/work-orders/${id}/status`, { status: 'COMPLETED' })).status).toBe(200);
    expect((await as('planner').get(`/api/v1/parts/${partId}`)).body).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    const movements = (await as('planner').get(`/api/v1/parts/${partId}/movements`)).body.data;
    expect(movements.map((movement: any) => [movement.kind, movement.quantity, movement.onHandAfter, movement.reservedAfter])).toEqual([
      ['RELEASE', -3, 5, 0],
      ['RESERVE', 3, 5, 3],
      ['RECEIPT', 5, 5, 0],
    ]);
    expect(movements[0].workOrderId).toBe(id);
    const lines = await as('planner').get(`/api/v1/work-orders/${id}/parts`);
    expect(lines.body.map((line: any) => line.status)).toEqual(['RELEASED']);
  });

  it('a part line has a version: a stale If-Match is 412 and moves no stock, a current one moves it and answers the next ETag', async () => {
    const part = await as('planner').post('/api/v1/parts', { partNumber: 'VER-1', name: 'Seal', unitCost: 3, onHand: 4 });
    const partId = part.body.id as string;
    const id = await workOrderOfTess(true);
    const reserved = await as('technician').post(`/api/v1/work-orders/${id}/parts`, { partId, quantity: 2, action: 'reserve' });
    expect(reserved.body.line).toMatchObject({ status: 'RESERVED', version: 1 });
    const path = `/api/v1/work-orders/${id}/parts/${reserved.body.line.id}`;

    const stale = await as('technician').patch(path, { status: 'ISSUED' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect((await as('planner').get(`/api/v1/parts/${partId}`)).body).toMatchObject({ onHand: 4, reserved: 2 });

    const issued = await as('technician').patch(path, { status: 'ISSUED' }, { 'if-match': '"1"' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.headers.get('etag')).toBe('"2"');
    expect(issued.body).toMatchObject({ partOnHand: 2, line: { status: 'ISSUED', version: 2 } });
    // The version it was read at is gone: returning with it is refused, without If-Match it goes through.
    expect((await as('technician').patch(path, { status: 'RETURNED' }, { 'if-match': '"1"' })).status).toBe(412);
    const returned = await as('technician').patch(path, { status: 'RETURNED' });
    expect(returned.body).toMatchObject({ partOnHand: 4, line: { status: 'RETURNED', version: 3 } });
    expect((await as('planner').get(`/api/v1/work-orders/${id}/parts`)).body).toEqual([expect.objectContaining({ version: 3 })]);
  });

  it('a technician may add a task for themselves (201) but not assign it to a colleague (403)', async () => {
    const id = await workOrderOfTess();
    const forColleague = await as('technician').post(`/api/v1/work-orders/${id}/tasks`, {
      title: 'Align motor',
      assigneeId: org.otherTechnicianId,
    });
    expect(forColleague.status).toBe(403);
    const forSelf = await as('technician').post(`/api/v1/work-orders/${id}/tasks`, { title: 'Align motor', assigneeId: org.technicianId });
    expect(forSelf.status).toBe(201);
    expect(forSelf.body).toMatchObject({ title: 'Align motor', assigneeId: org.technicianId, position: 1 });
    const tasks = await as('planner').get(`/api/v1/work-orders/${id}/tasks`);
    expect(tasks.body.map((task: any) => task.assigneeId)).toEqual([org.technicianId]);
  });

  it('a technician takes an unassigned task and gives it back, but cannot take a colleague’s or hand one on', async () => {
    const id = await workOrderOfTess();
    const open = await as('planner').post(`/api/v1/work-orders/${id}/tasks`, { title: 'Grease bearings' });
    const theirs = await as('planner').post(`/api/v1/work-orders/${id}/tasks`, { title: 'Check belt', assigneeId: org.otherTechnicianId });
    const taskPath = (task: { body: { id: string } }) => `/api/v1/work-orders/${id}/tasks/${task.body.id}`;

    const taken = await as('technician').patch(taskPath(open), { assigneeId: org.technicianId });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ assigneeId: org.technicianId, version: 2 });
    const handedOn = await as('technician').patch(taskPath(open), { assigneeId: org.otherTechnicianId });
    expect(handedOn.status).toBe(403);
    const givenBack = await as('technician').patch(taskPath(open), { assigneeId: null });
    expect(givenBack.status, JSON.stringify(givenBack.body)).toBe(200);
    expect(givenBack.body).toMatchObject({ assigneeId: null, version: 3 });

    const grabbed = await as('technician').patch(taskPath(theirs), { assigneeId: org.technicianId });
    expect(grabbed.status).toBe(403);
    expect(grabbed.body.detail).toBe('Only planning staff may reassign a task; you may take an unassigned one or give back your own');
    const dropped = await as('technician').patch(taskPath(theirs), { assigneeId: null });
    expect(dropped.status).toBe(403);
    const tasks = await as('planner').get(`/api/v1/work-orders/${id}/tasks`);
    expect(tasks.body.map((task: any) => [task.title, task.assigneeId])).toEqual([
      ['Grease bearings', null],
      ['Check belt', org.otherTechnicianId],
    ]);
  });

  it('a stale If-Match on a task is still 412, and the first write stands', async () => {
    const id = await workOrderOfTess();
    const task = await as('planner').post(`/api/v1/work-orders/${id}/tasks`, { title: 'Check oil' });
    expect(task.headers.get('etag')).toBe('"1"');
    const first = await as('technician').patch(
      `/api/v1/work-orders/${id}/tasks/${task.body.id}`,
      { status: 'DONE' },
      { 'if-match': '"1"' },
    );
    expect(first.status).toBe(200);
    const stale = await as('planner').patch(`/api/v1/work-orders/${id}/tasks/${task.body.id}`, { title: 'Changed' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const tasks = await as('planner').get(`/api/v1/work-orders/${id}/tasks`);
    expect(tasks.body[0]).toMatchObject({ title: 'Check oil', status: 'DONE', version: 2 });
  });
});

describe('login throttle under a burst', () => {
  let server: TestServer;
  let org: OrganizationFixture;

  beforeAll(async () => {
    server = await startServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' });
    org = await createOrganization(server.database, 'burst');
  });
  afterAll(() => server.close());

  it('20 parallel wrong-password logins: at most 5 are answered 401, the rest 429', async () => {
    const anonymous = client(server.baseUrl);
    const email = org.users.planner.email;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => anonymous.post('/api/v1/auth/login', { email, password: 'wrong-password-123' })),
    );
    const statuses = answers.map((answer) => answer.status);
    const unauthorized = statuses.filter((status) => status === 401).length;
    const limited = statuses.filter((status) => status === 429).length;
    expect(unauthorized).toBeLessThanOrEqual(5);
    expect(unauthorized + limited).toBe(20);
    expect(answers.find((answer) => answer.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
