import type { CompiledJob, CompiledProblem } from './compile';
import { MINUTE_MS, firstEndingAfter } from './intervals';
import type { Interval, Score } from './model';
import { earliestFit, latestFit, placeAt, sameCrew, workingFor, type Placement } from './placement';
import { type Random, shuffleRange } from './random';
import type { Lead } from './ruins';
import { compareScores, type ScoreState } from './score';

/**
 * Cheapest feasible insertion: the building block of construction, of ruin-and-recreate and of
 * repair. Every placement it proposes is hard-feasible against what is already booked, so the
 * solver never trades hard constraints; a job it cannot place stays unassigned (medium).
 */

export interface Candidate {
  placement: Placement;
  delta: Score;
}

/** How many technicians beyond the crew size make up the pool a crew is chosen from. */
const CREW_POOL_EXTRA = 3;
/**
 * In local search, each candidate after the first is ignored with this probability ("blinks",
 * as in SISR): the recreate then sometimes takes a second-best slot, which is how it reaches
 * schedules where one job must give way to another inserted after it.
 */
const BLINK_RATE = 0.02;
/**
 * In local search, how often a job that is not early-sensitive is also tried as late as it can
 * end by its target. That costs it nothing and leaves the time before free: a greedy recreate
 * otherwise always takes the earliest slot, which is how urgent work gets crowded out.
 */
const JUST_IN_TIME_RATE = 0.3;
/**
 * In local search, a job with more qualified technicians than this is tried on only this many of
 * them per recreate (half the earliest free, half at random): on a large plant that nearly halves
 * the cost of an iteration for the same progress per iteration, and every technician still comes
 * up over the iterations. Construction tries everyone.
 */
const SAMPLED_TECHNICIANS = 8;

/** The window a job must fit in now: after release and booked predecessors, before deadline and booked successors. */
export function timeBounds(problem: CompiledProblem, state: ScoreState, job: CompiledJob): { lower: number; endBound: number } | null {
  let lower = Math.max(problem.horizon.start, job.releaseAt ?? -Infinity);
  for (const p of job.predecessors) {
    const placed = state.placements[p];
    if (!placed) return null;
    lower = Math.max(lower, placed.end);
  }
  let endBound = Math.min(problem.horizon.end, job.deadlineAt ?? Infinity);
  for (const s of job.successors) {
    const placed = state.placements[s];
    if (placed) endBound = Math.min(endBound, placed.start);
  }
  return endBound > lower ? { lower, endBound } : null;
}

/**
 * The best placement of an unassigned, unpinned job: for each qualified technician (or crew),
 * the earliest feasible start — and, for a job that should not finish early, the latest start
 * ending by its target, the earliest start from its target minus its duration, and (a target in
 * the crew's off time) the end one minute into the next working interval — scored with the exact
 * insertion delta. With `random` (local search; construction goes without) it also tries the gap
 * after the next booked job, now and then the latest start ending by the target of other work,
 * breaks ties at random, samples technicians on large plants, and the crew pool draws a few
 * beyond the earliest ones.
 */
