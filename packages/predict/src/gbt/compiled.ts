/**
 * A trained ensemble flattened into typed arrays for fast prediction, plus Saabas-style
 * contributions: walking a row's path, each split's change of node value is credited to the
 * split feature, so base + Σ contributions equals the raw prediction exactly.
 */
import type { GbtJson } from './boosting';

export interface CompiledGbt {
  features: number;
  base: number;
  /** Raw score with no feature known: base + every root value. */
  bias: number;
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export function compileGbt(model: GbtJson): CompiledGbt {
  const size = model.trees.reduce((total, tree) => total + tree.feature.length, 0);
  const compiled: CompiledGbt = {
    features: model.features,
    base: model.base,
    bias: model.base,
    roots: new Int32Array(model.trees.length),
    feature: new Int32Array(size),
    threshold: new Float64Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    value: new Float64Array(size),
  };
  let offset = 0;
  model.trees.forEach((tree, t) => {
    compiled.roots[t] = offset;
    for (let k = 0; k < tree.feature.length; k++) {
      compiled.feature[offset + k] = tree.feature[k] as number;
      compiled.threshold[offset + k] = tree.threshold[k] as number;
      compiled.left[offset + k] = (tree.left[k] as number) + offset;
      compiled.right[offset + k] = (tree.right[k] as number) + offset;
      compiled.value[offset + k] = tree.value[k] as number;
    }
    compiled.bias += tree.value[0] as number;
    offset += tree.feature.length;
  });
  return compiled;
}

/** Raw score of one row (log-odds for a logistic model). `treeLimit` uses only the first trees. */
export function predictRaw(model: CompiledGbt, row: ArrayLike<number>, treeLimit = model.roots.length): number {
  let sum = model.base;
  const { roots, feature, threshold, left, right, value } = model;
  const trees = Math.min(treeLimit, roots.length);
  for (let t = 0; t < trees; t++) {
    let node = roots[t] as number;
    let f = feature[node] as number;
    while (f >= 0) {
      node = (row[f] as number) <= (threshold[node] as number) ? (left[node] as number) : (right[node] as number);
      f = feature[node] as number;
    }
    sum += value[node] as number;
  }
  return sum;
}

/** Raw score, with each feature's contribution added into `contributions` (length = features). */
export function predictWithContributions(model: CompiledGbt, row: ArrayLike<number>, contributions: Float64Array): number {
  let sum = model.base;
  const { roots, feature, threshold, left, right, value } = model;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t] as number;
    let f = feature[node] as number;
    while (f >= 0) {
      const child = (row[f] as number) <= (threshold[node] as number) ? (left[node] as number) : (right[node] as number);
      contributions[f] = (contributions[f] as number) + (value[child] as number) - (value[node] as number);
      node = child;
      f = feature[node] as number;
    }
    sum += value[node] as number;
  }
  return sum;
}
