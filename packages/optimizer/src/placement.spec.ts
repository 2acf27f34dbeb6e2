import { describe, expect, it } from 'vitest';
import { type CompiledJob, compileProblem } from './compile';
import { construct } from './construction';
import { generatePlant } from './generate';
import { placePinned } from './insertion';
import { type BusyView, earliestFit, latestFit, placeAt, workingFor } from './placement';
import { createRandom } from './random';
import { ScoreState } from './score';
import { at, job, plant, shifts, technician } from './testing/fixtures';

/** Ana works Monday and Tuesday 08–16; a one-hour job is booked Monday 13:00–14:00. */
function anaWithBooking(durationMinutes: number) {
  const compiled = compileProblem(
    plant({
      technicians: [technician('ana', { mechanical: 2 }, { availability: shifts([0, 1], 8, 16) })],
      jobs: [job('booked', 60), job('new', durationMinutes)],
    }),
  );
  const state = new ScoreState(compiled);
  state.assign(0, placeAt(compiled, compiled.jobs[0]!, [0], at(0, 13)));
  const candidate = compiled.jobs[1]!;
  return { state, candidate, working: workingFor(compiled, candidate, [0]) };
}

describe('latest fit', () => {
  it('a two-hour job to end by Monday 15:00 steps back before the 13:00 booking: 11:00–13:00', () => {
    const { state, candidate, working } = anaWithBooking(120);
    expect(latestFit(state, candidate, [0], working, at(0, 0), at(0, 15))).toMatchObject({ start: at(0, 11), end: at(0, 13) });
  });

  it('a ten-hour job to end by Tuesday 16:00 starts Monday 14:00 after the booking, over the night', () => {
    const { state, candidate, working } = anaWithBooking(600);
    expect(latestFit(state, candidate, [0], working, at(0, 0), at(1, 16))).toEqual({
      techs: [0],
      start: at(0, 14),
      end: at(1, 16),
      segments: [
        { start: at(0, 14), end: at(0, 16) },
        { start: at(1, 8), end: at(1, 16) },
      ],
    });
  });

  it('finds nothing when every start ending by the bound meets the booking: ten hours by Tuesday 12:00', () => {
    const { state, candidate, working } = anaWithBooking(600);
    expect(latestFit(state, candidate, [0], working, at(0, 0), at(1, 10))).toBeNull();
  });

  it('ends exactly at a bound inside working time, one minute into the morning if asked', () => {
    const { state, candidate, working } = anaWithBooking(120);
    expect(latestFit(state, candidate, [0], working, at(0, 0), at(1, 8, 1))).toMatchObject({ start: at(0, 14, 1), end: at(1, 8, 1) });
  });
});

describe('earliest fit steps over bookings its work does not meet', () => {
  it('downtime work on the pump: Monday 08–12 and Wednesday 08–14, over what Ana does on Tuesday', () => {
    // Ana works Monday to Friday 08–16; the pump may be down Monday 08–12 and Wednesday 08–16.
    // Ana is booked Tuesday 09–11 on other work. Ten hours of downtime work fit in the windows.
    const compiled = compileProblem(
      plant({
        technicians: [technician('ana', { mechanical: 2 })],
        jobs: [job('tuesday', 120), job('overhaul', 600, { equipmentId: 'pump', requiresDowntime: true })],
        equipmentWindows: { pump: [...shifts([0], 8, 12), ...shifts([2], 8, 16)] },
      }),
    );
    const state = new ScoreState(compiled);
    state.assign(0, placeAt(compiled, compiled.jobs[0]!, [0], at(1, 9)));
    const overhaul = compiled.jobs[1]!;
    expect(earliestFit(state, overhaul, [0], workingFor(compiled, overhaul, [0]), at(0, 0), at(5, 0))).toMatchObject({
      start: at(0, 8),
      end: at(2, 14),
      segments: [
        { start: at(0, 8), end: at(0, 12) },
        { start: at(2, 8), end: at(2, 14) },
      ],
    });
  });

  it('a crew of two: Monday and Wednesday, over the Tuesday Ana is booked and Ben is off', () => {
    // Ana works Monday to Wednesday, Ben Monday and Wednesday, both 08–16; Ana is booked all
    // Tuesday. Twelve hours of their common time: Monday 08–16 and Wednesday 08–12.
    const compiled = compileProblem(
      plant({
        technicians: [
          technician('ana', { mechanical: 2 }, { availability: shifts([0, 1, 2], 8, 16) }),
          technician('ben', { mechanical: 2 }, { availability: shifts([0, 2], 8, 16) }),
        ],
        jobs: [job('tuesday', 480), job('overhaul', 720, { crewSize: 2 })],
      }),
    );
    const state = new ScoreState(compiled);
    state.assign(0, placeAt(compiled, compiled.jobs[0]!, [0], at(1, 8)));
    const overhaul = compiled.jobs[1]!;
    expect(earliestFit(state, overhaul, [0, 1], workingFor(compiled, overhaul, [0, 1]), at(0, 0), at(5, 0))).toMatchObject({
      start: at(0, 8),
      end: at(2, 12),
    });
  });
});

describe('the room shortcut', () => {
  it('never changes what earliest fit finds, for single technicians and crews, on generated plants', () => {
    let queries = 0;
    let found = 0;
    for (const seed of [1, 2, 3]) {
      const compiled = compileProblem(generatePlant({ technicians: 15, jobs: 150, days: 14, seed }));
      const state = new ScoreState(compiled);
      placePinned(compiled, state);
      construct(compiled, state, () => false);
      // The same bookings, without the shortcut: earliest fit then only jumps booking by booking.
      const plain: BusyView = {
        technician: (t) => state.technician(t),
        equipment: (e) => state.equipment(e),
        group: (g) => state.group(g),
      };
      const random = createRandom(seed);
      const { start, end } = compiled.horizon;
      const ask = (job: CompiledJob, crew: number[], lower: number): void => {
        const working = workingFor(compiled, job, crew);
        const fit = earliestFit(state, job, crew, working, lower, end);
        expect(fit).toEqual(earliestFit(plain, job, crew, working, lower, end));
        queries++;
        if (fit) found++;
      };
      for (const job of compiled.jobs) {
        if (job.pinned || job.eligible.length < job.crewSize) continue;
        for (let draw = 0; draw < 4; draw++) {
          const crew = random
            .shuffle([...job.eligible])
            .slice(0, job.crewSize)
            .sort((a, b) => a - b);
          ask(job, crew, start + random.int(Math.floor((end - start) / 3_600_000)) * 3_600_000);
        }
        // Downtime work alone, on everyone qualified, from the start: its windows leave gaps
        // in which its technicians are booked on other work.
        if (job.windows && job.crewSize === 1) for (const t of job.eligible) ask(job, [t], start);
      }
    }
    // Enough of both answers for the comparison to mean something.
    expect(queries).toBeGreaterThan(1_500);
    expect(found).toBeGreaterThan(300);
    expect(queries - found).toBeGreaterThan(300);
  });
});
