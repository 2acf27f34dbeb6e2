/**
 * One regression tree grown leaf-wise on gradient histograms (the LightGBM recipe): the leaf
 * with the largest gain splits next; a child's histogram is built for the smaller child only
 * and the larger one is the parent's minus it.
 */
import type { BinnedMatrix } from './binning';

export interface GrowParams {
  maxLeaves: number;
  maxDepth: number;
  minLeafRows: number;
  minLeafHessian: number;
  /** L2 penalty on leaf values. */
  lambda: number;
}

/** A tree in training form: splits on bins; `value` is the Newton step at every node, internal ones too. */
export interface GrownTree {
  feature: number[];
  bin: number[];
  left: number[];
  right: number[];
  value: number[];
}

interface Split {
  gain: number;
  feature: number;
  bin: number;
}

interface OpenLeaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  histogram: Float64Array;
  gradient: number;
  hessian: number;
  split: Split | null;
}

/** Scratch buffers reused across the trees of one boosting run. */
export class TreeWorkspace {
  private readonly pool: Float64Array[] = [];
  readonly scratch: Uint32Array;

  constructor(
    readonly data: BinnedMatrix,
    readonly edgeCounts: Int32Array,
  ) {
    this.scratch = new Uint32Array(data.rows);
  }

  take(): Float64Array {
    return this.pool.pop() ?? new Float64Array(this.data.features * this.data.stride * 3);
  }

  release(histogram: Float64Array): void {
    this.pool.push(histogram);
  }
}

function buildHistogram(
  workspace: TreeWorkspace,
  gradient: Float64Array,
  hessian: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
  active: Int32Array,
  histogram: Float64Array,
): void {
  histogram.fill(0);
  const { bins, features, stride } = workspace.data;
  const activeCount = active.length;
  for (let k = start; k < end; k++) {
    const i = rows[k] as number;
    const g = gradient[i] as number;
    const h = hessian[i] as number;
    const rowBase = i * features;
    for (let a = 0; a < activeCount; a++) {
      const f = active[a] as number;
      const offset = (f * stride + (bins[rowBase + f] as number)) * 3;
      histogram[offset] = (histogram[offset] as number) + g;
      histogram[offset + 1] = (histogram[offset + 1] as number) + h;
      histogram[offset + 2] = (histogram[offset + 2] as number) + 1;
    }
  }
}

function bestSplit(workspace: TreeWorkspace, leaf: OpenLeaf, count: number, active: Int32Array, params: GrowParams): Split | null {
  const { stride } = workspace.data;
  const { histogram, gradient: g, hessian: h } = leaf;
  const { lambda, minLeafRows, minLeafHessian } = params;
  const parentScore = (g * g) / (h + lambda);
  let best: Split | null = null;
  for (const f of active) {
    const offset = f * stride * 3;
    const lastBin = workspace.edgeCounts[f] as number;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let b = 0; b < lastBin; b++) {
      const o = offset + b * 3;
      gl += histogram[o] as number;
      hl += histogram[o + 1] as number;
      cl += histogram[o + 2] as number;
      if (cl < minLeafRows || hl < minLeafHessian) continue;
      const hr = h - hl;
      if (count - cl < minLeafRows || hr < minLeafHessian) break;
      const gr = g - gl;
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
      if (gain > 0 && (best === null || gain > best.gain)) best = { gain, feature: f, bin: b };
    }
  }
  return best;
}

/** Stable partition of rows[start, end) by the split; returns the first index of the right side. */
function partition(workspace: TreeWorkspace, rows: Uint32Array, start: number, end: number, split: Split): number {
  const { bins, features } = workspace.data;
  const scratch = workspace.scratch;
  let left = start;
  let right = 0;
  for (let k = start; k < end; k++) {
    const i = rows[k] as number;
    if ((bins[i * features + split.feature] as number) <= split.bin) rows[left++] = i;
    else scratch[right++] = i;
  }
  rows.set(scratch.subarray(0, right), left);
  return left;
}

/** Grows one tree on the rows in `rows` (reordered in place) using only the `active` features. */
export function growTree(
  workspace: TreeWorkspace,
  gradient: Float64Array,
  hessian: Float64Array,
  rows: Uint32Array,
  active: Int32Array,
  params: GrowParams,
): GrownTree {
  const tree: GrownTree = { feature: [], bin: [], left: [], right: [], value: [] };
  const addNode = (g: number, h: number): number => {
    tree.feature.push(-1);
    tree.bin.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(-g / (h + params.lambda));
    return tree.feature.length - 1;
  };
  const open: OpenLeaf[] = [];
  const consider = (leaf: OpenLeaf): void => {
    const count = leaf.end - leaf.start;
    if (leaf.depth < params.maxDepth && count >= 2 * params.minLeafRows) leaf.split = bestSplit(workspace, leaf, count, active, params);
    if (leaf.split) open.push(leaf);
    else workspace.release(leaf.histogram);
  };

  const rootHistogram = workspace.take();
  buildHistogram(workspace, gradient, hessian, rows, 0, rows.length, active, rootHistogram);
  let g = 0;
  let h = 0;
  for (let k = 0; k < rows.length; k++) {
    g += gradient[rows[k] as number] as number;
    h += hessian[rows[k] as number] as number;
  }
  consider({ node: addNode(g, h), start: 0, end: rows.length, depth: 0, histogram: rootHistogram, gradient: g, hessian: h, split: null });

  let leaves = 1;
  while (leaves < params.maxLeaves && open.length > 0) {
    let pick = 0;
    for (let k = 1; k < open.length; k++) if ((open[k]!.split as Split).gain > (open[pick]!.split as Split).gain) pick = k;
    const leaf = open.splice(pick, 1)[0] as OpenLeaf;
    const split = leaf.split as Split;
    const middle = partition(workspace, rows, leaf.start, leaf.end, split);
    const leftIsSmaller = middle - leaf.start <= leaf.end - middle;
    const small = workspace.take();
    const [smallStart, smallEnd] = leftIsSmaller ? [leaf.start, middle] : [middle, leaf.end];
    buildHistogram(workspace, gradient, hessian, rows, smallStart, smallEnd, active, small);
    const large = leaf.histogram;
    for (const f of active) {
      const from = f * workspace.data.stride * 3;
      const to = from + ((workspace.edgeCounts[f] as number) + 1) * 3;
      for (let o = from; o < to; o++) large[o] = (large[o] as number) - (small[o] as number);
    }
    const [leftHistogram, rightHistogram] = leftIsSmaller ? [small, large] : [large, small];
    let gl = 0;
    let hl = 0;
    const offset = split.feature * workspace.data.stride * 3;
    for (let b = 0; b <= split.bin; b++) {
      gl += leftHistogram[offset + b * 3] as number;
      hl += leftHistogram[offset + b * 3 + 1] as number;
    }
    const leftNode = addNode(gl, hl);
    const rightNode = addNode(leaf.gradient - gl, leaf.hessian - hl);
    tree.feature[leaf.node] = split.feature;
    tree.bin[leaf.node] = split.bin;
    tree.left[leaf.node] = leftNode;
    tree.right[leaf.node] = rightNode;
    const depth = leaf.depth + 1;
    consider({ node: leftNode, start: leaf.start, end: middle, depth, histogram: leftHistogram, gradient: gl, hessian: hl, split: null });
    consider({
      node: rightNode,
      start: middle,
      end: leaf.end,
      depth,
      histogram: rightHistogram,
      gradient: leaf.gradient - gl,
      hessian: leaf.hessian - hl,
      split: null,
    });
    leaves++;
  }
  for (const leaf of open) workspace.release(leaf.histogram);
  return tree;
}
