/**
 * Every crew × start of every job: the exact optimum of a tiny problem, to check the solver and
 * the MIP against (crews^jobs × starts^jobs schedules, so keep it to a handful of jobs).
 */
import { comparePenalty, scoreSchedule } from './constraints';
import { type CompiledProblem, type Penalty } from './model';

export function bruteForceOptimum(problem: CompiledProblem): Penalty {
  const startCount = problem.startDays.length;
  if ((problem.crewCount * startCount) ** problem.jobCount > 5_000_000) throw new RangeError('too large to enumerate');
  const crew = new Int32Array(problem.jobCount);
  const start = new Int32Array(problem.jobCount);
  let best: Penalty = { hard: Infinity, soft: Infinity };
  const visit = (job: number): void => {
    if (job === problem.jobCount) {
      const penalty = scoreSchedule(problem, { crew, start });
      if (comparePenalty(penalty, best) < 0) best = penalty;
      return;
    }
    for (let crewIndex = 0; crewIndex < problem.crewCount; crewIndex++) {
      for (let startIndex = 0; startIndex < startCount; startIndex++) {
        crew[job] = crewIndex;
        start[job] = startIndex;
        visit(job + 1);
      }
    }
  };
  visit(0);
  return best;
}
