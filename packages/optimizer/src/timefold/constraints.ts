/**
 * The six constraints of Timefold's maintenance-scheduling quickstart, scored exactly: a full
 * scorer that enumerates pairs as the quickstart's constraint streams do, and an incremental
 * scorer for the solver's moves.
 *
 * What was read (github.com/TimefoldAI/timefold-quickstarts). The current layout, under
 * `java/maintenance-scheduling/src/main/java/org/acme/maintenancescheduling/`: `domain/Job.java`,
 * `domain/WorkCalendar.java`, `domain/MaintenanceSchedule.java`,
 * `solver/MaintenanceScheduleConstraintProvider.java`, `rest/DemoDataGenerator.java`, and
 * `java/maintenance-scheduling/src/test/java/org/acme/maintenancescheduling/solver/MaintenanceSchedulingConstraintProviderTest.java`.
 * The 1.x layout, branch `stable` at 7d9205eb (just after release 1.8.0, March 2024), under
 * `use-cases/maintenance-scheduling/src/main/java/org/acme/maintenancescheduling/`:
 * `domain/Job.java`, `domain/Crew.java`, `domain/WorkCalendar.java`,
 * `domain/MaintenanceSchedule.java`, `solver/MaintenanceScheduleConstraintProvider.java`,
 * `solver/EndDateUpdatingVariableListener.java`, `rest/DemoDataGenerator.java`.
 *
 * The reading:
 * - Planning variables are `Job.crew` and `Job.startDate`, both plain `@PlanningVariable` (not
 *   nullable, no `allowsUnassigned`): every job must get a crew and a start. A job missing one
 *   leaves the solution uninitialized; constraint streams (`forEach`, `forEachUniquePair`) skip
 *   such a job, so it adds nothing to hard or soft (Timefold reports it as a negative init
 *   score). Our solver always assigns every job; internally the scorers skip an unassigned job
 *   the same way (crew -1), which the large-neighbourhood moves use while a job is out.
 * - Value ranges: crews are the crew list; start dates are
 *   `MaintenanceSchedule.createStartDateList()`, the dates in [fromDate, toDate) without
 *   Saturdays and Sundays. The end may run past toDate; nothing penalizes that by itself.
 * - `endDate` is a shadow variable, exclusive. Up to 1.x (readyDate/dueDate naming) it was
 *   `start + d + 2·((d + dayOfWeek(start) − 1) / 5)`, Monday = 1 ("v1": a 5-day job from Monday
 *   ends on the next Monday). Later (minStartDate/maxEndDate naming) it is the day after the
 *   d-th workday counted from the start ("v2": the same job ends on Saturday). Scores differ.
 * - Crew conflict, hard ×1: pairs with `equal(crew)` and `overlapping(start, end)`, penalized
 *   by `DAYS.between(later start, earlier end)`: calendar days, weekends inside both jobs count.
 * - Ready date ("Min start date" later), hard ×1: start before readyDate, by the days between.
 * - Due date ("Max end date" later), hard ×1: the exclusive end after the exclusive dueDate,
 *   by `DAYS.between(dueDate, endDate)`; ending exactly on dueDate is on time.
 * - Before ideal end date: PENALIZES, soft ×1 per calendar day the end is before idealEndDate
 *   ("the sooner maintenance is done, the sooner it needs to happen again").
 * - After ideal end date: soft ×1,000,000 per calendar day the end is after idealEndDate.
 * - Tag conflict, soft ×1,000 × shared tags × overlapping calendar days, for every overlapping
 *   pair sharing a tag, whatever their crews (same crew included).
 * - A null readyDate, dueDate or idealEndDate switches its constraint off (the streams filter
 *   on `!= null`); tags are a set.
 * - A 0-day job ends where it starts: whether or not `overlapping` pairs it with another job,
 *   the days between are 0, so it never costs a crew or tag conflict.
 * - No constraint names a crew: crews are interchangeable (the solver relies on it).
 * - The score is HardSoftLongScore (later HardSoftScore), printed "0hard/-1234soft".
 * - Demo data (`DemoDataGenerator`): see demo-data.ts; its calendar starts on the Monday after
 *   `LocalDate.now()` and draws from `new Random(17)`.
 *
 * Why occupancy counts equal pair sums: if n jobs of a crew cover day t, n(n−1)/2 pairs overlap
 * on t, so Σ over pairs of overlap days = Σ over (crew, day) of n(n−1)/2; for a tag g, the pairs
 * sharing g likewise, and summing over tags counts each pair once per shared tag. A property test
 * checks the two scorers agree after random moves.
 */
import { endDay } from './calendar';
import { datePenalty, idealEndPenalty } from './compile';
import { CONSTRAINT_WEIGHTS, type CompiledProblem, type ConstraintPenalties, type Penalty, type Schedule } from './model';

/** A job's crew and start day (day number, any day); null when unassigned. */
export interface Placement {
  readonly crew: number;
  readonly startDay: number;
}

export const UNASSIGNED = -1;

/**
 * Scores placements the way the quickstart's ConstraintProvider does: per job, then per unique
 * pair. Independent of the compiled tables: the end comes from the calendar rule.
 */
