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
 * the days it filled), over the starts still open. Each job's open starts are kept cheapest first
 * (ties: earliest), so its cheapest insertion is the first and the starts that can still be part
 * of a better completion are a prefix: a child re-sorts only the few starts the placed job
 * overlaps and merges them back. The search places jobs on its own copy of the crew occupancy, not
 * through the scorer, whose tag and penalty totals it does not read. All buffers are typed and
 * allocated once.
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
  /**
   * Per depth and job, at [listAt[depth * maxJobs + local] + k]: the k-th start still open to that
   * job, cheapest first (ties: earliest)... A child whose update leaves a job's list as it was
   * points at its parent's list instead of copying it; a node writes only its own depth's lists.
   */
  private readonly openStarts: Int32Array;
  /** ...its insertion cost now... */
  private readonly openCosts: Float64Array;
  private readonly listAt: Int32Array;
  /** ...and how many starts are open, per job. */
  private readonly openCount: Int32Array[];
  /** Per job: days [spanFrom, spanTo) cover all its starts open at the root. */
  private readonly spanFrom: Int32Array;
  private readonly spanTo: Int32Array;
  /** Per depth and job: how many of its first open starts can still be part of a better completion. */
  private readonly candidateCount: Int32Array[];
  /** A child's open starts whose cost the placed job raised, before they are merged back in. */
  private readonly movedStarts: Int32Array;
  private readonly movedCost: Float64Array;
  /** Crew occupancy by day (pooled) with the search's placed jobs in. */
  private readonly occupancy: Int32Array;
  /** Days [dayFrom, dayTo) cover every start open at the root: the pair bound's prefix needs no more. */
  private dayFrom = 0;
  private dayTo = 0;
  /** Per depth: each remaining job's cheapest insertion. */
  private readonly least: Float64Array[];
  /** One job's insertion cost and crew by start, for the full computation. */
  private readonly row: Float64Array;
  private readonly rowCrews: Int32Array;
  /**
   * Per depth: prefix counts of days with one free crew left (pair bound), over [dayFrom, dayTo).
   * fullAt[depth] is the depth whose counts hold at that node (−1: not computed yet): a node
   * whose placed job filled no day up to that mark keeps its parent's.
   */
  private readonly fullDays: Int32Array[];
  private readonly fullAt: Int32Array;
  /** Prefix counts of days with no free crew left (child update). */
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
    this.openStarts = new Int32Array((maxJobs + 1) * maxJobs * startCount);
    this.openCosts = new Float64Array((maxJobs + 1) * maxJobs * startCount);
    this.listAt = new Int32Array((maxJobs + 1) * maxJobs);
    this.spanFrom = new Int32Array(maxJobs);
    this.spanTo = new Int32Array(maxJobs);
    this.openCount = perDepth(() => new Int32Array(maxJobs));
    this.candidateCount = perDepth(() => new Int32Array(maxJobs));
    this.least = perDepth(() => new Float64Array(maxJobs));
    this.movedStarts = new Int32Array(startCount);
    this.movedCost = new Float64Array(startCount);
    this.occupancy = new Int32Array(scorer.problem.horizon);
    this.row = new Float64Array(startCount);
    this.rowCrews = new Int32Array(startCount);
    this.fullDays = perDepth(() => new Int32Array(scorer.problem.horizon + 1));
    this.fullAt = new Int32Array(maxJobs + 1);
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
    const { startDays, endDays, horizon } = this.scorer.problem;
    const open = this.openStarts;
    const openCost = this.openCosts;
    const openCount = this.openCount[0]!;
    let dayFrom = horizon;
    let dayTo = 0;
    for (let local = 0; local < jobs.length; local++) {
      this.remaining[0]![local] = local;
      this.insertion.costs(jobs[local]!, this.row, this.rowCrews);
      const window = windows[local]!;
      const base = local * startCount;
      this.listAt[local] = base;
      let spanFrom = horizon;
      let spanTo = 0;
      let count = 0;
      for (let start = 0; start < startCount; start++) {
        if (window[start] === 0 || this.row[start]! >= LEXICOGRAPHIC) continue;
        spanFrom = Math.min(spanFrom, startDays[start]!);
        spanTo = Math.max(spanTo, endDays[jobs[local]! * startCount + start]!);
        // Insertion sort by cost; starts come in ascending, so ties stay earliest first.
        const value = this.row[start]!;
        let at = count++;
        while (at > 0 && openCost[base + at - 1]! > value) {
          open[base + at] = open[base + at - 1]!;
          openCost[base + at] = openCost[base + at - 1]!;
          at--;
        }
        open[base + at] = start;
        openCost[base + at] = value;
      }
      openCount[local] = count;
      this.spanFrom[local] = spanFrom;
      this.spanTo[local] = spanTo;
      dayFrom = Math.min(dayFrom, spanFrom);
      dayTo = Math.max(dayTo, spanTo);
    }
    this.dayFrom = dayFrom;
    this.dayTo = Math.min(Math.max(dayTo, dayFrom), horizon);
    this.occupancy.set(this.scorer.crewOccupancy.subarray(0, horizon));
    this.fullAt[0] = -1;
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

    const remaining = this.remaining[depth]!;
    const openCost = this.openCosts;
    const openCount = this.openCount[depth]!;
    const listAt = this.listAt;
    const lists = depth * this.maxJobs;
    const least = this.least[depth]!;
    let bound = cost;
    for (let r = 0; r < count; r++) {
      const local = remaining[r]!;
      const min = openCount[local]! > 0 ? openCost[listAt[lists + local]!]! : Infinity;
      least[local] = min;
      bound += min;
    }
    if (bound >= this.bestCost) return;

    // Starts that can still be part of a better completion: a prefix of the open ones.
    const slack = this.bestCost - bound;
    const candidateCount = this.candidateCount[depth]!;
    for (let r = 0; r < count; r++) {
      const local = remaining[r]!;
      const base = listAt[lists + local]!;
      const limit = least[local]! + slack;
      const total = openCount[local]!;
      let listed = 0;
      while (listed < total && openCost[base + listed]! < limit) listed++;
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
    const branchBase = listAt[lists + branch]!;
    for (let k = 0; k < candidateCount[branch]!; k++) {
      const start = this.openStarts[branchBase + k]!;
      const startCost = openCost[branchBase + k]!;
      if (cost + startCost + others >= this.bestCost || this.nodes > this.nodeBudget) break;
      this.fullAt[depth + 1] = this.occupy(job, start, 1) ? -1 : this.fullAt[depth]!;
      this.starts[branch] = start;
      this.updateChild(depth, branch, start);
      this.search(depth + 1, cost + startCost);
      this.occupy(job, start, -1);
    }
  }

  /**
   * Adds `delta` crews on the days `job` covers from `start`; true if a day thereby reached one
   * free crew left (the pair bound's mark).
   */
  private occupy(job: number, start: number, delta: number): boolean {
    const { startDays, endDays } = this.scorer.problem;
    const to = endDays[job * this.startCount + start]!;
    const occupancy = this.occupancy;
    const mark = this.scorer.capacity - 1;
    let reached = false;
    for (let day = startDays[start]!; day < to; day++) {
      const now = occupancy[day]! + delta;
      occupancy[day] = now;
      if (now === mark) reached = true;
    }
    return reached;
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
    const occupancy = this.occupancy;
    const capacity = this.scorer.capacity;
    const closed = this.closedDays;
    closed[from] = 0;
    for (let day = from; day < to && day < horizon; day++) closed[day + 1] = closed[day]! + (occupancy[day]! >= capacity ? 1 : 0);
    const anyClosed = closed[Math.min(to, horizon)]! > 0;
    const tagWeight = CONSTRAINT_WEIGHTS.tagConflict;
    const open = this.openStarts;
    const openCost = this.openCosts;
    const listAt = this.listAt;
    const parentLists = depth * this.maxJobs;
    const childLists = parentLists + this.maxJobs;
    const parentCount = this.openCount[depth]!;
    const childCount = this.openCount[depth + 1]!;
    const movedStarts = this.movedStarts;
    const movedCost = this.movedCost;
    const rest = this.remaining[depth + 1]!;
    for (let r = 0; r < this.jobs.length - depth - 1; r++) {
      const local = rest[r]!;
      const parentBase = listAt[parentLists + local]!;
      const shared = this.sharedTags[local * this.maxJobs + placed]! * tagWeight;
      if ((shared === 0 && !anyClosed) || to <= this.spanFrom[local]! || this.spanTo[local]! <= from) {
        // No start of its changes (no shared tag and no day filled up, or no overlap at all):
        // its list stays the parent's.
        listAt[childLists + local] = parentBase;
        childCount[local] = parentCount[local]!;
        continue;
      }
      const cells = this.jobs[local]! * startCount;
      const base = (childLists + local) * startCount;
      listAt[childLists + local] = base;
      let count = 0;
      let moved = 0;
      for (let k = 0; k < parentCount[local]!; k++) {
        const other = open[parentBase + k]!;
        const value = openCost[parentBase + k]!;
        const lo = Math.max(from, startDays[other]!);
        const hi = Math.min(to, endDays[cells + other]!);
        if (lo < hi) {
          if (closed[hi]! - closed[lo]! > 0) continue;
          if (shared > 0) {
            // Its cost rose: set aside, in order, to merge back below.
            const raised = value + shared * (hi - lo);
            let at = moved++;
            while (at > 0 && before(raised, other, movedCost[at - 1]!, movedStarts[at - 1]!)) {
              movedStarts[at] = movedStarts[at - 1]!;
              movedCost[at] = movedCost[at - 1]!;
              at--;
            }
            movedStarts[at] = other;
            movedCost[at] = raised;
            continue;
          }
        }
        open[base + count] = other;
        openCost[base + count] = value;
        count++;
      }
      // Merge the raised starts back in, from the back.
      let kept = count - 1;
      let write = count + moved - 1;
      for (let m = moved - 1; m >= 0; m--) {
        const value = movedCost[m]!;
        const other = movedStarts[m]!;
        while (kept >= 0 && before(value, other, openCost[base + kept]!, open[base + kept]!)) {
          open[base + write] = open[base + kept]!;
          openCost[base + write] = openCost[base + kept]!;
          kept--;
          write--;
        }
        open[base + write] = other;
        openCost[base + write] = value;
        write--;
      }
      childCount[local] = count + moved;
    }
  }

  /** The pair bound's prefix counts of days with one free crew left, at a node of `depth`. */
  private fullDaysAt(depth: number): Int32Array {
    const at = this.fullAt[depth]!;
    if (at >= 0) return this.fullDays[at]!;
    const spare = this.scorer.capacity - 1;
    const occupancy = this.occupancy;
    const fullDays = this.fullDays[depth]!;
    fullDays[this.dayFrom] = 0;
    for (let day = this.dayFrom; day < this.dayTo; day++) fullDays[day + 1] = fullDays[day]! + (occupancy[day]! >= spare ? 1 : 0);
    this.fullAt[depth] = depth;
    return fullDays;
  }

  /**
   * A lower bound on what the remaining jobs cost together above their cheapest insertions: the
   * excess of disjoint pairs, matched greedily. Returns at least `slack` as soon as one pair alone
   * reaches it.
   */
  private pairExcess(depth: number, slack: number): number {
    const { startDays, endDays } = this.scorer.problem;
    const startCount = this.startCount;
    const fullDays = this.fullDaysAt(depth);
    const remaining = this.remaining[depth]!;
    const count = this.jobs.length - depth;
    const least = this.least[depth]!;
    const candidates = this.openStarts;
    const candidateCount = this.candidateCount[depth]!;
    const candidateCost = this.openCosts;
    const listAt = this.listAt;
    const lists = depth * this.maxJobs;
    let pairs = 0;
    for (let i = 0; i < count; i++) {
      const a = remaining[i]!;
      const cellsA = this.jobs[a]! * startCount;
      const baseA = listAt[lists + a]!;
      for (let j = i + 1; j < count; j++) {
        const b = remaining[j]!;
        // Disjoint spans: the two cheapest starts already fit together, so no excess.
        if (this.spanTo[a]! <= this.spanFrom[b]! || this.spanTo[b]! <= this.spanFrom[a]!) continue;
        const cellsB = this.jobs[b]! * startCount;
        const baseB = listAt[lists + b]!;
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

/** Whether an open start (`cost`, `start`) comes before another: cheaper first, then earlier. */
function before(cost: number, start: number, otherCost: number, otherStart: number): boolean {
  return cost < otherCost || (cost === otherCost && start < otherStart);
}
