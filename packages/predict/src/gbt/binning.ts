/**
 * Histogram binning: each feature's values are cut at up to `maxBins - 1` quantile edges, so a
 * tree splits on a small integer instead of a float and a node's histogram costs one pass.
 */

/** Rows × features, column-major: `columns[f][i]` is feature f of row i. */
export interface FeatureMatrix {
  rows: number;
  columns: Float64Array[];
}

export interface BinnedMatrix {
  rows: number;
  features: number;
  /** Stride of a feature's histogram (the largest bin count over all features). */
  stride: number;
  /** Row-major bins: `bins[i * features + f]`. */
  bins: Uint8Array;
  /** Upper edge of each bin but the last, per feature: bin(x) = first k with x ≤ edges[k]. */
  edges: Float64Array[];
}

/** At most this many rows are sorted to place a feature's edges: quantiles need no more. */
const EDGE_SAMPLE = 50_000;

function featureEdges(column: Float64Array, maxBins: number): Float64Array {
  const step = Math.max(1, Math.floor(column.length / EDGE_SAMPLE));
  const sample = new Float64Array(Math.ceil(column.length / step));
  for (let i = 0, k = 0; i < column.length; i += step, k++) sample[k] = column[i] as number;
  sample.sort();
  const distinct: number[] = [];
  for (const value of sample) if (distinct.length === 0 || value !== distinct[distinct.length - 1]) distinct.push(value);
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    // Few distinct values: one bin each, cut halfway between neighbours.
    for (let k = 0; k + 1 < distinct.length; k++) edges.push(((distinct[k] as number) + (distinct[k + 1] as number)) / 2);
  } else {
    let cursor = 0;
    for (let k = 1; k < maxBins; k++) {
      // The edge sits just below the k-th quantile, so bin k starts at that row.
      const position = Math.floor((k * sample.length) / maxBins) - 1;
      const value = sample[position] as number;
      cursor = Math.max(cursor, position);
      while (cursor < sample.length && (sample[cursor] as number) <= value) cursor++;
      if (cursor >= sample.length) break;
      const edge = (value + (sample[cursor] as number)) / 2;
      if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
    }
  }
  return Float64Array.from(edges);
}

/** Index of the bin holding `value` (binary search over the edges). */
export function binOf(edges: Float64Array, value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value <= (edges[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}

export function binMatrix(matrix: FeatureMatrix, maxBins = 255): BinnedMatrix {
  if (maxBins < 2 || maxBins > 256) throw new RangeError('maxBins must be within 2..256');
  const features = matrix.columns.length;
  const edges = matrix.columns.map((column) => featureEdges(column, maxBins));
  const bins = new Uint8Array(matrix.rows * features);
  for (let f = 0; f < features; f++) {
    const column = matrix.columns[f] as Float64Array;
    const featureEdgeList = edges[f] as Float64Array;
    for (let i = 0; i < matrix.rows; i++) bins[i * features + f] = binOf(featureEdgeList, column[i] as number);
  }
  const stride = Math.max(1, ...edges.map((e) => e.length + 1));
  return { rows: matrix.rows, features, stride, bins, edges };
}
