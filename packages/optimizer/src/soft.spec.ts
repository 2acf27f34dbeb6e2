import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { compileProblem } from './compile';
import type { Assignment } from './model';
import { at, constraint, job, nonZero, plant, shifts, technician } from './testing/fixtures';

/** Each medium and soft constraint on a hand-made schedule, with the score worked out by hand. */
const ana = technician('ana', { mechanical: 3 });
const ben = technician('ben', { mechanical: 2 });
const on = (jobId: string, technicianIds: string[], start: number): Assignment => ({ jobId, technicianIds, start, end: start });

describe('analyze: soft and medium constraints', () => {
  it('four hours from 08:00 for a priority-3 job due at 10:00: 120 minutes late × 3 = 360', () => {
    const problem = plant({ technicians: [ana], jobs: [job('wo', 240, { priorityWeight: 3, targetAt: at(0, 10) })] });
    const result = analyze(problem, [on('wo', ['ana'], at(0, 8))]);
    expect(result.score).toEqual({ hard: 0, medium: 0, soft: -360 });
    expect(constraint(result.analysis, 'lateness').jobs).toEqual([{ jobId: 'wo', penalty: 360 }]);
  });

  it('preventive work that should end at 16:00 ends at 12:00: 240 minutes early × priority 2 = 480', () => {
    const problem = plant({
      technicians: [ana],
      jobs: [job('pm', 240, { priorityWeight: 2, targetAt: at(0, 16), penalizeEarliness: true })],
    });
    expect(analyze(problem, [on('pm', ['ana'], at(0, 8))]).score).toEqual({ hard: 0, medium: 0, soft: -480 });
  });

  it('travel: home north → south (20) → east (45) on Monday, home → east (35) on Tuesday = 100', () => {
    const problem = plant({
      technicians: [ana],
      jobs: [job('south', 120, { siteId: 'south' }), job('east', 120, { siteId: 'east' }), job('east-tue', 60, { siteId: 'east' })],
      travelMinutes: { north: { south: 20, east: 35 }, south: { east: 45 } },
    });
    const result = analyze(problem, [on('south', ['ana'], at(0, 8)), on('east', ['ana'], at(0, 10)), on('east-tue', ['ana'], at(1, 8))]);
    expect(result.score).toEqual({ hard: 0, medium: 0, soft: -100 });
    expect(constraint(result.analysis, 'travel').jobs).toEqual([
      { jobId: 'east', penalty: 45 },
      { jobId: 'east-tue', penalty: 35 },
      { jobId: 'south', penalty: 20 },
    ]);
  });

  it('three hours from Friday 14:00 run into Saturday overtime: 60 min at 90/h = 90, × 2 = 180', () => {
    const dora = technician('dora', { mechanical: 3 }, { overtime: shifts([5], 8, 12), hourlyCost: 90 });
    const problem = plant({ horizon: { start: at(0, 0), end: at(7, 0) }, technicians: [dora], jobs: [job('wo', 180)] });
    const result = analyze(problem, [on('wo', ['dora'], at(4, 14))]);
    expect(result.score).toEqual({ hard: 0, medium: 0, soft: -180 });
    expect(nonZero(result.analysis)).toEqual({ overtime: 180 });
  });

  it('balance on one Monday (480 min each): 6 h on Ana alone costs 135, 4 h + 2 h costs 15', () => {
    const monday = { horizon: { start: at(0, 0), end: at(1, 0) } };
    const problem = plant({ ...monday, technicians: [ana, ben], jobs: [job('long', 360)] });
    // Σ load²/capacity = 360²/480 = 270; the proportional minimum is 360²/960 = 135.
    expect(analyze(problem, [on('long', ['ana'], at(0, 8))]).score).toEqual({ hard: 0, medium: 0, soft: -135 });
    const split = plant({ ...monday, technicians: [ana, ben], jobs: [job('a', 240), job('b', 120)] });
    // 240²/480 + 120²/480 = 120 + 30 = 150; minus 135.
    expect(analyze(split, [on('a', ['ana'], at(0, 8)), on('b', ['ben'], at(0, 8))]).score).toEqual({ hard: 0, medium: 0, soft: -15 });
  });

  it('a job meant for Ben done by Ana: 120', () => {
    const problem = plant({ technicians: [ana, ben], jobs: [job('wo', 60, { preferredTechnicianId: 'ben' })], weights: { balance: 0 } });
    expect(analyze(problem, [on('wo', ['ana'], at(0, 8))]).score).toEqual({ hard: 0, medium: 0, soft: -120 });
  });

  it('churn against the published schedule: moved 240, reassigned 960, dropped 960 plus its priority unassigned', () => {
    const problem = plant({
      technicians: [ana, ben],
      jobs: [job('kept', 60), job('moved', 60), job('reassigned', 60), job('dropped', 60, { priorityWeight: 2 })],
      published: [
        on('kept', ['ana'], at(1, 8)),
        on('moved', ['ana'], at(0, 8)),
        on('reassigned', ['ana'], at(0, 10)),
        on('dropped', ['ben'], at(0, 8)),
      ],
      weights: { balance: 0 },
    });
    const result = analyze(problem, [on('kept', ['ana'], at(1, 8)), on('moved', ['ana'], at(0, 9)), on('reassigned', ['ben'], at(0, 10))]);
    expect(result.score).toEqual({ hard: 0, medium: -2, soft: -(240 + 960 + 960) });
    expect(nonZero(result.analysis)).toEqual({ unassigned: 2, churnMoved: 240, churnReassigned: 1920 });
    expect(constraint(result.analysis, 'churnReassigned').jobs.map((j) => j.jobId)).toEqual(['dropped', 'reassigned']);
  });

  it('weights override the defaults, and 0 switches a constraint off', () => {
    const problem = plant({
      technicians: [ana],
      jobs: [job('wo', 240, { priorityWeight: 3, targetAt: at(0, 10) })],
      weights: { lateness: 2 },
    });
    expect(analyze(problem, [on('wo', ['ana'], at(0, 8))]).score.soft).toBe(-720);
    expect(analyze({ ...problem, weights: { lateness: 0 } }, [on('wo', ['ana'], at(0, 8))]).score.soft).toBe(0);
  });
  it('reads travel as given for a direction, else for the other, also past a thousand sites (kept sparse)', () => {
    for (const extraSites of [0, 1_500]) {
      const problem = plant({
        technicians: [ana],
        jobs: [
          ...['a', 'b', 'c', 'd'].map((site) => job(`at-${site}`, 30, { siteId: site })),
          ...Array.from({ length: extraSites }, (_, i) => job(`far-${i}`, 30, { siteId: `far-${i}` })),
        ],
        travelMinutes: { a: { b: 10 }, b: { a: 20 }, c: { d: 7.2 }, far: { a: 99 } },
      });
      const compiled = compileProblem(problem);
      const site = (id: string) => compiled.jobs[compiled.jobIndex.get(`at-${id}`) as number]!.site;
      const minutes = (from: string, to: string) => compiled.travel(site(from), site(to));
      expect([minutes('a', 'b'), minutes('b', 'a'), minutes('c', 'd'), minutes('d', 'c'), minutes('a', 'c')]).toEqual([10, 20, 8, 8, 0]);
    }
  });
});
