import { crewKeyOf, type CompiledProblem } from './compile';
import { IndexedSet } from './indexed-set';
import { ceilMinutes, coveredMs, indexContaining, sharedMs, totalMs, uncoveredMs } from './intervals';
import type { ConstraintName, ConstraintTotal, Interval, Score } from './model';
import type { BusyView, Placement } from './placement';
import { StampedSet } from './stamped-set';
import { Timeline, type TimelineEntry } from './timeline';
import { CONSTRAINTS } from './weights';

/**
 * The incremental score. A schedule's score is a sum of
 *  - job-local terms (skills, crew, availability, windows, equipment and conflict groups held by
 *    work outside the problem, release, deadline, pin, unassigned, lateness, earliness, overtime,
 *    preferred technician, churn), kept per job;
 *  - pair terms (technician, equipment and conflict-group overlap), kept per overlapping pair;
 *  - precedence terms, kept per edge;
 *  - travel, kept per work segment in each technician's timeline (it depends on the segment
 *    before it in the same shift);
 *  - workload balance, from per-technician loads.
 * `assign(job, placement)` updates only what the job touches: its own terms, the pairs it
 * overlaps, its edges, the segments next to its own, and its crew's loads. Nothing rescans the
 * schedule, so a move costs about the same on 20 jobs or 2,000.
 */

const index = (name: ConstraintName): number => CONSTRAINTS.findIndex((c) => c.name === name);
const N = CONSTRAINTS.length;
const SKILLS = index('skills');
const CREW = index('crewSize');
const AVAILABILITY = index('availability');
const TECH_OVERLAP = index('technicianOverlap');
const EQUIPMENT_OVERLAP = index('equipmentOverlap');
const CONFLICT_GROUP = index('conflictGroup');
const WINDOW = index('maintenanceWindow');
const RELEASE = index('release');
const DEADLINE = index('deadline');
const PRECEDENCE = index('precedence');
const PINNED = index('pinned');
const UNASSIGNED = index('unassigned');
const LATENESS = index('lateness');
const EARLINESS = index('earliness');
const TRAVEL = index('travel');
const OVERTIME = index('overtime');
const BALANCE = index('balance');
const PREFERRED = index('preferredTechnician');
const CHURN_MOVED = index('churnMoved');
const CHURN_REASSIGNED = index('churnReassigned');
const LEVEL = CONSTRAINTS.map((c) => (c.level === 'hard' ? 0 : c.level === 'medium' ? 1 : 2));
const PAIR_CONSTRAINTS = [TECH_OVERLAP, EQUIPMENT_OVERLAP, CONFLICT_GROUP];

const negate = (penalty: number): number => (penalty === 0 ? 0 : -penalty);

export function compareScores(a: Score, b: Score): number {
  return a.hard - b.hard || a.medium - b.medium || a.soft - b.soft;
}

export const addScores = (a: Score, b: Score): Score => ({ hard: a.hard + b.hard, medium: a.medium + b.medium, soft: a.soft + b.soft });

export class ScoreState implements BusyView {
  readonly placements: (Placement | null)[];
  /** Each job's end as placed, NaN while unassigned: scans over the whole schedule read these in a row. */
  readonly ends: Float64Array;
  readonly assigned: IndexedSet;
  readonly unassigned: IndexedSet;
  private readonly local: Float64Array;
  private readonly totals = new Float64Array(N);
  private readonly scratch = new Float64Array(N);
  private readonly techLines: Timeline[];
  private readonly equipmentLines: Timeline[];
  private readonly groupLines: Timeline[];
  /** Per job: overlapping partner → weighted [technician, equipment, group] overlap (shared by both jobs). */
  private readonly partners: (Map<number, Float64Array> | undefined)[];
  private readonly edges: { pred: number; succ: number }[] = [];
  private readonly edgePenalty: number[] = [];
  private readonly edgesOf: number[][];
  private readonly load: Float64Array;
  private readonly balanceTerm: Float64Array;
  private sumBalanceTerm = 0;
  /** Scratch for `attachPairs`: the jobs a new placement overlaps, reused on every assignment. */
  private readonly overlapping = new StampedSet();

