import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

export const id = () => uuid('id').primaryKey().defaultRandom();
// Millisecond precision, as JavaScript dates have: a keyset cursor then compares exactly.
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () => tstz('updated_at').notNull().defaultNow();
/** Optimistic-concurrency counter, answered as the ETag. */
export const version = () => integer('version').notNull().default(1);
