/**
 * A large-neighbourhood move for deep local optima, where the better schedule differs in a dozen
 * or more jobs: a job far from its ideal end (drawn by the square of its earliness) is put a few
 * workdays before its ideal end; the tag-mates it then overlaps are pushed just clear of it,
 * towards where it came from, and so on down the chain (through jobs with two tags the push
 * crosses from one tag's sequence to another's). The set is then filled with jobs on the days the
 * chain left over capacity, and topped up with tag-mates overlapping the chain's span. Every job
 * of the set is re-placed jointly and optimally by WindowSearch, each within a few workdays of
 * its old or its pushed start, or in the stretch just before its ideal end. The chain only
 * chooses the set: jobs coupled with the first one only through fully booked days come in too,
 * which the 2–4-job exact move cannot reach. The schedule changes only if the joint re-placement
 * is strictly better.
 *
 * On LARGE the better schedule moves one long early job into the fully booked stretch before its
 * ideal end, and the tag sequences there each slide a few days earlier into the room it left,
 * with a few jobs of other tags giving way on the overbooked days. Pushing over full days as
 * well (one job off each) drew mostly jobs that stay put, and a set of 22 with 4–8 of those no
 * longer closes within the node budget.
 */
import { type IncrementalScorer } from './constraints';
import { InsertionEvaluator } from './insertion';
import { earliestStartingFrom, latestEndingBy } from './moves';
import { type SeededRandom } from './prng';
import { WindowSearch } from './window-search';

export interface LargeNeighbourhoodTuning {
  /** Jobs re-placed jointly. */
  readonly size: number;
  /** Search nodes per call. */
  readonly nodeBudget: number;
  /** Workdays either side of the old and the chain's start that the window takes in. */
  readonly radius: number;
  /** Workdays before the latest start ending by the ideal end that the window takes in. */
  readonly idealReach: number;
}

export const DEFAULT_LARGE_NEIGHBOURHOOD: LargeNeighbourhoodTuning = { size: 22, nodeBudget: 10_000, radius: 3, idealReach: 10 };

export class LargeNeighbourhood {
  private readonly insertion: InsertionEvaluator;
  private readonly search: WindowSearch;
  /** The latest start at which each job ends by its ideal end (−1: none, or no ideal end). */
  private readonly idealStart: Int32Array;
  /** Search nodes used by all calls so far (their cost is what a step budget does not count). */
  nodes = 0;

  constructor(
    private readonly scorer: IncrementalScorer,
    private readonly random: SeededRandom,
    private readonly tuning: LargeNeighbourhoodTuning = DEFAULT_LARGE_NEIGHBOURHOOD,
  ) {
    this.insertion = new InsertionEvaluator(scorer);
    this.search = new WindowSearch(scorer, this.insertion, tuning.size);
    const { jobCount, startDays, idealEndDays } = scorer.problem;
    this.idealStart = new Int32Array(jobCount).fill(-1);
    for (let job = 0; job < jobCount; job++) {
      const ideal = idealEndDays[job];
      if (ideal === null || ideal === undefined) continue;
      for (let start = 0; start < startDays.length; start++) if (scorer.endOf(job, start) <= ideal) this.idealStart[job] = start;
    }
  }

  /** Tries one neighbourhood from a random early job; true if the schedule got strictly better. */
  improve(seed = this.pickSeed()): boolean {
    const scorer = this.scorer;
    if (!scorer.pooledCrews || scorer.hard > 0 || seed < 0) return false;
    const original = scorer.start.slice();
    const jobs = this.chain(seed);
    const windows = jobs.map((job) => this.window(job, original[job]!, scorer.start[job]!));
    for (const job of jobs) scorer.change(job, 0, original[job]!);
    const before = scorer.soft;
    for (const job of jobs) scorer.unassign(job);
    if (scorer.hard > 0) throw new Error('a schedule without hard penalty gained some by removing jobs');
    const improved = this.search.place(jobs, windows, before - scorer.soft, this.tuning.nodeBudget);
    this.nodes += this.search.nodes;
    if (!improved) for (const job of jobs) scorer.assign(job, 0, original[job]!);
    return improved;
  }

  /**
   * A job that ends before its ideal end, drawn in proportion to the square of how early (−1 if
   * none): the jobs furthest from their ideal ends are the ones a deep rearrangement moves.
   */
  private pickSeed(): number {
    const { jobCount, unarySoft } = this.scorer.problem;
    const startCount = this.scorer.problem.startDays.length;
    let total = 0;
    const weight = (job: number): number => unarySoft[job * startCount + this.scorer.start[job]!]! ** 2;
    for (let job = 0; job < jobCount; job++) total += weight(job);
    if (total === 0) return -1;
    let left = this.random.nextFloat() * total;
    for (let job = 0; job < jobCount; job++) {
      left -= weight(job);
      if (left < 0) return job;
    }
    return jobCount - 1;
  }

