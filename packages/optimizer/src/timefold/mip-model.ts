/**
 * Time-indexed MIP formulations of the quickstart problem, built as sparse rows for HiGHS.
 *
 * Crew-indexed (the textbook one): binary x[job, crew, start] for every start in the value
 * range. Per (crew, day): Σ x covering the day − Σ_k v_k ≤ 1 with v_k ∈ [0, 1] costing k hard
 * units: since n(n−1)/2 = 1 + 2 + … + (n−1) is convex, the cheapest v's fill first and their
 * cost is exactly the crew-conflict days (see the occupancy argument in constraints.ts). Tags
 * alike: per (tag, day) Σ x − Σ_k w_k ≤ 1, w_k costing 1,000·k soft units. Ready/due penalties
 * are hard costs on x, ideal-end penalties soft costs on x.
 *
 * Aggregated (used when the best hard score is 0): binary x[job, start] over the starts that
 * break no ready/due date, and per day Σ x covering the day ≤ number of crews. The days a job
 * covers are an interval, and interval graphs are perfect: jobs with at most C on any day can be
 * given C crews without overlap (first fit by start, see assignCrews), so this model has the
 * same optimum without the crews' symmetry.
 */
import { IncrementalScorer } from './constraints';
import { assignCrews } from './crew-assignment';
import { LinearModel } from '../mip/linear';
import { type CompiledProblem, CONSTRAINT_WEIGHTS, type Schedule } from './model';

export type Formulation = 'crew-indexed' | 'aggregated';

export interface TimeIndexedModel {
  readonly formulation: Formulation;
  readonly linear: LinearModel;
  /** Column values of a schedule, for a warm start. */
  encode(schedule: Schedule): Float64Array;
  /** The schedule in a 0/1 solution. */
  decode(values: ArrayLike<number>): Schedule;
}

/** Starts worth a column: no pruning, or unary soft penalty within `softCutoff`. */
function allowedStart(problem: CompiledProblem, job: number, start: number, hardFree: boolean, softCutoff: number): boolean {
  const cell = job * problem.startDays.length + start;
  if (hardFree && problem.unaryHard[cell]! > 0) return false;
  return problem.unarySoft[cell]! <= softCutoff;
}

/**
 * Adds the convex pair-counting rows: for each group (a crew or a tag) and day, the covering
 * columns minus the unit "extra" columns ≤ 1, the k-th extra costing k × weight. Only one column
 * per job can be 1, so a day covered by n distinct jobs needs n − 1 extras.
 */
function addPairRows(
  model: LinearModel,
  coverage: Map<number, number[]>[],
  columnJob: readonly number[],
  weight: number,
  objective: 'hard' | 'soft',
  extras: Map<string, number[]>,
): void {
  coverage.forEach((byDay, group) => {
    for (const [day, columns] of byDay) {
      const jobs = new Set(columns.map((column) => columnJob[column]!)).size;
      if (jobs < 2) continue;
      const extraColumns: number[] = [];
      for (let k = 1; k < jobs; k++) {
        extraColumns.push(
          model.addColumn(objective === 'hard' ? weight * k : 0, objective === 'soft' ? weight * k : 0, { integer: false }),
        );
      }
      extras.set(`${group}:${day}`, extraColumns);
      model.addRow([...columns, ...extraColumns], [...columns.map(() => 1), ...extraColumns.map(() => -1)], -Infinity, 1);
    }
  });
}

function coverageAdd(coverage: Map<number, number[]>, from: number, to: number, column: number): void {
  for (let day = from; day < to; day++) {
    const list = coverage.get(day);
    if (list) list.push(column);
    else coverage.set(day, [column]);
  }
}

export interface BuildOptions {
  readonly formulation: Formulation;
  /** Drop (job, start) columns whose own soft penalty exceeds this: they cannot beat it. */
  readonly softCutoff?: number;
}

