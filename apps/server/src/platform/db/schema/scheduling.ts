import { jsonb, pgTable, text, uuid, index } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './columns';
import { organizations, users } from './identity';

/**
 * Optimizer runs: what was asked, the work-order versions at the start (so a publish can tell
 * what changed meanwhile), the best solution so far, and its progress.
 */
export const scheduleRuns = pgTable(
  'schedule_runs',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status').$type<'SOLVING' | 'DONE' | 'STOPPED' | 'FAILED'>().notNull(),
    mode: text('mode').$type<'full' | 'repair'>().notNull(),
    rangeStart: tstz('range_start').notNull(),
    rangeEnd: tstz('range_end').notNull(),
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    /** Work-order id → version when the run started. */
    baseline: jsonb('baseline').$type<Record<string, number>>().notNull(),
    score: jsonb('score').$type<{ hard: number; medium: number; soft: number }>(),
    progress: jsonb('progress').$type<{ elapsedMs: number; bestScoreHistory: unknown[] }>().notNull(),
    solution: jsonb('solution').$type<Record<string, unknown>>(),
    error: text('error'),
    publishedAt: tstz('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('schedule_runs_org_idx').on(table.organizationId, table.createdAt)],
);
