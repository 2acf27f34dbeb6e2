import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { compileProblem } from './compile';
import { OptimizerInputError } from './errors';
import type { Assignment, Interval, Problem, Solution } from './model';
import { solve } from './solver';
import { at, job, nonZero, plant, technician } from './testing/fixtures';

/**
 * Conflict groups held by work outside the problem (booked work a solve does not plan: a
 * hot-work permit in use, a crane lifting elsewhere): no job in the group may work then. Ana and
 * Bo work Monday 08:00–16:00; the horizon is that Monday. Each expected score is worked out by
 * hand.
 */
const run = (problem: Problem): Solution => solve(problem, { iterationLimit: 300, seed: 1 });
const byJob = (solution: Solution): Assignment[] => [...solution.assignments].sort((a, b) => (a.jobId < b.jobId ? -1 : 1));
const monday = { start: at(0, 0), end: at(1, 0) };
const ana = technician('ana', { welding: 3 });
const bo = technician('bo', { welding: 3 });
/** Monday's intervals, from and to the given hours (fractions for half hours). */
const hours = (...spans: [number, number][]): Interval[] =>
  spans.map(([from, to]) => ({ start: at(0, 0) + from * 3_600_000, end: at(0, 0) + to * 3_600_000 }));

describe('conflict groups held by work outside the problem', () => {
  it('a two-hour weld due at 12:00 with its permit held 09:00–11:00 pauses around it: 08–09 and 11–12, on time', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      // No equipment: the permit alone limits when the weld can go on.
      jobs: [job('weld', 120, { conflictGroups: ['permit-7'], targetAt: at(0, 12) })],
      groupBusy: { 'permit-7': hours([9, 11]) },
    });
    const solution = run(problem);
    expect(solution.assignments).toEqual([
      {
        jobId: 'weld',
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

  it('work not in the held group ignores it, and a held group no job has is harmless: both jobs run 08:00–10:00', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana, bo],
      jobs: [
        job('weld', 120, { conflictGroups: ['permit-8'], targetAt: at(0, 12) }),
        job('grind', 120, { equipmentId: 'pump', preferredTechnicianId: 'bo', targetAt: at(0, 12) }),
      ],
      groupBusy: { 'permit-7': hours([8, 16]), ghost: hours([8, 16]) },
    });
    const solution = run(problem);
    expect(byJob(solution).map((a) => [a.jobId, a.technicianIds, a.start, a.end])).toEqual([
      ['grind', ['bo'], at(0, 8), at(0, 10)],
      ['weld', ['ana'], at(0, 8), at(0, 10)],
    ]);
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: 0 });
  });

  it('downtime work goes into what neither its equipment nor its group holds: windows 08–12 and 14–16, pump held 08–09, permit 09–10, three hours run 10–12 and 14–15', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('overhaul', 180, { equipmentId: 'pump', requiresDowntime: true, conflictGroups: ['permit-7'] })],
      equipmentWindows: { pump: hours([8, 12], [14, 16]) },
      equipmentBusy: { pump: hours([8, 9]) },
      groupBusy: { 'permit-7': hours([9, 10]) },
    });
    const solution = run(problem);
    expect(solution.assignments[0]?.segments).toEqual([
      { start: at(0, 10), end: at(0, 12) },
      { start: at(0, 14), end: at(0, 15) },
    ]);
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: 0 });
  });

  it('a job in two held groups avoids both: crane held 08–09, permit 09:30–10, one hour runs 09–09:30 and 10–10:30', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('lift', 60, { conflictGroups: ['crane', 'permit-7'], targetAt: at(0, 10, 30) })],
      groupBusy: { crane: hours([8, 9]), 'permit-7': hours([9.5, 10]) },
    });
    const solution = run(problem);
    expect(solution.assignments[0]?.segments).toEqual([
      { start: at(0, 9), end: at(0, 9, 30) },
      { start: at(0, 10), end: at(0, 10, 30) },
    ]);
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: 0 });
  });

  it('a planner booking the weld at 09:30 (inside the held time) costs the 90 minutes it overlaps, charged to the weld', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('weld', 120, { conflictGroups: ['permit-7'] })],
      groupBusy: { 'permit-7': hours([9, 11]) },
    });
    // Started inside time the group is held, the work is one block from its start: 09:30–11:30.
    const { score, analysis } = analyze(problem, [{ jobId: 'weld', technicianIds: ['ana'], start: at(0, 9, 30), end: at(0, 11, 30) }]);
    expect(score).toEqual({ hard: -90, medium: 0, soft: 0 });
    expect(nonZero(analysis)).toEqual({ conflictGroup: 90 });
    expect(analysis.find((c) => c.constraint === 'conflictGroup')?.jobs).toEqual([{ jobId: 'weld', penalty: 90 }]);
  });

  it('a minute two of its groups are held counts once: held 09–10 and 09:30–11, booked at 09:00, the two hours cost 120', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('lift', 120, { conflictGroups: ['crane', 'permit-7'] })],
      groupBusy: { crane: hours([9, 10]), 'permit-7': hours([9.5, 11]) },
    });
    // 09:00–11:00 in one block; 09:00–11:00 is held by one group or the other: 120 minutes, not 60 + 90.
    const { score, analysis } = analyze(problem, [{ jobId: 'lift', technicianIds: ['ana'], start: at(0, 9), end: 0 }]);
    expect(score).toEqual({ hard: -120, medium: 0, soft: 0 });
    expect(analysis.find((c) => c.constraint === 'conflictGroup')?.jobs).toEqual([{ jobId: 'lift', penalty: 120 }]);
  });

  it('held time and a partner in the group add up: weld 09:30–11:30 and grind 10–11 under a permit held 09–11 cost 90 + 60 + 60, split 120 and 90', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana, bo],
      jobs: [job('weld', 120, { conflictGroups: ['permit-7'] }), job('grind', 60, { conflictGroups: ['permit-7'] })],
      groupBusy: { 'permit-7': hours([9, 11]) },
    });
    // weld: 90 minutes held, half of the 60 it shares with grind; grind: 60 held, the other half.
    const { score, analysis } = analyze(problem, [
      { jobId: 'weld', technicianIds: ['ana'], start: at(0, 9, 30), end: 0 },
      { jobId: 'grind', technicianIds: ['bo'], start: at(0, 10), end: 0 },
    ]);
    // Balance, as the loads are 120 and 60 minutes: 30 + 8 − 34.
    expect(score).toEqual({ hard: -210, medium: 0, soft: -4 });
    expect(nonZero(analysis)).toEqual({ conflictGroup: 210, balance: 4 });
    expect(analysis.find((c) => c.constraint === 'conflictGroup')?.jobs).toEqual([
      { jobId: 'weld', penalty: 120 },
      { jobId: 'grind', penalty: 90 },
    ]);
  });

  it('a pin inside the held time is kept and costs its minutes there; the rest of the group works around both', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana, bo],
      jobs: [
        job('weld', 120, { conflictGroups: ['permit-7'], pinned: { technicianIds: ['ana'], start: at(0, 10) } }),
        job('grind', 60, { conflictGroups: ['permit-7'], preferredTechnicianId: 'bo', targetAt: at(0, 9) }),
      ],
      groupBusy: { 'permit-7': hours([9, 11]) },
    });
    const solution = run(problem);
    // The pinned weld is one block 10:00–12:00, 60 minutes of it held; the grind goes before both.
    expect(byJob(solution).map((a) => [a.jobId, a.technicianIds, a.start, a.end])).toEqual([
      ['grind', ['bo'], at(0, 8), at(0, 9)],
      ['weld', ['ana'], at(0, 10), at(0, 12)],
    ]);
    // Balance: loads of 120 and 60 minutes on 480 each, round(120²/480) + round(60²/480) − round(180²/960) = 30 + 8 − 34.
    expect(solution.score).toEqual({ hard: -60, medium: 0, soft: -4 });
    expect(solution.analysis.find((c) => c.constraint === 'conflictGroup')?.jobs).toEqual([{ jobId: 'weld', penalty: 60 }]);
  });

  it('the permit held all of Ana’s shift: the weld stays out, and the reason names the group', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('weld', 120, { conflictGroups: ['lockout-A', 'permit-7'], priorityWeight: 3 })],
      groupBusy: { 'permit-7': hours([7, 17]) },
    });
    const solution = run(problem);
    expect(solution.assignments).toEqual([]);
    expect(solution.score).toEqual({ hard: 0, medium: -3, soft: 0 });
    expect(solution.unassigned).toEqual([
      {
        jobId: 'weld',
        reasons: [
          'conflict group (permit-7) is held by booked work outside this plan whenever qualified technicians are free before the horizon ends',
        ],
      },
    ]);
  });

  it('the pump held all morning and the permit all afternoon: the reason names both', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('weld', 120, { equipmentId: 'pump', conflictGroups: ['permit-7'] })],
      equipmentBusy: { pump: hours([8, 12]) },
      groupBusy: { 'permit-7': hours([12, 16]) },
    });
    expect(run(problem).unassigned).toEqual([
      {
        jobId: 'weld',
        reasons: [
          'equipment pump and conflict group (permit-7) are held by booked work outside this plan whenever qualified technicians are free before the horizon ends',
        ],
      },
    ]);
  });

  it('the pump held all day and the permit for an hour: the reason names the pump alone', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('weld', 120, { equipmentId: 'pump', conflictGroups: ['permit-7'] })],
      equipmentBusy: { pump: hours([7, 17]) },
      groupBusy: { 'permit-7': hours([9, 10]) },
    });
    expect(run(problem).unassigned[0]?.reasons).toEqual([
      'equipment pump is held by booked work outside this plan whenever qualified technicians are free before the horizon ends',
    ]);
  });

  it('an interval ending before it starts is refused, naming the group', () => {
    const problem = plant({
      horizon: monday,
      technicians: [ana],
      jobs: [job('weld', 120, { conflictGroups: ['permit-7'] })],
      groupBusy: { 'permit-7': [{ start: at(0, 11), end: at(0, 9) }] },
    });
    expect(() => solve(problem, { iterationLimit: 0 })).toThrow(OptimizerInputError);
    expect(() => analyze(problem, [])).toThrow(/conflict group permit-7/);
    expect(() => solve({ ...problem, groupBusy: { 'permit-7': [{ start: Number.NaN, end: at(0, 9) }] } })).toThrow(
      expect.objectContaining({ code: 'invalid_interval' }),
    );
  });

  it('jobs with the same equipment, kind of work and held groups share one calendar; the rest keep their own or none', () => {
    const compiled = compileProblem(
      plant({
        horizon: monday,
        technicians: [ana],
        jobs: [
          job('a', 60, { conflictGroups: ['permit-7'] }),
          job('b', 60, { conflictGroups: ['permit-7', 'lockout-A'] }),
          job('c', 60, { equipmentId: 'pump', conflictGroups: ['permit-7'] }),
          job('d', 60, { conflictGroups: ['lockout-A'] }),
          job('e', 60, { conflictGroups: ['crane', 'permit-7'] }),
          job('f', 60, { conflictGroups: ['permit-7', 'crane'] }),
        ],
        groupBusy: { 'permit-7': hours([9, 11]), crane: hours([10, 12]), 'lockout-A': [] },
      }),
    );
    const [a, b, c, d, e, f] = compiled.jobs;
    // lockout-A holds nothing: b's calendar is a's.
    expect(b?.windowsKey).toBe(a?.windowsKey);
    expect(b?.windows).toBe(a?.windows);
    expect(a?.windows).toEqual([
      { start: -8.64e15, end: at(0, 9) },
      { start: at(0, 11), end: 8.64e15 },
    ]);
    expect(c?.windowsKey).not.toBe(a?.windowsKey);
    expect(d?.windows).toBeNull();
    expect(d?.windowsKey).toBe(-1);
    expect(d?.groupBusy).toEqual([]);
    expect(e?.windowsKey).toBe(f?.windowsKey);
    expect(e?.groupBusy).toEqual(hours([9, 12]));
    expect(new Set(compiled.jobs.map((j) => j.windowsKey))).toEqual(new Set([a?.windowsKey, c?.windowsKey, -1, e?.windowsKey]));
    expect(compiled.windowsCount).toBe(3);
  });
});
