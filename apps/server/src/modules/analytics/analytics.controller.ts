import { AnalyticsOverviewQuery, type AnalyticsOverview } from '@msched/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { zod } from '../../platform/http/zod-validation.pipe';
import { AnalyticsService } from './analytics.service';
import { Heavy } from '../../platform/http/request-budget';

/** Organization-wide figures for managers and planners (definitions in analytics.service.ts). */
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Allow('analytics.read')
  @Get('overview')
  @Heavy()
  overview(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(AnalyticsOverviewQuery, 'query')) query: AnalyticsOverviewQuery,
  ): Promise<AnalyticsOverview> {
    return this.analytics.overview(principal, query);
  }
}