export function bestPlacement(
  problem: CompiledProblem,
  state: ScoreState,
  j: number,
  random?: Random,
  /** Only placements ending by then (a successor's latest start). */
  endBy = Infinity,
  /** A crew to try besides the usual ones: the one an ejection cleared a slot on. */
  cleared?: readonly number[],
): Candidate | null {
  const job = problem.jobs[j];
  if (!job || job.pinned) return null;
  const bounds = timeBounds(problem, state, job);
  if (!bounds) return null;
  bounds.endBound = Math.min(bounds.endBound, endBy);
  if (bounds.endBound <= bounds.lower) return null;
  let best: Candidate | null = null;
  let blinked: Placement | null = null;
  let ties = 0;
  const consider = (placement: Placement | null): void => {
    if (!placement) return;
    if (random?.chance(BLINK_RATE)) {
      blinked ??= placement;
      return;
    }
    const delta = state.insertionDelta(j, placement);
    const order = best ? compareScores(delta, best.delta) : 1;
    if (order > 0) {
      best = { placement, delta };
      ties = 1;
    } else if (order === 0 && random && random.int(++ties) === 0) best = { placement, delta };
  };
  // Never lose the only feasible slot to a blink.
  const result = (): Candidate | null => best ?? (blinked ? { placement: blinked, delta: state.insertionDelta(j, blinked) } : null);
  const tryCrew = (techs: readonly number[]): Placement | null => {
    const working = workingFor(problem, job, techs);
    const earliest = earliestFit(state, job, techs, working, bounds.lower, bounds.endBound);
    consider(earliest);
    if (!earliest) return null;
    const target = job.targetAt;
    const byTarget = (): void => {
      const by = Math.min(target as number, bounds.endBound);
      if (by > earliest.end) consider(latestFit(state, job, techs, working, earliest.start, by));
    };
    if (job.penalizeEarliness && target !== null) {
      const from = target - job.durationMs;
      if (from > earliest.start) consider(earliestFit(state, job, techs, working, from, bounds.endBound));
      // As close before the target as there is room (earliest fit from the target skips any
      // gap that ends before it).
      byTarget();
      // A target in the crew's off time: ending one minute into the next working interval, the
      // rest done before the break, can cost less than ending before the break.
      const next = firstEndingAfter(working, target);
      const after = next >= 0 ? (working[next] as Interval).start : Infinity;
      const inBreak = next >= 0 && after > target && (next === 0 || (working[next - 1] as Interval).end < target);
      if (inBreak && after + MINUTE_MS <= bounds.endBound)
        consider(latestFit(state, job, techs, working, earliest.start, after + MINUTE_MS));
    } else if (random && target !== null && random.chance(JUST_IN_TIME_RATE)) byTarget();
    // The next gap of the first crew member's day: after the job that follows the earliest
    // slot. Filling the first gap is not always best (travel, overtime, the order of a route).
    if (random) {
      const entries = state.technician(techs[0] as number)?.entries ?? [];
      const next = entries[state.technician(techs[0] as number)?.lowerBound(earliest.start) ?? entries.length];
      if (next) consider(earliestFit(state, job, techs, working, next.end, bounds.endBound));
    }
    return earliest;
  };

  // Where the published schedule has it (or the earliest start after that): no churn, or the least.
  const published = job.published?.techs;
  if (published && published.length === job.crewSize && published.every((t) => job.eligible.includes(t))) {
    const from = Math.max(bounds.lower, (job.published as { start: number }).start);
    consider(earliestFit(state, job, published, workingFor(problem, job, published), from, bounds.endBound));
  }
  // Technicians by the first moment they have room for the job (in local search from a random one,
  // so ties and blinks favour nobody): crews are composed from the front runners.
  // Downtime work by the room in each technician's time inside the equipment's windows: by the
  // whole shift, one booked between the windows would look as if they had none.
  const windowed = job.windows ? (t: number) => workingFor(problem, job, [t]) : undefined;
  const ranked = rankByRoom(job.eligible, random ? random.int(job.eligible.length) : 0, (t) =>
    state.roomFrom(t, bounds.lower, job.durationMs, windowed?.(t)),
  );

  if (job.crewSize === 1) {
    // Local search samples: the technicians with room soonest, and as many others at random.
    // The one a slot was cleared on joins them.
    if (random && ranked.length > SAMPLED_TECHNICIANS) {
      const half = SAMPLED_TECHNICIANS / 2;
      // The others drawn by shuffling the rest of the ranking in place: `ranked` is this call's own.
      shuffleRange(random, ranked, half, ranked.length);
      let clearedSampled = false;
      for (let k = 0; k < SAMPLED_TECHNICIANS; k++) {
        const t = ranked[k] as number;
        clearedSampled ||= t === cleared?.[0];
        tryCrew(problem.soloCrews[t] as readonly number[]);
      }
      if (cleared && !clearedSampled) tryCrew(problem.soloCrews[cleared[0] as number] as readonly number[]);
    } else {
      for (const t of ranked) tryCrew(problem.soloCrews[t] as readonly number[]);
    }
    return result();
  }
  // Crews: the one a slot was cleared on (seldom all among the front runners); the front runners
  // (and in local search two others at random), ranked by their own earliest start; then every
  // crew from the best of them.
  if (cleared) tryCrew(cleared);
  const contenders = ranked.slice(0, job.crewSize + 2 * CREW_POOL_EXTRA);
  if (random) for (let extra = 0; extra < 2 && ranked.length > contenders.length; extra++) contenders.push(random.pick(ranked));
  const singles: { t: number; start: number }[] = [];
  for (const t of new Set(contenders)) {
    const solo = problem.soloCrews[t] as readonly number[];
    const alone = earliestFit(state, job, solo, workingFor(problem, job, solo), bounds.lower, bounds.endBound);
    if (alone) singles.push({ t, start: alone.start });
  }
  if (singles.length < job.crewSize) return result();
  singles.sort((a, b) => a.start - b.start || a.t - b.t);
  const pool = singles.slice(0, job.crewSize + CREW_POOL_EXTRA).map((s) => s.t);
  pool.sort((a, b) => a - b);
  for (const crew of combinations(pool, job.crewSize)) if (!cleared || !sameCrew(crew, cleared)) tryCrew(crew);
  return result();
}

