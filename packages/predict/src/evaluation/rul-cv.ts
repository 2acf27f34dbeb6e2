/**
 * Cross-validation by unit for remaining-useful-life models, scored like the C-MAPSS test
 * protocol: each validation unit is cut at a random cycle and predicted once at its last
 * observed sample. Folds never share a unit, so no engine is both learnt and scored.
 */
import { mae, phm08Score, rmse } from '../metrics';
import type { RulTrainingOptions, Trajectory } from '../model';
import { createRandom } from '../random';
import { predictRul } from '../rul/predict';
import { trainRulModel } from '../rul/train';
import { trainLinearBaseline } from './baseline';

export interface TruncationProtocol {
  seed: number;
  /** Truncations per validation unit; scores are averaged so that they read as one per unit. */
  draws: number;
  /** Fewest samples left observed (the shortest held-back C-MAPSS test engine has 19–38). */
  minObserved: number;
  /** Largest true RUL drawn: the remaining life is uniform on 1 … min(maxRul, length − minObserved). */
  maxRul: number;
}

export const DEFAULT_TRUNCATION: TruncationProtocol = { seed: 1, draws: 10, minObserved: 31, maxRul: 150 };

export interface TruncatedUnit {
  trajectory: Trajectory;
  /** Samples kept: the history the model sees. */
  observed: number;
  trueRul: number;
}

/** Draws the truncation points of a unit (deterministic for the generator's state). */
export function truncateUnit(trajectory: Trajectory, next: () => number, protocol: TruncationProtocol): TruncatedUnit[] {
  const length = trajectory.samples.length;
  const failedAt = trajectory.failedAt;
  if (failedAt === undefined || length < 2) return [];
  const longest = Math.max(1, Math.min(protocol.maxRul, length - protocol.minObserved, length - 1));
  return Array.from({ length: protocol.draws }, () => {
    const cut = 1 + Math.floor(next() * longest);
    const observed = length - cut;
    return { trajectory, observed, trueRul: failedAt - trajectory.samples[observed - 1]!.t };
  });
}

export interface ScoredTruncation extends TruncatedUnit {
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
}

export interface RulScores {
  points: number;
  units: number;
  rmse: number;
  /** Against min(true RUL, cap), the target the model learns. */
  rmseCapped: number;
  mae: number;
  /** PHM08 score scaled to one prediction per unit (a sum over units, like the published figures). */
  phm08: number;
  intervalCoverage: number;
  /** Coverage over the points within `cap` of failure: the region the interval is calibrated on. */
  intervalCoverageWithinCap: number;
  meanConfidence: number;
}

export function scoreTruncations(scored: ScoredTruncation[], cap: number, units: number): RulScores {
  const estimates = scored.map((point) => point.estimate);
  const truths = scored.map((point) => point.trueRul);
  const covers = (point: ScoredTruncation): boolean =>
    Math.min(cap, point.trueRul) >= point.lower && Math.min(cap, point.trueRul) <= point.upper;
  const inside = scored.filter(covers);
  const withinCap = scored.filter((point) => point.trueRul <= cap);
  return {
    points: scored.length,
    units,
    rmse: rmse(estimates, truths),
    rmseCapped: rmse(
      estimates,
      truths.map((truth) => Math.min(cap, truth)),
    ),
    mae: mae(estimates, truths),
    phm08: (phm08Score(estimates, truths) * units) / Math.max(1, scored.length),
    intervalCoverage: inside.length / Math.max(1, scored.length),
    intervalCoverageWithinCap: withinCap.filter(covers).length / Math.max(1, withinCap.length),
    meanConfidence: scored.reduce((sum, point) => sum + point.confidence, 0) / Math.max(1, scored.length),
  };
}

export interface RulCrossValidation extends RulScores {
  folds: number;
  /** Wall-clock training time of each fold's model (calibration model + refit). */
  trainMs: number[];
  /** Mean wall-clock time of one predictRul call. */
  predictMs: number;
  scored: ScoredTruncation[];
  /** The linear health-index baseline on the same folds and truncations. */
  baseline: { rmse: number; phm08: number };
}

export function crossValidateRul(
  trajectories: Trajectory[],
  options: RulTrainingOptions,
  folds: number,
  protocol: TruncationProtocol = DEFAULT_TRUNCATION,
  now: () => number = () => performance.now(),
): RulCrossValidation {
  const units = trajectories.filter((trajectory) => trajectory.failedAt !== undefined);
  if (folds < 2 || folds > units.length) throw new RangeError(`folds must be within 2..${units.length}`);
  const random = createRandom(protocol.seed);
  const order = random.shuffle(units.map((_, i) => i));
  const scored: ScoredTruncation[] = [];
  const trainMs: number[] = [];
  const baselineEstimates: number[] = [];
  let predictTime = 0;
  for (let fold = 0; fold < folds; fold++) {
    const validation = order.filter((_, position) => position % folds === fold).map((i) => units[i]!);
    const training = units.filter((unit) => !validation.includes(unit));
    const started = now();
    const model = trainRulModel(training, options);
    trainMs.push(now() - started);
    const baseline = trainLinearBaseline(training, options);
    for (const unit of validation) {
      for (const point of truncateUnit(unit, random.next, protocol)) {
        const history = unit.samples.slice(0, point.observed);
        const before = now();
        const prediction = predictRul(model, history);
        predictTime += now() - before;
        scored.push({ ...point, ...prediction });
        baselineEstimates.push(baseline(history));
      }
    }
  }
  const cap = options.cap ?? 125;
  return {
    ...scoreTruncations(scored, cap, units.length),
    folds,
    trainMs,
    predictMs: predictTime / Math.max(1, scored.length),
    scored,
    baseline: {
      rmse: rmse(
        baselineEstimates,
        scored.map((point) => point.trueRul),
      ),
      phm08:
        (phm08Score(
          baselineEstimates,
          scored.map((point) => point.trueRul),
        ) *
          units.length) /
        Math.max(1, scored.length),
    },
  };
}