  private sumLoad = 0;

  constructor(private readonly problem: CompiledProblem) {
    const jobs = problem.jobs.length;
    this.placements = new Array<Placement | null>(jobs).fill(null);
    this.ends = new Float64Array(jobs).fill(NaN);
    this.assigned = new IndexedSet(jobs);
    this.unassigned = new IndexedSet(jobs);
    this.local = new Float64Array(jobs * N);
    this.techLines = problem.technicians.map(() => new Timeline());
    this.equipmentLines = problem.equipmentIds.map(() => new Timeline());
    this.groupLines = problem.groupIds.map(() => new Timeline());
    this.partners = new Array<Map<number, Float64Array> | undefined>(jobs).fill(undefined);
    this.edgesOf = problem.jobs.map(() => []);
    this.load = new Float64Array(problem.technicians.length);
    this.balanceTerm = new Float64Array(problem.technicians.length);

    for (const job of problem.jobs) {
      this.unassigned.add(job.index);
      this.computeLocal(job.index, null, this.local, job.index * N);
      for (let c = 0; c < N; c++) this.totals[c] = (this.totals[c] as number) + (this.local[job.index * N + c] as number);
      for (const pred of job.predecessors) {
        const e = this.edges.push({ pred, succ: job.index }) - 1;
        this.edgePenalty.push(0);
        this.edgesOf[pred]?.push(e);
        this.edgesOf[job.index]?.push(e);
      }
    }
  }

  technician(t: number): Timeline | null {
    return this.techLines[t] ?? null;
  }

  /** See `Timeline.roomFrom`: by default on the technician's own working time. */
  roomFrom(t: number, from: number, durationMs: number, working?: readonly Interval[]): number {
    const own = (this.problem.technicians[t] as { working: Interval[] }).working;
    return (this.techLines[t] as Timeline).roomFrom(working ?? own, from, durationMs);
  }

  equipment(e: number): Timeline | null {
    return this.equipmentLines[e] ?? null;
  }

  group(g: number): Timeline | null {
    return this.groupLines[g] ?? null;
  }

  score(): Score {
    // Three running sums rather than an array per call: the search asks for the score often.
    let hard = 0;
    let medium = 0;
    let soft = 0;
    for (let c = 0; c < N; c++) {
      const l = LEVEL[c] as number;
      const total = this.totals[c] as number;
      if (l === 0) hard += total;
      else if (l === 1) medium += total;
      else soft += total;
    }
    soft += this.balancePenalty(this.sumBalanceTerm, this.sumLoad);
    return { hard: negate(hard), medium: negate(medium), soft: negate(soft) };
  }

  /** Puts `job` at `placement` (null: unassigns it), updating every term it touches. */
  assign(job: number, placement: Placement | null): void {
    const old = this.placements[job] ?? null;
    if (old === placement) return;
    if (old) this.detach(job, old);
    this.placements[job] = placement;
    this.ends[job] = placement ? placement.end : NaN;
    if (placement) {
      this.attach(job, placement);
      this.unassigned.delete(job);
      this.assigned.add(job);
    } else {
      this.assigned.delete(job);
      this.unassigned.add(job);
    }
    const row = job * N;
    this.computeLocal(job, placement, this.scratch, 0);
    for (let c = 0; c < N; c++) {
      this.totals[c] = (this.totals[c] as number) + (this.scratch[c] as number) - (this.local[row + c] as number);
    }
    this.local.set(this.scratch, row);
    for (const e of this.edgesOf[job] ?? []) this.refreshEdge(e);
  }

