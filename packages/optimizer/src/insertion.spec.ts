import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile';
import { bestPlacement } from './insertion';
import { createRandom } from './random';
import { ScoreState } from './score';
import { job, plant, technician } from './testing/fixtures';

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
