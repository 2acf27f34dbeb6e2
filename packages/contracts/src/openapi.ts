import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as analytics from './analytics';
import * as auth from './auth';
import { IdParam, PageQuery, Problem, Uuid, paged } from './common';
import * as equipment from './equipment';
import { Health } from './health';
import * as locations from './locations';
import * as notifications from './notifications';
import * as organization from './organization';
import * as pm from './pm-plans';
import { HEAVY_REQUESTS_AT_ONCE, HEAVY_REQUEST_COST } from './rate-limits';
import { registerPredictiveRoutes } from './predictive-routes';
import * as schedules from './schedules';
import { Notification } from './realtime';
import * as parts from './parts';
import * as technicians from './technicians';
import * as workOrders from './work-orders';
import * as queries from './work-order-queries';
import { z } from './zod';

type Method = RouteConfig['method'];
type Schema = z.ZodType;

export interface RouteSpec {
  summary: string;
  tag: string;
  /** Who may call it; documented in the description. Omitted = public. */
  roles?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: Schema;
  response?: Schema;
  status?: 200 | 201 | 202 | 204;
  idempotent?: boolean;
  ifMatch?: boolean;
  /** An expensive route: it costs more of the caller's request budget, and few may run at once. */
  heavy?: boolean;
  errors?: number[];
  description?: string;
}

