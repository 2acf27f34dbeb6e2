import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import type { Problem, Solution } from './model';
import { solve } from './solver';
import { at, job, nonZero, plant, technician } from './testing/fixtures';

/**
 * Equipment held by work outside the problem (booked work a solve does not plan): no job on it
 * may work then. Ana works Monday 08:00–16:00; the horizon is that Monday. Each expected score is
 * worked out by hand.
 */
const run = (problem: Problem): Solution => solve(problem, { iterationLimit: 300, seed: 1 });
const monday = { start: at(0, 0), end: at(1, 0) };
const ana = technician('ana', { mechanical: 3 });
/** The pump's intervals on Monday, from and to the given hours. */
const onPump = (...hours: [number, number][]) => ({ pump: hours.map(([from, to]) => ({ start: at(0, from), end: at(0, to) })) });

describe('equipment held by work outside the problem', () => {
  it('a two-hour seal due at 12:00 with the pump held 09:00–11:00 pauses around it: 08–09 and 11–12, on time', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('seal', 120, { equipmentId: 'pump', targetAt: at(0, 12) })],
      equipmentBusy: onPump([9, 11]),
    });
    const solution = run(problem);
    expect(solution.assignments).toEqual([
      {
        jobId: 'seal',
        technicianIds: ['ana'],
        start: at(0, 8),
        end: at(0, 12),
        segments: [
          { start: at(0, 8), end: at(0, 9) },
          { start: at(0, 11), end: at(0, 12) },
        ],
      },
    ]);
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: 0 });
  });

  it('the same seal on another machine ignores the pump being held: 08:00–10:00', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('seal', 120, { equipmentId: 'fan', targetAt: at(0, 12) })],
      equipmentBusy: onPump([8, 16]),
    });
    expect(run(problem).assignments.map((a) => [a.start, a.end])).toEqual([[at(0, 8), at(0, 10)]]);
  });

  it('downtime work goes into what is left of the windows: windows 08–12 and 14–16, held 08–10, three hours run 10–12 and 14–15', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('overhaul', 180, { equipmentId: 'pump', requiresDowntime: true })],
      equipmentWindows: onPump([8, 12], [14, 16]),
      equipmentBusy: onPump([8, 10]),
    });
    const solution = run(problem);
    expect(solution.assignments[0]?.segments).toEqual([
      { start: at(0, 10), end: at(0, 12) },
      { start: at(0, 14), end: at(0, 15) },
    ]);
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: 0 });
  });

  it('a planner booking the seal at 09:30 (inside the held time) costs the 90 minutes it overlaps, charged to the seal', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('seal', 120, { equipmentId: 'pump' })],
      equipmentBusy: onPump([9, 11]),
    });
    // Started inside time the equipment is held, the work is one block from its start: 09:30–11:30.
    const { score, analysis } = analyze(problem, [{ jobId: 'seal', technicianIds: ['ana'], start: at(0, 9, 30), end: at(0, 11, 30) }]);
    expect(score).toEqual({ hard: -90, medium: 0, soft: 0 });
    expect(nonZero(analysis)).toEqual({ equipmentOverlap: 90 });
    expect(analysis.find((c) => c.constraint === 'equipmentOverlap')?.jobs).toEqual([{ jobId: 'seal', penalty: 90 }]);
  });

  it('the pump held all of Ana’s shift: the seal stays out, and the reason names the pump', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('seal', 120, { equipmentId: 'pump', priorityWeight: 3 })],
      equipmentBusy: onPump([7, 17]),
    });
    const solution = run(problem);
    expect(solution.assignments).toEqual([]);
    expect(solution.score).toEqual({ hard: 0, medium: -3, soft: 0 });
    expect(solution.unassigned).toEqual([
      {
        jobId: 'seal',
        reasons: [
          'equipment pump is held by booked work outside this plan whenever qualified technicians are free before the horizon ends',
        ],
      },
    ]);
  });
});
