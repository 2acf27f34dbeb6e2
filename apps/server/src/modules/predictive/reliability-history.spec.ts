import { describe, expect, it } from 'vitest';
import { type FailureRecord, fleetHistory, unitHistory } from './reliability-history';

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, 1 + day, hour));
const RECORDS_START = at(0);
const NOW = at(100);

const failure = (equipmentId: string, reportedDay: number, endDay: number | null, minutes: number | null): FailureRecord => ({
  equipmentId,
  reportedAt: at(reportedDay),
  actualStart: at(reportedDay, 2),
  actualEnd: endDay === null ? null : at(endDay),
  actualMinutes: minutes,
});

describe('unitHistory', () => {
  it('a pump installed on day 10 that failed on days 30 and 70: lives of 20 and 39 days, then 29 days censored', () => {
    const history = unitHistory(
      { equipmentId: 'p1', installDate: at(10) },
      [failure('p1', 70, 71, 180), failure('p1', 30, 31, 90)],
      RECORDS_START,
      NOW,
    );
    expect(history.lives).toEqual([
      { duration: 20 * 24, failed: true },
      { duration: 39 * 24, failed: true },
      { duration: 29 * 24, failed: false },
    ]);
    expect(history.repairs).toEqual([{ duration: 1.5 }, { duration: 3 }]);
    expect(history.ageHours).toBe(29 * 24);
  });

  it('leaves out the first life of equipment installed before the records began', () => {
    const history = unitHistory({ equipmentId: 'p2', installDate: at(-400) }, [failure('p2', 50, 51, 60)], RECORDS_START, NOW);
    expect(history.lives).toEqual([{ duration: 49 * 24, failed: false }]);
  });

  it('counts a unit that never failed as censored from the start of the records, or from its install date', () => {
    expect(unitHistory({ equipmentId: 'p3', installDate: null }, [], RECORDS_START, NOW).lives).toEqual([
      { duration: 100 * 24, failed: false },
    ]);
    expect(unitHistory({ equipmentId: 'p3', installDate: at(60) }, [], RECORDS_START, NOW).ageHours).toBe(40 * 24);
  });

  it('takes the repair time from actual start and end when no minutes were booked, and restores at the report without an end', () => {
    const history = unitHistory(
      { equipmentId: 'p4', installDate: at(0) },
      [failure('p4', 10, null, null), { ...failure('p4', 20, 21, null) }],
      RECORDS_START,
      NOW,
    );
    // Day 10 restored at its report (no end): the next life is day 10 → 20.
    expect(history.lives.map((life) => life.duration / 24)).toEqual([10, 10, 79]);
    // Day 20: from 02:00 to day 21 00:00 is 22 hours.
    expect(history.repairs).toEqual([{ duration: 22 }]);
  });
});

describe('fleetHistory', () => {
  it('pools the lives and repairs of every unit of a type', () => {
    const { perUnit, pooled } = fleetHistory(
      [
        { equipmentId: 'a', installDate: at(10) },
        { equipmentId: 'b', installDate: at(20) },
      ],
      [failure('a', 30, 31, 120), failure('b', 50, 50, 60)],
      RECORDS_START,
      NOW,
    );
    expect(perUnit.get('b')?.lives).toEqual([
      { duration: 30 * 24, failed: true },
      { duration: 50 * 24, failed: false },
    ]);
    expect(pooled.lives.filter((life) => life.failed).map((life) => life.duration)).toEqual([480, 720]);
    expect(pooled.repairs.map((repair) => repair.duration)).toEqual([2, 1]);
  });
});
