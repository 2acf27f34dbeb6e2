import {
  CreateLocation,
  IdParam,
  LocationListQuery,
  SiteTravelTimes,
  UpdateLocation,
  type Location,
  type Paged,
  type SiteTravelTimesState,
} from '@msched/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { IfMatch } from '../../platform/http/concurrency';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { LocationsService } from './locations.service';
import { CacheScope } from '../../platform/cache/cache-scope';

type Id = z.infer<typeof IdParam>;

@CacheScope('reference')
@Controller('api/v1/locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Allow('locations.read')
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(LocationListQuery, 'query')) query: LocationListQuery,
  ): Promise<Paged<Location>> {
    return this.locations.list(principal, query);
  }

  @Allow('locations.write')
  @Post()
  @Idempotent()
  create(@CurrentPrincipal() principal: Principal, @Body(zod(CreateLocation)) body: CreateLocation): Promise<Location> {
    return this.locations.create(principal, body);
  }

  @Allow('locations.read')
  @Get('travel-times')
  travelTimes(@CurrentPrincipal() principal: Principal): Promise<SiteTravelTimesState> {
    return this.locations.travelTimes(principal);
  }

  @Allow('locations.write')
  @Put('travel-times')
  replaceTravelTimes(
    @CurrentPrincipal() principal: Principal,
    @Body(zod(SiteTravelTimes)) body: SiteTravelTimes,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<SiteTravelTimesState> {
    return this.locations.replaceTravelTimes(principal, body, expectedVersion);
  }

  @Allow('locations.read')
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Location> {
    return this.locations.get(principal, params.id);
  }

  @Allow('locations.write')
  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(UpdateLocation)) body: UpdateLocation,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<Location> {
    return this.locations.update(principal, params.id, body, expectedVersion);
  }

  @Allow('locations.delete')
  @Delete(':id')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<void> {
    return this.locations.remove(principal, params.id, expectedVersion);
  }
}