  /**
   * The score change of assigning the unassigned `job` at `placement`, without assigning it.
   * Exact for a hard-feasible placement (the only kind the solver proposes): its hard terms are
   * then zero and are not computed, and pair and precedence terms do not change.
   */
  insertionDelta(job: number, placement: Placement): Score {
    this.computeLocal(job, placement, this.scratch, 0, false);
    // Running sums per level, not an array: this is scored for every candidate placement.
    let hard = 0;
    let medium = 0;
    let soft = 0;
    const row = job * N;
    for (let c = 0; c < N; c++) {
      const l = LEVEL[c] as number;
      const now = this.scratch[c] as number;
      const was = this.local[row + c] as number;
      if (l === 0) hard = hard + now - was;
      else if (l === 1) medium = medium + now - was;
      else soft = soft + now - was;
    }
    const minutes = ceilMinutes(totalMs(placement.segments));
    let sumTerm = this.sumBalanceTerm;
    for (const t of placement.techs) {
      soft += this.travelDelta(t, job, placement.segments);
      const l = (this.load[t] as number) + minutes;
      sumTerm += Math.round((l * l) / this.capacity(t)) - (this.balanceTerm[t] as number);
    }
    soft +=
      this.balancePenalty(sumTerm, this.sumLoad + minutes * placement.techs.length) -
      this.balancePenalty(this.sumBalanceTerm, this.sumLoad);
    return { hard: negate(hard), medium: negate(medium), soft: negate(soft) };
  }

  /** Each constraint's weighted total and the jobs behind it. */
  analysis(): ConstraintTotal[] {
    const byConstraint = CONSTRAINTS.map(() => new Map<number, number>());
    const add = (c: number, job: number, penalty: number): void => {
      if (penalty <= 0) return;
      const shares = byConstraint[c] as Map<number, number>;
      shares.set(job, (shares.get(job) ?? 0) + penalty);
    };
    for (let j = 0; j < this.placements.length; j++) for (let c = 0; c < N; c++) add(c, j, this.local[j * N + c] as number);
    this.partners.forEach((pairs, j) => {
      for (const [k, penalty] of pairs ?? []) {
        if (k < j) continue;
        PAIR_CONSTRAINTS.forEach((c, i) => {
          const v = penalty[i] as number;
          add(c, j, Math.ceil(v / 2));
          add(c, k, Math.floor(v / 2));
        });
      }
    });
    this.edges.forEach((edge, e) => add(PRECEDENCE, edge.succ, this.edgePenalty[e] as number));
    for (const line of this.techLines) for (const entry of line.entries) add(TRAVEL, entry.job, entry.travel);
    return CONSTRAINTS.map((c, i) => ({
      constraint: c.name,
      level: c.level,
      total: i === BALANCE ? this.balancePenalty(this.sumBalanceTerm, this.sumLoad) : (this.totals[i] as number),
      jobs: [...(byConstraint[i] as Map<number, number>)]
        .map(([j, penalty]) => ({ jobId: (this.problem.jobs[j] as { id: string }).id, penalty }))
        .sort((a, b) => b.penalty - a.penalty || (a.jobId < b.jobId ? -1 : 1)),
    }));
  }

