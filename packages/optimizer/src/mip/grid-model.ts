/**
 * A time-indexed MIP of our own model, to prove the optimum of small plants. One binary column
 * per (job, qualified crew, start) for every start on the grid (default 30 minutes) — and one
 * minute after it — inside the crew's working time whose work, by the multi-day rule, ends by the
 * deadline and the horizon; plus one "unassigned" column per job. Every column is hard-feasible on
 * its own; the rows forbid the rest:
 *  - each job takes exactly one column (pinned work: its pinned placement, fixed);
 *  - per technician, equipment and conflict group, per cell (a slot's first minute, or the rest
 *    of it): at most one job's work;
 *  - precedence: a successor only with its predecessor, and (per time τ) not both "successor
 *    starts before τ" and "predecessor ends at or after τ".
 * So the MIP's schedules are exactly the hard-0 schedules with those starts. Medium cost: the
 * unassigned columns (priority × weight). Soft cost per column, computed here from the
 * constraint definitions (not by the scorer, so `analyze` is an independent check): lateness,
 * earliness, overtime, preferred technician and churn against a published schedule.
 *
 * Not covered, and refused rather than approximated: travel (it depends on the job before in the
 * shift) and workload balance (quadratic): their weights must be 0, or travel must cost nothing.
 *
 * Why these starts lose nothing when every date, calendar and duration is on the grid and an
 * overtime minute costs a whole number: fix who does what, in which order, and which calendar
 * interval each start and end falls in; what is left is an LP over difference constraints
 * (s_k ≥ e_j, bounds) with piecewise-linear costs breaking at grid points, whose optimal vertex is
 * on the grid — except at the open end of an interval: work starting just after `end − duration`
 * spills a moment into the next working interval, which only an early-sensitive job can want, and
 * which shifts the work behind it by the same moment. The score counts started minutes, so one
 * minute prices any such moment exactly.
 */
import { compileProblem, crewKeyOf, type CompiledJob, type CompiledProblem } from '../compile';
import { MINUTE_MS, ceilMinutes, coveredMs, fitSegments, indexContaining } from '../intervals';
import type { Assignment, Interval, Problem } from '../model';
import { workingFor } from '../placement';
import { LinearModel } from './linear';

export interface GridColumn {
  readonly job: number;
  /** Null for the job's "unassigned" column. */
  readonly techs: readonly number[] | null;
  readonly start: number;
  readonly segments: readonly Interval[];
}

export interface GridModel {
  readonly problem: CompiledProblem;
  readonly slotMs: number;
  readonly minuteAfter: boolean;
  readonly linear: LinearModel;
  readonly columns: readonly GridColumn[];
  /** Column values of a schedule (warm start), or null when a placement is not a column. */
  encode(assignments: readonly Assignment[]): Float64Array | null;
  /** The schedule of a 0/1 solution. */
  decode(values: ArrayLike<number>): Assignment[];
}

export interface GridModelOptions {
  /** Default 30 minutes. */
  readonly slotMinutes?: number;
  /** Leave out placements whose own soft cost exceeds this (sound against a known schedule of that soft total). */
  readonly softCutoff?: number;
  /** Also start one minute after each grid point (default true; see the comment at the top). */
  readonly minuteAfter?: boolean;
}

