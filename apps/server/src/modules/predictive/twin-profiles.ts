import {
  DEMO_PROFILES,
  type EquipmentProfile,
  type SensorSample,
  type Trajectory,
  simulateDegradation,
  simulateRunToFailureFleet,
} from '@msched/predict';

/**
 * The simulator's profiles as the demo plant uses them: which profile stands for which equipment
 * type, the sensors a twin gets, its lives, and its readings between two instants. Pure.
 */

export const HOUR_MS = 3_600_000;

export type ProfileKey = keyof typeof DEMO_PROFILES;

/** The demo plant's equipment types that have a simulated profile. */
export const PROFILE_OF_TYPE: Readonly<Record<string, ProfileKey>> = {
  Pump: 'centrifugalPump',
  Compressor: 'airCompressor',
  Gearbox: 'conveyorGearbox',
};

export function profileOf(key: string): EquipmentProfile {
  const profile = (DEMO_PROFILES as Record<string, EquipmentProfile>)[key];
  if (!profile) throw new Error(`no simulated profile ${key}`);
  return profile;
}

/** Run-to-failure histories of simulated units of the profile standing for `equipmentType` (hourly samples). */
export function simulatedFleet(equipmentType: string, units: number, seed: number): Trajectory[] {
  const key = PROFILE_OF_TYPE[equipmentType];
  return key ? simulateRunToFailureFleet(profileOf(key), { units, seed, step: 1 }) : [];
}

const round = (value: number) => Math.round(value * 100) / 100;

/** A twin's sensors: the profile's, with the healthy band (daily swing and three noise deviations) as the expected range. */
export function twinSensors(key: string): { name: string; unit: string; expectedMin: number; expectedMax: number }[] {
  return profileOf(key).sensors.map((sensor) => ({
    name: sensor.sensor,
    unit: sensor.unit,
    expectedMin: round(sensor.healthy - sensor.dailySwing - 3 * sensor.noise),
    expectedMax: round(sensor.healthy + sensor.dailySwing + 3 * sensor.noise),
  }));
}

export interface TwinPlan {
  profile: string;
  seed: number;
  lifeStart: Date;
  degradationStart: Date | null;
  failAt: Date | null;
}

/**
 * The twin's hourly samples after `afterMs` up to `untilMs` (times in hours since the epoch).
 * A life is one deterministic simulation from its start, so any slice of it is the same
 * whenever it is asked for; a failed unit sends nothing more.
 */
export function twinSamples(plan: TwinPlan, afterMs: number, untilMs: number): SensorSample[] {
  const start = plan.lifeStart.getTime();
  const end = Math.min(untilMs, plan.failAt?.getTime() ?? Number.POSITIVE_INFINITY);
  if (end <= afterMs || end < start) return [];
  const samples = simulateDegradation(profileOf(plan.profile), {
    seed: plan.seed,
    start: start / HOUR_MS,
    step: 1,
    length: Math.floor((end - start) / HOUR_MS) + 1,
    ...(plan.degradationStart ? { degradationStart: plan.degradationStart.getTime() / HOUR_MS } : {}),
    ...(plan.failAt ? { failAt: plan.failAt.getTime() / HOUR_MS } : {}),
  });
  return samples.filter((sample) => sample.t * HOUR_MS > afterMs);
}

/** A reproducible number in [0, 1) for (seed, k). */
function uniform(seed: number, k: number): number {
  return ((Math.imul(seed ^ Math.imul(k, 0x9e3779b1), 2654435761) >>> 0) % 1_000_003) / 1_000_003;
}

/**
 * A life drawn from the profile's Weibull life distribution, from `lifeStartMs`, at least
 * `minHours` long; wear shows after the profile's onset share of it.
 */
export function nextLife(key: string, seed: number, lifeStartMs: number, minHours = 0): { degradationStart: Date; failAt: Date } {
  const profile = profileOf(key);
  const drawn = profile.lifeScale * Math.pow(-Math.log(1 - uniform(seed, 1)), 1 / profile.lifeShape);
  const hours = Math.round(Math.max(minHours, Math.min(2 * profile.lifeScale, Math.max(0.5 * profile.lifeScale, drawn))));
  return {
    degradationStart: new Date(lifeStartMs + Math.round(profile.onsetShare * hours) * HOUR_MS),
    failAt: new Date(lifeStartMs + hours * HOUR_MS),
  };
}

/** A life that ends at `failAtMs`, with the profile's onset share of it healthy. */
export function lifeEndingAt(key: string, lifeStartMs: number, failAtMs: number): { degradationStart: Date; failAt: Date } {
  const hours = Math.round((failAtMs - lifeStartMs) / HOUR_MS);
  return {
    degradationStart: new Date(lifeStartMs + Math.round(profileOf(key).onsetShare * hours) * HOUR_MS),
    failAt: new Date(failAtMs),
  };
}
