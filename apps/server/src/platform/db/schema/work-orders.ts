import type { Completion } from '@msched/contracts';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { equipment, parts, technicians } from './assets';
import { createdAt, id, tstz, updatedAt, version } from './columns';
import { partLineStatus, priority, taskStatus, workOrderStatus, workOrderType } from './enums';
import { organizations, users } from './identity';

export type RequiredSkillJson = { skill: string; minLevel: number };

export const workOrders = pgTable(
  'work_orders',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    number: integer('number').notNull(),
    workOrderNumber: text('work_order_number').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    type: workOrderType('type').notNull(),
    status: workOrderStatus('status').notNull().default('OPEN'),
    priority: priority('priority').notNull(),
    dueDate: tstz('due_date'),
    requiredSkills: jsonb('required_skills').$type<RequiredSkillJson[]>().notNull().default([]),
    estimatedDuration: integer('estimated_duration'),
    scheduledStartTime: tstz('scheduled_start_time'),
    scheduledEndTime: tstz('scheduled_end_time'),
    actualStartTime: tstz('actual_start_time'),
    actualEndTime: tstz('actual_end_time'),
    actualDuration: integer('actual_duration'),
    technicianId: uuid('technician_id').references(() => technicians.id),
    equipmentId: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id),
    requesterId: uuid('requester_id').references(() => users.id),
    /** Set by preventive-maintenance generation (a later capability). */
    pmPlanId: uuid('pm_plan_id'),
    /** Technicians working on it at the same time (1–3). */
    crewSize: integer('crew_size').notNull().default(1),
    /**
     * The crew's other members, booked for the same time as the technician (who leads): the
     * scheduler's crews, or a planner's. Empty for work done alone.
     */
    crewTechnicianIds: uuid('crew_technician_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /**
     * Work orders of the organization that must be finished before this one may start (an
     * inspection before the overhaul). Never this one, and never in a cycle (checked on write,
     * under the organization's precedence lock). A deleted one no longer holds it back.
     */
    predecessorIds: uuid('predecessor_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /**
     * What the work holds while it is done, by name (a hot-work permit, a crane, a lockout zone):
     * two work orders sharing a group are never booked at the same time. Lower case.
     */
    conflictGroups: text('conflict_groups')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The equipment must be down for it: booked only inside the equipment's maintenance windows. */
    requiresDowntime: boolean('requires_downtime').notNull().default(false),
    /** PM work: the last instant completion counts as on time (due date + grace, SMRP). */
    complianceWindowEnd: tstz('compliance_window_end'),
    completion: jsonb('completion').$type<Completion>(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: tstz('deleted_at'),
  },
  (table) => {
    const live = sql`${table.deletedAt} is null`;
    return [
      uniqueIndex('work_orders_org_number_key').on(table.organizationId, table.number),
      // Filter + sort pairs of the lists; the trailing id makes keyset paging an index range scan.
      index('work_orders_org_due_idx').on(table.organizationId, table.dueDate, table.id).where(live),
      index('work_orders_org_status_due_idx').on(table.organizationId, table.status, table.dueDate, table.id).where(live),
      index('work_orders_org_created_idx').on(table.organizationId, table.createdAt, table.id).where(live),
      index('work_orders_org_updated_idx').on(table.organizationId, table.updatedAt, table.id).where(live),
      index('work_orders_org_priority_idx').on(table.organizationId, table.priority, table.id).where(live),
      index('work_orders_org_scheduled_idx').on(table.organizationId, table.scheduledStartTime, table.id).where(live),
      // The capped total of a list (at most 1,001 rows, in number order). Its migration adds every
      // column a list filter reads as INCLUDE columns (which Drizzle cannot declare), so the count
      // is an index-only scan that fetches no row; they are not key columns, so no other query
      // finds a better path through this index than through its own.
      index('work_orders_org_count_idx').on(table.organizationId, table.number).where(live),
      index('work_orders_technician_schedule_idx').on(table.technicianId, table.scheduledStartTime),
      // A technician's bookings as a crew member (their own lists, schedule, overlap checks). Not
      // partial on a non-empty crew: the planner could not use it for `crew @> array[…]`, and a
      // technician's own list (technician, crew or requester) would read the organization's whole
      // due-date index instead of three small bitmaps. GIN keeps the empty crews in one entry.
      index('work_orders_crew_idx').using('gin', table.crewTechnicianIds).where(live),
      // Who waits for a work order (its successors), and the booked work sharing a conflict group.
      index('work_orders_predecessors_idx').using('gin', table.predecessorIds).where(live),
      index('work_orders_conflict_groups_idx').using('gin', table.conflictGroups).where(live),
      index('work_orders_technician_due_idx').on(table.technicianId, table.dueDate, table.id).where(live),
      index('work_orders_equipment_due_idx').on(table.equipmentId, table.dueDate, table.id).where(live),
      index('work_orders_equipment_history_idx').on(table.equipmentId, table.actualEndTime.desc(), table.id).where(live),
      index('work_orders_requester_idx').on(table.requesterId, table.dueDate, table.id).where(live),
      // Trigram indexes for the search (ILIKE '%term%'), with the organization as a first column
      // (btree_gin): the index intersects a term's matches with the organization's rows itself,
      // so a search in a small organization does not collect the matches of every other one.
      index('work_orders_org_title_trgm_idx').using('gin', table.organizationId, table.title.op('gin_trgm_ops')),
      index('work_orders_org_description_trgm_idx').using('gin', table.organizationId, table.description.op('gin_trgm_ops')),
      index('work_orders_org_number_trgm_idx').using('gin', table.organizationId, table.workOrderNumber.op('gin_trgm_ops')),
      check(
        'work_orders_schedule_range',
        sql`${table.scheduledEndTime} is null or ${table.scheduledStartTime} is null or ${table.scheduledEndTime} > ${table.scheduledStartTime}`,
      ),
    ];
  },
);

export const workOrderTasks = pgTable(
  'work_order_tasks',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    status: taskStatus('status').notNull().default('PENDING'),
    estimatedDuration: integer('estimated_duration'),
    actualDuration: integer('actual_duration'),
    assigneeId: uuid('assignee_id').references(() => technicians.id),
    isFirstTimeFix: boolean('is_first_time_fix'),
    completedAt: tstz('completed_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('work_order_tasks_wo_idx').on(table.workOrderId, table.position)],
);

export const workOrderParts = pgTable(
  'work_order_parts',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    quantity: integer('quantity').notNull(),
    status: partLineStatus('status').notNull(),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('work_order_parts_wo_idx').on(table.workOrderId),
    check('work_order_parts_quantity_positive', sql`${table.quantity} > 0`),
  ],
);

export const workOrderComments = pgTable(
  'work_order_comments',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('work_order_comments_wo_idx').on(table.workOrderId, table.createdAt)],
);

export type FieldChangesJson = Record<string, { from: unknown; to: unknown }>;

export const workOrderHistory = pgTable(
  'work_order_history',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['status', 'change'] }).notNull(),
    fromStatus: workOrderStatus('from_status'),
    toStatus: workOrderStatus('to_status'),
    changes: jsonb('changes').$type<FieldChangesJson>(),
    note: text('note'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index('work_order_history_wo_idx').on(table.workOrderId, table.createdAt)],
);
