/**
 * The local search's moves. Each one changes the scorer's schedule and records how to undo it;
 * the search decides afterwards whether to keep it.
 */
import { type IncrementalScorer, UNASSIGNED } from './constraints';
import { type CompiledProblem } from './model';
import { type ExactRecreate } from './exact-recreate';
import { type EnergyWeights, type InsertionEvaluator } from './insertion';
import { type SeededRandom } from './prng';

/** A push moves at most this many jobs. */
const MAX_PUSHED = 12;

/** Old placements, most recent last: undoing replays them backwards. */
export class UndoLog {
  private readonly jobs: number[] = [];
  private readonly crews: number[] = [];
  private readonly starts: number[] = [];

  record(scorer: IncrementalScorer, job: number): void {
    this.jobs.push(job);
    this.crews.push(scorer.crew[job]!);
    this.starts.push(scorer.start[job]!);
  }

  undo(scorer: IncrementalScorer): void {
    for (let index = this.jobs.length - 1; index >= 0; index--) {
      const job = this.jobs[index]!;
      const crew = this.crews[index]!;
      if (crew === UNASSIGNED) scorer.unassign(job);
      else scorer.change(job, crew, this.starts[index]!);
    }
    this.clear();
  }

  clear(): void {
    this.jobs.length = 0;
    this.crews.length = 0;
    this.starts.length = 0;
  }
}

const tagMatesByProblem = new WeakMap<CompiledProblem, Uint8Array>();

/**
 * At [a * jobCount + b]: 1 if jobs a and b share a tag. Built once per problem: the moves ask it
 * for every pair of jobs they scan, every step.
 */
export function tagMates(problem: CompiledProblem): Uint8Array {
  const known = tagMatesByProblem.get(problem);
  if (known) return known;
  const { jobCount, jobTags } = problem;
  const mates = new Uint8Array(jobCount * jobCount);
  for (let a = 0; a < jobCount; a++) {
    for (let b = 0; b < jobCount; b++) mates[a * jobCount + b] = jobTags[a]!.some((tag) => jobTags[b]!.includes(tag)) ? 1 : 0;
  }
  tagMatesByProblem.set(problem, mates);
  return mates;
}

/** Jobs that interact with `job`: a shared tag, or time overlap (with a margin) on any crew. */
export function relatedJobs(scorer: IncrementalScorer, job: number, marginDays: number): number[] {
  const { jobCount, startDays } = scorer.problem;
  const from = startDays[scorer.start[job]!]! - marginDays;
  const to = scorer.endOf(job, scorer.start[job]!) + marginDays;
  const mates = tagMates(scorer.problem);
  const related: number[] = [];
  for (let other = 0; other < jobCount; other++) {
    if (other === job) continue;
    const otherFrom = startDays[scorer.start[other]!]!;
    const otherTo = scorer.endOf(other, scorer.start[other]!);
    const overlaps = otherFrom < to && from < otherTo;
    if (overlaps || mates[other * jobCount + job] === 1) related.push(other);
  }
  return related;
}

export class Moves {
  constructor(
    private readonly scorer: IncrementalScorer,
    private readonly insertion: InsertionEvaluator,
    private readonly random: SeededRandom,
    private readonly undo: UndoLog,
    private readonly exact: ExactRecreate,
    private readonly weights: EnergyWeights,
  ) {}

  /** One job to a random crew and a start near its current one or anywhere. */
  change(): void {
    const { jobCount, crewCount, startDays } = this.scorer.problem;
    const job = this.random.nextInt(jobCount);
    const crew = this.random.nextFloat() < 0.5 ? this.scorer.crew[job]! : this.random.nextInt(crewCount);
    let start: number;
    if (this.random.nextFloat() < 0.6) {
      const shift = 1 + this.random.nextInt(5);
      start = this.scorer.start[job]! + (this.random.nextFloat() < 0.5 ? -shift : shift);
      start = Math.min(startDays.length - 1, Math.max(0, start));
    } else {
      start = this.random.nextInt(startDays.length);
    }
    this.undo.record(this.scorer, job);
    this.scorer.change(job, crew, start);
  }

