import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig } from './config';
import { AdminController } from './modules/admin/admin.controller';
import { AnalyticsController } from './modules/analytics/analytics.controller';
import { AnalyticsRepository } from './modules/analytics/analytics.repository';
import { AnalyticsService } from './modules/analytics/analytics.service';
import { AuthController } from './modules/auth/auth.controller';
import { AuthRepository } from './modules/auth/auth.repository';
import { AuthService } from './modules/auth/auth.service';
import { SessionEnds } from './modules/auth/session-ends';
import { DemoLoginsService } from './modules/auth/demo-logins.service';
import { LoginThrottle } from './modules/auth/login-throttle';
import { EquipmentController } from './modules/equipment/equipment.controller';
import { EquipmentRepository } from './modules/equipment/equipment.repository';
import { EquipmentService } from './modules/equipment/equipment.service';
import { HealthController } from './modules/health/health.controller';
import { LocationsController } from './modules/locations/locations.controller';
import { LocationsRepository } from './modules/locations/locations.repository';
import { LocationsService } from './modules/locations/locations.service';
import { PartsController } from './modules/parts/parts.controller';
import { PartsRepository } from './modules/parts/parts.repository';
import { PartsService } from './modules/parts/parts.service';
import { TechnicianMetricsService } from './modules/technicians/technician-metrics.service';
import { TechniciansController } from './modules/technicians/technicians.controller';
import { TechniciansRepository } from './modules/technicians/technicians.repository';
import { TechniciansService } from './modules/technicians/technicians.service';
import { OrganizationsController } from './modules/organizations/organizations.controller';
import { OrganizationsService } from './modules/organizations/organizations.service';
import { UsersController } from './modules/users/users.controller';
import { UsersRepository } from './modules/users/users.repository';
import { UsersService } from './modules/users/users.service';
import { WorkOrderAccess } from './modules/work-orders/work-order-access';
import { WorkOrderDetailsRepository } from './modules/work-orders/work-order-details.repository';
import { WorkOrderExecutionService } from './modules/work-orders/work-order-execution.service';
import { WorkOrderPartsService } from './modules/work-orders/work-order-parts.service';
import { WorkOrderRelations } from './modules/work-orders/work-order-relations';
import { WorkOrderQueriesController } from './modules/work-orders/work-order-queries.controller';
import { WorkOrderQueriesRepository } from './modules/work-orders/work-order-queries.repository';
import { WorkOrderQueriesService } from './modules/work-orders/work-order-queries.service';
import { WorkOrderStatsRepository } from './modules/work-orders/work-order-stats.repository';
import { WorkOrdersController } from './modules/work-orders/work-orders.controller';
import { WorkOrdersRepository } from './modules/work-orders/work-orders.repository';
import { WorkOrdersService } from './modules/work-orders/work-orders.service';
import { WorkOrderPrecedence } from './modules/work-orders/work-order-precedence';
import { AuthGuard } from './platform/auth/auth.guard';
import { RequestBudget } from './platform/http/request-budget';
import { TokenSigner } from './platform/auth/tokens';
import { Cache } from './platform/cache/cache';
import { ReadThroughCache } from './platform/cache/read-through-cache';
import { Metrics } from './platform/observability/metrics';
import { Database } from './platform/db/database';
import { IdempotencyInterceptor } from './platform/http/idempotency';
import { IdempotencyRepository } from './platform/http/idempotency.repository';
import { ProblemFilter } from './platform/http/problem.filter';
import { EventDispatcher, EventPublisher } from './platform/events/event-dispatcher';
import { EventHistory } from './platform/events/event-history';
import { EventStore } from './platform/events/event-store';
import { EventOutbox } from './platform/events/outbox';
import { RealtimeGateway } from './platform/realtime/realtime.gateway';
import { RoomAccess } from './platform/realtime/room-access';
import { NotificationsController } from './modules/notifications/notifications.controller';
import { NotificationsRepository } from './modules/notifications/notifications.repository';
import { NotificationsService } from './modules/notifications/notifications.service';
import { WorkOrderEvents } from './modules/work-orders/work-order-events';
import { MetersController } from './modules/meters/meters.controller';
import { MetersRepository } from './modules/meters/meters.repository';
import { MetersService } from './modules/meters/meters.service';
import { HolidaysService } from './modules/pm-plans/holidays.service';
import { PmForecastRepository } from './modules/pm-plans/pm-forecast.repository';
import { PmForecastService } from './modules/pm-plans/pm-forecast.service';
import { PmGenerator } from './modules/pm-plans/pm-generator';
import { PmOccurrences } from './modules/pm-plans/pm-occurrences';
import { PmPlansController } from './modules/pm-plans/pm-plans.controller';
import { PmPlansRepository } from './modules/pm-plans/pm-plans.repository';
import { PmPlansService } from './modules/pm-plans/pm-plans.service';
import { PmScheduler } from './modules/pm-plans/pm-scheduler';
import { ScheduleProblemBuilder } from './modules/scheduling/schedule-problem';
import { SchedulePublisher } from './modules/scheduling/schedule-publish';
import { ScheduleRunsService } from './modules/scheduling/schedule-runs.service';
import { SchedulesController } from './modules/scheduling/schedules.controller';
import { PREDICTIVE_CONTROLLERS, PREDICTIVE_PROVIDERS } from './modules/predictive/predictive.providers';

