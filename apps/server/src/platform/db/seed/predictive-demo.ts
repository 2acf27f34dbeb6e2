import { randomUUID } from 'node:crypto';
import { type ReadingRow, hourlyRollups } from '../../../modules/predictive/readings.repository';
import {
  HOUR_MS,
  PROFILE_OF_TYPE,
  type TwinPlan,
  lifeEndingAt,
  nextLife,
  twinSamples,
  twinSensors,
} from '../../../modules/predictive/twin-profiles';
import type { Db } from '../database';
import { digitalTwins, sensorReadings, sensorRollups, sensors } from '../schema';
import type { OrganizationDataset } from './organization-dataset';

/** Twins per equipment type of the demo plant. */
const TWINS_PER_TYPE: Readonly<Record<string, number>> = { Pump: 3, Compressor: 1, Gearbox: 1 };
/** History the healthy twins start with. */
const BACKFILL_MS = 30 * 24 * HOUR_MS;
/**
 * The twins' clocks start this far behind now and catch up at PREDICTIVE_SIMULATOR_SPEEDUP:
 * room for the wearing pump to run towards its failure in simulated hours within minutes.
 */
export const TWIN_LAG_MS = 12 * 24 * HOUR_MS;
/** The wearing pump fails this many simulated hours after the twins' starting clock. */
export const DEMO_FAILURE_AFTER_HOURS = 220;
/** … at the end of a life about as long as a typical simulated pump's. */
const DEMO_LIFE_HOURS = 2_000;
/** Healthy twins stay healthy at least this long past the fast phase (no second failure in the demo). */
const HEALTHY_MARGIN_HOURS = 30 * 24;
const INSERT_CHUNK = 4_000;

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/**
 * Digital twins for the demo plant: sensors on three pumps, a compressor and a gearbox, their
 * current life of hourly readings so far (a month, or since their last repair), and one pump
 * already wearing out, so that once the twins run its risk rises and a predictive work order
 * opens within minutes.
 */
export async function seedPredictiveDemo(executor: Db, dataset: OrganizationDataset, now: Date): Promise<void> {
  const organizationId = dataset.organization.id;
  const clock = floorHour(now.getTime() - TWIN_LAG_MS);
  const repairedAt = lastRepairs(dataset);
  // The pump repaired longest ago wears out (a long, unbroken life of readings); the other twins
  // are the units repaired most recently, so their history says little about failing soon.
  const byRepair = (type: string) =>
    dataset.equipment
      .filter((row) => row.type === type && row.status !== 'RETIRED')
      .sort((a, b) => (repairedAt.get(a.id!) ?? 0) - (repairedAt.get(b.id!) ?? 0) || a.equipmentNumber.localeCompare(b.equipmentNumber));
  const pumps = byRepair('Pump');
  const wearing = pumps[0];
  const chosen = [
    ...(wearing ? [wearing] : []),
    ...Object.entries(TWINS_PER_TYPE).flatMap(([type, count]) =>
      byRepair(type)
        .filter((row) => row !== wearing)
        .reverse()
        .slice(0, type === 'Pump' ? count - 1 : count),
    ),
  ];
  const plans = chosen.map((row, index): { equipmentId: string; plan: TwinPlan } => {
    const profile = PROFILE_OF_TYPE[row.type]!;
    const seed = 1000 + index;
    const repaired = (repairedAt.get(row.id!) ?? 0) + HOUR_MS;
    if (row === wearing) {
      const failAt = clock + DEMO_FAILURE_AFTER_HOURS * HOUR_MS;
      const lifeStart = floorHour(Math.max(failAt - DEMO_LIFE_HOURS * HOUR_MS, repaired + HOUR_MS));
      return { equipmentId: row.id!, plan: { profile, seed, lifeStart: new Date(lifeStart), ...lifeEndingAt(profile, lifeStart, failAt) } };
    }
    const lifeStart = floorHour(Math.max(now.getTime() - BACKFILL_MS, repaired + HOUR_MS));
    const minimum = (now.getTime() - lifeStart) / HOUR_MS + HEALTHY_MARGIN_HOURS;
    return {
      equipmentId: row.id!,
      plan: { profile, seed, lifeStart: new Date(lifeStart), ...nextLife(profile, seed, lifeStart, minimum) },
    };
  });

  for (const { equipmentId, plan } of plans) {
    const sensorRows = twinSensors(plan.profile).map((sensor) => ({ id: randomUUID(), organizationId, equipmentId, ...sensor }));
    await executor.insert(sensors).values(sensorRows);
    const idOf = new Map(sensorRows.map((sensor) => [sensor.name, sensor.id]));
    const readings: ReadingRow[] = twinSamples(plan, plan.lifeStart.getTime() - 1, clock).flatMap((sample) =>
      Object.entries(sample.values).flatMap(([name, value]) => {
        const sensorId = idOf.get(name);
        return sensorId ? [{ sensorId, organizationId, time: new Date(sample.t * HOUR_MS), value }] : [];
      }),
    );
    for (let i = 0; i < readings.length; i += INSERT_CHUNK)
      await executor.insert(sensorReadings).values(readings.slice(i, i + INSERT_CHUNK));
    const rollups = hourlyRollups(readings);
    for (let i = 0; i < rollups.length; i += INSERT_CHUNK) await executor.insert(sensorRollups).values(rollups.slice(i, i + INSERT_CHUNK));
    await executor.insert(digitalTwins).values({
      equipmentId,
      organizationId,
      profile: plan.profile,
      seed: plan.seed,
      lifeStart: plan.lifeStart,
      degradationStart: plan.degradationStart,
      failAt: plan.failAt,
      clock: new Date(Math.max(clock, plan.lifeStart.getTime())),
    });
  }
}

/** When each piece of equipment was last repaired in the seeded history (its current life starts after). */
function lastRepairs(dataset: OrganizationDataset): Map<string, number> {
  const repaired = new Map<string, number>();
  for (const workOrder of dataset.workOrders) {
    if (workOrder.type !== 'CORRECTIVE' && workOrder.type !== 'EMERGENCY') continue;
    if (workOrder.status !== 'COMPLETED' && workOrder.status !== 'CLOSED') continue;
    const end = workOrder.actualEndTime?.getTime();
    if (end !== undefined && end > (repaired.get(workOrder.equipmentId) ?? 0)) repaired.set(workOrder.equipmentId, end);
  }
  return repaired;
}
