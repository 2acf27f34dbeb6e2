/**
 * The solver for the Timefold maintenance problem: a greedy construction, then simulated
 * annealing over seven moves (change, swap, best reinsertion, ruin and recreate, ejection, push
 * along a tag's sequence, and an exact joint re-placement of a few jobs), and on instances with at
 * least `largeNeighbourhoodMinJobs` jobs an eighth: an exact re-placement of about twenty jobs
 * chosen by an ejection chain (large-neighbourhood.ts). Seeded and anytime: it keeps the best schedule and
 * returns it at the time or step limit; with only a step limit a seed always gives the same
 * result.
 *
 * Crews are interchangeable in the quickstart (no constraint names a crew), so the search moves
 * starts only, with the crews pooled (see IncrementalScorer), and gives crews by first fit: exact
 * whenever no day needs more crews than there are. If the pooled search has not got there by
 * half its budget, the rest searches per crew, which scores crew conflicts exactly.
 *
 * Once a schedule without hard penalty is known, the annealing's energy weighs a hard unit as
 * only a few tag-conflict days, so the search can pass through a crowded day to reorder a tight
 * stretch; the best is still kept by the real score, hard first.
 */
import { IncrementalScorer, comparePenalty, scoreSchedule } from './constraints';
import { assignCrews } from './crew-assignment';
import { ExactRecreate } from './exact-recreate';
import { InsertionEvaluator, LEXICOGRAPHIC, constructGreedy } from './insertion';
import { DEFAULT_LARGE_NEIGHBOURHOOD, LargeNeighbourhood, type LargeNeighbourhoodTuning } from './large-neighbourhood';
import { type CompiledProblem, type Penalty, type Schedule } from './model';
import { Moves, UndoLog } from './moves';
import { SeededRandom } from './prng';

export type MoveName = 'exact' | 'eject' | 'push' | 'change' | 'swap' | 'reinsert' | 'ruin' | 'large';

export interface SearchTuning {
  /** Steps per cooling cycle, and its start and end temperatures (soft units). */
  readonly cycleLength: number;
  readonly startTemperature: number;
  readonly endTemperature: number;
  /** Steps without a new best before the search goes back to its best. */
  readonly restartAfter: number;
  /** Energy of one hard unit once a schedule without hard penalty is known. */
  readonly feasibleHardWeight: number;
  /** How often each move is tried (relative weights). */
  readonly moveShares: Readonly<Record<MoveName, number>>;
  /** Exact re-placement: at most this many jobs, and this many search nodes per step. */
  readonly exactMaxJobs: number;
  readonly exactNodeBudget: number;
  /** The large-neighbourhood move (see large-neighbourhood.ts). */
  readonly largeNeighbourhood: LargeNeighbourhoodTuning;
  /**
   * Fewer jobs than this and the large move is off (its share counts as 0): on a small instance
   * the few-job moves reach the optimum within a few thousand steps and the move only slows them.
   */
  readonly largeNeighbourhoodMinJobs: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  cycleLength: 100_000,
  startTemperature: 2_000,
  endTemperature: 0.5,
  restartAfter: 300_000,
  feasibleHardWeight: 6_000,
  moveShares: { exact: 0.02, eject: 0.1, push: 0.1, change: 0.08, swap: 0.15, reinsert: 0.15, ruin: 0.4, large: 0.001 },
  exactMaxJobs: 4,
  exactNodeBudget: 200,
  largeNeighbourhood: DEFAULT_LARGE_NEIGHBOURHOOD,
  largeNeighbourhoodMinJobs: 30,
};

export interface SolveOptions {
  readonly seed?: number;
  /** Wall-clock limit; checked every 64 steps. Default 10 s when no step limit is given. */
  readonly timeLimitMs?: number;
  /** Step limit: with no time limit, the run is deterministic per seed. */
  readonly maxIterations?: number;
  /**
   * Steps each large-neighbourhood search node counts as against `maxIterations` (default 0):
   * a deterministic stand-in for the time those nodes take.
   */
  readonly stepsPerSearchNode?: number;
  /** Stop as soon as the best reaches this penalty (e.g. a known optimum). */
  readonly targetPenalty?: Penalty;
  /** Start from this schedule instead of the greedy construction. */
  readonly initial?: Schedule;
  readonly tuning?: Partial<SearchTuning>;
  readonly now?: () => number;
}

export interface Improvement extends Penalty {
  readonly elapsedMs: number;
  readonly iteration: number;
}

export interface SolveResult {
  readonly schedule: Schedule;
  readonly penalty: Penalty;
  readonly iterations: number;
  readonly elapsedMs: number;
  /** Every new best (exact scores), in order: the first is the starting schedule's. */
  readonly improvements: readonly Improvement[];
  readonly stoppedBy: 'time' | 'iterations' | 'target';
  /** Large-neighbourhood search nodes visited. */
  readonly searchNodes: number;
}

const DEFAULT_TIME_LIMIT_MS = 10_000;

interface Budget {
  readonly deadline: number;
  readonly maxIterations: number;
}

