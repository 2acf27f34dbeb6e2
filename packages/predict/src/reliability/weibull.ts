/**
 * Two-parameter Weibull fit by maximum likelihood with right-censoring. For a fixed shape β the
 * scale that maximises the likelihood is closed-form, η(β)^β = Σ t^β / r (r failures, the sum
 * over all lives); substituting it leaves one equation in β, solved by Newton's method inside a
 * bracket. Bounds use the observed Fisher information of (ln β, ln η), so they stay positive.
 */
import type { LifeRecord, WeibullFit } from '../model';
import { normalQuantile } from '../stats';

interface ProfileSums {
  /** Σ (t/s)^β, Σ (t/s)^β ln(t/s), Σ (t/s)^β ln²(t/s) over every life, with times rescaled by s to avoid overflow. */
  s0: number;
  s1: number;
  s2: number;
}

function profileSums(logTimes: number[], beta: number): ProfileSums {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (const x of logTimes) {
    const w = Math.exp(beta * x);
    s0 += w;
    s1 += w * x;
    s2 += w * x * x;
  }
  return { s0, s1, s2 };
}

/**
 * The profile score g(β) = Σ t^β ln t / Σ t^β − 1/β − mean ln t over failures; g increases in β,
 * and its root is the maximum-likelihood shape.
 */
function profileScore(logTimes: number[], meanFailureLog: number, beta: number): { value: number; slope: number } {
  const { s0, s1, s2 } = profileSums(logTimes, beta);
  const ratio = s1 / s0;
  return { value: ratio - 1 / beta - meanFailureLog, slope: s2 / s0 - ratio * ratio + 1 / (beta * beta) };
}

/** The shape's root, or null when the likelihood keeps rising with β (every failure at one time, no later life). */
function solveShape(logTimes: number[], meanFailureLog: number): number | null {
  let low = 1e-3;
  let high = 1;
  while (profileScore(logTimes, meanFailureLog, high).value < 0) {
    if (high > 1e4) return null;
    high *= 2;
  }
  let beta = Math.min(high, Math.max(low, 1));
  for (let iteration = 0; iteration < 200; iteration++) {
    const { value, slope } = profileScore(logTimes, meanFailureLog, beta);
    if (value > 0) high = beta;
    else low = beta;
    let next = beta - value / slope;
    // Newton outside the bracket (or stalled) falls back to bisection.
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - beta) <= 1e-12 * beta) return next;
    beta = next;
  }
  return beta;
}

export function fitWeibull(lives: LifeRecord[], confidenceLevel = 0.9): WeibullFit | null {
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new RangeError('confidenceLevel must be within (0, 1)');
  const valid = lives.filter((life) => life.duration > 0 && Number.isFinite(life.duration));
  const failures = valid.filter((life) => life.failed);
  const r = failures.length;
  if (r < 2) return null;
  // Rescale time by the geometric mean of the failures: the fit is scale-free and t^β stays finite.
  const logScale = failures.reduce((sum, life) => sum + Math.log(life.duration), 0) / r;
  const logTimes = valid.map((life) => Math.log(life.duration) - logScale);
  const failureLogs = failures.map((life) => Math.log(life.duration) - logScale);
  const beta = solveShape(logTimes, 0);
  if (beta === null) return null;
  const { s0, s1, s2 } = profileSums(logTimes, beta);
  const logEta = Math.log(s0 / r) / beta; // relative to the rescaling
  // Observed information of (u, v) = (ln β, ln η) at the optimum, with x = ln t − v (rescaled) and
  // w = (t/η)^β: ∂²ℓ/∂u² = βΣ_f x − Σ w(βx)² − Σ wβx, ∂²ℓ/∂v² = −β²Σw, ∂²ℓ/∂u∂v = −βr + β²Σwx + βΣw.
  const sumW = s0 * Math.exp(-beta * logEta);
  const sumWX = (s1 - logEta * s0) * Math.exp(-beta * logEta);
  const sumWXX = (s2 - 2 * logEta * s1 + logEta * logEta * s0) * Math.exp(-beta * logEta);
  const sumFailX = failureLogs.reduce((sum, x) => sum + (x - logEta), 0);
  const huu = beta * sumFailX - beta * beta * sumWXX - beta * sumWX;
  const hvv = -beta * beta * sumW;
  const huv = -beta * r + beta * beta * sumWX + beta * sumW;
  const determinant = huu * hvv - huv * huv;
  const varU = -hvv / determinant;
  const varV = -huu / determinant;
  const z = normalQuantile(0.5 + confidenceLevel / 2);
  const eta = Math.exp(logEta + logScale);
  const spreadU = z * Math.sqrt(Math.max(0, varU));
  const spreadV = z * Math.sqrt(Math.max(0, varV));
  return {
    shape: beta,
    scale: eta,
    shapeBounds: [beta * Math.exp(-spreadU), beta * Math.exp(spreadU)],
    scaleBounds: [eta * Math.exp(-spreadV), eta * Math.exp(spreadV)],
    confidenceLevel,
    failures: r,
    censored: valid.length - r,
  };
}

/** P(failure in (age, age + horizon] | survived to age) = 1 − R(age + horizon) / R(age). */
export function failureProbability(fit: WeibullFit, age: number, horizon: number): number {
  if (horizon <= 0) return 0;
  const start = Math.max(0, age);
  const cumulative = (time: number): number => Math.pow(time / fit.scale, fit.shape);
  return 1 - Math.exp(cumulative(start) - cumulative(start + horizon));
}