/** Scratch for `rankByRoom`: each technician's first moment with room, packed with its position. */
let rankKeys = new Float64Array(64);
/** Scratch for `rankByRoom`: positions of the technicians with no room at all. */
let roomless = new Int32Array(64);

/**
 * The qualified technicians, starting from the one at `offset`, in a stable order of the first
 * moment each has room for the job (`roomOf`). Called for every insertion, on every qualified
 * technician, so it is the solver's busiest sort: each start (whole milliseconds) is packed with
 * its position in the rotated list into one exact number, which the engine sorts natively,
 * without a comparison callback, in the order a stable sort on the start alone would give.
 */
function rankByRoom(eligible: readonly number[], offset: number, roomOf: (t: number) => number): number[] {
  const n = eligible.length;
  if (rankKeys.length < n) {
    rankKeys = new Float64Array(n * 2);
    roomless = new Int32Array(n * 2);
  }
  const scale = positionScale(n);
  // Beyond this, start × scale + position would not be exact.
  const packable = Math.floor(Number.MAX_SAFE_INTEGER / scale) - 1;
  let finite = 0;
  let none = 0;
  for (let i = 0; i < n; i++) {
    const start = roomOf(eligible[(i + offset) % n] as number);
    if (start === Infinity) roomless[none++] = i;
    else if (Number.isInteger(start) && Math.abs(start) <= packable) rankKeys[finite++] = start * scale + i;
    else return rankByRoomSlowly(eligible, offset, roomOf);
  }
  const keys = rankKeys.subarray(0, finite).sort();
  const order: number[] = new Array<number>(n);
  for (let k = 0; k < finite; k++) {
    const key = keys[k] as number;
    const position = key - Math.floor(key / scale) * scale;
    order[k] = eligible[(position + offset) % n] as number;
  }
  // No room anywhere: last, in their rotated order.
  for (let k = 0; k < none; k++) order[finite + k] = eligible[((roomless[k] as number) + offset) % n] as number;
  return order;
}

/** The smallest power of two above every position in a list of `n`: packing by it is exact. */
function positionScale(n: number): number {
  let scale = 1;
  while (scale < n) scale *= 2;
  return scale;
}

/** `rankByRoom` for starts too large, or not whole, to pack exactly (never with real dates). */
function rankByRoomSlowly(eligible: readonly number[], offset: number, roomOf: (t: number) => number): number[] {
  const n = eligible.length;
  const from = new Float64Array(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    from[i] = roomOf(eligible[(i + offset) % n] as number);
    order[i] = i;
  }
  // Ties keep their rotated order, as a stable sort on the start alone would.
  order.sort((a, b) => (from[a] as number) - (from[b] as number) || a - b);
  for (let i = 0; i < n; i++) order[i] = eligible[((order[i] as number) + offset) % n] as number;
  return order;
}