export { APP_CONFIG } from './app.tokens';
import { APP_CONFIG } from './app.tokens';

export interface AppDependencies {
  config: AppConfig;
  database: Database;
  cache: Cache;
  /** One registry per app instance (tests start several in one process). */
  metrics?: Metrics;
}

/** The whole server; side effects (database, cache) come in from outside so tests choose them. */
@Module({})
export class AppModule {
  static create({ config, database, cache, metrics = new Metrics() }: AppDependencies): DynamicModule {
    database.onRetry = () => metrics.databaseRetries.inc();
    database.onTransactionRetry = (reason) => metrics.transactionRetries.inc({ reason });
    return {
      module: AppModule,
      controllers: [
        HealthController,
        AuthController,
        UsersController,
        OrganizationsController,
        LocationsController,
        EquipmentController,
        TechniciansController,
        PartsController,
        WorkOrderQueriesController,
        WorkOrdersController,
        NotificationsController,
        PmPlansController,
        MetersController,
        SchedulesController,
        ...PREDICTIVE_CONTROLLERS,
        AnalyticsController,
        AdminController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Database, useValue: database },
        { provide: Cache, useValue: cache },
        { provide: TokenSigner, useValue: new TokenSigner(config.jwtSecret) },
        {
          provide: LoginThrottle,
          useFactory: (store: Cache) =>
            new LoginThrottle(store, { perAccount: config.loginMaxFailuresPerAccount, perIp: config.loginMaxFailuresPerIp }),
          inject: [Cache],
        },
        { provide: RequestBudget, useValue: new RequestBudget(config.requestsPerMinute) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: Metrics, useValue: metrics },
        ReadThroughCache,
        EventStore,
        OrganizationsService,
        EventHistory,
        EventDispatcher,
        EventOutbox,
        RoomAccess,
        RealtimeGateway,
        { provide: EventPublisher, useExisting: RealtimeGateway },
        NotificationsRepository,
        NotificationsService,
        WorkOrderEvents,
        PmPlansRepository,
        PmGenerator,
        PmOccurrences,
        PmPlansService,
        PmScheduler,
        PmForecastRepository,
        PmForecastService,
        HolidaysService,
        MetersRepository,
        MetersService,
        ScheduleProblemBuilder,
        SchedulePublisher,
        ScheduleRunsService,
        ...PREDICTIVE_PROVIDERS,
        AnalyticsRepository,
        AnalyticsService,
        WorkOrderQueriesRepository,
        WorkOrderStatsRepository,
        WorkOrderQueriesService,
        TechnicianMetricsService,
        IdempotencyRepository,
        IdempotencyInterceptor,
        AuthRepository,
        AuthService,
        SessionEnds,
        DemoLoginsService,
        UsersRepository,
        UsersService,
        LocationsRepository,
        LocationsService,
        EquipmentRepository,
        EquipmentService,
        TechniciansRepository,
        TechniciansService,
        PartsRepository,
        PartsService,
        WorkOrdersRepository,
        WorkOrderDetailsRepository,
        WorkOrderAccess,
        WorkOrderRelations,
        WorkOrderPartsService,
        WorkOrderExecutionService,
        WorkOrdersService,
        WorkOrderPrecedence,
      ],
    };
  }
}
