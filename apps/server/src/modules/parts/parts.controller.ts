import {
  CreatePart,
  IdParam,
  PageQuery,
  PartListQuery,
  StockAdjustment,
  UpdatePart,
  type Paged,
  type Part,
  type StockMovement,
} from '@msched/contracts';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { IfMatch } from '../../platform/http/concurrency';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { PartsService } from './parts.service';
import { CacheScope } from '../../platform/cache/cache-scope';

type Id = z.infer<typeof IdParam>;

@CacheScope('reference')
@Controller('api/v1/parts')
export class PartsController {
  constructor(private readonly parts: PartsService) {}

  @Allow('parts.read')
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query(zod(PartListQuery, 'query')) query: PartListQuery): Promise<Paged<Part>> {
    return this.parts.list(principal, query);
  }

  @Allow('parts.write')
  @Post()
  @Idempotent()
  create(@CurrentPrincipal() principal: Principal, @Body(zod(CreatePart)) body: CreatePart): Promise<Part> {
    return this.parts.create(principal, body);
  }

  @Allow('parts.read')
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Part> {
    return this.parts.get(principal, params.id);
  }

  @Allow('parts.write')
  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(UpdatePart)) body: UpdatePart,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<Part> {
    return this.parts.update(principal, params.id, body, expectedVersion);
  }

  @Allow('parts.write')
  @Post(':id/adjustments')
  @Idempotent()
  adjust(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(StockAdjustment)) body: StockAdjustment,
    @IfMatch() expectedVersion: number[] | undefined,
  ) {
    return this.parts.adjust(principal, params.id, body, expectedVersion);
  }

  @Allow('parts.ledger')
  @Get(':id/movements')
  movements(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Query(zod(PageQuery, 'query')) query: PageQuery,
  ): Promise<Paged<StockMovement>> {
    return this.parts.movements(principal, params.id, query.page, query.limit);
  }
}
