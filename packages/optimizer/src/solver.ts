import { compileProblem, type CompiledJob, type CompiledProblem } from './compile';
import { construct } from './construction';
import { OptimizerInputError } from './errors';
import { placePinned, timeBounds } from './insertion';
import { localSearch } from './local-search';
import type { Problem, Score, Solution, SolveOptions, SolveProgress } from './model';
import { earliestFit, workingFor, type Placement } from './placement';
import { createRandom } from './random';
import { ScoreState, compareScores } from './score';
import { measureChurn, toAssignments, unassignedWithReasons } from './solution';

/** Defaults when neither a time limit nor an iteration limit is given. */
export const DEFAULT_TIME_LIMIT_MS = { full: 5_000, repair: 500 } as const;
const PROGRESS_INTERVAL_MS = 50;
/** Time the reasons for unassigned work always get after the search, even when it ran to its limit. */
const REASONS_MIN_MS = 200;
const HISTORY_INTERVAL_MS = 10;

/** Ways to stop a run besides `signal`: the worker sets a shared flag. */
export interface SolveHooks {
  shouldStop?: () => boolean;
}

/**
 * Solves in this thread: construction (or, in repair mode, the published schedule), then local
 * search until the time or iteration limit, a stop, or a perfect score. Returns the best schedule
 * seen. Only the limit and progress timing read the clock, so a seed and an iteration limit fix
 * the result.
 */
export function solve(problem: Problem, options: SolveOptions = {}, hooks: SolveHooks = {}): Solution {
  const started = performance.now();
  for (const option of ['timeLimitMs', 'iterationLimit', 'snapshotEveryMs'] as const) {
    const value = options[option];
    if (value !== undefined && !(value >= 0)) throw new OptimizerInputError('invalid_option', `${option} must be a non-negative number`);
  }
  const compiled = compileProblem(problem);
  const mode = options.mode ?? 'full';
  const timeLimit = options.timeLimitMs ?? (options.iterationLimit !== undefined ? Infinity : DEFAULT_TIME_LIMIT_MS[mode]);
  const deadline = started + timeLimit;
  const stopRequested = (): boolean => (options.signal?.aborted ?? false) || (hooks.shouldStop?.() ?? false);
  const elapsed = (): number => performance.now() - started;

  const history: { elapsedMs: number; score: Score }[] = [];
  let lastProgress = -Infinity;
  // The best schedule so far, and the one last handed out as a snapshot (see snapshotEveryMs).
  type Best = { score: Score; placements: readonly (Placement | null)[]; iterations: number };
  let latest: Best | null = null;
  let snapshotted: Best | null = null;
  let lastSnapshot = -Infinity;
  const snapshotDue = (now: number): boolean =>
    options.snapshotEveryMs !== undefined && latest !== snapshotted && now - lastSnapshot >= options.snapshotEveryMs;
  const progress = (now: number, score: Score, iterations: number): void => {
    lastProgress = now;
    let best: SolveProgress['best'];
    if (latest && snapshotDue(now)) {
      snapshotted = latest;
      lastSnapshot = now;
      best = { score: latest.score, assignments: toAssignments(compiled, latest.placements) };
    }
    options.onProgress?.({ elapsedMs: now, bestScore: score, iterations, ...(best ? { best } : {}) });
  };
  const improved = (score: Score, iterations: number, placements: readonly (Placement | null)[]): void => {
    latest = { score, placements, iterations };
    record(score, iterations);
  };
  const record = (score: Score, iterations: number, final = false): void => {
    const now = elapsed();
    const last = history[history.length - 1];
    const beforeLast = history[history.length - 2];
    const sameBest = last && compareScores(last.score, score) === 0;
    if (last && !sameBest && beforeLast && now - beforeLast.elapsedMs < HISTORY_INTERVAL_MS) {
      last.elapsedMs = now;
      last.score = score;
    } else if (!sameBest) history.push({ elapsedMs: now, score });
    if (options.onProgress && (final || now - lastProgress >= PROGRESS_INTERVAL_MS)) progress(now, score, iterations);
  };
  // A gain whose snapshot the interval held back goes out once the interval has passed, gain or not.
  const snapshotWaiting = (): void => {
    const now = elapsed();
    if (latest && snapshotDue(now)) progress(now, latest.score, latest.iterations);
  };

  const state = new ScoreState(compiled);
  placePinned(compiled, state);
  const wanted = mode === 'repair' ? repairWanted(compiled, options.repairJobIds) : undefined;
  if (mode === 'repair') loadPublished(compiled, state);
  construct(compiled, state, () => stopRequested() || performance.now() >= deadline, wanted);
  improved(state.score(), 0, state.placements.slice());

  const random = createRandom(options.seed ?? 1);
  const result = localSearch(
    compiled,
    state,
    random,
    {
      iterationLimit: options.iterationLimit ?? Infinity,
      deadline,
      isStopped: options.snapshotEveryMs === undefined ? stopRequested : () => (snapshotWaiting(), stopRequested()),
    },
    improved,
    mode === 'repair' ? { focus: 'disturbance', wanted } : { focus: 'everywhere' },
  );
  record(result.bestScore, result.iterations, true);

  // The analysis and reasons are computed afresh from the best placements; the score reported
  // is the incremental one, so tests can hold the two against each other.
  const best = new ScoreState(compiled);
  result.best.forEach((p, j) => best.assign(j, p));
  // Reasons get what is left of the time limit, and at least REASONS_MIN_MS.
  const reasonsUntil = Math.max(stopRequested() ? 0 : deadline, performance.now() + REASONS_MIN_MS);
  const unassigned = unassignedWithReasons(compiled, best, reasonsUntil).map((u) =>
    wanted && !wanted(compiled.jobIndex.get(u.jobId) as number) ? { jobId: u.jobId, reasons: [BACKLOG_REASON] } : u,
  );
  return {
    assignments: toAssignments(compiled, result.best),
    unassigned,
    score: result.bestScore,
    analysis: best.analysis(),
    churn: measureChurn(compiled, result.best),
    stats: { elapsedMs: elapsed(), iterations: result.iterations, bestScoreHistory: history },
  };
}

