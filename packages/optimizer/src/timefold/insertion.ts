/**
 * Best insertion of one job into the current schedule, and the greedy construction built on it.
 *
 * With the job out of the schedule, placing it on crew c over days [s, e) adds
 * Σ_{t∈[s,e)} crewOccupancy[c][t] crew-conflict days and 1,000 × Σ_tags Σ_{t∈[s,e)}
 * tagOccupancy[tag][t] tag-conflict units; prefix sums over the horizon make every one of the
 * crews × starts candidates O(1).
 */
import { CONSTRAINT_WEIGHTS, type CompiledProblem, type Penalty } from './model';
import { type IncrementalScorer, UNASSIGNED } from './constraints';
import { type SeededRandom } from './prng';

/** A hard weight this large makes hard × weight + soft order penalties hard first. */
export const LEXICOGRAPHIC = 1e9;

/** How the search weighs a hard unit against soft ones; shared, so the solver can change it. */
export interface EnergyWeights {
  hard: number;
}

export interface InsertionChoice extends Penalty {
  readonly crew: number;
  readonly start: number;
}

export class InsertionEvaluator {
  private readonly crewPrefix: Float64Array;
  private readonly tagPrefix: Float64Array;
  private readonly stride: number;
  private readonly rows: number;

  constructor(
    private readonly scorer: IncrementalScorer,
    /** From LEXICOGRAPHIC up: hard first, then soft; below: hard × weight + soft. */
    private readonly weights: EnergyWeights = { hard: LEXICOGRAPHIC },
  ) {
    const { horizon, crewCount } = scorer.problem;
    this.stride = horizon + 1;
    this.rows = scorer.pooledCrews ? 1 : crewCount;
    this.crewPrefix = new Float64Array(crewCount * this.stride);
    this.tagPrefix = new Float64Array(this.stride);
  }

  /** Prefix sums of what placing `job` adds per crew row and over its tags, day by day. */
  private prepare(job: number): void {
    const problem: CompiledProblem = this.scorer.problem;
    if (this.scorer.crew[job] !== UNASSIGNED) throw new Error(`job ${job} must be unassigned first`);
    const { horizon } = problem;
    const spare = this.scorer.capacity - 1;
    const occupancy = this.scorer.crewOccupancy;
    for (let row = 0; row < this.rows; row++) {
      const base = row * this.stride;
      const source = row * horizon;
      this.crewPrefix[base] = 0;
      for (let day = 0; day < horizon; day++) {
        const added = Math.max(0, occupancy[source + day]! - spare);
        this.crewPrefix[base + day + 1] = this.crewPrefix[base + day]! + added;
      }
    }
    this.tagPrefix.fill(0);
    for (const tag of problem.jobTags[job]!) {
      const source = tag * horizon;
      let running = 0;
      for (let day = 0; day < horizon; day++) {
        running += this.scorer.tagOccupancy[source + day]!;
        this.tagPrefix[day + 1] = this.tagPrefix[day + 1]! + running;
      }
    }
  }

  /**
   * The placement of an unassigned job that adds the least penalty (hard first, then soft);
   * ties are broken uniformly at random so repeated insertions explore. With pooled crews the
   * crew returned is 0: crews are given after the search.
   */
  best(job: number, random: SeededRandom): InsertionChoice {
    this.prepare(job);
    const { startDays, endDays, unaryHard, unarySoft } = this.scorer.problem;
    const startCount = startDays.length;
    let bestHard = Infinity;
    let bestSoft = Infinity;
    let bestCrew = 0;
    let bestStart = 0;
    let ties = 0;
    for (let start = 0; start < startCount; start++) {
      const cell = job * startCount + start;
      const from = startDays[start]!;
      const to = endDays[cell]!;
      const soft = unarySoft[cell]! + CONSTRAINT_WEIGHTS.tagConflict * (this.tagPrefix[to]! - this.tagPrefix[from]!);
      const unary = unaryHard[cell]!;
      const lexicographic = this.weights.hard >= LEXICOGRAPHIC;
      if (lexicographic && unary > bestHard) continue;
      for (let crew = 0; crew < this.rows; crew++) {
        const base = crew * this.stride;
        const hard = unary + this.crewPrefix[base + to]! - this.crewPrefix[base + from]!;
        const better = lexicographic
          ? hard < bestHard || (hard === bestHard && soft < bestSoft)
          : hard * this.weights.hard + soft < bestHard * this.weights.hard + bestSoft;
        if (better) {
          bestHard = hard;
          bestSoft = soft;
          bestCrew = crew;
          bestStart = start;
          ties = 1;
        } else if (hard === bestHard && soft === bestSoft) {
          ties++;
          if (random.nextInt(ties) === 0) {
            bestCrew = crew;
            bestStart = start;
          }
        }
      }
    }
    return { crew: bestCrew, start: bestStart, hard: bestHard, soft: bestSoft };
  }

  /**
   * For every start, the added penalty of an unassigned job at its best crew there, as one
   * number (hard × the hard weight + soft) per start; the crews go to `crewOut`.
   */
  costs(job: number, costOut: Float64Array, crewOut: Int32Array): void {
    this.prepare(job);
    const { startDays, endDays, unaryHard, unarySoft } = this.scorer.problem;
    const startCount = startDays.length;
    for (let start = 0; start < startCount; start++) {
      const cell = job * startCount + start;
      const from = startDays[start]!;
      const to = endDays[cell]!;
      let leastHard = Infinity;
      let leastCrew = 0;
      for (let crew = 0; crew < this.rows; crew++) {
        const base = crew * this.stride;
        const hard = this.crewPrefix[base + to]! - this.crewPrefix[base + from]!;
        if (hard < leastHard) {
          leastHard = hard;
          leastCrew = crew;
        }
      }
      const soft = unarySoft[cell]! + CONSTRAINT_WEIGHTS.tagConflict * (this.tagPrefix[to]! - this.tagPrefix[from]!);
      costOut[start] = (unaryHard[cell]! + leastHard) * this.weights.hard + soft;
      crewOut[start] = leastCrew;
    }
  }

  /** Inserts each unassigned job of `jobs`, in that order, at its best placement. */
  insertAll(jobs: readonly number[], random: SeededRandom): void {
    for (const job of jobs) {
      const choice = this.best(job, random);
      this.scorer.assign(job, choice.crew, choice.start);
    }
  }
}

/**
 * Greedy construction: the tightest jobs first (least slack between ready and due dates, then
 * the longest), each at its best placement given the ones already placed.
 */
export function constructGreedy(scorer: IncrementalScorer, random: SeededRandom): void {
  const problem = scorer.problem;
  const slack = (job: number): number => {
    const ready = problem.readyDays[job] ?? 0;
    const due = problem.dueDays[job] ?? problem.horizon;
    return due - ready - problem.durations[job]!;
  };
  const order = Array.from({ length: problem.jobCount }, (_, job) => job).sort(
    (a, b) => slack(a) - slack(b) || problem.durations[b]! - problem.durations[a]! || a - b,
  );
  const evaluator = new InsertionEvaluator(scorer);
  evaluator.insertAll(
    order.filter((job) => scorer.crew[job] === UNASSIGNED),
    random,
  );
}
