import { IsoDateTime, PageQuery, Uuid, paged, text } from './common';
import { Criticality, EquipmentStatus } from './enums';
import { z } from './zod';

/**
 * Predictive maintenance: sensors and their readings, each piece of equipment's health (remaining
 * useful life, failure probability, anomaly score), the fleet ranked by risk, reliability
 * statistics from work-order history, and the versioned models behind them.
 */

/** At most this many readings per request; send more in several requests. */
export const MAX_READINGS_PER_BATCH = 5_000;
/** At most this many points in a series answer. */
export const MAX_SERIES_POINTS = 2_000;

/** A sensor name is one MQTT topic level: no `/`, `+` or `#`. */
const SensorName = text(100).regex(/^[^/+#]+$/, { message: 'must not contain /, + or #' });

export const Sensor = z
  .object({
    id: Uuid,
    equipmentId: Uuid,
    name: z.string(),
    unit: z.string(),
    expectedMin: z.number().nullable(),
    expectedMax: z.number().nullable(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('Sensor');
export type Sensor = z.infer<typeof Sensor>;

const expectedRange = <T extends { expectedMin?: number | null; expectedMax?: number | null }>(sensor: T) =>
  sensor.expectedMin === undefined ||
  sensor.expectedMin === null ||
  sensor.expectedMax === undefined ||
  sensor.expectedMax === null ||
  sensor.expectedMin < sensor.expectedMax;

const SensorFields = z.object({
  name: SensorName,
  unit: text(30),
  expectedMin: z.number().finite().nullish().openapi({ description: 'Lower end of the normal operating range.' }),
  expectedMax: z.number().finite().nullish().openapi({ description: 'Upper end of the normal operating range.' }),
});

export const CreateSensor = SensorFields.strict()
  .refine(expectedRange, { message: 'must be greater than expectedMin', path: ['expectedMax'] })
  .openapi('CreateSensor');
export type CreateSensor = z.infer<typeof CreateSensor>;

export const UpdateSensor = SensorFields.partial()
  .strict()
  .refine(expectedRange, { message: 'must be greater than expectedMin', path: ['expectedMax'] })
  .openapi('UpdateSensor');
export type UpdateSensor = z.infer<typeof UpdateSensor>;

export const SensorParams = z.object({ id: Uuid, sensorId: Uuid });
export type SensorParams = z.infer<typeof SensorParams>;

export const SensorReadingInput = z
  .object({
    sensor: z.string().trim().min(1).max(100).openapi({ description: 'The sensor’s name on this equipment.' }),
    time: IsoDateTime,
    // Bounded so that an hour of readings always sums to a finite number (the hourly rollups).
    value: z.number().finite().min(-1e15).max(1e15),
  })
  .strict();

export const SensorReadingsRequest = z
  .object({
    readings: z
      .array(SensorReadingInput)
      .min(1, { message: 'must hold at least one reading' })
      .max(MAX_READINGS_PER_BATCH, { message: `must hold at most ${MAX_READINGS_PER_BATCH} readings; send the rest in another request` }),
  })
  .strict()
  .openapi('SensorReadingsRequest');
export type SensorReadingsRequest = z.infer<typeof SensorReadingsRequest>;

export const SensorReadingsResult = z
  .object({
    accepted: z.number().int().openapi({ description: 'Readings stored now.' }),
    duplicates: z.number().int().openapi({ description: 'Readings already stored (same sensor and time): nothing changed.' }),
  })
  .openapi('SensorReadingsResult');
export type SensorReadingsResult = z.infer<typeof SensorReadingsResult>;

export const SeriesQuery = z
  .object({
    from: IsoDateTime.optional().openapi({ description: 'Default: 7 days before `to`.' }),
    to: IsoDateTime.optional().openapi({ description: 'Default: now.' }),
    points: z.coerce.number().int().min(2).max(MAX_SERIES_POINTS).default(500),
  })
  .refine((query) => !query.from || !query.to || new Date(query.from) < new Date(query.to), {
    message: 'must be before to',
    path: ['from'],
  });
export type SeriesQuery = z.infer<typeof SeriesQuery>;

export const SeriesPoint = z.object({
  time: IsoDateTime.openapi({ description: 'The reading’s time, or the start of its bucket.' }),
  avg: z.number(),
  min: z.number(),
  max: z.number(),
  count: z.number().int(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const SensorSeries = z
  .object({
    sensorId: Uuid,
    name: z.string(),
    unit: z.string(),
    from: IsoDateTime,
    to: IsoDateTime,
    resolution: z.enum(['raw', 'bucketed']),
    bucketSeconds: z.number().int().nullable(),
    source: z.enum(['readings', 'rollups']).openapi({ description: '`rollups`: hour-aligned buckets from the hourly aggregates.' }),
    points: z.array(SeriesPoint),
  })
  .openapi('SensorSeries');
export type SensorSeries = z.infer<typeof SensorSeries>;

export const Driver = z.object({
  sensor: z.string(),
  contribution: z.number().openapi({ description: 'How much this sensor moved the prediction, in its unit.' }),
});

export const EquipmentHealth = z
  .object({
    equipmentId: Uuid,
    rul: z
      .object({ estimate: z.number(), lower: z.number(), upper: z.number(), unit: z.string() })
      .nullable()
      .openapi({ description: 'Remaining useful life with its calibrated interval; null without an active model.' }),
    failureProbability: z
      .object({ horizonDays: z.number().int(), probability: z.number() })
      .nullable()
      .openapi({ description: 'Weibull probability of a failure within the horizon, given the time since the last repair.' }),
    confidence: z.number().nullable().openapi({ description: '0–100: how much to trust the RUL estimate.' }),
    anomalyScore: z.number().nullable().openapi({ description: '0 = like its own healthy baseline, 100 = far outside it.' }),
    drivers: z.array(Driver),
    modelVersion: z.string().nullable(),
    asOf: IsoDateTime.nullable().openapi({ description: 'Time of the newest reading the assessment used.' }),
    risk: z.number().openapi({
      description:
        '0–100, 100 = a predictive work order is due: the larger of the RUL and probability signals (the anomaly score without a RUL model); orders the fleet view.',
    }),
    predictiveWorkOrderId: Uuid.nullable().openapi({ description: 'The open predictive work order opened for it, if any.' }),
  })
  .openapi('EquipmentHealth');
export type EquipmentHealth = z.infer<typeof EquipmentHealth>;

export const FleetQuery = PageQuery.extend({
  equipmentType: z.string().trim().max(100).optional(),
  locationId: Uuid.optional(),
});
export type FleetQuery = z.infer<typeof FleetQuery>;

export const FleetItem = EquipmentHealth.extend({
  equipment: z.object({
    id: Uuid,
    equipmentNumber: z.string(),
    name: z.string(),
    type: z.string(),
    criticality: Criticality,
    status: EquipmentStatus,
    locationId: Uuid.nullable(),
  }),
}).openapi('FleetItem');
export type FleetItem = z.infer<typeof FleetItem>;

export const FleetPage = paged(FleetItem).openapi('FleetPage');
export type FleetPage = z.infer<typeof FleetPage>;

export const ReliabilityQuery = z
  .object({
    equipmentType: z.string().trim().min(1).max(100).optional(),
    equipmentId: Uuid.optional(),
    horizonDays: z.coerce.number().int().min(1).max(3650).optional().openapi({ description: 'Default: PREDICTIVE_HORIZON_DAYS.' }),
  })
  .refine((query) => (query.equipmentType === undefined) !== (query.equipmentId === undefined), {
    message: 'give either equipmentType or equipmentId',
    path: ['equipmentType'],
  });
export type ReliabilityQuery = z.infer<typeof ReliabilityQuery>;

export const WeibullEstimate = z
  .object({
    shape: z.number(),
    scale: z.number().openapi({ description: 'Characteristic life, in hours.' }),
    shapeBounds: z.tuple([z.number(), z.number()]),
    scaleBounds: z.tuple([z.number(), z.number()]),
    confidenceLevel: z.number(),
    source: z.enum(['equipment', 'equipmentType']).openapi({ description: 'Fitted on this equipment’s lives, or on its type’s.' }),
  })
  .openapi('WeibullEstimate');

export const Reliability = z
  .object({
    equipmentType: z.string(),
    equipmentId: Uuid.nullable(),
    failures: z.number().int().openapi({ description: 'Recorded failures; MTBF and the fit use the lives whose start is on record.' }),
    censored: z.number().int().openapi({ description: 'Lives still running (time since the last repair).' }),
    mtbfHours: z.number().nullable(),
    mttrHours: z.number().nullable(),
    weibull: WeibullEstimate.nullable(),
    horizonDays: z.number().int(),
    ageHours: z.number().nullable().openapi({ description: 'Hours since the equipment’s last repair (equipment only).' }),
    failureProbability: z.number().nullable().openapi({
      description: 'Probability of a failure within the horizon: given the age for one piece of equipment, from new for a type.',
    }),
  })
  .openapi('Reliability');
export type Reliability = z.infer<typeof Reliability>;

export const PREDICTIVE_MODEL_STATUSES = ['TRAINING', 'READY', 'FAILED'] as const;

export const PredictiveModel = z
  .object({
    id: Uuid,
    kind: z.literal('rul'),
    equipmentType: z.string(),
    version: z.number().int(),
    status: z.enum(PREDICTIVE_MODEL_STATUSES),
    active: z.boolean(),
    sensors: z.array(z.string()),
    evaluation: z.record(z.string(), z.number()).nullable().openapi({ description: 'Held-out RMSE, MAE, PHM08 score, interval coverage.' }),
    trainedOn: z.record(z.string(), z.number()).nullable(),
    error: z.string().nullable(),
    createdAt: IsoDateTime,
    trainedAt: IsoDateTime.nullable(),
  })
  .openapi('PredictiveModel');
export type PredictiveModel = z.infer<typeof PredictiveModel>;

export const ModelListQuery = PageQuery.extend({ equipmentType: z.string().trim().max(100).optional() });
export type ModelListQuery = z.infer<typeof ModelListQuery>;

export const PredictiveModelPage = paged(PredictiveModel).openapi('PredictiveModelPage');
export type PredictiveModelPage = z.infer<typeof PredictiveModelPage>;

export const TrainModelRequest = z
  .object({ equipmentType: text(100) })
  .strict()
  .openapi('TrainModelRequest');
export type TrainModelRequest = z.infer<typeof TrainModelRequest>;

export const ScoringResult = z.object({ scored: z.number().int(), openedWorkOrderIds: z.array(Uuid) }).openapi('ScoringResult');
export type ScoringResult = z.infer<typeof ScoringResult>;
