import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { generatePlant } from './generate';
import type * as Optimizer from './index';
import type { Solution, SolveProgress } from './model';
import { compareScores } from './score';
import { solve } from './solver';
import { loadCompiledPackage } from './testing/compiled';
import { bestOf, searchSeed } from './worker';

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

  it('gives the first search its own seed and the others seeds far from it and from each other', () => {
    expect(searchSeed(7, 0)).toBe(7);
    const seeds = [1, 2, 3].flatMap((seed) => [0, 1, 2, 3].map((index) => searchSeed(seed, index)));
    expect(new Set(seeds).size).toBe(seeds.length);
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
    const plant = generatePlant({ technicians: 8, jobs: 60, days: 7, seed: 5 });
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
