import type { SensorSample, Trajectory } from '@msched/predict';
import { Injectable } from '@nestjs/common';
import { HistoryRepository } from './history.repository';
import { type HourlyRow, ReadingsRepository } from './readings.repository';
import { ReliabilityRepository } from './reliability.repository';
import { SensorsRepository } from './sensors.repository';
import { simulatedFleet } from './twin-profiles';

const HOUR_MS = 3_600_000;
/** A life with fewer hourly samples than this teaches nothing. */
const MIN_SAMPLES = 24;
/** Simulated run-to-failure units added for a type that digital twins represent. */
const SIMULATED_UNITS = 40;

/** Model time is hours since the epoch: hourly rollups become one sample per hour. */
export const toHours = (date: Date) => date.getTime() / HOUR_MS;

/** Hourly rows of several sensors → one sample per hour, with the sensors seen in that hour. */
export function samplesOf(rows: readonly HourlyRow[], nameOf: ReadonlyMap<string, string>): SensorSample[] {
  const byHour = new Map<number, SensorSample>();
  for (const row of rows) {
    const name = nameOf.get(row.sensorId);
    if (name === undefined) continue;
    const t = toHours(row.bucket);
    let sample = byHour.get(t);
    if (!sample) {
      sample = { t, values: {} };
      byHour.set(t, sample);
    }
    sample.values[name] = row.avg;
  }
  return [...byHour.values()].sort((a, b) => a.t - b.t);
}

export interface TrainingSet {
  sensors: string[];
  trajectories: Trajectory[];
  trainedOn: Record<string, number>;
}

/**
 * Histories to learn remaining life from, for one equipment type: for each piece of equipment
 * with sensors, the hourly readings of each life that ended in a recorded failure (and of its
 * current life, censored), plus the simulator's run-to-failure fleet where digital twins of the
 * type run (the demo plant).
 */
@Injectable()
export class TrainingData {
  constructor(
    private readonly sensors: SensorsRepository,
    private readonly readings: ReadingsRepository,
    private readonly reliability: ReliabilityRepository,
    private readonly history: HistoryRepository,
  ) {}

  async build(organizationId: string, equipmentType: string, now: Date): Promise<TrainingSet> {
    const units = await this.reliability.units(organizationId, equipmentType);
    const unitSensors = await this.sensors.ofEquipmentList(units.map((unit) => unit.equipmentId));
    const names = [...new Set(unitSensors.map((sensor) => sensor.name))].sort();
    const failures = await this.reliability.failures(organizationId, [...new Set(unitSensors.map((sensor) => sensor.equipmentId))]);
    const trajectories: Trajectory[] = [];
    let realFailed = 0;
    for (const equipmentId of new Set(unitSensors.map((sensor) => sensor.equipmentId))) {
      const own = unitSensors.filter((sensor) => sensor.equipmentId === equipmentId);
      const nameOf = new Map(own.map((sensor) => [sensor.id, sensor.name]));
      const lives = failures
        .filter((failure) => failure.equipmentId === equipmentId)
        .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
      let start = new Date(0);
      for (const failure of lives) {
        const samples = samplesOf(await this.readings.hourly([...nameOf.keys()], start, failure.reportedAt), nameOf);
        if (samples.length >= MIN_SAMPLES) {
          trajectories.push({ unitId: `${equipmentId}:${failure.workOrderId}`, samples, failedAt: toHours(failure.reportedAt) });
          realFailed++;
        }
        start = failure.actualEnd ?? failure.reportedAt;
      }
      const restoredAt = (await this.history.lastRestoration(equipmentId)) ?? start;
      const current = samplesOf(await this.readings.hourly([...nameOf.keys()], restoredAt > start ? restoredAt : start, now), nameOf);
      if (current.length >= MIN_SAMPLES) trajectories.push({ unitId: `${equipmentId}:current`, samples: current });
    }
    const real = trajectories.length;
    if (await this.history.hasTwins(organizationId, equipmentType)) {
      // Seeded by type alone: every demo plant learns from the same fleet and behaves the same.
      trajectories.push(...simulatedFleet(equipmentType, SIMULATED_UNITS, hashOf(equipmentType)));
    }
    return {
      sensors: names,
      trajectories,
      trainedOn: {
        realRunToFailure: realFailed,
        realCensored: real - realFailed,
        simulated: trajectories.length - real,
        samples: trajectories.reduce((sum, trajectory) => sum + trajectory.samples.length, 0),
      },
    };
  }
}

/** A stable 31-bit seed from text. */
export function hashOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 1) & 0x7fffffff;
}
