import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

describe('HTTP error shapes, headers and limits', () => {
  let server: TestServer;
  let org: OrganizationFixture;
  let tokens: Record<RoleKey, string>;

  beforeAll(async () => {
    server = await startServer({ BODY_LIMIT_BYTES: '4096', CORS_ORIGINS: 'https://cmms.example.com' });
    org = await createOrganization(server.database, 'errors');
    tokens = await tokensFor(server.baseUrl, org);
  });
  afterAll(() => server.close());

  const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: `/problems/${code.replaceAll('_', '-')}` });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
    expect(typeof response.body.instance).toBe('string');
  };

  it('400 names every invalid field', async () => {
    const response = await client(server.baseUrl, tokens.planner).post('/api/v1/work-orders', {
      title: '',
      priority: 'URGENT',
      equipmentId: 'not-a-uuid',
      color: 'red',
    });
    expectProblem(response, 400, 'validation_failed');
    const paths = response.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'priority', 'equipmentId']));
    expect(response.body.errors.some((error: { message: string }) => error.message.includes('color'))).toBe(true);
  });

  it('400 for malformed JSON and for a bad path id', async () => {
    const malformed = await client(server.baseUrl, tokens.planner).raw('POST', '/api/v1/work-orders', '{"title": ', {
      'content-type': 'application/json',
    });
    expectProblem(malformed, 400, 'malformed_body');
    const badId = await client(server.baseUrl, tokens.planner).get('/api/v1/work-orders/123');
    expectProblem(badId, 400, 'validation_failed');
    expect(badId.body.errors[0].path).toBe('id');
  });

  it('400 for a body nested deeper than 64 levels, before anything walks it (an idempotent create included)', async () => {
    const nested = (depth: number) => `{"name":"Bay","deep":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const planner = client(server.baseUrl, tokens.planner);
    for (const headers of [{}, { 'idempotency-key': 'deep-body-1' }] as Record<string, string>[]) {
      const deep = await planner.raw('POST', '/api/v1/locations', nested(65), { 'content-type': 'application/json', ...headers });
      expectProblem(deep, 400, 'validation_failed');
      expect(deep.body.errors).toEqual([{ path: '', message: 'arrays and objects must not nest deeper than 64 levels' }]);
      // Brackets inside strings are text; 64 levels are read (and the unknown field refused as usual).
      const shallow = await planner.raw('POST', '/api/v1/locations', nested(64).replace('"Bay"', '"[[[[[[[[[[[[[[[[[[[["'), {
        'content-type': 'application/json',
        ...headers,
      });
      expectProblem(shallow, 400, 'validation_failed');
      expect(shallow.body.errors.some((error: { message: string }) => error.message.includes('deep'))).toBe(true);
      expect(shallow.body.errors.some((error: { message: string }) => error.message.includes('nest deeper'))).toBe(false);
    }
  });

  it('400 for a PM forecast reaching past 9999-01-01, where its look-ahead would leave the calendar', async () => {
    const response = await client(server.baseUrl, tokens.planner).get(
      '/api/v1/pm-plans/forecast?from=9999-06-01T00:00:00Z&to=9999-12-31T23:59:59Z',
    );
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'to', message: 'a forecast reaches no later than 9999-01-01' })]);
  });

  it('401 without a token, 403 for a role that may not, 404 for unknown objects and routes', async () => {
    expectProblem(await client(server.baseUrl).get('/api/v1/parts'), 401, 'unauthenticated');
    expectProblem(await client(server.baseUrl, tokens.requester).get('/api/v1/parts'), 403, 'forbidden');
    expectProblem(await client(server.baseUrl, tokens.planner).get(`/api/v1/parts/${crypto.randomUUID()}`), 404, 'not_found');
    expectProblem(await client(server.baseUrl, tokens.planner).get('/api/v1/nothing-here'), 404, 'not_found');
  });

  it('413 for a body over the limit and 415 for a body that is not JSON', async () => {
    const huge = await client(server.baseUrl, tokens.planner).post('/api/v1/work-orders', {
      title: 'x'.repeat(10_000),
      equipmentId: org.equipmentId,
    });
    expectProblem(huge, 413, 'payload_too_large');
    const form = await client(server.baseUrl, tokens.planner).raw('POST', '/api/v1/work-orders', 'title=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectProblem(form, 415, 'unsupported_media_type');
  });

  it('sets security headers, allows listed origins only, and compresses large answers', async () => {
    const health = await fetch(`${server.baseUrl}/api/health`, { headers: { origin: 'https://cmms.example.com' } });
    expect(health.status).toBe(200);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('strict-transport-security')).toContain('max-age');
    expect(health.headers.get('access-control-allow-origin')).toBe('https://cmms.example.com');
    const foreign = await fetch(`${server.baseUrl}/api/health`, { headers: { origin: 'https://evil.example.net' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const spec = await fetch(`${server.baseUrl}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(spec.headers.get('content-encoding')).toBe('gzip');
    const tiny = await fetch(`${server.baseUrl}/api/health`, { headers: { 'accept-encoding': 'gzip' } });
    expect(tiny.headers.get('content-encoding')).toBeNull();
  });

  it('answers what the router and the HTTP parser refuse as problem+json too', async () => {
    const planner = client(server.baseUrl, tokens.planner);
    const badEncoding = await planner.get('/api/v1/equipment/%FF');
    expectProblem(badEncoding, 400, 'validation_failed');
    expect(badEncoding.body.errors[0].path).toBe('url');
    // (A GET that long falls through to the web app's pages, which answer 404 problem+json for /api.)
    const longId = `/api/v1/work-orders/${'x'.repeat(5_000)}/status`;
    expectProblem(await planner.post(longId, { status: 'CANCELLED' }), 414, 'uri_too_long');
    expectProblem(await planner.get(`/api/v1/parts?q=${'x'.repeat(20_000)}`), 431, 'headers_too_large');

    const malformed = await rawExchange('GET /api/v1/parts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n');
    expect(malformed.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(malformed.head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(malformed.body)).toMatchObject({ status: 400, code: 'malformed_request', type: '/problems/malformed-request' });

    // OPTIONS without a CORS preflight's headers is a plain OPTIONS request, not an error.
    const options = await fetch(`${server.baseUrl}/api/v1/work-orders/dashboard/stats`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
  });

  /** Sends bytes as they are (no client library would send them) and reads the answer until the server closes. */
  function rawExchange(request: string): Promise<{ head: string; body: string }> {
    const { hostname, port } = new URL(server.baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write(request));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const split = text.indexOf('\r\n\r\n');
        resolve({ head: text.slice(0, split), body: text.slice(split + 4) });
      });
    });
  }

  it('serves health, the OpenAPI document and Swagger UI without a token', async () => {
    const health = await client(server.baseUrl).get('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, cache: { status: 'up' } } });
    const spec = await client(server.baseUrl).get('/api/openapi.json');
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toContain('/api/v1/work-orders/{id}/assign');
    const docs = await fetch(`${server.baseUrl}/api/docs`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});