export function solveTimefoldMaintenance(problem: CompiledProblem, options: SolveOptions = {}): SolveResult {
  if (problem.jobCount > 0 && problem.crewCount === 0) throw new RangeError('jobs need at least one crew');
  const given: SearchTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const largeOn = problem.jobCount >= given.largeNeighbourhoodMinJobs;
  const tuning: SearchTuning = largeOn ? given : { ...given, moveShares: { ...given.moveShares, large: 0 } };
  const stepsPerSearchNode = options.stepsPerSearchNode ?? 0;
  let searchNodes = 0;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const random = new SeededRandom(options.seed ?? 0);
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined ? DEFAULT_TIME_LIMIT_MS : Infinity);
  const maxIterations = options.maxIterations ?? Infinity;

  let iteration = 0;
  let stoppedBy: SolveResult['stoppedBy'] = 'iterations';
  let best: Schedule = { crew: new Int32Array(problem.jobCount), start: new Int32Array(problem.jobCount) };
  let bestPenalty: Penalty = { hard: Infinity, soft: Infinity };
  const improvements: Improvement[] = [];

  /** Keeps a schedule if its exact score beats the best. */
  const offer = (schedule: Schedule, exact: Penalty): void => {
    if (comparePenalty(exact, bestPenalty) >= 0) return;
    best = schedule;
    bestPenalty = exact;
    improvements.push({ ...exact, elapsedMs: now() - started, iteration });
  };
  const reachedTarget = (): boolean => options.targetPenalty !== undefined && comparePenalty(bestPenalty, options.targetPenalty) <= 0;
  const withCrews = (scorer: IncrementalScorer): Schedule => {
    const start = scorer.start.slice();
    return { crew: scorer.pooledCrews ? assignCrews(problem, start) : scorer.crew.slice(), start };
  };

  const moveNames = Object.keys(tuning.moveShares) as MoveName[];
  const shareTotal = moveNames.reduce((sum, move) => sum + tuning.moveShares[move], 0);
  const pickMove = (draw: number): MoveName => {
    let left = draw * shareTotal;
    for (const move of moveNames) {
      left -= tuning.moveShares[move];
      if (left < 0) return move;
    }
    return 'ruin';
  };

  const pooled = new IncrementalScorer(problem, options.initial, { pooledCrews: true });
  if (!options.initial) constructGreedy(pooled, random);
  const initialSchedule = options.initial ?? withCrews(pooled);
  offer(initialSchedule, scoreSchedule(problem, initialSchedule));

  if (problem.jobCount > 0) {
    anneal(pooled, { deadline: started + timeLimitMs / 2, maxIterations: maxIterations / 2 });
    const whole: Budget = { deadline: started + timeLimitMs, maxIterations };
    if (bestPenalty.hard === 0 || reachedTarget()) anneal(pooled, whole);
    else anneal(new IncrementalScorer(problem, best), whole);
  }

  const penalty = scoreSchedule(problem, best);
  if (comparePenalty(penalty, bestPenalty) !== 0) throw new Error('the best schedule lost its score: a scorer is wrong');
  return { schedule: best, penalty, iterations: iteration, elapsedMs: now() - started, improvements, stoppedBy, searchNodes };

  function anneal(scorer: IncrementalScorer, budget: Budget): void {
    const weights = { hard: LEXICOGRAPHIC };
    const insertion = new InsertionEvaluator(scorer, weights);
    const exact = new ExactRecreate(scorer, insertion, tuning.exactMaxJobs, tuning.exactNodeBudget);
    const undo = new UndoLog();
    const moves = new Moves(scorer, insertion, random, undo, exact, weights);
    const large = tuning.moveShares.large > 0 ? new LargeNeighbourhood(scorer, random, tuning.largeNeighbourhood) : undefined;
    const runMove = (move: MoveName): void => {
      // Changes the schedule only when strictly better, so it needs no undo.
      if (move === 'large') {
        const before = large?.nodes ?? 0;
        large?.improve();
        searchNodes += (large?.nodes ?? 0) - before;
      } else if (move === 'exact') moves.exactRecreate(2 + random.nextInt(tuning.exactMaxJobs - 1));
      else if (move === 'ruin') moves.ruinAndRecreate();
      else moves[move]();
    };
    let searchBest = scorer.penalty();
    let searchBestSchedule = scorer.snapshot();
    let lastBestIteration = iteration;
    const coolingRatio = tuning.endTemperature / tuning.startTemperature;
    for (;;) {
      if (reachedTarget()) {
        stoppedBy = 'target';
        return;
      }
      if (iteration + searchNodes * stepsPerSearchNode >= budget.maxIterations) {
        stoppedBy = 'iterations';
        return;
      }
      if ((iteration & 63) === 0 && now() >= budget.deadline) {
        stoppedBy = 'time';
        return;
      }
      iteration++;
      weights.hard = bestPenalty.hard === 0 ? tuning.feasibleHardWeight : LEXICOGRAPHIC;
      const currentHard = scorer.hard;
      const currentSoft = scorer.soft;
      runMove(pickMove(random.nextFloat()));

      const temperature = tuning.startTemperature * Math.pow(coolingRatio, (iteration % tuning.cycleLength) / tuning.cycleLength);
      const energy = (scorer.hard - currentHard) * weights.hard + (scorer.soft - currentSoft);
      if (energy <= 0 || random.nextFloat() < Math.exp(-energy / temperature)) undo.clear();
      else undo.undo(scorer);

      if (comparePenalty(scorer, searchBest) < 0) {
        searchBest = scorer.penalty();
        searchBestSchedule = scorer.snapshot();
        lastBestIteration = iteration;
        const schedule = withCrews(scorer);
        // Pooled and exact scores agree when no day is over capacity; otherwise rescore.
        offer(schedule, scorer.pooledCrews && scorer.hard > 0 ? scoreSchedule(problem, schedule) : searchBest);
      } else if (iteration - lastBestIteration >= tuning.restartAfter) {
        for (let job = 0; job < problem.jobCount; job++) scorer.change(job, searchBestSchedule.crew[job]!, searchBestSchedule.start[job]!);
        lastBestIteration = iteration;
      }
    }
  }
}
