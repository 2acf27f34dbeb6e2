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