export function scorePlacements(problem: CompiledProblem, placements: readonly (Placement | null)[]): ConstraintPenalties {
  const rule = problem.source.endDateRule;
  const ends = placements.map((placement, job) =>
    placement === null ? 0 : endDay(rule, problem.epochDayZero + placement.startDay, problem.durations[job]!) - problem.epochDayZero,
  );
  const totals = { crewConflict: 0, readyDate: 0, dueDate: 0, beforeIdealEndDate: 0, afterIdealEndDate: 0, tagConflict: 0 };
  placements.forEach((placement, job) => {
    if (placement === null) return;
    const end = ends[job]!;
    const ready = problem.readyDays[job] ?? null;
    const due = problem.dueDays[job] ?? null;
    totals.readyDate += datePenalty(ready, null, placement.startDay, end);
    totals.dueDate += datePenalty(null, due, placement.startDay, end);
    const ideal = problem.idealEndDays[job] ?? null;
    if (ideal !== null && end < ideal) totals.beforeIdealEndDate += idealEndPenalty(ideal, end);
    if (ideal !== null && end > ideal) totals.afterIdealEndDate += idealEndPenalty(ideal, end);
  });
  for (let first = 0; first < placements.length; first++) {
    const a = placements[first];
    if (!a) continue;
    const firstTags = new Set(problem.jobTags[first]);
    for (let second = first + 1; second < placements.length; second++) {
      const b = placements[second];
      if (!b) continue;
      const overlap = Math.min(ends[first]!, ends[second]!) - Math.max(a.startDay, b.startDay);
      if (overlap <= 0) continue;
      if (a.crew === b.crew) totals.crewConflict += CONSTRAINT_WEIGHTS.crewConflict * overlap;
      const shared = (problem.jobTags[second] ?? []).filter((tag) => firstTags.has(tag)).length;
      totals.tagConflict += CONSTRAINT_WEIGHTS.tagConflict * shared * overlap;
    }
  }
  return totals;
}

export function totalPenalty(constraints: ConstraintPenalties): Penalty {
  return {
    hard: constraints.crewConflict + constraints.readyDate + constraints.dueDate,
    soft: constraints.beforeIdealEndDate + constraints.afterIdealEndDate + constraints.tagConflict,
  };
}

export function placementsOf(problem: CompiledProblem, schedule: Schedule): (Placement | null)[] {
  return Array.from(schedule.crew, (crew, job) =>
    crew === UNASSIGNED ? null : { crew, startDay: problem.startDays[schedule.start[job]!]! },
  );
}

/** Full score of a schedule (start indices into the start-date value range). */
export function scoreSchedule(problem: CompiledProblem, schedule: Schedule): Penalty {
  return totalPenalty(scorePlacements(problem, placementsOf(problem, schedule)));
}

/** Timefold's text form: penalties are negative scores, "0hard/-1234soft". */
export function formatScore(penalty: Penalty): string {
  const part = (value: number): string => (value === 0 ? '0' : String(-value));
  return `${part(penalty.hard)}hard/${part(penalty.soft)}soft`;
}

/** Negative when `a` is the better score: hard first, then soft. */
export function comparePenalty(a: Penalty, b: Penalty): number {
  return a.hard !== b.hard ? a.hard - b.hard : a.soft - b.soft;
}

/**
 * Keeps occupancy counts per (crew, day) and per (tag, day), so that changing one job costs
 * O(calendar days of the job × (1 + its tags)). Crew -1 means the job is out of the schedule.
 *
 * With `pooledCrews`, the crews share one row with capacity C (the number of crews) and a day
 * holding n jobs costs max(0, n − C)(n − C + 1)/2 hard: zero exactly when the starts leave a
 * crew for every job (assignCrews in mip-model.ts then finds one without any conflict), and
 * with C = 1 the same pair count as per crew. The search uses it to move starts without
 * carrying crews along; crews are given afterwards.
 */
export class IncrementalScorer {
  readonly crew: Int32Array;
  readonly start: Int32Array;
  /** crewOccupancy[row * horizon + day]: jobs of that crew (pooled: of all crews) on that day. */
  readonly crewOccupancy: Int32Array;
  /** tagOccupancy[tag * horizon + day]: jobs with that tag covering that day. */
  readonly tagOccupancy: Int32Array;
  /** Jobs a crew row holds on one day without penalty: 1, or the crew count when pooled. */
  readonly capacity: number;
  readonly pooledCrews: boolean;
  hard = 0;
  soft = 0;
  private readonly startCount: number;

  constructor(
    readonly problem: CompiledProblem,
    schedule?: Schedule,
    options: { readonly pooledCrews?: boolean } = {},
  ) {
    const { jobCount, crewCount, horizon } = problem;
    this.pooledCrews = options.pooledCrews === true;
    this.capacity = this.pooledCrews ? Math.max(1, crewCount) : 1;
    this.startCount = problem.startDays.length;
    this.crew = new Int32Array(jobCount).fill(UNASSIGNED);
    this.start = new Int32Array(jobCount);
    this.crewOccupancy = new Int32Array((this.pooledCrews ? 1 : crewCount) * horizon);
    this.tagOccupancy = new Int32Array(problem.tagNames.length * horizon);
    if (schedule) for (let job = 0; job < jobCount; job++) this.assign(job, schedule.crew[job]!, schedule.start[job]!);
  }

