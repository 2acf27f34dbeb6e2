import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { generatePlant } from './generate';
import type { Score, SolveProgress } from './model';
import { compareScores } from './score';
import { solve } from './solver';

/** Determinism for a seed, anytime behaviour (progress, best-so-far), stopping and time limits. */
const plant = generatePlant({ technicians: 6, jobs: 40, days: 7, seed: 3 });

describe('solver runs', () => {
  it('gives the identical solution for the same seed and iteration limit', () => {
    const first = solve(plant, { iterationLimit: 400, seed: 7 });
    const second = solve(plant, { iterationLimit: 400, seed: 7 });
    const { stats: firstStats, ...firstSolution } = first;
    const { stats: secondStats, ...secondSolution } = second;
    expect(secondSolution).toEqual(firstSolution);
    expect(secondStats.iterations).toBe(firstStats.iterations);
    expect(firstStats.iterations).toBe(400);
  });

  it('improves on the construction and reports progress with a rising best score', () => {
    const progress: SolveProgress[] = [];
    const construction = solve(plant, { iterationLimit: 0 });
    const solution = solve(plant, { iterationLimit: 2000, seed: 2, onProgress: (p) => progress.push(p) });
    expect(compareScores(solution.score, construction.score)).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.elapsedMs).toBeGreaterThanOrEqual(progress[i - 1]!.elapsedMs);
      expect(compareScores(progress[i]!.bestScore, progress[i - 1]!.bestScore)).toBeGreaterThanOrEqual(0);
    }
    expect(progress.at(-1)!.bestScore).toEqual(solution.score);
    const history = solution.stats.bestScoreHistory;
    expect(history[0]!.score).toEqual(construction.score);
    expect(history.at(-1)!.score).toEqual(solution.score);
  });

  it('hands out the best schedule so far when asked: each scores as it says, none worse than the one before, the last is the answer', () => {
    const snapshots: NonNullable<SolveProgress['best']>[] = [];
    const plain: SolveProgress[] = [];
    const progress: SolveProgress[] = [];
    const solution = solve(plant, {
      iterationLimit: 2000,
      seed: 2,
      snapshotEveryMs: 0,
      onProgress: (p) => {
        progress.push(p);
        if (p.best) snapshots.push(p.best);
      },
    });
    // Every progress, those the snapshots send included, counts from the solve's start.
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.elapsedMs).toBeGreaterThanOrEqual(progress[i - 1]!.elapsedMs);
    expect(progress.at(-1)!.elapsedMs).toBeLessThanOrEqual(solution.stats.elapsedMs);
    solve(plant, { iterationLimit: 2000, seed: 2, onProgress: (p) => plain.push(p) });
    expect(snapshots.length).toBeGreaterThan(1);
    for (const [index, snapshot] of snapshots.entries()) {
      expect(analyze(plant, snapshot.assignments).score).toEqual(snapshot.score);
      if (index > 0) expect(compareScores(snapshot.score, snapshots[index - 1]!.score)).toBeGreaterThan(0);
    }
    expect(snapshots.at(-1)).toEqual({ score: solution.score, assignments: solution.assignments });
    // Not asked, none is made; asked, the search is the same.
    expect(plain.some((p) => p.best)).toBe(false);
    expect(solve(plant, { iterationLimit: 2000, seed: 2 }).assignments).toEqual(solution.assignments);
  });

  it('hands out a snapshot at most every snapshotEveryMs: a long interval leaves only the construction', () => {
    const snapshots: NonNullable<SolveProgress['best']>[] = [];
    const construction = solve(plant, { iterationLimit: 0 });
    solve(plant, { iterationLimit: 2000, seed: 2, snapshotEveryMs: 1e9, onProgress: (p) => p.best && snapshots.push(p.best) });
    expect(snapshots).toEqual([{ score: construction.score, assignments: construction.assignments }]);
    expect(() => solve(plant, { iterationLimit: 1, snapshotEveryMs: -1 })).toThrow('snapshotEveryMs must be a non-negative number');
  });

  it('stopped through its AbortSignal, returns the best schedule found so far', () => {
    const controller = new AbortController();
    const seen: Score[] = [];
    const solution = solve(plant, {
      timeLimitMs: 60_000,
      seed: 5,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.bestScore);
        if (p.iterations >= 50) controller.abort();
      },
    });
    expect(solution.stats.elapsedMs).toBeLessThan(30_000);
    for (const score of seen) expect(compareScores(solution.score, score)).toBeGreaterThanOrEqual(0);
    expect(analyze(plant, solution.assignments).score).toEqual(solution.score);
  });

  it('already aborted, answers at once with what it has: the pinned work', () => {
    const pinned = generatePlant({ technicians: 6, jobs: 60, days: 7, seed: 1 });
    const controller = new AbortController();
    controller.abort();
    const solution = solve(pinned, { signal: controller.signal });
    expect(solution.stats.iterations).toBe(0);
    expect(solution.assignments.map((a) => a.jobId)).toEqual(pinned.jobs.filter((j) => j.pinned).map((j) => j.id));
    expect(solution.assignments.length).toBeGreaterThan(0);
    expect(analyze(pinned, solution.assignments).score).toEqual(solution.score);
  });

  it('stops at its time limit', () => {
    const solution = solve(plant, { timeLimitMs: 200, seed: 1 });
    expect(solution.stats.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(solution.stats.elapsedMs).toBeLessThan(2_000);
    expect(solution.score.hard).toBe(0);
  });
});
