import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { binMatrix, binOf } from './binning';
import { DEFAULT_BOOSTING, sigmoid, trainGbt } from './boosting';
import { compileGbt, predictRaw, predictWithContributions } from './compiled';

const column = (values: number[]) => Float64Array.from(values);

describe('histogram binning', () => {
  it('gives each of five distinct values its own bin, cut halfway between neighbours', () => {
    const binned = binMatrix({ rows: 6, columns: [column([1, 2, 2, 3, 5, 8])] });
    expect(Array.from(binned.edges[0]!)).toEqual([1.5, 2.5, 4, 6.5]);
    expect(Array.from(binned.bins)).toEqual([0, 1, 1, 2, 3, 4]);
    expect(binOf(binned.edges[0]!, 100)).toBe(4);
  });

  it('caps a continuous feature at maxBins bins of near-equal counts', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const binned = binMatrix({ rows: 1000, columns: [column(values)] }, 10);
    const counts = new Array<number>(10).fill(0);
    for (const b of binned.bins) counts[b]!++;
    expect(counts).toEqual(new Array(10).fill(100));
  });
});

describe('gradient-boosted trees', () => {
  it('learns a step of 10 at x = 5 exactly: one stump per round, the residual halves each time', () => {
    const x = Array.from({ length: 11 }, (_, i) => i);
    const y = x.map((v) => (v > 5 ? 10 : 0));
    const model = trainGbt({ rows: 11, columns: [column(x)] }, y, 'squared', {
      ...DEFAULT_BOOSTING,
      trees: 40,
      learningRate: 0.5,
      lambda: 0,
      minLeafRows: 1,
      rowSample: 1,
      featureSample: 1,
    });
    expect(model.trees[0]!.threshold[0]).toBe(5.5);
    const compiled = compileGbt(model);
    for (const v of x) expect(predictRaw(compiled, [v])).toBeCloseTo(v > 5 ? 10 : 0, 9);
    expect(predictRaw(compiled, [5.4])).toBeCloseTo(0, 9);
    expect(predictRaw(compiled, [5.6])).toBeCloseTo(10, 9);
  });

  it('ignores a noise feature and splits on the informative one', () => {
    const random = createRandom(7);
    const rows = 400;
    const signal = Array.from({ length: rows }, () => random.next());
    const noise = Array.from({ length: rows }, () => random.next());
    const y = signal.map((s) => (s > 0.3 ? 5 : -5));
    const model = trainGbt({ rows, columns: [column(noise), column(signal)] }, y, 'squared', {
      ...DEFAULT_BOOSTING,
      trees: 30,
      learningRate: 0.3,
      featureSample: 1,
    });
    const compiled = compileGbt(model);
    const contributions = new Float64Array(2);
    const raw = predictWithContributions(compiled, [0.5, 0.9], contributions);
    expect(raw).toBeCloseTo(5, 0);
    // Saabas contributions add up exactly: bias + Σ contributions = prediction.
    expect(compiled.bias + contributions[0]! + contributions[1]!).toBeCloseTo(raw, 9);
    expect(Math.abs(contributions[1]!)).toBeGreaterThan(20 * Math.abs(contributions[0]!));
  });

  it('separates two classes with the logistic loss: probabilities near 0 and 1 on each side', () => {
    const x = Array.from({ length: 200 }, (_, i) => (i + 0.5) / 200);
    const y = x.map((v) => (v > 0.7 ? 1 : 0));
    const model = trainGbt({ rows: 200, columns: [column(x)] }, y, 'logistic', { ...DEFAULT_BOOSTING, trees: 100, learningRate: 0.3 });
    const compiled = compileGbt(model);
    expect(sigmoid(predictRaw(compiled, [0.2]))).toBeLessThan(0.02);
    expect(sigmoid(predictRaw(compiled, [0.9]))).toBeGreaterThan(0.98);
    // 60 of 200 rows fail: the base score is the log-odds of 0.3.
    expect(model.base).toBeCloseTo(Math.log(0.3 / 0.7), 12);
  });

  it('is deterministic for a seed and differs across seeds when rows are sampled', () => {
    const random = createRandom(3);
    const x = Array.from({ length: 300 }, () => random.next());
    const y = x.map((v) => Math.sin(6 * v) + 0.1 * random.normal());
    const fit = (seed: number) => trainGbt({ rows: 300, columns: [column(x)] }, y, 'squared', { ...DEFAULT_BOOSTING, trees: 20, seed });
    expect(fit(5)).toEqual(fit(5));
    expect(fit(5)).not.toEqual(fit(6));
  });
});