export function buildGridModel(source: Problem, options: GridModelOptions = {}): GridModel {
  const problem = compileProblem(source);
  const slotMs = (options.slotMinutes ?? 30) * MINUTE_MS;
  const softCutoff = options.softCutoff ?? Infinity;
  checkCovered(problem, slotMs);
  const origin = problem.horizon.start;
  const slotCount = (problem.horizon.end - origin) / slotMs;
  const w = problem.weights;
  const linear = new LinearModel();
  const columns: GridColumn[] = [];
  const byKey = new Map<string, number>();
  const jobColumns: number[][] = problem.jobs.map(() => []);
  /** (resource × slot) → columns whose work covers that slot. */
  const coverage = new Map<number, number[]>();
  const techResource = (t: number): number => t;
  const equipmentResource = (e: number): number => problem.technicians.length + e;
  const groupResource = (g: number): number => problem.technicians.length + problem.equipmentIds.length + g;

  const add = (job: CompiledJob, techs: readonly number[], start: number, segments: Interval[], fixed: boolean): void => {
    const soft = softCost(problem, job, techs, start, segments);
    if (!fixed && soft > softCutoff) return;
    const column = linear.addColumn(0, soft, { fixed });
    columns.push({ job: job.index, techs, start, segments });
    jobColumns[job.index]?.push(column);
    byKey.set(placementKey(problem, job.index, techs, start), column);
    const mark = (key: number): void => {
      const list = coverage.get(key);
      if (list) list.push(column);
      else coverage.set(key, [column]);
    };
    // Each slot is two cells, its first minute and the rest: placements start on the grid or one
    // minute after it, so every segment covers whole cells and two jobs overlap iff they share one.
    const cover = (resource: number): void => {
      for (const s of segments) {
        for (let k = Math.floor((s.start - origin) / slotMs); k < Math.ceil((s.end - origin) / slotMs); k++) {
          const slotStart = origin + k * slotMs;
          if (s.start < slotStart + MINUTE_MS && s.end > slotStart) mark((resource * slotCount + k) * 2);
          if (s.start < slotStart + slotMs && s.end > slotStart + MINUTE_MS) mark((resource * slotCount + k) * 2 + 1);
        }
      }
    };
    techs.forEach((t) => cover(techResource(t)));
    if (job.equipment >= 0) cover(equipmentResource(job.equipment));
    job.groups.forEach((g) => cover(groupResource(g)));
  };

  for (const job of problem.jobs) {
    if (job.pinned) {
      const working = workingFor(problem, job, job.pinned.techs);
      const segments = indexContaining(working, job.pinned.start) >= 0 ? fitSegments(working, job.pinned.start, job.durationMs) : null;
      const end = segments?.[segments.length - 1]?.end ?? Infinity;
      if (!segments || end > endBoundOf(problem, job) || job.pinned.start < lowerBoundOf(problem, job)) {
        throw new Error(`grid model: pinned job ${job.id} is not hard-feasible where it is pinned`);
      }
      add(job, job.pinned.techs, job.pinned.start, segments, true);
      continue;
    }
    const unassigned = linear.addColumn(job.priority * w.unassigned, job.published ? w.churnReassigned : 0);
    columns.push({ job: job.index, techs: null, start: 0, segments: [] });
    jobColumns[job.index]?.push(unassigned);
    const lower = lowerBoundOf(problem, job);
    const endBound = endBoundOf(problem, job);
    for (const techs of crewsOf(job)) {
      const working = workingFor(problem, job, techs);
      let done = false;
      for (const iv of working) {
        const from = Math.max(iv.start, lower);
        for (let slot = origin + Math.ceil((from - origin) / slotMs) * slotMs; slot < iv.end && !done; slot += slotMs) {
          for (const start of options.minuteAfter === false ? [slot] : [slot, slot + MINUTE_MS]) {
            const segments = fitSegments(working, start, job.durationMs);
            const end = segments?.[segments.length - 1]?.end ?? Infinity;
            // Ends only grow with the start: past the bound here, past it for every later start.
            if (!segments || end > endBound) done = true;
            else add(job, techs, start, segments, false);
            if (done) break;
          }
        }
        if (done) break;
      }
    }
  }

  for (const choices of jobColumns) {
    linear.addRow(
      choices,
      choices.map(() => 1),
      1,
      1,
    );
  }
  for (const list of coverage.values()) {
    if (new Set(list.map((c) => (columns[c] as GridColumn).job)).size < 2) continue;
    linear.addRow(
      list,
      list.map(() => 1),
      0,
      1,
    );
  }
  for (const succ of problem.jobs) {
    for (const pred of succ.predecessors) addPrecedenceRows(linear, columns, jobColumns, pred, succ.index);
  }

  return {
    problem,
    slotMs,
    minuteAfter: options.minuteAfter !== false,
    linear,
    columns,
    encode(assignments) {
      const values = new Float64Array(linear.columnCount);
      const placed = new Set<number>();
      for (const a of assignments) {
        const j = problem.jobIndex.get(a.jobId);
        const techs = a.technicianIds.map((id) => problem.techIndex.get(id) ?? -1).sort((x, y) => x - y);
        const column = j === undefined ? undefined : byKey.get(placementKey(problem, j, techs, a.start));
        if (column === undefined || j === undefined) return null;
        values[column] = 1;
        placed.add(j);
      }
      for (const job of problem.jobs) {
        if (placed.has(job.index)) continue;
        if (job.pinned) return null;
        values[jobColumns[job.index]?.[0] as number] = 1;
      }
      return values;
    },
    decode(values) {
      const assignments: Assignment[] = [];
      columns.forEach((column, c) => {
        if ((values[c] ?? 0) < 0.5 || !column.techs) return;
        const segments = column.segments.map((s) => ({ start: s.start, end: s.end }));
        assignments.push({
          jobId: (problem.jobs[column.job] as CompiledJob).id,
          technicianIds: column.techs.map((t) => (problem.technicians[t] as { id: string }).id),
          start: column.start,
          end: (segments[segments.length - 1] as Interval).end,
          segments,
        });
      });
      return assignments.sort((a, b) => a.start - b.start || (a.jobId < b.jobId ? -1 : 1));
    },
  };
}

