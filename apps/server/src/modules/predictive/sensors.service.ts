import type {
  CreateSensor,
  Sensor,
  SensorReadingsRequest,
  SensorReadingsResult,
  SensorSeries,
  SeriesQuery,
  UpdateSensor,
} from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, changesNothing, concurrentChange } from '../../platform/http/concurrency';
import { definedOnly, iso } from '../../platform/http/mapping';
import { REJECT_MESSAGES, planSeries } from './reading-rules';
import { ReadingsIngest, checkReadings } from './readings-ingest';
import { ReadingsRepository, type SeriesRow } from './readings.repository';
import { type EquipmentRef, type SensorRow, SensorsRepository } from './sensors.repository';

const DAY_MS = 86_400_000;

export const toSensor = (row: SensorRow): Sensor => ({
  id: row.id,
  equipmentId: row.equipmentId,
  name: row.name,
  unit: row.unit,
  expectedMin: row.expectedMin,
  expectedMax: row.expectedMax,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const duplicateName = (name: string) => () => new AppError(ErrorCode.Duplicate, `This equipment already has a sensor named ${name}`);

/** Sensors of a piece of equipment, their readings over HTTP, and downsampled series. */
@Injectable()
export class SensorsService {
  constructor(
    private readonly database: Database,
    private readonly sensors: SensorsRepository,
    private readonly readings: ReadingsRepository,
    private readonly ingest: ReadingsIngest,
  ) {}

  async list(principal: Principal, equipmentId: string): Promise<Sensor[]> {
    await this.requireEquipment(principal, equipmentId);
    return (await this.sensors.ofEquipment(principal.organizationId, equipmentId)).map(toSensor);
  }

  async create(principal: Principal, equipmentId: string, input: CreateSensor): Promise<Sensor> {
    await this.requireEquipment(principal, equipmentId);
    const row = await this.sensors
      .insert({
        organizationId: principal.organizationId,
        equipmentId,
        name: input.name,
        unit: input.unit,
        expectedMin: input.expectedMin ?? null,
        expectedMax: input.expectedMax ?? null,
      })
      .catch(onUniqueViolation(duplicateName(input.name)));
    return toSensor(row);
  }

  async update(principal: Principal, equipmentId: string, sensorId: string, input: UpdateSensor, expected?: readonly number[]) {
    const row = await this.database.transaction(async () => {
      const current = await this.requireSensor(principal, equipmentId, sensorId);
      assertVersion(expected, current.version, 'This sensor');
      const min = input.expectedMin === undefined ? current.expectedMin : input.expectedMin;
      const max = input.expectedMax === undefined ? current.expectedMax : input.expectedMax;
      if (min !== null && max !== null && min >= max) {
        throw AppError.validation([{ path: 'expectedMax', message: 'must be greater than expectedMin' }]);
      }
      const changes = definedOnly(input);
      if (changesNothing(current, changes)) return current;
      const updated = await this.sensors
        .update(sensorId, current.version, changes)
        .catch(onUniqueViolation(duplicateName(input.name ?? current.name)));
      if (!updated) throw concurrentChange('This sensor');
      return updated;
    });
    return toSensor(row);
  }

  async remove(principal: Principal, equipmentId: string, sensorId: string, expected?: readonly number[]): Promise<void> {
    await this.database.transaction(async () => {
      const current = await this.requireSensor(principal, equipmentId, sensorId);
      assertVersion(expected, current.version, 'This sensor');
      if (!(await this.sensors.delete(sensorId, current.version))) throw concurrentChange('This sensor');
    });
  }

  /**
   * A batch is stored whole or not at all: any bad row refuses it, naming every bad row by its
   * index, so a client fixes and resends one batch instead of working out what got in.
   */
  async record(principal: Principal, equipmentId: string, request: SensorReadingsRequest): Promise<SensorReadingsResult> {
    await this.requireEquipment(principal, equipmentId);
    const equipmentSensors = await this.sensors.ofEquipment(principal.organizationId, equipmentId);
    const incoming = request.readings.map((reading) => ({ sensor: reading.sensor, time: Date.parse(reading.time), value: reading.value }));
    const checked = checkReadings(principal.organizationId, equipmentSensors, incoming, Date.now());
    if (checked.rejected.length > 0) {
      const known = equipmentSensors.map((sensor) => sensor.name).join(', ') || 'none';
      throw AppError.validation(
        checked.rejected.map(({ index, reason }) => ({
          path: `readings.${index}.${reason === 'unknown_sensor' ? 'sensor' : reason === 'not_a_number' || reason === 'value_out_of_range' ? 'value' : 'time'}`,
          message:
            reason === 'unknown_sensor'
              ? `"${request.readings[index]!.sensor}" ${REJECT_MESSAGES[reason]} (its sensors: ${known})`
              : REJECT_MESSAGES[reason],
        })),
      );
    }
    const accepted = await this.ingest.store(checked.rows);
    return { accepted, duplicates: request.readings.length - accepted };
  }

  async series(principal: Principal, equipmentId: string, sensorId: string, query: SeriesQuery): Promise<SensorSeries> {
    const sensor = await this.requireSensor(principal, equipmentId, sensorId);
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * DAY_MS);
    if (from >= to) throw AppError.validation([{ path: 'from', message: 'must be before to (which defaults to now)' }]);
    const plan = planSeries(from.getTime(), to.getTime(), query.points, await this.readings.estimateCount(sensorId, from, to));
    let points: SeriesRow[];
    let bucketSeconds: number | null = null;
    if (plan.kind === 'raw') {
      points = await this.readings.raw(sensorId, from, to, query.points);
    } else if (plan.kind === 'raw-buckets') {
      points = await this.readings.rawBuckets(sensorId, from, to, plan.bucketMs);
      bucketSeconds = Math.round(plan.bucketMs / 1000);
    } else {
      points = await this.readings.rollupBuckets(sensorId, from, to, plan.hours);
      bucketSeconds = plan.hours * 3600;
    }
    return {
      sensorId,
      name: sensor.name,
      unit: sensor.unit,
      from: iso(from),
      to: iso(to),
      resolution: plan.kind === 'raw' ? 'raw' : 'bucketed',
      bucketSeconds,
      source: plan.kind === 'rollup-buckets' ? 'rollups' : 'readings',
      points: points.map((point) => ({ ...point, time: iso(point.time) })),
    };
  }

  private async requireEquipment(principal: Principal, equipmentId: string): Promise<EquipmentRef> {
    const found = await this.sensors.equipment(principal.organizationId, equipmentId);
    if (!found) throw AppError.notFound('Equipment');
    return found;
  }

  private async requireSensor(principal: Principal, equipmentId: string, sensorId: string): Promise<SensorRow> {
    const sensor = await this.sensors.find(principal.organizationId, equipmentId, sensorId);
    if (!sensor) throw AppError.notFound('Sensor');
    return sensor;
  }
}
