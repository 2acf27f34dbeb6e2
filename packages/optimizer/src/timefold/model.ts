/**
 * Types of the Timefold maintenance-scheduling quickstart problem as this package reads and
 * writes it (the JSON shape of the `timefold-maintenance` format), and the compiled form the
 * scorer, the solver and the exact model share.
 */

/** How a job's exclusive end date follows from its start date (see calendar.ts). */
export type EndDateRule = 'v1' | 'v2';

export const END_DATE_RULES: readonly EndDateRule[] = ['v1', 'v2'];

export interface TimefoldCrew {
  readonly id: string;
  readonly name: string;
}

export interface TimefoldJob {
  readonly id: string;
  readonly name: string;
  readonly durationInDays: number;
  /** Earliest start, inclusive (ISO date); null means no ready-date constraint. */
  readonly readyDate: string | null;
  /** Latest end, exclusive (ISO date); null means no due-date constraint. */
  readonly dueDate: string | null;
  /** Ideal end, exclusive (ISO date); null means neither ideal-end constraint applies. */
  readonly idealEndDate: string | null;
  /** A set: duplicates are dropped by the parser. */
  readonly tags: readonly string[];
}

export interface TimefoldMaintenanceProblem {
  readonly name: string;
  /** Start dates are the workdays in [fromDate, toDate). */
  readonly workCalendar: { readonly fromDate: string; readonly toDate: string };
  readonly crews: readonly TimefoldCrew[];
  readonly jobs: readonly TimefoldJob[];
  readonly endDateRule: EndDateRule;
}

export interface TimefoldAssignment {
  readonly jobId: string;
  readonly crewId: string;
  readonly startDate: string;
}

export interface TimefoldMaintenanceSolution {
  readonly assignments: readonly TimefoldAssignment[];
  /** Timefold's HardSoftScore text, e.g. "0hard/-1234soft". */
  readonly score: string;
}

/**
 * Penalties of a schedule, as non-negative numbers in score units: the Timefold score is
 * `-hard` hard / `-soft` soft. Numbers stay exact: soft totals stay far below 2^53.
 */
export interface Penalty {
  readonly hard: number;
  readonly soft: number;
}

/** Each constraint's penalty in score units (hard for the first three, soft for the others). */
export interface ConstraintPenalties {
  readonly crewConflict: number;
  readonly readyDate: number;
  readonly dueDate: number;
  readonly beforeIdealEndDate: number;
  readonly afterIdealEndDate: number;
  readonly tagConflict: number;
}

/**
 * The problem with dates turned into day numbers counted from the calendar's first day
 * (fromDate = day 0), and everything a move needs precomputed per job and start.
 */
export interface CompiledProblem {
  readonly source: TimefoldMaintenanceProblem;
  /** Epoch day (days since 1970-01-01) of the calendar's first day. */
  readonly epochDayZero: number;
  readonly crewCount: number;
  readonly jobCount: number;
  /** The start-date value range: day numbers of the workdays in the calendar, ascending. */
  readonly startDays: Int32Array;
  /** Days from day 0 to one past the latest possible end: every occupancy array's length. */
  readonly horizon: number;
  readonly durations: Int32Array;
  /** endDays[job * startCount + startIndex]: exclusive end day of that job at that start. */
  readonly endDays: Int32Array;
  /** Hard penalty of the ready- and due-date constraints for that job at that start. */
  readonly unaryHard: Float64Array;
  /** Soft penalty of both ideal-end constraints for that job at that start. */
  readonly unarySoft: Float64Array;
  readonly tagNames: readonly string[];
  /** Tag indices of each job. */
  readonly jobTags: readonly (readonly number[])[];
  /** Ready, due and ideal-end day numbers; null where the job has none. */
  readonly readyDays: readonly (number | null)[];
  readonly dueDays: readonly (number | null)[];
  readonly idealEndDays: readonly (number | null)[];
}

/** A complete schedule: the crew index and the start index (into startDays) of every job. */
export interface Schedule {
  readonly crew: Int32Array;
  readonly start: Int32Array;
}

export const CONSTRAINT_WEIGHTS = {
  crewConflict: 1,
  readyDate: 1,
  dueDate: 1,
  beforeIdealEndDate: 1,
  afterIdealEndDate: 1_000_000,
  tagConflict: 1_000,
} as const;