  private computeLocal(j: number, p: Placement | null, out: Float64Array, o: number, hardToo = true): void {
    out.fill(0, o, o + N);
    const job = this.problem.jobs[j];
    if (!job) return;
    const w = this.problem.weights;
    if (!p) {
      out[o + UNASSIGNED] = job.priority * w.unassigned;
      if (job.pinned) out[o + PINNED] = w.pinned;
      if (job.published) out[o + CHURN_REASSIGNED] = w.churnReassigned;
      return;
    }
    let missingSkills = 0;
    let outsideMinutes = 0;
    let overtimeCost = 0;
    for (const t of p.techs) {
      const tech = this.problem.technicians[t];
      if (!tech) continue;
      if (hardToo) {
        for (const r of job.required) if ((tech.skills.get(r.skill) ?? 0) < r.minLevel) missingSkills++;
        outsideMinutes += ceilMinutes(uncoveredMs(tech.working, p.segments));
      }
      if (tech.overtimeOnly.length > 0) {
        let overtimeMs = 0;
        for (const s of p.segments) overtimeMs += coveredMs(tech.overtimeOnly, s.start, s.end);
        overtimeCost += Math.ceil((ceilMinutes(overtimeMs) * tech.hourlyCost) / 60);
      }
    }
    out[o + OVERTIME] = overtimeCost * w.overtime;
    if (hardToo) {
      out[o + SKILLS] = missingSkills * w.skills;
      out[o + CREW] = Math.abs(p.techs.length - job.crewSize) * w.crewSize;
      out[o + AVAILABILITY] = outsideMinutes * w.availability;
      if (job.maintenanceWindows) out[o + WINDOW] = ceilMinutes(uncoveredMs(job.maintenanceWindows, p.segments)) * w.maintenanceWindow;
      // Work outside the problem holding the equipment: no partner to share the overlap with.
      if (job.equipmentBusy.length > 0) {
        let heldMs = 0;
        for (const s of p.segments) heldMs += coveredMs(job.equipmentBusy, s.start, s.end);
        out[o + EQUIPMENT_OVERLAP] = ceilMinutes(heldMs) * w.equipmentOverlap;
      }
      // The same for its conflict groups: charged to this job alone, beside its pairs' shares.
      if (job.groupBusy.length > 0) {
        let heldMs = 0;
        for (const s of p.segments) heldMs += coveredMs(job.groupBusy, s.start, s.end);
        out[o + CONFLICT_GROUP] = ceilMinutes(heldMs) * w.conflictGroup;
      }
      if (job.releaseAt !== null) out[o + RELEASE] = ceilMinutes(job.releaseAt - p.start) * w.release;
      if (job.deadlineAt !== null) out[o + DEADLINE] = ceilMinutes(p.end - job.deadlineAt) * w.deadline;
      if (job.pinned && !(p.start === job.pinned.start && sameCrew(p.techs, job.pinned.techs))) out[o + PINNED] = w.pinned;
    }
    if (job.targetAt !== null) {
      out[o + LATENESS] = ceilMinutes(p.end - job.targetAt) * job.priority * w.lateness;
      if (job.penalizeEarliness) out[o + EARLINESS] = ceilMinutes(job.targetAt - p.end) * job.priority * w.earliness;
    }
    if (job.preferred >= 0 && !p.techs.includes(job.preferred)) out[o + PREFERRED] = w.preferredTechnician;
    if (job.published) {
      const crewKey = crewKeyOf(p.techs.map((t) => (this.problem.technicians[t] as { id: string }).id));
      if (crewKey !== job.published.crewKey) out[o + CHURN_REASSIGNED] = w.churnReassigned;
      else if (p.start !== job.published.start) out[o + CHURN_MOVED] = w.churnMoved;
    }
  }

  private attach(j: number, p: Placement): void {
    const job = this.problem.jobs[j];
    if (!job) return;
    const minutes = ceilMinutes(totalMs(p.segments));
    for (const t of p.techs) {
      const line = this.techLines[t] as Timeline;
      const working = (this.problem.technicians[t] as { working: Interval[] }).working;
      for (const s of p.segments) line.insert({ start: s.start, end: s.end, job: j, shift: indexContaining(working, s.start), travel: 0 });
      const first = line.indexOf(j, (p.segments[0] as Interval).start);
      const last = line.indexOf(j, (p.segments[p.segments.length - 1] as Interval).start);
      this.refreshTravel(t, first, last + 1);
      this.addLoad(t, minutes);
    }
    if (job.equipment >= 0) for (const s of p.segments) this.equipmentLines[job.equipment]?.insert(resourceEntry(s, j));
    for (const g of job.groups) for (const s of p.segments) this.groupLines[g]?.insert(resourceEntry(s, j));
    this.attachPairs(j, p);
  }

