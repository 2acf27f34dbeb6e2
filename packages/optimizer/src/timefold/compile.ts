/**
 * Turns a parsed problem into day numbers and per-(job, start) tables, so that a move costs a
 * few array reads. Day 0 is the calendar's fromDate.
 */
import { endDay, parseIsoDate, workdaysBetween } from './calendar';
import { CONSTRAINT_WEIGHTS, type CompiledProblem, type TimefoldMaintenanceProblem } from './model';

function dayNumber(isoDate: string | null, epochDayZero: number): number | null {
  if (isoDate === null) return null;
  const epochDay = parseIsoDate(isoDate);
  if (epochDay === null) throw new Error(`not an ISO date: ${isoDate}`);
  return epochDay - epochDayZero;
}

/** Ready- and due-date penalty (hard) of a job placed on [startDay, endDay). */
export function datePenalty(readyDay: number | null, dueDay: number | null, startDay: number, end: number): number {
  const early = readyDay !== null && startDay < readyDay ? readyDay - startDay : 0;
  const late = dueDay !== null && end > dueDay ? end - dueDay : 0;
  return early + late;
}

/** Both ideal-end penalties (soft) of a job ending (exclusive) on `end`. */
export function idealEndPenalty(idealEndDay: number | null, end: number): number {
  if (idealEndDay === null) return 0;
  if (end < idealEndDay) return CONSTRAINT_WEIGHTS.beforeIdealEndDate * (idealEndDay - end);
  if (end > idealEndDay) return CONSTRAINT_WEIGHTS.afterIdealEndDate * (end - idealEndDay);
  return 0;
}

export function compileProblem(problem: TimefoldMaintenanceProblem): CompiledProblem {
  const epochDayZero = parseIsoDate(problem.workCalendar.fromDate);
  const epochDayTo = parseIsoDate(problem.workCalendar.toDate);
  if (epochDayZero === null || epochDayTo === null) throw new Error('workCalendar dates must be parsed first');
  const startDays = Int32Array.from(workdaysBetween(epochDayZero, epochDayTo), (day) => day - epochDayZero);
  const startCount = startDays.length;
  const jobCount = problem.jobs.length;

  const tagIndex = new Map<string, number>();
  const jobTags = problem.jobs.map((job) =>
    job.tags.map((tag) => {
      const known = tagIndex.get(tag);
      if (known !== undefined) return known;
      tagIndex.set(tag, tagIndex.size);
      return tagIndex.size - 1;
    }),
  );

  const durations = Int32Array.from(problem.jobs, (job) => job.durationInDays);
  const readyDays = problem.jobs.map((job) => dayNumber(job.readyDate, epochDayZero));
  const dueDays = problem.jobs.map((job) => dayNumber(job.dueDate, epochDayZero));
  const idealEndDays = problem.jobs.map((job) => dayNumber(job.idealEndDate, epochDayZero));

  const endDays = new Int32Array(jobCount * startCount);
  const unaryHard = new Float64Array(jobCount * startCount);
  const unarySoft = new Float64Array(jobCount * startCount);
  let horizon = epochDayTo - epochDayZero;
  for (let job = 0; job < jobCount; job++) {
    for (let index = 0; index < startCount; index++) {
      const startDay = startDays[index]!;
      const end = endDay(problem.endDateRule, epochDayZero + startDay, durations[job]!) - epochDayZero;
      const cell = job * startCount + index;
      endDays[cell] = end;
      unaryHard[cell] = datePenalty(readyDays[job] ?? null, dueDays[job] ?? null, startDay, end);
      unarySoft[cell] = idealEndPenalty(idealEndDays[job] ?? null, end);
      horizon = Math.max(horizon, end);
    }
  }

  return {
    source: problem,
    epochDayZero,
    crewCount: problem.crews.length,
    jobCount,
    startDays,
    horizon: horizon + 1,
    durations,
    endDays,
    unaryHard,
    unarySoft,
    tagNames: [...tagIndex.keys()],
    jobTags,
    readyDays,
    dueDays,
    idealEndDays,
  };
}
