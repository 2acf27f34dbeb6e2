/**
 * The optimizer's public model. Times are epoch milliseconds; intervals are half-open
 * `[start, end)`. Durations and penalties are in minutes. Everything here is plain data, so a
 * problem or a solution can cross a worker boundary or an HTTP request unchanged.
 */

export interface Interval {
  start: number;
  end: number;
}

export interface Technician {
  id: string;
  name?: string;
  /** Skill name → level (higher is better); a missing skill is level 0. */
  skills: Record<string, number>;
  /** Normal working time (shift pattern minus leave, plus extra shifts), as epoch-ms intervals. */
  availability: Interval[];
  /**
   * Extra time the technician may be asked to work, paid as overtime (soft). Work may be placed
   * here; every minute costs `overtime` in the score. Absent: no overtime.
   */
  overtime?: Interval[];
  /** Home site: the first job of each shift is reached from here (travel). */
  siteId?: string | null;
  /** Per hour; prices overtime. Default 60, so one overtime minute costs 1 before weighting. */
  hourlyCost?: number;
}

export interface Job {
  id: string;
  /** Working minutes, done by the whole crew together; > 0. */
  durationMinutes: number;
  /** Every crew member must reach each minimum level. */
  requiredSkills?: { skill: string; minLevel: number }[];
  /** Technicians working simultaneously, 1–3 (default 1). */
  crewSize?: number;
  /** Weight of lateness, earliness and of leaving the job unassigned: a non-negative integer (default 1). */
  priorityWeight?: number;
  /** Ready time (parts on hand, permit): the job may not start before it. */
  releaseAt?: number | null;
  /** Hard: the job must end by then. */
  deadlineAt?: number | null;
  /**
   * When no qualified crew could end the job by `deadlineAt` even in an empty schedule (the
   * deadline has passed, or comes before the job's release and working time allow), plan it late
   * rather than leave it out: the deadline then only counts as its target (lateness from the
   * earlier of the two), not as a hard limit. For overdue compliance work, which should be done as
   * soon as possible. Absent: the deadline is always hard.
   */
  lateIfDeadlineUnreachable?: boolean;
  /** Soft: the job should end by then (lateness), and not before it if `penalizeEarliness`. */
  targetAt?: number | null;
  penalizeEarliness?: boolean;
  equipmentId?: string | null;
  /** The equipment must be down: work only inside `equipmentWindows[equipmentId]`. */
  requiresDowntime?: boolean;
  /** Jobs sharing a group must not overlap in time (lockout zones, a shared crane, …). */
  conflictGroups?: string[];
  /** Jobs that must end before this one starts. Ids not in the problem are taken as done. */
  predecessorIds?: string[];
  /** Started or locked work: the solver keeps exactly these technicians and this start. */
  pinned?: { technicianIds: string[]; start: number } | null;
  preferredTechnicianId?: string | null;
  siteId?: string | null;
}

export interface Problem {
  horizon: Interval;
  /**
   * Whether a deadline is still reachable (`lateIfDeadlineUnreachable`) is judged from this
   * instant on when it is later than the horizon's start: the first moment work can still be
   * planned (now). Give the same value to a solve and to the analysis of its assignments, so
   * both relax the same deadlines. Absent: from the horizon's start.
   */
  deadlinesJudgedFrom?: number | null;
  technicians: Technician[];
  jobs: Job[];
  /** Equipment id → the intervals in which it may be taken down. */
  equipmentWindows?: Record<string, Interval[]>;
  /**
   * Equipment id → the times it is held by work outside the problem (booked work this solve does
   * not plan). Hard, like another job on it (`equipmentOverlap` per minute): no job on that
   * equipment may work then. Work on it pauses around these times and goes on after them, as it
   * does around a technician's leave (multi-day work).
   */
  equipmentBusy?: Record<string, Interval[]>;
  /**
   * Conflict group → the times it is held by work outside the problem (booked work this solve
   * does not plan: a hot-work permit in use, a crane lifting elsewhere). Hard, like another job in
   * the group (`conflictGroup` per minute): no job in that group may work then. Work in it pauses
   * around these times and goes on after them, as around `equipmentBusy`. Groups no job has are
   * ignored.
   */
  groupBusy?: Record<string, Interval[]>;
  /** Site → site → minutes. Looked up both ways; missing pairs cost nothing. */
  travelMinutes?: Record<string, Record<string, number>>;
  /** The currently published schedule: churn is measured against it, repair starts from it. */
  published?: Assignment[];
  weights?: Partial<Weights>;
}