  /** Two related jobs exchange crews, or crews and starts. */
  swap(): void {
    const job = this.random.nextInt(this.scorer.problem.jobCount);
    const related = relatedJobs(this.scorer, job, 5);
    if (related.length === 0) return;
    const other = related[this.random.nextInt(related.length)]!;
    const [jobCrew, jobStart] = [this.scorer.crew[job]!, this.scorer.start[job]!];
    const [otherCrew, otherStart] = [this.scorer.crew[other]!, this.scorer.start[other]!];
    const swapStarts = this.scorer.pooledCrews || this.random.nextFloat() < 0.5;
    this.undo.record(this.scorer, job);
    this.undo.record(this.scorer, other);
    this.scorer.change(job, otherCrew, swapStarts ? otherStart : jobStart);
    this.scorer.change(other, jobCrew, swapStarts ? jobStart : otherStart);
  }

  /** One job out and back in at its best placement. */
  reinsert(): void {
    const job = this.random.nextInt(this.scorer.problem.jobCount);
    this.undo.record(this.scorer, job);
    this.scorer.unassign(job);
    const choice = this.insertion.best(job, this.random);
    this.scorer.assign(job, choice.crew, choice.start);
  }

  /**
   * Ruin and recreate: a set of interacting jobs comes out (jobs related to a random one, every
   * job in a random time window, or every job of a random tag), then they go back in one by
   * one, each at its best placement, in random order or latest ideal end first (which rebuilds
   * a tag's sequence backwards from its ideal ends).
   */
  ruinAndRecreate(): void {
    const removed = this.pickRuin();
    if (removed.length === 0) return;
    for (const job of removed) {
      this.undo.record(this.scorer, job);
      this.scorer.unassign(job);
    }
    if (this.random.nextFloat() < 0.5) this.shuffle(removed);
    else {
      const ideal = this.scorer.problem.idealEndDays;
      removed.sort((a, b) => (ideal[b] ?? 0) - (ideal[a] ?? 0) || this.random.nextFloat() - 0.5);
    }
    this.insertion.insertAll(removed, this.random);
  }

  /**
   * A job and a few related ones come out and go back at their best joint placement, if one
   * beats where they were; otherwise they return where they were.
   */
  exactRecreate(size: number): void {
    const seed = this.random.nextInt(this.scorer.problem.jobCount);
    const pool = relatedJobs(this.scorer, seed, 10);
    this.shuffle(pool);
    const jobs = [seed, ...pool.slice(0, size - 1)];
    const before = this.scorer.hard * this.weights.hard + this.scorer.soft;
    for (const job of jobs) {
      this.undo.record(this.scorer, job);
      this.scorer.unassign(job);
    }
    const placedCost = before - (this.scorer.hard * this.weights.hard + this.scorer.soft);
    if (!this.exact.place(jobs, placedCost)) this.undo.undo(this.scorer);
  }

  /**
   * Ejection: a job moves to a start near its ideal end (where the earliness penalty wants it),
   * the jobs it now collides with (a shared tag, or a day over crew capacity) come out, and they
   * go back at their best placements around it.
   */
  eject(): void {
    const problem = this.scorer.problem;
    const { jobCount, startDays } = problem;
    const mates = tagMates(problem);
    const job = this.random.nextInt(jobCount);
    const target = this.startNearIdealEnd(job);
    if (target === this.scorer.start[job]) return;
    this.undo.record(this.scorer, job);
    this.scorer.change(job, this.scorer.crew[job]!, target);
    const from = startDays[target]!;
    const to = this.scorer.endOf(job, target);
    const row = this.scorer.rowOf(this.scorer.crew[job]!);
    const overCapacity = (day: number): boolean => this.scorer.crewOccupancy[row * problem.horizon + day]! > this.scorer.capacity;
    const colliding: number[] = [];
    for (let other = 0; other < jobCount; other++) {
      if (other === job) continue;
      const otherFrom = startDays[this.scorer.start[other]!]!;
      const otherTo = this.scorer.endOf(other, this.scorer.start[other]!);
      const lo = Math.max(from, otherFrom);
      const hi = Math.min(to, otherTo);
      if (lo >= hi) continue;
      const sharesTag = mates[other * jobCount + job] === 1;
      let crowded = false;
      if (this.scorer.rowOf(this.scorer.crew[other]!) === row) for (let day = lo; day < hi && !crowded; day++) crowded = overCapacity(day);
      if (sharesTag || crowded) colliding.push(other);
    }
    for (const other of colliding) {
      this.undo.record(this.scorer, other);
      this.scorer.unassign(other);
    }
    this.shuffle(colliding);
    this.insertion.insertAll(colliding, this.random);
  }

