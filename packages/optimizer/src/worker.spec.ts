import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { generatePlant } from './generate';
import type * as Optimizer from './index';
import type { Solution, SolveProgress } from './model';
import { compareScores } from './score';
import { solve } from './solver';
import { loadCompiledPackage } from './testing/compiled';

/** The solver in a worker thread: same answers, progress as messages, stoppable. */
const { compiled, remove } = loadCompiledPackage<typeof Optimizer>();
afterAll(remove);
const withoutStats = ({ stats: _stats, ...rest }: Solution) => rest;

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

  it('repairs in a worker too', async () => {
    const plant = generatePlant({ technicians: 6, jobs: 40, days: 7, seed: 3 });
    const published = solve(plant, { iterationLimit: 200, seed: 1 }).assignments;
    const solution = await compiled.repairInWorker({ ...plant, published }, { removeTechnicianIds: ['T001'] }, { iterationLimit: 200 })
      .result;
    expect(solution.assignments.some((a) => a.technicianIds.includes('T001'))).toBe(false);
    expect(solution.churn!.reassigned).toBeGreaterThanOrEqual(published.filter((a) => a.technicianIds.includes('T001')).length);
  });
});
