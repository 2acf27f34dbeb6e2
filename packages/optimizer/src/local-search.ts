import type { CompiledJob, CompiledProblem } from './compile';
import { byConstructionOrder } from './construction';
import { insertInOrder } from './insertion';
import type { Score } from './model';
import { NOTHING_BUSY, earliestFit, placeAt, sameCrew, workingFor, type Placement } from './placement';
import type { Random } from './random';
import { createRuins, type Lead, type Ruin, type Ruins } from './ruins';
import { compareScores, type ScoreState } from './score';

/**
 * Local search: ruin and recreate (large neighbourhood search) under late acceptance.
 *
 * Each iteration unassigns a handful of related jobs (the ruin, see ruins.ts) and reinserts them,
 * plus a few unassigned ones, by cheapest feasible insertion (the recreate). The new schedule is
 * accepted if it is no worse than the current one or than the current one of
 * `LATE_ACCEPTANCE_LENGTH` iterations ago (late acceptance hill climbing: it walks through
 * plateaus and small dips without a temperature to tune). A rejected move is undone from the
 * placements it saved. On a large plant, an ejection that swaps which work waits, at no loss on the
 * medium level, is also taken at times whatever it costs on the soft level (SIDEWAYS_ACCEPTANCE).
 * Moves never break a hard constraint, so the search spends its time on the medium and soft levels.
 * On a small plant, a search that has found nothing better for `RESTART_AFTER` iterations goes
 * back to the best schedule and rebuilds most of it (iterated local search).
 */

const LATE_ACCEPTANCE_LENGTH = 100;
/** How many displaced jobs an ejection chain makes room for in turn, at most (large plants). */
const CHAIN_LENGTH = 3;
const MAX_RUIN = 30;
/** Small plants need ruins big enough to reorder a busy machine's week, not just a job or two. */
const MIN_MAX_RUIN = 10;
/**
 * Iterations without a new best after which a full solve of a small plant goes back to its best
 * schedule, takes RESTART_SHARE of the booked work out at random and inserts it all again, in a
 * random recreate order, and searches on from there. Late acceptance only walks through small
 * dips, and on a small plant the good schedules can lie in basins far apart: the runs of one plant
 * settled on the same schedule 9 % above the proven optimum whatever the seed, where reaching the
 * optimum meant moving most of its work at once. Rebuilding from the best keeps the part of it
 * that is right, where a fresh greedy start threw that away: on smallPlant(3), 250,000 iterations,
 * 49 of 60 seeds reached the proven optimum, against 21 with fresh starts after 10,000
 * iterations (bench/results/2026-12-01-optimizer-mip.md). Rebuilding 30, 50 or 85 % (after
 * 10,000 iterations), or 70 % after 2,500 or 20,000, reached it less often.
 */
const RESTART_AFTER = 5_000;
/** The share of the best schedule's movable work a restart takes out and inserts again. */
const RESTART_SHARE = 0.7;
/**
 * On a large plant, the share of medium-neutral ejections accepted whatever they cost on the soft
 * level: the job the ejection made room for went in, and what it displaced stayed out, worth as
 * much. Late acceptance judges such a swap by its soft score, and putting in work usually costs
 * soft (its lateness, travel), so without this the set of work left out never changes once the
 * medium level settles: the search then retries the same few jobs against the same schedule.
 * Swapping which work waits opens other rooms for the ejections after it. On the 2,000-job plant
 * at a fixed iteration count, over 24 seeds, it left 8 % less priority out (most of it on seeds
 * that settled in a poor basin without it) for 2–6 % more soft cost
 * (bench/results/2026-12-01-optimizer-plant.md).
 */
const SIDEWAYS_ACCEPTANCE = 0.5;
/**
 * How often each ruin is chosen in a full solve (relative). Ejection only counts while some
 * unassigned job could be placed: fitting in more work is the medium level, which outranks all
 * soft gains, and a cheap slot for it is usually there to be found.
 */
const RUIN_SHARES: readonly [Exclude<keyof Ruins, 'makeRoom'>, number][] = [
  ['ejection', 8],
  ['late', 2],
  ['region', 2],
  ['related', 2],
  ['random', 1],
  // Small full solves only (where restarts run), the plants it was measured on: see ruins.ts.
  ['shift', 2],
];

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

