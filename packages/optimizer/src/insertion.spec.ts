import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile';
import { bestPlacement, rankByRoom } from './insertion';
import { placeAt } from './placement';
import { createRandom } from './random';
import { ScoreState } from './score';
import { at, job, plant, technician } from './testing/fixtures';

describe('best placement in local search', () => {
  // Twelve equally free mechanics: the search samples eight per job, so the preferred one (the
  // cheapest choice) is sometimes left out; the technician an ejection cleared a slot on never is.
  const mechanics = Array.from({ length: 12 }, (_, i) => technician(`T${i + 1}`, { mechanical: 1 }));
  const problem = compileProblem(
    plant({
      technicians: mechanics,
      jobs: [job('WO-1', 60, { requiredSkills: [{ skill: 'mechanical', minLevel: 1 }], preferredTechnicianId: 'T12' })],
    }),
  );
  const preferred = problem.technicians.findIndex((t) => t.id === 'T12');
  const crewFor = (seed: number, cleared?: number[]): readonly number[] | undefined =>
    bestPlacement(problem, new ScoreState(problem), 0, createRandom(seed), Infinity, cleared)?.placement.techs;
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
  const misses = (cleared?: number[]): number[] => seeds.filter((seed) => crewFor(seed, cleared)?.[0] !== preferred);

  it('tries the technician a slot was cleared on besides its sample: the preferred one is then missed only on a blink', () => {
    const sampledOnly = misses();
    const withCleared = misses([preferred]);
    // Eight of twelve are sampled: a third of the seeds miss the preferred technician.
    expect(sampledOnly.length).toBeGreaterThanOrEqual(5);
    // A candidate is skipped at random 2 % of the time ("blinks"), the cleared one too.
    expect(withCleared.length).toBeLessThanOrEqual(2);
  });
});

describe('ranking technicians by their first room', () => {
  // Forty mechanics, each booked from Monday 08:00 for a different length (10 to 400 minutes), so
  // each has room for the new job at a different moment; two are booked all day Monday.
  const count = 40;
  const mechanics = Array.from({ length: count }, (_, i) => technician(`T${i + 1}`, { mechanical: 1 }));
  const skill = { requiredSkills: [{ skill: 'mechanical', minLevel: 1 }] };
  const booked = mechanics.map((_, i) => job(`B${i + 1}`, i === 5 || i === 17 ? 480 : ((i * 7) % count) * 10 + 10, skill));
  const problem = compileProblem(plant({ technicians: mechanics, jobs: [...booked, job('NEW', 60, skill)] }));
  const state = new ScoreState(problem);
  booked.forEach((_, i) => state.assign(i, placeAt(problem, problem.jobs[i]!, [i], at(0, 8))));
  const newJob = problem.jobs[count]!;
  const roomOf = (t: number) => state.roomFrom(t, at(0, 8), newJob.durationMs);

  it('puts the front in the order of a full ranking, and keeps every technician', () => {
    for (const offset of [0, 1, 17, 39]) {
      const full = rankByRoom(state, newJob, at(0, 8), offset, Infinity);
      for (const front of [1, 4, 9]) {
        const partial = rankByRoom(state, newJob, at(0, 8), offset, front);
        expect(partial.slice(0, front)).toEqual(full.slice(0, front));
        expect([...partial].sort((a, b) => a - b)).toEqual([...newJob.eligible].sort((a, b) => a - b));
      }
      // The full ranking is ordered by first room throughout.
      const rooms = full.map(roomOf);
      expect(rooms).toEqual([...rooms].sort((a, b) => a - b));
    }
  });

  it('starts from the technician at the offset among equals (ties keep the rotated order)', () => {
    // T6 and T18 (indexes 5 and 17) are both booked all Monday: they first have room at the same moment.
    const tied = [5, 17];
    expect(roomOf(5)).toBe(roomOf(17));
    const order = (offset: number) => rankByRoom(state, newJob, at(0, 8), offset, Infinity).filter((t) => tied.includes(t));
    expect(order(0)).toEqual([5, 17]);
    expect(order(10)).toEqual([17, 5]);
  });
});
