import { describe, expect, it } from 'vitest';
import type { RulTrainingOptions, SensorSample, Trajectory } from '../model';
import { simulateRunToFailureFleet } from '../simulate/degradation';
import { DEMO_PROFILES } from '../simulate/profiles';
import { predictRul } from './predict';
import { trainRulModel } from './train';

/** A plant model for centrifugal pumps: 30 simulated pumps run to failure, a reading every 12 h. */
const pump = DEMO_PROFILES.centrifugalPump;
const sensors = pump.sensors.map((s) => s.sensor);
const options: RulTrainingOptions = { sensors, cap: 600, window: 12, unit: 'hours', seed: 4, boosting: { trees: 100 } };
const fleet = simulateRunToFailureFleet(pump, { units: 30, seed: 1, step: 12 });
const model = trainRulModel(fleet, options);
/** Ten pumps the model never saw. */
const unseen = simulateRunToFailureFleet(pump, { units: 10, seed: 99, step: 12 });
const historyUntil = (unit: Trajectory, remaining: number): SensorSample[] =>
  unit.samples.slice(0, unit.samples.findIndex((s) => unit.failedAt! - s.t <= remaining) + 1);

describe('remaining useful life on simulated pumps', () => {
  it('estimates ten unseen pumps within 12 % of the 600 h cap on average at 24 … 480 h before failure, and within 45 h at 24 h', () => {
    const errors: number[] = [];
    for (const unit of unseen)
      for (const remaining of [24, 120, 240, 480]) {
        const history = historyUntil(unit, remaining);
        const truth = unit.failedAt! - history[history.length - 1]!.t;
        const prediction = predictRul(model, history);
        errors.push(Math.abs(prediction.estimate - truth));
        if (remaining === 24) expect(Math.abs(prediction.estimate - truth)).toBeLessThan(45);
      }
    expect(errors.reduce((sum, e) => sum + e, 0) / errors.length).toBeLessThan(0.12 * 600);
  });

  it('near failure the interval holds the estimate within [0, cap], vibration leads the drivers and pulls the estimate down', () => {
    const prediction = predictRul(model, historyUntil(unseen[0]!, 24));
    expect(prediction.unit).toBe('hours');
    expect(prediction.lower).toBeGreaterThanOrEqual(0);
    expect(prediction.lower).toBeLessThanOrEqual(prediction.estimate);
    expect(prediction.upper).toBeGreaterThanOrEqual(prediction.estimate);
    expect(prediction.upper).toBeLessThanOrEqual(600);
    expect(prediction.drivers.length).toBeLessThanOrEqual(5);
    expect(prediction.drivers[0]).toMatchObject({ sensor: 'vibration' });
    expect(prediction.drivers[0]!.contribution).toBeLessThan(0);
    const magnitudes = prediction.drivers.map((d) => Math.abs(d.contribution));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
  });

  it('one sample is enough: a brand-new pump is healthy, its estimate far from failure', () => {
    const prediction = predictRul(model, unseen[1]!.samples.slice(0, 1));
    expect(prediction.estimate).toBeGreaterThan(550);
    expect(prediction.lower).toBeLessThanOrEqual(prediction.estimate);
    expect(prediction.confidence).toBeGreaterThanOrEqual(0);
    expect(prediction.confidence).toBeLessThanOrEqual(100);
  });

  it('confidence drops when vibration reads 50 mm/s, far beyond anything in training, and when a sensor never reports', () => {
    const history = historyUntil(unseen[2]!, 120);
    const base = predictRul(model, history).confidence;
    const wild = history.map((s, i) => (i === history.length - 1 ? { t: s.t, values: { ...s.values, vibration: 50 } } : s));
    expect(predictRul(model, wild).confidence).toBeLessThan(base / 2);
    const noCurrent = history.map((s) => ({
      t: s.t,
      values: Object.fromEntries(Object.entries(s.values).filter(([key]) => key !== 'motorCurrent')),
    }));
    expect(predictRul(model, noCurrent).confidence).toBeLessThanOrEqual(Math.round(0.75 * 100));
  });

  it('records the calibration: 6 of 30 pumps held out, coverage between 0 and 1, options with defaults filled in', () => {
    expect(model.evaluation!.units).toBe(6);
    expect(model.evaluation!.intervalCoverage).toBeGreaterThan(0.6);
    expect(model.options).toEqual({ sensors, cap: 600, window: 12, calibrationShare: 0.2, coverage: 0.9, seed: 4, unit: 'hours' });
    expect(model.trainedOn).toEqual({ units: 30, samples: fleet.reduce((sum, unit) => sum + unit.samples.length, 0) });
    expect(model.version).toMatch(/^1\.0\.0\+[0-9a-f]{16}$/);
  });

  it('is deterministic: the same seed gives the same model and version, another seed another version', () => {
    const small = fleet.slice(0, 8);
    const quick: RulTrainingOptions = { ...options, boosting: { trees: 10 } };
    expect(trainRulModel(small, quick)).toEqual(trainRulModel(small, quick));
    expect(trainRulModel(small, { ...quick, seed: 5 }).version).not.toBe(trainRulModel(small, quick).version);
  });

  it('refuses what it cannot learn from: no run-to-failure unit, one unit with calibration, an empty history', () => {
    const censored = fleet.slice(0, 3).map(({ failedAt: _failedAt, ...unit }) => unit);
    expect(() => trainRulModel(censored, options)).toThrow(RangeError);
    expect(() => trainRulModel(fleet.slice(0, 1), options)).toThrow(/two run-to-failure/);
    expect(() => trainRulModel(fleet, { ...options, sensors: [] })).toThrow(RangeError);
    expect(() => predictRul(model, [])).toThrow(RangeError);
  });
});