  private detach(j: number, p: Placement): void {
    const job = this.problem.jobs[j];
    if (!job) return;
    for (const [k, penalty] of this.partners[j] ?? []) {
      PAIR_CONSTRAINTS.forEach((c, i) => (this.totals[c] = (this.totals[c] as number) - (penalty[i] as number)));
      this.partners[k]?.delete(j);
    }
    this.partners[j] = undefined;
    const minutes = ceilMinutes(totalMs(p.segments));
    for (const t of p.techs) {
      const line = this.techLines[t] as Timeline;
      const at = p.segments.map((s) => line.indexOf(j, s.start));
      for (let i = at.length - 1; i >= 0; i--) {
        const removed = line.removeAt(at[i] as number);
        this.totals[TRAVEL] = (this.totals[TRAVEL] as number) - removed.travel;
      }
      const first = at[0] as number;
      this.refreshTravel(t, first, (at[at.length - 1] as number) - at.length + 1);
      this.addLoad(t, -minutes);
    }
    if (job.equipment >= 0) removeSegments(this.equipmentLines[job.equipment], j, p);
    for (const g of job.groups) removeSegments(this.groupLines[g], j, p);
  }

  private attachPairs(j: number, p: Placement): void {
    const job = this.problem.jobs[j];
    if (!job) return;
    const found = this.overlapping;
    found.clear(this.placements.length);
    for (const t of p.techs) collectOverlapping(this.techLines[t], j, p.segments, found);
    if (job.equipment >= 0) collectOverlapping(this.equipmentLines[job.equipment], j, p.segments, found);
    for (const g of job.groups) collectOverlapping(this.groupLines[g], j, p.segments, found);
    const w = this.problem.weights;
    for (let f = 0; f < found.size; f++) {
      const k = found.at(f);
      const other = this.problem.jobs[k];
      const q = this.placements[k];
      if (!other || !q) continue;
      const minutes = ceilMinutes(sharedMs(p.segments, q.segments));
      const penalty = new Float64Array(3);
      penalty[0] = minutes * p.techs.filter((t) => q.techs.includes(t)).length * w.technicianOverlap;
      penalty[1] = job.equipment >= 0 && job.equipment === other.equipment ? minutes * w.equipmentOverlap : 0;
      penalty[2] = job.groups.some((g) => other.groups.includes(g)) ? minutes * w.conflictGroup : 0;
      if (minutes === 0) continue;
      PAIR_CONSTRAINTS.forEach((c, i) => (this.totals[c] = (this.totals[c] as number) + (penalty[i] as number)));
      (this.partners[j] ??= new Map()).set(k, penalty);
      (this.partners[k] ??= new Map()).set(j, penalty);
    }
  }

  private refreshEdge(e: number): void {
    const edge = this.edges[e] as { pred: number; succ: number };
    const succ = this.placements[edge.succ];
    const pred = this.placements[edge.pred];
    const minutes = !succ
      ? 0
      : pred
        ? ceilMinutes(pred.end - succ.start)
        : ceilMinutes((this.problem.jobs[edge.succ] as { durationMs: number }).durationMs);
    const penalty = minutes * this.problem.weights.precedence;
    this.totals[PRECEDENCE] = (this.totals[PRECEDENCE] as number) + penalty - (this.edgePenalty[e] as number);
    this.edgePenalty[e] = penalty;
  }

  /** Travel into a segment: from the previous segment's site in the same shift, else from home. */
  private travelCost(t: number, prev: TimelineEntry | undefined, shift: number, job: number): number {
    return prev ? this.travelAfter(t, prev.job, prev.shift, shift, job) : this.travelAfter(t, -1, -1, shift, job);
  }

  /** `travelCost` after the segment of `prevJob` in `prevShift` (-1: none before it). */
  private travelAfter(t: number, prevJob: number, prevShift: number, shift: number, job: number): number {
    const w = this.problem.weights.travel;
    if (w === 0) return 0;
    const site = (this.problem.jobs[job] as { site: number }).site;
    const from =
      prevJob >= 0 && shift >= 0 && prevShift === shift
        ? (this.problem.jobs[prevJob] as { site: number }).site
        : (this.problem.technicians[t] as { site: number }).site;
    return this.problem.travel(from, site) * w;
  }

