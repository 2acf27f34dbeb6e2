import { describe, expect, it } from 'vitest';
import { solverThreadsFor } from './schedule-runs.service';

describe('solverThreadsFor', () => {
  it('gives a run the configured searches while the cores but one allow it, fewer when other runs use them', () => {
    // 8 cores: 7 threads for solving. Runs of 4, then 3, then 1 each.
    expect(solverThreadsFor(4, 8, [])).toBe(4);
    expect(solverThreadsFor(4, 8, [4])).toBe(3);
    expect(solverThreadsFor(4, 8, [4, 3])).toBe(1);
    expect(solverThreadsFor(4, 8, [4, 3, 1, 1])).toBe(1);
    // A run that ended gives its threads back.
    expect(solverThreadsFor(4, 8, [3])).toBe(4);
  });

  it('honours an explicit setting above the cores for one run at a time', () => {
    expect(solverThreadsFor(2, 2, [])).toBe(2);
    expect(solverThreadsFor(2, 2, [2])).toBe(1);
    expect(solverThreadsFor(1, 2, [])).toBe(1);
    expect(solverThreadsFor(1, 1, [])).toBe(1);
  });

  it('gives a repair run one thread, as it makes one search, leaving the rest to full runs', () => {
    expect(solverThreadsFor(4, 8, [], 'repair')).toBe(1);
    expect(solverThreadsFor(2, 2, [], 'repair')).toBe(1);
    // A full run started beside a repair gets the threads the repair does not use.
    expect(solverThreadsFor(4, 8, [solverThreadsFor(4, 8, [], 'repair')])).toBe(4);
    expect(solverThreadsFor(3, 2, [solverThreadsFor(3, 2, [], 'repair')])).toBe(2);
  });
});
