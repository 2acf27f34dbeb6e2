import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile';
import type { Problem } from './model';
import { placeAt } from './placement';
import { UNPLACED_REASON, explainUnassigned } from './reasons';
import { ScoreState } from './score';
import { at, job, plant, technician } from './testing/fixtures';

const monday = { start: at(0, 0), end: at(1, 0) };

/** The reasons of `jobId` with the other jobs placed as given (technician ids, start). */
function reasonsFor(problem: Problem, jobId: string, placed: Record<string, [string[], number]> = {}): string[] {
  const compiled = compileProblem(problem);
  const state = new ScoreState(compiled);
  for (const [id, [technicianIds, start]] of Object.entries(placed)) {
    const j = compiled.jobIndex.get(id)!;
    state.assign(
      j,
      placeAt(
        compiled,
        compiled.jobs[j]!,
        technicianIds.map((t) => compiled.techIndex.get(t)!),
        start,
      ),
    );
  }
  return explainUnassigned(compiled, state, compiled.jobIndex.get(jobId)!);
}

/**
 * Why a job is unassigned when technicians, equipment and conflict groups each leave room on
 * their own. Ana and Ben are mechanics working Monday 08:00–16:00; the horizon is that Monday.
 */
describe('reasons when every obstacle alone leaves room', () => {
  const ana = technician('ana', { mechanical: 3 });
  const ben = technician('ben', { mechanical: 1 });

  it('a job the search never got to, with Ana free all day: no slot found in time, not a conflict group', () => {
    // As a run cut short (a stop, a shutdown, the time limit) leaves the work it did not reach.
    const problem = plant({ horizon: monday, technicians: [ana], jobs: [job('seal', 120, { equipmentId: 'pump' })] });
    expect(reasonsFor(problem, 'seal')).toEqual([UNPLACED_REASON]);
  });

  it('the crane busy all day with Ana, Ben free: names the conflict group', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana, ben],
      jobs: [job('lift-a', 480, { conflictGroups: ['crane'] }), job('lift-b', 480, { conflictGroups: ['crane'] })],
    });
    expect(reasonsFor(problem, 'lift-b', { 'lift-a': [['ana'], at(0, 8)] })).toEqual([
      'a conflict group (crane) is busy whenever qualified technicians are free before the horizon ends',
    ]);
  });

  it('Ana free 08–12 while the pump is taken, the pump free 12–16 while Ana is busy: never free together', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana, ben],
      jobs: [
        job('rebuild', 240, { equipmentId: 'pump', requiredSkills: [{ skill: 'mechanical', minLevel: 3 }] }),
        job('inspect-pump', 240, { equipmentId: 'pump' }),
        job('lathe', 240, { equipmentId: 'lathe' }),
      ],
    });
    const placed = { 'inspect-pump': [['ben'], at(0, 8)], lathe: [['ana'], at(0, 12)] } satisfies Record<string, [string[], number]>;
    expect(reasonsFor(problem, 'rebuild', placed)).toEqual([
      'qualified technicians and equipment pump are never free at the same time before the horizon ends',
    ]);
  });
});