export function buildTimeIndexedModel(problem: CompiledProblem, options: BuildOptions): TimeIndexedModel {
  const { jobCount, crewCount, startDays, endDays, unaryHard, unarySoft, jobTags, horizon } = problem;
  const startCount = startDays.length;
  const aggregated = options.formulation === 'aggregated';
  const crewSlots = aggregated ? 1 : crewCount;
  const softCutoff = options.softCutoff ?? Infinity;
  const linear = new LinearModel();
  /** column of (job, crew slot, start), or -1 */
  const columnOf = new Int32Array(jobCount * crewSlots * startCount).fill(-1);
  const columnJob: number[] = [];
  const columnStart: number[] = [];
  const columnCrew: number[] = [];
  const crewCoverage = Array.from({ length: crewSlots }, () => new Map<number, number[]>());
  const tagCoverage = problem.tagNames.map(() => new Map<number, number[]>());

  for (let job = 0; job < jobCount; job++) {
    const choices: number[] = [];
    for (let slot = 0; slot < crewSlots; slot++) {
      for (let start = 0; start < startCount; start++) {
        if (!allowedStart(problem, job, start, aggregated, softCutoff)) continue;
        const cell = job * startCount + start;
        const column = linear.addColumn(unaryHard[cell]!, unarySoft[cell]!);
        columnOf[(job * crewSlots + slot) * startCount + start] = column;
        columnJob.push(job);
        columnStart.push(start);
        columnCrew.push(slot);
        choices.push(column);
        coverageAdd(crewCoverage[slot]!, startDays[start]!, endDays[cell]!, column);
        for (const tag of jobTags[job]!) coverageAdd(tagCoverage[tag]!, startDays[start]!, endDays[cell]!, column);
      }
    }
    if (choices.length === 0) throw new Error(`job ${problem.source.jobs[job]?.id} has no start left in the model`);
    linear.addRow(
      choices,
      choices.map(() => 1),
      1,
      1,
    );
  }

  const crewExtras = new Map<string, number[]>();
  const tagExtras = new Map<string, number[]>();
  if (aggregated) {
    for (const columns of crewCoverage[0]!.values()) {
      if (new Set(columns.map((column) => columnJob[column]!)).size > crewCount) {
        linear.addRow(
          columns,
          columns.map(() => 1),
          -Infinity,
          crewCount,
        );
      }
    }
  } else {
    addPairRows(linear, crewCoverage, columnJob, CONSTRAINT_WEIGHTS.crewConflict, 'hard', crewExtras);
  }
  addPairRows(linear, tagCoverage, columnJob, CONSTRAINT_WEIGHTS.tagConflict, 'soft', tagExtras);

  const encode = (schedule: Schedule): Float64Array => {
    const values = new Float64Array(linear.columnCount);
    const scorer = new IncrementalScorer(problem, schedule);
    for (let job = 0; job < jobCount; job++) {
      const slot = aggregated ? 0 : schedule.crew[job]!;
      const column = columnOf[(job * crewSlots + slot) * startCount + schedule.start[job]!]!;
      if (column < 0) throw new Error(`the warm start puts job ${job} on a start the model left out`);
      values[column] = 1;
    }
    const fill = (extras: Map<string, number[]>, occupancy: Int32Array): void => {
      for (const [key, columns] of extras) {
        const [group, day] = key.split(':').map(Number) as [number, number];
        const count = occupancy[group * horizon + day]!;
        columns.forEach((column, index) => (values[column] = index + 1 < count ? 1 : 0));
      }
    };
    if (!aggregated) fill(crewExtras, scorer.crewOccupancy);
    fill(tagExtras, scorer.tagOccupancy);
    return values;
  };

  const decode = (values: ArrayLike<number>): Schedule => {
    const crew = new Int32Array(jobCount);
    const start = new Int32Array(jobCount);
    for (let column = 0; column < columnJob.length; column++) {
      if (values[column]! < 0.5) continue;
      crew[columnJob[column]!] = columnCrew[column]!;
      start[columnJob[column]!] = columnStart[column]!;
    }
    return { crew: aggregated ? assignCrews(problem, start) : crew, start };
  };

  return { formulation: options.formulation, linear, encode, decode };
}
