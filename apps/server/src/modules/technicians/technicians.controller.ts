import {
  CreateTechnician,
  DateRangeQuery,
  IdParam,
  TechnicianAvailability,
  TechnicianListQuery,
  UpdateTechnician,
  type Paged,
  type Technician,
  type TechnicianPerformance,
  type TechnicianSchedule,
} from '@msched/contracts';
import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { IfMatch } from '../../platform/http/concurrency';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { TechnicianMetricsService } from './technician-metrics.service';
import { TechniciansService } from './technicians.service';
import { CacheScope } from '../../platform/cache/cache-scope';

type Id = z.infer<typeof IdParam>;

@CacheScope('reference')
@Controller('api/v1/technicians')
export class TechniciansController {
  constructor(
    private readonly technicians: TechniciansService,
    private readonly metrics: TechnicianMetricsService,
  ) {}

  @Allow('technicians.list')
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(TechnicianListQuery, 'query')) query: TechnicianListQuery,
  ): Promise<Paged<Technician>> {
    return this.technicians.list(principal, query);
  }

  @Allow('technicians.write')
  @Post()
  @Idempotent()
  create(@CurrentPrincipal() principal: Principal, @Body(zod(CreateTechnician)) body: CreateTechnician): Promise<Technician> {
    return this.technicians.create(principal, body);
  }

  @Allow('technicians.read')
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Technician> {
    return this.technicians.get(principal, params.id);
  }

  @Allow('technicians.write')
  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(UpdateTechnician)) body: UpdateTechnician,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<Technician> {
    return this.technicians.update(principal, params.id, body, expectedVersion);
  }

  @Allow('technicians.read')
  @Get(':id/availability')
  availability(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id) {
    return this.technicians.getAvailability(principal, params.id);
  }

  @Allow('availability.write')
  @Put(':id/availability')
  replaceAvailability(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(TechnicianAvailability)) body: TechnicianAvailability,
    @IfMatch() expectedVersion: number[] | undefined,
  ) {
    return this.technicians.replaceAvailability(principal, params.id, body, expectedVersion);
  }

  @Allow('technicians.read')
  @Get(':id/schedule')
  schedule(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Query(zod(DateRangeQuery, 'query')) query: DateRangeQuery,
  ): Promise<TechnicianSchedule> {
    return this.metrics.schedule(principal, params.id, query);
  }

  @Allow('technicians.read')
  @Get(':id/performance')
  performance(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Query(zod(DateRangeQuery, 'query')) query: DateRangeQuery,
  ): Promise<TechnicianPerformance> {
    return this.metrics.performance(principal, params.id, query);
  }
}
