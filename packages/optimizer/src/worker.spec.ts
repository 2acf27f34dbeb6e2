import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { generatePlant } from './generate';
import type * as Optimizer from './index';
import type { Solution, SolveProgress } from './model';
import { compareScores } from './score';
import { solve } from './solver';
import { loadCompiledPackage } from './testing/compiled';
import { DRAW_STEP, createRandom } from './random';
import { MAX_THREADS, SEARCH_SPACING, bestOf, searchSeed } from './worker';

/** x⁻¹ mod m (extended Euclid). */
function modularInverse(x: bigint, m: bigint): bigint {
  let [a, b, u, v] = [x % m, m, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b, u, v] = [b, a - q * b, v, u - q * v];
  }
  return ((u % m) + m) % m;
}

/** The solver in a worker thread: same answers, progress as messages, stoppable. */
const { compiled, remove } = loadCompiledPackage<typeof Optimizer>();
afterAll(remove);
const withoutStats = ({ stats: _stats, ...rest }: Solution) => rest;

describe('bestOf', () => {
  const score = (medium: number, soft: number) => ({ hard: 0, medium, soft });
  const solution = (name: string, medium: number, history: [number, number][], iterations: number): Solution => ({
    assignments: [{ workOrderId: name } as never],
    unassigned: [],
    score: score(medium, history.at(-1)![1]),
    analysis: [],
    stats: {
      elapsedMs: history.at(-1)![0],
      iterations,
      bestScoreHistory: history.map(([elapsedMs, soft]) => ({ elapsedMs, score: score(medium, soft) })),
    },
  });

  it('takes the best score, the earlier search on a tie, and merges the histories into the best found by each moment', () => {
    const a = solution(
      'a',
      -1,
      [
        [0, -50],
        [30, -40],
        [90, -35],
      ],
      100,
    );
    const b = solution(
      'b',
      -1,
      [
        [0, -50],
        [20, -30],
        [80, -20],
      ],
      120,
    );
    const c = solution(
      'c',
      -1,
      [
        [0, -50],
        [10, -45],
        [85, -20],
      ],
      80,
    );
    const best = bestOf([a, b, c]);
    expect(best.assignments).toEqual(b.assignments);
    expect(best.score).toEqual(score(-1, -20));
    expect(best.stats.iterations).toBe(300);
    expect(best.stats.elapsedMs).toBe(90);
    expect(best.stats.bestScoreHistory.map((p) => [p.elapsedMs, p.score.soft])).toEqual([
      [0, -50],
      [10, -45],
      [20, -30],
      [80, -20],
    ]);
    expect(bestOf([c, b]).assignments).toEqual(c.assignments);
  });

  it('gives the first search its own seed and starts the others 2^28 draws apart in the generator', () => {
    expect(searchSeed(7, 0)).toBe(7);
    // A seed moved on by j steps is the generator after j draws (checked for j = 1,000).
    const walked = createRandom(7);
    for (let i = 0; i < 1000; i++) walked.next();
    expect(createRandom((7 + Math.imul(1000, DRAW_STEP)) >>> 0).next()).toBe(walked.next());
    // So search i starts i × 2^28 draws after search 0: the offset in draws of its seed.
    const inverse = modularInverse(BigInt(DRAW_STEP), 2n ** 32n);
    for (const seed of [1, 7, 0xfffffff0])
      for (let index = 0; index < MAX_THREADS; index++) {
        const offset = ((BigInt(searchSeed(seed, index)) - BigInt(seed)) * inverse) % 2n ** 32n;
        expect((offset + 2n ** 32n) % 2n ** 32n).toBe(BigInt(index) * BigInt(SEARCH_SPACING));
      }
  });

  it('counts the searches, and those that failed', () => {
    const one = solution('a', -1, [[0, -50]], 10);
    expect(bestOf([one, one], 1).stats).toMatchObject({ searches: 3, failedSearches: 1 });
    expect(bestOf([one, one]).stats).not.toHaveProperty('failedSearches');
  });
});

