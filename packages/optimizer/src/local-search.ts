import type { CompiledJob, CompiledProblem } from './compile';
import { byConstructionOrder } from './construction';
import { insertInOrder, timeBounds } from './insertion';
import { MINUTE_MS } from './intervals';
import type { Score } from './model';
import type { Placement } from './placement';
import type { Random } from './random';
import { compareScores, type ScoreState } from './score';

/**
 * Local search: ruin and recreate (large neighbourhood search) under late acceptance.
 *
 * Each iteration unassigns a handful of related jobs (the ruin) and reinserts them, plus a few
 * unassigned ones, by cheapest feasible insertion (the recreate). The new schedule is accepted if
 * it is no worse than the current one or than the current one of `LATE_ACCEPTANCE_LENGTH`
 * iterations ago (late acceptance hill climbing: it walks through plateaus and small dips without
 * a temperature to tune). A rejected move is undone from the placements it saved. Moves never
 * break a hard constraint, so the search spends its time on the medium and soft levels.
 */

const LATE_ACCEPTANCE_LENGTH = 100;
const EJECTION_SHARE = 0.4;
const MAX_RUIN = 30;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Where the search works. `everywhere` (a full solve) ruins anywhere in the schedule.
 * `disturbance` (repair) only ruins around what the change disturbed — new work and published
 * work that lost its slot — so jobs far from the change are never touched and churn stays local.
 * `wanted` limits which unassigned jobs it tries to fit in (repair: the new and orphaned work,
 * not the old backlog, which would otherwise buy its way in with churn).
 */
export interface SearchScope {
  focus: 'everywhere' | 'disturbance';
  wanted?: (job: number) => boolean;
}

export interface SearchBudget {
  iterationLimit: number;
  /** performance.now() value at which to stop. */
  deadline: number;
  isStopped(): boolean;
}

export interface SearchResult {
  iterations: number;
  bestScore: Score;
  best: (Placement | null)[];
}

type Ruin = (removed: Set<number>, size: number) => number | null;

