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
    // Locals, not fields, in the loops: this runs for every insertion of every step.
    const crewPrefix = this.crewPrefix;
    for (let row = 0; row < this.rows; row++) {
      const base = row * this.stride;
      const source = row * horizon;
      let running = 0;
      crewPrefix[base] = 0;
      for (let day = 0; day < horizon; day++) {
        const others = occupancy[source + day]!;
        if (others > spare) running += others - spare;
        crewPrefix[base + day + 1] = running;
      }
    }
    const tagPrefix = this.tagPrefix;
    const tagOccupancy = this.scorer.tagOccupancy;
    const tags = problem.jobTags[job]!;
    tagPrefix[0] = 0;
    // The first tag writes the sums; any further tag adds to them.
    for (let index = 0; index < tags.length; index++) {
      const source = tags[index]! * horizon;
      let running = 0;
      if (index === 0) {
        for (let day = 0; day < horizon; day++) {
          running += tagOccupancy[source + day]!;
          tagPrefix[day + 1] = running;
        }
      } else {
        for (let day = 0; day < horizon; day++) {
          running += tagOccupancy[source + day]!;
          tagPrefix[day + 1] = tagPrefix[day + 1]! + running;
        }
      }
    }
    if (tags.length === 0) tagPrefix.fill(0);
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
    // Locals, not fields, in the loop: it runs for every start of every insertion.
    const tagPrefix = this.tagPrefix;
    const crewPrefix = this.crewPrefix;
    const rows = this.rows;
    const stride = this.stride;
    const tagWeight = CONSTRAINT_WEIGHTS.tagConflict;
    const hardWeight = this.weights.hard;
    const lexicographic = hardWeight >= LEXICOGRAPHIC;
    let bestHard = Infinity;
    let bestSoft = Infinity;
    let bestCrew = 0;
    let bestStart = 0;
    let ties = 0;
    for (let start = 0; start < startCount; start++) {
      const cell = job * startCount + start;
      const from = startDays[start]!;
      const to = endDays[cell]!;
      const soft = unarySoft[cell]! + tagWeight * (tagPrefix[to]! - tagPrefix[from]!);
      const unary = unaryHard[cell]!;
      if (lexicographic && unary > bestHard) continue;
      for (let crew = 0; crew < rows; crew++) {
        const base = crew * stride;
        const hard = unary + crewPrefix[base + to]! - crewPrefix[base + from]!;
        const better = lexicographic
          ? hard < bestHard || (hard === bestHard && soft < bestSoft)
          : hard * hardWeight + soft < bestHard * hardWeight + bestSoft;
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
