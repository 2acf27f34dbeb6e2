import type { ShiftJson } from '../schema';
import { type Interval, MINUTE, overlaps, ZonedClock, minuteOfDay } from '../../time/zoned-clock';

// Other seed files import these from here; the implementation lives in platform/time.
export { DAY, HOUR, MINUTE, type Interval, overlaps, ZonedClock } from '../../time/zoned-clock';

/**
 * One technician's working time: the weekly pattern made concrete, minus leave and training.
 * Planning uses it so generated work lands inside shifts, as a planner would book it.
 */
export class ShiftCalendar {
  private readonly shiftsByDay = new Map<number, Interval[]>();

  constructor(
    private readonly clock: ZonedClock,
    private readonly pattern: readonly ShiftJson[],
    private readonly unavailable: readonly Interval[],
  ) {}

  /** Shifts that begin on local day `day`; a shift ending before it starts runs past midnight. */
  shiftsStartingOn(day: number): Interval[] {
    const cached = this.shiftsByDay.get(day);
    if (cached) return cached;
    const weekday = ZonedClock.weekday(day);
    const shifts = this.pattern
      .filter((shift) => shift.weekday === weekday)
      .map((shift) => {
        const startMinute = minuteOfDay(shift.start);
        const endMinute = minuteOfDay(shift.end);
        const endDay = endMinute <= startMinute ? day + 1 : day;
        return { start: this.clock.instantAt(day, startMinute), end: this.clock.instantAt(endDay, endMinute) };
      })
      .filter((shift) => !this.unavailable.some((absence) => overlaps(absence, shift)))
      .sort((a, b) => a.start - b.start);
    this.shiftsByDay.set(day, shifts);
    return shifts;
  }

  /**
   * The earliest start at or after `from`, inside a shift, that keeps [start, start + minutes)
   * clear of `busy`. Work that fits in a shift must fit before the shift ends; longer work may
   * run over, as real repairs do. Falls back to `from` when no shift comes up within 4 weeks.
   */
  findStart(from: number, minutes: number, busy: readonly Interval[] = []): number {
    return this.findStartWithin(from, minutes, busy) ?? from;
  }

  /** `findStart` without the fallback: null when no shift within 4 weeks has room. */
  findStartWithin(from: number, minutes: number, busy: readonly Interval[] = []): number | null {
    const length = minutes * MINUTE;
    const firstDay = this.clock.localDay(from) - 1;
    for (let day = firstDay; day <= firstDay + 28; day++) {
      for (const shift of this.shiftsStartingOn(day)) {
        const mustFit = Math.min(length, shift.end - shift.start);
        let start = Math.max(from, shift.start);
        while (start + mustFit <= shift.end) {
          const candidate = { start, end: start + length };
          const clash = busy.find((booking) => overlaps(booking, candidate));
          if (!clash) return start;
          start = clash.end;
        }
      }
    }
    return null;
  }

  /** On leave or in training at `instant`. */
  isAbsentAt(instant: number): boolean {
    return this.unavailable.some((absence) => absence.start <= instant && instant < absence.end);
  }

  /** The last shift that started at or before `instant` (searching back a week). */
  latestShiftBefore(instant: number): Interval | undefined {
    const today = this.clock.localDay(instant);
    for (let day = today; day >= today - 7; day--) {
      const started = this.shiftsStartingOn(day).filter((shift) => shift.start <= instant);
      const latest = started[started.length - 1];
      if (latest) return latest;
    }
    return undefined;
  }
}
