import {
  DashboardStats,
  EquipmentHistoryQuery,
  Uuid,
  WorkOrderListQuery,
  WorkOrderSearchQuery,
  z,
  type WorkOrderPage,
} from '@msched/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { zod } from '../../platform/http/zod-validation.pipe';
import { WorkOrderQueriesService } from './work-order-queries.service';

const EquipmentParam = z.object({ equipmentId: Uuid });
const TechnicianParam = z.object({ technicianId: Uuid });
const IdParam = z.object({ id: Uuid });

/** Read-only lists and figures over work orders; each answers only what the caller may see. */
@Controller('api/v1')
export class WorkOrderQueriesController {
  constructor(private readonly queries: WorkOrderQueriesService) {}

  @Allow('workOrders.read')
  @Get('work-orders')
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(WorkOrderListQuery, 'query')) query: WorkOrderListQuery,
  ): Promise<WorkOrderPage> {
    return this.queries.list(principal, query);
  }

  @Allow('workOrders.read')
  @Get('work-orders/search')
  search(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(WorkOrderSearchQuery, 'query')) query: WorkOrderSearchQuery,
  ): Promise<WorkOrderPage> {
    return this.queries.search(principal, query);
  }

  @Allow('workOrders.read')
  @Get('work-orders/dashboard/stats')
  dashboard(@CurrentPrincipal() principal: Principal): Promise<DashboardStats> {
    return this.queries.dashboard(principal);
  }

  @Allow('workOrders.read')
  @Get('work-orders/equipment/:equipmentId')
  byEquipment(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(EquipmentParam, 'params')) params: z.infer<typeof EquipmentParam>,
    @Query(zod(WorkOrderListQuery, 'query')) query: WorkOrderListQuery,
  ): Promise<WorkOrderPage> {
    return this.queries.byEquipment(principal, params.equipmentId, query);
  }

  @Allow('workOrders.read')
  @Get('work-orders/technician/:technicianId')
  byTechnician(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(TechnicianParam, 'params')) params: z.infer<typeof TechnicianParam>,
    @Query(zod(WorkOrderListQuery, 'query')) query: WorkOrderListQuery,
  ): Promise<WorkOrderPage> {
    return this.queries.byTechnician(principal, params.technicianId, query);
  }

  @Allow('equipment.read')
  @Get('equipment/:id/history')
  equipmentHistory(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: z.infer<typeof IdParam>,
    @Query(zod(EquipmentHistoryQuery, 'query')) query: EquipmentHistoryQuery,
  ): Promise<WorkOrderPage> {
    return this.queries.equipmentHistory(principal, params.id, query);
  }
}
