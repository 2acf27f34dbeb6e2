import { OptimizerInputError } from './errors';
import { MINUTE_MS, intersect, normalize, subtract, totalMs } from './intervals';
import type { Interval, Problem, Weights } from './model';
import { NOTHING_BUSY, earliestFit, workingFor } from './placement';
import { resolveWeights } from './weights';

/**
 * The problem in the form the scorer and the solver work on: entities by index, calendars
 * normalized, relations resolved both ways, input checked once.
 */

export interface CompiledTechnician {
  index: number;
  id: string;
  skills: ReadonlyMap<string, number>;
  /** Availability ∪ overtime: where work may be placed and over which multi-day work splits. */
  working: Interval[];
  /** Overtime not also normal availability. */
  overtimeOnly: Interval[];
  site: number;
  hourlyCost: number;
  /** Available minutes inside the horizon (overtime excluded), at least 60: the balance reference. */
  capacityMinutes: number;
}

export interface CompiledJob {
  index: number;
  id: string;
  durationMs: number;
  required: { skill: string; minLevel: number }[];
  crewSize: number;
  priority: number;
  releaseAt: number | null;
  deadlineAt: number | null;
  targetAt: number | null;
  penalizeEarliness: boolean;
  equipment: number;
  /**
   * When the job's equipment and conflict groups let its work go on, placement's calendar: for
   * downtime work the maintenance windows, for other work all time; either less the times work
   * outside the problem holds the equipment or one of the groups. Null when they set no limit.
   */
  windows: Interval[] | null;
  /** `windows`' index among the problem's distinct calendars (for `workingCache`); -1 when null. */
  windowsKey: number;
  /** The equipment's maintenance windows when the job needs downtime; null when it does not. */
  maintenanceWindows: Interval[] | null;
  /** When work outside the problem holds the job's equipment (`Problem.equipmentBusy`); often none. */
  equipmentBusy: Interval[];
  /** When work outside the problem holds one of the job's conflict groups (`Problem.groupBusy`), merged; often none. */
  groupBusy: Interval[];
  groups: number[];
  predecessors: number[];
  successors: number[];
  pinned: { techs: number[]; start: number } | null;
  /** -1: none (or a technician not in the problem). */
  preferred: number;
  site: number;
  /** Technicians meeting every required skill, in problem order. */
  eligible: number[];
  /**
   * Where the published schedule has it: `crewKey` compares crews by technician id; `techs` is
   * null when a published technician is no longer in the problem.
   */
  published: { crewKey: string; techs: number[] | null; start: number } | null;
}

export interface CompiledProblem {
  horizon: Interval;
  technicians: CompiledTechnician[];
  jobs: CompiledJob[];
  weights: Weights;
  equipmentIds: string[];
  groupIds: string[];
  /** The conflict groups (indexes into `groupIds`) that work outside the problem holds at some time. */
  heldGroups: ReadonlySet<number>;
  siteIds: string[];
  jobIndex: ReadonlyMap<string, number>;
  techIndex: ReadonlyMap<string, number>;
  totalCapacityMinutes: number;
  /** Per technician, the crew of that technician alone: one shared array each, not one per try. */
  soloCrews: readonly (readonly number[])[];
  /** Technician × a job's `windowsKey` → working time inside those windows (see placement.ts). */
  workingCache: Map<number, Interval[]>;
  /** How many distinct `windows` calendars the jobs have (the stride of `workingCache`'s key). */
  windowsCount: number;
  /** Travel minutes between site indexes (-1 = no site: free). */
  travel(from: number, to: number): number;
}

const NONE: Interval[] = [];
/** Every instant a date can name: the calendar of work limited only by busy times (equipment's or groups'). */
export const ALL_TIME: Interval = { start: -8.64e15, end: 8.64e15 };

export const crewKeyOf = (technicianIds: readonly string[]): string => [...technicianIds].sort().join('\u0000');

function checkIntervals(intervals: readonly Interval[], what: string): void {
  for (const iv of intervals) {
    if (!Number.isFinite(iv.start) || !Number.isFinite(iv.end) || iv.end < iv.start) {
      throw new OptimizerInputError('invalid_interval', `${what}: interval [${iv.start}, ${iv.end}) is not valid`);
    }
  }
}

function indexer(): { ids: string[]; of(id: string): number; find(id: string): number } {
  const ids: string[] = [];
  const map = new Map<string, number>();
  return {
    ids,
    find: (id) => map.get(id) ?? -1,
    of(id) {
      let index = map.get(id);
      if (index === undefined) {
        index = ids.length;
        ids.push(id);
        map.set(id, index);
      }
      return index;
    },
  };
}

/** Above this many sites the travel table keeps only the pairs given (a full one grows with the square). */
const DENSE_TRAVEL_SITES = 1_000;

