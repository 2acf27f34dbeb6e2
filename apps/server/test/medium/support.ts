import { WorkOrderPrecedence } from '../../src/modules/work-orders/work-order-precedence';
import type { Role } from '@msched/contracts';
import { expect } from 'vitest';
import { AuthRepository } from '../../src/modules/auth/auth.repository';
import { SessionEnds } from '../../src/modules/auth/session-ends';
import { AuthService } from '../../src/modules/auth/auth.service';
import { LoginThrottle, type LoginThrottleLimits } from '../../src/modules/auth/login-throttle';
import { EquipmentRepository } from '../../src/modules/equipment/equipment.repository';
import { EquipmentService } from '../../src/modules/equipment/equipment.service';
import { LocationsRepository } from '../../src/modules/locations/locations.repository';
import { LocationsService } from '../../src/modules/locations/locations.service';
import { PartsRepository } from '../../src/modules/parts/parts.repository';
import { PartsService } from '../../src/modules/parts/parts.service';
import { TechniciansRepository } from '../../src/modules/technicians/technicians.repository';
import { TechniciansService } from '../../src/modules/technicians/technicians.service';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { UsersService } from '../../src/modules/users/users.service';
import { WorkOrderAccess } from '../../src/modules/work-orders/work-order-access';
import { WorkOrderDetailsRepository } from '../../src/modules/work-orders/work-order-details.repository';
import { WorkOrderExecutionService } from '../../src/modules/work-orders/work-order-execution.service';
import { WorkOrderPartsService } from '../../src/modules/work-orders/work-order-parts.service';
import { WorkOrderRelations } from '../../src/modules/work-orders/work-order-relations';
import { WorkOrdersRepository } from '../../src/modules/work-orders/work-orders.repository';
import { ScheduleProblemBuilder } from '../../src/modules/scheduling/schedule-problem';
import { WorkOrdersService } from '../../src/modules/work-orders/work-orders.service';
import { WorkOrderQueriesRepository } from '../../src/modules/work-orders/work-order-queries.repository';
import { WorkOrderQueriesService } from '../../src/modules/work-orders/work-order-queries.service';
import { WorkOrderStatsRepository } from '../../src/modules/work-orders/work-order-stats.repository';
import { TechnicianMetricsService } from '../../src/modules/technicians/technician-metrics.service';
import { ReadThroughCache } from '../../src/platform/cache/read-through-cache';
import { Metrics } from '../../src/platform/observability/metrics';
import type { Principal } from '../../src/platform/auth/principal';
import { TokenSigner } from '../../src/platform/auth/tokens';
import { MemoryCache } from '../../src/platform/cache/cache';
import type { Database } from '../../src/platform/db/database';
import { AppError, type ErrorCode } from '../../src/platform/http/app-error';
import { IdempotencyRepository } from '../../src/platform/http/idempotency.repository';
import type { OrganizationFixture } from '../support/fixtures';
import type { AppConfig } from '../../src/config';
import { NotificationsRepository } from '../../src/modules/notifications/notifications.repository';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { WorkOrderEvents } from '../../src/modules/work-orders/work-order-events';
import type { StoredEvent } from '../../src/platform/events/domain-event';
import { EventDispatcher, EventPublisher } from '../../src/platform/events/event-dispatcher';
import { EventStore } from '../../src/platform/events/event-store';
import { EventOutbox } from '../../src/platform/events/outbox';
import { MetersRepository } from '../../src/modules/meters/meters.repository';
import { MetersService } from '../../src/modules/meters/meters.service';
import { PmGenerator } from '../../src/modules/pm-plans/pm-generator';
import { PmOccurrences } from '../../src/modules/pm-plans/pm-occurrences';
import { PmPlansRepository } from '../../src/modules/pm-plans/pm-plans.repository';
import { PmPlansService } from '../../src/modules/pm-plans/pm-plans.service';
import { PmForecastRepository } from '../../src/modules/pm-plans/pm-forecast.repository';
import { PmForecastService } from '../../src/modules/pm-plans/pm-forecast.service';
import { SchedulePublisher } from '../../src/modules/scheduling/schedule-publish';

/** Collects what a dispatcher publishes, in order. */
export class RecordingPublisher extends EventPublisher {
  readonly published: StoredEvent[] = [];
  publish(events: readonly StoredEvent[]): void {
    this.published.push(...events);
  }
}

export const OUTBOX_CONFIG = { outboxPollMs: 50, eventRetentionMs: 24 * 3600_000, failpoint: undefined } as AppConfig;

/** The outbox and a dispatcher (not started) publishing to a recorder. */
export function buildOutbox(
  database: Database,
  publisher: EventPublisher = new RecordingPublisher(),
  config: AppConfig = OUTBOX_CONFIG,
  readThrough: ReadThroughCache = new ReadThroughCache(new MemoryCache(), new Metrics(false)),
) {
  const store = new EventStore(database);
  const dispatcher = new EventDispatcher(database, store, publisher, new Metrics(false), config, readThrough);
  return { store, dispatcher, publisher, outbox: new EventOutbox(database, store, dispatcher, readThrough) };
}

export const JWT_SECRET = 'x'.repeat(40);

export type PersonKey = keyof OrganizationFixture['users'];

const ROLE_OF: Record<PersonKey, Role> = {
  admin: 'admin',
  manager: 'manager',
  planner: 'planner',
  technician: 'technician',
  otherTechnician: 'technician',
  requester: 'requester',
  otherRequester: 'requester',
};

