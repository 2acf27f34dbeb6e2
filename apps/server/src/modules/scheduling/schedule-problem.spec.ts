import { describe, expect, it } from 'vitest';
import { planningStart, releaseOf } from './schedule-problem';

const at = (time: string) => Date.parse(`2031-03-03T${time}:00.000Z`);
const booked = (start: string) => ({ technicianIds: ['t'], start: at(start), end: at(start) + 3_600_000 });

describe("a solve's earliest start", () => {
  it('is the next quarter hour after now', () => {
    expect(planningStart(at('10:01'))).toBe(at('10:15'));
    expect(planningStart(at('10:15'))).toBe(at('10:15'));
    expect(releaseOf(null, at('10:01'), at('00:00'))).toBe(at('10:15'));
  });

  it('lets a booking not yet begun stay where it is, and moves one whose start has passed', () => {
    expect(releaseOf(booked('10:10'), at('10:01'), at('00:00'))).toBe(at('10:10'));
    expect(releaseOf(booked('11:00'), at('10:01'), at('00:00'))).toBe(at('10:15'));
    expect(releaseOf(booked('09:00'), at('10:01'), at('00:00'))).toBe(at('10:15'));
  });

  it('is none for an analysis, or when the range begins later anyway', () => {
    expect(releaseOf(null, undefined, at('00:00'))).toBeNull();
    expect(releaseOf(null, at('10:01'), at('12:00'))).toBeNull();
  });
});
