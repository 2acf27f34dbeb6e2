import { generatePlant } from '../generate';
import type { Problem } from '../model';

/**
 * The small plants whose optimum HiGHS proves: `generatePlant` itself (5 technicians, 2 weeks,
 * 30 work orders by default) with the two soft terms the grid model does not hold switched off —
 * travel and workload balance, weight 0 — and an hourly cost of 60 for everyone, so an overtime
 * minute costs a whole number and overtime stays linear. Everything else is as generated: skills,
 * crews of 1–3, shifts, leave, Saturday overtime, maintenance windows, release, target and
 * deadline dates, earliness, lockout groups, precedence, preferred technicians and pins. Every
 * date, calendar and duration generatePlant makes is on the half hour, so the grid loses nothing.
 */
export function smallPlant(seed: number, size: { jobs?: number; technicians?: number; days?: number } = {}): Problem {
  const problem = generatePlant({ technicians: size.technicians ?? 5, jobs: size.jobs ?? 30, days: size.days ?? 14, seed });
  return {
    ...problem,
    technicians: problem.technicians.map((tech) => ({ ...tech, hourlyCost: 60 })),
    weights: { balance: 0, travel: 0 },
  };
}
