import { CreateEquipment, EquipmentListQuery, IdParam, UpdateEquipment, type Equipment, type Paged } from '@msched/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { IfMatch } from '../../platform/http/concurrency';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { EquipmentService } from './equipment.service';
import { CacheScope } from '../../platform/cache/cache-scope';

type Id = z.infer<typeof IdParam>;

@CacheScope('reference')
@Controller('api/v1/equipment')
export class EquipmentController {
  constructor(private readonly equipment: EquipmentService) {}

  @Allow('equipment.read')
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(EquipmentListQuery, 'query')) query: EquipmentListQuery,
  ): Promise<Paged<Equipment>> {
    return this.equipment.list(principal, query);
  }

  @Allow('equipment.write')
  @Post()
  @Idempotent()
  create(@CurrentPrincipal() principal: Principal, @Body(zod(CreateEquipment)) body: CreateEquipment): Promise<Equipment> {
    return this.equipment.create(principal, body);
  }

  @Allow('equipment.read')
  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Equipment> {
    return this.equipment.get(principal, params.id);
  }

  @Allow('equipment.write')
  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(UpdateEquipment)) body: UpdateEquipment,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<Equipment> {
    return this.equipment.update(principal, params.id, body, expectedVersion);
  }

  @Allow('equipment.delete')
  @Delete(':id')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<void> {
    return this.equipment.remove(principal, params.id, expectedVersion);
  }
}
