/**
 * The AI4I 2020 predictive-maintenance data set (Matzka 2020): machine-failure classification
 * with boosted trees on the logistic loss. The five failure-mode flags (TWF, HDF, PWF, OSF, RNF)
 * are the label's definition and are never features.
 */
import type { FeatureMatrix } from '../gbt/binning';
import { DEFAULT_BOOSTING, sigmoid, trainGbt, type BoostingParams } from '../gbt/boosting';
import { compileGbt, predictRaw } from '../gbt/compiled';
import { createRandom } from '../random';
import { averagePrecision, bestF1Threshold, confusion, precisionRecallF1, rocAuc, type Confusion } from './metrics';

export const AI4I_FEATURES = [
  'type',
  'airTemperature',
  'processTemperature',
  'rotationalSpeed',
  'torque',
  'toolWear',
  /** Process − air temperature: heat dissipation. */
  'temperatureDifference',
  /** Torque × angular speed, in W. */
  'power',
  /** Tool wear × torque: the load on a worn tool. */
  'strain',
] as const;

export interface Ai4iData {
  rows: number[][];
  labels: number[];
}

const TYPES: Record<string, number> = { L: 0, M: 1, H: 2 };

export function parseAi4i(csvText: string): Ai4iData {
  const lines = csvText
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const header = lines[0]?.split(',').map((name) => name.trim()) ?? [];
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`AI4I file has no column "${name}"`);
    return index;
  };
  const at = {
    type: column('Type'),
    air: column('Air temperature [K]'),
    process: column('Process temperature [K]'),
    speed: column('Rotational speed [rpm]'),
    torque: column('Torque [Nm]'),
    wear: column('Tool wear [min]'),
    failure: column('Machine failure'),
  };
  const rows: number[][] = [];
  const labels: number[] = [];
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    const number = (index: number): number => {
      const value = Number(cells[index]);
      if (!Number.isFinite(value)) throw new Error(`AI4I row ${i + 2}: "${cells[index]}" is not a number`);
      return value;
    };
    const type = TYPES[cells[at.type]?.trim() ?? ''];
    if (type === undefined) throw new Error(`AI4I row ${i + 2}: unknown type "${cells[at.type]}"`);
    const [air, process, speed, torque, wear] = [number(at.air), number(at.process), number(at.speed), number(at.torque), number(at.wear)];
    rows.push([type, air, process, speed, torque, wear, process - air, (torque * speed * 2 * Math.PI) / 60, wear * torque]);
    labels.push(number(at.failure) === 1 ? 1 : 0);
  });
  return { rows, labels };
}

export const AI4I_BOOSTING: BoostingParams = {
  ...DEFAULT_BOOSTING,
  trees: 200,
  learningRate: 0.1,
  maxLeaves: 15,
  minLeafRows: 5,
  rowSample: 0.8,
  featureSample: 0.8,
};

function matrixOf(rows: number[][], indices: number[]): FeatureMatrix {
  const features = rows[0]?.length ?? 0;
  return { rows: indices.length, columns: Array.from({ length: features }, (_, f) => Float64Array.from(indices, (i) => rows[i]![f]!)) };
}

/** Failure probabilities for `test` rows from a model trained on `train` rows. */
function fitAndScore(data: Ai4iData, train: number[], test: number[], params: BoostingParams): number[] {
  const model = compileGbt(
    trainGbt(
      matrixOf(data.rows, train),
      train.map((i) => data.labels[i]!),
      'logistic',
      params,
    ),
  );
  return test.map((i) => sigmoid(predictRaw(model, data.rows[i]!)));
}

/** Stratified folds: failures and non-failures are each shuffled and dealt round-robin. */
export function stratifiedFolds(labels: number[], folds: number, seed: number, subset?: number[]): number[][] {
  const random = createRandom(seed);
  const members = subset ?? labels.map((_, i) => i);
  const result: number[][] = Array.from({ length: folds }, () => []);
  for (const label of [1, 0]) {
    const group = random.shuffle(members.filter((i) => labels[i] === label));
    group.forEach((i, k) => result[k % folds]!.push(i));
  }
  return result.map((fold) => fold.sort((a, b) => a - b));
}

export interface Ai4iEvaluation {
  rows: number;
  failures: number;
  folds: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  /** Area under the precision–recall curve (average precision). */
  prAuc: number;
  confusion: Confusion;
  /** Decision threshold of each fold, chosen on its training folds. */
  thresholds: number[];
}

/**
 * Stratified k-fold cross-validation. In each fold the decision threshold maximises F1 on
 * out-of-fold probabilities of an inner 3-fold split of the training folds, so the held-out fold
 * influences neither the model nor its threshold. Metrics pool the held-out predictions.
 */
export function evaluateAi4i(
  csvText: string,
  options: { folds: number; seed: number; boosting?: Partial<BoostingParams>; rawFeaturesOnly?: boolean },
): Ai4iEvaluation {
  const parsed = parseAi4i(csvText);
  // The ablation keeps the six measured columns and drops the three derived ones.
  const data = options.rawFeaturesOnly ? { ...parsed, rows: parsed.rows.map((row) => row.slice(0, 6)) } : parsed;
  const params = { ...AI4I_BOOSTING, ...options.boosting, seed: options.seed };
  const folds = stratifiedFolds(data.labels, options.folds, options.seed);
  const probabilities = new Float64Array(data.labels.length);
  const decisions = new Float64Array(data.labels.length);
  const thresholds: number[] = [];
  folds.forEach((test, k) => {
    const train = folds.filter((_, j) => j !== k).flat();
    const inner = stratifiedFolds(data.labels, 3, options.seed + k + 1, train);
    const innerIndex: number[] = [];
    const innerScores: number[] = [];
    inner.forEach((held, j) => {
      innerIndex.push(...held);
      innerScores.push(...fitAndScore(data, inner.filter((_, m) => m !== j).flat(), held, params));
    });
    const threshold = bestF1Threshold(
      innerIndex.map((i) => data.labels[i]!),
      innerScores,
    );
    thresholds.push(threshold);
    fitAndScore(data, train, test, params).forEach((probability, r) => {
      probabilities[test[r]!] = probability;
      decisions[test[r]!] = probability >= threshold ? 1 : 0;
    });
  });
  const counts = confusion(data.labels, decisions, 0.5);
  return {
    rows: data.labels.length,
    failures: data.labels.filter((label) => label === 1).length,
    folds: options.folds,
    ...precisionRecallF1(counts),
    rocAuc: rocAuc(data.labels, probabilities),
    prAuc: averagePrecision(data.labels, probabilities),
    confusion: counts,
    thresholds,
  };
}
