import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { compileProblem } from './compile';
import { OptimizerInputError } from './errors';
import type { Problem, Solution } from './model';
import { placeAt } from './placement';
import { QUICK_REASON } from './reasons';
import { ScoreState } from './score';
import { unassignedWithReasons } from './solution';
import { solve } from './solver';
import { at, job, plant, shifts, technician } from './testing/fixtures';

/** Named scenarios the solver must get exactly right; each expected score is worked out by hand. */
const run = (problem: Problem): Solution => solve(problem, { iterationLimit: 300, seed: 1 });
const placed = (solution: Solution, jobId: string) => solution.assignments.find((a) => a.jobId === jobId);
const monday = { start: at(0, 0), end: at(1, 0) };

describe('solver scenarios', () => {
  it('a 12-hour overhaul released Friday 10:00 continues after the weekend, ending Monday 14:00', () => {
    const ana = technician('ana', { mechanical: 3 }, { availability: shifts([4, 7], 8, 16) });
    const problem = plant({
      horizon: { start: at(4, 0), end: at(8, 0) },
      technicians: [ana],
      jobs: [job('overhaul', 720, { releaseAt: at(4, 10), targetAt: at(7, 12), priorityWeight: 2 })],
    });
    const solution = run(problem);
    expect(placed(solution, 'overhaul')).toEqual({
      jobId: 'overhaul',
      technicianIds: ['ana'],
      start: at(4, 10),
      end: at(7, 14),
      segments: [
        { start: at(4, 10), end: at(4, 16) },
        { start: at(7, 8), end: at(7, 14) },
      ],
    });
    // Two hours past the Monday 12:00 target × priority 2.
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: -240 });
  });

  it('a crew of two electricians ≥ 2 waits for the only pair sharing time: Ben and Cleo, 12:00–15:00', () => {
    const problem = plant({
      horizon: monday,
      technicians: [
        technician('ana', { electrical: 1 }, { availability: shifts([0], 8, 16) }),
        technician('ben', { electrical: 3 }, { availability: shifts([0], 8, 16) }),
        technician('cleo', { electrical: 2 }, { availability: shifts([0], 12, 20) }),
      ],
      jobs: [job('switchgear', 180, { crewSize: 2, requiredSkills: [{ skill: 'electrical', minLevel: 2 }], targetAt: at(0, 14) })],
    });
    const solution = run(problem);
    expect(placed(solution, 'switchgear')).toMatchObject({ technicianIds: ['ben', 'cleo'], start: at(0, 12), end: at(0, 15) });
    // Lateness 60; balance: 180²/480 rounds to 68 for each of Ben and Cleo, minus 360²/1440 = 90 → 46.
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: -106 });
  });

  it('an urgent job waits for its lower-priority predecessor on the same technician', () => {
    const problem = plant({
      technicians: [technician('ana', { mechanical: 3 })],
      jobs: [job('isolate', 240), job('replace', 120, { predecessorIds: ['isolate'], priorityWeight: 10, targetAt: at(0, 10) })],
    });
    const solution = run(problem);
    expect(placed(solution, 'isolate')).toMatchObject({ start: at(0, 8), end: at(0, 12) });
    expect(placed(solution, 'replace')).toMatchObject({ start: at(0, 12), end: at(0, 14) });
    // Four hours late × priority 10.
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: -2400 });
  });

  it('two crane jobs in one conflict group run one after the other, on different technicians', () => {
    const crane = { conflictGroups: ['crane'], targetAt: at(0, 12) };
    const problem = plant({
      horizon: monday,
      technicians: [
        technician('ana', { mechanical: 3 }, { availability: shifts([0], 8, 16) }),
        technician('ben', { mechanical: 2 }, { availability: shifts([0], 8, 16) }),
      ],
      jobs: [job('lift-a', 240, crane), job('lift-b', 240, crane)],
    });
    const solution = run(problem);
    const [first, second] = [placed(solution, 'lift-a'), placed(solution, 'lift-b')].sort((a, b) => a!.start - b!.start);
    expect([first!.start, second!.start]).toEqual([at(0, 8), at(0, 12)]);
    expect(first!.technicianIds).not.toEqual(second!.technicianIds);
    // One job four hours late; loads 240/240 are proportional, so balance is 0.
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: -240 });
  });

  it('a priority-5 repair due Monday noon behind a priority-1 isolation: both go first, the priority-2 service waits', () => {
    // Construction places the service first (priority 2 before the isolation's 1), so the repair,
    // waiting for the isolation, no longer fits before noon; the search moves the isolation ahead.
    const problem = plant({
      horizon: monday,
      technicians: [technician('ana', { mechanical: 3 }, { availability: shifts([0], 8, 16) })],
      jobs: [
        job('service', 240, { priorityWeight: 2, targetAt: at(0, 12) }),
        job('isolate', 60),
        job('repair', 120, { priorityWeight: 5, predecessorIds: ['isolate'], deadlineAt: at(0, 12) }),
      ],
    });
    const solution = run(problem);
    expect(solution.assignments.map((a) => [a.jobId, a.start, a.end])).toEqual([
      ['isolate', at(0, 8), at(0, 9)],
      ['repair', at(0, 9), at(0, 11)],
      ['service', at(0, 11), at(0, 15)],
    ]);
    // The service ends three hours after its noon target × priority 2.
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: -360 });
  });

  it('downtime work runs only inside the press windows: Tuesday 08–10, then Wednesday 14–15', () => {
    const problem = plant({
      technicians: [technician('ana', { mechanical: 3 })],
      jobs: [job('reline', 180, { equipmentId: 'press', requiresDowntime: true, targetAt: at(1, 12) })],
      equipmentWindows: {
        press: [
          { start: at(1, 8), end: at(1, 10) },
          { start: at(2, 14), end: at(2, 16) },
        ],
      },
    });
    const solution = run(problem);
    expect(placed(solution, 'reline')?.segments).toEqual([
      { start: at(1, 8), end: at(1, 10) },
      { start: at(2, 14), end: at(2, 15) },
    ]);
    // Ends Wednesday 15:00, 27 hours after the Tuesday 12:00 target.
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: -1620 });
  });

  it('keeps pinned work where it is, even late or outside availability, and plans around it', () => {
    const problem = plant({
      technicians: [technician('ana', { mechanical: 3 }), technician('ben', { mechanical: 3 })],
      jobs: [
        job('started', 120, { pinned: { technicianIds: ['ben'], start: at(0, 14) }, targetAt: at(0, 10) }),
        job('night-call', 120, { pinned: { technicianIds: ['ana'], start: at(0, 7) } }),
        job('for-ben', 60, { preferredTechnicianId: 'ben' }),
      ],
      weights: { balance: 0 },
    });
    const solution = run(problem);
    expect(placed(solution, 'started')).toMatchObject({ technicianIds: ['ben'], start: at(0, 14), end: at(0, 16) });
    expect(placed(solution, 'night-call')).toMatchObject({ technicianIds: ['ana'], start: at(0, 7), end: at(0, 9) });
    expect(placed(solution, 'for-ben')).toMatchObject({ technicianIds: ['ben'], start: at(0, 8) });
    // The night call's first hour is outside Ana's shift; the started job ends 6 h after target.
    expect(solution.score).toEqual({ hard: -60, medium: 0, soft: -360 });
  });

  it('explains every job it cannot place', () => {
    const mechanic = (id: string, days: number[]) => technician(id, { mechanical: 2 }, { availability: shifts(days, 8, 16) });
    const problem = plant({
      horizon: { start: at(0, 0), end: at(2, 0) },
      technicians: [mechanic('ana', [0, 1]), mechanic('ben', [0, 1]), mechanic('cleo', [1])],
      jobs: [
        job('weld', 60, { requiredSkills: [{ skill: 'welding', minLevel: 3 }] }),
        job('too-late', 120, { releaseAt: at(0, 15), deadlineAt: at(0, 16) }),
        job('short-window', 120, { equipmentId: 'press', requiresDowntime: true }),
        job('big-crew', 60, { crewSize: 3, deadlineAt: at(0, 16) }),
        job('urgent-1', 480, { priorityWeight: 5, releaseAt: at(1, 0) }),
        job('urgent-2', 480, { priorityWeight: 5, releaseAt: at(1, 0) }),
        job('urgent-3', 480, { priorityWeight: 5, releaseAt: at(1, 0) }),
        job('routine', 480, { releaseAt: at(1, 0) }),
      ],
      equipmentWindows: { press: [{ start: at(0, 8), end: at(0, 9) }] },
    });
    const solution = run(problem);
    expect(solution.unassigned).toEqual([
      { jobId: 'weld', reasons: ['no technician has welding ≥ 3'] },
      { jobId: 'too-late', reasons: ['no availability window before the deadline'] },
      { jobId: 'short-window', reasons: ['equipment press has no maintenance window long enough before the horizon ends'] },
      {
        jobId: 'big-crew',
        reasons: ['crew of 3 needs 3 simultaneous free technicians: no qualified crew shares enough working time before the deadline'],
      },
      { jobId: 'routine', reasons: ['left unassigned: lower priority than the work that fills the capacity'] },
    ]);
    expect(solution.score.medium).toBe(-(1 + 1 + 1 + 1 + 1));

    // Out of time, only the reasons that need no search are worked out.
    const compiled = compileProblem(problem);
    const state = new ScoreState(compiled);
    for (const assignment of solution.assignments) {
      const j = compiled.jobIndex.get(assignment.jobId) as number;
      state.assign(
        j,
        placeAt(
          compiled,
          compiled.jobs[j]!,
          assignment.technicianIds.map((id) => compiled.techIndex.get(id)!),
          assignment.start,
        ),
      );
    }
    expect(unassignedWithReasons(compiled, state, -Infinity)).toEqual([
      { jobId: 'weld', reasons: ['no technician has welding ≥ 3'] },
      { jobId: 'too-late', reasons: [QUICK_REASON] },
      { jobId: 'short-window', reasons: ['equipment press has no maintenance window long enough before the horizon ends'] },
      { jobId: 'big-crew', reasons: [QUICK_REASON] },
      { jobId: 'routine', reasons: [QUICK_REASON] },
    ]);
  });

  it('plans overdue work late, from its deadline, when it asks for that; leaves it out otherwise', () => {
    const ana = technician('ana', { mechanical: 3 }, { availability: shifts([0], 8, 16) });
    // Due by 06:00, two hours before Ana's shift starts: no crew can meet that deadline.
    const overdue = job('inspect', 120, { deadlineAt: at(0, 6), priorityWeight: 2 });
    const late = run(plant({ horizon: monday, technicians: [ana], jobs: [{ ...overdue, lateIfDeadlineUnreachable: true }] }));
    expect(placed(late, 'inspect')).toMatchObject({ technicianIds: ['ana'], start: at(0, 8), end: at(0, 10) });
    // Four hours past the 06:00 deadline, now its target, × priority 2; nothing hard.
    expect(late.score).toEqual({ hard: 0, medium: 0, soft: -480 });
    // The earlier of target and deadline is the target: from 05:00, five hours late.
    const earlier = run(
      plant({ horizon: monday, technicians: [ana], jobs: [{ ...overdue, targetAt: at(0, 5), lateIfDeadlineUnreachable: true }] }),
    );
    expect(earlier.score).toEqual({ hard: 0, medium: 0, soft: -600 });
    expect(
      analyze(plant({ horizon: monday, technicians: [ana], jobs: [{ ...overdue, lateIfDeadlineUnreachable: true }] }), late.assignments)
        .score,
    ).toEqual(late.score);

    const strict = run(plant({ horizon: monday, technicians: [ana], jobs: [overdue] }));
    expect(strict.unassigned).toEqual([{ jobId: 'inspect', reasons: ['no availability window before the deadline'] }]);
    expect(strict.score).toEqual({ hard: 0, medium: -2, soft: 0 });
  });

  it('judges a deadline from deadlinesJudgedFrom when later than the horizon: analyze of a board agrees with its solve', () => {
    const ana = technician('ana', { mechanical: 3 }, { availability: shifts([0], 8, 16) });
    // Due by 11:00; from 08:00 Ana could meet it, but planning can only start at 10:00 (now).
    const inspect = job('inspect', 120, { deadlineAt: at(0, 11), releaseAt: at(0, 10), lateIfDeadlineUnreachable: true });
    const solved = run(plant({ horizon: monday, technicians: [ana], jobs: [inspect] }));
    expect(placed(solved, 'inspect')).toMatchObject({ start: at(0, 10), end: at(0, 12) });
    expect(solved.score).toEqual({ hard: 0, medium: 0, soft: -60 });
    // The board analysed without the release: from the horizon's start the deadline looks
    // reachable (hard); judged from 10:00, as the solve did, it scores the same.
    const board = { ...inspect, releaseAt: null };
    expect(analyze(plant({ horizon: monday, technicians: [ana], jobs: [board] }), solved.assignments).score.hard).toBe(-60);
    expect(
      analyze(plant({ horizon: monday, technicians: [ana], jobs: [board], deadlinesJudgedFrom: at(0, 10) }), solved.assignments).score,
    ).toEqual(solved.score);
  });

  it('keeps a deadline that can be met hard, though lateness elsewhere would rather it slipped', () => {
    const problem = plant({
      horizon: monday,
      technicians: [technician('ana', { mechanical: 3 }, { availability: shifts([0], 8, 16) })],
      jobs: [
        job('urgent', 120, { targetAt: at(0, 10), priorityWeight: 10 }),
        job('inspect', 120, { deadlineAt: at(0, 10), lateIfDeadlineUnreachable: true }),
      ],
    });
    const solution = run(problem);
    expect(placed(solution, 'inspect')).toMatchObject({ start: at(0, 8), end: at(0, 10) });
    expect(placed(solution, 'urgent')).toMatchObject({ start: at(0, 10), end: at(0, 12) });
    // The urgent job two hours late × 10, rather than the inspection two hours past its deadline.
    expect(solution.score).toEqual({ hard: 0, medium: 0, soft: -1200 });
  });

  it('reports a score that analyze reproduces, with the same analysis', () => {
    const problem = plant({
      technicians: [technician('ana', { mechanical: 3 }), technician('ben', { mechanical: 1 })],
      jobs: [
        job('a', 300, { targetAt: at(0, 12) }),
        job('b', 300, { targetAt: at(0, 12), requiredSkills: [{ skill: 'mechanical', minLevel: 2 }] }),
      ],
    });
    const solution = run(problem);
    const again = analyze(problem, solution.assignments);
    expect(again.score).toEqual(solution.score);
    expect(again.analysis).toEqual(solution.analysis);
  });
  it('refuses limits that are not numbers, and says so when nobody is in the plan', () => {
    const problem = plant({ technicians: [technician('ana', { mechanical: 3 })], jobs: [job('a', 60)] });
    for (const options of [{ timeLimitMs: Number.NaN }, { iterationLimit: Number.NaN }, { iterationLimit: -1 }]) {
      expect(() => solve(problem, options)).toThrow(OptimizerInputError);
      expect(() => solve(problem, options)).toThrow(/must be a non-negative number/);
    }
    const alone = solve({ ...problem, technicians: [] }, { iterationLimit: 10 });
    expect(alone.unassigned).toEqual([{ jobId: 'a', reasons: ['no technician in the plan'] }]);
  });
});
