import { describe, expect, it } from 'vitest';
import { confidenceMeaning, formatProbability, formatRul, intervalGeometry, riskLevel } from './health-format';

describe('health figures in words', () => {
  it('places the interval and estimate on a track from zero', () => {
    expect(intervalGeometry({ estimate: 50, lower: 25, upper: 75, unit: 'h' }, 100)).toEqual({
      lowerPercent: 25,
      upperPercent: 75,
      estimatePercent: 50,
      max: 100,
    });
    // Beyond the track's end (a shared table scale): pinned to its edge.
    expect(intervalGeometry({ estimate: 150, lower: 120, upper: 300, unit: 'h' }, 200).upperPercent).toBe(100);
  });

  it('rounds like a planner reads', () => {
    expect(formatRul({ estimate: 4.46, unit: 'h' })).toBe('4.5 h');
    expect(formatRul({ estimate: 412.6, unit: 'h' })).toBe('413 h');
    expect(formatProbability(0.0734)).toBe('7.3 %');
    expect(formatProbability(0.34)).toBe('34 %');
    expect(formatProbability(0)).toBe('0 %');
  });

  it('names the risk level, 100 meaning a work order is due', () => {
    expect([100, 86, 40, 39].map((risk) => riskLevel(risk).label)).toEqual(['Action due', 'High', 'Elevated', 'Low']);
  });

  it('advises by confidence band', () => {
    expect(confidenceMeaning(85)).toMatch(/\(high\).*can be planned on/);
    expect(confidenceMeaning(50)).toMatch(/\(moderate\).*lower end of the interval/);
    expect(confidenceMeaning(12)).toMatch(/\(low\).*inspect the equipment/);
  });
});
