import { ALL_TIME, type CompiledJob, type CompiledProblem } from './compile';
import { coveredMs, subtract } from './intervals';
import type { Interval } from './model';
import { NOTHING_BUSY, earliestFit, workingFor, type BusyView } from './placement';
import type { ScoreState } from './score';

/** The reason given when there was no time left to look further. */
export const QUICK_REASON = 'left unassigned: no room found within the time limit (not analysed further)';
/** The reason given when a slot is free: the search ended (time limit or stop) before it placed the job. */
export const UNPLACED_REASON =
  'left unassigned: no slot found within the time limit, though one is free (the search ended before placing it)';
/**
 * The same two, for a schedule that was given rather than searched (`analyze`): no search ran
 * out, the job is simply not in it.
 */
export const GIVEN_SCHEDULE_REASONS: ReadonlyMap<string, string> = new Map([
  [QUICK_REASON, 'not in the given schedule (not analysed further)'],
  [UNPLACED_REASON, 'not in the given schedule, though a slot is free for it'],
]);
/**
 * Reasons that are no verdict: the search ran out before deciding about the job, so a publish
 * must not take them as "the plan has no room for it".
 */
export const UNDECIDED_REASONS: readonly string[] = [QUICK_REASON, UNPLACED_REASON];

/**
 * Why a job is unassigned, for the planner: checked from the hardest obstacle (nobody has the
 * skills) to the softest (the capacity went to other work), stopping at the first that explains it.
 */
export function explainUnassigned(problem: CompiledProblem, state: ScoreState, j: number, quick = false): string[] {
  const job = problem.jobs[j] as CompiledJob;
  if (job.pinned) return ['pinned work is missing from the schedule'];
  const skillText = (r: { skill: string; minLevel: number }): string => `${r.skill} ≥ ${r.minLevel}`;
  if (job.eligible.length === 0) {
    const missing = job.required.filter((r) => !problem.technicians.some((t) => (t.skills.get(r.skill) ?? 0) >= r.minLevel));
    if (missing.length > 0) return missing.map((r) => `no technician has ${skillText(r)}`);
    if (job.required.length === 0) return ['no technician in the plan'];
    return [`no technician has ${job.required.map(skillText).join(' and ')} together`];
  }
  if (job.eligible.length < job.crewSize) {
    const n = job.eligible.length;
    const skills = job.required.length > 0 ? ` with ${job.required.map(skillText).join(' and ')}` : '';
    return [`crew of ${job.crewSize} needs ${job.crewSize} technicians${skills}; only ${n} ${n === 1 ? 'has' : 'have'} them`];
  }
  const cycle = precedenceCycle(problem, j);
  if (cycle) return [`precedence cycle: ${cycle.map((k) => (problem.jobs[k] as CompiledJob).id).join(' → ')}`];
  const waiting = job.predecessors.filter((p) => !state.placements[p]);
  if (waiting.length > 0) {
    return [
      `waits for ${waiting.map((p) => (problem.jobs[p] as CompiledJob).id).join(', ')}, which ${waiting.length === 1 ? 'is' : 'are'} unassigned`,
    ];
  }

  let lower = Math.max(problem.horizon.start, job.releaseAt ?? -Infinity);
  for (const p of job.predecessors) lower = Math.max(lower, (state.placements[p] as { end: number }).end);
  let endBound = Math.min(problem.horizon.end, job.deadlineAt ?? Infinity);
  for (const s of job.successors) endBound = Math.min(endBound, state.placements[s]?.start ?? Infinity);
  const limit =
    endBound === job.deadlineAt
      ? 'before the deadline'
      : endBound === problem.horizon.end
        ? 'before the horizon ends'
        : 'before its successors start';
  const equipmentId = problem.equipmentIds[job.equipment] ?? '';

  const maintenance = job.maintenanceWindows;
  if (maintenance) {
    if (maintenance.length === 0) return [`equipment ${equipmentId} has no maintenance window`];
    if (coveredMs(maintenance, lower, endBound) < job.durationMs)
      return [`equipment ${equipmentId} has no maintenance window long enough ${limit}`];
  }
  // Out of time: what follows searches every qualified technician's calendar.
  if (quick) return [QUICK_REASON];
  const calendarOnly = fits(problem, NOTHING_BUSY, job, lower, endBound);
  if (calendarOnly === 'none' && (job.equipmentBusy.length > 0 || job.groupBusy.length > 0)) {
    const held = heldByOutsideWork(problem, job, lower, endBound);
    if (held) return [`${held} by booked work outside this plan whenever qualified technicians are free ${limit}`];
  }
  if (calendarOnly === 'none') {
    return [`no availability window ${limit}${maintenance ? ` inside the maintenance windows of ${equipmentId}` : ''}`];
  }
  if (calendarOnly === 'singles') {
    return [
      `crew of ${job.crewSize} needs ${job.crewSize} simultaneous free technicians: no qualified crew shares enough working time ${limit}`,
    ];
  }
  const techniciansOnly: BusyView = { technician: (t) => state.technician(t), equipment: () => null, group: () => null };
  const withTechnicians = fits(problem, techniciansOnly, job, lower, endBound);
  if (withTechnicians === 'crew') {
    const equipmentOnly: BusyView = { technician: () => null, equipment: (e) => state.equipment(e), group: () => null };
    if (job.equipment >= 0 && fits(problem, equipmentOnly, job, lower, endBound) !== 'crew') {
      return [`equipment ${equipmentId} is taken by other work whenever qualified technicians are free ${limit}`];
    }
    const groupNames = job.groups.map((g) => problem.groupIds[g]).join(', ');
    const groupsOnly: BusyView = { technician: () => null, equipment: () => null, group: (g) => state.group(g) };
    if (job.groups.length > 0 && fits(problem, groupsOnly, job, lower, endBound) !== 'crew') {
      return [`a conflict group (${groupNames}) is busy whenever qualified technicians are free ${limit}`];
    }
    // Each alone leaves room: either all of them together do too (the search never got to the
    // job), or they are free at different times.
    if (fits(problem, state, job, lower, endBound) === 'crew') return [UNPLACED_REASON];
    const parties = ['qualified technicians', ...(job.equipment >= 0 ? [`equipment ${equipmentId}`] : [])];
    if (job.groups.length > 0) parties.push(`conflict group (${groupNames})`);
    return [`${parties.slice(0, -1).join(', ')} and ${parties.at(-1)} are never free at the same time ${limit}`];
  }
  if (withTechnicians === 'singles') return [`crew of ${job.crewSize} needs ${job.crewSize} simultaneous free technicians ${limit}`];
  let lowerPriority = 0;
  let samePriority = 0;
  for (const t of job.eligible) {
    state.technician(t)?.forEachOverlapping(lower, endBound, (e) => {
      const priority = (problem.jobs[e.job] as CompiledJob).priority;
      if (priority < job.priority) lowerPriority++;
      else if (priority === job.priority) samePriority++;
    });
  }
  if (lowerPriority > 0) {
    return [`left unassigned: qualified technicians are fully booked ${limit}, and moving their lower-priority work did not pay off`];
  }
  if (samePriority > 0)
    return [`left unassigned: qualified technicians are fully booked ${limit} with work of the same or higher priority`];
  return ['left unassigned: lower priority than the work that fills the capacity'];
}

