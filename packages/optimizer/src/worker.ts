import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { OptimizerInputError, type OptimizerInputErrorCode } from './errors';
import type { Problem, Score, Solution, SolveOptions, SolveProgress } from './model';
import { DRAW_STEP } from './random';
import { compareScores } from './score';

/** Messages from the worker thread. */
export type WorkerMessage =
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'result'; solution: Solution }
  | { type: 'error'; message: string; code?: OptimizerInputErrorCode };

export interface SolverWorker {
  /** Subscribes to progress (best score so far); returns the unsubscribe function. */
  progress(listener: (progress: SolveProgress) => void): () => void;
  /** Ends the search early; `result` then resolves with the best schedule found so far. */
  stop(): void;
  result: Promise<Solution>;
}

export interface WorkerSolveOptions extends Omit<SolveOptions, 'signal' | 'onProgress'> {
  /**
   * Full solves: how many searches run side by side, each in its own worker thread with its own
   * seed (the first with `seed` itself, so 1 is exactly the single search); the best schedule
   * wins, ties to the lower search. Default 1. Repair always runs one search: it must answer
   * within a fraction of a second and stay near the published schedule.
   */
  threads?: number;
}

/** Most searches a solve runs side by side. */
export const MAX_THREADS = 16;

/** The compiled worker script next to this module (dist/worker-entry.js). */
function workerScript(): string {
  const script = join(__dirname, 'worker-entry.js');
  if (!existsSync(script))
    throw new Error(`solveInWorker needs the compiled package: ${script} is missing (npm run build -w packages/optimizer)`);
  return script;
}

/** Searches of one solve start this many draws apart in the generator's cycle (2^32 / MAX_THREADS). */
export const SEARCH_SPACING = 2 ** 28;

/**
 * The seed of search `index` of a solve seeded `seed`: the seed itself for the first, then the
 * state the generator would reach from it after `index` × 2^28 draws. Every seed of the
 * generator (random.ts) is a position in one cycle of 2^32 draws, so this puts the searches'
 * streams as far apart as 16 can be: a search would need hundreds of millions of draws to run
 * into the next one's (a 30 s plant solve makes a few million).
 */
export function searchSeed(seed: number, index: number): number {
  return (seed + Math.imul(index * SEARCH_SPACING, DRAW_STEP)) >>> 0;
}

/**
 * Solves off the caller's event loop. The problem is copied to each worker thread; progress
 * arrives as messages; `stop()` sets a flag in shared memory that every search polls each
 * iteration.
 *
 * With `threads` > 1 (full solves), that many independent searches run at once from the same
 * construction, each with its own seed, and the best schedule found by any of them is the answer.
 * Late acceptance settles into different basins from different seeds, and which seed finds the
 * better one varies by problem: where one search's result depends on its luck (small plants),
 * the best of several in the same wall-clock time is better more often, given a core each
 * (bench/results/2026-11-30-optimizer-mip.md). With a seed and an iteration limit the answer is
 * still fixed: each search is, and the choice among them is.
 */
