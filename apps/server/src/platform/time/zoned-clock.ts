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
      era: 'short',
    });
  }

  /** Local time minus UTC at `instant`, in milliseconds. */
  offset(instant: number): number {
    const hour = Math.floor(instant / HOUR);
    const cached = this.offsetByHour.get(hour);
    if (cached !== undefined) return cached;
    const parts = this.formatter.formatToParts(new Date(hour * HOUR));
    const fields = new Map<string, number>(parts.map((part) => [part.type, Number(part.value)]));
    const field = (name: string) => fields.get(name) ?? 0;
    // Years count from 1 in each era (1 BC is year 0). Set in full: Date.UTC reads 0–99 as 1900–1999.
    const bc = parts.some((part) => part.type === 'era' && part.value.startsWith('B'));
    const wall = new Date(0);
    wall.setUTCFullYear(bc ? 1 - field('year') : field('year'), field('month') - 1, field('day'));
    wall.setUTCHours(field('hour') % 24, field('minute'), 0, 0);
    const wallClock = wall.getTime();
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

/** Minutes since midnight of an 'HH:MM' time. */
export const minuteOfDay = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};