  /**
   * Runs the ejection chain from `seed` on the scorer (the caller puts the jobs back) and returns
   * the jobs it moved, then jobs on the days it left over capacity, then tag-mates overlapping
   * the chain's span.
   */
  private chain(seed: number): number[] {
    const scorer = this.scorer;
    const { jobCount, jobTags, startDays, horizon } = scorer.problem;
    const size = this.tuning.size;
    const inSet = new Uint8Array(jobCount);
    const jobs = [seed];
    inSet[seed] = 1;
    const ideal = this.idealStart[seed]!;
    const target =
      ideal >= 0 ? Math.max(0, ideal - this.random.nextInt(this.tuning.idealReach + 1)) : this.random.nextInt(startDays.length);
    // The tag-mates it lands on give way towards where it came from, and so on down the chain.
    const towardsOld = target > scorer.start[seed]!;
    scorer.change(seed, 0, target);
    const queue = [seed];
    while (queue.length > 0 && jobs.length < size) {
      const pusher = queue.shift()!;
      const from = startDays[scorer.start[pusher]!]!;
      const to = scorer.endOf(pusher, scorer.start[pusher]!);
      const colliding: number[] = [];
      for (let other = 0; other < jobCount; other++) {
        if (inSet[other] === 1 || !jobTags[other]!.some((tag) => jobTags[pusher]!.includes(tag))) continue;
        const otherFrom = startDays[scorer.start[other]!]!;
        if (Math.max(from, otherFrom) < Math.min(to, scorer.endOf(other, scorer.start[other]!))) colliding.push(other);
      }
      this.shuffle(colliding);
      for (const other of colliding) {
        if (jobs.length >= size) break;
        jobs.push(other);
        inSet[other] = 1;
        const clear = towardsOld ? latestEndingBy(this.scorer, other, from) : earliestStartingFrom(this.scorer, to);
        if (clear >= 0) scorer.change(other, 0, clear);
        queue.push(other);
      }
    }
    // Jobs on the days the chain left over capacity: some of them must give way.
    const crowded: number[] = [];
    for (let other = 0; other < jobCount; other++) {
      if (inSet[other] === 1) continue;
      const to = scorer.endOf(other, scorer.start[other]!);
      for (let day = startDays[scorer.start[other]!]!; day < to; day++) {
        if (scorer.crewOccupancy[day]! <= scorer.capacity) continue;
        crowded.push(other);
        break;
      }
    }
    this.shuffle(crowded);
    for (const other of crowded.slice(0, size - jobs.length)) {
      jobs.push(other);
      inSet[other] = 1;
    }
    // Top up with tag-mates overlapping the set's span, at random.
    let spanFrom = horizon;
    let spanTo = 0;
    for (const job of jobs) {
      spanFrom = Math.min(spanFrom, startDays[scorer.start[job]!]!);
      spanTo = Math.max(spanTo, scorer.endOf(job, scorer.start[job]!));
    }
    const tags = new Set(jobs.flatMap((job) => jobTags[job]!));
    const extra: number[] = [];
    for (let other = 0; other < jobCount && jobs.length + extra.length < jobCount; other++) {
      if (inSet[other] === 1 || !jobTags[other]!.some((tag) => tags.has(tag))) continue;
      if (startDays[scorer.start[other]!]! < spanTo && spanFrom < scorer.endOf(other, scorer.start[other]!)) extra.push(other);
    }
    this.shuffle(extra);
    for (const other of extra.slice(0, size - jobs.length)) jobs.push(other);
    return jobs;
  }

  /** Starts near the old one, near the chain's one, or just before the ideal end. */
  private window(job: number, oldStart: number, chainStart: number): Uint8Array {
    const startCount = this.scorer.problem.startDays.length;
    const window = new Uint8Array(startCount);
    const mark = (from: number, to: number): void => {
      for (let start = Math.max(0, from); start <= Math.min(startCount - 1, to); start++) window[start] = 1;
    };
    const radius = this.tuning.radius;
    mark(oldStart - radius, oldStart + radius);
    mark(chainStart - radius, chainStart + radius);
    const ideal = this.idealStart[job]!;
    if (ideal >= 0) mark(ideal - this.tuning.idealReach, ideal);
    return window;
  }

  private shuffle(jobs: number[]): void {
    for (let index = jobs.length - 1; index > 0; index--) {
      const other = this.random.nextInt(index + 1);
      [jobs[index], jobs[other]] = [jobs[other]!, jobs[index]!];
    }
  }
}