/** The soft penalty of one placement, from the constraint definitions in weights.ts. */
function softCost(problem: CompiledProblem, job: CompiledJob, techs: readonly number[], start: number, segments: Interval[]): number {
  const w = problem.weights;
  const end = (segments[segments.length - 1] as Interval).end;
  let cost = 0;
  if (job.targetAt !== null) {
    cost += ceilMinutes(end - job.targetAt) * job.priority * w.lateness;
    if (job.penalizeEarliness) cost += ceilMinutes(job.targetAt - end) * job.priority * w.earliness;
  }
  for (const t of techs) {
    const tech = problem.technicians[t];
    if (!tech) continue;
    let overtimeMs = 0;
    for (const s of segments) overtimeMs += coveredMs(tech.overtimeOnly, s.start, s.end);
    cost += Math.ceil((ceilMinutes(overtimeMs) * tech.hourlyCost) / 60) * w.overtime;
  }
  if (job.preferred >= 0 && !techs.includes(job.preferred)) cost += w.preferredTechnician;
  if (job.published) {
    const crewKey = crewKeyOf(techs.map((t) => (problem.technicians[t] as { id: string }).id));
    if (crewKey !== job.published.crewKey) cost += w.churnReassigned;
    else if (start !== job.published.start) cost += w.churnMoved;
  }
  return cost;
}

function addPrecedenceRows(linear: LinearModel, columns: readonly GridColumn[], jobColumns: number[][], pred: number, succ: number): void {
  const placedOf = (j: number): number[] => (jobColumns[j] ?? []).filter((c) => (columns[c] as GridColumn).techs !== null);
  const succColumns = placedOf(succ);
  const predColumns = placedOf(pred);
  // The successor is placed only if the predecessor is.
  linear.addRow([...succColumns, ...predColumns], [...succColumns.map(() => 1), ...predColumns.map(() => -1)], -Infinity, 0);
  const endOf = (c: number): number => {
    const segments = (columns[c] as GridColumn).segments;
    return (segments[segments.length - 1] as Interval).end;
  };
  // A violation (successor starts at S before the predecessor ends at E) is caught by τ = E.
  for (const tau of new Set(predColumns.map(endOf))) {
    const early = succColumns.filter((c) => (columns[c] as GridColumn).start < tau);
    const late = predColumns.filter((c) => endOf(c) >= tau);
    if (early.length === 0 || late.length === 0) continue;
    linear.addRow(
      [...early, ...late],
      [...early, ...late].map(() => 1),
      -Infinity,
      1,
    );
  }
}

function lowerBoundOf(problem: CompiledProblem, job: CompiledJob): number {
  return Math.max(problem.horizon.start, job.releaseAt ?? -Infinity);
}

function endBoundOf(problem: CompiledProblem, job: CompiledJob): number {
  return Math.min(problem.horizon.end, job.deadlineAt ?? Infinity);
}

function placementKey(problem: CompiledProblem, job: number, techs: readonly number[], start: number): string {
  return `${job}|${techs.join(',')}|${start - problem.horizon.start}`;
}

/** Every crew of the job's size from its qualified technicians, ascending. */
function crewsOf(job: CompiledJob): number[][] {
  const crews: number[][] = [];
  const pick = (from: number, chosen: number[]): void => {
    if (chosen.length === job.crewSize) {
      crews.push([...chosen]);
      return;
    }
    for (let i = from; i < job.eligible.length; i++) pick(i + 1, [...chosen, job.eligible[i] as number]);
  };
  pick(0, []);
  return crews;
}

/** Refuses what the grid model does not represent exactly (see the comment at the top). */
function checkCovered(problem: CompiledProblem, slotMs: number): void {
  const { horizon, weights } = problem;
  const refuse = (what: string): never => {
    throw new Error(`grid model: ${what}`);
  };
  const onGrid = (t: number): boolean => (t - horizon.start) % slotMs === 0;
  const intervalsOnGrid = (list: readonly Interval[]): boolean => list.every((iv) => onGrid(iv.start) && onGrid(iv.end));
  if (!onGrid(horizon.end)) refuse('the horizon is not a whole number of slots');
  if (weights.balance > 0) refuse('workload balance is quadratic: set its weight to 0');
  for (const tech of problem.technicians) {
    if (!intervalsOnGrid(tech.working)) refuse(`technician ${tech.id} works off the grid`);
    if (tech.working.some((iv) => iv.start < horizon.start || iv.end > horizon.end))
      refuse(`technician ${tech.id} works outside the horizon`);
    if (weights.overtime > 0 && tech.overtimeOnly.length > 0 && tech.hourlyCost % 60 !== 0) {
      refuse(`technician ${tech.id}: an hourly cost that is not a multiple of 60 makes overtime cost a staircase`);
    }
  }
  if (weights.travel > 0) {
    for (let a = 0; a < problem.siteIds.length; a++) {
      for (let b = 0; b < problem.siteIds.length; b++)
        if (problem.travel(a, b) > 0) refuse('travel depends on the job before: set its weight to 0');
    }
  }
  for (const job of problem.jobs) {
    const times = [job.releaseAt, job.deadlineAt, job.targetAt, job.pinned?.start, job.published?.start];
    if (job.durationMs % slotMs !== 0 || times.some((t) => t != null && !onGrid(t)) || (job.windows && !intervalsOnGrid(job.windows))) {
      refuse(`job ${job.id} has a duration, date or window off the grid`);
    }
  }
}
