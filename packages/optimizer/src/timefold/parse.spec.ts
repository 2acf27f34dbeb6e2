import { describe, expect, it } from 'vitest';
import { TimefoldInputError, parseTimefoldMaintenanceJson, parseTimefoldMaintenanceProblem } from './parse';

const valid = {
  name: 'two jobs',
  workCalendar: { fromDate: '2026-11-30', toDate: '2027-01-25' },
  crews: [{ id: '1', name: 'Alpha crew' }],
  jobs: [
    {
      id: '0',
      name: 'Downtown Street',
      durationInDays: 7,
      readyDate: '2026-12-01',
      dueDate: '2027-01-14',
      idealEndDate: '2027-01-11',
      tags: ['Downtown', 'Subway'],
    },
    { id: '1', name: 'Uptown Bridge', durationInDays: 0, readyDate: null, dueDate: null, idealEndDate: null, tags: [] },
  ],
  endDateRule: 'v1',
};

function issuesOf(input: unknown): string[] {
  try {
    parseTimefoldMaintenanceProblem(input);
  } catch (error) {
    if (error instanceof TimefoldInputError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

const withJob = (job: Record<string, unknown>): unknown => ({ ...valid, jobs: [{ ...valid.jobs[0], ...job }] });

describe('parsing the timefold-maintenance format', () => {
  it('accepts the documented shape, with null dates switching constraints off and a 0-day job', () => {
    const problem = parseTimefoldMaintenanceProblem(valid);
    expect(problem.jobs).toHaveLength(2);
    expect(problem.jobs[1]).toMatchObject({ durationInDays: 0, readyDate: null, tags: [] });
    expect(problem.endDateRule).toBe('v1');
  });

  it('treats tags as a set and absent optional fields as none', () => {
    const problem = parseTimefoldMaintenanceProblem(withJob({ tags: ['Bay', 'Bay'], readyDate: undefined }));
    expect(problem.jobs[0]).toMatchObject({ tags: ['Bay'], readyDate: null });
  });

  it('names a date that is not in the calendar', () => {
    expect(issuesOf(withJob({ readyDate: '2026-02-30' }))).toEqual([
      'jobs[0].readyDate: "2026-02-30" is not a calendar date in the form YYYY-MM-DD',
    ]);
    expect(issuesOf(withJob({ dueDate: '30/01/2027' }))).toEqual([
      'jobs[0].dueDate: "30/01/2027" is not a calendar date in the form YYYY-MM-DD',
    ]);
    expect(issuesOf(withJob({ idealEndDate: 20270111 }))).toEqual([
      'jobs[0].idealEndDate: must be an ISO date YYYY-MM-DD or null, got number 20270111',
    ]);
  });

  it('refuses negative, fractional and absurd durations', () => {
    expect(issuesOf(withJob({ durationInDays: -1 }))).toEqual(['jobs[0].durationInDays: must not be negative, got -1']);
    expect(issuesOf(withJob({ durationInDays: 1.5 }))).toEqual([
      'jobs[0].durationInDays: must be a whole number of workdays, got number 1.5',
    ]);
    expect(issuesOf(withJob({ durationInDays: '3' }))).toEqual(['jobs[0].durationInDays: must be a whole number of workdays, got "3"']);
    expect(issuesOf(withJob({ durationInDays: 100_000 }))).toEqual(['jobs[0].durationInDays: must be at most 2610, got 100000']);
  });

  it('refuses an unknown or missing end date rule, saying what the rules are', () => {
    expect(issuesOf({ ...valid, endDateRule: 'v3' })[0]).toMatch(/^endDateRule: unknown rule "v3": "v1" .* or "v2"/);
    expect(issuesOf({ ...valid, endDateRule: undefined })[0]).toMatch(/^endDateRule: is required: "v1"/);
  });

  it('checks the calendar: real dates, toDate after fromDate, at least one workday', () => {
    expect(issuesOf({ ...valid, workCalendar: { fromDate: '2026-11-30', toDate: '2026-11-30' } })).toEqual([
      'workCalendar.toDate: must be after fromDate (2026-11-30); toDate is exclusive',
    ]);
    expect(issuesOf({ ...valid, workCalendar: { fromDate: '2026-12-05', toDate: '2026-12-07' } })).toEqual([
      'workCalendar: has no workday (Monday to Friday) to start a job on',
    ]);
    expect(issuesOf({ ...valid, workCalendar: undefined })).toEqual(['workCalendar: is required ({ fromDate, toDate })']);
    // At most ten years and a bit: the solver keeps per-day state over the whole calendar.
    expect(issuesOf({ ...valid, workCalendar: { fromDate: '0100-01-01', toDate: '9999-12-31' } })).toEqual([
      'workCalendar.toDate: must be at most 3660 days after fromDate, got 3615899',
    ]);
    expect(issuesOf({ ...valid, workCalendar: { fromDate: '2026-11-30', toDate: '2036-12-05' } })).toEqual([]);
  });

  it('refuses duplicate ids, missing crews and wrong types, all in one report', () => {
    const issues = issuesOf({
      ...valid,
      crews: [],
      jobs: [valid.jobs[0], { ...valid.jobs[0], tags: ['ok', 7] }, 'job'],
    });
    expect(issues).toEqual([
      'jobs[1].id: duplicate job id "0"',
      'jobs[1].tags[1]: must be a string, got number 7',
      'jobs[2]: must be an object, got "job"',
      'crews: must not be empty when there are jobs',
    ]);
    expect(
      issuesOf({
        ...valid,
        crews: [
          { id: '1', name: 'a' },
          { id: '1', name: 'b' },
        ],
      }),
    ).toEqual(['crews[1].id: duplicate crew id "1"']);
  });

  it('reports broken JSON and a non-object document', () => {
    expect(() => parseTimefoldMaintenanceJson('{"name": ')).toThrow(/\$: is not valid JSON/);
    expect(issuesOf([1, 2])).toEqual(['$: must be a JSON object, got an array']);
  });

  it('puts every issue in the error message, one per line', () => {
    expect(() => parseTimefoldMaintenanceProblem(withJob({ durationInDays: -2, readyDate: 'soon' }))).toThrow(
      'invalid timefold-maintenance input:\n  jobs[0].durationInDays: must not be negative, got -2\n  jobs[0].readyDate: "soon" is not a calendar date in the form YYYY-MM-DD',
    );
  });
});