export function localSearch(
  problem: CompiledProblem,
  state: ScoreState,
  random: Random,
  budget: SearchBudget,
  /** Called with each new best score and its placements (a copy the search keeps unchanged). */
  onImproved: (score: Score, iterations: number, best: readonly (Placement | null)[]) => void,
  scope: SearchScope = { focus: 'everywhere' },
): SearchResult {
  const focus = scope.focus;
  const jobOf = (j: number): CompiledJob => problem.jobs[j] as CompiledJob;
  let current = state.score();
  let bestScore = current;
  let best = state.placements.slice();
  const history = new Array<Score>(LATE_ACCEPTANCE_LENGTH).fill(current);
  const movable = problem.jobs.filter((job) => !job.pinned).length;
  const pinnedCount = problem.jobs.length - movable;
  const maxRuin = Math.min(MAX_RUIN, Math.max(MIN_MAX_RUIN, Math.ceil(movable * 0.1)));
  // Where a ruin may take out a large share of the plant, the recreate puts displaced work back
  // without help, and chains would only reshuffle it (on the small exact-reference plants they
  // make the solver reach the proven optimum less often).
  const chains = Math.ceil(movable * 0.1) > MIN_MAX_RUIN;
  // Restarts only where a rebuild is cheap and the plant small (a large plant's schedule
  // takes longer to rebuild than the search takes to improve it), and never in repair, which
  // must stay near the published schedule.
  const restarts = focus === 'everywhere' && !chains;
  let lastGain = 0;
  // Jobs that no crew could ever do, even in an empty schedule, are not worth a ruin aimed at them.
  const fitsAlone = canEverFit(problem, budget);
  const placeable = (j: number): boolean => {
    const job = problem.jobs[j] as CompiledJob;
    return !job.pinned && (scope.wanted?.(j) ?? true) && fitsAlone(j);
  };
  const original = new Map<number, Placement | null>();

  const unassign = (j: number, removed: Set<number>): void => {
    // A successor cannot stay booked without its predecessor (hard): it goes too, and its own in
    // turn. Depth first in successor order, on a stack of its own: a chain may be any length.
    const pending = [j];
    while (pending.length > 0) {
      const k = pending.pop() as number;
      const job = problem.jobs[k] as CompiledJob;
      if (job.pinned || !state.placements[k] || removed.has(k)) continue;
      if (!original.has(k)) original.set(k, state.placements[k] ?? null);
      state.assign(k, null);
      removed.add(k);
      for (let i = job.successors.length - 1; i >= 0; i--) pending.push(job.successors[i] as number);
    }
  };

  // What the change itself disturbed, fixed when the search starts: new work, and published work
  // no longer where it was. Repair ruins only around these, so moving a neighbour does not make
  // that neighbour a new centre of change, and churn cannot spread across the plant.
  const differsFromPublished = (j: number): boolean => {
    const job = problem.jobs[j] as CompiledJob;
    const placed = state.placements[j];
    const was = job.published;
    return !placed || !was || !was.techs || placed.start !== was.start || !sameCrew(placed.techs, was.techs);
  };
  const disturbance =
    focus === 'disturbance' ? problem.jobs.filter((job) => !job.pinned && placeable(job.index) && differsFromPublished(job.index)) : [];
  const ruins = createRuins({
    problem,
    state,
    random,
    focus,
    maxRuin,
    placeable,
    unassign,
    before: (j) => original.get(j),
    disturbedAssigned: () => disturbance.filter((job) => state.placements[job.index]).map((job) => job.index),
  });
  const chooseRuin = (canEject: boolean): Ruin => {
    // Repair: make room for the disturbed work, or reshuffle around it; nothing else.
    if (focus === 'disturbance') return canEject && random.chance(0.4) ? ruins.ejection : ruins.related;
    let total = 0;
    const skip = (name: string): boolean => (name === 'ejection' && !canEject) || (name === 'shift' && !restarts);
    for (const [name, share] of RUIN_SHARES) total += skip(name) ? 0 : share;
    let roll = random.next() * total;
    for (const [name, share] of RUIN_SHARES) {
      if (skip(name)) continue;
      if (roll < share) return ruins[name];
      roll -= share;
    }
    return ruins.random;
  };

  let iterations = 0;
  while (iterations < budget.iterationLimit && !budget.isStopped() && performance.now() < budget.deadline) {
    if (current.hard === 0 && current.medium === 0 && current.soft === 0) break;
    const waiting = state.unassigned.items.filter(placeable);
    // Nothing movable booked and nothing placeable waiting: no move can change anything.
    if (state.assigned.size === pinnedCount && waiting.length === 0) break;
    iterations++;
    if (restarts && iterations - lastGain > RESTART_AFTER) {
      lastGain = iterations;
      current = restart(problem, state, best, unassign, placeable, random);
      history.fill(current);
      continue;
    }
    original.clear();
    const removed = new Set<number>();
    const size = 1 + Math.floor(random.next() ** 2 * maxRuin);
    const lead = chooseRuin(waiting.length > 0)(removed, size);

    const recreate = [...removed];
    const unassigned = waiting.filter((j) => !removed.has(j));
    for (let i = 0, extra = 1 + random.int(3); i < extra && unassigned.length > 0; i++) {
      const j = random.pick(unassigned);
      if (!recreate.includes(j)) recreate.push(j);
    }
    orderForRecreate(problem, recreate, random);
    if (lead !== null) {
      const at = recreate.indexOf(lead.job);
      if (at >= 0) recreate.splice(at, 1);
      recreate.unshift(lead.job);
    }
    const recreated = (jobs: readonly number[], first: Lead | undefined): void => {
      for (const j of insertInOrder(problem, state, jobs, random, undefined, first)) if (!original.has(j)) original.set(j, null);
    };
    recreated(recreate, lead ?? undefined);
    // An ejection chain: while the move loses on the medium level, the most valuable work the
    // ejection displaced and the recreate could not put back makes room for itself in turn.
    for (let link = 0; chains && link < CHAIN_LENGTH && lead?.crew && state.score().medium < current.medium; link++) {
      let next = -1;
      for (const [j, was] of original) {
        if (was && !state.placements[j] && (next < 0 || jobOf(j).priority > jobOf(next).priority)) next = j;
      }
      const displaced = new Set<number>();
      const room = next >= 0 ? ruins.makeRoom(next, displaced) : null;
      if (!room) break;
      recreated([next, ...displaced], room);
    }

    const candidate = state.score();
    const slot = iterations % LATE_ACCEPTANCE_LENGTH;
    const sideways =
      chains &&
      lead?.crew !== undefined &&
      Boolean(state.placements[lead.job]) &&
      candidate.hard === current.hard &&
      candidate.medium === current.medium &&
      random.chance(SIDEWAYS_ACCEPTANCE);
    if (sideways || compareScores(candidate, current) >= 0 || compareScores(candidate, history[slot] as Score) >= 0) {
      // Late acceptance compares with old scores; after a gain on the hard or medium level every
      // old score is lower, and it would accept any soft loss for a whole history length. So a
      // level gain starts a fresh history.
      if (candidate.hard > current.hard || candidate.medium > current.medium) history.fill(candidate);
      current = candidate;
      if (compareScores(current, bestScore) > 0) {
        bestScore = current;
        lastGain = iterations;
        best = state.placements.slice();
        onImproved(bestScore, iterations, best);
      }
    } else {
      for (const j of original.keys()) state.assign(j, null);
      for (const [j, placement] of original) if (placement) state.assign(j, placement);
    }
    history[slot] = current;
  }
  return { iterations, bestScore, best };
}

