import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledProblem, compileProblem } from './compile';
import { bestPlacement, turnOrder } from './insertion';
import { createRandom } from './random';
import { ScoreState } from './score';
import { placeAt } from './placement';
import { at, job, plant, shifts, technician } from './testing/fixtures';

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

describe('best placement of downtime work in local search', () => {
  it('samples the technicians with room inside the windows first: one booked between them is not passed over', () => {
    // The pump may be down Monday 08–12 and Wednesday 08–16: ten hours of downtime work fit only
    // in both. Eleven of twelve mechanics are booked Monday 08–12, so it fits none of them. T12
    // is booked all Tuesday, between the windows: by room on the whole shift (from Tuesday 16:00)
    // T12 ranks last of all; by room inside the windows (from Monday 08:00), first.
    const mechanics = Array.from({ length: 12 }, (_, i) => technician(`T${i + 1}`, { mechanical: 1 }));
    const problem = compileProblem(
      plant({
        technicians: mechanics,
        jobs: [
          ...mechanics.map((_, i) => job(`booked-${i + 1}`, i < 11 ? 240 : 480)),
          job('overhaul', 600, { equipmentId: 'pump', requiresDowntime: true }),
        ],
        equipmentWindows: { pump: [...shifts([0], 8, 12), ...shifts([2], 8, 16)] },
      }),
    );
    const state = new ScoreState(problem);
    mechanics.forEach((_, i) => state.assign(i, placeAt(problem, problem.jobs[i]!, [i], i < 11 ? at(0, 8) : at(1, 8))));
    const placedOn = (seed: number) => bestPlacement(problem, state, 12, createRandom(seed))?.placement;
    const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
    // Eight of twelve are sampled, four of them the front runners: only a blink (2 %) can miss T12.
    const misses = seeds.filter((seed) => placedOn(seed)?.start !== at(0, 8));
    expect(misses.length).toBeLessThanOrEqual(2);
    expect(placedOn(seeds.find((seed) => !misses.includes(seed))!)).toMatchObject({ techs: [11], start: at(0, 8), end: at(2, 14) });
  });
});

describe('turn order of an insertion', () => {
  /** The passes the order stands for, made one by one: the reference it must equal. */
  function passes(predecessors: readonly number[][], booked: ReadonlySet<number>, jobs: readonly number[]): number[] {
    const order: number[] = [];
    const pending = new Set(jobs);
    let queue = [...jobs];
    while (queue.length > 0) {
      const deferred: number[] = [];
      for (const j of queue) {
        if ((predecessors[j] ?? []).some((p) => pending.has(p) && !booked.has(p))) deferred.push(j);
        else {
          pending.delete(j);
          order.push(j);
        }
      }
      if (deferred.length === queue.length) deferred.forEach((j) => pending.delete(j));
      queue = deferred;
    }
    return order;
  }

  it('is the order of passes that defer work waiting for listed, unbooked predecessors (chains, cycles, booked ones)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }).chain((n) =>
          fc.record({
            predecessors: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
            booked: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 })),
            listed: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i)),
          }),
        ),
        ({ predecessors, booked, listed }) => {
          const problem = { jobs: predecessors.map((p) => ({ predecessors: p })) } as unknown as CompiledProblem;
          const state = { placements: predecessors.map((_, j) => (booked.includes(j) ? {} : null)) } as unknown as ScoreState;
          expect(turnOrder(problem, state, listed)).toEqual(passes(predecessors, new Set(booked), listed));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
