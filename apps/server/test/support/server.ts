import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Cache } from '../../src/platform/cache/cache';
import type { Database } from '../../src/platform/db/database';
import { freshCache, freshDatabase } from './infrastructure';
import { type OrganizationFixture, TEST_PASSWORD, createOrganization } from './fixtures';

export interface TestServer {
  baseUrl: string;
  app: NestFastifyApplication;
  database: Database;
  cache: Cache;
  close: () => Promise<void>;
}

/** The configuration every test server runs with; background jobs are off unless a test turns them on. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    LOG_LEVEL: 'silent',
    DATA_DIR: '/tmp/msched-test-data',
    PM_SCHEDULER: 'false',
    PREDICTIVE_SCHEDULER: 'false',
    // Likewise the demo's digital twins.
    PREDICTIVE_SIMULATOR: 'false',
    // Suites send many requests as one user in a few seconds: a budget they never exhaust, still
    // paid on every request (request-budget tests set their own).
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ...env,
  });
}

/** The real server on a random loopback port, over a fresh database. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const { database, dispose } = await freshDatabase();
  const cache = await freshCache();
  const config = testConfig(env);
  const app = await createApp({ config, database, cache });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    database,
    cache,
    // Each step runs even if the one before fails, so the database is always dropped.
    close: async () => {
      try {
        await app.close();
      } finally {
        try {
          await cache.close();
        } finally {
          await dispose();
        }
      }
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small HTTP client: JSON in and out, optional bearer token and headers. */
export function client(baseUrl: string, token?: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body ?? {}, headers),
    put: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body ?? {}, headers),
    delete: <T = any>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
    raw: call,
  };
}

export async function login(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await client(baseUrl).post('/api/v1/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}

export type RoleKey = keyof OrganizationFixture['users'];

/** Logs in every fixture user of an organization. */
export async function tokensFor(baseUrl: string, organization: OrganizationFixture): Promise<Record<RoleKey, string>> {
  const entries = await Promise.all(
    (Object.keys(organization.users) as RoleKey[]).map(async (key) => [key, await login(baseUrl, organization.users[key].email)] as const),
  );
  return Object.fromEntries(entries) as Record<RoleKey, string>;
}

export { createOrganization };
