import type { ShiftJson } from '../schema';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A time range in epoch milliseconds, end exclusive. */
export type Interval = { start: number; end: number };

export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/**
 * Converts between instants and wall-clock time in one IANA zone, so shifts written as
 * '07:00' in Europe/Berlin land on the right UTC instant on both sides of a DST change.
 */
export class ZonedClock {
  private readonly formatter: Intl.DateTimeFormat;
  // Offsets only change on the hour, so one lookup per hour keeps Intl off the hot path.
  private readonly offsetByHour = new Map<number, number>();

  constructor(readonly timezone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  }

  /** Local time minus UTC at `instant`, in milliseconds. */
  offset(instant: number): number {
    const hour = Math.floor(instant / HOUR);
    const cached = this.offsetByHour.get(hour);
    if (cached !== undefined) return cached;
    const fields = new Map<string, number>(
      this.formatter.formatToParts(new Date(hour * HOUR)).map((part) => [part.type, Number(part.value)]),
    );
    const field = (name: string) => fields.get(name) ?? 0;
    const wallClock = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour') % 24, field('minute'));
    const offset = wallClock - hour * HOUR;
    this.offsetByHour.set(hour, offset);
    return offset;
  }

  /** The local calendar day of `instant`, counted in days since 1970-01-01. */
  localDay(instant: number): number {
    return Math.floor((instant + this.offset(instant)) / DAY);
  }

  /** The instant of `minuteOfDay` on local day `day`. */
  instantAt(day: number, minuteOfDay: number): number {
    const wallClock = day * DAY + minuteOfDay * MINUTE;
    const estimate = wallClock - this.offset(wallClock);
    return wallClock - this.offset(estimate);
  }

  /** ISO weekday of a local day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
  static weekday(day: number): number {
    return ((((day + 3) % 7) + 7) % 7) + 1;
  }
}

const minuteOfDay = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

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
    return from;
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
