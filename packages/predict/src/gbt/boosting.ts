/**
 * Gradient-boosted trees (Newton boosting on histogram trees) for squared error (regression)
 * and logistic loss (binary classification). Deterministic for a seed: row and feature samples
 * come from one seeded generator and every sum runs in a fixed order.
 */
import { createRandom } from '../random';
import { binMatrix, type FeatureMatrix } from './binning';
import { growTree, TreeWorkspace } from './tree';

export type BoostingLoss = 'squared' | 'logistic';

export interface BoostingParams {
  trees: number;
  learningRate: number;
  maxLeaves: number;
  maxDepth: number;
  minLeafRows: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Share of rows drawn (without replacement) for each tree. */
  rowSample: number;
  /** Share of features drawn for each tree. */
  featureSample: number;
  maxBins: number;
  seed: number;
}

export const DEFAULT_BOOSTING: BoostingParams = {
  trees: 300,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 8,
  minLeafRows: 20,
  lambda: 1,
  rowSample: 0.7,
  featureSample: 0.7,
  maxBins: 255,
  seed: 1,
};

/** Flat, JSON-friendly trees. Leaves have feature −1; `value` is set on every node (already × learning rate). */
export interface TreeJson {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface GbtJson {
  loss: BoostingLoss;
  features: number;
  /** Raw score before any tree (mean target, or log-odds of the base rate). */
  base: number;
  trees: TreeJson[];
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function sampleRows(count: number, share: number, next: () => number): Uint32Array {
  if (share >= 1) return Uint32Array.from({ length: count }, (_, i) => i);
  const picked: number[] = [];
  for (let i = 0; i < count; i++) if (next() < share) picked.push(i);
  return Uint32Array.from(picked);
}

/** Trains on `matrix` against `target` (0/1 for logistic). */
export function trainGbt(matrix: FeatureMatrix, target: ArrayLike<number>, loss: BoostingLoss, params: BoostingParams): GbtJson {
  const n = matrix.rows;
  if (n === 0) throw new Error('cannot train on zero rows');
  const data = binMatrix(matrix, params.maxBins);
  const workspace = new TreeWorkspace(
    data,
    Int32Array.from(data.edges, (e) => e.length),
  );
  const random = createRandom(params.seed);
  let targetSum = 0;
  for (let i = 0; i < n; i++) targetSum += target[i] as number;
  const rate = targetSum / n;
  // A logistic start at the log-odds of the base rate, kept finite when one class is absent.
  const clipped = Math.min(1 - 1e-6, Math.max(1e-6, rate));
  const base = loss === 'squared' ? rate : Math.log(clipped / (1 - clipped));
  const raw = new Float64Array(n).fill(base);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const trees: TreeJson[] = [];
  const featureCount = Math.max(1, Math.round(data.features * Math.min(1, params.featureSample)));
  const minLeafHessian = loss === 'logistic' ? 1e-3 : 0;
  for (let t = 0; t < params.trees; t++) {
    for (let i = 0; i < n; i++) {
      if (loss === 'squared') {
        gradient[i] = (raw[i] as number) - (target[i] as number);
        hessian[i] = 1;
      } else {
        const p = sigmoid(raw[i] as number);
        gradient[i] = p - (target[i] as number);
        hessian[i] = Math.max(p * (1 - p), 1e-12);
      }
    }
    const rows = sampleRows(n, params.rowSample, random.next);
    const order = random.shuffle(Array.from({ length: data.features }, (_, f) => f));
    const active = Int32Array.from(order.slice(0, featureCount).sort((a, b) => a - b));
    const grown = growTree(workspace, gradient, hessian, rows, active, { ...params, minLeafHessian });
    const tree: TreeJson = {
      feature: grown.feature,
      threshold: grown.feature.map((f, node) => (f < 0 ? 0 : ((data.edges[f] as Float64Array)[grown.bin[node] as number] as number))),
      left: grown.left,
      right: grown.right,
      value: grown.value.map((v) => v * params.learningRate),
    };
    trees.push(tree);
    const { bins, features } = data;
    for (let i = 0; i < n; i++) {
      let node = 0;
      while ((grown.feature[node] as number) >= 0) {
        const f = grown.feature[node] as number;
        node =
          (bins[i * features + f] as number) <= (grown.bin[node] as number) ? (grown.left[node] as number) : (grown.right[node] as number);
      }
      raw[i] = (raw[i] as number) + (tree.value[node] as number);
    }
  }
  return { loss, features: data.features, base, trees };
}
