import { describe, expect, it } from 'vitest';
import type { Trajectory } from '../model';
import { featureNames, writeFeatures } from './features';
import { fitNormalizer, normalizeHistory, regimeOf } from './normalize';

const series = (x: number[]) => ({ t: Float64Array.from(x, (_, i) => i), values: [Float64Array.from(x)], observed: [true] });
const featuresAt = (x: number[], window: number, index: number) => {
  const out = new Float64Array(8);
  writeFeatures(series(x), window, [index], { out, featureStride: 1, rowStride: 8, offset: 0 });
  return Object.fromEntries(featureNames(['s']).map((name, f) => [name, out[f]]));
};

describe('windowed features', () => {
  it('a sensor climbing 2 per cycle (1, 3, 5, 7, 9), window 3, at the last cycle', () => {
    const features = featuresAt([1, 3, 5, 7, 9], 3, 4);
    expect(features).toEqual({
      's.last': 9,
      's.mean': 7,
      's.std': Math.sqrt(8 / 3),
      's.slope': 2,
      // α = 2/(3+1): 1 → 2 → 3.5 → 5.25 → 7.125
      's.ewma': 7.125,
      // rolling mean 7 − the first three cycles' mean 3
      's.drift': 4,
      's.trend': 2,
      age: 4,
    });
  });

  it('a history shorter than the window uses what it has: two cycles give mean 2, std 1, no drift yet', () => {
    expect(featuresAt([1, 3, 5, 7, 9], 3, 1)).toEqual({
      's.last': 3,
      's.mean': 2,
      's.std': 1,
      's.slope': 2,
      's.ewma': 2,
      's.drift': 0,
      's.trend': 2,
      age: 1,
    });
    expect(featuresAt([1], 30, 0)).toEqual({
      's.last': 1,
      's.mean': 1,
      's.std': 0,
      's.slope': 0,
      's.ewma': 1,
      's.drift': 0,
      's.trend': 0,
      age: 0,
    });
  });
});

describe('per-regime normalisation', () => {
  // Exhaust temperature runs about 100 at sea level and 200 at altitude 10.
  const trajectories: Trajectory[] = [
    {
      unitId: 'engine-1',
      samples: [
        { t: 1, values: { altitude: 0, temperature: 99 } },
        { t: 2, values: { altitude: 10, temperature: 198 } },
        { t: 3, values: { altitude: 0, temperature: 101 } },
        { t: 4, values: { altitude: 10, temperature: 202 } },
      ],
      regimes: [0, 1, 0, 1],
      failedAt: 4,
    },
  ];
  const normalizer = fitNormalizer(trajectories, ['temperature'], ['altitude']);

  it('101 at sea level and 202 at altitude are both one standard deviation above their regime', () => {
    const normalized = normalizeHistory(normalizer, [
      { t: 5, values: { altitude: 0.2, temperature: 101 } },
      { t: 6, values: { altitude: 9.7, temperature: 202 } },
      { t: 7, values: { altitude: 10, temperature: 201 } },
    ]);
    expect(Array.from(normalized.values[0]!)).toEqual([1, 1, 0.5]);
  });

  it('assigns a sample to the nearest regime centroid; a missing reading repeats the last one', () => {
    expect(regimeOf(normalizer, { t: 0, values: { altitude: 6 } })).toBe(1);
    expect(regimeOf(normalizer, { t: 0, values: { altitude: 4 } })).toBe(0);
    const normalized = normalizeHistory(normalizer, [
      { t: 1, values: { altitude: 0 } },
      { t: 2, values: { altitude: 0, temperature: 102 } },
      { t: 3, values: { altitude: 0 } },
    ]);
    expect(Array.from(normalized.values[0]!)).toEqual([0, 2, 2]);
  });

  it('without regime labels there is one regime: plain standardisation', () => {
    const single = fitNormalizer([{ ...trajectories[0]!, regimes: undefined }], ['temperature'], ['altitude']);
    expect(single.centroids).toEqual([]);
    expect(single.means[0]![0]).toBe(150);
  });
});
