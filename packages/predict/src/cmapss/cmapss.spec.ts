import { describe, expect, it } from 'vitest';
import { truncateUnit } from '../evaluation/rul-cv';
import { mae, phm08Score, rmse } from '../metrics';
import { createRandom } from '../random';
import { CMAPSS_SENSORS, informativeSensors, parseCmapss, parseRulFile } from './parse';

/** A C-MAPSS row: unit, cycle, three settings, 21 sensors (s1 = 500 + cycle, s2 constant 7, the rest 1), trailing spaces as in the files. */
const row = (unit: number, cycle: number, settings: [number, number, number]) =>
  [unit, cycle, ...settings, 500 + cycle, 7, ...new Array(19).fill(1)].join(' ') + '  ';

describe('C-MAPSS files', () => {
  it('reads two engines of one regime: run to failure at their last cycle, no regime labels', () => {
    const text = [row(1, 1, [0.0023, -0.0003, 100]), row(1, 2, [-0.0011, 0.0002, 100]), row(2, 1, [0, 0, 100]), ''].join('\n');
    const engines = parseCmapss(text);
    expect(engines.map((e) => [e.unitId, e.samples.length, e.failedAt, e.regimes])).toEqual([
      ['1', 2, 2, undefined],
      ['2', 1, 1, undefined],
    ]);
    expect(engines[0]!.samples[1]).toEqual({
      t: 2,
      values: expect.objectContaining({ setting1: -0.0011, setting3: 100, s1: 502, s21: 1 }),
    });
    expect(Object.keys(engines[0]!.samples[0]!.values)).toHaveLength(24);
  });

  it('labels regimes by the rounded settings (42, 0.84, 100 and 25, 0.62, 60), and test files are not run to failure', () => {
    const text = [row(1, 1, [42.0049, 0.8405, 100]), row(1, 2, [25.0012, 0.6198, 60]), row(1, 3, [41.9981, 0.8401, 100])].join('\n');
    const [engine] = parseCmapss(text, { runToFailure: false });
    expect(engine!.regimes).toEqual([1, 0, 1]);
    expect(engine!.failedAt).toBeUndefined();
  });

  it('refuses a short row, naming its line; reads an RUL file', () => {
    expect(() => parseCmapss(`${row(1, 1, [0, 0, 100])}\n1 2 3`)).toThrow(/line 2/);
    expect(parseRulFile('112\n98 \n69\n')).toEqual([112, 98, 69]);
  });

  it('keeps the sensors that vary: s1 moves, s2 and s3 … s21 are constant', () => {
    const engines = parseCmapss([row(1, 1, [0, 0, 100]), row(1, 2, [0, 0, 100])].join('\n'));
    expect(informativeSensors(engines, CMAPSS_SENSORS)).toEqual(['s1']);
  });
});

describe('RUL metrics', () => {
  it('errors of −13 and +10 cycles: RMSE 11.60, MAE 11.5, PHM08 (e − 1) + (e − 1) = 3.4366', () => {
    expect(rmse([87, 110], [100, 100])).toBeCloseTo(Math.sqrt((169 + 100) / 2), 12);
    expect(mae([87, 110], [100, 100])).toBe(11.5);
    expect(phm08Score([87, 110], [100, 100])).toBeCloseTo(2 * (Math.E - 1), 12);
  });

  it('PHM08 punishes a late estimate more than an early one of the same size', () => {
    expect(phm08Score([120], [100])).toBeGreaterThan(phm08Score([80], [100]));
  });
});

describe('truncation protocol', () => {
  it('cuts a 200-cycle engine at a true RUL of 1 … 150, so 50 or more cycles stay observed', () => {
    const samples = Array.from({ length: 200 }, (_, i) => ({ t: i + 1, values: {} }));
    const random = createRandom(1);
    const points = truncateUnit({ unitId: '1', samples, failedAt: 200 }, random.next, {
      seed: 1,
      draws: 500,
      minObserved: 31,
      maxRul: 150,
    });
    expect(points).toHaveLength(500);
    for (const point of points) {
      expect(point.observed).toBeGreaterThanOrEqual(50);
      expect(point.trueRul).toBe(200 - point.observed);
    }
    expect(Math.min(...points.map((p) => p.trueRul))).toBe(1);
    expect(Math.max(...points.map((p) => p.trueRul))).toBe(150);
  });

  it('a 40-cycle engine keeps 31 observed at most 9 cycles before failure', () => {
    const samples = Array.from({ length: 40 }, (_, i) => ({ t: i + 1, values: {} }));
    const points = truncateUnit({ unitId: '1', samples, failedAt: 40 }, createRandom(2).next, {
      seed: 2,
      draws: 200,
      minObserved: 31,
      maxRul: 150,
    });
    expect(Math.max(...points.map((p) => p.trueRul))).toBe(9);
  });
});
