import { PageQuery, paged, text } from './common';
import { Notification, SYSTEM_MESSAGE_LEVELS } from './realtime';
import { z } from './zod';

export const NotificationListQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .openapi({ description: '`true`: only unread; `false`: only read; omitted: all.' }),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = paged(Notification)
  .extend({ unreadCount: z.number().int().openapi({ description: 'Unread notifications of the caller, whatever the filter.' }) })
  .openapi('NotificationPage');
export type NotificationPage = z.infer<typeof NotificationPage>;

export const ReadAllResult = z.object({ updated: z.number().int() }).openapi('ReadAllResult');
export type ReadAllResult = z.infer<typeof ReadAllResult>;

export const CreateSystemMessage = z
  .object({
    message: text(1000),
    level: z.enum(SYSTEM_MESSAGE_LEVELS).default('info'),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .openapi('CreateSystemMessage');
export type CreateSystemMessage = z.infer<typeof CreateSystemMessage>;

export const SystemMessageAccepted = z.object({ eventId: z.number().int() }).openapi('SystemMessageAccepted');
export type SystemMessageAccepted = z.infer<typeof SystemMessageAccepted>;