  private refreshTravel(t: number, from: number, to: number): void {
    const entries = (this.techLines[t] as Timeline).entries;
    for (let i = Math.max(0, from); i <= Math.min(to, entries.length - 1); i++) {
      const e = entries[i] as TimelineEntry;
      const travel = this.travelCost(t, entries[i - 1], e.shift, e.job);
      this.totals[TRAVEL] = (this.totals[TRAVEL] as number) + travel - e.travel;
      e.travel = travel;
    }
  }

  /** Travel change if `segments` of `job` joined technician `t`'s timeline (a virtual merge). */
  private travelDelta(t: number, job: number, segments: readonly Interval[]): number {
    if (this.problem.weights.travel === 0) return 0;
    const line = this.techLines[t] as Timeline;
    const entries = line.entries;
    const working = (this.problem.technicians[t] as { working: Interval[] }).working;
    const lo = line.lowerBound((segments[0] as Interval).start, job);
    const hi = line.lowerBound((segments[segments.length - 1] as Interval).start, job);
    // The segment before the current one, as its job and shift (-1: none): the merge only
    // needs those, so the job's own segments are not made into entries.
    const before = entries[lo - 1];
    let prevJob = before ? before.job : -1;
    let prevShift = before ? before.shift : -1;
    let delta = 0;
    let i = lo;
    let k = 0;
    while (k < segments.length || (i <= hi && i < entries.length)) {
      const seg = segments[k];
      const existing = i <= hi ? entries[i] : undefined;
      if (seg && (!existing || seg.start < existing.start || (seg.start === existing.start && job < existing.job))) {
        const shift = indexContaining(working, seg.start);
        delta += this.travelAfter(t, prevJob, prevShift, shift, job);
        prevJob = job;
        prevShift = shift;
        k++;
      } else if (existing) {
        delta += this.travelAfter(t, prevJob, prevShift, existing.shift, existing.job) - existing.travel;
        prevJob = existing.job;
        prevShift = existing.shift;
        i++;
      }
    }
    return delta;
  }

  private capacity(t: number): number {
    return (this.problem.technicians[t] as { capacityMinutes: number }).capacityMinutes;
  }

  private addLoad(t: number, minutes: number): void {
    const load = (this.load[t] as number) + minutes;
    this.load[t] = load;
    const term = Math.round((load * load) / this.capacity(t));
    this.sumBalanceTerm += term - (this.balanceTerm[t] as number);
    this.balanceTerm[t] = term;
    this.sumLoad += minutes;
  }

  /**
   * Σ load²/capacity is smallest, for a given total load, when every technician's load is
   * proportional to their capacity; subtracting that minimum (total²/total capacity) makes a
   * perfectly proportional schedule score 0. Each term is rounded so sums stay exact.
   */
  private balancePenalty(sumTerm: number, sumLoad: number): number {
    const capacity = this.problem.totalCapacityMinutes;
    if (capacity <= 0) return 0;
    return Math.max(0, sumTerm - Math.round((sumLoad * sumLoad) / capacity)) * this.problem.weights.balance;
  }
}

function sameCrew(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}

/** Adds to `found` every job but `job` booked on `line` during one of `segments`, in the order met. */
function collectOverlapping(line: Timeline | undefined, job: number, segments: readonly Interval[], found: StampedSet): void {
  if (!line) return;
  for (const s of segments) {
    for (let i = line.firstOverlapping(s.start); i < line.size; i++) {
      if (line.startAt(i) >= s.end) break;
      if (line.endAt(i) > s.start && line.jobAt(i) !== job) found.add(line.jobAt(i));
    }
  }
}

function resourceEntry(s: Interval, job: number): TimelineEntry {
  return { start: s.start, end: s.end, job, shift: -1, travel: 0 };
}

function removeSegments(line: Timeline | undefined, job: number, p: Placement): void {
  if (!line) return;
  for (let i = p.segments.length - 1; i >= 0; i--) line.removeAt(line.indexOf(job, (p.segments[i] as Interval).start));
}
