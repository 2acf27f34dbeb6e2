import type { ConstraintTotal, Interval, Job, Problem, Technician } from '../model';
import type { Random } from '../random';

/** Small hand-made plants for scenario specs. All times are UTC; day 0 is Monday 5 January 2026. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const MONDAY = Date.UTC(2026, 0, 5);

/** Epoch ms of `hour:minute` on day `day` (0 = Monday). */
export const at = (day: number, hour: number, minute = 0): number => MONDAY + day * 24 * HOUR + hour * HOUR + minute * MINUTE;

export const shifts = (days: readonly number[], from: number, to: number): Interval[] =>
  days.map((day) => ({ start: at(day, from), end: at(day, to) }));

export const WEEKDAYS = [0, 1, 2, 3, 4] as const;

export function technician(id: string, skills: Record<string, number>, extra: Partial<Technician> = {}): Technician {
  return { id, skills, availability: shifts(WEEKDAYS, 8, 16), siteId: 'north', ...extra };
}

export function job(id: string, durationMinutes: number, extra: Partial<Job> = {}): Job {
  return { id, durationMinutes, siteId: 'north', ...extra };
}

/** A working week (Monday to Saturday 00:00) unless the scenario says otherwise. */
export function plant(parts: Partial<Problem> & Pick<Problem, 'technicians' | 'jobs'>): Problem {
  return { horizon: { start: at(0, 0), end: at(5, 0) }, ...parts };
}

export function constraint(analysis: readonly ConstraintTotal[], name: string): ConstraintTotal {
  const found = analysis.find((c) => c.constraint === name);
  if (!found) throw new Error(`no constraint ${name}`);
  return found;
}

/** Constraint name → total, for the constraints that are not zero. */
export function nonZero(analysis: readonly ConstraintTotal[]): Record<string, number> {
  return Object.fromEntries(analysis.filter((c) => c.total !== 0).map((c) => [c.constraint, c.total]));
}

/** A "random" source whose every choice is the first or the smallest: the code under test decides the rest. */
export const lowestRandom: Random = {
  next: () => 0,
  int: () => 0,
  chance: () => false,
  pick: (items) => items[0] as never,
  shuffle: (items) => items,
};
