/**
 * Re-places a larger set of jobs (up to about twenty) jointly and optimally given all others, each
 * within its own window of starts, by depth-first branch and bound, for schedules without hard
 * penalty on pooled crews.
 *
 * Bound: the cost so far plus each remaining job's cheapest insertion now (placing more jobs never
 * lowers an insertion cost), plus, over disjoint pairs of remaining jobs, what placing the two
 * together costs above their two cheapest insertions: a shared tag's overlap days, or a day on
 * which both would need the last free crew. The pairs are matched greedily, largest excess first;
 * any disjoint set of pairs gives a valid bound. This pair term is what lets a chain of jobs that
 * all want the same stretch close in a few thousand nodes rather than hundreds of thousands.
 *
 * Insertion costs are computed in full once per call, over each job's window; a child node then
 * updates its parent's costs by what the job just placed adds (its shared tags' overlap days, and
 * the days it filled), over the starts still open. All buffers are typed and allocated once.
 *
 * Any hard penalty is ruled out: a completion is accepted only below an upper bound taken from a
 * schedule without hard penalty.
 */
import { CONSTRAINT_WEIGHTS } from './model';
import { type IncrementalScorer } from './constraints';
import { type InsertionEvaluator, LEXICOGRAPHIC } from './insertion';

export class WindowSearch {
  /** Nodes the last call visited. */
  nodes = 0;
  private nodeBudget = 0;
  private readonly startCount: number;
  private jobs: readonly number[] = [];
  /** Per depth: the remaining jobs (set positions), in set order. */
  private readonly remaining: Int32Array[];
  /** Per depth, at [local * startCount + k]: the k-th start still open to that job, ascending... */
  private readonly open: Int32Array[];
  /** ...its insertion cost now... */
  private readonly openCost: Float64Array[];
  /** ...and how many starts are open, per job. */
  private readonly openCount: Int32Array[];
  /** Per depth, at [local * startCount + k]: the starts that can still be part of a better completion, cheapest first. */
  private readonly candidates: Int32Array[];
  private readonly candidateCost: Float64Array[];
  private readonly candidateCount: Int32Array[];
  /** Per depth: each remaining job's cheapest insertion. */
  private readonly least: Float64Array[];
  /** One job's insertion cost and crew by start, for the full computation. */
  private readonly row: Float64Array;
  private readonly rowCrews: Int32Array;
  /** Prefix counts of days with one free crew left (pair bound) or none (child update). */
  private readonly fullDays: Int32Array;
  private readonly closedDays: Int32Array;
  /** sharedTags[a * maxJobs + b]: tags the set's a-th and b-th jobs share. */
  private readonly sharedTags: Int32Array;
  private readonly pairA: Int32Array;
  private readonly pairB: Int32Array;
  private readonly pairExcessOf: Float64Array;
  private readonly paired: Uint8Array;
  private bestCost = Infinity;
  private readonly bestStarts: Int32Array;
  private readonly starts: Int32Array;

  constructor(
    private readonly scorer: IncrementalScorer,
    /** Must weigh hard lexicographically. */
    private readonly insertion: InsertionEvaluator,
    private readonly maxJobs: number,
  ) {
    const startCount = scorer.problem.startDays.length;
    this.startCount = startCount;
    const perDepth = <T>(make: () => T): T[] => Array.from({ length: maxJobs + 1 }, make);
    this.remaining = perDepth(() => new Int32Array(maxJobs));
    this.open = perDepth(() => new Int32Array(maxJobs * startCount));
    this.openCost = perDepth(() => new Float64Array(maxJobs * startCount));
    this.openCount = perDepth(() => new Int32Array(maxJobs));
    this.candidates = perDepth(() => new Int32Array(maxJobs * startCount));
    this.candidateCost = perDepth(() => new Float64Array(maxJobs * startCount));
    this.candidateCount = perDepth(() => new Int32Array(maxJobs));
    this.least = perDepth(() => new Float64Array(maxJobs));
    this.row = new Float64Array(startCount);
    this.rowCrews = new Int32Array(startCount);
    this.fullDays = new Int32Array(scorer.problem.horizon + 1);
    this.closedDays = new Int32Array(scorer.problem.horizon + 1);
    this.sharedTags = new Int32Array(maxJobs * maxJobs);
    const pairs = (maxJobs * (maxJobs - 1)) / 2;
    this.pairA = new Int32Array(pairs);
    this.pairB = new Int32Array(pairs);
    this.pairExcessOf = new Float64Array(pairs);
    this.paired = new Uint8Array(maxJobs);
    this.bestStarts = new Int32Array(maxJobs);
    this.starts = new Int32Array(maxJobs);
  }

