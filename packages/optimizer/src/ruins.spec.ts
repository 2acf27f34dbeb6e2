import { describe, expect, it } from 'vitest';
import { type CompiledProblem, compileProblem } from './compile';
import { bestPlacement } from './insertion';
import { placeAt } from './placement';
import { createRuins } from './ruins';
import { ScoreState } from './score';
import { at, job, lowestRandom, plant, shifts, technician } from './testing/fixtures';

const lowest = lowestRandom;

/** The ruins of a full solve, drawing the lowest numbers, where every job may be placed. */
function fullSolveRuins(problem: CompiledProblem, state: ScoreState) {
  return createRuins({
    problem,
    state,
    random: lowest,
    focus: 'everywhere',
    maxRuin: 10,
    placeable: () => true,
    unassign: (j, out) => {
      state.assign(j, null);
      out.add(j);
    },
    before: () => undefined,
    disturbedAssigned: () => [],
  });
}

describe('the shift ruin', () => {
  it('moves a run of jobs on a technician half an hour of working time earlier, over the night, and takes out the job in the way', () => {
    // Ana works 08–16. The run: a two-hour job Tuesday 08:00–10:00, then a four-hour one 10:00–14:00,
    // both on the press; an hour's job of hers sits Monday 15:00–16:00.
    const compiled = compileProblem(
      plant({
        technicians: [technician('ana', { mechanical: 2 })],
        jobs: [job('first', 120, { equipmentId: 'press' }), job('second', 240, { equipmentId: 'press' }), job('inTheWay', 60)],
      }),
    );
    const state = new ScoreState(compiled);
    const book = (j: number, start: number): void => state.assign(j, placeAt(compiled, compiled.jobs[j]!, [0], start));
    book(0, at(1, 8));
    book(1, at(1, 10));
    book(2, at(0, 15));
    const removed = new Set<number>();
    const ruins = fullSolveRuins(compiled, state);

    expect(ruins.shift(removed, 2)).toBeNull();
    expect(state.placements[0]?.segments).toEqual([
      { start: at(0, 15, 30), end: at(0, 16) },
      { start: at(1, 8), end: at(1, 9, 30) },
    ]);
    expect(state.placements[1]).toMatchObject({ start: at(1, 9, 30), end: at(1, 13, 30) });
    expect(state.placements[2]).toBeNull();
    expect([...removed].sort((a, b) => a - b)).toEqual([0, 1, 2]);
  });
});

describe('the ejection of a predecessor', () => {
  it("moves it to end by the latest start its successor's windows allow, not the deadline less the duration", () => {
    // Ana works Monday to Friday 08–16. The pump may be down Monday 08–12 and Thursday 08–16. The
    // overhaul (8 h of downtime work, due Friday 00:00) waits for the inspection (2 h, best ending
    // Thursday 11:00), booked Thursday 09–11: after it, only 5 h of window are left. Its latest
    // start is Thursday 08:00, where the deadline less its duration says Thursday 16:00.
    const compiled = compileProblem(
      plant({
        technicians: [technician('ana', { mechanical: 2 })],
        jobs: [
          job('inspection', 120, { targetAt: at(3, 11), penalizeEarliness: true }),
          job('overhaul', 480, { equipmentId: 'pump', requiresDowntime: true, deadlineAt: at(4, 0), predecessorIds: ['inspection'] }),
        ],
        equipmentWindows: { pump: [...shifts([0], 8, 12), ...shifts([3], 8, 16)] },
      }),
    );
    const state = new ScoreState(compiled);
    state.assign(0, placeAt(compiled, compiled.jobs[0]!, [0], at(3, 9)));
    const removed = new Set<number>();
    const ruins = fullSolveRuins(compiled, state);

    expect(ruins.ejection(removed, 2)).toEqual({ job: 1 });
    // As close to its target as it can be while leaving the overhaul room: Wednesday 14–16.
    expect(state.placements[0]).toMatchObject({ start: at(2, 14), end: at(2, 16) });
    expect(bestPlacement(compiled, state, 1)?.placement).toMatchObject({ start: at(3, 8), end: at(3, 16) });
  });
  it('for a crew, the latest start of the crew-size-th latest technician: two of four, Thursday 08:00', () => {
    // Ana works Monday to Friday, Ben to Thursday, Cy to Wednesday, Dee to Tuesday, 08–16. The
    // overhaul needs two of them for 8 h by Saturday: Ana alone could start Friday 08:00, but no
    // pair can start after Thursday 08:00 (Ana and Ben). The inspection it waits for, best
    // ending Thursday 11:00, is booked Thursday 09–11.
    const days = (last: number): number[] => Array.from({ length: last + 1 }, (_, day) => day);
    const compiled = compileProblem(
      plant({
        technicians: ['ana', 'ben', 'cy', 'dee'].map((id, i) =>
          technician(id, { mechanical: 2 }, { availability: shifts(days(4 - i), 8, 16) }),
        ),
        jobs: [
          job('inspection', 120, { targetAt: at(3, 11), penalizeEarliness: true }),
          job('overhaul', 480, { crewSize: 2, deadlineAt: at(5, 0), predecessorIds: ['inspection'] }),
        ],
      }),
    );
    const state = new ScoreState(compiled);
    state.assign(0, placeAt(compiled, compiled.jobs[0]!, [0], at(3, 9)));

    expect(fullSolveRuins(compiled, state).ejection(new Set<number>(), 2)).toEqual({ job: 1 });
    // As close to its target as it can be while ending by Thursday 08:00: Wednesday 14–16.
    expect(state.placements[0]).toMatchObject({ start: at(2, 14), end: at(2, 16) });
    expect(bestPlacement(compiled, state, 1)?.placement).toMatchObject({ techs: [0, 1], start: at(3, 8), end: at(3, 16) });
  });
});
