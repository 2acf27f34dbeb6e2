import { IdParam, NotificationListQuery, type Notification, type NotificationPage, type ReadAllResult } from '@msched/contracts';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { Allow, CurrentPrincipal } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { zod } from '../../platform/http/zod-validation.pipe';
import { NotificationsService } from './notifications.service';

type Id = z.infer<typeof IdParam>;

/** The caller's own notifications; nobody reads or marks another user's. */
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Allow('notifications.read')
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(zod(NotificationListQuery, 'query')) query: NotificationListQuery,
  ): Promise<NotificationPage> {
    return this.notifications.list(principal, query);
  }

  @Allow('notifications.read')
  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentPrincipal() principal: Principal): Promise<ReadAllResult> {
    return this.notifications.markAllRead(principal);
  }

  @Allow('notifications.read')
  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentPrincipal() principal: Principal, @Param(zod(IdParam, 'params')) params: Id): Promise<Notification> {
    return this.notifications.markRead(principal, params.id);
  }
}
