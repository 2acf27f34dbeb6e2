import { describe, expect, it } from 'vitest';
import { type CommandIo, runSolveCommand } from './cli';
import { compileProblem } from './compile';
import { generateDemoData } from './demo-data';
import { parseTimefoldMaintenanceProblem } from './parse';
import { fromAssignments, toSolution } from './solution';
import { scoreSchedule, formatScore } from './constraints';

function fakeIo(
  files: Record<string, string>,
): CommandIo & { written: Record<string, string>; out: (line: string) => void; lines: string[]; errors: string[] } {
  const written: Record<string, string> = {};
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    written,
    lines,
    errors,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return text;
    },
    writeFile: (path, text) => void (written[path] = text),
    out: (line) => void lines.push(line),
    error: (line) => void errors.push(line),
  };
}

const small = JSON.stringify(generateDemoData('SMALL', { endDateRule: 'v1' }));

describe('npm run solve', () => {
  it('solves a file, writes { assignments, score } and prints the score', () => {
    const io = fakeIo({ 'problem.json': small });
    const code = runSolveCommand(
      ['--format', 'timefold-maintenance', '--input', 'problem.json', '--time-limit', '0.3', '--output', 'solution.json', '--seed', '4'],
      io,
    );
    expect(code).toBe(0);
    const solution = JSON.parse(io.written['solution.json']!);
    expect(solution.assignments).toHaveLength(14);
    expect(Object.keys(solution.assignments[0])).toEqual(['jobId', 'crewId', 'startDate']);
    expect(solution.score).toMatch(/^0hard\/-\d+soft$/);
    expect(io.lines).toEqual([expect.stringMatching(new RegExp(`^score ${solution.score} \\(14 jobs, 3 crews, .* seed 4\\)$`))]);
    const problem = compileProblem(parseTimefoldMaintenanceProblem(JSON.parse(small)));
    expect(formatScore(scoreSchedule(problem, fromAssignments(problem, solution)))).toBe(solution.score);
  });

  it('writes to standard output without --output, the score then going to standard error', () => {
    const io = fakeIo({ 'problem.json': small });
    expect(runSolveCommand(['--format', 'timefold-maintenance', '--input', 'problem.json', '--time-limit', '0.1'], io)).toBe(0);
    expect(JSON.parse(io.lines.join('\n')).assignments).toHaveLength(14);
    expect(io.errors[0]).toMatch(/^score /);
  });

  it('exits 2 with the usage on bad arguments', () => {
    const cases: [string[], RegExp][] = [
      [['--input', 'problem.json'], /--format is required/],
      [['--format', 'csv', '--input', 'problem.json'], /unknown --format "csv"/],
      [['--format', 'timefold-maintenance'], /--input is required/],
      [['--format', 'timefold-maintenance', '--input', 'problem.json', '--time-limit', 'soon'], /--time-limit must be a positive number/],
      [['--format', 'timefold-maintenance', '--input', 'problem.json', '--seed', '1.5'], /--seed must be a whole number/],
      [['--format', 'timefold-maintenance', '--input', 'problem.json', '--fast'], /Unknown option '--fast'/],
    ];
    for (const [argv, message] of cases) {
      const io = fakeIo({ 'problem.json': small });
      expect(runSolveCommand(argv, io), argv.join(' ')).toBe(2);
      expect(io.errors[0]).toMatch(message);
      expect(io.errors[1]).toMatch(/^usage: npm run solve/);
    }
  });

  it('exits 1 naming the file and every issue on bad input', () => {
    const broken = { ...JSON.parse(small), endDateRule: 'v9' };
    broken.jobs[2].durationInDays = -1;
    const io = fakeIo({ 'problem.json': JSON.stringify(broken) });
    expect(runSolveCommand(['--format', 'timefold-maintenance', '--input', 'problem.json', '--output', 'out.json'], io)).toBe(1);
    expect(io.errors[0]).toMatch(/^error: problem.json: invalid timefold-maintenance input:/);
    expect(io.errors[0]).toContain('jobs[2].durationInDays: must not be negative, got -1');
    expect(io.errors[0]).toContain('endDateRule: unknown rule "v9"');
    expect(io.written).toEqual({});
  });

  it('exits 1 when the input file cannot be read', () => {
    const io = fakeIo({});
    expect(runSolveCommand(['--format', 'timefold-maintenance', '--input', 'missing.json'], io)).toBe(1);
    expect(io.errors[0]).toMatch(/^error: cannot read --input missing.json: ENOENT/);
  });
});

describe('solutions', () => {
  const problem = compileProblem(generateDemoData('SMALL'));
  const schedule = { crew: new Int32Array(14).fill(1), start: Int32Array.from({ length: 14 }, (_, index) => index) };

  it('round-trip through assignments', () => {
    const solution = toSolution(problem, schedule);
    expect(solution.assignments[5]).toEqual({ jobId: '5', crewId: '2', startDate: '2026-12-07' });
    expect(fromAssignments(problem, solution)).toEqual(schedule);
  });

  it('refuse a start outside the workdays, an unknown crew and a missing job', () => {
    const assignments = toSolution(problem, schedule).assignments;
    const withFirst = (first: object) => ({ assignments: [{ ...assignments[0]!, ...first }, ...assignments.slice(1)] });
    expect(() => fromAssignments(problem, withFirst({ startDate: '2026-12-05' }))).toThrow(/2026-12-05 is not a workday of the calendar/);
    expect(() => fromAssignments(problem, withFirst({ crewId: '9' }))).toThrow(/unknown crew "9"/);
    expect(() => fromAssignments(problem, { assignments: assignments.slice(1) })).toThrow(/jobs without an assignment: 0/);
  });
});
