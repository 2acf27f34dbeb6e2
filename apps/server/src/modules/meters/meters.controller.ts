import {
  CreateMeter,
  IdParam,
  MeterReadingsQuery,
  MeterReadingsRequest,
  type Meter,
  type MeterReading,
  type MeterReadingsResult,
  type Paged,
} from '@msched/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { CacheScope } from '../../platform/cache/cache-scope';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { MetersService } from './meters.service';

type Id = z.infer<typeof IdParam>;

@CacheScope('workOrders')
@Controller('api/v1')
export class MetersController {
  constructor(private readonly meters: MetersService) {}

  @Allow('equipment.read')
  @Get('equipment/:id/meters')
  list(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Meter[]> {
    return this.meters.list(principal, params.id);
  }

  @Allow('meters.write')
  @Post('equipment/:id/meters')
  @Idempotent()
  create(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(CreateMeter)) body: CreateMeter,
  ): Promise<Meter> {
    return this.meters.create(principal, params.id, body);
  }

  @Allow('equipment.read')
  @Get('meters/:id')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Meter> {
    return this.meters.get(principal, params.id);
  }

  @Allow('equipment.read')
  @Get('meters/:id/readings')
  readings(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Query(zod(MeterReadingsQuery, 'query')) query: MeterReadingsQuery,
  ): Promise<Paged<MeterReading>> {
    return this.meters.readings(principal, params.id, query);
  }

  /** Technicians record readings on the floor; a reading may generate PM work at once. */
  @Allow('meters.record')
  @Post('meters/:id/readings')
  @HttpCode(200)
  @Idempotent()
  record(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(MeterReadingsRequest)) body: MeterReadingsRequest,
  ): Promise<MeterReadingsResult> {
    return this.meters.record(principal, params.id, body);
  }
}
