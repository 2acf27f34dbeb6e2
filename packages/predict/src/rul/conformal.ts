/**
 * Split-conformal prediction intervals. Signed residuals (true − predicted) on held-out units
 * give a lower and an upper offset, each at tail (1 − coverage) / 2 with the finite-sample
 * rank ⌈(n + 1)(1 − tail)⌉, so an exchangeable new point falls inside with probability ≥
 * coverage whatever the model. Residuals are binned by the predicted value (Mondrian
 * conformal): errors near failure are smaller than far from it, and one interval for all would
 * be too wide at the end of life and too narrow at the start.
 */

export interface ConformalJson {
  coverage: number;
  /** Upper prediction edge of each bin but the last (ascending). */
  edges: number[];
  /** Offsets per bin; null when a bin had too few points for the rank (an unbounded side). */
  lower: (number | null)[];
  upper: (number | null)[];
}

/**
 * The conformal upper quantile of `scores` at `level`: the ⌈(n + 1)·level⌉-th smallest score,
 * or null (+∞) when that rank exceeds n.
 */
export function conformalQuantile(scores: ArrayLike<number>, level: number): number | null {
  const sorted = Float64Array.from(scores).sort();
  // Float error near an integer leaves the rank or raises it by one (a wider interval): the guarantee holds.
  const rank = Math.ceil((sorted.length + 1) * level);
  if (rank > sorted.length) return null;
  return sorted[Math.max(0, rank - 1)] as number;
}

/** Two-sided offsets [lower, upper] around the prediction from signed residuals (true − predicted). */
export function conformalOffsets(residuals: ArrayLike<number>, coverage: number): [number | null, number | null] {
  const tail = (1 - coverage) / 2;
  const negated = Float64Array.from(residuals, (r) => -r);
  const below = conformalQuantile(negated, 1 - tail);
  return [below === null ? null : -below, conformalQuantile(residuals, 1 - tail)];
}

/** Fits bins of about equal counts (at least `minPerBin` points each, at most `maxBins`). */
export function fitConformal(predictions: number[], residuals: number[], coverage: number, maxBins = 4, minPerBin = 40): ConformalJson {
  const order = predictions.map((_, i) => i).sort((a, b) => predictions[a]! - predictions[b]! || a - b);
  const bins = Math.max(1, Math.min(maxBins, Math.floor(order.length / minPerBin)));
  const edges: number[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  for (let b = 0; b < bins; b++) {
    const members = order.slice(Math.floor((b * order.length) / bins), Math.floor(((b + 1) * order.length) / bins));
    const [low, high] = conformalOffsets(
      members.map((i) => residuals[i]!),
      coverage,
    );
    lower.push(low);
    upper.push(high);
    if (b + 1 < bins) edges.push(predictions[members[members.length - 1]!]!);
  }
  return { coverage, edges, lower, upper };
}

/** The interval around `estimate`, clipped to [floor, ceiling]. */
export function conformalInterval(conformal: ConformalJson, estimate: number, floor: number, ceiling: number): [number, number] {
  let bin = 0;
  while (bin < conformal.edges.length && estimate > conformal.edges[bin]!) bin++;
  const low = conformal.lower[bin];
  const high = conformal.upper[bin];
  const lower = low === null || low === undefined ? floor : Math.max(floor, Math.min(estimate, estimate + low));
  const upper = high === null || high === undefined ? ceiling : Math.min(ceiling, Math.max(estimate, estimate + high));
  return [lower, upper];
}
