import { failureProbability } from '@msched/predict';
import { describe, expect, it } from 'vitest';
import { type Assessment, riskOf, triggerOf } from './risk';

const NOW = new Date(Date.UTC(2026, 10, 29, 8));
const HOUR = 3_600_000;
const SETTINGS = { leadHours: 72, riskThreshold: 0.5 };
const FIT = {
  shape: 2,
  scale: 1000,
  shapeBounds: [1.5, 2.6] as [number, number],
  scaleBounds: [800, 1250] as [number, number],
  confidenceLevel: 0.9,
  failures: 6,
  censored: 3,
};

function pump(overrides: Partial<Assessment> = {}): Assessment {
  return {
    equipmentId: 'pump-7',
    organizationId: 'org',
    equipmentType: 'Pump',
    rul: null,
    failure: null,
    anomaly: null,
    model: null,
    asOf: NOW,
    ...overrides,
  };
}

const rul = (lower: number, estimate = lower + 30) => ({
  estimate,
  lower,
  upper: estimate + 30,
  unit: 'hours',
  confidence: 70,
  drivers: [],
});
const failure = (probability: number, ageHours = 500) => ({
  probability,
  horizonDays: 30,
  ageHours,
  fit: FIT,
  source: 'equipmentType' as const,
});

describe('riskOf', () => {
  it('is 100 exactly when a signal reaches its trigger, and scales below it', () => {
    expect(riskOf(pump({ rul: rul(72) }), SETTINGS)).toBe(100);
    expect(riskOf(pump({ rul: rul(144) }), SETTINGS)).toBe(50);
    expect(riskOf(pump({ failure: failure(0.5) }), SETTINGS)).toBe(100);
    expect(riskOf(pump({ failure: failure(0.1) }), SETTINGS)).toBe(20);
    expect(riskOf(pump({ rul: rul(144), failure: failure(0.4) }), SETTINGS)).toBe(80);
  });

  it('counts the anomaly score only where no RUL model answers', () => {
    expect(riskOf(pump({ anomaly: { score: 90, drivers: [] } }), SETTINGS)).toBe(90);
    expect(riskOf(pump({ anomaly: { score: 90, drivers: [] }, rul: rul(288) }), SETTINGS)).toBe(25);
    expect(riskOf(pump(), SETTINGS)).toBe(0);
  });
});

describe('triggerOf', () => {
  it('a pump whose RUL lower bound is inside the lead time: due at that bound, HIGH', () => {
    expect(triggerOf(pump({ rul: rul(50) }), SETTINGS, NOW)).toEqual({
      reason: 'rul',
      dueAt: new Date(NOW.getTime() + 50 * HOUR),
      priority: 'HIGH',
    });
  });

  it('within a day: CRITICAL, and never due before an hour from now', () => {
    expect(triggerOf(pump({ rul: rul(0) }), SETTINGS, NOW)).toEqual({
      reason: 'rul',
      dueAt: new Date(NOW.getTime() + HOUR),
      priority: 'CRITICAL',
    });
  });

  it('a likely failure within the horizon: due when the chance of failing reaches 10 %', () => {
    const trigger = triggerOf(pump({ rul: rul(200), failure: failure(0.6) }), SETTINGS, NOW)!;
    expect(trigger.reason).toBe('probability');
    expect(trigger.priority).toBe('MEDIUM');
    const hours = (trigger.dueAt.getTime() - NOW.getTime()) / HOUR;
    expect(failureProbability(FIT, 500, hours)).toBeCloseTo(0.1, 6);
  });

  it('nothing below both thresholds, whatever the anomaly score', () => {
    expect(triggerOf(pump({ rul: rul(73), failure: failure(0.49), anomaly: { score: 100, drivers: [] } }), SETTINGS, NOW)).toBeNull();
  });
});