  penalty(): Penalty {
    return { hard: this.hard, soft: this.soft };
  }

  snapshot(): Schedule {
    return { crew: this.crew.slice(), start: this.start.slice() };
  }

  endOf(job: number, startIndex: number): number {
    return this.problem.endDays[job * this.startCount + startIndex]!;
  }

  /** The occupancy row a crew's jobs count in. */
  rowOf(crew: number): number {
    return this.pooledCrews ? 0 : crew;
  }

  /** Takes a job out, updating the totals. */
  unassign(job: number): void {
    const crew = this.crew[job]!;
    if (crew === UNASSIGNED) return;
    const startIndex = this.start[job]!;
    const cell = job * this.startCount + startIndex;
    const from = this.problem.startDays[startIndex]!;
    const to = this.problem.endDays[cell]!;
    const { horizon } = this.problem;
    this.hard -= this.problem.unaryHard[cell]!;
    this.soft -= this.problem.unarySoft[cell]!;
    const crewBase = this.rowOf(crew) * horizon;
    const spare = this.capacity - 1;
    for (let day = from; day < to; day++) {
      const others = --this.crewOccupancy[crewBase + day]!;
      if (others > spare) this.hard -= others - spare;
    }
    for (const tag of this.problem.jobTags[job]!) {
      const tagBase = tag * horizon;
      let pairs = 0;
      for (let day = from; day < to; day++) pairs += --this.tagOccupancy[tagBase + day]!;
      this.soft -= CONSTRAINT_WEIGHTS.tagConflict * pairs;
    }
    this.crew[job] = UNASSIGNED;
  }

  /** Puts a job at (crew, start index), taking it out of its old place first. */
  assign(job: number, crew: number, startIndex: number): void {
    if (this.crew[job] !== UNASSIGNED) this.unassign(job);
    const cell = job * this.startCount + startIndex;
    const from = this.problem.startDays[startIndex]!;
    const to = this.problem.endDays[cell]!;
    const { horizon } = this.problem;
    this.hard += this.problem.unaryHard[cell]!;
    this.soft += this.problem.unarySoft[cell]!;
    const crewBase = this.rowOf(crew) * horizon;
    const spare = this.capacity - 1;
    for (let day = from; day < to; day++) {
      const others = this.crewOccupancy[crewBase + day]!++;
      if (others > spare) this.hard += others - spare;
    }
    for (const tag of this.problem.jobTags[job]!) {
      const tagBase = tag * horizon;
      let pairs = 0;
      for (let day = from; day < to; day++) pairs += this.tagOccupancy[tagBase + day]!++;
      this.soft += CONSTRAINT_WEIGHTS.tagConflict * pairs;
    }
    this.crew[job] = crew;
    this.start[job] = startIndex;
  }

  /**
   * The change in penalty if an assigned job moved to (crew, start index), without moving it:
   * occupancies are read as if the job were already out of the schedule.
   */
  changeDelta(job: number, crew: number, startIndex: number): Penalty {
    const { horizon, startDays, endDays, unaryHard, unarySoft } = this.problem;
    const oldRow = this.rowOf(this.crew[job]!);
    const newRow = this.rowOf(crew);
    const oldCell = job * this.startCount + this.start[job]!;
    const newCell = job * this.startCount + startIndex;
    const oldFrom = startDays[this.start[job]!]!;
    const oldTo = endDays[oldCell]!;
    const newFrom = startDays[startIndex]!;
    const newTo = endDays[newCell]!;
    const spare = this.capacity - 1;
    let hard = unaryHard[newCell]! - unaryHard[oldCell]!;
    let soft = unarySoft[newCell]! - unarySoft[oldCell]!;

    for (let day = oldFrom; day < oldTo; day++) {
      const others = this.crewOccupancy[oldRow * horizon + day]! - 1;
      if (others > spare) hard -= others - spare;
    }
    for (let day = newFrom; day < newTo; day++) {
      const self = newRow === oldRow && day >= oldFrom && day < oldTo ? 1 : 0;
      const others = this.crewOccupancy[newRow * horizon + day]! - self;
      if (others > spare) hard += others - spare;
    }
    for (const tag of this.problem.jobTags[job]!) {
      const tagBase = tag * horizon;
      let pairs = 0;
      for (let day = oldFrom; day < oldTo; day++) pairs -= this.tagOccupancy[tagBase + day]! - 1;
      for (let day = newFrom; day < newTo; day++) {
        const self = day >= oldFrom && day < oldTo ? 1 : 0;
        pairs += this.tagOccupancy[tagBase + day]! - self;
      }
      soft += CONSTRAINT_WEIGHTS.tagConflict * pairs;
    }
    return { hard, soft };
  }

  /** Moves an assigned job; the same as unassign then assign. */
  change(job: number, crew: number, startIndex: number): void {
    this.assign(job, crew, startIndex);
  }
}