/** The principal an access token of this fixture user would carry. */
export function principalOf(org: OrganizationFixture, person: PersonKey): Principal {
  const technicianId = person === 'technician' ? org.technicianId : person === 'otherTechnician' ? org.otherTechnicianId : null;
  return { userId: org.users[person].id, organizationId: org.organizationId, roles: [ROLE_OF[person]], technicianId };
}

/** The builder of a run's problem, wired as the scheduling module wires it. */
export const scheduleProblemBuilder = (database: Database) =>
  new ScheduleProblemBuilder(database, new PmForecastRepository(database), new WorkOrdersRepository(database));

/** Every repository and service wired as the Nest module wires them, over one database. */
export function buildServices(database: Database, limits: LoginThrottleLimits = { perAccount: 3, perIp: 10 }) {
  const authRepository = new AuthRepository(database);
  const usersRepository = new UsersRepository(database);
  const locationsRepository = new LocationsRepository(database);
  const equipmentRepository = new EquipmentRepository(database);
  const techniciansRepository = new TechniciansRepository(database);
  const partsRepository = new PartsRepository(database);
  const workOrdersRepository = new WorkOrdersRepository(database);
  const detailsRepository = new WorkOrderDetailsRepository(database);
  const cache = new MemoryCache();
  const tokens = new TokenSigner(JWT_SECRET);
  // Not started: no polling in service tests; a test calls `refresh()` itself.
  const sessionEnds = new SessionEnds(database, tokens, { sessionEndPollMs: 1000 } as AppConfig);
  const throttle = new LoginThrottle(cache, limits);
  const parts = new PartsService(database, partsRepository);
  const access = new WorkOrderAccess(workOrdersRepository);
  const relations = new WorkOrderRelations(detailsRepository);
  const readThrough = new ReadThroughCache(cache, new Metrics(false));
  const events = buildOutbox(database, undefined, undefined, readThrough);
  const notifications = new NotificationsService(new NotificationsRepository(database));
  const workOrderEvents = new WorkOrderEvents(events.outbox, notifications, equipmentRepository);
  const workOrderParts = new WorkOrderPartsService(database, access, detailsRepository, parts, workOrderEvents);
  const pmPlansRepository = new PmPlansRepository(database);
  const pmGenerator = new PmGenerator(
    database,
    pmPlansRepository,
    new PmOccurrences(pmPlansRepository, workOrdersRepository, detailsRepository, partsRepository, workOrderEvents),
  );
  const pmForecastRepository = new PmForecastRepository(database);
  const workOrders = new WorkOrdersService(
    database,
    workOrdersRepository,
    detailsRepository,
    equipmentRepository,
    access,
    workOrderParts,
    workOrderEvents,
    pmGenerator,
    new WorkOrderPrecedence(database, workOrdersRepository),
    pmForecastRepository,
  );
  return {
    readThrough,
    cache,
    tokens,
    sessionEnds,
    throttle,
    authRepository,
    usersRepository,
    locationsRepository,
    equipmentRepository,
    techniciansRepository,
    pmForecastRepository,
    partsRepository,
    workOrdersRepository,
    detailsRepository,
    idempotency: new IdempotencyRepository(database),
    auth: new AuthService(database, authRepository, tokens, throttle, sessionEnds),
    users: new UsersService(database, usersRepository, authRepository, sessionEnds),
    locations: new LocationsService(database, locationsRepository),
    events,
    notifications,
    equipment: new EquipmentService(database, equipmentRepository, events.outbox, notifications, workOrders),
    technicians: new TechniciansService(database, techniciansRepository, events.outbox),
    parts,
    workOrderParts,
    execution: new WorkOrderExecutionService(database, access, detailsRepository, techniciansRepository, workOrderEvents),
    workOrders,
    schedulePublisher: new SchedulePublisher(database, workOrdersRepository, workOrders, pmForecastRepository, equipmentRepository),
    pmPlansRepository,
    pmGenerator,
    pmPlans: new PmPlansService(database, pmPlansRepository, partsRepository, pmGenerator),
    meters: new MetersService(database, new MetersRepository(database), pmGenerator),
    pmForecast: new PmForecastService(
      database,
      pmPlansRepository,
      pmForecastRepository,
      pmGenerator,
      new WorkOrderStatsRepository(database),
    ),
    workOrderQueries: new WorkOrderQueriesService(
      database,
      new WorkOrderQueriesRepository(database),
      new WorkOrderStatsRepository(database),
      relations,
      equipmentRepository,
      techniciansRepository,
      readThrough,
    ),
    technicianMetrics: new TechnicianMetricsService(
      database,
      techniciansRepository,
      new WorkOrderStatsRepository(database),
      relations,
      readThrough,
    ),
  };
}

export type Services = ReturnType<typeof buildServices>;

/** Awaits a promise that must fail with an AppError of `code`, and answers that error. */
export async function appError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, `expected an AppError ${code}, but the call succeeded`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** Splits settled results into the values that succeeded and the reasons that failed. */
export function partition<T>(results: PromiseSettledResult<T>[]): { values: T[]; reasons: unknown[] } {
  const values: T[] = [];
  const reasons: unknown[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') values.push(result.value);
    else reasons.push(result.reason);
  }
  return { values, reasons };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
