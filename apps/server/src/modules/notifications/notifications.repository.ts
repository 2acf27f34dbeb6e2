import type { Principal } from '../../platform/auth/principal';
import { Injectable } from '@nestjs/common';
import { type SQL, and, count, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { organizationTimezone } from '../../platform/db/organization-timezone';
import { selectPage } from '../../platform/db/paging';
import { notifications, users } from '../../platform/db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly database: Database) {}

  async insert(rows: NewNotification[]): Promise<NotificationRow[]> {
    if (rows.length === 0) return [];
    return this.database.executor.insert(notifications).values(rows).returning();
  }

  page(userId: string, unread: boolean | undefined, page: number, limit: number) {
    const conditions: SQL[] = [eq(notifications.userId, userId)];
    if (unread === true) conditions.push(isNull(notifications.readAt));
    if (unread === false) conditions.push(isNotNull(notifications.readAt));
    return selectPage(
      this.database.executor,
      notifications,
      and(...conditions),
      [desc(notifications.createdAt), desc(notifications.id)],
      page,
      limit,
    );
  }

  /** The organization's time zone: the one its people read times in. */
  organizationTimezone(organizationId: string): Promise<string> {
    return organizationTimezone(this.database.executor, organizationId);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.database.executor
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return Number(row?.n ?? 0);
  }

  find(userId: string, id: string): Promise<NotificationRow | undefined> {
    return this.database.executor
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
      .then((rows) => rows[0]);
  }

  /** Marks one as read; the first read time is kept when it is marked again. */
  async markRead(userId: string, id: string): Promise<NotificationRow | undefined> {
    const [row] = await this.database.executor
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, userId), eq(notifications.id, id), isNull(notifications.readAt)))
      .returning();
    return row ?? this.find(userId, id);
  }

  async markAllRead(userId: string): Promise<number> {
    const rows = await this.database.executor
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return rows.length;
  }

  /** Active users of the organization linked to these technicians. */
  /** The active users among `ids`, as access checks read them. */
  async activeUsers(organizationId: string, ids: string[]): Promise<Principal[]> {
    if (ids.length === 0) return [];
    const rows = await this.database.executor
      .select({ userId: users.id, organizationId: users.organizationId, roles: users.roles, technicianId: users.technicianId })
      .from(users)
      .where(and(eq(users.organizationId, organizationId), inArray(users.id, ids), eq(users.active, true)));
    return rows;
  }

  async usersOfTechnicians(organizationId: string, technicianIds: string[]): Promise<string[]> {
    if (technicianIds.length === 0) return [];
    const rows = await this.database.executor
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.organizationId, organizationId), inArray(users.technicianId, technicianIds), eq(users.active, true)));
    return rows.map((row) => row.id);
  }
}
