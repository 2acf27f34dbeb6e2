import { describe, expect, it } from 'vitest';
import { mean } from '../stats';
import { simulateDegradation, simulateRunToFailureFleet, wearAt } from './degradation';
import { DEMO_PROFILES } from './profiles';

const pump = DEMO_PROFILES.centrifugalPump;
const readings = (samples: { values: Record<string, number> }[], sensor: string) => samples.map((s) => s.values[sensor]!);

describe('degradation simulator', () => {
  it('the same seed gives the same readings; another seed other noise', () => {
    const options = { seed: 11, start: 0, step: 1, length: 200, failAt: 180 };
    expect(simulateDegradation(pump, options)).toEqual(simulateDegradation(pump, options));
    expect(simulateDegradation(pump, { ...options, seed: 12 })).not.toEqual(simulateDegradation(pump, options));
  });

  it('wear is 0 before onset, 1 at failAt, and bends later for a larger curvature', () => {
    expect(wearAt(100, 100, 200, 3)).toBe(0);
    expect(wearAt(200, 100, 200, 3)).toBeCloseTo(1, 12);
    expect(wearAt(150, 100, 200, 0)).toBeCloseTo(0.5, 12);
    expect(wearAt(150, 100, 200, 3)).toBeCloseTo(Math.expm1(1.5) / Math.expm1(3), 12);
    expect(wearAt(150, 100, 200, 3)).toBeLessThan(wearAt(150, 100, 200, 1));
  });

  it('a pump failing at hour 480 reads its failure levels there, within the daily swing and 4 noise σ (doubled by wear)', () => {
    const samples = simulateDegradation(pump, { seed: 3, start: 0, step: 0.5, length: 1000, degradationStart: 200, failAt: 480 });
    const atFailure = samples.find((s) => s.t === 480)!;
    const firstDay = samples.filter((s) => s.t < 24);
    for (const sensor of pump.sensors) {
      expect(Math.abs(atFailure.values[sensor.sensor]! - sensor.failure)).toBeLessThanOrEqual(sensor.dailySwing + 8 * sensor.noise);
      // Healthy at first: the day's mean sits at the healthy level (the swing averages out).
      expect(Math.abs(mean(readings(firstDay, sensor.sensor)) - sensor.healthy)).toBeLessThan(
        0.05 * Math.abs(sensor.failure - sensor.healthy),
      );
    }
    // Before the onset nothing has moved; discharge pressure falls as the impeller wears while vibration rises.
    expect(samples.find((s) => s.t === 200)!.values.vibration).toBeLessThan(1.8 + 0.15 + 4 * 0.12);
    expect(atFailure.values.dischargePressure).toBeLessThan(5.2);
    expect(atFailure.values.vibration).toBeGreaterThan(6.2);
  });

  it('without failAt the equipment stays healthy: the daily swing and noise only', () => {
    const samples = simulateDegradation(pump, { seed: 5, start: 1000, step: 1, length: 24 * 30 });
    const temperatures = readings(samples, 'bearingTemperature');
    expect(Math.abs(mean(temperatures) - 55)).toBeLessThan(0.3);
    expect(Math.max(...temperatures)).toBeLessThan(55 + 4 + 4 * 0.8);
    expect(samples[0]!.t).toBe(1000);
  });

  it('a fleet of 6 compressors: every unit ends in failure at its last sample, lives differ, same seed same fleet', () => {
    const fleet = simulateRunToFailureFleet(DEMO_PROFILES.airCompressor, { units: 6, seed: 2, step: 6 });
    expect(fleet).toHaveLength(6);
    for (const unit of fleet) expect(unit.failedAt).toBe(unit.samples[unit.samples.length - 1]!.t);
    expect(new Set(fleet.map((unit) => unit.failedAt)).size).toBe(6);
    expect(fleet.map((unit) => unit.unitId)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `air-compressor-${i}`));
    expect(simulateRunToFailureFleet(DEMO_PROFILES.airCompressor, { units: 6, seed: 2, step: 6 })).toEqual(fleet);
  });
});
