import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { solve } from './solver';
import { problemWithSchedule, smallProblem } from './testing/arbitrary';
import { independentScore } from './testing/feasibility';

/**
 * The scorer against an independent, minute-by-minute checker (testing/feasibility.ts), on
 * random small plants: for the solver's schedules and for arbitrary manual ones.
 */
describe('scores agree with an independent checker', () => {
  it("every solver schedule's hard and medium scores are what the checker computes, and analyze reproduces its score", () => {
    fc.assert(
      fc.property(smallProblem, fc.integer({ min: 1, max: 10_000 }), (problem, seed) => {
        const solution = solve(problem, { iterationLimit: 60, seed });
        const checked = independentScore(problem, solution.assignments);
        expect({ hard: solution.score.hard, medium: solution.score.medium }).toEqual(checked);
        expect(analyze(problem, solution.assignments).score).toEqual(solution.score);
        // Pins are kept exactly.
        for (const job of problem.jobs.filter((j) => j.pinned)) {
          const a = solution.assignments.find((x) => x.jobId === job.id);
          expect(a && { technicianIds: a.technicianIds, start: a.start }).toEqual(job.pinned);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the solver breaks no hard constraint itself: its hard score is exactly that of the pins alone', () => {
    fc.assert(
      fc.property(smallProblem, fc.integer({ min: 1, max: 10_000 }), (problem, seed) => {
        // (A pinned job waiting for an unpinned predecessor is better off once the solver places it.)
        fc.pre(!problem.jobs.some((j) => j.pinned && j.predecessorIds?.length));
        const pinsOnly = problem.jobs.filter((j) => j.pinned).map((j) => ({ jobId: j.id, ...j.pinned!, end: 0 }));
        const pinned = independentScore(problem, pinsOnly).hard;
        // Construction alone, then with local search.
        expect(solve(problem, { iterationLimit: 0 }).score.hard).toBe(pinned);
        expect(solve(problem, { iterationLimit: 30, seed }).score.hard).toBe(pinned);
      }),
      { numRuns: 200 },
    );
  });

  it('analyze scores arbitrary manual schedules like the checker', () => {
    fc.assert(
      fc.property(problemWithSchedule, ({ problem, assignments }) => {
        const { score } = analyze(problem, assignments);
        expect({ hard: score.hard, medium: score.medium }).toEqual(independentScore(problem, assignments));
      }),
      { numRuns: 300 },
    );
  });
});
