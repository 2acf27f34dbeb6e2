import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationFixture } from '../support/fixtures';
import { type RoleKey, type TestServer, client, createOrganization, startServer, tokensFor } from '../support/server';
import { type SeededWorkOrder, seedWorkOrder } from '../support/work-order-factory';

/**
 * Every route × role × object: the caller's own object, another one of their organization,
 * and one of a foreign organization. Expectations are written out per route:
 *   all  — allowed on own and other objects
 *   own  — allowed on own objects; others are invisible (404)
 *   own409 — visible when own, but the action is refused by the state machine (409); others 404
 *   hidden — the role may use the route, but sees none of these objects (404)
 *   none — the role may not (403), whatever the object
 * A foreign organization's object is 404 for every role that may use the route at all.
 */
type Rule = 'all' | 'own' | 'own409' | 'hidden' | 'none';
type Roles = 'admin' | 'manager' | 'planner' | 'technician' | 'requester';
type Target = 'own' | 'other' | 'foreign';

interface Objects {
  workOrder: SeededWorkOrder;
  openWorkOrder: SeededWorkOrder;
  technicianId: string;
  userId: string;
  locationId: string;
  equipmentId: string;
  partId: string;
  freshLocationId: string;
  freshEquipmentId: string;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (objects: Objects) => string;
  body?: (objects: Objects) => unknown;
  rules: Record<Roles, Rule>;
  /** Whether own/other differ for this resource (work orders, technicians); else one org object. */
  owned?: boolean;
}

const staffAll = { admin: 'all', manager: 'all', planner: 'all' } as const;
const wo = (objects: Objects) => `/api/v1/work-orders/${objects.workOrder.id}`;
const unique = () => randomUUID().slice(0, 8);

