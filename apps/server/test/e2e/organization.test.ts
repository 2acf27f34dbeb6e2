import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

/** `GET/PATCH /api/v1/organization`: the caller's own organization's settings. */
describe('organization settings over HTTP', () => {
  let server: TestServer;
  let home: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let foreignAdmin: string;

  beforeAll(async () => {
    server = await startServer();
    home = await createOrganization(server.database, 'org-settings');
    foreign = await createOrganization(server.database, 'org-settings-other');
    tokens = await tokensFor(server.baseUrl, home);
    foreignAdmin = (await tokensFor(server.baseUrl, foreign)).admin;
  });
  afterAll(() => server.close());

  const admin = () => client(server.baseUrl, tokens.admin);

  it('answers every role its own organization, with the version as ETag', async () => {
    for (const role of ['admin', 'manager', 'planner', 'technician', 'requester'] as const) {
      const response = await client(server.baseUrl, tokens[role]).get('/api/v1/organization');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: home.organizationId, slug: 'org-settings', timezone: 'UTC', currency: 'EUR' });
      expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
    }
  });

  it("changes an admin's own organization only, against the version read; a stale If-Match is 412 and changes nothing", async () => {
    const before = await admin().get('/api/v1/organization');
    const changed = await admin().patch(
      '/api/v1/organization',
      { name: '  North Works ', timezone: 'America/Chicago', currency: 'usd' },
      { 'if-match': `"${before.body.version}"` },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'North Works',
      timezone: 'America/Chicago',
      currency: 'USD',
      version: before.body.version + 1,
    });
    expect((await client(server.baseUrl, tokens.technician).get('/api/v1/organization')).body.timezone).toBe('America/Chicago');
    expect((await client(server.baseUrl, foreignAdmin).get('/api/v1/organization')).body).toMatchObject({
      timezone: 'UTC',
      currency: 'EUR',
    });

    const stale = await admin().patch('/api/v1/organization', { currency: 'GBP' }, { 'if-match': `"${before.body.version}"` });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'precondition_failed', currentVersion: changed.body.version });
    // The same values again: no new version.
    const same = await admin().patch('/api/v1/organization', { currency: 'USD' });
    expect(same.body.version).toBe(changed.body.version);
    expect((await admin().get('/api/v1/organization')).body.currency).toBe('USD');
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ currency: 'EURO' }, 'currency'],
    [{ name: '' }, 'name'],
    [{ slug: 'renamed' }, ''],
  ])('refuses %j as 400 naming the field', async (body, path) => {
    const response = await admin().patch('/api/v1/organization', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
  });
});
