import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/platform/observability/metrics';
import type { OrganizationFixture } from '../support/fixtures';
import { type ApiResponse, type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';
import { type SeededWorkOrder, seedWorkOrder } from '../support/work-order-factory';

/**
 * A cache hit of `GET /api/v1/work-orders/:id` is answered before the route's pipeline runs.
 * Whatever the cache holds, the answer must be the route's own: the same bytes and headers, and
 * the same refusals for anyone the route would refuse, however warm the entry is.
 */
describe('cached work-order detail answered early', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let foreignTokens: Record<RoleKey, string>;
  let own: SeededWorkOrder;
  let other: SeededWorkOrder;

  const detail = (id: string) => `/api/v1/work-orders/${id}`;
  const as = (role: RoleKey, from = tokens) => client(server.baseUrl, from[role]);
  const detailCounts = async () => {
    const { values } = await server.app.get(Metrics).cacheRequests.get();
    const count = (result: string) =>
      values.find((value) => value.labels.namespace === 'wo-detail' && value.labels.result === result)?.value ?? 0;
    return { hit: count('hit'), miss: count('miss') };
  };
  /** Headers an answer must carry whichever path sent it. */
  const headersOf = (response: ApiResponse) =>
    Object.fromEntries(
      ['content-type', 'etag', 'content-security-policy', 'x-content-type-options', 'strict-transport-security', 'x-frame-options'].map(
        (name) => [name, response.headers.get(name)],
      ),
    );
  const expectNotFound = (response: ApiResponse) => {
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'not_found' });
  };

  beforeAll(async () => {
    server = await startServer();
    org = await createOrganization(server.database, 'early-a');
    foreign = await createOrganization(server.database, 'early-b');
    [tokens, foreignTokens] = await Promise.all([tokensFor(server.baseUrl, org), tokensFor(server.baseUrl, foreign)]);
    own = await seedWorkOrder(server.database, org, 'own', 'SCHEDULED');
    other = await seedWorkOrder(server.database, org, 'other', 'SCHEDULED');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers a hit with the bytes and headers the route sent on the miss', async () => {
    const before = await detailCounts();
    const miss = await as('planner').get(detail(own.id));
    const hit = await as('planner').get(detail(own.id));
    expect(miss.status).toBe(200);
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual(miss.body);
    expect(headersOf(hit)).toEqual(headersOf(miss));
    expect(hit.headers.get('etag')).toBe(`"${miss.body.version}"`);
    const after = await detailCounts();
    expect({ hit: after.hit - before.hit, miss: after.miss - before.miss }).toEqual({ hit: 1, miss: 1 });
  });

  it('answers a hit with every header of the miss, CORS for an allowed origin included', async () => {
    const fresh = await seedWorkOrder(server.database, org, 'own', 'SCHEDULED');
    const origin = 'http://localhost:5173';
    const get = () => fetch(server.baseUrl + detail(fresh.id), { headers: { authorization: `Bearer ${tokens.planner}`, origin } });
    const before = await detailCounts();
    const miss = await get();
    const hit = await get();
    expect((await detailCounts()).hit - before.hit).toBe(1);
    // The date may tick between the two answers; every other header must be the same.
    const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
    expect(headersOf(hit)).toEqual(headersOf(miss));
    expect(hit.headers.get('access-control-allow-origin')).toBe(origin);
    expect(hit.headers.get('vary')).toMatch(/origin/i);
    expect(await hit.text()).toBe(await miss.text());
  });

  it('compresses a large hit as the route does, and sends a small one as it is', async () => {
    const large = await seedWorkOrder(server.database, org, 'own', 'SCHEDULED');
    const description = 'Replace the drive-end bearing and check the shaft alignment. '.repeat(40).trim();
    expect((await as('planner').patch(detail(large.id), { description })).status).toBe(200);
    const get = (id: string) =>
      fetch(server.baseUrl + detail(id), { headers: { authorization: `Bearer ${tokens.planner}`, 'accept-encoding': 'gzip' } });
    const hitsSince = async (before: { hit: number }) => (await detailCounts()).hit - before.hit;
    let before = await detailCounts();
    const miss = await get(large.id);
    const hit = await get(large.id);
    expect(await hitsSince(before)).toBe(1);
    await get(own.id);
    before = await detailCounts();
    const small = await get(own.id);
    expect(await hitsSince(before)).toBe(1);
    expect(miss.headers.get('content-encoding')).toBe('gzip');
    expect(hit.headers.get('content-encoding')).toBe('gzip');
    const hitText = await hit.text();
    expect(hitText).toBe(await miss.text());
    expect((JSON.parse(hitText) as { description: string }).description).toBe(description);
    expect(small.status).toBe(200);
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(Number(small.headers.get('content-length'))).toBe(Buffer.byteLength(await small.text()));
  });

  it('writes each field of a hit once (the per-caller next states appended to the stored text)', async () => {
    await as('planner').get(detail(own.id));
    const raw = await (await fetch(server.baseUrl + detail(own.id), { headers: { authorization: `Bearer ${tokens.planner}` } })).text();
    // A repeated key would vanish in a parse and serialize round trip.
    expect(JSON.stringify(JSON.parse(raw))).toHaveLength(raw.length);
    expect(raw.match(/"allowedNextStates":/g)).toHaveLength(1);
  });

  it('presents a warm entry to each caller as the route does (next states by role and ownership)', async () => {
    await as('planner').get(detail(own.id));
    const planner = await as('planner').get(detail(own.id));
    const technician = await as('technician').get(detail(own.id));
    const requester = await as('requester').get(detail(own.id));
    expect(technician.status).toBe(200);
    expect(requester.status).toBe(200);
    // Same cached work order, three callers: a planner may reschedule, the assigned technician
    // may start it or put it on hold, the requester may do neither.
    expect(planner.body.allowedNextStates).toContain('OPEN');
    expect(technician.body.allowedNextStates).toEqual(['IN_PROGRESS', 'ON_HOLD']);
    expect(requester.body.allowedNextStates).toEqual([]);
  });

  it('never serves a warm entry to a caller the route would refuse', async () => {
    await as('planner').get(detail(other.id));
    expect((await as('planner').get(detail(other.id))).status).toBe(200);
    // Someone else's assignment or request: hidden, exactly as the route hides it.
    expectNotFound(await as('technician').get(detail(other.id)));
    expectNotFound(await as('requester').get(detail(other.id)));
    // Another organization's planner, with the very id that is cached.
    expectNotFound(await as('planner', foreignTokens).get(detail(other.id)));
    // No token, a forged one: the route's 401.
    expect((await client(server.baseUrl).get(detail(other.id))).status).toBe(401);
    expect((await client(server.baseUrl, `${tokens.planner}x`).get(detail(other.id))).status).toBe(401);
    // Upper-case spelling of the id: same entry, same rules.
    expectNotFound(await as('technician').get(detail(other.id.toUpperCase())));
    // A query string goes to the route, which validates it.
    expect((await as('requester').get(`${detail(own.id)}?include=parts`)).status).toBe(403);
  });

  it('after a write, the next read is the new version', async () => {
    await as('planner').get(detail(own.id));
    const before = await as('planner').get(detail(own.id));
    const patched = await as('planner').patch(detail(own.id), { title: 'Renamed after caching' });
    expect(patched.status).toBe(200);
    const after = await as('planner').get(detail(own.id));
    expect(after.body.title).toBe('Renamed after caching');
    expect(after.headers.get('etag')).toBe(`"${before.body.version + 1}"`);
  });
});
