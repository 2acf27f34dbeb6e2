import {
  AnalyzeRequest,
  SolveRequest,
  type PublishResult,
  type ScheduleAnalysis,
  type ScheduleRun,
  type SolveAccepted,
} from '@msched/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { CacheScope } from '../../platform/cache/cache-scope';
import { readIdempotencyKey, requestFingerprint } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { ScheduleRunsService } from './schedule-runs.service';
import { Heavy } from '../../platform/http/request-budget';

// Lower-cased: run ids are compared as strings too (the runs this instance solves), not only by the database.
const RunParam = z.object({ runId: z.uuid().transform((runId) => runId.toLowerCase()) });
type RunParam = z.infer<typeof RunParam>;

/** The optimizing scheduler: planners and managers only. */
@CacheScope('workOrders')
@Controller('api/v1/schedules')
export class SchedulesController {
  constructor(private readonly runs: ScheduleRunsService) {}

  @Allow('schedules.run')
  @Post('solve')
  @HttpCode(202)
  async solve(
    @CurrentPrincipal() principal: Principal,
    @Body(zod(SolveRequest)) body: SolveRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SolveAccepted> {
    // Not the generic idempotency interceptor: its transaction would hold the run's row
    // uncommitted while the worker that writes it already solves. The run records its key.
    const key = readIdempotencyKey(request.headers['idempotency-key']);
    const idempotency = key && { key, fingerprint: requestFingerprint(request.method, request.url.split('?')[0] ?? '', request.body) };
    const { accepted, replayed } = await this.runs.solve(principal, body, idempotency || undefined);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return accepted;
  }

  @Allow('schedules.run')
  @Post('analyze')
  @Heavy()
  @HttpCode(200)
  analyze(@CurrentPrincipal() principal: Principal, @Body(zod(AnalyzeRequest)) body: AnalyzeRequest): Promise<ScheduleAnalysis> {
    return this.runs.analyze(principal, body);
  }

  @Allow('schedules.run')
  @Get('runs/:runId')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(RunParam, 'params')) params: RunParam): Promise<ScheduleRun> {
    return this.runs.get(principal, params.runId);
  }

  @Allow('schedules.run')
  @Delete('runs/:runId')
  stop(@CurrentPrincipal() principal: Principal, @Param(zod(RunParam, 'params')) params: RunParam): Promise<ScheduleRun> {
    return this.runs.stop(principal, params.runId);
  }

  @Allow('schedules.run')
  @Post('runs/:runId/publish')
  @HttpCode(200)
  publish(@CurrentPrincipal() principal: Principal, @Param(zod(RunParam, 'params')) params: RunParam): Promise<PublishResult> {
    return this.runs.publish(principal, params.runId);
  }
}