export type AddRoute = (method: Method, path: string, spec: RouteSpec) => void;

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names each field.',
  401: 'Missing, invalid or expired access token.',
  403: 'Authenticated, but the role may not do this.',
  404: 'No such object in the caller’s organization.',
  409: 'Conflict with the current state (the detail says which).',
  412: 'If-Match names a version that is no longer current.',
  413: 'Body larger than the limit.',
  415: 'Body is not application/json in UTF-8.',
  422: 'Idempotency-Key reused with a different body.',
  429: 'Too many requests; see Retry-After.',
};

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'The access token of `POST /auth/login` or `/auth/refresh`, valid 15 minutes. It is refused (401) as soon as an admin ' +
      'disables the account or changes its roles, technician link or password: refresh to get one carrying the account as it is now. ' +
      'It is also refused once its login session ends: a logout, or a spent refresh token of the session shown again.',
  });

  const add: AddRoute = (method, path, spec) => {
    const isPublic = spec.roles === undefined;
    const errorCodes = new Set<number>([
      ...(spec.body || spec.query || spec.params ? [400] : []),
      ...(isPublic ? [] : [401, 403]),
      ...(spec.params ? [404] : []),
      ...(spec.body ? [413, 415] : []),
      ...(spec.idempotent ? [422] : []),
      ...(spec.ifMatch ? [412] : []),
      429,
      ...(spec.errors ?? []),
    ]);
    const headers: Record<string, Schema> = {};
    if (spec.idempotent) headers['idempotency-key'] = z.string().max(200).optional();
    if (spec.ifMatch) headers['if-match'] = z.string().max(50).optional();
    const status = spec.status ?? (method === 'post' && spec.idempotent ? 201 : 200);
    registry.registerPath({
      method,
      path,
      summary: spec.summary,
      tags: [spec.tag],
      description: [
        spec.description,
        spec.heavy
          ? `Expensive: costs ${HEAVY_REQUEST_COST} units of the caller’s request budget, and at most ${HEAVY_REQUESTS_AT_ONCE} run at once per caller (429 beyond).`
          : undefined,
        isPublic ? 'No authentication.' : `Roles: ${spec.roles}.`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      security: isPublic ? [] : [{ bearer: [] }],
      request: {
        params: spec.params,
        query: spec.query,
        headers: Object.keys(headers).length ? z.object(headers) : undefined,
        body: spec.body ? { required: true, content: { 'application/json': { schema: spec.body } } } : undefined,
      },
      responses: {
        [status]:
          status === 204 || !spec.response
            ? { description: 'Done.' }
            : {
                description: 'Success.',
                content: { 'application/json': { schema: spec.response } },
              },
        ...Object.fromEntries([...errorCodes].sort().map((code) => [code, problemResponse(ERROR_DESCRIPTIONS[code]!)])),
      },
    });
  };

  const v1 = '/api/v1';
  const all = 'any authenticated user';
  const staff = 'admin, manager, planner';

  add('get', '/api/health', { summary: 'Liveness and readiness', tag: 'health', response: Health });

  add('post', `${v1}/auth/login`, {
    summary: 'Log in with email and password',
    tag: 'auth',
    body: auth.LoginRequest,
    response: auth.TokenPair,
    status: 200,
    errors: [401, 429],
    description:
      'Failed logins are limited per IP address (an IPv6 client by its /64) and per account: past the account’s limit, a 429 answers the addresses that failed on it, while one that never did still gets its attempt.',
  });
  add('post', `${v1}/auth/refresh`, {
    summary: 'Exchange a refresh token for a new pair (rotation)',
    tag: 'auth',
    body: auth.RefreshRequest,
    response: auth.TokenPair,
    status: 200,
    errors: [401],
    description: 'The old token stops working; presenting a spent token revokes its whole family and ends the access tokens issued in it.',
  });
  add('post', `${v1}/auth/logout`, {
    summary: 'End the login session of a refresh token',
    tag: 'auth',
    body: auth.RefreshRequest,
    status: 204,
    description:
      'Revokes the refresh token and the rest of its family; once that commits, the access tokens issued in that session are ' +
      'refused (401 over HTTP; its sockets are closed). The same user’s other sessions are not affected. An unknown token is answered 204 as well.',
  });
  add('get', `${v1}/auth/demo-logins`, {
    summary: 'The demo accounts a login page may offer',
    tag: 'auth',
    response: auth.DemoLogins,
    description: 'Lists the seeded "Demo Plant" accounts and their password only while the server seeds demo data; otherwise empty.',
  });
  add('get', `${v1}/auth/me`, { summary: 'The current user', tag: 'auth', roles: all, response: auth.AuthUser });

  add('get', `${v1}/users`, {
    summary: 'List users',
    tag: 'users',
    roles: 'admin',
    query: auth.UserListQuery,
    response: paged(auth.User),
  });
  add('post', `${v1}/users`, {
    summary: 'Create a user',
    tag: 'users',
    roles: 'admin',
    body: auth.CreateUser,
    response: auth.User,
    idempotent: true,
    errors: [409],
    description:
      'An email another account uses (in any organization: login is by email), or a technician already linked to another account, is 409 `duplicate` naming the field in `errors`.',
  });
  add('get', `${v1}/users/{id}`, { summary: 'Get a user', tag: 'users', roles: 'admin', params: IdParam, response: auth.User });
  add('patch', `${v1}/users/{id}`, {
    summary: 'Update a user',
    tag: 'users',
    roles: 'admin',
    params: IdParam,
    body: auth.UpdateUser,
    response: auth.User,
    ifMatch: true,
    errors: [409],
    description:
      'A new `email` another account uses (in any organization) is 409 `duplicate` naming `email`; the sessions stay. A technician already linked to another account is 409 `duplicate` (`errors` names `technicianId`); unlink it there first. An admin cannot disable their own account or drop their own admin role (409).',
  });

  add('get', `${v1}/organization`, {
    summary: "The caller's organization",
    tag: 'organization',
    roles: all,
    response: organization.Organization,
    description:
      'Its name, slug, time zone (the local days of PM plans, and the times notifications name) and currency, with `version` as the ETag.',
  });
  add('patch', `${v1}/organization`, {
    summary: "Change the caller's organization",
    tag: 'organization',
    roles: 'admin',
    body: organization.UpdateOrganization,
    response: organization.Organization,
    ifMatch: true,
    description:
      'Name, time zone and currency. A new time zone applies to what is computed from then on (PM occurrences not yet generated, notifications sent next); work orders keep their dates.',
  });

  add('get', `${v1}/locations`, {
    summary: 'List locations (flat; build the tree from parentId)',
    tag: 'locations',
    roles: all,
    query: locations.LocationListQuery,
    response: paged(locations.Location),
  });
  add('post', `${v1}/locations`, {
    summary: 'Create a location',
    tag: 'locations',
    roles: staff,
    body: locations.CreateLocation,
    response: locations.Location,
    idempotent: true,
    errors: [409],
  });
  add('get', `${v1}/locations/travel-times`, {
    summary: 'Travel times between sites',
    tag: 'locations',
    roles: all,
    response: locations.SiteTravelTimesState,
    description:
      'Each pair of sites once, with the version of the whole set (also the ETag). The optimizer counts these minutes when work moves a technician from one site to another.',
  });
  add('put', `${v1}/locations/travel-times`, {
    summary: 'Replace every travel time between sites',
    tag: 'locations',
    roles: staff,
    body: locations.SiteTravelTimes,
    response: locations.SiteTravelTimesState,
    ifMatch: true,
    description:
      'A pair is named once, in either direction, and holds both ways; a pair left out costs nothing to travel. Both ends must be SITE locations of the organization (400 naming the end otherwise). A technician travels from their home location’s site and between the sites of the equipment they work on. With `If-Match`, refused (412) when the set changed since that version: another replacement, or a site deleted or made another kind, which takes its pairs with it. The same set again keeps its version.',
  });
  add('get', `${v1}/locations/{id}`, {
    summary: 'Get a location',
    tag: 'locations',
    roles: all,
    params: IdParam,
    response: locations.Location,
  });
  add('patch', `${v1}/locations/{id}`, {
    summary: 'Update a location',
    tag: 'locations',
    roles: staff,
    params: IdParam,
    body: locations.UpdateLocation,
    response: locations.Location,
    ifMatch: true,
    errors: [409],
  });
  add('delete', `${v1}/locations/{id}`, {
    summary: 'Delete an unused location',
    tag: 'locations',
    roles: 'admin, manager',
    params: IdParam,
    status: 204,
    ifMatch: true,
    errors: [409],
  });

  add('get', `${v1}/equipment`, {
    summary: 'List equipment',
    tag: 'equipment',
    roles: all,
    query: equipment.EquipmentListQuery,
    response: paged(equipment.Equipment),
  });
  add('post', `${v1}/equipment`, {
    summary: 'Create equipment',
    tag: 'equipment',
    roles: staff,
    body: equipment.CreateEquipment,
    response: equipment.Equipment,
    idempotent: true,
    errors: [409],
  });
  add('get', `${v1}/equipment/{id}`, {
    summary: 'Get equipment',
    tag: 'equipment',
    roles: all,
    params: IdParam,
    response: equipment.Equipment,
  });
  add('patch', `${v1}/equipment/{id}`, {
    summary: 'Update equipment',
    tag: 'equipment',
    roles: staff,
    params: IdParam,
    body: equipment.UpdateEquipment,
    response: equipment.Equipment,
    ifMatch: true,
    errors: [409],
    description:
      'New `maintenanceWindows` that would no longer hold downtime work booked on it (not started, not over) are 409, naming that work and the minutes each lacks in `conflicts.maintenanceWindows`: move or unbook it first.',
  });
  add('delete', `${v1}/equipment/{id}`, {
    summary: 'Delete equipment that has no work orders or children',
    tag: 'equipment',
    roles: 'admin, manager',
    params: IdParam,
    status: 204,
    ifMatch: true,
    errors: [409],
    description:
      'Equipment with work orders, sub-components, meters, sensors or PM plans naming it is refused (409): set its status to RETIRED to keep its history.',
  });

  add('get', `${v1}/technicians`, {
    summary: 'List technicians',
    tag: 'technicians',
    roles: staff,
    query: technicians.TechnicianListQuery,
    response: paged(technicians.Technician),
  });
  add('post', `${v1}/technicians`, {
    summary: 'Create a technician',
    tag: 'technicians',
    roles: 'admin, manager',
    body: technicians.CreateTechnician,
    response: technicians.Technician,
    idempotent: true,
    errors: [409],
  });
  add('get', `${v1}/technicians/{id}`, {
    summary: 'Get a technician',
    tag: 'technicians',
    roles: `${staff}; a technician their own record`,
    params: IdParam,
    response: technicians.Technician,
  });
  add('patch', `${v1}/technicians/{id}`, {
    summary: 'Update a technician',
    tag: 'technicians',
    roles: 'admin, manager',
    params: IdParam,
    body: technicians.UpdateTechnician,
    response: technicians.Technician,
    ifMatch: true,
    errors: [409],
  });
  add('get', `${v1}/technicians/{id}/availability`, {
    summary: 'Weekly shift pattern and dated exceptions',
    tag: 'technicians',
    roles: `${staff}; a technician their own`,
    params: IdParam,
    response: technicians.TechnicianAvailabilityResponse,
  });
  add('put', `${v1}/technicians/{id}/availability`, {
    summary: 'Replace the availability',
    tag: 'technicians',
    roles: staff,
    params: IdParam,
    body: technicians.TechnicianAvailability,
    response: technicians.TechnicianAvailabilityResponse,
    ifMatch: true,
  });

  add('get', `${v1}/parts`, {
    summary: 'List parts',
    tag: 'parts',
    roles: 'admin, manager, planner, technician',
    query: parts.PartListQuery,
    response: paged(parts.Part),
  });
  add('post', `${v1}/parts`, {
    summary: 'Create a part',
    tag: 'parts',
    roles: staff,
    body: parts.CreatePart,
    response: parts.Part,
    idempotent: true,
    errors: [409],
  });
  add('get', `${v1}/parts/{id}`, {
    summary: 'Get a part',
    tag: 'parts',
    roles: 'admin, manager, planner, technician',
    params: IdParam,
    response: parts.Part,
  });
  add('patch', `${v1}/parts/{id}`, {
    summary: 'Update a part (not its stock)',
    tag: 'parts',
    roles: staff,
    params: IdParam,
    body: parts.UpdatePart,
    response: parts.Part,
    ifMatch: true,
    errors: [409],
  });
  add('post', `${v1}/parts/{id}/adjustments`, {
    summary: 'Adjust stock on hand (ledger entry)',
    tag: 'parts',
    roles: staff,
    params: IdParam,
    body: parts.StockAdjustment,
    response: parts.StockAdjustmentResult,
    idempotent: true,
    ifMatch: true,
    errors: [409],
    description:
      'Stock never goes negative: an adjustment below zero (or below what is reserved) is 409. The change is a signed delta, so ' +
      'two adjustments made at once both apply; send If-Match with the part’s ETag to make it only against the stock you read (412 otherwise).',
  });
  add('get', `${v1}/parts/{id}/movements`, {
    summary: 'Stock ledger of a part, newest first',
    tag: 'parts',
    roles: staff,
    params: IdParam,
    query: PageQuery,
    response: paged(parts.StockMovement),
  });

  const wo = `${v1}/work-orders`;
  const visibleWork = 'any authenticated user; technicians and requesters see only their own work';
  const listDescription =
    '`limit` above 100 is refused (400). Either `page` (with `total`: exact up to 1,000 matching rows; beyond, 1,001 flagged by `totalIsEstimate`, i.e. “more than 1,000”) or `cursor` (keyset: every page costs the same).';
  add('get', wo, {
    summary: 'List work orders',
    tag: 'work-orders',
    roles: visibleWork,
    query: queries.WorkOrderListQuery,
    response: queries.WorkOrderPage,
    description: listDescription,
  });
  add('get', `${wo}/search`, {
    summary: 'Search work orders',
    tag: 'work-orders',
    roles: visibleWork,
    query: queries.WorkOrderSearchQuery,
    response: queries.WorkOrderPage,
    description: listDescription,
  });
  add('get', `${wo}/dashboard/stats`, {
    summary: 'Dashboard figures over the work the caller may see',
    tag: 'work-orders',
    roles: visibleWork,
    response: queries.DashboardStats,
  });
  add('get', `${wo}/equipment/{equipmentId}`, {
    summary: 'Work orders of one piece of equipment',
    tag: 'work-orders',
    roles: visibleWork,
    params: z.object({ equipmentId: Uuid }),
    query: queries.WorkOrderListQuery,
    response: queries.WorkOrderPage,
  });
  add('get', `${wo}/technician/{technicianId}`, {
    summary: 'Work orders assigned to one technician',
    tag: 'work-orders',
    roles: visibleWork,
    params: z.object({ technicianId: Uuid }),
    query: queries.WorkOrderListQuery,
    response: queries.WorkOrderPage,
  });
  add('get', `${v1}/equipment/{id}/history`, {
    summary: 'Maintenance history: finished work, newest actual end first',
    tag: 'equipment',
    roles: visibleWork,
    params: IdParam,
    query: queries.EquipmentHistoryQuery,
    response: queries.WorkOrderPage,
  });
  add('get', `${v1}/technicians/{id}/schedule`, {
    summary: 'Booked work, hours and utilization in a range (default: next 7 days)',
    tag: 'technicians',
    roles: `${staff}; a technician their own`,
    params: IdParam,
    query: queries.DateRangeQuery,
    response: queries.TechnicianSchedule,
    description:
      'utilization = scheduled hours ÷ available shift hours × 100, where available hours come from the weekly pattern and dated exceptions in the technician’s timezone.',
  });
  add('get', `${v1}/technicians/{id}/performance`, {
    summary: 'Completion, on-time, first-time-fix and utilization rates in a range (default: last 30 days)',
    tag: 'technicians',
    roles: `${staff}; a technician their own`,
    params: IdParam,
    query: queries.DateRangeQuery,
    response: queries.TechnicianPerformance,
  });
  add('get', `${v1}/admin/cache/stats`, {
    summary: 'Cache keys, memory, and this instance’s hits, misses and errors',
    tag: 'admin',
    roles: 'admin',
    response: z.object({
      kind: z.string(),
      keys: z.number(),
      memory: z.string(),
      hits: z.number(),
      misses: z.number(),
      errors: z.number(),
      bypassing: z.boolean(),
    }),
  });

  const woRead = 'admin, manager, planner; a technician work assigned to them or requested by them; a requester their own requests';
  const woParams = IdParam;
  add('post', wo, {
    summary: 'Create a work order (or a work request, for requesters)',
    tag: 'work-orders',
    roles: all,
    body: workOrders.CreateWorkOrder,
    response: workOrders.WorkOrder,
    idempotent: true,
    description: 'Answers 201 with `workOrderNumber` and status OPEN.',
  });
  add('get', `${wo}/{id}`, {
    summary: 'Get a work order',
    tag: 'work-orders',
    roles: woRead,
    params: woParams,
    query: workOrders.WorkOrderIncludeQuery,
    response: workOrders.WorkOrder,
  });
  add('patch', `${wo}/{id}`, {
    summary: 'Edit a work order',
    tag: 'work-orders',
    roles: staff,
    params: woParams,
    body: workOrders.UpdateWorkOrder,
    response: workOrders.WorkOrder,
    ifMatch: true,
    errors: [409],
  });
  add('delete', `${wo}/{id}`, {
    summary: 'Delete an OPEN or CANCELLED work order',
    tag: 'work-orders',
    roles: 'admin, manager',
    params: woParams,
    status: 204,
    ifMatch: true,
    errors: [409],
    description:
      'Any other state is refused (409, conflict). So is a work order with parts still ISSUED to it (409, in_use): return them first. What is only reserved goes back to stock.',
  });
  add('post', `${wo}/{id}/assign`, {
    summary: 'Assign a technician and schedule',
    tag: 'work-orders',
    roles: staff,
    params: woParams,
    body: workOrders.AssignWorkOrder,
    response: workOrders.WorkOrder,
    status: 200,
    ifMatch: true,
    errors: [409],
    description:
      "409 unless `force: true` on a skill mismatch, an overlap with other scheduled work of the technician or crew (`conflicts.overlaps`), other work booked on its equipment then, whoever does it (`conflicts.equipmentOverlaps`), other booked work sharing one of its conflict groups then (`conflicts.groupOverlaps`), work put out of order (`conflicts.precedence`: a predecessor not done and not booked to end by its start, or work waiting for it booked to start before its end), or downtime work with too little of the crew's time inside the equipment's maintenance windows (`conflicts.maintenanceWindow`).",
  });
  add('post', `${wo}/{id}/status`, {
    summary: 'Move a work order to another state',
    tag: 'work-orders',
    roles: woRead,
    params: woParams,
    body: workOrders.ChangeWorkOrderStatus,
    response: workOrders.WorkOrder,
    status: 200,
    ifMatch: true,
    errors: [409],
    description:
      'A transition that is not allowed is 409 and `allowedNextStates` lists the legal ones. Giving up a booking (back to OPEN, or reopening CANCELLED work) while work waiting for it is booked and not started is 409 too, naming that work in `conflicts.precedence`: unbook or move it first. So is taking done work (PENDING_APPROVAL, COMPLETED) back into progress when other work has been booked on its people, equipment or conflict groups in its booked time since, or work waiting for it is booked to start before it ends (`conflicts`, as /assign names them).',
  });
  add('get', `${wo}/{id}/tasks`, {
    summary: 'Checklist',
    tag: 'work-orders',
    roles: woRead,
    params: woParams,
    response: z.array(workOrders.WorkOrderTask),
  });
  add('post', `${wo}/{id}/tasks`, {
    summary: 'Add a checklist task',
    tag: 'work-orders',
    roles: `${staff}; the assigned technician`,
    params: woParams,
    body: workOrders.CreateTask,
    response: workOrders.WorkOrderTask,
    idempotent: true,
    errors: [409],
  });
  add('patch', `${wo}/{id}/tasks/{taskId}`, {
    summary: 'Update a task (tick it off)',
    tag: 'work-orders',
    roles: `${staff}; the assigned technician`,
    params: z.object({ id: Uuid, taskId: Uuid }),
    body: workOrders.UpdateTask,
    response: workOrders.WorkOrderTask,
    ifMatch: true,
    errors: [409],
    description:
      'Planning staff may set any assignee. A technician may take an unassigned task (assigneeId: themselves) or give back their own (assigneeId: null); any other change of assignee is 403.',
  });
  add('get', `${wo}/{id}/parts`, {
    summary: 'Parts reserved and used',
    tag: 'work-orders',
    roles: 'admin, manager, planner; a technician on work assigned to them (part lines carry costs)',
    params: woParams,
    response: z.array(workOrders.WorkOrderPartLine),
  });
  add('post', `${wo}/{id}/parts`, {
    summary: 'Reserve or issue a part against stock',
    tag: 'work-orders',
    roles: `${staff}; the assigned technician`,
    params: woParams,
    body: workOrders.AddWorkOrderPart,
    response: workOrders.WorkOrderPartLineResult,
    idempotent: true,
    errors: [409],
    description: '409 when stock is short.',
  });
  add('patch', `${wo}/{id}/parts/{lineId}`, {
    summary: 'Issue, return or release a part line',
    tag: 'work-orders',
    roles: `${staff}; the assigned technician`,
    params: z.object({ id: Uuid, lineId: Uuid }),
    body: workOrders.UpdateWorkOrderPart,
    response: workOrders.WorkOrderPartLineResult,
    errors: [409],
  });
  add('get', `${wo}/{id}/comments`, {
    summary: 'Comments, oldest first',
    tag: 'work-orders',
    roles: woRead,
    params: woParams,
    response: z.array(workOrders.WorkOrderComment),
  });
  add('post', `${wo}/{id}/comments`, {
    summary: 'Add a comment',
    tag: 'work-orders',
    roles: woRead,
    params: woParams,
    body: workOrders.CreateComment,
    response: workOrders.WorkOrderComment,
    idempotent: true,
  });
  add('get', `${wo}/{id}/history`, {
    summary: 'Status history and field changes, oldest first',
    tag: 'work-orders',
    roles: woRead,
    params: woParams,
    response: z.array(workOrders.WorkOrderHistoryEntry),
  });

  const pmRead = 'admin, manager, planner, technician';
  const pmParams = IdParam;
  add('get', `${v1}/pm-plans`, {
    summary: 'List PM plans',
    tag: 'pm-plans',
    roles: pmRead,
    query: pm.PmPlanListQuery,
    response: pm.PmPlanPage,
  });
  add('post', `${v1}/pm-plans`, {
    summary: 'Create a PM plan',
    tag: 'pm-plans',
    roles: staff,
    body: pm.CreatePmPlan,
    response: pm.PmPlan,
    idempotent: true,
    description:
      'A work-order template with a calendar trigger (every N days/weeks/months/years, or an RRULE; FIXED counts from the previous due date, FLOATING from the previous completion), a meter trigger (every N units of a counter, or a condition above/below a value), or both: whichever comes first, and the other restarts. Each occurrence generates its work order once (with `pmPlanId`, the due date and `complianceWindowEnd`), `leadDays` before it is due.',
  });
  add('post', `${v1}/pm-plans/run`, {
    summary: 'Generate the PM work that is due now (the background job does this every minute)',
    tag: 'pm-plans',
    roles: staff,
    response: z.object({ generatedWorkOrderIds: z.array(Uuid) }),
    status: 200,
  });
  add('get', `${v1}/pm-plans/forecast`, {
    heavy: true,
    summary: 'Projected PM occurrences and weekly load against capacity',
    tag: 'pm-plans',
    roles: pmRead,
    query: pm.ForecastQuery as unknown as z.ZodObject,
    response: pm.PmForecast,
    description:
      'Calendar plans project their occurrences; meter plans project from each meter’s usage rate over the last 30 days. Weekly load is estimated hours × crew size; capacity is the shift hours of active technicians from their availability. Nothing is created.',
  });
  add('get', `${v1}/pm-plans/compliance`, {
    summary: 'PM compliance (SMRP) over a period',
    tag: 'pm-plans',
    roles: pmRead,
    query: pm.ForecastQuery as unknown as z.ZodObject,
    response: pm.PmCompliance,
  });
  add('get', `${v1}/pm-plans/{id}`, {
    summary: 'A PM plan and where it stands per equipment',
    tag: 'pm-plans',
    roles: pmRead,
    params: pmParams,
    response: pm.PmPlan,
  });
  add('patch', `${v1}/pm-plans/{id}`, {
    summary: 'Change a PM plan (future occurrences only); pause with status PAUSED',
    tag: 'pm-plans',
    roles: staff,
    params: pmParams,
    body: pm.UpdatePmPlan,
    response: pm.PmPlan,
    ifMatch: true,
  });
  add('delete', `${v1}/pm-plans/{id}`, {
    summary: 'Delete a PM plan (generation stops; its work orders and history stay)',
    tag: 'pm-plans',
    roles: staff,
    params: pmParams,
    status: 204,
    ifMatch: true,
  });
  add('get', `${v1}/equipment/{id}/meters`, {
    summary: 'Meters of a piece of equipment',
    tag: 'meters',
    roles: all,
    params: IdParam,
    response: z.array(pm.Meter),
  });
  add('post', `${v1}/equipment/{id}/meters`, {
    summary: 'Add a meter to a piece of equipment',
    tag: 'meters',
    roles: staff,
    params: IdParam,
    body: pm.CreateMeter,
    response: pm.Meter,
    status: 201,
    idempotent: true,
  });
  add('get', `${v1}/meters/{id}`, { summary: 'A meter', tag: 'meters', roles: all, params: IdParam, response: pm.Meter });
  add('get', `${v1}/meters/{id}/readings`, {
    summary: 'Readings of a meter, newest first',
    tag: 'meters',
    roles: all,
    params: IdParam,
    query: pm.MeterReadingsQuery,
    response: pm.MeterReadingPage,
  });
  add('post', `${v1}/meters/{id}/readings`, {
    summary: 'Record one reading or a batch; PM plans of the meter are evaluated at once',
    tag: 'meters',
    roles: 'admin, manager, planner, technician',
    params: IdParam,
    body: pm.MeterReadingsRequest,
    response: pm.MeterReadingsResult,
    status: 200,
    errors: [409],
    idempotent: true,
    description:
      'A COUNTER reading lower than the previous one is 409 unless `replacement: true`. The same meter and time again is a duplicate and changes nothing. Readings older than the newest are kept for history and trigger nothing; a late COUNTER reading must lie between the readings before and after it (409 otherwise; a replacement may be lower than the one before, and one after a replacement does not bound it). A time before 2000-01-01 or more than 5 minutes ahead is 400.',
  });
  add('get', `${v1}/holidays`, {
    summary: 'The organization’s non-working days',
    tag: 'pm-plans',
    roles: all,
    query: pm.HolidayListQuery,
    response: z.array(pm.Holiday),
  });
  add('post', `${v1}/holidays`, {
    summary: 'Add a non-working day',
    tag: 'pm-plans',
    roles: staff,
    body: pm.CreateHoliday,
    response: pm.Holiday,
    idempotent: true,
  });
  add('delete', `${v1}/holidays/{id}`, {
    summary: 'Remove a non-working day',
    tag: 'pm-plans',
    roles: staff,
    params: IdParam,
    status: 204,
  });

  const planners = 'manager, planner';
  const runParams = z.object({ runId: Uuid });
  add('post', `${v1}/schedules/solve`, {
    summary: 'Start an optimizer run',
    tag: 'schedules',
    roles: planners,
    body: schedules.SolveRequest,
    response: schedules.SolveAccepted,
    status: 202,
    idempotent: true,
    description:
      "A repeat with the same `Idempotency-Key` and body answers the first run's id and starts nothing. Solves in a worker thread for at most `timeLimitSeconds`; poll `GET /schedules/runs/{runId}` or listen to `schedule:progress` on the real-time channel. `repair` starts from the current bookings and keeps churn low. Nothing is planned to start before the next quarter hour (a booking not yet begun may stay where it is). The same `seed` and inputs give the same schedule when the run is not cut short by its time limit and its range has not begun.",
  });
  add('get', `${v1}/schedules/runs/{runId}`, {
    summary: 'A run: status, best score so far, progress, assignments, unassigned work with reasons, score analysis',
    tag: 'schedules',
    roles: planners,
    params: runParams,
    response: schedules.ScheduleRun,
  });
  add('delete', `${v1}/schedules/runs/{runId}`, {
    summary: 'Stop a run, keeping its best solution',
    tag: 'schedules',
    roles: planners,
    params: runParams,
    response: schedules.ScheduleRun,
  });
  add('post', `${v1}/schedules/runs/{runId}/publish`, {
    summary: 'Apply a run’s assignments in one transaction',
    tag: 'schedules',
    roles: planners,
    params: runParams,
    response: schedules.PublishResult,
    status: 200,
    errors: [409],
    description:
      'Work orders changed since the run started are reported as conflicts and left as they are, as is a proposal that would now double-book one of its technicians or its equipment. Emits the usual work-order events.',
  });
  add('post', `${v1}/schedules/analyze`, {
    heavy: true,
    summary: 'Score a given schedule (e.g. a planner’s board) with the optimizer’s analysis',
    tag: 'schedules',
    roles: planners,
    body: schedules.AnalyzeRequest,
    response: schedules.ScheduleAnalysis,
    status: 200,
  });

  add('get', `${v1}/notifications`, {
    summary: 'The caller’s notifications, newest first',
    tag: 'notifications',
    roles: all,
    query: notifications.NotificationListQuery,
    response: notifications.NotificationPage,
    description:
      'Created by assignments (to the technician), work-order status changes (to the assigned technician, the equipment owner and its maintenance manager) and equipment status changes (to the owner and maintenance manager); the author of a change is not notified of it. Each is also pushed live as the `notification` event to the `user:{id}` room.',
  });
  add('post', `${v1}/notifications/{id}/read`, {
    summary: 'Mark one notification read',
    tag: 'notifications',
    roles: all,
    params: IdParam,
    response: Notification,
    status: 200,
    description: 'Marking it again keeps the first read time. Another user’s notification is 404.',
  });
  add('post', `${v1}/notifications/read-all`, {
    summary: 'Mark all of the caller’s notifications read',
    tag: 'notifications',
    roles: all,
    response: notifications.ReadAllResult,
    status: 200,
  });
  add('post', `${v1}/admin/system-messages`, {
    summary: 'Send a system message to everyone of the organization',
    tag: 'admin',
    roles: 'admin',
    body: notifications.CreateSystemMessage,
    response: notifications.SystemMessageAccepted,
    status: 202,
    description: 'Delivered as `system:message` to the `system:all` room through the outbox (so clients that resume receive it).',
  });
  add('get', `${v1}/admin/realtime/stats`, {
    summary: 'This instance’s real-time state',
    tag: 'admin',
    roles: 'admin',
    response: z.object({
      sockets: z.number().int(),
      rooms: z.number().int(),
      organizations: z.number().int(),
      followedOrganizations: z.number().int(),
      timers: z.number().int(),
      clustered: z.boolean(),
    }),
  });

  add('get', `${v1}/analytics/overview`, {
    heavy: true,
    summary: 'Backlog, overdue and PM compliance trends, utilization, and reliability by equipment type',
    tag: 'analytics',
    roles: staff,
    query: analytics.AnalyticsOverviewQuery,
    response: analytics.AnalyticsOverview,
    description: [
      'Organization-wide figures for the manager’s dashboard, computed as of the request (cached up to a minute, dropped on any change).',
      '- Backlog in weeks: Σ estimated duration × crew size of the open work (hours) ÷ the average weekly shift hours of the active technicians over the next 4 weeks.',
      '- Overdue trend: at now and at each of the `weeks − 1` instants 7, 14, … days before it, the work orders created by then, due before it and not finished by then (finished: the last time they entered COMPLETED, CLOSED or CANCELLED from an open state, by status history; without history their actual end, else their last update). The last point equals the dashboard’s overdue count.',
      '- PM compliance trend: the SMRP rule of `GET /pm-plans/compliance` over the 7 days before each point.',
      '- Utilization over the next 7 days, as `GET /technicians/{id}/schedule` computes it: booked hours ÷ shift hours × 100.',
      '- MTBF and MTTR per equipment type, as `GET /predictive/reliability` computes them (hours).',
    ].join('\n'),
  });

  registerPredictiveRoutes(add, v1);

  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Maintenance Scheduler API',
      version: '0.1.0',
      description:
        'Work orders, assets, technicians and parts of a maintenance organization. Errors are application/problem+json (RFC 9457). Mutable resources carry `version`, answered as `ETag`; send it back in `If-Match`.\n\nRate limits: each caller (a signed-in user, else a client network) has a request budget per server instance, `RATE_LIMIT_PER_MINUTE` units a minute (default 1,200), refilled continuously; a request costs one unit, an expensive one more (its description says). A request the budget cannot pay for is refused with 429 and `Retry-After` (seconds), and does nothing.\n\nReal-time: Socket.IO at `/socket.io` on the same port (token in `auth.token`, `?token=` or `Authorization: Bearer`). Rooms, payloads and the typed event maps are in `@msched/contracts` (`realtime.ts`); every domain event carries a per-organization, gap-free, increasing `eventId`, and `resume { lastEventId }` replays what a client missed (within `EVENT_RETENTION_HOURS`, default 24) or answers `resync_required`.',
    },
    servers: [{ url: '/' }],
  });
}
