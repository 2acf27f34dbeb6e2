/** Turns a schedule into the `timefold-maintenance` output shape, and back. */
import { formatIsoDate, parseIsoDate } from './calendar';
import { formatScore, scoreSchedule } from './constraints';
import { type CompiledProblem, type Schedule, type TimefoldMaintenanceSolution } from './model';

export function toSolution(problem: CompiledProblem, schedule: Schedule): TimefoldMaintenanceSolution {
  const { jobs, crews } = problem.source;
  return {
    assignments: jobs.map((job, index) => ({
      jobId: job.id,
      crewId: crews[schedule.crew[index]!]!.id,
      startDate: formatIsoDate(problem.epochDayZero + problem.startDays[schedule.start[index]!]!),
    })),
    score: formatScore(scoreSchedule(problem, schedule)),
  };
}

/**
 * Reads assignments back into a schedule (to rescore a solution). Every job needs exactly one
 * assignment with a known crew and a start in the calendar's value range.
 */
export function fromAssignments(problem: CompiledProblem, solution: Pick<TimefoldMaintenanceSolution, 'assignments'>): Schedule {
  const jobIndex = new Map(problem.source.jobs.map((job, index) => [job.id, index]));
  const crewIndex = new Map(problem.source.crews.map((crew, index) => [crew.id, index]));
  const startIndex = new Map(Array.from(problem.startDays, (day, index) => [formatIsoDate(problem.epochDayZero + day), index]));
  const crew = new Int32Array(problem.jobCount).fill(-1);
  const start = new Int32Array(problem.jobCount);
  for (const assignment of solution.assignments) {
    const job = jobIndex.get(assignment.jobId);
    if (job === undefined) throw new RangeError(`assignment for unknown job "${assignment.jobId}"`);
    if (crew[job] !== -1) throw new RangeError(`job "${assignment.jobId}" is assigned twice`);
    const crewAt = crewIndex.get(assignment.crewId);
    if (crewAt === undefined) throw new RangeError(`job "${assignment.jobId}": unknown crew "${assignment.crewId}"`);
    const startAt = startIndex.get(assignment.startDate);
    if (startAt === undefined || parseIsoDate(assignment.startDate) === null) {
      throw new RangeError(`job "${assignment.jobId}": ${assignment.startDate} is not a workday of the calendar`);
    }
    crew[job] = crewAt;
    start[job] = startAt;
  }
  const missing = problem.source.jobs.filter((_, index) => crew[index] === -1).map((job) => job.id);
  if (missing.length > 0) throw new RangeError(`jobs without an assignment: ${missing.join(', ')}`);
  return { crew, start };
}
