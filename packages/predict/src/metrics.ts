/** Error metrics for remaining-useful-life estimates; `d = predicted − true`. */

export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += ((predicted[i] as number) - (actual[i] as number)) ** 2;
  return Math.sqrt(sum / predicted.length);
}

export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += Math.abs((predicted[i] as number) - (actual[i] as number));
  return sum / predicted.length;
}

/**
 * The PHM08 challenge score: Σ exp(−d/13) − 1 for early predictions (d < 0) and exp(d/10) − 1
 * for late ones, so a late estimate costs more than an early one of the same size.
 */
export function phm08Score(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) {
    const d = (predicted[i] as number) - (actual[i] as number);
    sum += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
  }
  return sum;
}
