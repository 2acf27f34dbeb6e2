import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from './calendar';
import { compileProblem } from './compile';
import { IncrementalScorer, UNASSIGNED, placementsOf, scorePlacements, totalPenalty } from './constraints';
import { assignCrews } from './crew-assignment';
import { type CompiledProblem, type Penalty, type TimefoldMaintenanceProblem } from './model';

const FROM = parseIsoDate('2026-11-30')!;
const TAGS = ['Downtown', 'Uptown', 'Subway'];

/** Random small problems: 1–3 crews, 1–8 jobs of 0–7 days, optional dates, tags from three. */
const problemArbitrary = fc
  .record({
    weeks: fc.integer({ min: 1, max: 4 }),
    crews: fc.integer({ min: 1, max: 3 }),
    rule: fc.constantFrom('v1' as const, 'v2' as const),
    jobs: fc.array(
      fc.record({
        duration: fc.integer({ min: 0, max: 7 }),
        ready: fc.option(fc.integer({ min: 0, max: 30 })),
        due: fc.option(fc.integer({ min: 0, max: 40 })),
        ideal: fc.option(fc.integer({ min: 0, max: 40 })),
        tags: fc.subarray(TAGS),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ weeks, crews, rule, jobs }): TimefoldMaintenanceProblem => {
    const date = (offset: number | null): string | null => (offset === null ? null : formatIsoDate(FROM + offset));
    return {
      name: 'random',
      workCalendar: { fromDate: formatIsoDate(FROM), toDate: formatIsoDate(FROM + weeks * 7) },
      crews: Array.from({ length: crews }, (_, index) => ({ id: String(index), name: `crew ${index}` })),
      jobs: jobs.map((job, index) => ({
        id: String(index),
        name: `job ${index}`,
        durationInDays: job.duration,
        readyDate: date(job.ready),
        dueDate: date(job.due),
        idealEndDate: date(job.ideal),
        tags: job.tags,
      })),
      endDateRule: rule,
    };
  });

/** A move: job (mod job count), crew (mod crews, or -1 to take the job out), start (mod starts). */
const movesArbitrary = fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 5 }), fc.nat()), { minLength: 1, maxLength: 40 });

function fullPenalty(problem: CompiledProblem, scorer: IncrementalScorer): Penalty {
  return totalPenalty(scorePlacements(problem, placementsOf(problem, { crew: scorer.crew, start: scorer.start })));
}

/** Crews pooled: ready/due as usual plus max(0, n − C)(n − C + 1)/2 per day holding n jobs. */
function pooledReference(problem: CompiledProblem, scorer: IncrementalScorer): Penalty {
  const parts = scorePlacements(
    problem,
    placementsOf(problem, { crew: new Int32Array(scorer.crew).map((crew) => (crew === UNASSIGNED ? crew : 0)), start: scorer.start }),
  );
  const perDay = new Array<number>(problem.horizon).fill(0);
  scorer.crew.forEach((crew, job) => {
    if (crew === UNASSIGNED) return;
    for (let day = problem.startDays[scorer.start[job]!]!; day < scorer.endOf(job, scorer.start[job]!); day++) perDay[day]!++;
  });
  const over = perDay.reduce(
    (sum, count) => sum + (count > problem.crewCount ? ((count - problem.crewCount) * (count - problem.crewCount + 1)) / 2 : 0),
    0,
  );
  return { hard: parts.readyDate + parts.dueDate + over, soft: parts.beforeIdealEndDate + parts.afterIdealEndDate + parts.tagConflict };
}

function play(
  problem: CompiledProblem,
  scorer: IncrementalScorer,
  moves: readonly [number, number, number][],
  reference: (s: IncrementalScorer) => Penalty,
): void {
  const startCount = problem.startDays.length;
  for (const [jobSeed, crewSeed, startSeed] of moves) {
    const job = jobSeed % problem.jobCount;
    const crew = crewSeed < 0 ? UNASSIGNED : crewSeed % problem.crewCount;
    const start = startSeed % startCount;
    if (crew !== UNASSIGNED && scorer.crew[job] !== UNASSIGNED) {
      const before = scorer.penalty();
      const delta = scorer.changeDelta(job, crew, start);
      scorer.change(job, crew, start);
      expect({ hard: scorer.hard - before.hard, soft: scorer.soft - before.soft }).toEqual(delta);
    } else if (crew === UNASSIGNED) scorer.unassign(job);
    else scorer.assign(job, crew, start);
    expect(scorer.penalty()).toEqual(reference(scorer));
  }
}

describe('the incremental scorer', () => {
  it('equals the full pairwise scorer after any sequence of moves, and its deltas are exact', () => {
    fc.assert(
      fc.property(problemArbitrary, movesArbitrary, (source, moves) => {
        const problem = compileProblem(source);
        play(problem, new IncrementalScorer(problem), moves, (scorer) => fullPenalty(problem, scorer));
      }),
      { numRuns: 300 },
    );
  });

  it('with pooled crews, equals the pooled reference; with no day over capacity, first-fit crews score the same', () => {
    fc.assert(
      fc.property(problemArbitrary, movesArbitrary, (source, moves) => {
        const problem = compileProblem(source);
        const scorer = new IncrementalScorer(problem, undefined, { pooledCrews: true });
        play(problem, scorer, moves, (current) => pooledReference(problem, current));
        for (let job = 0; job < problem.jobCount; job++) if (scorer.crew[job] === UNASSIGNED) scorer.assign(job, 0, 0);
        const crews = assignCrews(problem, scorer.start);
        const exact = scorePlacements(problem, placementsOf(problem, { crew: crews, start: scorer.start }));
        // No day over capacity: the pooled hard penalty is only ready/due dates, and then the
        // crews first fit gives make the exact score equal the pooled one.
        if (scorer.hard === exact.readyDate + exact.dueDate) expect(totalPenalty(exact)).toEqual(scorer.penalty());
      }),
      { numRuns: 300 },
    );
  });
});
