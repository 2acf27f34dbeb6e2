import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

const PER_MINUTE = 40;

/**
 * Each caller's request budget (RequestBudget) over HTTP, on a server that allows 40 units a
 * minute: a caller who spends it gets 429 problems with Retry-After and nothing runs; other
 * callers are not held up; cached details answered before the route are paid for too; a heavy
 * route costs 20.
 */
describe('request budget per caller', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let workOrderId: string;

  beforeAll(async () => {
    server = await startServer({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) });
    org = await createOrganization(server.database, 'budget');
    tokens = await tokensFor(server.baseUrl, org);
    const created = await client(server.baseUrl, tokens.admin).post('/api/v1/work-orders', {
      title: 'Check the belt',
      equipmentId: org.equipmentId,
    });
    expect(created.status).toBe(201);
    workOrderId = created.body.id as string;
  });
  afterAll(() => server.close());

  const as = (role: RoleKey) => client(server.baseUrl, tokens[role]);

  it('refuses a caller past the budget with 429, Retry-After and problem+json; cached details count; others go on', async () => {
    const planner = as('planner');
    let admitted = 0;
    let refused: Awaited<ReturnType<typeof planner.get>> | undefined;
    // Details (answered from the cache after the first) and lists in turn: every one is paid for.
    for (let i = 0; i < PER_MINUTE * 3 && !refused; i++) {
      const response = i % 2 === 0 ? await planner.get(`/api/v1/work-orders/${workOrderId}`) : await planner.get('/api/v1/equipment');
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        admitted++;
      }
    }
    // A unit comes back every 1.5 s: a slow run of this loop may earn one or two more.
    expect(admitted).toBeGreaterThanOrEqual(PER_MINUTE);
    expect(admitted).toBeLessThanOrEqual(PER_MINUTE + 3);
    expect(refused?.headers.get('content-type')).toContain('application/problem+json');
    expect(refused?.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // A cached detail is refused like the rest, not answered from the cache.
    expect((await planner.get(`/api/v1/work-orders/${workOrderId}`)).status).toBe(429);
    // Nothing written by a refused request.
    const refusedWrite = await planner.post('/api/v1/work-orders', { title: 'Refused', equipmentId: org.equipmentId });
    expect(refusedWrite.status).toBe(429);
    const titles = ((await as('manager').get('/api/v1/work-orders?limit=100')).body.data as { title: string }[]).map((row) => row.title);
    expect(titles).not.toContain('Refused');
    // Another user has a budget of their own.
    expect((await as('technician').get('/api/v1/work-orders')).status).toBe(200);
  });

  it('charges a heavy route 20 units: two forecasts in a minute, the third waits', async () => {
    // A caller who has sent nothing yet: 40 units pay for two, and 20 more take 30 s to come back.
    const caller = as('otherTechnician');
    const forecast = () => caller.get('/api/v1/pm-plans/forecast?from=2031-01-01T00:00:00Z&to=2031-03-01T00:00:00Z');
    const answers = [await forecast(), await forecast(), await forecast()];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(Number(answers[2]!.headers.get('retry-after'))).toBeGreaterThan(10);
  });
});