  /**
   * Push: a job moves (towards its ideal end, or a few workdays either way), and every job that
   * shares a tag with a moved job and now overlaps it is pushed just clear of it, on the side
   * it was on, and so on down the chain: a tag's sequence slides without changing order.
   */
  push(): void {
    const { jobCount, startDays } = this.scorer.problem;
    const mates = tagMates(this.scorer.problem);
    const job = this.random.nextInt(jobCount);
    let target: number;
    if (this.random.nextFloat() < 0.5) target = this.startNearIdealEnd(job);
    else {
      const shift = 1 + this.random.nextInt(5);
      target = Math.min(startDays.length - 1, Math.max(0, this.scorer.start[job]! + (this.random.nextFloat() < 0.5 ? -shift : shift)));
    }
    if (target === this.scorer.start[job]) return;
    this.undo.record(this.scorer, job);
    this.scorer.change(job, this.scorer.crew[job]!, target);
    const queue = [job];
    const moved = new Set(queue);
    while (queue.length > 0 && moved.size < MAX_PUSHED) {
      const pusher = queue.shift()!;
      const from = startDays[this.scorer.start[pusher]!]!;
      const to = this.scorer.endOf(pusher, this.scorer.start[pusher]!);
      for (let other = 0; other < jobCount; other++) {
        if (moved.has(other) || mates[other * jobCount + pusher] === 0) continue;
        const otherStart = this.scorer.start[other]!;
        const otherFrom = startDays[otherStart]!;
        if (otherFrom >= to || this.scorer.endOf(other, otherStart) <= from) continue;
        const clear = otherFrom < from ? latestEndingBy(this.scorer, other, from) : earliestStartingFrom(this.scorer, to);
        if (clear < 0) continue;
        this.undo.record(this.scorer, other);
        this.scorer.change(other, this.scorer.crew[other]!, clear);
        moved.add(other);
        queue.push(other);
      }
    }
  }

  /** A start whose end lands on or just before the job's ideal end (or a random start). */
  private startNearIdealEnd(job: number): number {
    const { startDays } = this.scorer.problem;
    const ideal = this.scorer.problem.idealEndDays[job];
    if (ideal === null || ideal === undefined) return this.random.nextInt(startDays.length);
    let latest = 0;
    for (let start = 0; start < startDays.length; start++) if (this.scorer.endOf(job, start) <= ideal) latest = start;
    return Math.max(0, latest - (this.random.nextFloat() < 0.5 ? 0 : this.random.nextInt(5)));
  }

  private pickRuin(): number[] {
    const { jobCount, startDays, tagNames, jobTags } = this.scorer.problem;
    const pick = this.random.nextFloat();
    if (pick < 0.5) {
      const size = 2 + this.random.nextInt(4);
      const seed = this.random.nextInt(jobCount);
      const pool = relatedJobs(this.scorer, seed, 10);
      this.shuffle(pool);
      return [seed, ...pool.slice(0, size - 1)];
    }
    if (pick < 0.8 || tagNames.length === 0) {
      const width = 3 + this.random.nextInt(12);
      const from = startDays[this.random.nextInt(startDays.length)]!;
      const to = from + width;
      const inWindow: number[] = [];
      for (let job = 0; job < jobCount; job++) {
        const jobFrom = startDays[this.scorer.start[job]!]!;
        if (jobFrom < to && from < this.scorer.endOf(job, this.scorer.start[job]!)) inWindow.push(job);
      }
      return inWindow.length > 10 ? (this.shuffle(inWindow), inWindow.slice(0, 10)) : inWindow;
    }
    const tag = this.random.nextInt(tagNames.length);
    const members: number[] = [];
    for (let job = 0; job < jobCount; job++) if (jobTags[job]!.includes(tag)) members.push(job);
    return members;
  }

  private shuffle(jobs: number[]): void {
    for (let index = jobs.length - 1; index > 0; index--) {
      const other = this.random.nextInt(index + 1);
      [jobs[index], jobs[other]] = [jobs[other]!, jobs[index]!];
    }
  }
}

/** The latest start index at which a job ends by `day`, or −1. */
export function latestEndingBy(scorer: IncrementalScorer, job: number, day: number): number {
  let latest = -1;
  for (let start = 0; start < scorer.problem.startDays.length; start++) if (scorer.endOf(job, start) <= day) latest = start;
  return latest;
}

/** The earliest start index on or after `day`, or −1. */
export function earliestStartingFrom(scorer: IncrementalScorer, day: number): number {
  return scorer.problem.startDays.findIndex((start) => start >= day);
}
