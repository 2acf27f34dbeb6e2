import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { evaluateAi4i, parseAi4i, stratifiedFolds } from './ai4i';
import { averagePrecision, bestF1Threshold, confusion, precisionRecallF1, rocAuc } from './metrics';

const HEADER =
  'UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF';

describe('classification metrics', () => {
  // Failures scored 0.9 and 0.4, non-failures 0.8 and 0.1.
  const labels = [1, 0, 1, 0];
  const scores = [0.9, 0.8, 0.4, 0.1];

  it('ROC-AUC counts ordered pairs: 3 of 4 failure/non-failure pairs are ranked right → 0.75; ties count one half', () => {
    expect(rocAuc(labels, scores)).toBe(0.75);
    expect(rocAuc([1, 0], [0.5, 0.5])).toBe(0.5);
  });

  it('average precision: failures at ranks 1 and 3 → (1 + 2/3) / 2', () => {
    expect(averagePrecision(labels, scores)).toBeCloseTo(5 / 6, 12);
  });

  it('the best-F1 threshold takes the top three (F1 0.8), cutting halfway between 0.4 and 0.1', () => {
    const threshold = bestF1Threshold(labels, scores);
    expect(threshold).toBe(0.25);
    expect(precisionRecallF1(confusion(labels, scores, threshold))).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8 });
  });
});

describe('AI4I 2020 failure classifier', () => {
  /** 600 milling runs; a run fails when torque × tool wear passes 9,000 (an overstrain rule). */
  function syntheticCsv(modeFlagsFromLabel: boolean, informative: boolean): string {
    const random = createRandom(5);
    const lines = [HEADER];
    for (let i = 1; i <= 600; i++) {
      const torque = 20 + 50 * random.next();
      const wear = Math.floor(250 * random.next());
      const failure = informative ? (torque * wear > 9000 ? 1 : 0) : random.next() < 0.1 ? 1 : 0;
      const flag = modeFlagsFromLabel ? failure : 0;
      const type = ['L', 'M', 'H'][i % 3];
      lines.push(
        `${i},${type}${i},${type},300.1,310.2,${1400 + Math.floor(100 * random.next())},${torque.toFixed(1)},${wear},${failure},${flag},0,0,${flag},0`,
      );
    }
    return '\uFEFF' + lines.join('\n') + '\n';
  }

  it('reads the file with its byte-order mark: features type, temperatures, speed, torque, wear and three derived ones', () => {
    const data = parseAi4i(`\uFEFF${HEADER}\n1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0\n`);
    expect(data.labels).toEqual([0]);
    expect(data.rows[0]!.slice(0, 6)).toEqual([1, 298.1, 308.6, 1551, 42.8, 0]);
    expect(data.rows[0]![6]).toBeCloseTo(10.5, 9);
    expect(data.rows[0]![7]).toBeCloseTo((42.8 * 1551 * 2 * Math.PI) / 60, 9);
  });

  it('stratified folds deal failures evenly: 10 failures over 5 folds → 2 each', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    for (const fold of stratifiedFolds(labels, 5, 1)) {
      expect(fold).toHaveLength(20);
      expect(fold.filter((i) => labels[i] === 1)).toHaveLength(2);
    }
  });

  it('learns the overstrain rule by 5-fold CV: AUC above 0.97, F1 above 0.85', () => {
    const result = evaluateAi4i(syntheticCsv(false, true), { folds: 5, seed: 1, boosting: { trees: 60 } });
    expect(result.rocAuc).toBeGreaterThan(0.97);
    expect(result.f1).toBeGreaterThan(0.85);
    expect(result.thresholds).toHaveLength(5);
  });

  it('never reads the failure-mode flags: when only the flags carry the label, AUC stays near chance', () => {
    const result = evaluateAi4i(syntheticCsv(true, false), { folds: 5, seed: 1, boosting: { trees: 30 } });
    expect(result.rocAuc).toBeLessThan(0.65);
  });
});
