import {
  AddWorkOrderPart,
  AssignWorkOrder,
  ChangeWorkOrderStatus,
  CreateComment,
  CreateTask,
  CreateWorkOrder,
  IdParam,
  UpdateTask,
  UpdateWorkOrder,
  UpdateWorkOrderPart,
  Uuid,
  WorkOrderIncludeQuery,
  z,
  type WorkOrder,
} from '@msched/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { IfMatch } from '../../platform/http/concurrency';
import { Idempotent } from '../../platform/http/idempotency';
import { zod } from '../../platform/http/zod-validation.pipe';
import { WorkOrderExecutionService } from './work-order-execution.service';
import { WorkOrderPartsService } from './work-order-parts.service';
import { WorkOrderQueriesService } from './work-order-queries.service';
import { WorkOrdersService } from './work-orders.service';
import { CacheScope } from '../../platform/cache/cache-scope';

type Id = z.infer<typeof IdParam>;
const TaskParams = z.object({ id: Uuid, taskId: Uuid });
const LineParams = z.object({ id: Uuid, lineId: Uuid });

@CacheScope('workOrders')
@Controller('api/v1/work-orders')
export class WorkOrdersController {
  constructor(
    private readonly workOrders: WorkOrdersService,
    private readonly execution: WorkOrderExecutionService,
    private readonly parts: WorkOrderPartsService,
    private readonly queries: WorkOrderQueriesService,
  ) {}

  @Allow('workOrders.create')
  @Post()
  @Idempotent()
  create(@CurrentPrincipal() principal: Principal, @Body(zod(CreateWorkOrder)) body: CreateWorkOrder): Promise<WorkOrder> {
    return this.workOrders.create(principal, body);
  }

  @Allow('workOrders.read')
  @Get(':id')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Query(zod(WorkOrderIncludeQuery, 'query')) query: z.infer<typeof WorkOrderIncludeQuery>,
  ): Promise<WorkOrder> {
    return this.queries.detail(principal, params.id, query.include ?? []);
  }

  @Allow('workOrders.edit')
  @Patch(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(UpdateWorkOrder)) body: UpdateWorkOrder,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<WorkOrder> {
    return this.workOrders.update(principal, params.id, body, expectedVersion);
  }

  @Allow('workOrders.delete')
  @Delete(':id')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<void> {
    return this.workOrders.remove(principal, params.id, expectedVersion);
  }

  @Allow('workOrders.assign')
  @Post(':id/assign')
  @HttpCode(200)
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(AssignWorkOrder)) body: AssignWorkOrder,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<WorkOrder> {
    return this.workOrders.assign(principal, params.id, body, expectedVersion);
  }

  @Allow('workOrders.transition')
  @Post(':id/status')
  @HttpCode(200)
  changeStatus(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(ChangeWorkOrderStatus)) body: ChangeWorkOrderStatus,
    @IfMatch() expectedVersion: number[] | undefined,
  ): Promise<WorkOrder> {
    return this.workOrders.changeStatus(principal, params.id, body, expectedVersion);
  }

  @Allow('workOrders.read')
  @Get(':id/tasks')
  tasks(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id) {
    return this.execution.tasks(principal, params.id);
  }

  @Allow('workOrders.execute')
  @Post(':id/tasks')
  @Idempotent()
  addTask(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id, @Body(zod(CreateTask)) body: CreateTask) {
    return this.execution.addTask(principal, params.id, body);
  }

  @Allow('workOrders.execute')
  @Patch(':id/tasks/:taskId')
  updateTask(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(TaskParams, 'params')) params: z.infer<typeof TaskParams>,
    @Body(zod(UpdateTask)) body: UpdateTask,
    @IfMatch() expectedVersion: number[] | undefined,
  ) {
    return this.execution.updateTask(principal, params.id, params.taskId, body, expectedVersion);
  }

  @Allow('parts.read')
  @Get(':id/parts')
  partLines(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id) {
    return this.parts.list(principal, params.id);
  }

  @Allow('workOrders.execute')
  @Post(':id/parts')
  @Idempotent()
  addPart(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(AddWorkOrderPart)) body: AddWorkOrderPart,
  ) {
    return this.parts.add(principal, params.id, body);
  }

  @Allow('workOrders.execute')
  @Patch(':id/parts/:lineId')
  async updatePart(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(LineParams, 'params')) params: z.infer<typeof LineParams>,
    @Body(zod(UpdateWorkOrderPart)) body: UpdateWorkOrderPart,
    @IfMatch() expectedVersion: number[] | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.parts.update(principal, params.id, params.lineId, body, expectedVersion);
    // The answer is the line with the stock it moved: its ETag is the line's version.
    reply.header('etag', `"${result.line.version}"`);
    return result;
  }

  @Allow('workOrders.read')
  @Get(':id/comments')
  comments(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id) {
    return this.execution.comments(principal, params.id);
  }

  @Allow('workOrders.comment')
  @Post(':id/comments')
  @Idempotent()
  addComment(
    @CurrentPrincipal() principal: Principal,
    @Param(zod(IdParam, 'params')) params: Id,
    @Body(zod(CreateComment)) body: CreateComment,
  ) {
    return this.execution.addComment(principal, params.id, body);
  }

  @Allow('workOrders.read')
  @Get(':id/history')
  history(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id) {
    return this.execution.history(principal, params.id);
  }
}
