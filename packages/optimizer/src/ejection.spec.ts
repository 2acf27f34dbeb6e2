import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile';
import { cheapestRoom, type Room } from './ejection';
import type { Job } from './model';
import { placeAt } from './placement';
import { ScoreState } from './score';
import { at, job, lowestRandom, plant, technician } from './testing/fixtures';

const lowest = lowestRandom;

/**
 * Ana works Monday to Friday 08–16. Monday is booked: an inspection 08–10 and a lubrication
 * 10–12 (priority 2 each), a pump overhaul 12–16 (priority 5). A four-hour job must go in on
 * Monday: from 08:00 it would displace the inspection and the lubrication (4.002), from 10:00
 * the lubrication and the overhaul (7.002), from 12:00 the overhaul alone (5.001).
 */
function anasMonday(extra: Partial<Job> = {}): Room | null {
  const compiled = compileProblem(
    plant({
      technicians: [technician('ana', { mechanical: 2 })],
      jobs: [
        job('inspection', 120, { priorityWeight: 2, ...extra }),
        job('lubrication', 120, { priorityWeight: 2 }),
        job('overhaul', 240, { priorityWeight: 5 }),
        job('urgent', 240, { priorityWeight: 10 }),
      ],
    }),
  );
  const state = new ScoreState(compiled);
  [at(0, 8), at(0, 10), at(0, 12)].forEach((start, j) => state.assign(j, placeAt(compiled, compiled.jobs[j]!, [0], start)));
  return cheapestRoom(compiled, state, compiled.jobs[3]!, { lower: at(0, 0), endBound: at(0, 16) }, lowest);
}

describe('the cheapest room for a job that does not fit', () => {
  it('clears the two priority-2 jobs of Monday morning (4.002) rather than the overhaul (5.001)', () => {
    expect(anasMonday()).toEqual({ jobs: [0, 1], crew: [0] });
  });

  it('clears the overhaul when the inspection is pinned: no slot over pinned work is priced', () => {
    expect(anasMonday({ pinned: { technicianIds: ['ana'], start: at(0, 8) } })).toEqual({ jobs: [2], crew: [0] });
  });

  it('finds none for a job longer than the working day between its bounds', () => {
    const compiled = compileProblem(plant({ technicians: [technician('ana', { mechanical: 2 })], jobs: [job('long', 600)] }));
    const bounds = { lower: at(0, 0), endBound: at(0, 16) };
    expect(cheapestRoom(compiled, new ScoreState(compiled), compiled.jobs[0]!, bounds, lowest)).toBeNull();
  });
});