export interface Assignment {
  jobId: string;
  technicianIds: string[];
  start: number;
  end: number;
  /**
   * The intervals actually worked. A job longer than the crew's current working interval
   * continues in the following ones (multi-day work). Output only: inputs are re-derived from
   * `start` and the crew (see README "Multi-day work").
   */
  segments?: Interval[];
}

/** Each level is ≤ 0; compare lexicographically (hard, then medium, then soft) with `compareScores`. */
export interface Score {
  hard: number;
  medium: number;
  soft: number;
}

export type ConstraintLevel = 'hard' | 'medium' | 'soft';

/**
 * One constraint's share of the score. `total` is the weighted penalty (≥ 0; the level's score
 * is minus the sum of its constraints' totals); `jobs` lists the jobs behind it, largest first,
 * with their shares (a pair constraint splits a pair's penalty between its two jobs).
 */
export interface ConstraintTotal {
  constraint: string;
  level: ConstraintLevel;
  total: number;
  jobs: { jobId: string; penalty: number }[];
}

export interface Churn {
  /** Published jobs kept with the same crew but a different start. */
  moved: number;
  /** Published jobs with a different crew, or no longer scheduled. */
  reassigned: number;
  jobIds: string[];
}

export interface Solution {
  assignments: Assignment[];
  unassigned: { jobId: string; reasons: string[] }[];
  score: Score;
  analysis: ConstraintTotal[];
  /** Present when the problem has a published schedule. */
  churn?: Churn;
  stats: {
    elapsedMs: number;
    iterations: number;
    bestScoreHistory: { elapsedMs: number; score: Score }[];
    /** Searches run side by side (`solveInWorker`'s `threads`; absent for one). */
    searches?: number;
    /** Of those, searches whose thread failed: the answer is the best of the others. */
    failedSearches?: number;
  };
}

export interface SolveProgress {
  elapsedMs: number;
  bestScore: Score;
  iterations: number;
  /**
   * With `snapshotEveryMs`: the best schedule found so far and its score, on the progress after
   * it improved, at most that often. Its score may lag behind `bestScore`, the latest gain.
   */
  best?: { score: Score; assignments: Assignment[] };
}

export interface SolveOptions {
  /** Wall-clock budget, construction included. Default 5 s (full) or 500 ms (repair), unless `iterationLimit` is given. */
  timeLimitMs?: number;
  /** Local-search iterations; with no time limit the run is fully deterministic for a seed. */
  iterationLimit?: number;
  /** Seed of the PRNG (default 1). */
  seed?: number;
  signal?: AbortSignal;
  /** Called when the best score improves (at most every 50 ms) and once at the end. */
  onProgress?: (progress: SolveProgress) => void;
  /**
   * Also hand the best schedule so far to `onProgress` (`best`), at most this often once it has
   * changed: what a caller shows while the search runs on. Off by default (it costs a copy of
   * the schedule each time).
   */
  snapshotEveryMs?: number;
  /** `repair`: start from `problem.published` instead of constructing from scratch. */
  mode?: 'full' | 'repair';
  /**
   * Repair mode: the new work to fit in, besides published jobs that lost their slot. Default:
   * every job the published schedule lacks. Other unpublished jobs (the old backlog) are left
   * unassigned, so they cannot buy their way in with churn.
   */
  repairJobIds?: string[];
}

export interface RepairChange {
  addJobs?: Job[];
  removeTechnicianIds?: string[];
}

/**
 * Multipliers of each constraint's natural unit (see weights.ts for the units and defaults).
 * Non-negative integers, so scores stay exact; 0 switches a constraint off.
 */
export interface Weights {
  // hard
  skills: number;
  crewSize: number;
  availability: number;
  technicianOverlap: number;
  equipmentOverlap: number;
  conflictGroup: number;
  maintenanceWindow: number;
  release: number;
  deadline: number;
  precedence: number;
  pinned: number;
  // medium
  unassigned: number;
  // soft
  lateness: number;
  earliness: number;
  travel: number;
  overtime: number;
  balance: number;
  preferredTechnician: number;
  churnMoved: number;
  churnReassigned: number;
}

export type ConstraintName = keyof Weights;
