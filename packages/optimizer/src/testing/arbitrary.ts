import fc from 'fast-check';
import type { Assignment, Interval, Job, Problem, Technician } from '../model';
import { HOUR, at } from './fixtures';

/**
 * Random small plants for property tests: 1–3 technicians with uneven shifts and overtime over
 * three days, 1–7 jobs with every kind of constraint (including pins that may be infeasible),
 * equipment and conflict groups sometimes held by work outside the problem.
 * Times are whole minutes so the minute-by-minute checker can read them.
 */

const HORIZON_HOURS = 72;
const hourAt = (hours: number): number => at(0, 0) + hours * HOUR;

/** `arbitrary` in about `percent` % of the cases, null otherwise. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary });

const technicianArb = fc.record({
  a: fc.constantFrom(0, 1, 2, 2, 3, 3),
  b: fc.constantFrom(0, 1, 2, 2, 3, 3),
  shifts: fc.array(fc.record({ day: fc.integer({ min: 0, max: 2 }), from: fc.constantFrom(6, 8, 10), hours: fc.constantFrom(4, 6, 8) }), {
    minLength: 1,
    maxLength: 4,
  }),
  overtime: sometimes(fc.record({ day: fc.integer({ min: 0, max: 2 }), from: fc.constantFrom(16, 18) }), 30),
  site: fc.constantFrom('x', 'y'),
});

const jobArb = fc.record({
  slots: fc.integer({ min: 1, max: 16 }),
  skill: fc.constantFrom(null, 'a', 'b'),
  level: fc.constantFrom(1, 1, 2, 3),
  crew: fc.constantFrom(1, 1, 1, 1, 2, 2, 3),
  priority: fc.integer({ min: 1, max: 5 }),
  release: sometimes(fc.integer({ min: 0, max: HORIZON_HOURS - 1 }), 40),
  deadline: sometimes(fc.integer({ min: 1, max: HORIZON_HOURS }), 30),
  lateIfUnreachable: fc.boolean(),
  target: sometimes(fc.integer({ min: 1, max: HORIZON_HOURS }), 50),
  early: fc.boolean(),
  equipment: fc.constantFrom(null, 'e1', 'e2'),
  downtime: fc.constantFrom(false, false, false, true),
  group: fc.constantFrom(null, 'g1', 'g1', 'g2', 'both'),
  predecessor: sometimes(fc.integer({ min: 0, max: 5 }), 30),
  pin: sometimes(fc.record({ tech: fc.integer({ min: 0, max: 2 }), hour: fc.integer({ min: 0, max: HORIZON_HOURS - 1 }) }), 15),
  preferred: sometimes(fc.integer({ min: 0, max: 2 }), 20),
  site: fc.constantFrom('x', 'y'),
});

export const smallProblem: fc.Arbitrary<Problem> = fc
  .record({
    technicians: fc.array(technicianArb, { minLength: 1, maxLength: 3 }),
    jobs: fc.array(jobArb, { minLength: 1, maxLength: 7 }),
    windows: fc.array(
      fc.record({
        e: fc.constantFrom('e1', 'e2'),
        hour: fc.integer({ min: 0, max: HORIZON_HOURS - 1 }),
        hours: fc.integer({ min: 1, max: 10 }),
      }),
      { maxLength: 5 },
    ),
    // "Now", from which an unreachable deadline is judged (the server passes the time of the run).
    judgedFrom: sometimes(fc.integer({ min: 0, max: HORIZON_HOURS - 1 }), 30),
    // Booked work outside the problem holding an equipment.
    held: fc.array(
      fc.record({
        e: fc.constantFrom('e1', 'e2'),
        halfHour: fc.integer({ min: 0, max: HORIZON_HOURS * 2 - 1 }),
        halfHours: fc.integer({ min: 1, max: 8 }),
      }),
      { maxLength: 3 },
    ),
    // Booked work outside the problem holding a conflict group (g3: one no job has).
    groupHeld: fc.array(
      fc.record({
        g: fc.constantFrom('g1', 'g1', 'g2', 'g3'),
        halfHour: fc.integer({ min: 0, max: HORIZON_HOURS * 2 - 1 }),
        halfHours: fc.integer({ min: 1, max: 8 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ technicians, jobs, windows, judgedFrom, held, groupHeld }): Problem => {
    const techs: Technician[] = technicians.map((t, i) => ({
      id: `T${i}`,
      skills: { a: t.a, b: t.b },
      availability: t.shifts.map((s) => ({ start: at(s.day, s.from), end: at(s.day, s.from + s.hours) })),
      overtime: t.overtime ? [{ start: at(t.overtime.day, t.overtime.from), end: at(t.overtime.day, t.overtime.from + 2) }] : [],
      siteId: t.site,
    }));
    const jobList: Job[] = jobs.map((j, i) => ({
      id: `J${i}`,
      durationMinutes: j.slots * 30,
      requiredSkills: j.skill ? [{ skill: j.skill, minLevel: j.level }] : [],
      crewSize: Math.min(j.crew, techs.length),
      priorityWeight: j.priority,
      releaseAt: j.release === null ? null : hourAt(j.release),
      deadlineAt: j.deadline === null ? null : hourAt(j.deadline),
      lateIfDeadlineUnreachable: j.lateIfUnreachable,
      targetAt: j.target === null ? null : hourAt(j.target),
      penalizeEarliness: j.early,
      equipmentId: j.equipment,
      requiresDowntime: j.downtime,
      conflictGroups: j.group === 'both' ? ['g1', 'g2'] : j.group ? [j.group] : [],
      predecessorIds: j.predecessor !== null && j.predecessor < i ? [`J${j.predecessor}`] : [],
      pinned: j.pin ? { technicianIds: [`T${j.pin.tech % techs.length}`], start: hourAt(j.pin.hour) } : null,
      preferredTechnicianId: j.preferred === null ? null : `T${j.preferred % techs.length}`,
      siteId: j.site,
    }));
    const windowsOf = (e: string): Interval[] =>
      windows.filter((w) => w.e === e).map((w) => ({ start: hourAt(w.hour), end: hourAt(Math.min(HORIZON_HOURS, w.hour + w.hours)) }));
    const heldOf = (e: string): Interval[] =>
      held.filter((h) => h.e === e).map((h) => ({ start: hourAt(h.halfHour / 2), end: hourAt((h.halfHour + h.halfHours) / 2) }));
    const groupHeldOf = (g: string): Interval[] =>
      groupHeld.filter((h) => h.g === g).map((h) => ({ start: hourAt(h.halfHour / 2), end: hourAt((h.halfHour + h.halfHours) / 2) }));
    return {
      horizon: { start: hourAt(0), end: hourAt(HORIZON_HOURS) },
      deadlinesJudgedFrom: judgedFrom === null ? null : hourAt(judgedFrom),
      technicians: techs,
      jobs: jobList,
      equipmentWindows: { e1: windowsOf('e1'), e2: windowsOf('e2') },
      equipmentBusy: { e1: heldOf('e1'), e2: heldOf('e2') },
      groupBusy: { g1: groupHeldOf('g1'), g2: groupHeldOf('g2'), g3: groupHeldOf('g3') },
      travelMinutes: { x: { y: 30 } },
    };
  });

/** A problem with an arbitrary (mostly infeasible) manual schedule: any crew, any half hour. */
export const problemWithSchedule: fc.Arbitrary<{ problem: Problem; assignments: Assignment[] }> = smallProblem.chain((problem) =>
  fc
    .tuple(
      ...problem.jobs.map(() =>
        fc.option(
          fc.record({
            crew: fc.subarray(
              problem.technicians.map((t) => t.id),
              { minLength: 1 },
            ),
            halfHour: fc.integer({ min: 0, max: HORIZON_HOURS * 2 - 1 }),
          }),
          { nil: null },
        ),
      ),
    )
    .map((choices) => ({
      problem,
      assignments: choices.flatMap((choice, i) =>
        choice ? [{ jobId: `J${i}`, technicianIds: choice.crew, start: hourAt(choice.halfHour / 2), end: 0 }] : [],
      ),
    })),
);