/**
 * Minutes from site a to site b by `a * sites + b`, for the sites the problem uses: as given for
 * that direction, else as given for the other, else 0. Only the given pairs are read (own entries:
 * never one inherited from Object, such as a site named "constructor"), so a plant of many sites
 * and few distances costs what it gives.
 */
function travelTable(
  given: Problem['travelMinutes'],
  sites: { ids: readonly string[]; find(id: string): number },
): (key: number) => number {
  const n = sites.ids.length;
  const entries: [number, number, number][] = [];
  for (const [from, row] of Object.entries(given ?? {})) {
    const a = sites.find(from);
    if (a < 0 || !row) continue;
    for (const [to, minutes] of Object.entries(row)) {
      const b = sites.find(to);
      if (b < 0 || a === b) continue;
      if (!Number.isFinite(minutes))
        throw new OptimizerInputError('invalid_travel', `travel from "${from}" to "${to}" must be a number of minutes`);
      entries.push([a, b, Math.max(0, Math.ceil(minutes))]);
    }
  }
  const dense = n <= DENSE_TRAVEL_SITES ? new Float64Array(n * n) : null;
  const sparse = dense ? null : new Map<number, number>();
  // The other direction first, so that a direction given itself overwrites it.
  for (const pass of [0, 1]) {
    for (const [a, b, minutes] of entries) {
      const key = pass === 0 ? b * n + a : a * n + b;
      if (dense) dense[key] = minutes;
      else sparse?.set(key, minutes);
    }
  }
  return dense ? (key) => dense[key] ?? 0 : (key) => sparse?.get(key) ?? 0;
}