describe('solveInWorker', () => {
  it('answers exactly what solve answers in this thread, and reports progress', async () => {
    const plant = generatePlant({ technicians: 6, jobs: 40, days: 7, seed: 3 });
    const worker = compiled.solveInWorker(plant, { iterationLimit: 300, seed: 4 });
    const progress: SolveProgress[] = [];
    worker.progress((p) => progress.push(p));
    const solution = await worker.result;
    expect(withoutStats(solution)).toEqual(withoutStats(solve(plant, { iterationLimit: 300, seed: 4 })));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.bestScore).toEqual(solution.score);
  });

  it('stops on stop() and keeps the best schedule found so far', async () => {
    const plant = generatePlant({ technicians: 30, jobs: 400, days: 14, seed: 2 });
    const worker = compiled.solveInWorker(plant, { timeLimitMs: 60_000, seed: 1 });
    const progress: SolveProgress[] = [];
    const unsubscribe = worker.progress((p) => {
      progress.push(p);
      if (progress.length === 3) worker.stop();
    });
    const solution = await worker.result;
    unsubscribe();
    expect(solution.stats.elapsedMs).toBeLessThan(30_000);
    for (const p of progress) expect(compareScores(solution.score, p.bestScore)).toBeGreaterThanOrEqual(0);
    expect(analyze(plant, solution.assignments).score).toEqual(solution.score);
  });

  it('rejects a problem it cannot read with the input error', async () => {
    const broken = { horizon: { start: 10, end: 5 }, technicians: [], jobs: [] };
    await expect(compiled.solveInWorker(broken).result).rejects.toMatchObject({ name: 'OptimizerInputError', code: 'invalid_horizon' });
  });

  it('runs several searches side by side and answers the best of them, each what its seed gives alone', async () => {
    const plant = generatePlant({ technicians: 8, jobs: 60, days: 7, seed: 8 });
    const worker = compiled.solveInWorker(plant, { iterationLimit: 400, seed: 7, threads: 3 });
    const progress: SolveProgress[] = [];
    worker.progress((p) => progress.push(p));
    const solution = await worker.result;

    const alone = [0, 1, 2].map((index) => solve(plant, { iterationLimit: 400, seed: searchSeed(7, index) }));
    // On this plant the second search beats the first: answering the first would fail here.
    expect(compareScores(alone[1]!.score, alone[0]!.score)).toBeGreaterThan(0);
    const expected = bestOf(alone);
    expect(expected.assignments).toEqual(alone[1]!.assignments);
    expect(withoutStats(solution)).toEqual(withoutStats(expected));
    expect(solution.stats.iterations).toBe(alone.reduce((sum, s) => sum + s.stats.iterations, 0));
    expect(analyze(plant, solution.assignments).score).toEqual(solution.score);
    // Progress is the best of any search so far: it never goes down, and ends at the answer's score.
    for (let i = 1; i < progress.length; i++)
      expect(compareScores(progress[i]!.bestScore, progress[i - 1]!.bestScore)).toBeGreaterThanOrEqual(0);
    expect(progress.at(-1)!.bestScore).toEqual(solution.score);
    expect(progress.at(-1)!.iterations).toBe(solution.stats.iterations);
  });

  it('hands out the best schedule any search has found, each better than the last, ending at the answer', async () => {
    const plant = generatePlant({ technicians: 8, jobs: 60, days: 7, seed: 8 });
    const worker = compiled.solveInWorker(plant, { iterationLimit: 400, seed: 7, threads: 3, snapshotEveryMs: 0 });
    const snapshots: NonNullable<SolveProgress['best']>[] = [];
    worker.progress((p) => p.best && snapshots.push(p.best));
    const solution = await worker.result;
    expect(snapshots.length).toBeGreaterThan(1);
    for (const [index, snapshot] of snapshots.entries()) {
      expect(analyze(plant, snapshot.assignments).score).toEqual(snapshot.score);
      if (index > 0) expect(compareScores(snapshot.score, snapshots[index - 1]!.score)).toBeGreaterThan(0);
    }
    expect(snapshots.at(-1)!.score).toEqual(solution.score);
  });

  it('stops every search on stop() and keeps the best schedule any of them found', async () => {
    const plant = generatePlant({ technicians: 30, jobs: 400, days: 14, seed: 2 });
    const worker = compiled.solveInWorker(plant, { timeLimitMs: 60_000, seed: 1, threads: 2 });
    const progress: SolveProgress[] = [];
    worker.progress((p) => {
      progress.push(p);
      if (progress.length === 3) worker.stop();
    });
    const solution = await worker.result;
    expect(solution.stats.elapsedMs).toBeLessThan(30_000);
    for (const p of progress) expect(compareScores(solution.score, p.bestScore)).toBeGreaterThanOrEqual(0);
    expect(analyze(plant, solution.assignments).score).toEqual(solution.score);
  });

  it('refuses a thread count that is not a whole number from 1 to MAX_THREADS', () => {
    const plant = generatePlant({ technicians: 2, jobs: 3, days: 2, seed: 1 });
    for (const threads of [0, 1.5, Number.NaN, MAX_THREADS + 1])
      expect(() => compiled.solveInWorker(plant, { iterationLimit: 1, threads }), String(threads)).toThrow(RangeError);
  });

  it('repairs with one search whatever threads asks for', async () => {
    const plant = generatePlant({ technicians: 6, jobs: 40, days: 7, seed: 3 });
    const published = solve(plant, { iterationLimit: 200, seed: 1 }).assignments;
    const change = { removeTechnicianIds: ['T002'] };
    const [one, asked] = await Promise.all([
      compiled.repairInWorker({ ...plant, published }, change, { iterationLimit: 150, seed: 2 }).result,
      compiled.repairInWorker({ ...plant, published }, change, { iterationLimit: 150, seed: 2, threads: 4 } as never).result,
    ]);
    expect(withoutStats(asked)).toEqual(withoutStats(one));
    expect(asked.stats.iterations).toBe(one.stats.iterations);
  });

  it('repairs in a worker too', async () => {
    const plant = generatePlant({ technicians: 6, jobs: 40, days: 7, seed: 3 });
    const published = solve(plant, { iterationLimit: 200, seed: 1 }).assignments;
    const solution = await compiled.repairInWorker({ ...plant, published }, { removeTechnicianIds: ['T001'] }, { iterationLimit: 200 })
      .result;
    expect(solution.assignments.some((a) => a.technicianIds.includes('T001'))).toBe(false);
    expect(solution.churn!.reassigned).toBeGreaterThanOrEqual(published.filter((a) => a.technicianIds.includes('T001')).length);
  });
});
