import {
  CreateHoliday,
  CreatePmPlan,
  ForecastQuery,
  HolidayListQuery,
  IdParam,
  PmPlanListQuery,
  UpdatePmPlan,
  type Holiday,
  type Paged,
  type PmCompliance,
  type PmForecast,
  type PmPlan,
} from '@msched/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { CacheScope } from '../../platform/cache/cache-scope';
import { IfMatch } from '../../platform/http/concurrency';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { HolidaysService } from './holidays.service';
import { PmForecastService } from './pm-forecast.service';
import { PmPlansService } from './pm-plans.service';
import { Heavy } from '../../platform/http/request-budget';

type Id = z.infer<typeof IdParam>;

@CacheScope('workOrders')
@Controller('api/v1')
export class PmPlansController {
  constructor(
    private readonly plans: PmPlansService,
    private readonly holidays: HolidaysService,
    private readonly forecasts: PmForecastService,
  ) {}

  @Allow('pmPlans.read')
  @Get('pm-plans')
  list(@CurrentPrincipal() principal: Principal, @Query(zod(PmPlanListQuery, 'query')) query: PmPlanListQuery): Promise<Paged<PmPlan>> {
    return this.plans.list(principal, query);
  }

  @Allow('pmPlans.write')
  @Post('pm-plans')
  @Idempotent()
  create(@CurrentPrincipal() principal: Principal, @Body(zod(CreatePmPlan)) body: CreatePmPlan): Promise<PmPlan> {
    return this.plans.create(principal, body);
  }

  @Allow('pmPlans.write')
  @Post('pm-plans/run')
  @HttpCode(200)
  run(@CurrentPrincipal() principal: Principal): Promise<{ generatedWorkOrderIds: string[] }> {
    return this.plans.runNow(principal);
  }

  // Declared before pm-plans/:id, which would otherwise take these paths.
  @Allow('pmPlans.read')
  @Get('pm-plans/forecast')
  @Heavy()
  forecast(@CurrentPrincipal() principal: Principal, @Query(zod(ForecastQuery, 'query')) query: ForecastQuery): Promise<PmForecast> {
    return this.forecasts.forecast(principal, query);
  }

  @Allow('pmPlans.read')
  @Get('pm-plans/compliance')
  compliance(@CurrentPrincipal() principal: Principal, @Query(zod(ForecastQuery, 'query')) query: ForecastQuery): Promise<PmCompliance> {
    return this.forecasts.compliance(principal, query);
  }

  @Allow('pmPlans.read')
  @Get('pm-plans/:id')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<PmPlan> {
    return this.plans.get(principal, params.id);
  }

  @Allow('pmPlans.write')
  @Patch('pm-plans/:id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(UpdatePmPlan)) body: UpdatePmPlan,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<PmPlan> {
    return this.plans.update(principal, params.id, body, expectedVersion);
  }

  @Allow('pmPlans.write')
  @Delete('pm-plans/:id')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<void> {
    return this.plans.remove(principal, params.id, expectedVersion);
  }

  @Allow('holidays.read')
  @Get('holidays')
  listHolidays(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(HolidayListQuery, 'query')) query: HolidayListQuery,
  ): Promise<Holiday[]> {
    return this.holidays.list(principal, query);
  }

  @Allow('holidays.write')
  @Post('holidays')
  @Idempotent()
  createHoliday(@CurrentPrincipal() principal: Principal, @Body(zod(CreateHoliday)) body: CreateHoliday): Promise<Holiday> {
    return this.holidays.create(principal, body);
  }

  @Allow('holidays.write')
  @Delete('holidays/:id')
  @HttpCode(204)
  removeHoliday(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<void> {
    return this.holidays.remove(principal, params.id);
  }
}
