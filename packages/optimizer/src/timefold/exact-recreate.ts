/**
 * Re-places a few jobs jointly and optimally (given all others), by depth-first branch and bound.
 * Bound: placing more jobs never lowers any job's insertion cost (every penalty grows with
 * occupancy), so the cost so far plus each remaining job's cheapest insertion now is a lower
 * bound on every completion. A node budget keeps each call short; on running out the best
 * completion found so far is used.
 */
import { type IncrementalScorer } from './constraints';
import { type InsertionEvaluator } from './insertion';

export class ExactRecreate {
  private readonly costBuffers: Float64Array[];
  private readonly crewBuffers: Int32Array[];
  private nodes = 0;
  private bestCost = Infinity;
  private readonly bestStarts: number[] = [];
  private readonly bestCrews: number[] = [];
  private jobs: readonly number[] = [];
  private allowed: ((job: number, start: number) => boolean) | undefined;

  constructor(
    private readonly scorer: IncrementalScorer,
    private readonly insertion: InsertionEvaluator,
    private readonly maxJobs: number,
    private readonly nodeBudget: number,
  ) {
    const startCount = scorer.problem.startDays.length;
    const buffers = (maxJobs * (maxJobs + 1)) / 2;
    this.costBuffers = Array.from({ length: buffers }, () => new Float64Array(startCount));
    this.crewBuffers = Array.from({ length: buffers }, () => new Int32Array(startCount));
  }

  /**
   * Places the unassigned `jobs` at the cheapest joint placement costing less than `upperBound`
   * (energy units) and returns true, or returns false and leaves them unassigned.
   */
  place(jobs: readonly number[], upperBound: number, allowed?: (job: number, start: number) => boolean): boolean {
    this.allowed = allowed;
    if (jobs.length > this.maxJobs) throw new RangeError(`at most ${this.maxJobs} jobs`);
    this.nodes = 0;
    this.jobs = jobs;
    this.bestCost = upperBound;
    this.bestStarts.length = 0;
    this.bestCrews.length = 0;
    this.search([...jobs], [], [], [], 0, 0);
    if (this.bestStarts.length === 0) return false;
    jobs.forEach((job, index) => this.scorer.assign(job, this.bestCrews[index]!, this.bestStarts[index]!));
    return true;
  }

  private search(remaining: number[], placed: number[], starts: number[], crews: number[], cost: number, bufferBase: number): void {
    this.nodes++;
    if (remaining.length === 0) {
      if (cost < this.bestCost) {
        this.bestCost = cost;
        this.bestStarts.length = 0;
        this.bestCrews.length = 0;
        for (const job of this.jobs) {
          const index = placed.indexOf(job);
          this.bestStarts.push(starts[index]!);
          this.bestCrews.push(crews[index]!);
        }
      }
      return;
    }
    if (this.nodes > this.nodeBudget) return;

    const startCount = this.scorer.problem.startDays.length;
    let bound = cost;
    let branch = 0;
    let branchLeast = -Infinity;
    const least: number[] = [];
    remaining.forEach((job, index) => {
      const costs = this.costBuffers[bufferBase + index]!;
      this.insertion.costs(job, costs, this.crewBuffers[bufferBase + index]!);
      if (this.allowed) for (let start = 0; start < startCount; start++) if (!this.allowed(job, start)) costs[start] = Infinity;
      let min = Infinity;
      for (let start = 0; start < startCount; start++) if (costs[start]! < min) min = costs[start]!;
      least.push(min);
      bound += min;
      // Branch on the job whose cheapest placement costs most: it constrains the others most.
      if (min > branchLeast) {
        branchLeast = min;
        branch = index;
      }
    });
    if (bound >= this.bestCost) return;

    const job = remaining[branch]!;
    const costs = this.costBuffers[bufferBase + branch]!;
    const crewsAt = this.crewBuffers[bufferBase + branch]!;
    const others = bound - cost - least[branch]!;
    const candidates: number[] = [];
    for (let start = 0; start < startCount; start++) if (cost + costs[start]! + others < this.bestCost) candidates.push(start);
    candidates.sort((a, b) => costs[a]! - costs[b]!);
    const rest = remaining.filter((_, index) => index !== branch);
    for (const start of candidates) {
      const added = costs[start]!;
      if (cost + added + others >= this.bestCost || this.nodes > this.nodeBudget) break;
      this.scorer.assign(job, crewsAt[start]!, start);
      placed.push(job);
      starts.push(start);
      crews.push(crewsAt[start]!);
      this.search(rest, placed, starts, crews, cost + added, bufferBase + remaining.length);
      placed.pop();
      starts.pop();
      crews.pop();
      this.scorer.unassign(job);
    }
  }
}