/** Puts a pinned job exactly where it is pinned, whatever that costs. */
export function placePinned(problem: CompiledProblem, state: ScoreState): void {
  for (const job of problem.jobs) {
    if (job.pinned) state.assign(job.index, placeAt(problem, job, job.pinned.techs, job.pinned.start));
  }
}

/**
 * Inserts `jobs` in order, each at its best placement. A job waiting for a predecessor that is
 * still in the list is deferred until the predecessor has had its turn (see `turnOrder`). The
 * `lead` job is also tried on the crew a slot was cleared on for it. Returns the jobs placed.
 */
export function insertInOrder(
  problem: CompiledProblem,
  state: ScoreState,
  jobs: readonly number[],
  random?: Random,
  isStopped: () => boolean = () => false,
  lead?: Lead,
): number[] {
  const placed: number[] = [];
  for (const j of turnOrder(problem, state, jobs)) {
    if (isStopped()) return placed;
    if (state.placements[j]) continue;
    const candidate = bestPlacement(problem, state, j, random, Infinity, j === lead?.job ? lead.crew : undefined);
    if (candidate) {
      state.assign(j, candidate.placement);
      placed.push(j);
    }
  }
  return placed;
}

/**
 * The order in which the (distinct) `jobs` take their turn: passes over the list, in its order,
 * where a job waiting for a predecessor of the list that is not booked yet and has not had its
 * turn is deferred to the next pass. Jobs that wait on a precedence cycle never get past it:
 * once nothing else is left they take their turn, in list order (and stay unassigned).
 *
 * Worked out without making the passes: a job's pass is the latest of its waited-for
 * predecessors' passes, one later for a predecessor listed after it. Passing over the list
 * again and again costs the square of a long chain's length.
 */
export function turnOrder(problem: CompiledProblem, state: ScoreState, jobs: readonly number[]): readonly number[] {
  const position = new Map<number, number>();
  for (let i = 0; i < jobs.length; i++) if (!position.has(jobs[i] as number)) position.set(jobs[i] as number, i);
  const list = position.size === jobs.length ? jobs : [...position.keys()];
  if (list !== jobs) list.forEach((j, i) => position.set(j, i));
  const waitsOn = (p: number): number | undefined => (state.placements[p] ? undefined : position.get(p));
  // Most lists (a ruin's few jobs) have nobody waiting on anyone in them: their own order.
  if (!list.some((j) => (problem.jobs[j] as CompiledJob).predecessors.some((p) => waitsOn(p) !== undefined))) return list;

  const n = list.length;
  const pass = new Float64Array(n).fill(1);
  const waiting = new Int32Array(n);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (const p of (problem.jobs[list[i] as number] as CompiledJob).predecessors) {
      const k = waitsOn(p);
      if (k === undefined) continue;
      waiting[i] = (waiting[i] as number) + 1;
      (dependents[k] as number[]).push(i);
    }
  }
  // Each job's pass is final once every predecessor it waits on has its own (a topological walk).
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);
  while (ready.length > 0) {
    const k = ready.pop() as number;
    for (const i of dependents[k] as number[]) {
      pass[i] = Math.max(pass[i] as number, (pass[k] as number) + (k > i ? 1 : 0));
      waiting[i] = (waiting[i] as number) - 1;
      if (waiting[i] === 0) ready.push(i);
    }
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const passOf = (i: number): number => (waiting[i] === 0 ? (pass[i] as number) : Infinity);
  order.sort((a, b) => passOf(a) - passOf(b) || a - b);
  return order.map((i) => list[i] as number);
}

function* combinations(items: readonly number[], size: number, from = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === size) {
    yield [...chosen];
    return;
  }
  for (let i = from; i <= items.length - (size - chosen.length); i++) {
    chosen.push(items[i] as number);
    yield* combinations(items, size, i + 1, chosen);
    chosen.pop();
  }
}
