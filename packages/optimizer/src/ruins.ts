import type { CompiledJob, CompiledProblem } from './compile';
import { cheapestRoom } from './ejection';
import { bestPlacement, timeBounds } from './insertion';
import { MINUTE_MS, firstEndingAfter } from './intervals';
import type { Interval } from './model';
import { NOTHING_BUSY, earliestFit, latestFit, placeAt, workingFor, type Placement } from './placement';
import type { Random } from './random';
import type { ScoreState } from './score';

/**
 * The ruins of ruin and recreate: each takes jobs out of the schedule (into `removed`, at most
 * `size` unless it says otherwise) and may name a job the recreate should insert first.
 */

export type Ruin = (removed: Set<number>, size: number) => Lead | null;

/** The job to insert first, and the crew a slot was cleared on for it (tried besides the usual ones). */
export interface Lead {
  job: number;
  crew?: readonly number[];
}

export interface RuinContext {
  problem: CompiledProblem;
  state: ScoreState;
  random: Random;
  focus: 'everywhere' | 'disturbance';
  /** Upper bound of a ruin's size; ejections may take up to twice this to clear a slot. */
  maxRuin: number;
  /** Unassigned jobs worth trying to fit in. */
  placeable(j: number): boolean;
  /** Takes a job out (and its booked successors), remembering where it was. */
  unassign(j: number, removed: Set<number>): void;
  /** Where a removed job was before this iteration. */
  before(j: number): Placement | null | undefined;
  /** Repair: the disturbed jobs that are booked, the only seeds it ruins around. */
  disturbedAssigned(): number[];
}

const DAY_MS = 24 * 60 * MINUTE_MS;

export interface Ruins {
  random: Ruin;
  related: Ruin;
  region: Ruin;
  ejection: Ruin;
  late: Ruin;
  shift: Ruin;
  /** Takes out the jobs of the cheapest slot for unassigned job `j` (an ejection chain's next link). */
  makeRoom(j: number, removed: Set<number>): Lead | null;
}