/**
 * Back to the best schedule, then RESTART_SHARE of its booked work (and what follows it) out at
 * random, and that and the waiting work inserted again in one of the recreate orders.
 */
function restart(
  problem: CompiledProblem,
  state: ScoreState,
  best: readonly (Placement | null)[],
  unassign: (j: number, removed: Set<number>) => void,
  placeable: (j: number) => boolean,
  random: Random,
): Score {
  const cleared = new Set<number>();
  for (const j of state.assigned.items.slice()) unassign(j, cleared);
  best.forEach((placement, j) => {
    if (placement && !(problem.jobs[j] as CompiledJob).pinned) state.assign(j, placement);
  });
  const removed = new Set<number>();
  for (const j of state.assigned.items.slice()) if (random.chance(RESTART_SHARE)) unassign(j, removed);
  const jobs = state.unassigned.items.filter(placeable);
  orderForRecreate(problem, jobs, random);
  insertInOrder(problem, state, jobs, random);
  return state.score();
}

/**
 * Per job, whether some qualified crew could do it in an empty schedule, within its release, its
 * predecessors' earliest possible ends, its deadline and the horizon, and its equipment's windows.
 * A crew works only when each of its members does, so no crew ends earlier than its quickest
 * member would alone: the earliest end over single qualified technicians bounds every crew's, and
 * a job that fewer than a crew's worth of them could finish alone never fits. The bound is what
 * rules out work whose predecessor cannot end early enough, which ejections would otherwise chase
 * for the whole run.
 *
 * Worked out per job when first asked (a search per qualified technician: on a huge plant, all
 * of them at once would outlast a short time limit); past the budget, a job not yet worked out
 * counts as one that may fit.
 */
