import { describe, expect, it } from 'vitest';
import type { LifeRecord, WeibullFit } from '../model';
import { reliabilityStats } from './stats';
import { failureProbability, fitWeibull } from './weibull';

const failed = (duration: number): LifeRecord => ({ duration, failed: true });
const running = (duration: number): LifeRecord => ({ duration, failed: false });

/** Weibull log-likelihood with right-censoring, written out independently of the fit. */
function logLikelihood(lives: LifeRecord[], shape: number, scale: number): number {
  return lives.reduce((sum, { duration: t, failed: isFailure }) => {
    const z = Math.pow(t / scale, shape);
    return sum - z + (isFailure ? Math.log(shape / scale) + (shape - 1) * Math.log(t / scale) : 0);
  }, 0);
}

describe('fitWeibull', () => {
  it('two failures at 1 and e: the profile equation is logistic(β) = 1/2 + 1/β, so β = 2.399357, η = ((1 + e^β)/2)^(1/β) = 2.111345', () => {
    const fit = fitWeibull([failed(1), failed(Math.E)])!;
    expect(fit.shape).toBeCloseTo(2.399357280515467, 9);
    expect(fit.scale).toBeCloseTo(2.111344648570565, 9);
    expect(fit).toMatchObject({ failures: 2, censored: 0, confidenceLevel: 0.9 });
  });

  it('with three pumps still running, matches a brute-force maximisation of the censored likelihood', () => {
    const lives = [failed(410), failed(1200), failed(830), failed(1650), running(900), running(1500), running(2000)];
    const fit = fitWeibull(lives)!;
    let best = { shape: 0, scale: 0, value: -Infinity };
    for (let shape = 1; shape <= 3; shape += 0.002)
      for (let scale = 1500; scale <= 3500; scale += 2) {
        const value = logLikelihood(lives, shape, scale);
        if (value > best.value) best = { shape, scale, value };
      }
    expect(Math.abs(fit.shape - best.shape)).toBeLessThan(0.004);
    expect(Math.abs(fit.scale - best.scale)).toBeLessThan(4);
    expect(logLikelihood(lives, fit.shape, fit.scale)).toBeGreaterThanOrEqual(best.value - 1e-9);
    expect(fit.censored).toBe(3);
  });

  it('bounds are z·√(inverse observed information) on the log scale, checked against finite differences', () => {
    const lives = [failed(410), failed(1200), failed(830), failed(1650), running(900), running(1500)];
    const fit = fitWeibull(lives, 0.95)!;
    const ll = (u: number, v: number) => logLikelihood(lives, Math.exp(u), Math.exp(v));
    const [u, v, h] = [Math.log(fit.shape), Math.log(fit.scale), 1e-4];
    const huu = (ll(u + h, v) - 2 * ll(u, v) + ll(u - h, v)) / (h * h);
    const hvv = (ll(u, v + h) - 2 * ll(u, v) + ll(u, v - h)) / (h * h);
    const huv = (ll(u + h, v + h) - ll(u + h, v - h) - ll(u - h, v + h) + ll(u - h, v - h)) / (4 * h * h);
    const determinant = huu * hvv - huv * huv;
    const z = 1.959963984540054;
    expect(fit.shapeBounds[1]).toBeCloseTo(fit.shape * Math.exp(z * Math.sqrt(-hvv / determinant)), 3);
    expect(fit.scaleBounds[0]).toBeCloseTo(fit.scale * Math.exp(-z * Math.sqrt(-huu / determinant)), 0);
    expect(fit.shapeBounds[0] * fit.shapeBounds[1]).toBeCloseTo(fit.shape ** 2, 9);
  });

  it('recovers shape 2 and scale 1000 from 400 lives at the exact quantiles, with bounds that hold them', () => {
    const lives = Array.from({ length: 400 }, (_, i) => failed(1000 * Math.pow(-Math.log(1 - (i + 0.5) / 400), 1 / 2)));
    const fit = fitWeibull(lives)!;
    expect(fit.shape).toBeGreaterThan(1.95);
    expect(fit.shape).toBeLessThan(2.05);
    expect(Math.abs(fit.scale - 1000)).toBeLessThan(10);
    expect(fit.shapeBounds[0]).toBeLessThan(2);
    expect(fit.shapeBounds[1]).toBeGreaterThan(2);
  });

  it('is null with fewer than two failures, or when every failure happened at one age and nothing ran longer', () => {
    expect(fitWeibull([failed(100), running(300), running(50)])).toBeNull();
    expect(fitWeibull([])).toBeNull();
    expect(fitWeibull([failed(100), failed(100), running(40)])).toBeNull();
  });
});

describe('failureProbability', () => {
  const weibull = (shape: number, scale: number): WeibullFit => ({
    shape,
    scale,
    shapeBounds: [shape, shape],
    scaleBounds: [scale, scale],
    confidenceLevel: 0.9,
    failures: 2,
    censored: 0,
  });

  it('shape 2, scale 100, a pump aged 50 over the next 50: 1 − exp(0.25 − 1) = 0.527633', () => {
    expect(failureProbability(weibull(2, 100), 50, 50)).toBeCloseTo(0.5276334472589853, 12);
  });

  it('shape 1 is memoryless: the risk over 10 is 1 − e^(−0.1) at any age', () => {
    expect(failureProbability(weibull(1, 100), 0, 10)).toBeCloseTo(1 - Math.exp(-0.1), 12);
    expect(failureProbability(weibull(1, 100), 500, 10)).toBeCloseTo(1 - Math.exp(-0.1), 12);
    expect(failureProbability(weibull(1, 100), 500, 0)).toBe(0);
  });
});

describe('reliabilityStats', () => {
  it('a conveyor: lives 400, 600 and 500 failed plus 300 still running, repairs of 2, 4 and 6 h → MTBF 600, MTTR 4', () => {
    const stats = reliabilityStats(
      [failed(400), failed(600), failed(500), running(300)],
      [{ duration: 2 }, { duration: 4 }, { duration: 6 }],
    );
    expect(stats.mtbf).toBe(600); // (400 + 600 + 500 + 300) ÷ 3
    expect(stats.mttr).toBe(4);
    expect(stats.failures).toBe(3);
    expect(stats.weibull).toMatchObject({ failures: 3, censored: 1 });
  });

  it('no failures and no repairs: MTBF and MTTR are null, not infinite', () => {
    expect(reliabilityStats([running(1000)], [])).toEqual({ mtbf: null, mttr: null, failures: 0, weibull: null });
  });
});
