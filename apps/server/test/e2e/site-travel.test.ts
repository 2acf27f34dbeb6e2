import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';

/** `GET/PUT /api/v1/locations/travel-times`: minutes between an organization's sites. */
describe('travel times between sites over HTTP', () => {
  let server: TestServer;
  let home: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;
  let north: string;
  let south: string;
  let area: string;

  const location = async (organizationId: string, name: string, kind: 'SITE' | 'AREA', parentId: string | null = null) => {
    const [row] = await server.database.rows<{ id: string }>(
      sql`insert into locations (organization_id, name, kind, parent_id) values (${organizationId}, ${name}, ${kind}, ${parentId}) returning id`,
    );
    return row!.id;
  };

  beforeAll(async () => {
    server = await startServer();
    home = await createOrganization(server.database, 'travel');
    foreign = await createOrganization(server.database, 'travel-other');
    tokens = await tokensFor(server.baseUrl, home);
    north = await location(home.organizationId, 'North Plant', 'SITE');
    south = await location(home.organizationId, 'South Plant', 'SITE');
    area = await location(home.organizationId, 'Hall', 'AREA', north);
  });
  afterAll(() => server.close());

  const put = (role: RoleKey, body: unknown) => client(server.baseUrl, tokens[role]).put('/api/v1/locations/travel-times', body);
  const get = (role: RoleKey) => client(server.baseUrl, tokens[role]).get('/api/v1/locations/travel-times');
  const pair = (a: string, b: string) => [a, b].sort() as [string, string];

  it('replaces every pair as a whole, each pair once whichever way it was named; everyone reads them', async () => {
    const [a, b] = pair(home.locationId, north);
    const first = await put('planner', {
      travelTimes: [
        { fromSiteId: north, toSiteId: home.locationId, minutes: 35 },
        { fromSiteId: south, toSiteId: north, minutes: 90 },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${first.body.version}"`);
    expect(first.body.travelTimes).toHaveLength(2);
    expect(first.body.travelTimes).toContainEqual({ fromSiteId: a, toSiteId: b, minutes: 35 });
    for (const role of ['admin', 'manager', 'technician', 'requester'] as const) expect((await get(role)).body).toEqual(first.body);

    const second = await put('manager', { travelTimes: [{ fromSiteId: home.locationId, toSiteId: south, minutes: 0 }] });
    expect(second.body.travelTimes).toEqual([
      { fromSiteId: pair(home.locationId, south)[0], toSiteId: pair(home.locationId, south)[1], minutes: 0 },
    ]);
    expect((await get('planner')).body).toEqual(second.body);
  });

  it('lets only staff change them (403), and never shows another organization its pairs', async () => {
    for (const role of ['technician', 'requester'] as const) expect((await put(role, { travelTimes: [] })).status).toBe(403);
    const foreignTokens = await tokensFor(server.baseUrl, foreign);
    expect((await client(server.baseUrl, foreignTokens.planner).get('/api/v1/locations/travel-times')).body).toEqual({
      version: 1,
      travelTimes: [],
    });
  });

  it.each([
    ['an area, not a site', () => ({ fromSiteId: north, toSiteId: area, minutes: 5 }), 'travelTimes.0.toSiteId'],
    ["another organization's site", () => ({ fromSiteId: foreign.locationId, toSiteId: north, minutes: 5 }), 'travelTimes.0.fromSiteId'],
    ['a site and itself', () => ({ fromSiteId: north, toSiteId: north, minutes: 5 }), 'travelTimes.0.toSiteId'],
    ['more than a day', () => ({ fromSiteId: north, toSiteId: south, minutes: 1441 }), 'travelTimes.0.minutes'],
    ['a fraction of a minute', () => ({ fromSiteId: north, toSiteId: south, minutes: 2.5 }), 'travelTimes.0.minutes'],
  ])('refuses %s as 400 naming the field, and keeps what was there', async (_, entry, path) => {
    const before = (await get('planner')).body;
    const response = await put('planner', { travelTimes: [entry()] });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect((await get('planner')).body).toEqual(before);
  });

  it('refuses a pair named twice, in either direction', async () => {
    const response = await put('planner', {
      travelTimes: [
        { fromSiteId: north, toSiteId: south, minutes: 10 },
        { fromSiteId: south, toSiteId: north, minutes: 12 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'travelTimes.1', message: 'this pair of sites is named twice' }]);
  });

  it('two replacements at once: one of them stands, whole', async () => {
    const one = { travelTimes: [{ fromSiteId: north, toSiteId: south, minutes: 11 }] };
    const two = {
      travelTimes: [
        { fromSiteId: north, toSiteId: south, minutes: 22 },
        { fromSiteId: home.locationId, toSiteId: north, minutes: 33 },
      ],
    };
    const answers = await Promise.all([put('planner', one), put('manager', two), put('planner', one), put('manager', two)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const minutes = (await get('planner')).body.travelTimes.map((entry: { minutes: number }) => entry.minutes).sort();
    expect([['11'], ['22', '33']].map((list) => list.join())).toContain(minutes.join());
  });

  it('drops the pairs of a site that becomes an area, so what is listed can be saved again', async () => {
    const west = await location(home.organizationId, 'West Plant', 'SITE');
    await put('planner', {
      travelTimes: [
        { fromSiteId: west, toSiteId: north, minutes: 15 },
        { fromSiteId: south, toSiteId: north, minutes: 60 },
      ],
    });
    const before = (await get('planner')).body.version;
    const patched = await client(server.baseUrl, tokens.planner).patch(`/api/v1/locations/${west}`, { kind: 'AREA', parentId: south });
    expect(patched.status).toBe(200);
    const listed = (await get('planner')).body;
    expect(listed.travelTimes).toHaveLength(1);
    // Its pairs going is a new version of the set: a save from before it is refused.
    expect(listed.version).toBe(before + 1);
    expect((await put('planner', { travelTimes: listed.travelTimes })).status).toBe(200);
  });

  it('drops the pairs of a site that is deleted', async () => {
    const east = await location(home.organizationId, 'East Plant', 'SITE');
    const saved = await put('planner', { travelTimes: [{ fromSiteId: east, toSiteId: north, minutes: 15 }] });
    const removed = await client(server.baseUrl, tokens.manager).delete(`/api/v1/locations/${east}`);
    expect(removed.status).toBe(204);
    expect((await get('planner')).body).toEqual({ version: saved.body.version + 1, travelTimes: [] });
  });

  describe('edited against the version read (If-Match)', () => {
    const putIfMatch = (version: number, body: unknown) =>
      client(server.baseUrl, tokens.planner).put('/api/v1/locations/travel-times', body, { 'if-match': `"${version}"` });
    const northSouth = (minutes: number) => ({ travelTimes: [{ fromSiteId: north, toSiteId: south, minutes }] });

    it('saves against the current version and moves it on; a stale one is 412 and changes nothing', async () => {
      const read = await get('planner');
      expect(read.headers.get('etag')).toBe(`"${read.body.version}"`);
      const saved = await putIfMatch(read.body.version, northSouth(41));
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(read.body.version + 1);
      const stale = await putIfMatch(read.body.version, northSouth(42));
      expect(stale.status).toBe(412);
      expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(stale.body.currentVersion).toBe(saved.body.version);
      expect((await get('planner')).body).toEqual(saved.body);
    });

    it('the same set again keeps its version, in whatever order and direction it is named', async () => {
      const saved = await put('planner', {
        travelTimes: [
          { fromSiteId: north, toSiteId: south, minutes: 50 },
          { fromSiteId: home.locationId, toSiteId: north, minutes: 7 },
        ],
      });
      const again = await putIfMatch(saved.body.version, {
        travelTimes: [
          { fromSiteId: north, toSiteId: home.locationId, minutes: 7 },
          { fromSiteId: south, toSiteId: north, minutes: 50 },
        ],
      });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(saved.body);
    });

    it('a site deleted with pairs is a new version: a save from before it is refused', async () => {
      const east = await location(home.organizationId, 'Far East Plant', 'SITE');
      const read = await put('planner', { travelTimes: [{ fromSiteId: east, toSiteId: north, minutes: 15 }] });
      expect((await client(server.baseUrl, tokens.manager).delete(`/api/v1/locations/${east}`)).status).toBe(204);
      expect((await putIfMatch(read.body.version, northSouth(5))).status).toBe(412);
    });

    it('a site deleted without pairs leaves the version alone', async () => {
      const lone = await location(home.organizationId, 'Lone Plant', 'SITE');
      const read = await get('planner');
      expect((await client(server.baseUrl, tokens.manager).delete(`/api/v1/locations/${lone}`)).status).toBe(204);
      expect((await get('planner')).body.version).toBe(read.body.version);
    });

    it('two saves against one version at once: exactly one stands', async () => {
      const read = await get('planner');
      const answers = await Promise.all([putIfMatch(read.body.version, northSouth(71)), putIfMatch(read.body.version, northSouth(72))]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
      const winner = answers.find((answer) => answer.status === 200)!;
      expect((await get('planner')).body).toEqual(winner.body);
    });

    it('refuses an unreadable If-Match (400) rather than saving over anything', async () => {
      const before = (await get('planner')).body;
      const response = await client(server.baseUrl, tokens.planner).put('/api/v1/locations/travel-times', northSouth(3), {
        'if-match': 'yesterday',
      });
      expect(response.status).toBe(400);
      expect((await get('planner')).body).toEqual(before);
    });
  });
});
