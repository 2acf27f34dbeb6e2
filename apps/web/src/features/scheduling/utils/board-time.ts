/**
 * The board's time axis, in the browser's local time: a day of hourly slots or a week (Monday
 * first) of half-day slots. Instants are epoch milliseconds; slots carry a local key
 * (`YYYY-MM-DDTHH:mm`) that names them in test ids.
 */
export type BoardView = 'day' | 'week';

export interface Interval {
  start: number;
  end: number;
}

export interface Slot extends Interval {
  key: string;
}

export interface BoardRange extends Interval {
  view: BoardView;
  slots: Slot[];
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DD` of a local date. */
export const dateKey = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** `YYYY-MM-DDTHH:mm` of an instant in local time. */
export function localKey(instant: number): string {
  const date = new Date(instant);
  return `${dateKey(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `YYYY-MM-DD` value as local midnight; today for anything unreadable. */
export function parseDateKey(value: string | null): Date {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const today = new Date();
  if (!match) return new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

const mondayOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate() - ((date.getDay() + 6) % 7));

/** The visible range around `anchor`: its day, or the Monday-to-Sunday week holding it. */
export function boardRange(view: BoardView, anchor: Date): BoardRange {
  const first = view === 'day' ? anchor : mondayOf(anchor);
  const days = view === 'day' ? 1 : 7;
  const hours = view === 'day' ? Array.from({ length: 24 }, (_, hour) => hour) : [0, 12];
  // The instant each local hour (or half-day) begins. On the day clocks go forward the hour they
  // skip begins when the next one does, so it is dropped: a 23-hour day of 23 slots, none of zero
  // width. On the day they go back, the hour that happens twice is one slot of two real hours.
  const instants = new Set<number>();
  for (let day = 0; day <= days; day++) {
    for (const hour of day < days ? hours : [0]) {
      instants.add(new Date(first.getFullYear(), first.getMonth(), first.getDate() + day, hour).getTime());
    }
  }
  const bounds = [...instants].sort((a, b) => a - b);
  const slots: Slot[] = bounds.slice(0, -1).map((start, index) => ({ start, end: bounds[index + 1]!, key: localKey(start) }));
  return { view, start: bounds[0]!, end: bounds.at(-1)!, slots };
}

/** The anchor one range earlier or later (`direction` −1 or 1). */
export function stepAnchor(view: BoardView, anchor: Date, direction: number): Date {
  const days = (view === 'day' ? 1 : 7) * direction;
  return new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate() + days);
}

/** Where an interval sits on the axis, in percent of its width; null when it is outside. */
export function placeOnAxis(range: Interval, interval: Interval): { left: number; width: number } | null {
  const start = Math.max(interval.start, range.start);
  const end = Math.min(interval.end, range.end);
  if (end <= start) return null;
  const span = range.end - range.start;
  return { left: ((start - range.start) / span) * 100, width: ((end - start) / span) * 100 };
}

/** The step of the arrow keys: half an hour on a day, an hour on a week. */
export const nudgeStep = (view: BoardView) => (view === 'day' ? 30 * MINUTE_MS : HOUR_MS);
