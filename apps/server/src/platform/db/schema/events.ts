import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './columns';
import { organizations, users } from './identity';
import { equipment } from './assets';
import { workOrders } from './work-orders';

/**
 * The transactional outbox. A change and its events commit together; `event_id` comes from the
 * organization's counter row, locked until commit, so ids are gap-free and commit in order
 * within an organization. The dispatcher publishes rows whose `published_at` is null.
 */
export const events = pgTable(
  'events',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    /** The Socket.IO event name (`workorder:update`, `notification`, ...). */
    name: text('name').notNull(),
    /** The payload without `eventId`. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Which rooms receive it and who among their members may see it. */
    audience: jsonb('audience').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    publishedAt: tstz('published_at'),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.eventId] }),
    index('events_unpublished_idx')
      .on(table.organizationId, table.eventId)
      .where(sql`${table.publishedAt} is null`),
    index('events_created_idx').on(table.createdAt),
  ],
);

/** Per-user notifications: stored, listed, marked read, and pushed live through the outbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
    equipmentId: uuid('equipment_id').references(() => equipment.id, { onDelete: 'set null' }),
    readAt: tstz('read_at'),
    createdAt: createdAt(),
  },
  (table) => [
    index('notifications_user_idx').on(table.userId, table.createdAt, table.id),
    index('notifications_user_unread_idx')
      .on(table.userId)
      .where(sql`${table.readAt} is null`),
  ],
);

/**
 * Cache invalidations owed to a shared cache (Redis) by an instance that committed a write but
 * could not reach the cache to make it: any instance that reaches the cache makes them and
 * deletes the rows (see ReadThroughCache). Instances sharing a cache share its key prefix.
 */
export const cacheOwedGenerations = pgTable(
  'cache_owed_generations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cachePrefix: text('cache_prefix').notNull(),
    generation: text('generation').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('cache_owed_generations_prefix_idx').on(table.cachePrefix, table.id)],
);
