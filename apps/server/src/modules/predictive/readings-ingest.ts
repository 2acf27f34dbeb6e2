import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/db/database';
import { type RejectReason, readingProblem } from './reading-rules';
import { type ReadingRow, ReadingsRepository } from './readings.repository';
import type { SensorRow } from './sensors.repository';

/** A reading as it arrived: a sensor name, a time in epoch ms, and whatever the value was. */
export interface IncomingReading {
  sensor: string;
  time: number;
  value: unknown;
}

export interface CheckedReadings {
  rows: ReadingRow[];
  /** Index in the input, and why it cannot be stored. */
  rejected: { index: number; reason: RejectReason }[];
  /** The same sensor and time twice in one batch: the first one counts. */
  repeated: number;
}

/** Splits a batch into storable rows and rejections, against the equipment's sensors. */
export function checkReadings(
  organizationId: string,
  equipmentSensors: readonly SensorRow[],
  readings: readonly IncomingReading[],
  now: number,
): CheckedReadings {
  const byName = new Map(equipmentSensors.map((sensor) => [sensor.name, sensor]));
  const seen = new Set<string>();
  const result: CheckedReadings = { rows: [], rejected: [], repeated: 0 };
  readings.forEach((reading, index) => {
    const sensor = byName.get(reading.sensor);
    const problem = sensor ? readingProblem(reading.time, reading.value, now) : 'unknown_sensor';
    if (problem || !sensor) {
      result.rejected.push({ index, reason: problem ?? 'unknown_sensor' });
      return;
    }
    const key = `${sensor.id}|${reading.time}`;
    if (seen.has(key)) {
      result.repeated++;
      return;
    }
    seen.add(key);
    result.rows.push({ sensorId: sensor.id, organizationId, time: new Date(reading.time), value: reading.value as number });
  });
  return result;
}

/**
 * Stores checked readings in one transaction (readings and their hourly rollups together), for
 * HTTP batches, the MQTT consumer and the digital twins alike.
 */
@Injectable()
export class ReadingsIngest {
  constructor(
    private readonly database: Database,
    private readonly readings: ReadingsRepository,
  ) {}

  /** Answers how many were stored now; the rest were already there. */
  store(rows: readonly ReadingRow[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    return this.database.transaction(() => this.readings.store(rows));
  }
}
