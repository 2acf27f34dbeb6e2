import type { Role } from '@msched/contracts';
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { technicians } from './assets';
import { createdAt, id, tstz, updatedAt, version } from './columns';

export const organizations = pgTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timezone: text('timezone').notNull().default('UTC'),
  currency: text('currency').notNull().default('EUR'),
  /** Last work-order number handed out; incremented under a row lock. */
  workOrderSeq: integer('work_order_seq').notNull().default(0),
  /** Last outbox event id handed out; incremented under the same row lock, held until commit. */
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull().default(0),
  /** Of the settings an admin edits (name, time zone, currency); the counters above leave it. */
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The unique index that links a technician to one account at most. */
export const TECHNICIAN_LINK_KEY = 'users_technician_id_key';

export const users = pgTable(
  'users',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().$type<Role[]>().notNull(),
    technicianId: uuid('technician_id').references((): AnyPgColumn => technicians.id, {
      onDelete: 'set null',
    }),
    active: boolean('active').notNull().default(true),
    /**
     * Goes up by one when the account is disabled, its roles or technician link change, or its
     * password is replaced; an access token carries the epoch it was issued in, and one of an
     * earlier epoch is refused.
     */
    sessionEpoch: integer('session_epoch').notNull().default(0),
    /** When the epoch last went up (the database's clock): instances read the recent ones. */
    sessionsEndedAt: tstz('sessions_ended_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    // Login is by email alone, so an address identifies one account across organizations.
    uniqueIndex('users_email_key').on(sql`lower(${table.email})`),
    index('users_org_idx').on(table.organizationId),
    // A technician is one person: one account acts for them.
    uniqueIndex(TECHNICIAN_LINK_KEY)
      .on(table.technicianId)
      .where(sql`${table.technicianId} IS NOT NULL`),
    // Every instance reads the cutoffs of the last 15 minutes every few seconds.
    index('users_sessions_ended_idx')
      .on(table.sessionsEndedAt)
      .where(sql`${table.sessionsEndedAt} IS NOT NULL`),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (table) => [
    index('refresh_tokens_family_idx').on(table.familyId),
    // Every instance reads the login sessions revoked in the last 15 minutes every few seconds.
    index('refresh_tokens_revoked_idx')
      .on(table.revokedAt)
      .where(sql`${table.revokedAt} IS NOT NULL`),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** sha256 of method, route and body: a reuse with another request is refused. */
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    createdAt: createdAt(),
    completedAt: tstz('completed_at'),
  },
  (table) => [uniqueIndex('idempotency_keys_pk').on(table.userId, table.key)],
);