const ROUTES: Record<string, RouteCase> = {
  'GET work order': { method: 'GET', path: wo, owned: true, rules: { ...staffAll, technician: 'own', requester: 'own' } },
  'PATCH work order': {
    method: 'PATCH',
    path: wo,
    body: () => ({ priority: 'LOW' }),
    owned: true,
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },
  'DELETE work order': {
    method: 'DELETE',
    path: (o) => `/api/v1/work-orders/${o.openWorkOrder.id}`,
    owned: true,
    rules: { admin: 'all', manager: 'all', planner: 'none', technician: 'none', requester: 'none' },
  },
  'POST assign': {
    method: 'POST',
    path: (o) => `${wo(o)}/assign`,
    body: () => ({
      technicianId: undefined,
      scheduledStartTime: '2032-03-01T08:00:00Z',
      scheduledEndTime: '2032-03-01T09:00:00Z',
      force: true,
    }),
    owned: true,
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },
  'POST status IN_PROGRESS': {
    method: 'POST',
    path: (o) => `${wo(o)}/status`,
    body: () => ({ status: 'IN_PROGRESS' }),
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'own409' },
  },
  'POST status CANCELLED of a request': {
    method: 'POST',
    path: (o) => `/api/v1/work-orders/${o.openWorkOrder.id}/status`,
    body: () => ({ status: 'CANCELLED' }),
    owned: true,
    // An open request has no technician yet, so no technician sees it.
    rules: { ...staffAll, technician: 'hidden', requester: 'own' },
  },
  'GET tasks': { method: 'GET', path: (o) => `${wo(o)}/tasks`, owned: true, rules: { ...staffAll, technician: 'own', requester: 'own' } },
  'POST task': {
    method: 'POST',
    path: (o) => `${wo(o)}/tasks`,
    body: () => ({ title: 'Check' }),
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'none' },
  },
  'PATCH task': {
    method: 'PATCH',
    path: (o) => `${wo(o)}/tasks/${o.workOrder.taskId}`,
    body: () => ({ status: 'DONE' }),
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'none' },
  },
  // Part lines carry costs: requesters may not read them.
  'GET parts': { method: 'GET', path: (o) => `${wo(o)}/parts`, owned: true, rules: { ...staffAll, technician: 'own', requester: 'none' } },
  'POST part': {
    method: 'POST',
    path: (o) => `${wo(o)}/parts`,
    body: (o) => ({ partId: o.partId, quantity: 1, action: 'reserve' }),
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'none' },
  },
  'PATCH part line': {
    method: 'PATCH',
    path: (o) => `${wo(o)}/parts/${o.workOrder.reservedLineId}`,
    body: () => ({ status: 'RELEASED' }),
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'none' },
  },
  'GET comments': {
    method: 'GET',
    path: (o) => `${wo(o)}/comments`,
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'own' },
  },
  'POST comment': {
    method: 'POST',
    path: (o) => `${wo(o)}/comments`,
    body: () => ({ body: 'On my way' }),
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'own' },
  },
  'GET history': {
    method: 'GET',
    path: (o) => `${wo(o)}/history`,
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'own' },
  },

  'GET technician': {
    method: 'GET',
    path: (o) => `/api/v1/technicians/${o.technicianId}`,
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'none' },
  },
  'PATCH technician': {
    method: 'PATCH',
    path: (o) => `/api/v1/technicians/${o.technicianId}`,
    body: () => ({ phone: '+49 30 1234' }),
    owned: true,
    rules: { admin: 'all', manager: 'all', planner: 'none', technician: 'none', requester: 'none' },
  },
  'GET availability': {
    method: 'GET',
    path: (o) => `/api/v1/technicians/${o.technicianId}/availability`,
    owned: true,
    rules: { ...staffAll, technician: 'own', requester: 'none' },
  },
  'PUT availability': {
    method: 'PUT',
    path: (o) => `/api/v1/technicians/${o.technicianId}/availability`,
    body: () => ({ timezone: 'Europe/Berlin', weeklyPattern: [{ weekday: 1, start: '07:00', end: '15:30' }], exceptions: [] }),
    owned: true,
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },

  'GET user': {
    method: 'GET',
    path: (o) => `/api/v1/users/${o.userId}`,
    rules: { admin: 'all', manager: 'none', planner: 'none', technician: 'none', requester: 'none' },
  },
  'PATCH user': {
    method: 'PATCH',
    path: (o) => `/api/v1/users/${o.userId}`,
    body: () => ({ name: 'Renamed' }),
    rules: { admin: 'all', manager: 'none', planner: 'none', technician: 'none', requester: 'none' },
  },
  'GET location': {
    method: 'GET',
    path: (o) => `/api/v1/locations/${o.locationId}`,
    rules: { ...staffAll, technician: 'all', requester: 'all' },
  },
  'PATCH location': {
    method: 'PATCH',
    path: (o) => `/api/v1/locations/${o.locationId}`,
    body: () => ({ description: 'updated' }),
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },
  'DELETE location': {
    method: 'DELETE',
    path: (o) => `/api/v1/locations/${o.freshLocationId}`,
    rules: { admin: 'all', manager: 'all', planner: 'none', technician: 'none', requester: 'none' },
  },
  'GET equipment': {
    method: 'GET',
    path: (o) => `/api/v1/equipment/${o.equipmentId}`,
    rules: { ...staffAll, technician: 'all', requester: 'all' },
  },
  'PATCH equipment': {
    method: 'PATCH',
    path: (o) => `/api/v1/equipment/${o.equipmentId}`,
    body: () => ({ status: 'DEGRADED' }),
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },
  'DELETE equipment': {
    method: 'DELETE',
    path: (o) => `/api/v1/equipment/${o.freshEquipmentId}`,
    rules: { admin: 'all', manager: 'all', planner: 'none', technician: 'none', requester: 'none' },
  },
  'GET part': { method: 'GET', path: (o) => `/api/v1/parts/${o.partId}`, rules: { ...staffAll, technician: 'all', requester: 'none' } },
  'PATCH part': {
    method: 'PATCH',
    path: (o) => `/api/v1/parts/${o.partId}`,
    body: () => ({ reorderPoint: 3 }),
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },
  'POST stock adjustment': {
    method: 'POST',
    path: (o) => `/api/v1/parts/${o.partId}/adjustments`,
    body: () => ({ quantity: 1, kind: 'RECEIPT', reason: 'delivery' }),
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },
  'GET stock movements': {
    method: 'GET',
    path: (o) => `/api/v1/parts/${o.partId}/movements`,
    rules: { ...staffAll, technician: 'none', requester: 'none' },
  },
};

