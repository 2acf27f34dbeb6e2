import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './calendar';
import { compileProblem } from './compile';
import { formatScore, scorePlacements, totalPenalty } from './constraints';
import { type CompiledProblem, type ConstraintPenalties, type EndDateRule, type TimefoldJob } from './model';

type JobSpec = Partial<TimefoldJob> & { readonly id: string; readonly durationInDays: number };

function problemOf(rule: EndDateRule, jobs: readonly JobSpec[], fromDate = '2026-11-30', toDate = '2027-03-01'): CompiledProblem {
  return compileProblem({
    name: 'scenario',
    workCalendar: { fromDate, toDate },
    crews: [
      { id: 'A', name: 'Alpha crew' },
      { id: 'B', name: 'Beta crew' },
    ],
    jobs: jobs.map((job) => ({ name: job.id, readyDate: null, dueDate: null, idealEndDate: null, tags: [], ...job })),
    endDateRule: rule,
  });
}

/** Scores jobs placed as [crew id, start date], in job order. */
function score(problem: CompiledProblem, placements: readonly (readonly [string, string] | null)[]): ConstraintPenalties {
  return scorePlacements(
    problem,
    placements.map((placement) =>
      placement === null ? null : { crew: placement[0] === 'A' ? 0 : 1, startDay: parseIsoDate(placement[1])! - problem.epochDayZero },
    ),
  );
}

const NONE: ConstraintPenalties = {
  crewConflict: 0,
  readyDate: 0,
  dueDate: 0,
  beforeIdealEndDate: 0,
  afterIdealEndDate: 0,
  tagConflict: 0,
};

