import { randomUUID } from 'node:crypto';
import { type Priority, WORK_ORDER_SORTS, WORK_ORDER_STATUSES, type WorkOrderSort, type WorkOrderStatus } from '@msched/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import {
  HOUR_MS,
  type WorkOrderRow,
  type WorkOrderSeed,
  expectedOrder,
  idOf,
  ids,
  insertEquipment,
  insertPartLines,
  insertTasks,
  insertTechnician,
  insertWorkOrders,
  utc,
} from '../support/query-fixtures';
import { type RoleKey, type TestServer, client, createOrganization, login, startServer, tokensFor } from '../support/server';

/** Row i of the main set has id idOf(i, 1): `label` turns an answered id back into i. */
const label = (id: string) => parseInt(id.slice(-12), 16);
const labels = (body: { data: { id: string }[] }) => ids(body).map(label);

const PRIORITY_BY_I_MOD_5: Priority[] = ['MEDIUM', 'CRITICAL', 'HIGH', 'LOW', 'MEDIUM'];
const TITLES: Record<number, string> = {
  3: 'Gearbox oil change',
  11: 'Valve 50% open',
  12: 'Pressure 500 bar',
  13: 'PUMP_A seal',
  14: 'PUMPXA seal',
};
const ZEPHYR = { equipmentNumber: 'CMP-9', name: 'Zephyr compressor', type: 'Compressor' };