export function solveInWorker(problem: Problem, options: WorkerSolveOptions = {}): SolverWorker {
  const { threads: requested = 1, ...solveOptions } = options;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_THREADS)
    throw new RangeError(`threads must be a whole number from 1 to ${MAX_THREADS}, got ${String(requested)}`);
  const threads = options.mode === 'repair' ? 1 : requested;
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const listeners = new Set<(progress: SolveProgress) => void>();
  const emit = (progress: SolveProgress): void => {
    for (const listener of listeners) listener(progress);
  };
  const seed = solveOptions.seed ?? 1;
  const searches: { latest: SolveProgress | null; result: Promise<Solution> }[] = [];
  try {
    for (let index = 0; index < threads; index++) {
      const search = { latest: null as SolveProgress | null, result: null as unknown as Promise<Solution> };
      search.result = startSearch(problem, { ...solveOptions, seed: searchSeed(seed, index) }, stopFlag, (progress) => {
        if (threads === 1) return emit(progress);
        search.latest = progress;
        reportBest(progress);
      });
      searches.push(search);
    }
  } catch (error) {
    // A thread that cannot start: the ones already started stop at once instead of running on.
    Atomics.store(stopFlag, 0, 1);
    for (const search of searches) search.result.catch(() => undefined);
    throw error;
  }

  // Several searches: progress is the best score of any, reported when it improves, and the
  // best schedule of any when a search hands out one better than all handed out before.
  let bestReported: Score | null = null;
  let snapshotReported: Score | null = null;
  const reportBest = (progress: SolveProgress): void => {
    const gain = !bestReported || compareScores(progress.bestScore, bestReported) > 0;
    const snapshot =
      progress.best && (!snapshotReported || compareScores(progress.best.score, snapshotReported) > 0) ? progress.best : undefined;
    if (!gain && !snapshot) return;
    if (gain) bestReported = progress.bestScore;
    if (snapshot) snapshotReported = snapshot.score;
    emit({ ...combinedProgress(searches.map((s) => s.latest)), ...(snapshot ? { best: snapshot } : {}) });
  };

  const result =
    threads === 1
      ? (searches[0] as { result: Promise<Solution> }).result
      : Promise.allSettled(searches.map((s) => s.result)).then((settled) => {
          const solutions = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
          if (solutions.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
          // A search that failed (a crashed thread) leaves the others' best; the stats say so.
          const solution = bestOf(solutions, settled.length - solutions.length);
          // Once at the end, as a single search does: the score the answer has.
          emit({ elapsedMs: solution.stats.elapsedMs, bestScore: solution.score, iterations: solution.stats.iterations });
          return solution;
        });
  return {
    progress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      Atomics.store(stopFlag, 0, 1);
    },
    result,
  };
}

/** One search in a worker thread of its own. */
function startSearch(
  problem: Problem,
  options: Omit<SolveOptions, 'signal' | 'onProgress'>,
  stopFlag: Int32Array,
  onProgress: (progress: SolveProgress) => void,
): Promise<Solution> {
  const worker = new Worker(workerScript(), { workerData: { problem, options, stopFlag } });
  return new Promise<Solution>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'result') settle(() => resolve(message.solution));
      else settle(() => reject(message.code ? new OptimizerInputError(message.code, message.message) : new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`solver worker exited with code ${code} before answering`))));
  });
}

/** The searches' progress as one: the best score of any, their iterations added up. */
function combinedProgress(latest: readonly (SolveProgress | null)[]): SolveProgress {
  let combined: SolveProgress = { elapsedMs: 0, bestScore: { hard: -Infinity, medium: -Infinity, soft: -Infinity }, iterations: 0 };
  for (const progress of latest) {
    if (!progress) continue;
    const better = compareScores(progress.bestScore, combined.bestScore) > 0;
    combined = {
      elapsedMs: Math.max(combined.elapsedMs, progress.elapsedMs),
      bestScore: better ? progress.bestScore : combined.bestScore,
      iterations: combined.iterations + progress.iterations,
    };
  }
  return combined;
}

/**
 * The best of several searches' solutions (ties to the earlier search), with the stats of them
 * all: the longest elapsed time, the iterations added up, the history of the best score any of
 * them had found by each moment, and how many searches ran (and failed, if any did).
 */
export function bestOf(solutions: readonly Solution[], failedSearches = 0): Solution {
  let winner = solutions[0] as Solution;
  for (const solution of solutions) if (compareScores(solution.score, winner.score) > 0) winner = solution;
  const points = solutions.flatMap((s) => s.stats.bestScoreHistory).sort((a, b) => a.elapsedMs - b.elapsedMs);
  const history: Solution['stats']['bestScoreHistory'] = [];
  for (const point of points) {
    const last = history[history.length - 1];
    if (!last || compareScores(point.score, last.score) > 0) history.push(point);
  }
  return {
    ...winner,
    stats: {
      elapsedMs: Math.max(...solutions.map((s) => s.stats.elapsedMs)),
      iterations: solutions.reduce((sum, s) => sum + s.stats.iterations, 0),
      bestScoreHistory: history,
      searches: solutions.length + failedSearches,
      ...(failedSearches > 0 ? { failedSearches } : {}),
    },
  };
}
