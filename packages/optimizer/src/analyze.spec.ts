import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { OptimizerInputError } from './errors';
import type { Assignment, Problem } from './model';
import { at, constraint, job, nonZero, plant, technician } from './testing/fixtures';

/**
 * Each hard constraint broken on purpose in a manual schedule, with the penalty worked out by
 * hand. Two mechanics, Ana and Ben, work Monday to Friday 08:00–16:00 at the north site; soft
 * constraints that would add noise (balance) are switched off where they are not the point.
 */
const ana = technician('ana', { mechanical: 3, electrical: 1 });
const ben = technician('ben', { mechanical: 2, electrical: 3 });
const quiet = { balance: 0 };

const on = (jobId: string, technicianIds: string[], start: number): Assignment => ({ jobId, technicianIds, start, end: start });

function hardOf(problem: Problem, assignments: Assignment[]): { hard: number; totals: Record<string, number> } {
  const result = analyze(problem, assignments);
  return { hard: result.score.hard, totals: nonZero(result.analysis.filter((c) => c.level === 'hard')) };
}

describe('analyze: hard constraints broken on purpose', () => {
  it('a job needing electrical ≥ 2 given to Ana (electrical 1): one missing skill, −60', () => {
    const problem = plant({ technicians: [ana, ben], jobs: [job('wo', 60, { requiredSkills: [{ skill: 'electrical', minLevel: 2 }] })] });
    expect(hardOf(problem, [on('wo', ['ana'], at(0, 8))])).toEqual({ hard: -60, totals: { skills: 60 } });
  });

  it('a crew of two given to Ana alone: one technician missing, −60', () => {
    const problem = plant({ technicians: [ana, ben], jobs: [job('wo', 60, { crewSize: 2 })] });
    expect(hardOf(problem, [on('wo', ['ana'], at(0, 8))])).toEqual({ hard: -60, totals: { crewSize: 60 } });
  });

  it('two hours from 07:00, before Ana starts at 08:00: one block, 60 minutes outside availability', () => {
    const problem = plant({ technicians: [ana], jobs: [job('wo', 120)] });
    const result = analyze(problem, [on('wo', ['ana'], at(0, 7))]);
    expect(result.score.hard).toBe(-60);
    expect(constraint(result.analysis, 'availability').jobs).toEqual([{ jobId: 'wo', penalty: 60 }]);
  });

  it('two jobs on Ana at 08:00 and 09:00, two hours each: 60 minutes of overlap, split between them', () => {
    const problem = plant({ technicians: [ana], jobs: [job('a', 120), job('b', 120)], weights: quiet });
    const result = analyze(problem, [on('a', ['ana'], at(0, 8)), on('b', ['ana'], at(0, 9))]);
    expect(result.score.hard).toBe(-60);
    expect(constraint(result.analysis, 'technicianOverlap').jobs).toEqual([
      { jobId: 'a', penalty: 30 },
      { jobId: 'b', penalty: 30 },
    ]);
  });

  it('Ana and Ben on the same pump 08:00–10:00 and 09:30–11:30: 30 minutes of equipment overlap', () => {
    const problem = plant({
      technicians: [ana, ben],
      jobs: [job('a', 120, { equipmentId: 'pump' }), job('b', 120, { equipmentId: 'pump' })],
    });
    expect(hardOf(problem, [on('a', ['ana'], at(0, 8)), on('b', ['ben'], at(0, 9, 30))])).toEqual({
      hard: -30,
      totals: { equipmentOverlap: 30 },
    });
  });

  it('two jobs in lockout zone A overlapping 45 minutes: −45', () => {
    const problem = plant({
      technicians: [ana, ben],
      jobs: [job('a', 120, { conflictGroups: ['zone-A'] }), job('b', 60, { conflictGroups: ['zone-A', 'zone-B'] })],
    });
    expect(hardOf(problem, [on('a', ['ana'], at(0, 8)), on('b', ['ben'], at(0, 9, 15))])).toEqual({
      hard: -45,
      totals: { conflictGroup: 45 },
    });
  });

  it('downtime work started outside the maintenance windows: the whole two hours count', () => {
    const problem = plant({
      technicians: [ana],
      jobs: [job('wo', 120, { equipmentId: 'press', requiresDowntime: true })],
      equipmentWindows: {
        press: [
          { start: at(0, 8), end: at(0, 9) },
          { start: at(1, 8), end: at(1, 9) },
        ],
      },
    });
    expect(hardOf(problem, [on('wo', ['ana'], at(0, 10))])).toEqual({ hard: -120, totals: { maintenanceWindow: 120 } });
    // Started in Monday's window, the job continues in Tuesday's: no violation.
    const inWindows = analyze(problem, [on('wo', ['ana'], at(0, 8))]);
    expect(inWindows.score.hard).toBe(0);
  });

  it('started at 08:00, released at 10:00: 120 minutes early', () => {
    const problem = plant({ technicians: [ana], jobs: [job('wo', 60, { releaseAt: at(0, 10) })] });
    expect(hardOf(problem, [on('wo', ['ana'], at(0, 8))])).toEqual({ hard: -120, totals: { release: 120 } });
  });

  it('ends at 10:00, due at 09:00: 60 minutes late for the deadline', () => {
    const problem = plant({ technicians: [ana], jobs: [job('wo', 120, { deadlineAt: at(0, 9) })] });
    expect(hardOf(problem, [on('wo', ['ana'], at(0, 8))])).toEqual({ hard: -60, totals: { deadline: 60 } });
  });

  it('a successor starting an hour before its predecessor ends, or without it: precedence', () => {
    const problem = plant({ technicians: [ana, ben], jobs: [job('first', 120), job('then', 90, { predecessorIds: ['first'] })] });
    expect(hardOf(problem, [on('first', ['ana'], at(0, 8)), on('then', ['ben'], at(0, 9))])).toEqual({
      hard: -60,
      totals: { precedence: 60 },
    });
    // Without its predecessor the successor costs its whole duration.
    expect(hardOf(problem, [on('then', ['ben'], at(0, 9))])).toEqual({ hard: -90, totals: { precedence: 90 } });
  });

  it('pinned work moved or left out: 60 each', () => {
    const problem = plant({ technicians: [ana, ben], jobs: [job('wo', 60, { pinned: { technicianIds: ['ana'], start: at(0, 8) } })] });
    expect(hardOf(problem, [on('wo', ['ana'], at(0, 10))])).toEqual({ hard: -60, totals: { pinned: 60 } });
    expect(hardOf(problem, [on('wo', ['ben'], at(0, 8))])).toEqual({ hard: -60, totals: { pinned: 60 } });
    expect(hardOf(problem, [])).toEqual({ hard: -60, totals: { pinned: 60 } });
    expect(analyze(problem, []).unassigned).toEqual([{ jobId: 'wo', reasons: ['pinned work is missing from the schedule'] }]);
  });

  it('work left out of a given schedule with a slot free says so, not that a search ran out', () => {
    const problem = plant({ technicians: [ana], jobs: [job('placed', 60), job('left', 60)] });
    expect(analyze(problem, [on('placed', ['ana'], at(0, 8))]).unassigned).toEqual([
      { jobId: 'left', reasons: ['not in the given schedule, though a slot is free for it'] },
    ]);
  });

  it('a one-second overlap counts as a whole minute', () => {
    const problem = plant({ technicians: [ana], jobs: [job('a', 60), job('b', 60)], weights: quiet });
    const result = analyze(problem, [on('a', ['ana'], at(0, 8)), on('b', ['ana'], at(0, 9) - 1000)]);
    expect(result.score.hard).toBe(-1);
  });

  it('refuses schedules it cannot read', () => {
    const problem = plant({ technicians: [ana], jobs: [job('wo', 60)] });
    expect(() => analyze(problem, [on('nope', ['ana'], at(0, 8))])).toThrow(OptimizerInputError);
    expect(() => analyze(problem, [on('wo', ['zoe'], at(0, 8))])).toThrow(/unknown technician "zoe"/);
    expect(() => analyze(problem, [on('wo', ['ana'], at(0, 8)), on('wo', ['ana'], at(0, 9))])).toThrow(/assigned twice/);
    expect(() => analyze({ ...problem, weights: { lateness: 0.5 } }, [])).toThrow(/non-negative integer/);
  });

  it('refuses numbers that would turn a score into NaN or a placement into nothing', () => {
    const refused = (changed: Partial<Problem>, pattern: RegExp) => {
      const problem = { ...plant({ technicians: [ana], jobs: [job('wo', 60)] }), ...changed };
      expect(() => analyze(problem, [])).toThrow(OptimizerInputError);
      expect(() => analyze(problem, [])).toThrow(pattern);
    };
    refused({ jobs: [job('wo', 1e-6)] }, /at least a millisecond/);
    refused({ jobs: [job('wo', 1e305)] }, /at least a millisecond/);
    for (const field of ['releaseAt', 'deadlineAt', 'targetAt'] as const) {
      refused({ jobs: [job('wo', 60, { [field]: Number.NaN })] }, new RegExp(`${field} must be a finite time`));
    }
    refused({ jobs: [job('wo', 60, { pinned: { technicianIds: ['ana'], start: Number.NaN } })] }, /pinned to no valid start/);
    refused({ jobs: [job('wo', 60, { pinned: { technicianIds: ['ana'], start: Infinity } })] }, /pinned to no valid start/);
    refused({ technicians: [{ ...ana, hourlyCost: Number.NaN }] }, /hourlyCost/);
    refused({ jobs: [job('wo', 60, { pinned: { technicianIds: [], start: at(0, 8) } })] }, /pinned to no technician/);
    refused(
      { jobs: [job('wo', 60, { requiredSkills: [{ skill: 'mechanical', minLevel: Number.NaN }] })] },
      /skill "mechanical" needs a level/,
    );
    refused({ technicians: [{ ...ana, skills: { mechanical: Number.NaN } }] }, /skill "mechanical" needs a level/);
    // NaN here made every deadline look unreachable, so reachable ones were relaxed to targets.
    refused({ deadlinesJudgedFrom: Number.NaN }, /deadlinesJudgedFrom/);
    refused({ published: [{ jobId: 'wo', technicianIds: ['ana'], start: Number.NaN, end: 0 }] }, /no valid start/);
    refused(
      {
        published: [
          { jobId: 'wo', technicianIds: ['ana'], start: at(0, 8), end: at(0, 9) },
          { jobId: 'wo', technicianIds: ['ana'], start: at(0, 10), end: at(0, 11) },
        ],
      },
      /has job "wo" twice/,
    );
    refused(
      {
        technicians: [{ ...ana, siteId: 'north' }],
        jobs: [job('wo', 60, { siteId: 'south' })],
        travelMinutes: { north: { south: Number.NaN } },
      },
      /travel from/,
    );
  });

  it('reads travel only from the sites given, never from names every object has', () => {
    const problem = plant({
      technicians: [{ ...ana, siteId: 'constructor' }],
      jobs: [job('a', 60, { siteId: 'constructor' }), job('b', 60, { siteId: 'name' })],
      travelMinutes: { north: { south: 30 } },
    });
    const result = analyze(problem, [on('a', ['ana'], at(0, 8)), on('b', ['ana'], at(0, 10))]);
    expect(Number.isNaN(result.score.soft)).toBe(false);
    expect(result.analysis.find((total) => total.constraint === 'travel')?.total).toBe(0);
  });
});
