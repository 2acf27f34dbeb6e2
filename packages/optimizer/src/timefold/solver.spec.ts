import { describe, expect, it } from 'vitest';
import { bruteForceOptimum } from './brute-force';
import { compileProblem } from './compile';
import { IncrementalScorer, comparePenalty, formatScore, scoreSchedule } from './constraints';
import { generateDemoData } from './demo-data';
import { ExactRecreate } from './exact-recreate';
import { InsertionEvaluator } from './insertion';
import { type TimefoldJob } from './model';
import { solveTimefoldMaintenance } from './solver';

const job = (id: string, durationInDays: number, fields: Partial<TimefoldJob> = {}): TimefoldJob => ({
  id,
  name: id,
  durationInDays,
  readyDate: null,
  dueDate: null,
  idealEndDate: null,
  tags: [],
  ...fields,
});

/** One crew, one week of starts (Monday 2026-11-30 to Friday), two weeks' jobs: hard > 0 is unavoidable. */
const overbooked = compileProblem({
  name: 'one crew, too much work',
  workCalendar: { fromDate: '2026-11-30', toDate: '2026-12-05' },
  crews: [{ id: 'A', name: 'Alpha crew' }],
  jobs: [
    job('pump', 5, { dueDate: '2026-12-05', idealEndDate: '2026-12-05', tags: ['Plant'] }),
    job('valve', 5, { dueDate: '2026-12-05', tags: ['Plant'] }),
    job('filter', 1, { readyDate: '2026-12-02', idealEndDate: '2026-12-04' }),
  ],
  endDateRule: 'v2',
});

/** Two crews and three tagged jobs that all want to end on the same Friday. */
const contested = compileProblem({
  name: 'three Bay jobs, one ideal end',
  workCalendar: { fromDate: '2026-11-30', toDate: '2026-12-12' },
  crews: [
    { id: 'A', name: 'Alpha crew' },
    { id: 'B', name: 'Beta crew' },
  ],
  jobs: [
    job('a', 2, { idealEndDate: '2026-12-11', tags: ['Bay'] }),
    job('b', 3, { idealEndDate: '2026-12-11', tags: ['Bay'] }),
    job('c', 2, { idealEndDate: '2026-12-11', readyDate: '2026-12-07', tags: ['Bay', 'Subway'] }),
  ],
  endDateRule: 'v1',
});

describe('the solver', () => {
  it('is deterministic per seed under a step limit', () => {
    const problem = compileProblem(generateDemoData('SMALL', { endDateRule: 'v1' }));
    const first = solveTimefoldMaintenance(problem, { seed: 7, maxIterations: 15_000 });
    const second = solveTimefoldMaintenance(problem, { seed: 7, maxIterations: 15_000 });
    expect(second.schedule).toEqual(first.schedule);
    expect(second.penalty).toEqual(first.penalty);
    expect(second.improvements.map((step) => [step.iteration, step.hard, step.soft])).toEqual(
      first.improvements.map((step) => [step.iteration, step.hard, step.soft]),
    );
    expect(first.iterations).toBe(15_000);
    expect(first.stoppedBy).toBe('iterations');
  });

  it.each([
    ['v1', '0hard/-65soft'],
    ['v2', '0hard/-69soft'],
  ] as const)('reaches the HiGHS-proven optimum of SMALL (%s), %s', (rule, optimum) => {
    const problem = compileProblem(generateDemoData('SMALL', { endDateRule: rule }));
    const target = { hard: 0, soft: Number(optimum.split('/')[1]!.replace('soft', '')) * -1 };
    const result = solveTimefoldMaintenance(problem, { seed: 0, maxIterations: 60_000, targetPenalty: target });
    expect(formatScore(result.penalty)).toBe(optimum);
    expect(result.stoppedBy).toBe('target');
  });

  it('returns a complete schedule whose full rescoring is the reported score, improving monotonically', () => {
    const problem = compileProblem(generateDemoData('LARGE', { endDateRule: 'v2' }));
    const result = solveTimefoldMaintenance(problem, { seed: 1, maxIterations: 5_000 });
    expect(scoreSchedule(problem, result.schedule)).toEqual(result.penalty);
    for (let job = 0; job < problem.jobCount; job++) {
      expect(result.schedule.crew[job]).toBeGreaterThanOrEqual(0);
      expect(result.schedule.crew[job]).toBeLessThan(problem.crewCount);
    }
    const steps = result.improvements;
    for (let index = 1; index < steps.length; index++) expect(comparePenalty(steps[index]!, steps[index - 1]!)).toBeLessThan(0);
    expect(steps.at(-1)).toMatchObject(result.penalty);
  });

  it('finds the exact optimum of an overbooked crew (hard > 0 is unavoidable): brute force agrees', () => {
    const optimum = bruteForceOptimum(overbooked);
    expect(optimum.hard).toBeGreaterThan(0);
    const result = solveTimefoldMaintenance(overbooked, { seed: 3, maxIterations: 20_000 });
    expect(result.penalty).toEqual(optimum);
  });

  it('spreads three Bay jobs on two crews before their shared ideal end: brute force agrees', () => {
    const optimum = bruteForceOptimum(contested);
    const result = solveTimefoldMaintenance(contested, { seed: 5, maxIterations: 20_000 });
    expect(result.penalty).toEqual(optimum);
    // c Wed–Thu ends on time; a Mon–Tue before it, 2 days early; b Wed–Fri the week before,
    // ending (exclusive) on Monday: 4 days early, the weekend included.
    expect(optimum).toEqual({ hard: 0, soft: 0 + 2 + 4 });
  });

  it('stops at the time limit with the best so far', () => {
    const problem = compileProblem(generateDemoData('SMALL'));
    let clock = 0;
    const result = solveTimefoldMaintenance(problem, { seed: 0, timeLimitMs: 50, now: () => (clock += 0.5) });
    expect(result.stoppedBy).toBe('time');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(50);
  });

  it('re-places a few jobs at their best joint placement (exact recreate = brute force)', () => {
    const scorer = new IncrementalScorer(contested);
    const exact = new ExactRecreate(scorer, new InsertionEvaluator(scorer), 3, 100_000);
    expect(exact.place([0, 1, 2], Infinity)).toBe(true);
    expect(scorer.penalty()).toEqual(bruteForceOptimum(contested));
  });
});
