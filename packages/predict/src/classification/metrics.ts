/** Binary-classification metrics for the failure class (label 1). */

export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export function confusion(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): Confusion {
  const result: Confusion = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
  for (let i = 0; i < labels.length; i++) {
    const predicted = (scores[i] as number) >= threshold;
    const actual = labels[i] === 1;
    if (actual && predicted) result.truePositives++;
    else if (actual) result.falseNegatives++;
    else if (predicted) result.falsePositives++;
    else result.trueNegatives++;
  }
  return result;
}

export function precisionRecallF1(c: Confusion): { precision: number; recall: number; f1: number } {
  const precision = c.truePositives + c.falsePositives > 0 ? c.truePositives / (c.truePositives + c.falsePositives) : 0;
  const recall = c.truePositives + c.falseNegatives > 0 ? c.truePositives / (c.truePositives + c.falseNegatives) : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Row order by descending score, ties by index (a fixed order keeps the metrics deterministic). */
function descending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/** ROC-AUC = P(score of a random failure > score of a random non-failure), ties counting one half (Mann–Whitney). */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Average precision: the mean of the precision at each failure's rank (area under the precision–recall curve). */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let hits = 0;
  let sum = 0;
  descending(scores).forEach((i, rank) => {
    if (labels[i] === 1) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return hits > 0 ? sum / hits : NaN;
}

/** The threshold with the best F1 over the given scores (midway between neighbouring distinct scores). */
export function bestF1Threshold(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = descending(scores);
  const positives = Array.from(labels).filter((label) => label === 1).length;
  let truePositives = 0;
  let best = { f1: -1, threshold: 0.5 };
  order.forEach((i, rank) => {
    if (labels[i] === 1) truePositives++;
    const next = order[rank + 1];
    if (next !== undefined && scores[next] === scores[i]) return;
    const predicted = rank + 1;
    const f1 = (2 * truePositives) / (predicted + positives);
    const threshold = next === undefined ? (scores[i] as number) : ((scores[i] as number) + (scores[next] as number)) / 2;
    if (f1 > best.f1) best = { f1, threshold };
  });
  return best.threshold;
}