/**
 * For a job whose calendar leaves no room: whether the technicians' calendars (and the windows)
 * would have room if work outside the problem held neither its equipment nor its groups, and if
 * so, which of them stand in the way ("equipment P-1 is held", "conflict group (permit-7) is
 * held", or both "are held" when each blocks alone or only the two together do). Null when
 * there would be no room anyway.
 */
function heldByOutsideWork(problem: CompiledProblem, job: CompiledJob, lower: number, endBound: number): string | null {
  const maintenance = job.maintenanceWindows;
  const base = maintenance ?? [ALL_TIME];
  // The job on a calendar less only the given held times: a one-off calendar (not cached).
  const heldOnly = (held: readonly Interval[]): CompiledJob => ({
    ...job,
    windows: held.length > 0 ? subtract(base, held) : maintenance,
    windowsKey: -1,
  });
  if (fits(problem, NOTHING_BUSY, heldOnly([]), lower, endBound) === 'none') return null;
  const equipment = `equipment ${problem.equipmentIds[job.equipment] ?? ''}`;
  // Only the groups work outside the problem holds are named.
  const names = job.groups.filter((g) => problem.heldGroups.has(g)).map((g) => problem.groupIds[g] as string);
  const groups = names.length === 1 ? `conflict group (${names[0]})` : `conflict groups (${names.join(', ')})`;
  const groupsVerb = names.length === 1 ? 'is held' : 'are held';
  if (job.groupBusy.length === 0) return `${equipment} is held`;
  if (job.equipmentBusy.length === 0) return `${groups} ${groupsVerb}`;
  const equipmentBlocks = fits(problem, NOTHING_BUSY, heldOnly(job.equipmentBusy), lower, endBound) === 'none';
  const groupsBlock = fits(problem, NOTHING_BUSY, heldOnly(job.groupBusy), lower, endBound) === 'none';
  if (equipmentBlocks && !groupsBlock) return `${equipment} is held`;
  if (groupsBlock && !equipmentBlocks) return `${groups} ${groupsVerb}`;
  return `${equipment} and ${groups} are held`;
}

/** Whether a whole crew fits, only single technicians do, or nobody does. */
function fits(problem: CompiledProblem, busy: BusyView, job: CompiledJob, lower: number, endBound: number): 'crew' | 'singles' | 'none' {
  const singles = job.eligible.filter((t) => earliestFit(busy, job, [t], workingFor(problem, job, [t]), lower, endBound) !== null);
  if (singles.length === 0) return 'none';
  if (job.crewSize === 1) return 'crew';
  if (singles.length < job.crewSize) return 'singles';
  const pool = singles.slice(0, 10);
  const crew: number[] = [];
  const search = (from: number): boolean => {
    if (crew.length === job.crewSize) return earliestFit(busy, job, crew, workingFor(problem, job, crew), lower, endBound) !== null;
    for (let i = from; i < pool.length; i++) {
      crew.push(pool[i] as number);
      if (search(i + 1)) return true;
      crew.pop();
    }
    return false;
  };
  return search(0) ? 'crew' : 'singles';
}

/** The jobs of a precedence cycle through `start`, or null. */
function precedenceCycle(problem: CompiledProblem, start: number): number[] | null {
  // Depth first through predecessors, on a stack of its own (a chain may be any length): `path`
  // is the walk so far (start, its predecessor, …), `next` which predecessor each tries next.
  const path = [start];
  const next = [0];
  const seen = new Set<number>();
  while (path.length > 0) {
    const predecessors = (problem.jobs[path[path.length - 1] as number] as CompiledJob).predecessors;
    const i = next[next.length - 1] as number;
    next[next.length - 1] = i + 1;
    if (i >= predecessors.length) {
      path.pop();
      next.pop();
      continue;
    }
    const p = predecessors[i] as number;
    // path runs backwards; print it in execution order.
    if (p === start) return [start, ...path.slice(1).reverse(), start];
    if (!seen.has(p)) {
      seen.add(p);
      path.push(p);
      next.push(0);
    }
  }
  return null;
}
