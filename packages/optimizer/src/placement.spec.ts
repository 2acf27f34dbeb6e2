import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile';
import { latestFit, placeAt, workingFor } from './placement';
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
