import type { MaintenanceWindows } from '@msched/contracts';
import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt, version } from './columns';
import { criticality, equipmentStatus, locationKind, stockMovementKind } from './enums';
import { organizations, users } from './identity';

const organizationId = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organizations.id);

export const locations = pgTable(
  'locations',
  {
    id: id(),
    organizationId: organizationId(),
    parentId: uuid('parent_id').references((): AnyPgColumn => locations.id),
    name: text('name').notNull(),
    code: text('code'),
    kind: locationKind('kind').notNull().default('SITE'),
    description: text('description'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('locations_org_parent_idx').on(table.organizationId, table.parentId),
    uniqueIndex('locations_org_code_key')
      .on(table.organizationId, table.code)
      .where(sql`${table.code} is not null`),
  ],
);

export const equipment = pgTable(
  'equipment',
  {
    id: id(),
    organizationId: organizationId(),
    equipmentNumber: text('equipment_number').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    criticality: criticality('criticality').notNull().default('B'),
    status: equipmentStatus('status').notNull().default('OPERATIONAL'),
    locationId: uuid('location_id').references(() => locations.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => equipment.id),
    ownerId: uuid('owner_id').references(() => users.id),
    maintenanceManagerId: uuid('maintenance_manager_id').references(() => users.id),
    manufacturer: text('manufacturer'),
    model: text('model'),
    serialNumber: text('serial_number'),
    installDate: tstz('install_date'),
    description: text('description'),
    /** When it may be taken down for maintenance (the contract's MaintenanceWindows); null: never defined. */
    maintenanceWindows: jsonb('maintenance_windows').$type<MaintenanceWindows>(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('equipment_org_number_key').on(table.organizationId, table.equipmentNumber),
    index('equipment_org_parent_idx').on(table.organizationId, table.parentId),
    index('equipment_org_location_idx').on(table.organizationId, table.locationId),
    index('equipment_org_status_idx').on(table.organizationId, table.status),
    // Trigram indexes for searches (ILIKE '%term%'), organization first (btree_gin) as for work
    // orders: a search in one organization does not collect every organization's matches.
    index('equipment_org_name_trgm_idx').using('gin', table.organizationId, table.name.op('gin_trgm_ops')),
    index('equipment_org_number_trgm_idx').using('gin', table.organizationId, table.equipmentNumber.op('gin_trgm_ops')),
  ],
);

export type SkillLevelJson = { skill: string; level: number };

export const technicians = pgTable(
  'technicians',
  {
    id: id(),
    organizationId: organizationId(),
    employeeId: text('employee_id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    skills: jsonb('skills').$type<SkillLevelJson[]>().notNull().default([]),
    hourlyRate: numeric('hourly_rate', { precision: 10, scale: 2, mode: 'number' }).notNull().default(0),
    homeLocationId: uuid('home_location_id').references(() => locations.id),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('technicians_org_employee_key').on(table.organizationId, table.employeeId),
    // Search trigram indexes, organization first (see equipment). Names are searched as the full
    // name people read ("Tess Turner"), which also holds either name alone.
    index('technicians_org_full_name_trgm_idx').using('gin', table.organizationId, sql`${fullNameOf(table)} gin_trgm_ops`),
    index('technicians_org_employee_id_trgm_idx').using('gin', table.organizationId, table.employeeId.op('gin_trgm_ops')),
  ],
);

/** A technician's name as people read it and search it: "first last". */
export function fullNameOf(technician: { firstName: AnyPgColumn; lastName: AnyPgColumn }): SQL<string> {
  return sql<string>`(${technician.firstName} || ' ' || ${technician.lastName})`;
}

export type ShiftJson = { weekday: number; start: string; end: string };

export const technicianAvailability = pgTable('technician_availability', {
  technicianId: uuid('technician_id')
    .primaryKey()
    .references(() => technicians.id, { onDelete: 'cascade' }),
  organizationId: organizationId(),
  timezone: text('timezone').notNull().default('UTC'),
  weeklyPattern: jsonb('weekly_pattern').$type<ShiftJson[]>().notNull().default([]),
  version: version(),
  updatedAt: updatedAt(),
});

/**
 * Minutes between two sites of an organization, either way: one row per pair, the lower id first.
 * The optimizer counts them when a technician's work moves from one site to another.
 */
export const siteTravelTimes = pgTable(
  'site_travel_times',
  {
    organizationId: organizationId(),
    siteAId: uuid('site_a_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    siteBId: uuid('site_b_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    minutes: integer('minutes').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.siteAId, table.siteBId] }),
    index('site_travel_times_org_idx').on(table.organizationId),
    check('site_travel_times_order', sql`${table.siteAId} < ${table.siteBId}`),
    check('site_travel_times_minutes', sql`${table.minutes} between 0 and 1440`),
  ],
);

/**
 * The version of an organization's travel times as a whole (the ETag of `GET
 * /locations/travel-times`): a replacement, or a site taking its pairs with it, moves it on. No
 * row yet is the first version.
 */
export const siteTravelVersions = pgTable('site_travel_versions', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  version: version(),
});

export const availabilityExceptions = pgTable(
  'availability_exceptions',
  {
    id: id(),
    organizationId: organizationId(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => technicians.id, { onDelete: 'cascade' }),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    available: boolean('available').notNull().default(false),
    /** Extra time (available) paid as overtime: the optimizer weighs its cost. */
    overtime: boolean('overtime').notNull().default(false),
    reason: text('reason'),
  },
  (table) => [
    index('availability_exceptions_tech_idx').on(table.technicianId, table.startsAt),
    check('availability_exceptions_range', sql`${table.endsAt} > ${table.startsAt}`),
    check('availability_exceptions_overtime_available', sql`${table.available} or not ${table.overtime}`),
  ],
);

export const parts = pgTable(
  'parts',
  {
    id: id(),
    organizationId: organizationId(),
    partNumber: text('part_number').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2, mode: 'number' }).notNull().default(0),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    reorderPoint: integer('reorder_point').notNull().default(0),
    unit: text('unit').notNull().default('each'),
    locationId: uuid('location_id').references(() => locations.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('parts_org_number_key').on(table.organizationId, table.partNumber),
    // The database itself refuses negative stock, whatever the code path.
    check('parts_on_hand_nonnegative', sql`${table.onHand} >= 0`),
    check('parts_reserved_within_stock', sql`${table.reserved} >= 0 and ${table.reserved} <= ${table.onHand}`),
  ],
);

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: id(),
    organizationId: organizationId(),
    partId: uuid('part_id')
      .notNull()
      .references(() => parts.id),
    kind: stockMovementKind('kind').notNull(),
    quantity: integer('quantity').notNull(),
    onHandAfter: integer('on_hand_after').notNull(),
    reservedAfter: integer('reserved_after').notNull(),
    workOrderId: uuid('work_order_id'),
    reason: text('reason'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index('stock_movements_part_idx').on(table.partId, table.createdAt)],
);
