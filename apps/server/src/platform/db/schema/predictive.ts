import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { equipment } from './assets';
import { createdAt, id, tstz, updatedAt, version } from './columns';
import { organizations, users } from './identity';
import { workOrders } from './work-orders';

const organizationId = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organizations.id);

/** A measured quantity on a piece of equipment (vibration, bearing temperature …). */
export const sensors = pgTable(
  'sensors',
  {
    id: id(),
    organizationId: organizationId(),
    equipmentId: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    expectedMin: doublePrecision('expected_min'),
    expectedMax: doublePrecision('expected_max'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('sensors_equipment_name_key').on(table.equipmentId, table.name),
    index('sensors_org_idx').on(table.organizationId),
  ],
);

/**
 * Raw readings, the high-volume table. The primary key (sensor, time) makes a repeated reading a
 * no-op (ON CONFLICT DO NOTHING) and serves every per-sensor range scan; readings arrive roughly
 * in time order, so a BRIN index on time (a few pages for millions of rows) serves scans across
 * sensors by time (retention, exports). The organization has no foreign key here: the sensor's
 * key already implies it, and each insert would pay for a second lookup.
 */
export const sensorReadings = pgTable(
  'sensor_readings',
  {
    sensorId: uuid('sensor_id')
      .notNull()
      .references(() => sensors.id, { onDelete: 'cascade' }),
    time: tstz('time').notNull(),
    organizationId: uuid('organization_id').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sensorId, table.time] }), index('sensor_readings_time_brin').using('brin', table.time)],
);

/**
 * Hourly aggregates per sensor, upserted in the transaction that stores the readings (only the
 * readings actually inserted are added, so duplicates never count twice). Charts over long ranges
 * and model inputs read these instead of the raw rows: one row per sensor-hour.
 */
export const sensorRollups = pgTable(
  'sensor_rollups',
  {
    sensorId: uuid('sensor_id')
      .notNull()
      .references(() => sensors.id, { onDelete: 'cascade' }),
    bucket: tstz('bucket').notNull(),
    organizationId: uuid('organization_id').notNull(),
    count: integer('count').notNull(),
    sum: doublePrecision('sum').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sensorId, table.bucket] })],
);

export type PredictiveModelStatus = 'TRAINING' | 'READY' | 'FAILED';

/** Versioned models per organization, kind and equipment type; the newest ready one is active. */
export const predictiveModels = pgTable(
  'predictive_models',
  {
    id: id(),
    organizationId: organizationId(),
    kind: text('kind').$type<'rul'>().notNull(),
    equipmentType: text('equipment_type').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<PredictiveModelStatus>().notNull(),
    active: boolean('active').notNull().default(false),
    sensors: text('sensors').array().notNull(),
    body: jsonb('body').$type<unknown>(),
    evaluation: jsonb('evaluation').$type<Record<string, number>>(),
    /** Where the training histories came from: units and samples, real and simulated. */
    trainedOn: jsonb('trained_on').$type<Record<string, number>>(),
    error: text('error'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    trainedAt: tstz('trained_at'),
  },
  (table) => [
    uniqueIndex('predictive_models_version_key').on(table.organizationId, table.kind, table.equipmentType, table.version),
    uniqueIndex('predictive_models_active_key')
      .on(table.organizationId, table.kind, table.equipmentType)
      .where(sql`${table.active}`),
  ],
);

/** Each piece of equipment's healthy baseline for anomaly scores, fitted once from its first readings. */
export const anomalyBaselines = pgTable('anomaly_baselines', {
  equipmentId: uuid('equipment_id')
    .primaryKey()
    .references(() => equipment.id, { onDelete: 'cascade' }),
  organizationId: organizationId(),
  sensors: text('sensors').array().notNull(),
  body: jsonb('body').$type<unknown>().notNull(),
  samples: integer('samples').notNull(),
  fittedFrom: tstz('fitted_from').notNull(),
  fittedTo: tstz('fitted_to').notNull(),
  createdAt: createdAt(),
});

export type DriverJson = { sensor: string; contribution: number };

/** The latest assessment of each piece of equipment; `risk` (0–100) orders the fleet view. */
export const equipmentHealth = pgTable(
  'equipment_health',
  {
    equipmentId: uuid('equipment_id')
      .primaryKey()
      .references(() => equipment.id, { onDelete: 'cascade' }),
    organizationId: organizationId(),
    rulEstimate: doublePrecision('rul_estimate'),
    rulLower: doublePrecision('rul_lower'),
    rulUpper: doublePrecision('rul_upper'),
    rulUnit: text('rul_unit'),
    failureProbability: doublePrecision('failure_probability'),
    horizonDays: integer('horizon_days').notNull(),
    confidence: real('confidence'),
    anomalyScore: real('anomaly_score'),
    drivers: jsonb('drivers').$type<DriverJson[]>().notNull().default([]),
    modelId: uuid('model_id').references(() => predictiveModels.id, { onDelete: 'set null' }),
    modelVersion: text('model_version'),
    risk: real('risk').notNull(),
    asOf: tstz('as_of'),
    updatedAt: updatedAt(),
  },
  (table) => [index('equipment_health_org_risk_idx').on(table.organizationId, table.risk.desc())],
);

/**
 * Predictive work orders opened by the models. At most one unresolved row per piece of equipment
 * (the partial unique index): the claim that makes opening a work order exactly once, even when
 * two scoring runs race. A row is resolved once its work order is finished.
 */
export const predictiveAlerts = pgTable(
  'predictive_alerts',
  {
    id: id(),
    organizationId: organizationId(),
    equipmentId: uuid('equipment_id')
      .notNull()
      .references(() => equipment.id, { onDelete: 'cascade' }),
    workOrderId: uuid('work_order_id').references(() => workOrders.id, { onDelete: 'set null' }),
    prediction: jsonb('prediction').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    resolvedAt: tstz('resolved_at'),
  },
  (table) => [
    uniqueIndex('predictive_alerts_open_key')
      .on(table.equipmentId)
      .where(sql`${table.resolvedAt} is null`),
    index('predictive_alerts_org_idx').on(table.organizationId, table.createdAt),
  ],
);

/**
 * The demo's digital twins: which simulated degradation feeds a piece of equipment, and how far
 * its simulated clock has got. A twin's readings are a pure function of these columns, so a
 * restart resumes exactly where it stopped.
 */
export const digitalTwins = pgTable('digital_twins', {
  equipmentId: uuid('equipment_id')
    .primaryKey()
    .references(() => equipment.id, { onDelete: 'cascade' }),
  organizationId: organizationId(),
  profile: text('profile').notNull(),
  seed: integer('seed').notNull(),
  lifeStart: tstz('life_start').notNull(),
  degradationStart: tstz('degradation_start'),
  failAt: tstz('fail_at'),
  /** Simulated time of the last sample written. */
  clock: tstz('clock').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
