import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conformalInterval, conformalOffsets, conformalQuantile, fitConformal } from './conformal';

const coverageArbitrary = fc.integer({ min: 5, max: 95 }).map((percent) => percent / 100);
const scoresArbitrary = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 2, maxLength: 80 });
const without = (values: number[], i: number) => values.filter((_, j) => j !== i);

describe('split-conformal intervals', () => {
  it('the quantile is the ⌈(n + 1)·level⌉-th smallest score: 9 scores at 0.9 → the 9th; at 0.95 → unbounded', () => {
    const scores = [5, 1, 9, 3, 7, 2, 8, 4, 6];
    expect(conformalQuantile(scores, 0.9)).toBe(9);
    expect(conformalQuantile(scores, 0.5)).toBe(5);
    expect(conformalQuantile(scores, 0.95)).toBeNull();
  });

  it('property: leaving each point out in turn, at least coverage × (n + 1) points fall at or below the others’ quantile', () => {
    fc.assert(
      fc.property(scoresArbitrary, coverageArbitrary, (scores, coverage) => {
        const covered = scores.filter((score, i) => {
          const q = conformalQuantile(without(scores, i), coverage);
          return q === null || score <= q;
        }).length;
        expect(covered).toBeGreaterThanOrEqual(coverage * scores.length - 1e-9);
      }),
    );
  });

  it('property: two-sided offsets from signed residuals cover at least coverage of the points left out in turn', () => {
    fc.assert(
      fc.property(scoresArbitrary, coverageArbitrary, (residuals, coverage) => {
        const covered = residuals.filter((residual, i) => {
          const [low, high] = conformalOffsets(without(residuals, i), coverage);
          return (low === null || residual >= low) && (high === null || residual <= high);
        }).length;
        expect(covered).toBeGreaterThanOrEqual(coverage * residuals.length - 1e-9);
      }),
    );
  });

  it('errors that grow with the estimate get a wider interval far from failure than near it', () => {
    const predictions = Array.from({ length: 200 }, (_, i) => i / 2);
    const residuals = predictions.map((p, i) => (i % 2 === 0 ? 1 : -1) * (0.1 * p) * ((i % 7) / 7));
    const conformal = fitConformal(predictions, residuals, 0.9);
    expect(conformal.edges).toHaveLength(3);
    const near = conformalInterval(conformal, 10, 0, 125);
    const far = conformalInterval(conformal, 90, 0, 125);
    expect(far[1] - far[0]).toBeGreaterThan(3 * (near[1] - near[0]));
  });

  it('clips the interval to [0, cap] and keeps the estimate inside; an unbounded side reaches the limit', () => {
    const conformal = { coverage: 0.9, edges: [], lower: [-20], upper: [null] };
    expect(conformalInterval(conformal, 10, 0, 125)).toEqual([0, 125]);
    expect(conformalInterval({ ...conformal, lower: [5], upper: [-5] }, 50, 0, 125)).toEqual([50, 50]);
  });
});