const BACKLOG_REASON = 'not in the published schedule and not part of this repair: left for the next full solve';

/**
 * What a repair tries to fit in: the published jobs (some may have lost their slot) and the new
 * work — `repairJobIds`, or else every job the published schedule does not have.
 */
function repairWanted(problem: CompiledProblem, repairJobIds: readonly string[] | undefined): (j: number) => boolean {
  const added = repairJobIds ? new Set(repairJobIds.map((id) => problem.jobIndex.get(id))) : null;
  return (j) => {
    const job = problem.jobs[j] as CompiledJob;
    return job.published !== null || !added || added.has(j);
  };
}

/**
 * Repair starts from the published schedule: every published job that is still feasible where
 * it was (its crew still exists and is qualified, the slot is free, windows and bounds hold)
 * stays there; the rest are inserted afterwards like new work.
 */
function loadPublished(problem: CompiledProblem, state: ScoreState): void {
  const published = problem.jobs
    .filter((job) => job.published && !state.placements[job.index])
    .sort((a, b) => (a.published as { start: number }).start - (b.published as { start: number }).start || a.index - b.index);
  for (const job of published) {
    const { techs, start } = job.published as { techs: number[] | null; start: number };
    if (!techs || techs.length !== job.crewSize || !techs.every((t) => job.eligible.includes(t))) continue;
    const bounds = timeBounds(problem, state, job);
    if (!bounds || start < bounds.lower) continue;
    const placement = earliestFit(state, job as CompiledJob, techs, workingFor(problem, job, techs), start, bounds.endBound);
    if (placement && placement.start === start) state.assign(job.index, placement);
  }
}