/** Routes on collections: no object, so only the role decides. */
const COLLECTIONS: Record<
  string,
  { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: (org: OrganizationFixture) => unknown; allowed: Roles[] }
> = {
  'GET me': { method: 'GET', path: '/api/v1/auth/me', allowed: ['admin', 'manager', 'planner', 'technician', 'requester'] },
  'GET users': { method: 'GET', path: '/api/v1/users', allowed: ['admin'] },
  'GET organization': { method: 'GET', path: '/api/v1/organization', allowed: ['admin', 'manager', 'planner', 'technician', 'requester'] },
  'PATCH organization': { method: 'PATCH', path: '/api/v1/organization', body: () => ({ currency: 'EUR' }), allowed: ['admin'] },
  'POST user': {
    method: 'POST',
    path: '/api/v1/users',
    body: () => ({ email: `new-${unique()}@example.test`, name: 'New Person', password: 'a-long-enough-password', roles: ['requester'] }),
    allowed: ['admin'],
  },
  'GET locations': { method: 'GET', path: '/api/v1/locations', allowed: ['admin', 'manager', 'planner', 'technician', 'requester'] },
  'POST location': {
    method: 'POST',
    path: '/api/v1/locations',
    body: () => ({ name: `Hall ${unique()}` }),
    allowed: ['admin', 'manager', 'planner'],
  },
  'GET equipment list': { method: 'GET', path: '/api/v1/equipment', allowed: ['admin', 'manager', 'planner', 'technician', 'requester'] },
  'POST equipment': {
    method: 'POST',
    path: '/api/v1/equipment',
    body: () => ({ equipmentNumber: `EQ-${unique()}`, name: 'Compressor', type: 'Compressor' }),
    allowed: ['admin', 'manager', 'planner'],
  },
  'GET technicians': { method: 'GET', path: '/api/v1/technicians', allowed: ['admin', 'manager', 'planner'] },
  'POST technician': {
    method: 'POST',
    path: '/api/v1/technicians',
    body: () => ({ employeeId: `T-${unique()}`, firstName: 'New', lastName: 'Hire' }),
    allowed: ['admin', 'manager'],
  },
  'GET parts list': { method: 'GET', path: '/api/v1/parts', allowed: ['admin', 'manager', 'planner', 'technician'] },
  'POST part': {
    method: 'POST',
    path: '/api/v1/parts',
    body: () => ({ partNumber: `P-${unique()}`, name: 'V-belt' }),
    allowed: ['admin', 'manager', 'planner'],
  },
  'POST work order': {
    method: 'POST',
    path: '/api/v1/work-orders',
    body: (org) => ({ title: 'Strange noise', equipmentId: org.equipmentId }),
    allowed: ['admin', 'manager', 'planner', 'technician', 'requester'],
  },
};

const ROLES: Roles[] = ['admin', 'manager', 'planner', 'technician', 'requester'];

function expectedStatus(rule: Rule, target: Target, owned: boolean): number | 'ok' {
  if (rule === 'none') return 403;
  if (target === 'foreign' || rule === 'hidden') return 404;
  if (rule === 'all' || !owned) return 'ok';
  if (target === 'other') return 404;
  return rule === 'own409' ? 409 : 'ok';
}