export function compileProblem(problem: Problem): CompiledProblem {
  const { horizon } = problem;
  if (!Number.isFinite(horizon.start) || !Number.isFinite(horizon.end) || horizon.end <= horizon.start) {
    throw new OptimizerInputError('invalid_horizon', 'horizon must be a non-empty interval');
  }
  if (problem.deadlinesJudgedFrom != null && !Number.isFinite(problem.deadlinesJudgedFrom)) {
    throw new OptimizerInputError('invalid_horizon', 'deadlinesJudgedFrom must be a finite time or null');
  }
  const weights = resolveWeights(problem.weights);
  const sites = indexer();
  const equipment = indexer();
  const groups = indexer();

  const techIndex = new Map<string, number>();
  const technicians = problem.technicians.map((tech, index): CompiledTechnician => {
    if (techIndex.has(tech.id)) throw new OptimizerInputError('duplicate_technician', `technician "${tech.id}" appears twice`);
    techIndex.set(tech.id, index);
    if (tech.hourlyCost !== undefined && !(Number.isFinite(tech.hourlyCost) && tech.hourlyCost >= 0)) {
      throw new OptimizerInputError('invalid_technician', `technician "${tech.id}": hourlyCost must be a non-negative number`);
    }
    for (const [skill, level] of Object.entries(tech.skills)) {
      if (!Number.isFinite(level))
        throw new OptimizerInputError('invalid_technician', `technician "${tech.id}": skill "${skill}" needs a level`);
    }
    checkIntervals(tech.availability, `technician ${tech.id} availability`);
    checkIntervals(tech.overtime ?? [], `technician ${tech.id} overtime`);
    const availability = normalize(tech.availability);
    const overtime = normalize(tech.overtime ?? []);
    const inHorizon = intersect(availability, [horizon]);
    return {
      index,
      id: tech.id,
      skills: new Map(Object.entries(tech.skills)),
      working: normalize([...availability, ...overtime]),
      overtimeOnly: subtract(overtime, availability),
      site: tech.siteId ? sites.of(tech.siteId) : -1,
      hourlyCost: tech.hourlyCost ?? 60,
      capacityMinutes: Math.max(60, Math.round(totalMs(inHorizon) / MINUTE_MS)),
    };
  });

  const jobIndex = new Map<string, number>();
  problem.jobs.forEach((job, index) => {
    if (jobIndex.has(job.id)) throw new OptimizerInputError('duplicate_job', `job "${job.id}" appears twice`);
    jobIndex.set(job.id, index);
  });
  const windows = new Map<string, Interval[]>();
  for (const [id, list] of Object.entries(problem.equipmentWindows ?? {})) {
    checkIntervals(list, `equipment ${id} windows`);
    windows.set(id, normalize(list));
  }
  const busy = new Map<string, Interval[]>();
  for (const [id, list] of Object.entries(problem.equipmentBusy ?? {})) {
    checkIntervals(list, `equipment ${id} busy times`);
    busy.set(id, normalize(list));
  }
  // Groups no job has are read (and checked) all the same: they hold nothing anyone plans.
  const groupHeld = new Map<string, Interval[]>();
  for (const [id, list] of Object.entries(problem.groupBusy ?? {})) {
    checkIntervals(list, `conflict group ${id} busy times`);
    const held = normalize(list);
    if (held.length > 0) groupHeld.set(id, held);
  }
  // The held times of a set of groups (names sorted, without repeats), merged once per set.
  const groupsHeld = new Map<string, Interval[]>();
  const heldOfGroups = (names: readonly string[]): Interval[] => {
    if (names.length === 0) return NONE;
    if (names.length === 1) return groupHeld.get(names[0] as string) ?? NONE;
    const name = JSON.stringify(names);
    let held = groupsHeld.get(name);
    if (!held) groupsHeld.set(name, (held = normalize(names.flatMap((g) => groupHeld.get(g) ?? NONE))));
    return held;
  };
  // One calendar per equipment, kind of work and set of held groups, shared by its jobs (so
  // placement caches it once).
  const calendars = new Map<string, { windows: Interval[]; key: number }>();
  const calendarOf = (
    equipmentId: string | null,
    downtime: boolean,
    heldGroups: readonly string[],
  ): { windows: Interval[]; key: number } | null => {
    const equipmentHeld = equipmentId === null ? NONE : (busy.get(equipmentId) ?? NONE);
    if (!downtime && equipmentHeld.length === 0 && heldGroups.length === 0) return null;
    const name = JSON.stringify([downtime ? 'd' : 'o', equipmentId, heldGroups]);
    let calendar = calendars.get(name);
    if (!calendar) {
      const base = downtime ? (windows.get(equipmentId as string) ?? NONE) : [ALL_TIME];
      const groupsHeldNow = heldOfGroups(heldGroups);
      const held = groupsHeldNow.length === 0 ? equipmentHeld : normalize([...equipmentHeld, ...groupsHeldNow]);
      calendar = { windows: held.length === 0 ? base : subtract(base, held), key: calendars.size };
      calendars.set(name, calendar);
    }
    return calendar;
  };

  const jobs = problem.jobs.map((job, index): CompiledJob => {
    const durationMs = Math.round(job.durationMinutes * MINUTE_MS);
    if (!(durationMs >= 1) || !Number.isSafeInteger(durationMs)) {
      throw new OptimizerInputError('invalid_job', `job "${job.id}": durationMinutes must be a positive number of at least a millisecond`);
    }
    for (const field of ['releaseAt', 'deadlineAt', 'targetAt'] as const) {
      const value = job[field];
      if (value !== undefined && value !== null && !Number.isFinite(value)) {
        throw new OptimizerInputError('invalid_job', `job "${job.id}": ${field} must be a finite time`);
      }
    }
    const crewSize = job.crewSize ?? 1;
    if (!Number.isInteger(crewSize) || crewSize < 1 || crewSize > 3) {
      throw new OptimizerInputError('invalid_job', `job "${job.id}": crewSize must be 1, 2 or 3`);
    }
    const priority = job.priorityWeight ?? 1;
    if (!Number.isSafeInteger(priority) || priority < 0) {
      throw new OptimizerInputError('invalid_job', `job "${job.id}": priorityWeight must be a non-negative integer`);
    }
    const required = job.requiredSkills ?? [];
    for (const r of required) {
      if (!Number.isFinite(r.minLevel)) throw new OptimizerInputError('invalid_job', `job "${job.id}": skill "${r.skill}" needs a level`);
    }
    let pinned: CompiledJob['pinned'] = null;
    if (job.pinned) {
      if (job.pinned.technicianIds.length === 0) throw new OptimizerInputError('invalid_job', `job "${job.id}" is pinned to no technician`);
      const techs = job.pinned.technicianIds.map((id) => {
        const t = techIndex.get(id);
        if (t === undefined) throw new OptimizerInputError('unknown_technician', `job "${job.id}" is pinned to unknown technician "${id}"`);
        return t;
      });
      if (!Number.isFinite(job.pinned.start))
        throw new OptimizerInputError('invalid_interval', `job "${job.id}" is pinned to no valid start`);
      pinned = { techs: [...new Set(techs)].sort((a, b) => a - b), start: job.pinned.start };
    }
    const predecessors: number[] = [];
    for (const id of job.predecessorIds ?? []) {
      if (id === job.id) throw new OptimizerInputError('invalid_job', `job "${job.id}" cannot precede itself`);
      const p = jobIndex.get(id);
      if (p !== undefined && !predecessors.includes(p)) predecessors.push(p);
    }
    const equipmentIndex = job.equipmentId ? equipment.of(job.equipmentId) : -1;
    const downtime = Boolean(job.requiresDowntime && job.equipmentId);
    const groupNames = [...new Set(job.conflictGroups ?? [])];
    const heldGroups = groupNames.filter((g) => groupHeld.has(g)).sort();
    const calendar = calendarOf(job.equipmentId || null, downtime, heldGroups);
    return {
      index,
      id: job.id,
      durationMs,
      required,
      crewSize,
      priority,
      releaseAt: job.releaseAt ?? null,
      deadlineAt: job.deadlineAt ?? null,
      targetAt: job.targetAt ?? null,
      penalizeEarliness: job.penalizeEarliness ?? false,
      equipment: equipmentIndex,
      windows: calendar?.windows ?? null,
      windowsKey: calendar?.key ?? -1,
      maintenanceWindows: downtime ? (windows.get(job.equipmentId as string) ?? NONE) : null,
      equipmentBusy: job.equipmentId ? (busy.get(job.equipmentId) ?? NONE) : NONE,
      groupBusy: heldOfGroups(heldGroups),
      groups: groupNames.map((g) => groups.of(g)),
      predecessors,
      successors: [],
      pinned,
      preferred: job.preferredTechnicianId ? (techIndex.get(job.preferredTechnicianId) ?? -1) : -1,
      site: job.siteId ? sites.of(job.siteId) : -1,
      eligible: technicians
        .filter((tech) => required.every((r) => (tech.skills.get(r.skill) ?? 0) >= r.minLevel))
        .map((tech) => tech.index),
      published: null,
    };
  });
  for (const job of jobs) for (const p of job.predecessors) (jobs[p] as CompiledJob).successors.push(job.index);
  for (const a of problem.published ?? []) {
    const j = jobIndex.get(a.jobId);
    if (j === undefined) continue;
    if ((jobs[j] as CompiledJob).published)
      throw new OptimizerInputError('duplicate_assignment', `the published schedule has job "${a.jobId}" twice`);
    if (!Number.isFinite(a.start)) throw new OptimizerInputError('invalid_interval', `published job "${a.jobId}" has no valid start`);
    const techs = a.technicianIds.map((id) => techIndex.get(id) ?? -1);
    (jobs[j] as CompiledJob).published = {
      crewKey: crewKeyOf(a.technicianIds),
      techs: techs.includes(-1) ? null : [...new Set(techs)].sort((x, y) => x - y),
      start: a.start,
    };
  }

  const siteCount = sites.ids.length;
  const travel = travelTable(problem.travelMinutes, sites);
  const compiled: CompiledProblem = {
    horizon: { start: horizon.start, end: horizon.end },
    technicians,
    jobs,
    weights,
    equipmentIds: equipment.ids,
    groupIds: groups.ids,
    heldGroups: new Set(groups.ids.flatMap((id, g) => (groupHeld.has(id) ? [g] : []))),
    siteIds: sites.ids,
    jobIndex,
    techIndex,
    totalCapacityMinutes: technicians.reduce((sum, t) => sum + t.capacityMinutes, 0),
    soloCrews: technicians.map((t) => [t.index]),
    workingCache: new Map(),
    windowsCount: calendars.size,
    travel: (from, to) => (from < 0 || to < 0 ? 0 : travel(from * siteCount + to)),
  };
  problem.jobs.forEach((job, index) => {
    if (job.lateIfDeadlineUnreachable)
      relaxUnreachableDeadline(compiled, compiled.jobs[index] as CompiledJob, problem.deadlinesJudgedFrom ?? null);
  });
  return compiled;
}