describe('work-order lists, search, sort and paging', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let foreignTokens: Record<RoleKey, string>;
  let quincy: string;
  let zephyr: string;
  /** The 40 live rows of the main organization, as stored. */
  let live: WorkOrderRow[];
  let foreignIds: string[];

  /**
   * Row i (1..40): status cycles through all 8 states; priority by i mod 5; due on March
   * (1 + i mod 7), 12:00, and empty when i is a multiple of 6; created (7i mod 13) hours into
   * 2030; technician by i mod 3 (Tess, Otto, Quincy), none while OPEN; equipment "Zephyr
   * compressor" when i is a multiple of 4; number 100 − i, so number order is the reverse of id order.
   */
  const seedOf = (i: number): WorkOrderSeed => {
    const status = WORK_ORDER_STATUSES[(i - 1) % 8]!;
    const assigned = status !== 'OPEN';
    const start = new Date(utc('2031-02-01').getTime() + ((i * 5) % 9) * HOUR_MS);
    return {
      id: idOf(i, 1),
      number: 100 - i,
      title: TITLES[i] ?? `Job ${i}`,
      description: i === 5 ? 'Strong VIBRATION at the drive-end bearing' : null,
      status,
      priority: PRIORITY_BY_I_MOD_5[i % 5]!,
      dueDate: i % 6 === 0 ? null : utc(`2031-03-0${1 + (i % 7)}`, 12),
      createdAt: new Date(utc('2030-01-01').getTime() + ((i * 7) % 13) * HOUR_MS),
      updatedAt: new Date(utc('2030-06-01').getTime() + ((i * 11) % 17) * 60_000),
      scheduledStartTime: assigned ? start : null,
      scheduledEndTime: assigned ? new Date(start.getTime() + HOUR_MS) : null,
      technicianId: assigned ? [org.technicianId, org.otherTechnicianId, quincy][i % 3]! : null,
      equipmentId: i % 4 === 0 ? zephyr : org.equipmentId,
      requesterId: requesterOf(i),
    };
  };
  /** The requester for i a multiple of 5; Tess (the technician user) for 7 and 22, Otto's work. */
  const requesterOf = (i: number) => {
    if (i % 5 === 0) return org.users.requester.id;
    if (i === 7 || i === 22) return org.users.technician.id;
    return i % 5 === 1 ? org.users.otherRequester.id : null;
  };

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'q');
    foreign = await createOrganization(server.database, 'qf');
    [tokens, foreignTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, foreign)]);
    const QUINCY = { employeeId: 'EMP-947', firstName: 'Quincy', lastName: 'Zabrowski' };
    quincy = await insertTechnician(server.database, org.organizationId, QUINCY);
    zephyr = await insertEquipment(server.database, org.organizationId, ZEPHYR);
    const seeds = Array.from({ length: 40 }, (_, index) => seedOf(index + 1));
    // A deleted row that would match almost everything: it must never be answered.
    seeds.push({ ...seedOf(4), id: idOf(41, 1), number: 59, title: 'Gearbox deleted', deletedAt: utc('2030-02-01') });
    live = (await insertWorkOrders(server.database, org, seeds)).filter((row) => row.deletedAt === null);
    const foreignZephyr = await insertEquipment(server.database, foreign.organizationId, ZEPHYR);
    foreignIds = (
      await insertWorkOrders(
        server.database,
        { organizationId: foreign.organizationId, equipmentId: foreignZephyr },
        [1, 2, 3].map((n) => ({
          id: idOf(n, 2),
          number: n,
          title: 'Gearbox foreign',
          status: 'SCHEDULED' as const,
          technicianId: foreign.technicianId,
          requesterId: foreign.users.requester.id,
        })),
      )
    ).map((row) => row.id);
    // Row 2: three tasks (stored out of position order) and two part lines; row 3: one task.
    const task = (i: number, position: number) => ({ workOrderId: idOf(i, 1), position, title: `Step ${position} of ${i}` });
    await insertTasks(server.database, org.organizationId, [task(2, 3), task(2, 1), task(3, 1), task(2, 2)]);
    await insertPartLines(server.database, org.organizationId, [
      { workOrderId: idOf(2, 1), partId: org.partId, quantity: 1 },
      { workOrderId: idOf(2, 1), partId: org.partId, quantity: 2 },
    ]);
  });
  afterAll(() => server.close());

  const as = (token: string) => client(server.baseUrl, token);
  const list = async (query: string, token = tokens.planner) => {
    const response = await as(token).get(`/api/v1/work-orders?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  /** The live rows matching `keep`, in work-order-number order (the reverse of i). */
  const where = (keep: (row: WorkOrderRow, i: number) => boolean) =>
    expectedOrder(
      live.filter((row) => keep(row, label(row.id))),
      'workOrderNumber',
    ).map(label);
  const byNumber = 'sort=workOrderNumber&limit=100';

  it('filters by status given as a comma list or as a repeated parameter', async () => {
    const comma = await list(`status=OPEN,SCHEDULED&${byNumber}`);
    const repeated = await list(`status=OPEN&status=SCHEDULED&${byNumber}`);
    expect(labels(comma)).toEqual([34, 33, 26, 25, 18, 17, 10, 9, 2, 1]);
    expect(labels(repeated)).toEqual(labels(comma));
    expect(comma.total).toBe(10);
    expect(labels(await list(`status=CANCELLED&priority=MEDIUM&${byNumber}`))).toEqual([40, 24]);
    expect((await as(tokens.planner).get('/api/v1/work-orders?status=OPEN,DONE')).status).toBe(400);
  });

  it('filters by priority, technician, equipment, due-date window and creation time', async () => {
    const highOrCritical = await list(`priority=HIGH,CRITICAL&${byNumber}`);
    expect(labels(highOrCritical)).toEqual(where((_, i) => i % 5 === 1 || i % 5 === 2));
    expect(highOrCritical.total).toBe(16);
    expect(labels(await list(`technicianId=${quincy}&${byNumber}`))).toEqual([38, 35, 32, 29, 26, 23, 20, 14, 11, 8, 5, 2]);
    expect(labels(await list(`equipmentId=${zephyr}&${byNumber}`))).toEqual([40, 36, 32, 28, 24, 20, 16, 12, 8, 4]);
    // Both ends are inclusive: due on March 3 or 4 at 12:00; empty due dates never match.
    expect(labels(await list(`dueDateFrom=2031-03-03T12:00:00Z&dueDateTo=2031-03-04T12:00:00Z&${byNumber}`))).toEqual([
      38, 37, 31, 23, 17, 16, 10, 9, 3, 2,
    ]);
    expect(labels(await list(`dueDateFrom=2031-03-07T12:00:00Z&${byNumber}`))).toEqual([34, 27, 20, 13]);
    const reversed = await as(tokens.planner).get('/api/v1/work-orders?dueDateFrom=2031-03-04T00:00:00Z&dueDateTo=2031-03-03T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([{ path: 'dueDateTo', message: 'must not be before dueDateFrom' }]);
    // Created 12 hours into 2030: 7i ≡ 12 (mod 13) ⇔ i ≡ 11 (mod 13).
    expect(labels(await list(`createdAfter=2030-01-01T11:30:00Z&${byNumber}`))).toEqual([37, 24, 11]);
  });

  it.each([
    ['a title, case-insensitively', 'gearbox', [3]],
    ['a description', 'vibration', [5]],
    ['a work-order number', 'WO-000071', [29]],
    ['an equipment name', 'zephyr', [40, 36, 32, 28, 24, 20, 16, 12, 8, 4]],
    ['an equipment number', 'cmp-9', [40, 36, 32, 28, 24, 20, 16, 12, 8, 4]],
    ['a technician first name', 'QUINCY', [38, 35, 32, 29, 26, 23, 20, 14, 11, 8, 5, 2]],
    ['a technician last name', 'zabrow', [38, 35, 32, 29, 26, 23, 20, 14, 11, 8, 5, 2]],
    ['a technician full name, as the dashboard shows it', 'quincy zabrowski', [38, 35, 32, 29, 26, 23, 20, 14, 11, 8, 5, 2]],
    ['the end of a first name and the start of a last name', 'cy zab', [38, 35, 32, 29, 26, 23, 20, 14, 11, 8, 5, 2]],
    ['a technician employee id', 'emp-947', [38, 35, 32, 29, 26, 23, 20, 14, 11, 8, 5, 2]],
    ['a last name before a first name (not a name anyone reads)', 'zabrowski quincy', []],
    ['a literal percent sign', '50%', [11]],
    ['a lone percent sign', '%', [11]],
    ['a literal underscore', 'PUMP_A', [13]],
    ['a lone underscore', '_', [13]],
  ])('search matches %s (%s)', async (_what, text, expected) => {
    const body = await list(`search=${encodeURIComponent(text)}&${byNumber}`);
    expect(labels(body)).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it('answers and counts once a work order that matches several ways', async () => {
    // Both equipment names hold an "e", as do titles 3 and 11-14 and each technician's name or id.
    const body = await list(`search=e&${byNumber}`);
    expect(labels(body)).toEqual(labels(await list(byNumber)));
    expect(body).toMatchObject({ total: 40, totalIsEstimate: false });
    expect(await list(`search=e&${byNumber}&page=2`)).toMatchObject({ data: [], total: 40 });
  });

  it('search combines with filters, and /work-orders/search needs q', async () => {
    expect(labels(await list(`search=zephyr&status=CANCELLED&${byNumber}`))).toEqual([40, 32, 24, 16, 8]);
    const searched = await as(tokens.planner).get(`/api/v1/work-orders/search?q=zabrowski&${byNumber}`);
    expect(searched.status).toBe(200);
    expect(labels(searched.body)).toEqual([38, 35, 32, 29, 26, 23, 20, 14, 11, 8, 5, 2]);
    expect((await as(tokens.planner).get('/api/v1/work-orders/search')).status).toBe(400);
    expect((await as(tokens.planner).get('/api/v1/work-orders/search?q=%20%20')).status).toBe(400);
  });

  it('lists by equipment and by technician', async () => {
    const byEquipment = await as(tokens.planner).get(`/api/v1/work-orders/equipment/${zephyr}?${byNumber}`);
    expect(labels(byEquipment.body)).toEqual([40, 36, 32, 28, 24, 20, 16, 12, 8, 4]);
    const byTechnician = await as(tokens.planner).get(`/api/v1/work-orders/technician/${org.technicianId}?${byNumber}`);
    expect(labels(byTechnician.body)).toEqual([39, 36, 30, 27, 24, 21, 18, 15, 12, 6, 3]);

    // Another organization's equipment or technician, or an unknown one, is 404 as on their own
    // endpoints, not an empty list; asked twice: a refusal is not kept as an empty page.
    for (const path of [
      `equipment/${foreign.equipmentId}`,
      `equipment/${randomUUID()}`,
      `technician/${foreign.technicianId}`,
      `technician/${randomUUID()}`,
      // The same filters on the list and on search.
      `?equipmentId=${foreign.equipmentId}`,
      `?technicianId=${randomUUID()}`,
      `search?q=Gearbox&technicianId=${foreign.technicianId}`,
      `?equipmentId=${zephyr}&technicianId=${foreign.technicianId}`,
    ]) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await as(tokens.planner).get(`/api/v1/work-orders/${path}`);
        expect(response.status, path).toBe(404);
        expect(response.body.code, path).toBe('not_found');
      }
    }
  });

  it.each(WORK_ORDER_SORTS.map((sort) => [sort]))('sorts by %s, ties broken by id', async (sort) => {
    const body = await list(`sort=${sort}&limit=100`);
    expect(ids(body)).toEqual(expectedOrder(live, sort));
  });

  it('puts empty due dates last ascending and first descending (worked out by hand)', async () => {
    const ascending = labels(await list('sort=dueDate&limit=100'));
    expect(ascending.slice(0, 5)).toEqual([7, 14, 21, 28, 35]);
    expect(ascending.slice(-6)).toEqual([6, 12, 18, 24, 30, 36]);
    expect(labels(await list('sort=-dueDate&limit=100')).slice(0, 10)).toEqual([36, 30, 24, 18, 12, 6, 34, 27, 20, 13]);
    expect(labels(await list('sort=priority&limit=8'))).toEqual([3, 8, 13, 18, 23, 28, 33, 38]);
  });

  it('pages by page and limit with the total, and refuses limit 101', async () => {
    const second = await list('sort=workOrderNumber&limit=7&page=2');
    expect(labels(second)).toEqual([33, 32, 31, 30, 29, 28, 27]);
    expect(second).toMatchObject({ total: 40, totalIsEstimate: false, page: 2, limit: 7 });
    const beyond = await list('sort=workOrderNumber&limit=7&page=7');
    expect(beyond.data).toEqual([]);
    expect(beyond.total).toBe(40);
    expect((await list('limit=100')).data).toHaveLength(40);
    for (const bad of ['limit=101', 'limit=0', 'page=0', 'sort=title']) {
      expect((await as(tokens.planner).get(`/api/v1/work-orders?${bad}`)).status, bad).toBe(400);
    }
  });

  const walk = async (query: string) => {
    const seen: string[] = [];
    let body = await list(`${query}&limit=7`);
    for (let step = 0; step < 30; step++) {
      seen.push(...ids(body));
      if (!body.nextCursor) return seen;
      body = await list(`${query}&limit=7&cursor=${encodeURIComponent(body.nextCursor)}`);
    }
    throw new Error('the cursor never ran out');
  };

  it.each(WORK_ORDER_SORTS.map((sort) => [sort]))('a cursor walk by %s yields every row once, in the big-page order', async (sort) => {
    const walked = await walk(`sort=${sort}`);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual(ids(await list(`sort=${sort}&limit=100`)));
    expect(walked).toEqual(expectedOrder(live, sort as WorkOrderSort));
  });

  it('a cursor walk keeps the filters', async () => {
    const walked = await walk('sort=-dueDate&status=SCHEDULED,IN_PROGRESS,CANCELLED');
    expect(walked).toEqual(
      expectedOrder(
        live.filter((row) => ['SCHEDULED', 'IN_PROGRESS', 'CANCELLED'].includes(row.status)),
        '-dueDate',
      ),
    );
  });

  it('refuses a cursor made for another sort, and a garbage cursor, with 400', async () => {
    const { nextCursor } = await list('sort=dueDate&limit=7');
    expect(typeof nextCursor).toBe('string');
    const other = await as(tokens.planner).get(`/api/v1/work-orders?sort=createdAt&limit=7&cursor=${nextCursor}`);
    expect(other.status).toBe(400);
    const forged = Buffer.from(JSON.stringify(['workOrderNumber', 'abc', idOf(1, 1)])).toString('base64url');
    for (const cursor of ['not-a-cursor!!', forged, '', Buffer.from('{}').toString('base64url')]) {
      const response = await as(tokens.planner).get(`/api/v1/work-orders?sort=workOrderNumber&cursor=${encodeURIComponent(cursor)}`);
      expect(response.status, cursor).toBe(400);
    }
  });

  it('pages a search by page, with its total even past the end, and by cursor', async () => {
    const matches = [40, 36, 32, 28, 24, 20, 16, 12, 8, 4];
    const second = await list('search=zephyr&sort=workOrderNumber&limit=4&page=2');
    expect(labels(second)).toEqual(matches.slice(4, 8));
    expect(second).toMatchObject({ total: 10, totalIsEstimate: false });
    // No row carries the count past the end, so it is counted on its own.
    const beyond = await list('search=zephyr&sort=workOrderNumber&limit=4&page=4');
    expect(beyond).toMatchObject({ data: [], total: 10, totalIsEstimate: false });
    const searched = await as(tokens.planner).get('/api/v1/work-orders/search?q=zephyr&sort=workOrderNumber&limit=4&page=9');
    expect(searched.body).toMatchObject({ data: [], total: 10 });
    expect((await walk('search=zephyr&sort=workOrderNumber')).map(label)).toEqual(matches);
  });

  it('refuses a tampered cursor value with 400: empty for a sort that is never empty, a number the column cannot hold', async () => {
    const forge = (sort: WorkOrderSort, value: unknown) => Buffer.from(JSON.stringify([sort, value, idOf(1, 1)])).toString('base64url');
    const tampered: [WorkOrderSort, unknown][] = [
      ['createdAt', null],
      ['-updatedAt', null],
      ['priority', null],
      ['workOrderNumber', null],
      ['workOrderNumber', 1e20],
      ['-workOrderNumber', 2 ** 31],
      ['workOrderNumber', 1.5],
    ];
    for (const [sort, value] of tampered) {
      const response = await as(tokens.planner).get(`/api/v1/work-orders?sort=${sort}&cursor=${forge(sort, value)}`);
      expect(response.status, `${sort} ${value}`).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['cursor']);
    }
    // The largest number the column holds is a cursor past the last row; an empty due date is one of the list's.
    expect((await list(`sort=workOrderNumber&cursor=${forge('workOrderNumber', 2 ** 31 - 1)}`)).data).toEqual([]);
    expect(labels(await list(`sort=-dueDate&limit=3&cursor=${forge('-dueDate', null)}`))).toEqual([34, 27, 20]);
  });

  it('include=technician,equipment,tasks,parts attaches each work order’s own relations', async () => {
    const body = await list(`include=technician,equipment,tasks,parts&status=SCHEDULED,IN_PROGRESS,ON_HOLD&${byNumber}`);
    const byLabel = new Map(body.data.map((workOrder: any) => [label(workOrder.id), workOrder]));
    const two: any = byLabel.get(2);
    expect(two.technician).toMatchObject({ id: quincy, employeeId: 'EMP-947', firstName: 'Quincy', hourlyRate: 45 });
    expect(two.equipment).toMatchObject({ id: org.equipmentId, equipmentNumber: 'EQ-1' });
    expect(two.tasks.map((task: any) => task.title)).toEqual(['Step 1 of 2', 'Step 2 of 2', 'Step 3 of 2']);
    // Both lines were stored in one statement (same createdAt), so their order is by random id.
    expect(two.parts.map((line: any) => `${line.partNumber}×${line.quantity}`).sort()).toEqual(['P-1×1', 'P-1×2']);
    expect((byLabel.get(3) as any).tasks.map((task: any) => task.title)).toEqual(['Step 1 of 3']);
    expect((byLabel.get(3) as any).parts).toEqual([]);
    expect((byLabel.get(12) as any).equipment.equipmentNumber).toBe('CMP-9');
    for (const workOrder of body.data) expect(workOrder.technician.id).toBe(workOrder.technicianId);
    const open = await list('include=technician&status=OPEN');
    expect(open.data.map((workOrder: any) => workOrder.technician)).toEqual([null, null, null, null, null]);
    expect((await as(tokens.planner).get('/api/v1/work-orders?include=owner')).status).toBe(400);
  });

  it('a technician sees only work assigned to or requested by them, in lists, search and dashboard', async () => {
    const mine = [39, 36, 30, 27, 24, 22, 21, 18, 15, 12, 7, 6, 3];
    expect(labels(await list(byNumber, tokens.technician))).toEqual(mine);
    expect(labels(await list(`search=zephyr&${byNumber}`, tokens.technician))).toEqual([36, 24, 12]);
    const searched = await as(tokens.technician).get(`/api/v1/work-orders/search?q=job&${byNumber}`);
    expect(labels(searched.body)).toEqual(mine.filter((i) => i !== 3 && i !== 12));
    const stats = await as(tokens.technician).get('/api/v1/work-orders/dashboard/stats');
    expect(stats.body.totalWorkOrders).toBe(13);
    // Their own record in full; a colleague's (Otto, on work Tess requested) only as a summary.
    const withTechnician = await list(`include=technician&${byNumber}`, tokens.technician);
    const technicianOf = (i: number) => withTechnician.data.find((row: any) => label(row.id) === i).technician;
    expect(technicianOf(3).hourlyRate).toBe(50);
    expect(Object.keys(technicianOf(7)).sort()).toEqual(['employeeId', 'firstName', 'id', 'lastName']);
  });

  it('a requester sees only their own requests, may not include parts, and sees a technician summary', async () => {
    expect(labels(await list(byNumber, tokens.requester))).toEqual([40, 35, 30, 25, 20, 15, 10, 5]);
    const stats = await as(tokens.requester).get('/api/v1/work-orders/dashboard/stats');
    expect(stats.body.totalWorkOrders).toBe(8);
    expect((await as(tokens.requester).get('/api/v1/work-orders?include=parts')).status).toBe(403);
    const withTechnician = await list(`include=technician&${byNumber}`, tokens.requester);
    const five = withTechnician.data.find((row: any) => label(row.id) === 5);
    expect(five.technician).toEqual({ id: quincy, employeeId: 'EMP-947', firstName: 'Quincy', lastName: 'Zabrowski' });
  });

  it('another organization’s work never appears, even for the same role and the same query', async () => {
    // Both organizations' cache generations are equal here (as for any two organizations after a
    // restart with the in-process cache): a cache key without the organization would leak.
    const query = 'search=gearbox&limit=97';
    expect.soft(labels(await list(query, tokens.manager))).toEqual([3]);
    expect.soft(ids(await list(query, foreignTokens.manager)).sort()).toEqual([...foreignIds].sort());
    expect.soft((await as(tokens.manager).get('/api/v1/work-orders/dashboard/stats')).body.totalWorkOrders).toBe(40);
    expect.soft((await as(foreignTokens.manager).get('/api/v1/work-orders/dashboard/stats')).body.totalWorkOrders).toBe(3);
  });
});

describe('equipment history and estimated totals', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let press: string;
  let bulk: OrganizationFixture;

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'hist');
    tokens = await tokensFor(server.baseUrl, org);
    press = await insertEquipment(server.database, org.organizationId, { equipmentNumber: 'HP-7', name: 'Hydraulic press', type: 'Press' });
    const [tess, otto] = [org.technicianId, org.otherTechnicianId];
    const row = (k: number, status: WorkOrderStatus, priority: Priority, technicianId: string | null, end: Date | null) =>
      ({ id: idOf(k, 3), number: k, status, priority, technicianId, actualEndTime: end, equipmentId: press }) satisfies WorkOrderSeed;
    await insertWorkOrders(server.database, org, [
      { ...row(1, 'COMPLETED', 'HIGH', tess, utc('2031-05-10', 10)), requesterId: org.users.requester.id },
      row(2, 'CLOSED', 'LOW', otto, utc('2031-05-12', 9)),
      row(3, 'CANCELLED', 'HIGH', null, null),
      row(4, 'CANCELLED', 'MEDIUM', tess, utc('2031-05-11')),
      row(5, 'COMPLETED', 'CRITICAL', otto, utc('2031-05-12', 9)),
      row(6, 'IN_PROGRESS', 'HIGH', tess, null),
      row(7, 'OPEN', 'HIGH', null, null),
      { ...row(8, 'COMPLETED', 'HIGH', tess, utc('2031-05-13')), equipmentId: org.equipmentId },
      { ...row(9, 'COMPLETED', 'HIGH', tess, utc('2031-05-14')), deletedAt: utc('2031-05-15') },
    ]);
    bulk = await createOrganization(server.database, 'bulk');
    const seeds = Array.from({ length: 1200 }, (_, index) => ({ number: index + 1, status: index < 1000 ? 'OPEN' : 'SCHEDULED' }) as const);
    await insertWorkOrders(server.database, bulk, seeds);
  });
  afterAll(() => server.close());

  const history = (query = '', token = tokens.manager) => client(server.baseUrl, token).get(`/api/v1/equipment/${press}/history?${query}`);

  it('equipment history holds finished work only, newest actual end first, ties by id, no end last', async () => {
    const all = await history();
    expect(all.status).toBe(200);
    expect(labels(all.body)).toEqual([2, 5, 4, 1, 3]);
    expect(all.body.total).toBe(5);
  });

  it('equipment history filters by status, priority, date range and technician, and pages', async () => {
    const cases: [string, number[]][] = [
      ['status=CANCELLED', [4, 3]],
      ['status=COMPLETED,CLOSED', [2, 5, 1]],
      ['priority=HIGH', [1, 3]],
      ['dateFrom=2031-05-11T00:00:00Z', [2, 5, 4]],
      ['dateTo=2031-05-11T00:00:00Z', [4, 1]],
      ['dateFrom=2031-05-10T10:00:00Z&dateTo=2031-05-11T00:00:00Z', [4, 1]],
      [`technicianId=${org.otherTechnicianId}`, [2, 5]],
      ['limit=2&page=2', [4, 1]],
    ];
    for (const [query, expected] of cases) expect(labels((await history(query)).body), query).toEqual(expected);
    expect((await history('status=OPEN')).status).toBe(400);
    // A requester sees only the finished work they asked for.
    expect(labels((await history('', tokens.requester)).body)).toEqual([1]);
  });

  it('an empty status filter still means finished work only, as on the lists it means no filter', async () => {
    for (const query of ['status=', 'status=,', 'status=%20', 'status=&status=']) {
      const response = await history(query);
      expect(response.status, query).toBe(200);
      expect(labels(response.body), query).toEqual([2, 5, 4, 1, 3]);
    }
    const listed = await client(server.baseUrl, tokens.manager).get(`/api/v1/work-orders/equipment/${press}?status=,&sort=workOrderNumber`);
    expect(labels(listed.body)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('equipment history refuses a date range that ends before it starts, as the list does; equal ends are one instant', async () => {
    const reversed = await history('dateFrom=2026-01-02T00:00:00Z&dateTo=2025-01-01T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([{ path: 'dateTo', message: 'must not be before dateFrom' }]);
    expect(labels((await history('dateFrom=2031-05-12T09:00:00Z&dateTo=2031-05-12T09:00:00Z')).body)).toEqual([2, 5]);
  });

  it('equipment history of unknown or foreign equipment is 404', async () => {
    const manager = client(server.baseUrl, tokens.manager);
    expect((await manager.get(`/api/v1/equipment/${idOf(999, 9)}/history`)).status).toBe(404);
    expect((await manager.get(`/api/v1/equipment/${bulk.equipmentId}/history`)).status).toBe(404);
    // So is a technician filter naming another organization's technician.
    const filtered = await manager.get(`/api/v1/equipment/${press}/history?technicianId=${bulk.technicianId}`);
    expect(filtered.status).toBe(404);
    expect(filtered.body.detail).toMatch(/Technician/);
    expect((await manager.get(`/api/v1/equipment/${press}/history?technicianId=${org.technicianId}`)).status).toBe(200);
  });

  it('above 1,000 matching rows the total is 1,001 flagged as an estimate ("more than 1,000"); up to 1,000 it is exact', async () => {
    const admin = client(server.baseUrl, await login(server.baseUrl, bulk.users.admin.email));
    const all = await admin.get('/api/v1/work-orders?limit=5');
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(5);
    expect(all.body.totalIsEstimate).toBe(true);
    expect(all.body.total).toBe(1001);
    expect((await admin.get('/api/v1/work-orders?status=OPEN&limit=5')).body).toMatchObject({ total: 1000, totalIsEstimate: false });
    expect((await admin.get('/api/v1/work-orders?status=SCHEDULED&limit=5')).body).toMatchObject({ total: 200, totalIsEstimate: false });
  });
});
