import { OptimizerInputError } from './errors';
import type { ConstraintLevel, ConstraintName, Weights } from './model';

/**
 * Every constraint, its level and the unit its weight multiplies. Time penalties count whole
 * minutes, rounded up per job (or per pair of jobs), so a one-second overlap still counts.
 * The order is the order of the score analysis.
 */
export const CONSTRAINTS: readonly { name: ConstraintName; level: ConstraintLevel; unit: string }[] = [
  { name: 'skills', level: 'hard', unit: 'per crew member and required skill below the minimum level' },
  { name: 'crewSize', level: 'hard', unit: 'per technician missing from (or extra in) the crew' },
  { name: 'availability', level: 'hard', unit: "per minute of a technician's work outside availability and overtime" },
  { name: 'technicianOverlap', level: 'hard', unit: 'per minute two jobs of one technician overlap (per shared technician)' },
  {
    name: 'equipmentOverlap',
    level: 'hard',
    unit: 'per minute two jobs on one equipment overlap, or a job works while work outside the problem holds its equipment',
  },
  {
    name: 'conflictGroup',
    level: 'hard',
    unit: 'per minute two jobs sharing a conflict group overlap, or a job works while work outside the problem holds one of its groups',
  },
  { name: 'maintenanceWindow', level: 'hard', unit: "per minute of downtime work outside the equipment's maintenance windows" },
  { name: 'release', level: 'hard', unit: 'per minute a job starts before its release' },
  { name: 'deadline', level: 'hard', unit: 'per minute a job ends after its deadline' },
  {
    name: 'precedence',
    level: 'hard',
    unit: "per minute a job starts before a predecessor ends; the job's duration if the predecessor is unassigned",
  },
  { name: 'pinned', level: 'hard', unit: 'per pinned job not at its pinned technicians and start' },
  { name: 'unassigned', level: 'medium', unit: 'per unassigned job × its priority weight' },
  { name: 'lateness', level: 'soft', unit: 'per minute a job ends after its target × priority weight' },
  { name: 'earliness', level: 'soft', unit: 'per minute a job ends before its target × priority weight (jobs that ask for it)' },
  { name: 'travel', level: 'soft', unit: 'per travel minute into each work segment (from the previous job of the shift, or from home)' },
  { name: 'overtime', level: 'soft', unit: "per unit of overtime cost: minutes × the technician's hourly cost / 60" },
  { name: 'balance', level: 'soft', unit: 'per minute² / minute of workload away from proportional to capacity (see score.ts)' },
  { name: 'preferredTechnician', level: 'soft', unit: 'per job whose crew lacks its preferred technician' },
  { name: 'churnMoved', level: 'soft', unit: 'per published job kept with its crew but moved in time' },
  { name: 'churnReassigned', level: 'soft', unit: 'per published job given another crew or unscheduled' },
];

/**
 * Default weights. Hard weights only need to make any violation visible (a feasible schedule
 * scores 0 hard); they are scaled so one unit of a count-based violation weighs like an hour of
 * a time-based one. Soft weights trade minutes of lateness (× priority) against the rest.
 */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  skills: 60,
  crewSize: 60,
  availability: 1,
  technicianOverlap: 1,
  equipmentOverlap: 1,
  conflictGroup: 1,
  maintenanceWindow: 1,
  release: 1,
  deadline: 1,
  precedence: 1,
  pinned: 60,
  unassigned: 1,
  /** A minute late costs 1 × priority: a priority-10 job three hours late costs 1,800. */
  lateness: 1,
  earliness: 1,
  /** Travel minutes cost like late minutes of a priority-1 job. */
  travel: 1,
  /** Overtime at the default hourly cost: 2 per minute, twice a late minute. */
  overtime: 2,
  /** Workload balance is a tie-breaker between otherwise equal schedules. */
  balance: 1,
  /** Missing the preferred technician costs like two hours of priority-1 lateness. */
  preferredTechnician: 120,
  /** Moving a published job costs like 4 h of priority-1 lateness; reassigning it, 16 h. */
  churnMoved: 240,
  churnReassigned: 960,
});

export function resolveWeights(overrides: Partial<Weights> | undefined): Weights {
  const weights: Weights = { ...DEFAULT_WEIGHTS };
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (!(name in DEFAULT_WEIGHTS)) throw new OptimizerInputError('invalid_weight', `unknown weight "${name}"`);
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new OptimizerInputError('invalid_weight', `weight "${name}" must be a non-negative integer, got ${String(value)}`);
    }
    weights[name as ConstraintName] = value;
  }
  return weights;
}
