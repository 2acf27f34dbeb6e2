import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProblem, type CompiledProblem } from './compile';
import { bestPlacement } from './insertion';
import type { Score } from './model';
import { placeAt } from './placement';
import { ScoreState, compareScores } from './score';
import { smallProblem } from './testing/arbitrary';
import { HOUR, at } from './testing/fixtures';

/** The incremental score against a schedule scored from scratch, after any sequence of changes. */
const fresh = (problem: CompiledProblem, state: ScoreState): ScoreState => {
  const again = new ScoreState(problem);
  state.placements.forEach((p, j) => again.assign(j, p));
  return again;
};
const minus = (a: Score, b: Score): Score => ({ hard: a.hard - b.hard, medium: a.medium - b.medium, soft: a.soft - b.soft });

const change = fc.record({
  job: fc.nat(),
  crew: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  halfHour: fc.option(fc.integer({ min: -4, max: 150 }), { nil: null }),
});

describe('incremental score', () => {
  it('equals a fresh score after any sequence of assignments and unassignments', () => {
    fc.assert(
      fc.property(smallProblem, fc.array(change, { maxLength: 25 }), (problem, changes) => {
        const compiled = compileProblem(problem);
        const state = new ScoreState(compiled);
        for (const c of changes) {
          const j = c.job % compiled.jobs.length;
          if (c.halfHour === null) state.assign(j, null);
          else {
            const crew = [...new Set(c.crew.map((t) => t % compiled.technicians.length))].sort((a, b) => a - b);
            state.assign(j, placeAt(compiled, compiled.jobs[j]!, crew, at(0, 0) + (c.halfHour * HOUR) / 2));
          }
          expect(state.score()).toEqual(fresh(compiled, state).score());
        }
        expect(state.analysis()).toEqual(fresh(compiled, state).analysis());
      }),
      { numRuns: 150 },
    );
  });

  it("predicts exactly what inserting a job at the solver's best placement changes", () => {
    fc.assert(
      fc.property(smallProblem, (problem) => {
        const compiled = compileProblem(problem);
        const state = new ScoreState(compiled);
        for (const job of compiled.jobs) {
          const candidate = bestPlacement(compiled, state, job.index);
          if (!candidate) continue;
          const before = state.score();
          state.assign(job.index, candidate.placement);
          expect(minus(state.score(), before)).toEqual(candidate.delta);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('orders scores hard first, then medium, then soft', () => {
    const scores: Score[] = [
      { hard: 0, medium: -5, soft: 0 },
      { hard: -1, medium: 0, soft: 0 },
      { hard: 0, medium: 0, soft: -1000 },
      { hard: 0, medium: -5, soft: -1 },
    ];
    expect([...scores].sort((a, b) => compareScores(b, a))).toEqual([scores[2], scores[0], scores[3], scores[1]]);
  });
});