export function createRuins(ctx: RuinContext): Ruins {
  const { problem, state, random } = ctx;
  const jobOf = (j: number): CompiledJob => problem.jobs[j] as CompiledJob;
  const removeAll = (jobs: Iterable<number>, removed: Set<number>, size: number): void => {
    for (const j of jobs) {
      if (removed.size >= size) break;
      ctx.unassign(j, removed);
    }
  };
  // Per job, the end after which it counts as late for the late ruin: its target, or never
  // (Infinity) for pinned work, work without a target and work of no priority.
  const lateAfter = Float64Array.from(problem.jobs, (job) =>
    job.pinned || job.targetAt === null || job.priority === 0 ? Infinity : job.targetAt,
  );
  const seeds = (): readonly number[] => (ctx.focus === 'everywhere' ? state.assigned.items : ctx.disturbedAssigned());
  /** A booked job to start a ruin from (in repair, one the change disturbed), with its placement. */
  const pickSeed = (): { seed: number; placed: Placement; job: CompiledJob } | null => {
    const from = seeds();
    if (from.length === 0) return null;
    const seed = random.pick(from);
    return { seed, placed: state.placements[seed] as Placement, job: jobOf(seed) };
  };
  /** Jobs booked in [from, to) on these technicians and on the job's equipment and groups. */
  const bookedAround = (job: CompiledJob, techs: Iterable<number>, from: number, to: number): number[] => {
    const near: number[] = [];
    const visit = (e: { job: number }): void => {
      near.push(e.job);
    };
    for (const t of techs) state.technician(t)?.forEachOverlapping(from, to, visit);
    if (job.equipment >= 0) state.equipment(job.equipment)?.forEachOverlapping(from, to, visit);
    for (const g of job.groups) state.group(g)?.forEachOverlapping(from, to, visit);
    return near;
  };

  const randomRuin: Ruin = (removed, size) => {
    const assigned = state.assigned.items;
    for (let tries = 0; removed.size < size && tries < size * 4 && assigned.length > 0; tries++)
      ctx.unassign(random.pick(assigned), removed);
    return null;
  };

  // Jobs near a seed job in time on its crew and a few other technicians who could do it.
  const relatedRuin: Ruin = (removed, size) => {
    const picked = pickSeed();
    if (!picked) return null;
    const { seed, placed, job } = picked;
    const span = random.next() * DAY_MS;
    const techs = new Set(placed.techs);
    for (let i = 0; i < 2 && job.eligible.length > 0; i++) techs.add(random.pick(job.eligible));
    const near: number[] = [seed];
    for (const t of techs) state.technician(t)?.forEachOverlapping(placed.start - span, placed.end + span, (e) => near.push(e.job));
    removeAll(random.shuffle(near), removed, size);
    return null;
  };

  // A region of the schedule: the jobs in a time window around a seed job on its crew, its
  // equipment and groups, then (breadth first) on the resources of the jobs found. Work that
  // competes for one machine's windows and for the same people comes out together.
  const regionRuin: Ruin = (removed, size) => {
    const picked = pickSeed();
    if (!picked) return null;
    const { seed, placed } = picked;
    const span = random.next() * 2 * DAY_MS;
    const [start, end] = [placed.start - span, placed.end + span];
    const queue = [seed];
    const seen = { techs: new Set<number>(), equipment: new Set<number>(), groups: new Set<number>() };
    const visit = (e: { job: number }): void => {
      if (removed.size >= size || removed.has(e.job) || !state.placements[e.job]) return;
      ctx.unassign(e.job, removed);
      queue.push(e.job);
    };
    ctx.unassign(seed, removed);
    for (let q = 0; q < queue.length && removed.size < size; q++) {
      const job = jobOf(queue[q] as number);
      for (const t of random.shuffle([...(ctx.before(job.index)?.techs ?? [])])) {
        if (!seen.techs.has(t)) state.technician(t)?.forEachOverlapping(start, end, visit);
        seen.techs.add(t);
      }
      if (job.equipment >= 0 && !seen.equipment.has(job.equipment)) state.equipment(job.equipment)?.forEachOverlapping(start, end, visit);
      seen.equipment.add(job.equipment);
      for (const g of job.groups) {
        if (!seen.groups.has(g)) state.group(g)?.forEachOverlapping(start, end, visit);
        seen.groups.add(g);
      }
    }
    return null;
  };

  // Make room for an unassigned job. A full solve clears the slot that costs the least priority
  // (see ejection.ts), or failing that a random window in the job's range (the early days are the
  // most crowded); repair clears it where the job was published, or as early as it may start.
  const ejectionRuin: Ruin = (removed, size) => {
    const candidates = state.unassigned.items.filter(ctx.placeable);
    if (candidates.length === 0) return null;
    let target = random.pick(candidates);
    const other = random.pick(candidates);
    if (jobOf(other).priority > jobOf(target).priority) target = other;
    const job = jobOf(target);
    const unplacedPredecessor = job.predecessors.find((p) => !state.placements[p]);
    if (unplacedPredecessor !== undefined) return ctx.placeable(unplacedPredecessor) ? { job: unplacedPredecessor } : null;
    if (ctx.focus === 'everywhere') {
      const lead = makeRoom(target, removed);
      if (lead) return lead;
      if (job.predecessors.length > 0) return ejectPredecessor(job, removed);
    }
    const bounds = timeBounds(problem, state, job) ?? { lower: problem.horizon.start, endBound: problem.horizon.end };
    const windowStart =
      ctx.focus === 'everywhere'
        ? bounds.lower + random.next() ** 2 * Math.max(0, bounds.endBound - bounds.lower - job.durationMs)
        : Math.max(bounds.lower, job.published?.start ?? bounds.lower);
    const windowEnd = Math.min(bounds.endBound, windowStart + job.durationMs * 2 + random.next() * 2 * DAY_MS);
    const techs = random.shuffle([...job.eligible]).slice(0, job.crewSize + random.int(2));
    removeAll(random.shuffle(bookedAround(job, techs, windowStart, windowEnd)), removed, size);
    return { job: target };
  };

  // Clears the cheapest slot for an unassigned job (see ejection.ts), if it has one.
  const makeRoom = (j: number, removed: Set<number>): Lead | null => {
    const bounds = timeBounds(problem, state, jobOf(j));
    const room = bounds && cheapestRoom(problem, state, jobOf(j), bounds, random);
    if (!room) return null;
    removeAll(room.jobs, removed, ctx.maxRuin * 2);
    return { job: j, crew: room.crew };
  };

  // Per job, a start no crew could begin it after and still be done by its deadline (and the
  // horizon), in an empty schedule, or -Infinity: its predecessors must end by then. For one
  // technician it is exact; a crew works only when every member does, so none starts later than
  // its crew-size-th latest member alone. Worked out when first asked. Its working time decides,
  // not its duration alone: downtime work only advances inside its equipment's windows, other
  // work only in its crew's shifts.
  const latestStarts = new Float64Array(problem.jobs.length).fill(NaN);
  const latestStart = (job: CompiledJob): number => {
    const known = latestStarts[job.index] as number;
    if (!Number.isNaN(known)) return known;
    const lower = Math.max(problem.horizon.start, job.releaseAt ?? -Infinity);
    const endBound = Math.min(problem.horizon.end, job.deadlineAt ?? Infinity);
    const starts = job.eligible.map(
      (t) => latestFit(NOTHING_BUSY, job, [t], workingFor(problem, job, [t]), lower, endBound)?.start ?? -Infinity,
    );
    starts.sort((a, b) => b - a);
    return (latestStarts[job.index] = starts[job.crewSize - 1] ?? -Infinity);
  };

  // A job with no room between its predecessor's end and its deadline: the predecessor moves at
  // once to its best placement ending early enough (from the cheapest slot cleared for it, if it
  // needs one), and the job goes in first.
  const ejectPredecessor = (job: CompiledJob, removed: Set<number>): Lead | null => {
    let blocking = -1;
    for (const p of job.predecessors) {
      const end = state.placements[p]?.end ?? -Infinity;
      if (blocking < 0 || end > (state.placements[blocking]?.end ?? -Infinity)) blocking = p;
    }
    if (blocking < 0 || jobOf(blocking).pinned || !state.placements[blocking]) return null;
    ctx.unassign(blocking, removed);
    const own = timeBounds(problem, state, jobOf(blocking));
    const endBy = latestStart(job);
    if (!own || Math.min(own.endBound, endBy) <= own.lower) return null;
    let moved = bestPlacement(problem, state, blocking, random, endBy);
    if (!moved) {
      const room = cheapestRoom(problem, state, jobOf(blocking), { lower: own.lower, endBound: Math.min(own.endBound, endBy) }, random);
      if (room) removeAll(room.jobs, removed, ctx.maxRuin * 2);
      moved = bestPlacement(problem, state, blocking, random, endBy, room?.crew);
    }
    if (moved) state.assign(blocking, moved.placement);
    return { job: job.index };
  };

  // Make room earlier for a late job: of two late jobs sampled, the later one (lateness ×
  // priority) comes out, a window before its target is cleared on a few qualified technicians,
  // its equipment and groups, and it goes in first.
  const lateRuin: Ruin = (removed, size) => {
    const lateness = (j: number): number => {
      const job = jobOf(j);
      const placed = state.placements[j] as Placement;
      return job.pinned || job.targetAt === null ? 0 : Math.max(0, placed.end - job.targetAt) * job.priority;
    };
    // One pass over the schedule on every late ruin: kept to reads of two typed arrays.
    const late: number[] = [];
    const ends = state.ends;
    for (const j of seeds()) if ((ends[j] as number) > (lateAfter[j] as number)) late.push(j);
    let target = -1;
    let worst = 0;
    for (let tries = 0; tries < 2 && late.length > 0; tries++) {
      const j = random.pick(late);
      if (lateness(j) > worst) [target, worst] = [j, lateness(j)];
    }
    if (target < 0) return null;
    const job = jobOf(target);
    ctx.unassign(target, removed);
    const bounds = timeBounds(problem, state, job) ?? { lower: problem.horizon.start, endBound: problem.horizon.end };
    const latest = Math.max(bounds.lower, (job.targetAt as number) - job.durationMs);
    const windowStart = bounds.lower + random.next() * (latest - bounds.lower);
    const windowEnd = Math.min(bounds.endBound, windowStart + job.durationMs * 2 + random.next() * 2 * DAY_MS);
    const techs = random.shuffle([...job.eligible]).slice(0, job.crewSize + random.int(2));
    removeAll(random.shuffle(bookedAround(job, techs, windowStart, windowEnd)), removed, size);
    return { job: target };
  };

  // A run of consecutive jobs on one technician or machine moves earlier together, each by the
  // same working time of its crew (half an hour to two hours), on the same crew; whatever stands
  // in the way of a job's new slot comes out, and so does the work just after the run on its
  // resources, for the recreate to move into the time freed. One job at a time, the first move
  // of such a shift usually costs (earliness, another job's slot) and only the last one gains,
  // so late acceptance never takes the first step: a busy machine's week an hour late stays so.
  const shiftRuin: Ruin = (removed, size) => {
    const picked = pickSeed();
    if (!picked) return null;
    const { seed, placed, job } = picked;
    const lines = placed.techs.map((t) => state.technician(t));
    if (job.equipment >= 0) lines.push(state.equipment(job.equipment));
    const line = random.pick(lines);
    if (!line) return null;
    const order: number[] = [];
    for (const e of line.entries) if (!order.includes(e.job)) order.push(e.job);
    const length = 2 + random.int(Math.max(1, ctx.maxRuin - 1));
    const first = Math.max(0, order.indexOf(seed) - random.int(length));
    const run = order.slice(first, first + length).filter((j) => !jobOf(j).pinned);
    const shiftMs = 30 * MINUTE_MS * (1 + random.int(4));
    const was = new Map(run.map((j) => [j, state.placements[j] as Placement]));
    for (const j of run) ctx.unassign(j, removed);
    const span = random.next() * DAY_MS;
    for (const j of run) {
      const old = was.get(j) as Placement;
      const runJob = jobOf(j);
      const working = workingFor(problem, runJob, old.techs);
      const start = workingTimeBefore(working, old.start, shiftMs);
      const bounds = timeBounds(problem, state, runJob);
      if (start === null || !bounds || start < bounds.lower) continue;
      for (const s of placeAt(problem, runJob, old.techs, start).segments)
        removeAll(bookedAround(runJob, old.techs, s.start, s.end), removed, Infinity);
      const moved = earliestFit(state, runJob, old.techs, working, start, bounds.endBound);
      if (moved && moved.start < old.start) state.assign(j, moved);
      removeAll(bookedAround(runJob, old.techs, old.end, old.end + span), removed, run.length + size);
    }
    return null;
  };

  return {
    random: randomRuin,
    related: relatedRuin,
    region: regionRuin,
    ejection: ejectionRuin,
    late: lateRuin,
    shift: shiftRuin,
    makeRoom,
  };
}

/** The start `ms` of working time before `at` (null if the calendar has less before it). */
function workingTimeBefore(working: readonly Interval[], at: number, ms: number): number | null {
  let k = firstEndingAfter(working, at);
  if (k < 0) k = working.length;
  let remaining = ms;
  let cursor = at;
  if (k < working.length && (working[k] as Interval).start < at) k++;
  for (k--; k >= 0; k--) {
    const iv = working[k] as Interval;
    const end = Math.min(iv.end, cursor);
    if (end - iv.start >= remaining) return end - remaining;
    remaining -= end - iv.start;
    cursor = iv.start;
  }
  return null;
}
