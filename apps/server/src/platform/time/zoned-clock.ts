/**
 * Time primitives shared by the seed and the server: instants as epoch milliseconds and
 * wall-clock arithmetic in an IANA zone. Pure, so both sides compute the same hours.
 */

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
  /**
   * Per UTC hour, the offset that holds through all of it, or NaN for an hour in which it
   * changes: one lookup per hour keeps Intl off the hot path. Offsets do not only change on the
   * hour (St. John's falls back at 04:30 UTC, Chatham at 14:00 UTC + 45 minutes of its own), so
   * an hour whose first and last minutes differ is looked up by the minute.
   */
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
      era: 'short',
    });
  }

  /** Local time minus UTC at `instant`, in milliseconds. */
  offset(instant: number): number {
    const hour = Math.floor(instant / HOUR);
    let steady = this.offsetByHour.get(hour);
    if (steady === undefined) {
      const first = this.lookUp(hour * HOUR);
      steady = first === this.lookUp((hour + 1) * HOUR - MINUTE) ? first : Number.NaN;
      this.offsetByHour.set(hour, steady);
    }
    return Number.isNaN(steady) ? this.lookUp(Math.floor(instant / MINUTE) * MINUTE) : steady;
  }

  /** The offset at a whole minute, from Intl. */
  private lookUp(minute: number): number {
    const parts = this.formatter.formatToParts(new Date(minute));
    const fields = new Map<string, number>(parts.map((part) => [part.type, Number(part.value)]));
    const field = (name: string) => fields.get(name) ?? 0;
    // Years count from 1 in each era (1 BC is year 0). Set in full: Date.UTC reads 0–99 as 1900–1999.
    const bc = parts.some((part) => part.type === 'era' && part.value.startsWith('B'));
    const wall = new Date(0);
    wall.setUTCFullYear(bc ? 1 - field('year') : field('year'), field('month') - 1, field('day'));
    wall.setUTCHours(field('hour') % 24, field('minute'), 0, 0);
    return wall.getTime() - minute;
  }

  /** The local calendar day of `instant`, counted in days since 1970-01-01. */
  localDay(instant: number): number {
    return Math.floor((instant + this.offset(instant)) / DAY);
  }

  /**
   * The instant of `minuteOfDay` on local day `day`. A wall-clock time that happens twice (the
   * clocks go back) is its first occurrence; one that never happens (the clocks jump forward over
   * it) is the instant the clocks jump, pushed on by how far into the gap it was (02:30 in a
   * 02:00–03:00 gap is 03:30, as the clocks then read): a shift from 02:00 on that day starts at
   * 03:00, east or west of UTC alike.
   */
  instantAt(day: number, minuteOfDay: number): number {
    const wallClock = day * DAY + minuteOfDay * MINUTE;
    // The offsets in force around the wall clock (a change is at most a few hours wide).
    const near = wallClock - this.offset(wallClock);
    const offsets = [this.offset(near - 6 * HOUR), this.offset(near), this.offset(near + 6 * HOUR)];
    let chosen = Number.NaN;
    for (const offset of offsets) {
      if (this.offset(wallClock - offset) === offset && !(offset <= chosen)) chosen = offset;
    }
    return wallClock - (Number.isNaN(chosen) ? Math.min(...offsets) : chosen);
  }

  /** ISO weekday of a local day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
  static weekday(day: number): number {
    return ((((day + 3) % 7) + 7) % 7) + 1;
  }
}

/** Minutes since midnight of an 'HH:MM' time. */
export const minuteOfDay = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** A moment as people read it in a time zone, for messages: "Mon 8 Dec 2026, 10:00 (Europe/Berlin)". */
export function readableTime(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${timezone})`;
}
