import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import {
  equipment,
  parts,
  technicians,
  users,
  workOrderComments,
  workOrderHistory,
  workOrderParts,
  workOrderTasks,
} from '../../platform/db/schema';

export type TaskRow = typeof workOrderTasks.$inferSelect;
export type NewTask = typeof workOrderTasks.$inferInsert;
export type PartLineRow = typeof workOrderParts.$inferSelect & { partNumber: string; partName: string };
export type CommentRow = typeof workOrderComments.$inferSelect & { authorName: string };
export type HistoryRow = typeof workOrderHistory.$inferSelect & { userName: string | null };
export type NewHistory = typeof workOrderHistory.$inferInsert;

const partLineColumns = {
  id: workOrderParts.id,
  organizationId: workOrderParts.organizationId,
  workOrderId: workOrderParts.workOrderId,
  partId: workOrderParts.partId,
  quantity: workOrderParts.quantity,
  status: workOrderParts.status,
  unitCost: workOrderParts.unitCost,
  version: workOrderParts.version,
  createdAt: workOrderParts.createdAt,
  updatedAt: workOrderParts.updatedAt,
  partNumber: parts.partNumber,
  partName: parts.name,
};

/** Checklist, parts, comments and history of work orders, each loaded for many orders at once. */
@Injectable()
export class WorkOrderDetailsRepository {
  constructor(private readonly database: Database) {}

  tasksOf(workOrderIds: string[]): Promise<TaskRow[]> {
    if (workOrderIds.length === 0) return Promise.resolve([]);
    return this.database.executor
      .select()
      .from(workOrderTasks)
      .where(inArray(workOrderTasks.workOrderId, workOrderIds))
      .orderBy(asc(workOrderTasks.workOrderId), asc(workOrderTasks.position));
  }

  async findTask(workOrderId: string, taskId: string): Promise<TaskRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(workOrderTasks)
      .where(and(eq(workOrderTasks.workOrderId, workOrderId), eq(workOrderTasks.id, taskId)));
    return row;
  }

  /** Appends tasks after the last position of the work order. */
  async appendTasks(
    organizationId: string,
    workOrderId: string,
    tasks: Omit<NewTask, 'organizationId' | 'workOrderId' | 'position'>[],
  ): Promise<TaskRow[]> {
    if (tasks.length === 0) return [];
    const [last] = await this.database.executor
      .select({ position: sql<number>`coalesce(max(${workOrderTasks.position}), 0)` })
      .from(workOrderTasks)
      .where(eq(workOrderTasks.workOrderId, workOrderId));
    const start = Number(last?.position ?? 0);
    return this.database.executor
      .insert(workOrderTasks)
      .values(tasks.map((task, index) => ({ ...task, organizationId, workOrderId, position: start + index + 1 })))
      .returning();
  }

  async updateTask(workOrderId: string, taskId: string, expectedVersion: number, changes: Partial<NewTask>): Promise<TaskRow | undefined> {
    const [row] = await this.database.executor
      .update(workOrderTasks)
      .set({ ...changes, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(workOrderTasks.workOrderId, workOrderId), eq(workOrderTasks.id, taskId), eq(workOrderTasks.version, expectedVersion)))
      .returning();
    return row;
  }

  partLinesOf(workOrderIds: string[]): Promise<PartLineRow[]> {
    if (workOrderIds.length === 0) return Promise.resolve([]);
    return this.database.executor
      .select(partLineColumns)
      .from(workOrderParts)
      .innerJoin(parts, eq(parts.id, workOrderParts.partId))
      .where(inArray(workOrderParts.workOrderId, workOrderIds))
      .orderBy(asc(workOrderParts.createdAt), asc(workOrderParts.id));
  }

  async findPartLine(workOrderId: string, lineId: string): Promise<PartLineRow | undefined> {
    const [row] = await this.database.executor
      .select(partLineColumns)
      .from(workOrderParts)
      .innerJoin(parts, eq(parts.id, workOrderParts.partId))
      .where(and(eq(workOrderParts.workOrderId, workOrderId), eq(workOrderParts.id, lineId)));
    return row;
  }

  async insertPartLine(values: typeof workOrderParts.$inferInsert): Promise<string> {
    const [row] = await this.database.executor.insert(workOrderParts).values(values).returning({ id: workOrderParts.id });
    return row!.id;
  }

  /** Moves a line from one status to another; false when it was no longer in `from`. */
  /** Moves the line from the status and version it was read at; false when it changed meanwhile. */
  async movePartLine(line: Pick<PartLineRow, 'id' | 'status' | 'version'>, to: PartLineRow['status']): Promise<boolean> {
    const moved = await this.database.executor
      .update(workOrderParts)
      .set({ status: to, version: sql`${workOrderParts.version} + 1`, updatedAt: new Date() })
      .where(and(eq(workOrderParts.id, line.id), eq(workOrderParts.status, line.status), eq(workOrderParts.version, line.version)))
      .returning({ id: workOrderParts.id });
    return moved.length === 1;
  }

  comments(workOrderId: string): Promise<CommentRow[]> {
    return this.selectComments()
      .where(eq(workOrderComments.workOrderId, workOrderId))
      .orderBy(asc(workOrderComments.createdAt), asc(workOrderComments.id));
  }

  /** Adds a comment and answers it with its author's name. */
  async insertComment(values: typeof workOrderComments.$inferInsert): Promise<CommentRow> {
    const [inserted] = await this.database.executor.insert(workOrderComments).values(values).returning({ id: workOrderComments.id });
    const [comment] = await this.selectComments().where(eq(workOrderComments.id, inserted!.id));
    return comment!;
  }

  private selectComments() {
    return this.database.executor
      .select({
        id: workOrderComments.id,
        organizationId: workOrderComments.organizationId,
        workOrderId: workOrderComments.workOrderId,
        authorId: workOrderComments.authorId,
        body: workOrderComments.body,
        createdAt: workOrderComments.createdAt,
        authorName: users.name,
      })
      .from(workOrderComments)
      .innerJoin(users, eq(users.id, workOrderComments.authorId));
  }

  history(workOrderId: string): Promise<HistoryRow[]> {
    return this.database.executor
      .select({
        id: workOrderHistory.id,
        organizationId: workOrderHistory.organizationId,
        workOrderId: workOrderHistory.workOrderId,
        kind: workOrderHistory.kind,
        fromStatus: workOrderHistory.fromStatus,
        toStatus: workOrderHistory.toStatus,
        changes: workOrderHistory.changes,
        note: workOrderHistory.note,
        userId: workOrderHistory.userId,
        createdAt: workOrderHistory.createdAt,
        userName: users.name,
      })
      .from(workOrderHistory)
      .leftJoin(users, eq(users.id, workOrderHistory.userId))
      .where(eq(workOrderHistory.workOrderId, workOrderId))
      .orderBy(asc(workOrderHistory.createdAt), asc(workOrderHistory.id));
  }

  async recordHistory(entries: NewHistory[]): Promise<void> {
    if (entries.length > 0) await this.database.executor.insert(workOrderHistory).values(entries);
  }

  techniciansByIds(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.database.executor.select().from(technicians).where(inArray(technicians.id, ids));
  }

  equipmentByIds(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.database.executor.select().from(equipment).where(inArray(equipment.id, ids));
  }
}
