import { describe, expect, it } from 'vitest';
import { simulateDegradation } from '../simulate/degradation';
import { DEMO_PROFILES } from '../simulate/profiles';
import { fitAnomalyBaseline, scoreAnomaly } from './baseline';

const pump = DEMO_PROFILES.centrifugalPump;
const sensors = pump.sensors.map((s) => s.sensor);
/** Two healthy weeks of hourly readings: the pump's own baseline. */
const healthy = simulateDegradation(pump, { seed: 21, start: 0, step: 1, length: 24 * 14 });
const baseline = fitAnomalyBaseline(healthy, sensors);

describe('anomaly baseline', () => {
  it('scores the baseline readings themselves 0, six hours at a time', () => {
    const scores = [];
    for (let end = 6; end <= healthy.length; end += 6) scores.push(scoreAnomaly(baseline, healthy.slice(end - 6, end)).score);
    expect(scores.filter((score) => score === 0).length).toBe(scores.length);
  });

  it('fresh healthy readings from another day score below 10', () => {
    const later = simulateDegradation(pump, { seed: 22, start: 24 * 20, step: 1, length: 48 });
    for (let end = 6; end <= later.length; end += 6) expect(scoreAnomaly(baseline, later.slice(end - 6, end)).score).toBeLessThan(10);
  });

  it('vibration at 4.5 mm/s (ISO alarm) scores above 90 and vibration is the first driver', () => {
    const shifted = healthy.slice(0, 6).map((s) => ({ t: s.t, values: { ...s.values, vibration: 4.5 } }));
    const result = scoreAnomaly(baseline, shifted);
    expect(result.score).toBeGreaterThan(90);
    expect(result.drivers[0]!.sensor).toBe('vibration');
    expect(result.drivers.reduce((sum, d) => sum + d.contribution, 0)).toBeCloseTo(result.score, 6);
  });

  it('a load peak that raises current and temperature together scores lower than current alone', () => {
    const peak = { t: 0, values: { vibration: 1.8, bearingTemperature: 55 + 4, dischargePressure: 6.2 + 0.25, motorCurrent: 42 + 3 } };
    const broken = { t: 0, values: { ...peak.values, bearingTemperature: 55 - 4, dischargePressure: 6.2 - 0.25 } };
    expect(scoreAnomaly(baseline, [peak]).score).toBeLessThan(scoreAnomaly(baseline, [broken]).score);
  });

  it('the score maps distance to 0 / 50 / 75 at 1×, 2×, 3× the 99th percentile of healthy distances', () => {
    const body = baseline.body as { medians: number[]; scales: number[]; reference: number; precision: number[][] };
    const single = fitAnomalyBaseline(healthy, ['vibration']);
    const ref = (single.body as typeof body).reference;
    const { medians, scales } = single.body as typeof body;
    const at = (multiple: number) =>
      scoreAnomaly(single, [{ t: 0, values: { vibration: medians[0]! + multiple * ref * scales[0]! } }]).score;
    expect(at(1)).toBeCloseTo(0, 9);
    expect(at(2)).toBeCloseTo(50, 9);
    expect(at(3)).toBeCloseTo(75, 9);
    expect(body.reference).toBeGreaterThan(0);
  });

  it('a missing sensor counts as typical; an empty window is refused', () => {
    expect(scoreAnomaly(baseline, [{ t: 0, values: { vibration: 1.8 } }]).score).toBe(0);
    expect(() => scoreAnomaly(baseline, [])).toThrow(RangeError);
  });
});