  /**
   * Places the unassigned `jobs` (the i-th within the starts `windows[i]` marks) at the cheapest
   * joint placement costing less than `upperBound` and returns true, or returns false and leaves
   * them unassigned. Gives up after `nodeBudget` nodes, keeping the best completion found.
   */
  place(jobs: readonly number[], windows: readonly Uint8Array[], upperBound: number, nodeBudget: number): boolean {
    if (jobs.length > this.maxJobs) throw new RangeError(`at most ${this.maxJobs} jobs`);
    if (!this.scorer.pooledCrews || upperBound >= LEXICOGRAPHIC)
      throw new RangeError('needs pooled crews and an upper bound without hard penalty');
    const { jobTags } = this.scorer.problem;
    const startCount = this.startCount;
    this.jobs = jobs;
    this.nodes = 0;
    this.nodeBudget = nodeBudget;
    this.bestCost = upperBound;
    for (let a = 0; a < jobs.length; a++) {
      for (let b = 0; b < jobs.length; b++) {
        this.sharedTags[a * this.maxJobs + b] = a === b ? 0 : jobTags[jobs[a]!]!.filter((tag) => jobTags[jobs[b]!]!.includes(tag)).length;
      }
    }
    const open = this.open[0]!;
    const openCost = this.openCost[0]!;
    const openCount = this.openCount[0]!;
    for (let local = 0; local < jobs.length; local++) {
      this.remaining[0]![local] = local;
      this.insertion.costs(jobs[local]!, this.row, this.rowCrews);
      const window = windows[local]!;
      let count = 0;
      for (let start = 0; start < startCount; start++) {
        if (window[start] === 0 || this.row[start]! >= LEXICOGRAPHIC) continue;
        open[local * startCount + count] = start;
        openCost[local * startCount + count] = this.row[start]!;
        count++;
      }
      openCount[local] = count;
    }
    const before = this.bestCost;
    this.search(0, 0);
    if (this.bestCost === before) return false;
    jobs.forEach((job, index) => this.scorer.assign(job, 0, this.bestStarts[index]!));
    return true;
  }

  private search(depth: number, cost: number): void {
    this.nodes++;
    const count = this.jobs.length - depth;
    if (count === 0) {
      if (cost < this.bestCost) {
        this.bestCost = cost;
        this.bestStarts.set(this.starts);
      }
      return;
    }
    if (this.nodes > this.nodeBudget) return;

    const startCount = this.startCount;
    const remaining = this.remaining[depth]!;
    const open = this.open[depth]!;
    const openCost = this.openCost[depth]!;
    const openCount = this.openCount[depth]!;
    const least = this.least[depth]!;
    let bound = cost;
    for (let r = 0; r < count; r++) {
      const local = remaining[r]!;
      const base = local * startCount;
      let min = Infinity;
      for (let k = 0; k < openCount[local]!; k++) if (openCost[base + k]! < min) min = openCost[base + k]!;
      least[local] = min;
      bound += min;
    }
    if (bound >= this.bestCost) return;

    // Starts that can still be part of a better completion, cheapest first (ties: earliest).
    const slack = this.bestCost - bound;
    const candidates = this.candidates[depth]!;
    const candidateCost = this.candidateCost[depth]!;
    const candidateCount = this.candidateCount[depth]!;
    for (let r = 0; r < count; r++) {
      const local = remaining[r]!;
      const base = local * startCount;
      const limit = least[local]! + slack;
      let listed = 0;
      for (let k = 0; k < openCount[local]!; k++) {
        const value = openCost[base + k]!;
        if (value >= limit) continue;
        // Insertion sort: the lists are short and mostly in order already.
        let at = listed++;
        while (at > 0 && candidateCost[base + at - 1]! > value) {
          candidates[base + at] = candidates[base + at - 1]!;
          candidateCost[base + at] = candidateCost[base + at - 1]!;
          at--;
        }
        candidates[base + at] = open[base + k]!;
        candidateCost[base + at] = value;
      }
      candidateCount[local] = listed;
    }
    const excess = count > 1 ? this.pairExcess(depth, slack) : 0;
    if (excess >= slack) return;

    // Branch on the job with the fewest candidate starts: it is the most constrained.
    let branch = remaining[0]!;
    for (let r = 0; r < count; r++) {
      const local = remaining[r]!;
      const fewer = candidateCount[local]! - candidateCount[branch]!;
      if (fewer < 0 || (fewer === 0 && least[local]! > least[branch]!)) branch = local;
    }
    const job = this.jobs[branch]!;
    const others = bound - cost - least[branch]!;
    const rest = this.remaining[depth + 1]!;
    let restCount = 0;
    for (let r = 0; r < count; r++) if (remaining[r] !== branch) rest[restCount++] = remaining[r]!;
    const branchBase = branch * startCount;
    for (let k = 0; k < candidateCount[branch]!; k++) {
      const start = candidates[branchBase + k]!;
      const startCost = candidateCost[branchBase + k]!;
      if (cost + startCost + others >= this.bestCost || this.nodes > this.nodeBudget) break;
      this.scorer.assign(job, 0, start);
      this.starts[branch] = start;
      this.updateChild(depth, branch, start);
      this.search(depth + 1, cost + startCost);
      this.scorer.unassign(job);
    }
  }

