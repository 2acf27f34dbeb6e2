import type { CreateComment, CreateTask, UpdateTask, WorkOrderComment, WorkOrderHistoryEntry, WorkOrderTask } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { seesWholeOrganization } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, changesNothing } from '../../platform/http/concurrency';
import { lostRace } from './concurrent-edit';
import { definedOnly } from '../../platform/http/mapping';
import { TechniciansRepository } from '../technicians/technicians.repository';
import { WorkOrderAccess } from './work-order-access';
import { WorkOrderDetailsRepository } from './work-order-details.repository';
import { toComment, toHistoryEntry, toTask } from './work-order.mapper';
import { WorkOrderEvents } from './work-order-events';

/** The checklist, comments and history of a work order. */
@Injectable()
export class WorkOrderExecutionService {
  constructor(
    private readonly database: Database,
    private readonly access: WorkOrderAccess,
    private readonly details: WorkOrderDetailsRepository,
    private readonly technicians: TechniciansRepository,
    private readonly events: WorkOrderEvents,
  ) {}

  async tasks(principal: Principal, workOrderId: string): Promise<WorkOrderTask[]> {
    await this.access.requireVisible(principal, workOrderId);
    return (await this.details.tasksOf([workOrderId])).map(toTask);
  }

  async addTask(principal: Principal, workOrderId: string, input: CreateTask): Promise<WorkOrderTask> {
    return this.database.transaction(async () => {
      const workOrder = await this.access.requireExecutable(principal, workOrderId);
      if (input.assigneeId && input.assigneeId !== principal.technicianId && !seesWholeOrganization(principal)) {
        throw AppError.forbidden('Only planning staff may assign a task to someone else');
      }
      await this.assertAssignee(principal, input.assigneeId, null);
      const [task] = await this.details.appendTasks(principal.organizationId, workOrder.id, [
        {
          title: input.title,
          description: input.description ?? null,
          estimatedDuration: input.estimatedDuration ?? null,
          assigneeId: input.assigneeId ?? null,
        },
      ]);
      await this.events.updated(principal, workOrder, ['tasks']);
      return toTask(task!);
    });
  }

  async updateTask(
    principal: Principal,
    workOrderId: string,
    taskId: string,
    input: UpdateTask,
    expectedVersion?: number | readonly number[],
  ): Promise<WorkOrderTask> {
    return this.database.transaction(async () => {
      const workOrder = await this.access.requireExecutable(principal, workOrderId);
      const task = await this.details.findTask(workOrder.id, taskId);
      if (!task) throw AppError.notFound('Task');
      assertVersion(expectedVersion, task.version, 'This task');
      if (input.assigneeId !== undefined && !seesWholeOrganization(principal)) {
        // Anyone who works on it may take an unassigned task, or give back their own.
        const self = principal.technicianId?.toLowerCase() ?? null;
        const wanted = input.assigneeId?.toLowerCase() ?? null;
        const claims = self !== null && wanted === self && task.assigneeId === null;
        const givesBack = self !== null && wanted === null && task.assigneeId === self;
        if (!claims && !givesBack && wanted !== task.assigneeId) {
          throw AppError.forbidden('Only planning staff may reassign a task; you may take an unassigned one or give back your own');
        }
      }
      await this.assertAssignee(principal, input.assigneeId, task.assigneeId);
      const finishing = input.status === 'DONE' && task.status !== 'DONE';
      const reopening = input.status !== undefined && input.status !== 'DONE' && task.status === 'DONE';
      const changes = definedOnly({
        ...input,
        completedAt: finishing ? new Date() : reopening ? null : undefined,
      });
      if (changesNothing(task, changes)) return toTask(task);
      const updated = await this.details.updateTask(workOrder.id, taskId, task.version, changes);
      if (!updated) throw lostRace('This task', expectedVersion);
      await this.events.updated(principal, workOrder, ['tasks']);
      return toTask(updated);
    });
  }

  async comments(principal: Principal, workOrderId: string): Promise<WorkOrderComment[]> {
    await this.access.requireVisible(principal, workOrderId);
    return (await this.details.comments(workOrderId)).map(toComment);
  }

  async addComment(principal: Principal, workOrderId: string, input: CreateComment): Promise<WorkOrderComment> {
    return this.database.transaction(async () => {
      // Locked, as for tasks and parts: the event carries the work order as it is at this commit,
      // not as it was before a status change, reassignment or delete committed in between.
      const workOrder = await this.access.requireVisible(principal, workOrderId, { lock: true });
      const created = await this.details.insertComment({
        organizationId: principal.organizationId,
        workOrderId: workOrder.id,
        authorId: principal.userId,
        body: input.body,
      });
      await this.events.updated(principal, workOrder, ['comments']);
      return toComment(created);
    });
  }

  async history(principal: Principal, workOrderId: string): Promise<WorkOrderHistoryEntry[]> {
    await this.access.requireVisible(principal, workOrderId);
    return (await this.details.history(workOrderId)).map(toHistoryEntry);
  }

  /** A task goes to an active technician of the organization; one it already has may stay on it. */
  private async assertAssignee(principal: Principal, assigneeId: string | null | undefined, currentAssigneeId: string | null) {
    if (!assigneeId || assigneeId.toLowerCase() === currentAssigneeId) return;
    const technician = await this.technicians.find(principal.organizationId, assigneeId);
    if (!technician) throw AppError.validation([{ path: 'assigneeId', message: 'no such technician in your organization' }]);
    if (!technician.active) {
      throw new AppError(ErrorCode.ScheduleConflict, `${technician.firstName} ${technician.lastName} is not active`);
    }
  }
}
