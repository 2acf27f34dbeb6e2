import {
  FleetQuery,
  IdParam,
  ModelListQuery,
  ReliabilityQuery,
  TrainModelRequest,
  type EquipmentHealth,
  type FleetPage,
  type PredictiveModel,
  type PredictiveModelPage,
  type Reliability,
  type ScoringResult,
} from '@msched/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { zod } from '../../platform/http/zod-validation.pipe';
import { PredictiveService } from './predictive.service';
import { ReliabilityService } from './reliability.service';
import { Heavy } from '../../platform/http/request-budget';

type Id = z.infer<typeof IdParam>;

@Controller('api/v1')
export class PredictiveController {
  constructor(
    private readonly predictive: PredictiveService,
    private readonly reliability: ReliabilityService,
  ) {}

  @Allow('predictive.read')
  @Get('equipment/:id/health')
  health(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<EquipmentHealth> {
    return this.predictive.healthOf(principal, params.id);
  }

  @Allow('predictive.read')
  @Get('predictive/fleet')
  fleet(@CurrentPrincipal() principal: Principal, @Query(zod(FleetQuery, 'query')) query: FleetQuery): Promise<FleetPage> {
    return this.predictive.fleet(principal, query);
  }

  @Allow('predictive.read')
  @Get('predictive/reliability')
  @Heavy()
  reliabilityOf(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(ReliabilityQuery, 'query')) query: ReliabilityQuery,
  ): Promise<Reliability> {
    return this.reliability.analyze(principal, query);
  }

  @Allow('predictive.manage')
  @Get('predictive/models')
  models(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(ModelListQuery, 'query')) query: ModelListQuery,
  ): Promise<PredictiveModelPage> {
    return this.predictive.listModels(principal, query);
  }

  @Allow('predictive.manage')
  @Post('predictive/models/train')
  @HttpCode(202)
  train(@CurrentPrincipal() principal: Principal, @Body(zod(TrainModelRequest)) body: TrainModelRequest): Promise<PredictiveModel> {
    return this.predictive.train(principal, body);
  }

  @Allow('predictive.manage')
  @Post('predictive/score')
  @HttpCode(200)
  score(@CurrentPrincipal() principal: Principal): Promise<ScoringResult> {
    return this.predictive.scoreNow(principal);
  }
}