export function localSearch(
  problem: CompiledProblem,
  state: ScoreState,
  random: Random,
  budget: SearchBudget,
  onImproved: (score: Score, iterations: number) => void,
  scope: SearchScope = { focus: 'everywhere' },
): SearchResult {
  const focus = scope.focus;
  let current = state.score();
  let bestScore = current;
  let best = state.placements.slice();
  const history = new Array<Score>(LATE_ACCEPTANCE_LENGTH).fill(current);
  const movable = problem.jobs.filter((job) => !job.pinned).length;
  const pinnedCount = problem.jobs.length - movable;
  const maxRuin = Math.min(MAX_RUIN, Math.max(3, Math.ceil(movable * 0.1)));
  // Jobs that no crew could ever do are not worth a ruin aimed at them.
  const placeable = (j: number): boolean => {
    const job = problem.jobs[j] as CompiledJob;
    return !job.pinned && job.eligible.length >= job.crewSize && (scope.wanted?.(j) ?? true);
  };
  const original = new Map<number, Placement | null>();

  const unassign = (j: number, removed: Set<number>): void => {
    const job = problem.jobs[j] as CompiledJob;
    if (job.pinned || !state.placements[j] || removed.has(j)) return;
    if (!original.has(j)) original.set(j, state.placements[j] ?? null);
    state.assign(j, null);
    removed.add(j);
    // A successor cannot stay booked without its predecessor (hard): it goes too.
    for (const s of job.successors) unassign(s, removed);
  };
  const removeAll = (jobs: Iterable<number>, removed: Set<number>, size: number): void => {
    for (const j of jobs) {
      if (removed.size >= size) break;
      unassign(j, removed);
    }
  };

  // What the change itself disturbed, fixed when the search starts: new work, and published work
  // no longer where it was. Repair ruins only around these, so moving a neighbour does not make
  // that neighbour a new centre of change, and churn cannot spread across the plant.
  const differsFromPublished = (j: number): boolean => {
    const job = problem.jobs[j] as CompiledJob;
    const placed = state.placements[j];
    const was = job.published;
    return !placed || !was || !was.techs || placed.start !== was.start || !sameTechs(placed.techs, was.techs);
  };
  const disturbance =
    focus === 'disturbance' ? problem.jobs.filter((job) => !job.pinned && placeable(job.index) && differsFromPublished(job.index)) : [];
  const disturbedAssigned = (): number[] => disturbance.filter((job) => state.placements[job.index]).map((job) => job.index);

  const randomRuin: Ruin = (removed, size) => {
    const assigned = state.assigned.items;
    for (let tries = 0; removed.size < size && tries < size * 4 && assigned.length > 0; tries++) unassign(random.pick(assigned), removed);
    return null;
  };

  // Jobs near a seed job in time on its crew and a few other technicians who could do it.
  const relatedRuin: Ruin = (removed, size) => {
    const seeds = focus === 'everywhere' ? state.assigned.items : disturbedAssigned();
    if (seeds.length === 0) return null;
    const seed = random.pick(seeds);
    const placed = state.placements[seed] as Placement;
    const job = problem.jobs[seed] as CompiledJob;
    const span = random.next() * DAY_MS;
    const techs = new Set(placed.techs);
    for (let i = 0; i < 2 && job.eligible.length > 0; i++) techs.add(random.pick(job.eligible));
    const near: number[] = [seed];
    for (const t of techs) {
      state.technician(t)?.forEachOverlapping(placed.start - span, placed.end + span, (e) => near.push(e.job));
    }
    removeAll(random.shuffle(near), removed, size);
    return null;
  };

  // Make room for an unassigned job: clear its window on a few qualified technicians, its
  // equipment and its conflict groups, then recreate with it first.
  const ejectionRuin: Ruin = (removed, size) => {
    const candidates = state.unassigned.items.filter(placeable);
    if (candidates.length === 0) return null;
    let target = random.pick(candidates);
    const other = random.pick(candidates);
    if ((problem.jobs[other] as CompiledJob).priority > (problem.jobs[target] as CompiledJob).priority) target = other;
    const job = problem.jobs[target] as CompiledJob;
    const unplacedPredecessor = job.predecessors.find((p) => !state.placements[p]);
    if (unplacedPredecessor !== undefined) return placeable(unplacedPredecessor) ? unplacedPredecessor : null;
    const bounds = timeBounds(problem, state, job) ?? { lower: problem.horizon.start, endBound: problem.horizon.end };
    // A full solve clears a window anywhere in the job's range (the early days are the most
    // crowded); repair clears it where the job was published, or as early as it may start.
    const windowStart =
      focus === 'everywhere'
        ? bounds.lower + random.next() ** 2 * Math.max(0, bounds.endBound - bounds.lower - job.durationMs)
        : Math.max(bounds.lower, job.published?.start ?? bounds.lower);
    const windowEnd = Math.min(bounds.endBound, windowStart + job.durationMs * 2 + random.next() * 2 * DAY_MS);
    const near: number[] = [];
    const visit = (e: { job: number }): void => {
      near.push(e.job);
    };
    const techs = random.shuffle([...job.eligible]).slice(0, job.crewSize + random.int(2));
    for (const t of techs) state.technician(t)?.forEachOverlapping(windowStart, windowEnd, visit);
    if (job.equipment >= 0) state.equipment(job.equipment)?.forEachOverlapping(windowStart, windowEnd, visit);
    for (const g of job.groups) state.group(g)?.forEachOverlapping(windowStart, windowEnd, visit);
    removeAll(random.shuffle(near), removed, size);
    return target;
  };

  let iterations = 0;
  while (iterations < budget.iterationLimit && !budget.isStopped() && performance.now() < budget.deadline) {
    if (current.hard === 0 && current.medium === 0 && current.soft === 0) break;
    // Nothing movable booked and nothing placeable waiting: no move can change anything.
    if (state.assigned.size === pinnedCount && !state.unassigned.items.some(placeable)) break;
    iterations++;
    original.clear();
    const removed = new Set<number>();
    const size = 1 + Math.floor(random.next() ** 2 * maxRuin);
    const roll = random.next();
    const first =
      state.unassigned.size > 0 && roll < EJECTION_SHARE
        ? ejectionRuin(removed, size)
        : roll < 0.7 || focus === 'disturbance'
          ? relatedRuin(removed, size)
          : randomRuin(removed, size);

    const recreate = [...removed];
    const unassigned = state.unassigned.items.filter((j) => !removed.has(j) && placeable(j));
    for (let i = 0, extra = 1 + random.int(3); i < extra && unassigned.length > 0; i++) {
      const j = random.pick(unassigned);
      if (!recreate.includes(j)) recreate.push(j);
    }
    orderForRecreate(problem, recreate, random);
    if (first !== null) {
      const at = recreate.indexOf(first);
      if (at >= 0) recreate.splice(at, 1);
      recreate.unshift(first);
    }
    for (const j of insertInOrder(problem, state, recreate, random)) if (!original.has(j)) original.set(j, null);

    const candidate = state.score();
    const slot = iterations % LATE_ACCEPTANCE_LENGTH;
    if (compareScores(candidate, current) >= 0 || compareScores(candidate, history[slot] as Score) >= 0) {
      // Late acceptance compares with old scores; after a gain on the hard or medium level every
      // old score is lower, and it would accept any soft loss for a whole history length. So a
      // level gain starts a fresh history.
      if (candidate.hard > current.hard || candidate.medium > current.medium) history.fill(candidate);
      current = candidate;
      if (compareScores(current, bestScore) > 0) {
        bestScore = current;
        best = state.placements.slice();
        onImproved(bestScore, iterations);
      }
    } else {
      for (const j of original.keys()) state.assign(j, null);
      for (const [j, placement] of original) if (placement) state.assign(j, placement);
    }
    history[slot] = current;
  }
  return { iterations, bestScore, best };
}

function sameTechs(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** One of three orders, at random: by value (priority first), the construction order, or shuffled. */
function orderForRecreate(problem: CompiledProblem, jobs: number[], random: Random): void {
  random.shuffle(jobs);
  const roll = random.next();
  const jobOf = (j: number): CompiledJob => problem.jobs[j] as CompiledJob;
  if (roll < 0.4) jobs.sort((a, b) => jobOf(b).priority - jobOf(a).priority);
  else if (roll < 0.7) jobs.sort((a, b) => byConstructionOrder(jobOf(a), jobOf(b)));
}