/**
 * A job that asks for it (`lateIfDeadlineUnreachable`) and whose deadline no crew could meet,
 * even in an empty schedule, keeps the deadline only as its target. A crew works only when each
 * member does, so fewer than a crew's worth of qualified technicians able to end the job by the
 * deadline alone means no crew can. The test reads the release, the horizon (from
 * `deadlinesJudgedFrom` on, when later), the technicians'
 * working time and the equipment's windows; not predecessors (a deadline missed only because of
 * a predecessor stays hard, and the job unassigned, as without the flag).
 */
function relaxUnreachableDeadline(problem: CompiledProblem, job: CompiledJob, judgedFrom: number | null): void {
  const deadline = job.deadlineAt;
  if (deadline === null || job.pinned) return;
  const lower = Math.max(problem.horizon.start, job.releaseAt ?? -Infinity, judgedFrom ?? -Infinity);
  const endBound = Math.min(problem.horizon.end, deadline);
  let finishers = 0;
  if (lower + job.durationMs <= endBound) {
    for (const t of job.eligible) {
      if (earliestFit(NOTHING_BUSY, job, [t], workingFor(problem, job, [t]), lower, endBound) && ++finishers >= job.crewSize) return;
    }
  }
  job.deadlineAt = null;
  job.targetAt = Math.min(job.targetAt ?? Infinity, deadline);
}
