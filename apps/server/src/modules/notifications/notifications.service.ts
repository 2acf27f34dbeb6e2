import { type WorkOrderOwnership, canSeeWorkOrder } from '../../platform/auth/access-policy';
import type { Notification, NotificationListQuery, NotificationPage, NotificationType, ReadAllResult } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { readableTime } from '../../platform/time/zoned-clock';
import type { Principal } from '../../platform/auth/principal';
import type { NewDomainEvent } from '../../platform/events/domain-event';
import { AppError } from '../../platform/http/app-error';
import { iso, isoOrNull } from '../../platform/http/mapping';
import { type NotificationRow, NotificationsRepository } from './notifications.repository';

export interface NotificationContent {
  type: NotificationType;
  title: string;
  message: string;
  data: Record<string, unknown>;
  workOrderId?: string | null;
  equipmentId?: string | null;
}

export const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  type: row.type as NotificationType,
  title: row.title,
  message: row.message,
  data: row.data,
  workOrderId: row.workOrderId,
  equipmentId: row.equipmentId,
  readAt: isoOrNull(row.readAt),
  createdAt: iso(row.createdAt),
});

/** Stored per user, listed and marked read over HTTP, pushed live through the outbox. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  /** A moment as the organization's people read it (its time zone), for a notification's text. */
  async readableTime(organizationId: string, at: Date): Promise<string> {
    return (await this.timeReader(organizationId))(at);
  }

  /** Reads moments as `readableTime` does, with the organization's time zone looked up once. */
  async timeReader(organizationId: string): Promise<(at: Date) => string> {
    const timezone = await this.notifications.organizationTimezone(organizationId);
    return (at) => readableTime(at, timezone);
  }

  /**
   * Stores one notification per recipient in the caller's transaction and answers the events
   * that push them (to `user:{id}`, seen by that user only). The author of the change is not
   * notified of their own action.
   */
  async notify(
    organizationId: string,
    recipients: readonly (string | null | undefined)[],
    content: NotificationContent,
    actorId?: string,
  ): Promise<NewDomainEvent[]> {
    const userIds = [...new Set(recipients.filter((id): id is string => typeof id === 'string' && id !== actorId))];
    const rows = await this.notifications.insert(
      userIds.map((userId) => ({
        organizationId,
        userId,
        type: content.type,
        title: content.title,
        message: content.message,
        data: content.data,
        workOrderId: content.workOrderId ?? null,
        equipmentId: content.equipmentId ?? null,
      })),
    );
    return rows.map((row) => ({
      name: 'notification',
      payload: { ...toNotification(row), timestamp: iso(row.createdAt) },
      audience: { rooms: [`user:${row.userId}`], scope: { kind: 'user', userId: row.userId } },
    }));
  }

  /**
   * Of `candidates` (an equipment's owner and maintenance manager), the active users who may see
   * this work order: a notice about it names it, and one they could not open would reveal it.
   */
  async mayNotifyAbout(
    organizationId: string,
    candidates: readonly (string | null | undefined)[],
    workOrder: WorkOrderOwnership,
  ): Promise<string[]> {
    const ids = [...new Set(candidates.filter((id): id is string => typeof id === 'string'))];
    return (await this.notifications.activeUsers(organizationId, ids))
      .filter((user) => canSeeWorkOrder(user, workOrder))
      .map((user) => user.userId);
  }

  usersOfTechnicians(organizationId: string, technicianIds: readonly (string | null | undefined)[]): Promise<string[]> {
    return this.notifications.usersOfTechnicians(
      organizationId,
      technicianIds.filter((id): id is string => typeof id === 'string'),
    );
  }

  async list(principal: Principal, query: NotificationListQuery): Promise<NotificationPage> {
    const [{ rows, total }, unreadCount] = await Promise.all([
      this.notifications.page(principal.userId, query.unread, query.page, query.limit),
      this.notifications.unreadCount(principal.userId),
    ]);
    return { data: rows.map(toNotification), total, page: query.page, limit: query.limit, unreadCount };
  }

  async markRead(principal: Principal, id: string): Promise<Notification> {
    const row = await this.notifications.markRead(principal.userId, id);
    if (!row) throw AppError.notFound('Notification');
    return toNotification(row);
  }

  async markAllRead(principal: Principal): Promise<ReadAllResult> {
    return { updated: await this.notifications.markAllRead(principal.userId) };
  }
}
