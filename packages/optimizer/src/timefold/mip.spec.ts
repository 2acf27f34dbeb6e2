import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bruteForceOptimum } from './brute-force';
import { compileProblem } from './compile';
import { scoreSchedule } from './constraints';
import { type TimefoldJob } from './model';
import { solveExactly } from './mip';

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
    job('d', 4, { idealEndDate: '2026-12-04', dueDate: '2026-12-05' }),
  ],
  endDateRule: 'v1',
});

describe('the exact model (HiGHS)', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  it('proves the least hard penalty of an overbooked crew, then the least soft: brute force agrees', () => {
    const result = solveExactly(highs, overbooked, { timeLimitSeconds: 30 });
    expect(result.proven).toBe(true);
    expect(result.penalty).toEqual(bruteForceOptimum(overbooked));
    expect(result.phases.map((phase) => [phase.objective, phase.formulation, phase.status])).toEqual([
      ['hard', 'crew-indexed', 'optimal'],
      ['soft', 'crew-indexed', 'optimal'],
    ]);
    expect(result.bound).toEqual(result.penalty);
  });

  it('with no hard penalty possible, the aggregated and crew-indexed models prove the same optimum', () => {
    const optimum = bruteForceOptimum(contested);
    const aggregated = solveExactly(highs, contested, { timeLimitSeconds: 30 });
    const crewIndexed = solveExactly(highs, contested, { timeLimitSeconds: 30, formulation: 'crew-indexed' });
    expect(aggregated.phases.at(-1)?.formulation).toBe('aggregated');
    expect(crewIndexed.phases.at(-1)?.formulation).toBe('crew-indexed');
    for (const result of [aggregated, crewIndexed]) {
      expect(result.proven).toBe(true);
      expect(result.penalty).toEqual(optimum);
      expect(scoreSchedule(contested, result.schedule!)).toEqual(optimum);
    }
  });

  it('takes a zero-hard incumbent as the hard proof and warm start', () => {
    const incumbent = { crew: new Int32Array([0, 0, 0, 1]), start: new Int32Array([5, 2, 7, 0]) };
    expect(scoreSchedule(contested, incumbent).hard).toBe(0);
    const result = solveExactly(highs, contested, { incumbent, timeLimitSeconds: 30 });
    expect(result.phases).toHaveLength(1);
    expect(result.penalty).toEqual(bruteForceOptimum(contested));
  });
});
