import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usingPostgres } from '../support/infrastructure';
import { type TestServer, client, startServer } from '../support/server';

describe('health when the database is gone', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close().catch(() => undefined));

  it('shows the connection pool on PostgreSQL (health and /metrics), and none on the embedded database', async () => {
    const health = await client(server.baseUrl).get('/api/health');
    const metrics = await fetch(`${server.baseUrl}/metrics`).then((response) => response.text());
    if (usingPostgres()) {
      expect(health.body.pool).toMatchObject({ max: 5 });
      expect(health.body.pool.total).toBeGreaterThanOrEqual(health.body.pool.idle);
      expect(metrics).toMatch(/msched_db_pool_connections\{state="max"\} 5/);
    } else {
      expect(health.body.pool).toBeUndefined();
      expect(metrics).not.toContain('msched_db_pool_connections{');
    }
    expect(metrics).toContain('msched_process_cpu_seconds_total');
  });

  it('answers 503 naming the database as down, and 503 problem+json with Retry-After elsewhere', async () => {
    expect((await client(server.baseUrl).get('/api/health')).status).toBe(200);
    await server.database.close();
    const health = await client(server.baseUrl).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', checks: { database: { status: 'down' }, cache: { status: 'up' } } });
    const login = await client(server.baseUrl).post('/api/v1/auth/login', { email: 'someone@example.com', password: 'whatever-it-is' });
    expect(login.status).toBe(503);
    expect(login.headers.get('content-type')).toContain('application/problem+json');
    expect(login.headers.get('retry-after')).toBe('5');
    expect(login.body.code).toBe('service_unavailable');
  });
});