describe('access control matrix', () => {
  let server: TestServer;
  let home: OrganizationFixture;
  let foreign: OrganizationFixture;
  let tokens: Record<RoleKey, string>;

  beforeAll(async () => {
    server = await startServer();
    home = await createOrganization(server.database, 'home');
    foreign = await createOrganization(server.database, 'foreign');
    tokens = await tokensFor(server.baseUrl, home);
  });
  afterAll(() => server.close());

  /** Fresh objects for one request, so a change made by one case never shapes another. */
  async function objectsFor(target: Target): Promise<Objects> {
    const org = target === 'foreign' ? foreign : home;
    const owner = target === 'other' ? 'other' : 'own';
    const [location] = await server.database.rows<{ id: string }>(
      sql`insert into locations (organization_id, name) values (${org.organizationId}, ${`Spare ${unique()}`}) returning id`,
    );
    const [machine] = await server.database.rows<{ id: string }>(
      sql`insert into equipment (organization_id, equipment_number, name, type) values (${org.organizationId}, ${`EQ-${unique()}`}, 'Spare', 'Pump') returning id`,
    );
    return {
      workOrder: await seedWorkOrder(server.database, org, owner, 'SCHEDULED'),
      openWorkOrder: await seedWorkOrder(server.database, org, owner, 'OPEN'),
      technicianId: owner === 'own' ? org.technicianId : org.otherTechnicianId,
      userId: owner === 'own' ? org.users.requester.id : org.users.otherRequester.id,
      locationId: org.locationId,
      equipmentId: org.equipmentId,
      partId: org.partId,
      freshLocationId: location!.id,
      freshEquipmentId: machine!.id,
    };
  }

  for (const [name, route] of Object.entries(ROUTES)) {
    it(`${name}: every role on own, other and foreign objects`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const role of ROLES) {
        for (const target of ['own', 'other', 'foreign'] as Target[]) {
          const objects = await objectsFor(target);
          const body = route.body?.(objects) as Record<string, unknown> | undefined;
          if (body && 'technicianId' in body) body.technicianId = home.technicianId;
          const response = await client(server.baseUrl, tokens[role]).raw(route.method, route.path(objects), body);
          const want = expectedStatus(route.rules[role], target, route.owned ?? false);
          expected.push(`${role}/${target}: ${want}`);
          outcomes.push(`${role}/${target}: ${response.status >= 200 && response.status < 300 ? 'ok' : response.status}`);
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }

  for (const [name, route] of Object.entries(COLLECTIONS)) {
    it(`${name}: allowed for ${route.allowed.join(', ')} only`, async () => {
      const outcomes: string[] = [];
      for (const role of ROLES) {
        const response = await client(server.baseUrl, tokens[role]).raw(route.method, route.path, route.body?.(home));
        outcomes.push(`${role}: ${response.status >= 200 && response.status < 300 ? 'ok' : response.status}`);
      }
      expect(outcomes).toEqual(ROLES.map((role) => `${role}: ${route.allowed.includes(role) ? 'ok' : 403}`));
    });
  }

  it('lists show only the caller’s organization', async () => {
    const equipment = await client(server.baseUrl, tokens.planner).get('/api/v1/equipment?limit=100');
    const foreignIds = new Set([foreign.equipmentId]);
    expect(equipment.body.data.some((item: { id: string }) => foreignIds.has(item.id))).toBe(false);
    const users = await client(server.baseUrl, tokens.admin).get('/api/v1/users');
    expect(users.body.data.every((user: { organizationId: string }) => user.organizationId === home.organizationId)).toBe(true);
  });

  it('refuses a work order on another organization’s equipment', async () => {
    const response = await client(server.baseUrl, tokens.planner).post('/api/v1/work-orders', {
      title: 'Sneaky',
      equipmentId: foreign.equipmentId,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('equipmentId');
  });

  it('no route answers without a token except login, refresh, logout, the demo logins, health and docs', async () => {
    const spec = await client(server.baseUrl).get('/api/openapi.json');
    const open: string[] = [];
    for (const [path, operations] of Object.entries(spec.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) {
        const concrete = path.replace(/\{[^}]+\}/g, randomUUID());
        const response = await client(server.baseUrl).raw(
          method.toUpperCase(),
          concrete,
          method === 'get' || method === 'delete' ? undefined : {},
        );
        if (response.status !== 401) open.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(open.sort()).toEqual([
      'GET /api/health',
      'GET /api/v1/auth/demo-logins',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/refresh',
    ]);
  });
});