  /**
   * The child's open starts and costs, from the parent's, once the set's `placed`-th job is put at
   * `start`: only days it covers changed, so a start overlapping it gains its shared tags'
   * overlap days and closes if one of those days now has no free crew.
   */
  private updateChild(depth: number, placed: number, start: number): void {
    const { startDays, endDays, horizon } = this.scorer.problem;
    const startCount = this.startCount;
    const from = startDays[start]!;
    const to = endDays[this.jobs[placed]! * startCount + start]!;
    const occupancy = this.scorer.crewOccupancy;
    const capacity = this.scorer.capacity;
    const closed = this.closedDays;
    closed[from] = 0;
    for (let day = from; day < to && day < horizon; day++) closed[day + 1] = closed[day]! + (occupancy[day]! >= capacity ? 1 : 0);
    const tagWeight = CONSTRAINT_WEIGHTS.tagConflict;
    const parentOpen = this.open[depth]!;
    const parentCost = this.openCost[depth]!;
    const parentCount = this.openCount[depth]!;
    const childOpen = this.open[depth + 1]!;
    const childCost = this.openCost[depth + 1]!;
    const childCount = this.openCount[depth + 1]!;
    const rest = this.remaining[depth + 1]!;
    for (let r = 0; r < this.jobs.length - depth - 1; r++) {
      const local = rest[r]!;
      const cells = this.jobs[local]! * startCount;
      const shared = this.sharedTags[local * this.maxJobs + placed]! * tagWeight;
      const base = local * startCount;
      let count = 0;
      for (let k = 0; k < parentCount[local]!; k++) {
        const other = parentOpen[base + k]!;
        let value = parentCost[base + k]!;
        const lo = Math.max(from, startDays[other]!);
        const hi = Math.min(to, endDays[cells + other]!);
        if (lo < hi) {
          if (closed[hi]! - closed[lo]! > 0) continue;
          value += shared * (hi - lo);
        }
        childOpen[base + count] = other;
        childCost[base + count] = value;
        count++;
      }
      childCount[local] = count;
    }
  }

  /**
   * A lower bound on what the remaining jobs cost together above their cheapest insertions: the
   * excess of disjoint pairs, matched greedily. Returns at least `slack` as soon as one pair alone
   * reaches it.
   */
  private pairExcess(depth: number, slack: number): number {
    const { startDays, endDays, horizon } = this.scorer.problem;
    const startCount = this.startCount;
    const spare = this.scorer.capacity - 1;
    const occupancy = this.scorer.crewOccupancy;
    const fullDays = this.fullDays;
    for (let day = 0; day < horizon; day++) fullDays[day + 1] = fullDays[day]! + (occupancy[day]! >= spare ? 1 : 0);
    const remaining = this.remaining[depth]!;
    const count = this.jobs.length - depth;
    const least = this.least[depth]!;
    const candidates = this.candidates[depth]!;
    const candidateCount = this.candidateCount[depth]!;
    const candidateCost = this.candidateCost[depth]!;
    let pairs = 0;
    for (let i = 0; i < count; i++) {
      const a = remaining[i]!;
      const cellsA = this.jobs[a]! * startCount;
      const baseA = a * startCount;
      for (let j = i + 1; j < count; j++) {
        const b = remaining[j]!;
        const cellsB = this.jobs[b]! * startCount;
        const baseB = b * startCount;
        const shared = this.sharedTags[a * this.maxJobs + b]! * CONSTRAINT_WEIGHTS.tagConflict;
        const base = least[a]! + least[b]!;
        let joint = base + slack;
        for (let ka = 0; ka < candidateCount[a]!; ka++) {
          const startA = candidates[baseA + ka]!;
          const costA = candidateCost[baseA + ka]!;
          if (costA + least[b]! >= joint) break;
          const fromA = startDays[startA]!;
          const toA = endDays[cellsA + startA]!;
          for (let kb = 0; kb < candidateCount[b]!; kb++) {
            const startB = candidates[baseB + kb]!;
            const total = costA + candidateCost[baseB + kb]!;
            if (total >= joint) break;
            const lo = Math.max(fromA, startDays[startB]!);
            const hi = Math.min(toA, endDays[cellsB + startB]!);
            if (lo < hi) {
              if (fullDays[hi]! - fullDays[lo]! > 0) continue;
              const extra = total + shared * (hi - lo);
              if (extra < joint) joint = extra;
            } else joint = total;
          }
        }
        const excess = joint - base;
        if (excess >= slack) return excess;
        if (excess > 0) {
          this.pairA[pairs] = a;
          this.pairB[pairs] = b;
          this.pairExcessOf[pairs] = excess;
          pairs++;
        }
      }
    }
    // Greedy matching, largest excess first (ties: the pair found first).
    const paired = this.paired;
    for (let r = 0; r < count; r++) paired[remaining[r]!] = 0;
    let total = 0;
    for (;;) {
      let pick = -1;
      for (let p = 0; p < pairs; p++) {
        if (paired[this.pairA[p]!] === 1 || paired[this.pairB[p]!] === 1) continue;
        if (pick < 0 || this.pairExcessOf[p]! > this.pairExcessOf[pick]!) pick = p;
      }
      if (pick < 0) return total;
      paired[this.pairA[pick]!] = 1;
      paired[this.pairB[pick]!] = 1;
      total += this.pairExcessOf[pick]!;
    }
  }
}
