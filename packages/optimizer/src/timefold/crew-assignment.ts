/**
 * Crews for a set of starts. The days a job covers are an interval, and interval graphs are
 * perfect: when no day holds more jobs than there are crews, first fit in start order gives
 * every job a crew with no two of a crew's jobs overlapping.
 */
import { type CompiledProblem } from './model';

export function assignCrews(problem: CompiledProblem, starts: Int32Array): Int32Array {
  const startCount = problem.startDays.length;
  const order = Array.from({ length: problem.jobCount }, (_, job) => job).sort((a, b) => starts[a]! - starts[b]! || a - b);
  const freeFrom = new Array<number>(problem.crewCount).fill(-Infinity);
  const crews = new Int32Array(problem.jobCount);
  for (const job of order) {
    const from = problem.startDays[starts[job]!]!;
    const end = problem.endDays[job * startCount + starts[job]!]!;
    if (end === from) continue; // a 0-day job covers no day: crew 0 conflicts with nothing
    let chosen = freeFrom.findIndex((free) => free <= from);
    // Only when more jobs than crews cover a day: the crew that is free soonest.
    if (chosen < 0) chosen = freeFrom.indexOf(Math.min(...freeFrom));
    crews[job] = chosen;
    freeFrom[chosen] = Math.max(freeFrom[chosen]!, end);
  }
  return crews;
}
