/**
 * A basic digital twin: sensor readings of one piece of equipment over time, healthy at first
 * (level + daily load swing + noise), then wearing after an onset along an exponential-shaped
 * curve that reaches each sensor's failure reading at `failAt`. Deterministic for a seed; times
 * are hours (any unit, as long as `step`, `failAt` and the profile agree).
 */
import type { SensorSample, Trajectory } from '../model';
import { createRandom, type Random } from '../random';
import type { EquipmentProfile } from './profiles';

export interface SimulationOptions {
  seed: number;
  /** Time of the first sample. */
  start: number;
  /** Time between samples. */
  step: number;
  /** Number of samples. */
  length: number;
  /** When wear starts to show; default: the profile's onset share of the way from start to failAt. */
  degradationStart?: number;
  /** When the equipment reaches its failure readings; without it the equipment stays healthy. */
  failAt?: number;
}

/** Share of the way from healthy to failed at time t: (e^{kτ} − 1)/(e^k − 1) with τ the share of the wear period elapsed. */
export function wearAt(t: number, onset: number, failAt: number, curvature: number): number {
  if (t <= onset || failAt <= onset) return 0;
  const tau = Math.min((t - onset) / (failAt - onset), 1.25);
  return curvature === 0 ? tau : Math.expm1(curvature * tau) / Math.expm1(curvature);
}

interface UnitTraits {
  /** Multiplies each sensor's healthy level (units differ a little as built). */
  offsets: number[];
  curvatureFactor: number;
  phase: number;
}

const NOMINAL: UnitTraits = { offsets: [], curvatureFactor: 1, phase: 0 };

function simulate(profile: EquipmentProfile, options: SimulationOptions, traits: UnitTraits, random: Random): SensorSample[] {
  const { start, step, length, failAt } = options;
  if (!(step > 0)) throw new RangeError('step must be positive');
  if (!Number.isInteger(length) || length < 0) throw new RangeError('length must be a non-negative integer');
  const onset = failAt === undefined ? Infinity : (options.degradationStart ?? start + profile.onsetShare * (failAt - start));
  const samples: SensorSample[] = [];
  for (let k = 0; k < length; k++) {
    const t = start + k * step;
    const load = Math.sin((2 * Math.PI * (t + traits.phase)) / profile.cyclePeriod);
    const values: Record<string, number> = {};
    profile.sensors.forEach((sensor, s) => {
      const healthy = sensor.healthy * (traits.offsets[s] ?? 1);
      const wear = failAt === undefined ? 0 : wearAt(t, onset, failAt, sensor.curvature * traits.curvatureFactor);
      const level = healthy + wear * (sensor.failure - healthy) + sensor.dailySwing * load;
      values[sensor.sensor] = level + sensor.noise * (1 + wear) * random.normal();
    });
    samples.push({ t, values });
  }
  return samples;
}

/** Readings of one unit built to the profile's nominal levels. */
export function simulateDegradation(profile: EquipmentProfile, options: SimulationOptions): SensorSample[] {
  return simulate(profile, options, NOMINAL, createRandom(options.seed));
}

export interface FleetOptions {
  units: number;
  seed: number;
  /** Hours between samples. */
  step: number;
}

/**
 * Run-to-failure histories of a fleet: lives drawn from the profile's Weibull distribution,
 * onsets around its onset share, and units that differ a little in healthy level and wear curve.
 */
export function simulateRunToFailureFleet(profile: EquipmentProfile, options: FleetOptions): Trajectory[] {
  const random = createRandom(options.seed);
  return Array.from({ length: options.units }, (_, u) => {
    const life = profile.lifeScale * Math.pow(-Math.log(1 - random.next()), 1 / profile.lifeShape);
    const onsetShare = Math.min(0.9, Math.max(0.2, profile.onsetShare + 0.15 * (random.next() * 2 - 1)));
    const traits: UnitTraits = {
      offsets: profile.sensors.map(() => 1 + 0.02 * random.normal()),
      curvatureFactor: 0.8 + 0.4 * random.next(),
      phase: random.next() * profile.cyclePeriod,
    };
    const length = Math.max(2, Math.floor(life / options.step) + 1);
    const failAt = (length - 1) * options.step;
    const samples = simulate(
      profile,
      { seed: 0, start: 0, step: options.step, length, failAt, degradationStart: onsetShare * failAt },
      traits,
      random,
    );
    return { unitId: `${profile.kind}-${u + 1}`, samples, failedAt: failAt };
  });
}
