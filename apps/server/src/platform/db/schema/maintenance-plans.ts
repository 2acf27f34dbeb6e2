import type { CalendarTrigger, ComplianceWindow, MeterTrigger, WorkOrderTemplate } from '@msched/contracts';
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { equipment } from './assets';
import { createdAt, id, tstz, updatedAt, version } from './columns';
import { organizations } from './identity';
import { workOrders } from './work-orders';

/** Meters on equipment: operating hours, cycles (COUNTER), or levels such as wear (GAUGE). */
export const meters = pgTable(
  'meters',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    equipmentId: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    kind: text('kind').$type<'COUNTER' | 'GAUGE'>().notNull(),
    lastValue: doublePrecision('last_value'),
    lastReadAt: tstz('last_read_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('meters_equipment_name_key').on(table.equipmentId, table.name), index('meters_org_idx').on(table.organizationId)],
);

/** Readings; the same meter and instant is stored once, so a repeated submission changes nothing. */
export const meterReadings = pgTable(
  'meter_readings',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    meterId: uuid('meter_id')
      .notNull()
      .references(() => meters.id, { onDelete: 'cascade' }),
    value: doublePrecision('value').notNull(),
    readAt: tstz('read_at').notNull(),
    replacement: boolean('replacement').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('meter_readings_meter_time_key').on(table.meterId, table.readAt)],
);

/** The organization's non-working days. */
export const holidays = pgTable(
  'holidays',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    date: date('date', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
  },
  (table) => [uniqueIndex('holidays_org_date_key').on(table.organizationId, table.date)],
);

export const pmPlans = pgTable(
  'pm_plans',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    description: text('description'),
    equipmentIds: uuid('equipment_ids').array().notNull(),
    template: jsonb('template').$type<WorkOrderTemplate>().notNull(),
    calendar: jsonb('calendar').$type<CalendarTrigger>(),
    meter: jsonb('meter').$type<MeterTrigger>(),
    leadDays: integer('lead_days').notNull().default(0),
    window: jsonb('window').$type<ComplianceWindow>().notNull(),
    holidayRule: text('holiday_rule').$type<'NONE' | 'PREVIOUS_WORKING_DAY' | 'NEXT_WORKING_DAY' | 'SKIP'>().notNull().default('NONE'),
    catchUp: text('catch_up').$type<'ALL' | 'LATEST'>().notNull().default('LATEST'),
    status: text('status').$type<'ACTIVE' | 'PAUSED'>().notNull().default('ACTIVE'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: tstz('deleted_at'),
  },
  (table) => [
    index('pm_plans_org_idx')
      .on(table.organizationId)
      .where(sql`${table.deletedAt} is null`),
  ],
);

/**
 * Where a plan stands for one piece of equipment: the next calendar occurrence (its local date
 * and, for FIXED plans, its sequence number from the start), the counter value the meter
 * interval counts from, and the open work order a FLOATING plan waits for.
 */
export const pmPlanTargets = pgTable(
  'pm_plan_targets',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => pmPlans.id, { onDelete: 'cascade' }),
    equipmentId: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    nextDueDate: date('next_due_date', { mode: 'string' }),
    sequence: integer('sequence').notNull().default(0),
    /** FIXED plans count from here instead of the plan's start once a meter restarted the calendar. */
    anchorDate: date('anchor_date', { mode: 'string' }),
    meterBase: doublePrecision('meter_base'),
    lastGeneratedAt: tstz('last_generated_at'),
    lastCompletedAt: tstz('last_completed_at'),
    openWorkOrderId: uuid('open_work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
  },
  (table) => [primaryKey({ columns: [table.planId, table.equipmentId] }), index('pm_plan_targets_due_idx').on(table.nextDueDate)],
);

/**
 * One row per occurrence of a plan on a piece of equipment, unique by its key (`cal:2026-12-01`,
 * `meter:1500`, `threshold:<reading id>`): the constraint that makes generation exactly once.
 */
export const pmOccurrences = pgTable(
  'pm_occurrences',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => pmPlans.id, { onDelete: 'cascade' }),
    equipmentId: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id, { onDelete: 'cascade' }),
    occurrenceKey: text('occurrence_key').notNull(),
    dueAt: tstz('due_at').notNull(),
    windowEnd: tstz('window_end').notNull(),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
    /** Why no work order was made: `holiday` (SKIP rule), `superseded` (catch-up LATEST), `paused`. */
    skippedReason: text('skipped_reason'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('pm_occurrences_key').on(table.planId, table.equipmentId, table.occurrenceKey),
    index('pm_occurrences_org_due_idx').on(table.organizationId, table.dueAt),
  ],
);
