import {
  CreateSensor,
  IdParam,
  SensorParams,
  SensorReadingsRequest,
  SeriesQuery,
  UpdateSensor,
  type Sensor,
  type SensorReadingsResult,
  type SensorSeries,
} from '@msched/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { IfMatch } from '../../platform/http/concurrency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { SensorsService } from './sensors.service';

type Id = z.infer<typeof IdParam>;

@Controller('api/v1/equipment')
export class SensorsController {
  constructor(private readonly sensors: SensorsService) {}

  @Allow('equipment.read')
  @Get(':id/sensors')
  list(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Sensor[]> {
    return this.sensors.list(principal, params.id);
  }

  @Allow('sensors.write')
  @Post(':id/sensors')
  create(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(CreateSensor)) body: CreateSensor,
  ): Promise<Sensor> {
    return this.sensors.create(principal, params.id, body);
  }

  @Allow('sensors.write')
  @Patch(':id/sensors/:sensorId')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(SensorParams, 'params')) params: SensorParams,
    @Body(zod(UpdateSensor)) body: UpdateSensor,
    @IfMatch() expected: number[] | undefined,
  ): Promise<Sensor> {
    return this.sensors.update(principal, params.id, params.sensorId, body, expected);
  }

  @Allow('sensors.write')
  @Delete(':id/sensors/:sensorId')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(SensorParams, 'params')) params: SensorParams,
    @IfMatch() expected: number[] | undefined,
  ): Promise<void> {
    return this.sensors.remove(principal, params.id, params.sensorId, expected);
  }

  @Allow('sensors.record')
  @Post(':id/readings')
  @HttpCode(200)
  record(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(SensorReadingsRequest)) body: SensorReadingsRequest,
  ): Promise<SensorReadingsResult> {
    return this.sensors.record(principal, params.id, body);
  }

  @Allow('equipment.read')
  @Get(':id/sensors/:sensorId/series')
  series(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(SensorParams, 'params')) params: SensorParams,
    @Query(zod(SeriesQuery, 'query')) query: SeriesQuery,
  ): Promise<SensorSeries> {
    return this.sensors.series(principal, params.id, params.sensorId, query);
  }
}