function canEverFit(problem: CompiledProblem, budget: SearchBudget): (j: number) => boolean {
  const earliestEnd = new Array<number>(problem.jobs.length).fill(NaN);
  const ending = new Set<number>();
  // A job's bound waits for its predecessors' (a chain may be any length: a stack of its own).
  const frames: { j: number; next: number; lower: number }[] = [];
  let answer = NaN;
  /** Starts working out `j`: false with `answer` set when it needs no predecessor's bound first. */
  const open = (j: number): boolean => {
    const known = earliestEnd[j] as number;
    if (!Number.isNaN(known)) return ((answer = known), false);
    // A precedence cycle is never placeable.
    if (ending.has(j)) return ((answer = Infinity), false);
    ending.add(j);
    const job = problem.jobs[j] as CompiledJob;
    if (job.pinned) return ((answer = earliestEnd[j] = placeAt(problem, job, job.pinned.techs, job.pinned.start).end), false);
    frames.push({ j, next: 0, lower: Math.max(problem.horizon.start, job.releaseAt ?? -Infinity) });
    return true;
  };
  /** The earliest end of `j` once every predecessor's is known, from `lower`. */
  const finish = (j: number, lower: number): number => {
    const job = problem.jobs[j] as CompiledJob;
    const endBound = Math.min(problem.horizon.end, job.deadlineAt ?? Infinity);
    let end = Infinity;
    let finishers = 0;
    if (lower + job.durationMs <= endBound) {
      for (const t of job.eligible) {
        const alone = earliestFit(NOTHING_BUSY, job, [t], workingFor(problem, job, [t]), lower, endBound);
        if (!alone) continue;
        finishers++;
        end = Math.min(end, alone.end);
      }
    }
    return (earliestEnd[j] = finishers >= job.crewSize ? end : Infinity);
  };
  const endOf = (root: number): number => {
    if (!open(root)) return answer;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { j: number; next: number; lower: number };
      const predecessors = (problem.jobs[frame.j] as CompiledJob).predecessors;
      if (frame.next < predecessors.length) {
        if (!open(predecessors[frame.next++] as number)) frame.lower = Math.max(frame.lower, answer);
        continue;
      }
      frames.pop();
      answer = finish(frame.j, frame.lower);
      const parent = frames[frames.length - 1];
      if (parent) parent.lower = Math.max(parent.lower, answer);
    }
    return answer;
  };
  return (j) => {
    const known = earliestEnd[j] as number;
    if (!Number.isNaN(known)) return known < Infinity;
    if (budget.isStopped() || performance.now() >= budget.deadline) return true;
    return endOf(j) < Infinity;
  };
}

/**
 * One of four orders, at random: by value (priority first), the construction order, by due time
 * (target, or deadline, minus duration: the order that keeps lateness down on a busy resource), or
 * shuffled.
 */
function orderForRecreate(problem: CompiledProblem, jobs: number[], random: Random): void {
  random.shuffle(jobs);
  const roll = random.next();
  const jobOf = (j: number): CompiledJob => problem.jobs[j] as CompiledJob;
  const due = (job: CompiledJob): number => (job.targetAt ?? job.deadlineAt ?? Infinity) - job.durationMs;
  if (roll < 0.3) jobs.sort((a, b) => Math.sign(due(jobOf(a)) - due(jobOf(b))) || 0);
  else if (roll < 0.58) jobs.sort((a, b) => jobOf(b).priority - jobOf(a).priority);
  else if (roll < 0.79) jobs.sort((a, b) => byConstructionOrder(jobOf(a), jobOf(b)));
}