describe('the six constraints (Monday 2026-11-30 onwards)', () => {
  describe('crew conflict: hard 1 per calendar day two jobs of one crew overlap', () => {
    it('two 3-day jobs on crew A, Monday and Tuesday: 2 days (Tuesday, Wednesday)', () => {
      const problem = problemOf('v2', [
        { id: 'a', durationInDays: 3 },
        { id: 'b', durationInDays: 3 },
      ]);
      expect(
        score(problem, [
          ['A', '2026-11-30'],
          ['A', '2026-12-01'],
        ]),
      ).toEqual({ ...NONE, crewConflict: 2 });
      expect(
        score(problem, [
          ['A', '2026-11-30'],
          ['B', '2026-12-01'],
        ]),
      ).toEqual(NONE);
    });

    it('counts the weekend: 3-day jobs from Thursday and Friday share Fri, Sat, Sun, Mon = 4 (both rules)', () => {
      for (const rule of ['v1', 'v2'] as const) {
        const problem = problemOf(rule, [
          { id: 'a', durationInDays: 3 },
          { id: 'b', durationInDays: 3 },
        ]);
        expect(
          score(problem, [
            ['A', '2026-12-03'],
            ['A', '2026-12-04'],
          ]),
          rule,
        ).toEqual({ ...NONE, crewConflict: 4 });
      }
    });

    it('back to back is no conflict: Monday–Tuesday then Wednesday', () => {
      const problem = problemOf('v1', [
        { id: 'a', durationInDays: 2 },
        { id: 'b', durationInDays: 1 },
      ]);
      expect(
        score(problem, [
          ['A', '2026-11-30'],
          ['A', '2026-12-02'],
        ]),
      ).toEqual(NONE);
    });
  });

  describe('ready date: hard 1 per calendar day the start is before it', () => {
    it('ready Wednesday, started Monday: 2; started on the ready date: 0', () => {
      const problem = problemOf('v2', [{ id: 'a', durationInDays: 1, readyDate: '2026-12-02' }]);
      expect(score(problem, [['A', '2026-11-30']])).toEqual({ ...NONE, readyDate: 2 });
      expect(score(problem, [['A', '2026-12-02']])).toEqual(NONE);
    });

    it('ready Monday 7 December, started the Friday before: 3 (weekend included)', () => {
      const problem = problemOf('v2', [{ id: 'a', durationInDays: 1, readyDate: '2026-12-07' }]);
      expect(score(problem, [['A', '2026-12-04']])).toEqual({ ...NONE, readyDate: 3 });
    });
  });

  describe('due date: hard 1 per calendar day the (exclusive) end is after the (exclusive) due date', () => {
    it('5 days from Monday, due Friday: v2 ends Saturday (1), v1 ends Monday (3)', () => {
      const job = { id: 'a', durationInDays: 5, dueDate: '2026-12-04' };
      expect(score(problemOf('v2', [job]), [['A', '2026-11-30']])).toEqual({ ...NONE, dueDate: 1 });
      expect(score(problemOf('v1', [job]), [['A', '2026-11-30']])).toEqual({ ...NONE, dueDate: 3 });
    });

    it('due Saturday: v2 is on time (ends exactly then), v1 is 2 days late', () => {
      const job = { id: 'a', durationInDays: 5, dueDate: '2026-12-05' };
      expect(score(problemOf('v2', [job]), [['A', '2026-11-30']])).toEqual(NONE);
      expect(score(problemOf('v1', [job]), [['A', '2026-11-30']])).toEqual({ ...NONE, dueDate: 2 });
    });
  });

  describe('before ideal end date: soft 1 per calendar day early (a penalty, not a reward)', () => {
    it('1 day from Monday, ideal end Friday: ends Tuesday, 3', () => {
      const problem = problemOf('v2', [{ id: 'a', durationInDays: 1, idealEndDate: '2026-12-04' }]);
      expect(score(problem, [['A', '2026-11-30']])).toEqual({ ...NONE, beforeIdealEndDate: 3 });
    });

    it('across the month end: 2 days from Thursday 28 January, ideal end Tuesday 2 February: v2 3, v1 1', () => {
      const job = { id: 'a', durationInDays: 2, idealEndDate: '2027-02-02' };
      expect(score(problemOf('v2', [job]), [['A', '2027-01-28']])).toEqual({ ...NONE, beforeIdealEndDate: 3 });
      expect(score(problemOf('v1', [job]), [['A', '2027-01-28']])).toEqual({ ...NONE, beforeIdealEndDate: 1 });
    });
  });

  describe('after ideal end date: soft 1,000,000 per calendar day late', () => {
    it('5 days from Monday, ideal end Friday: v2 1,000,000, v1 3,000,000', () => {
      const job = { id: 'a', durationInDays: 5, idealEndDate: '2026-12-04' };
      expect(score(problemOf('v2', [job]), [['A', '2026-11-30']])).toEqual({ ...NONE, afterIdealEndDate: 1_000_000 });
      expect(score(problemOf('v1', [job]), [['A', '2026-11-30']])).toEqual({ ...NONE, afterIdealEndDate: 3_000_000 });
    });
  });

  describe('tag conflict: soft 1,000 × shared tags × overlapping calendar days, whatever the crews', () => {
    const jobs = [
      { id: 'p', durationInDays: 5, tags: ['Downtown', 'Subway'] },
      { id: 'q', durationInDays: 3, tags: ['Downtown', 'Subway', 'Crane'] },
    ];

    it('5 days from Monday and 3 from Wednesday on two crews: v2 3 days × 2 tags = 6,000', () => {
      expect(
        score(problemOf('v2', jobs), [
          ['A', '2026-11-30'],
          ['B', '2026-12-02'],
        ]),
      ).toEqual({ ...NONE, tagConflict: 6_000 });
    });

    it('the same under v1 both end on Monday: 5 days (weekend included) × 2 = 10,000', () => {
      expect(
        score(problemOf('v1', jobs), [
          ['A', '2026-11-30'],
          ['B', '2026-12-02'],
        ]),
      ).toEqual({ ...NONE, tagConflict: 10_000 });
    });

    it('on one crew the crew conflict comes on top: 3 hard', () => {
      expect(
        score(problemOf('v2', jobs), [
          ['A', '2026-11-30'],
          ['A', '2026-12-02'],
        ]),
      ).toEqual({ ...NONE, crewConflict: 3, tagConflict: 6_000 });
    });

    it('no shared tag, no conflict', () => {
      const problem = problemOf('v2', [
        { id: 'p', durationInDays: 5, tags: ['Downtown'] },
        { id: 'q', durationInDays: 5, tags: ['Uptown', 'Crane'] },
      ]);
      expect(
        score(problem, [
          ['A', '2026-11-30'],
          ['B', '2026-11-30'],
        ]),
      ).toEqual(NONE);
    });
  });

  it('skips an unassigned job, as constraint streams skip an uninitialized entity', () => {
    const problem = problemOf('v2', [
      { id: 'a', durationInDays: 3, readyDate: '2027-01-04', tags: ['Bay'] },
      { id: 'b', durationInDays: 3, tags: ['Bay'] },
    ]);
    expect(score(problem, [null, ['A', '2026-11-30']])).toEqual(NONE);
  });

  it('adds everything up into one score: "-6hard/-2002004soft"', () => {
    const problem = problemOf('v2', [
      { id: 'a', durationInDays: 3, readyDate: '2026-12-02', idealEndDate: '2026-12-07', tags: ['Bay'] },
      { id: 'b', durationInDays: 3, dueDate: '2026-12-02', idealEndDate: '2026-12-02', tags: ['Bay'] },
    ]);
    // a: Mon–Wed, ends Thursday: 2 days before ready, 4 days early. b: Tue–Thu, ends Friday:
    // 2 days past due, 2 days after its ideal end. Shared Tuesday and Wednesday: crew 2, tag 2,000.
    const parts = score(problem, [
      ['A', '2026-11-30'],
      ['A', '2026-12-01'],
    ]);
    expect(parts).toEqual({
      crewConflict: 2,
      readyDate: 2,
      dueDate: 2,
      beforeIdealEndDate: 4,
      afterIdealEndDate: 2_000_000,
      tagConflict: 2_000,
    });
    expect(formatScore(totalPenalty(parts))).toBe('-6hard/-2002004soft');
    expect(formatScore({ hard: 0, soft: 0 })).toBe('0hard/0soft');
  });

  describe("the quickstart's ConstraintProviderTest cases (Monday 2021-02-01 = DAY_1), in score units", () => {
    const at = (rule: EndDateRule, job: JobSpec, start: string): ConstraintPenalties =>
      score(problemOf(rule, [job], '2021-02-01', '2021-03-01'), [['A', start]]);

    it('min start (ready) date', () => {
      expect(at('v2', { id: '1', durationInDays: 1, readyDate: '2021-02-02' }, '2021-02-02').readyDate).toBe(0);
      expect(at('v2', { id: '1', durationInDays: 1, readyDate: '2021-02-01' }, '2021-02-03').readyDate).toBe(0);
      expect(at('v2', { id: '1', durationInDays: 1, readyDate: '2021-02-03' }, '2021-02-01').readyDate).toBe(2);
      expect(at('v2', { id: '1', durationInDays: 4, readyDate: '2021-02-03' }, '2021-02-01').readyDate).toBe(2);
    });

    it('max end (due) date', () => {
      expect(at('v2', { id: '1', durationInDays: 1, dueDate: '2021-02-02' }, '2021-02-02').dueDate).toBe(1);
      expect(at('v2', { id: '1', durationInDays: 1, dueDate: '2021-02-01' }, '2021-02-03').dueDate).toBe(3);
      expect(at('v2', { id: '1', durationInDays: 1, dueDate: '2021-02-03' }, '2021-02-01').dueDate).toBe(0);
      expect(at('v2', { id: '1', durationInDays: 4, dueDate: '2021-02-03' }, '2021-02-01').dueDate).toBe(2);
    });

    it('before and after the ideal end date (0-day jobs end where they start)', () => {
      expect(at('v2', { id: '1', durationInDays: 0, idealEndDate: '2021-02-02' }, '2021-02-02').beforeIdealEndDate).toBe(0);
      expect(at('v2', { id: '1', durationInDays: 0, idealEndDate: '2021-02-01' }, '2021-02-03').beforeIdealEndDate).toBe(0);
      expect(at('v2', { id: '1', durationInDays: 0, idealEndDate: '2021-02-03' }, '2021-02-01').beforeIdealEndDate).toBe(2);
      expect(at('v2', { id: '1', durationInDays: 1, idealEndDate: '2021-02-02' }, '2021-02-02').afterIdealEndDate).toBe(1_000_000);
      expect(at('v2', { id: '1', durationInDays: 1, idealEndDate: '2021-02-01' }, '2021-02-03').afterIdealEndDate).toBe(3_000_000);
      expect(at('v2', { id: '1', durationInDays: 1, idealEndDate: '2021-02-03' }, '2021-02-01').afterIdealEndDate).toBe(0);
      expect(at('v2', { id: '1', durationInDays: 4, idealEndDate: '2021-02-03' }, '2021-02-01').afterIdealEndDate).toBe(2_000_000);
    });

    it('tag conflict: 5 days from DAY_1 and 3 from DAY_2 sharing two tags: 2 × 3 matches', () => {
      const problem = problemOf(
        'v2',
        [
          { id: '1', durationInDays: 5, tags: ['Downtown', 'Crane'] },
          { id: '2', durationInDays: 3, tags: ['Downtown', 'Crane'] },
        ],
        '2021-02-01',
        '2021-03-01',
      );
      expect(
        score(problem, [
          ['A', '2021-02-01'],
          ['A', '2021-02-02'],
        ]).tagConflict,
      ).toBe(6_000);
    });
  });
});
