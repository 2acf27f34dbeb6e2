import { describe, expect, it } from 'vitest';
import type { Job, Problem } from './model';
import { solve } from './solver';
import { at, job, plant, technician } from './testing/fixtures';

/**
 * 20,000 one-minute jobs, each waiting for the one before: deeper than the call stack goes, so
 * every walk along a chain (taking a job's successors out with it, a job's earliest possible end,
 * a precedence cycle in a reason) must keep its own stack.
 */
const LENGTH = 20_000;
const LAST = `c${LENGTH - 1}`;
const chainPlant = (extra: Job[]): Problem =>
  plant({
    horizon: { start: at(0, 0), end: at(14, 0) },
    // Round the clock for two weeks: the whole chain fits, so local search moves work along it.
    technicians: [technician('ana', {}, { availability: [{ start: at(0, 0), end: at(14, 0) }] })],
    jobs: [...Array.from({ length: LENGTH }, (_, i) => job(`c${i}`, 1, { predecessorIds: i > 0 ? [`c${i - 1}`] : [] })), ...extra],
  });
const unassignedIds = (problem: Problem) =>
  solve(problem, { iterationLimit: 3, seed: 1 })
    .unassigned.map((entry) => entry.jobId)
    .sort();

describe('precedence chains of any length', () => {
  it('takes a job out of a 20,000-job chain with all its successors', () => {
    // Work nobody may do keeps the search going; its first moves take chain work out and back in.
    expect(unassignedIds(chainPlant([job('x', 60, { requiredSkills: [{ skill: 'x', minLevel: 1 }] })]))).toEqual(['x']);
  });

  it('works out that work behind a 20,000-job chain can never fit, and explains a cycle found at its far end', () => {
    const problem = chainPlant([
      // Its bound walks the whole chain: after it, with a deadline at the start, it never fits.
      job('too-late', 60, { predecessorIds: [LAST], deadlineAt: at(0, 1) }),
      // Waits for the chain and for a job that waits for it: the cycle search walks the chain first.
      job('loop-a', 60, { predecessorIds: [LAST, 'loop-b'] }),
      job('loop-b', 60, { predecessorIds: ['loop-a'] }),
    ]);
    const solution = solve(problem, { iterationLimit: 3, seed: 1 });
    expect(solution.score.hard).toBe(0);
    expect(solution.assignments).toHaveLength(LENGTH);
    const reasonOf = (id: string) => solution.unassigned.find((entry) => entry.jobId === id)?.reasons;
    expect(reasonOf('too-late')).toEqual(['no availability window before the deadline']);
    expect(reasonOf('loop-a')).toEqual(['precedence cycle: loop-a → loop-b → loop-a']);
  });
});
