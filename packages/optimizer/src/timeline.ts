import { coveredMs } from './intervals';
import type { Interval } from './model';

/**
 * A resource's booked work segments (a technician, an equipment, a conflict group), sorted by
 * start. The solver keeps them free of overlaps, but a manual schedule or conflicting pins may
 * overlap, so queries never assume disjointness: they scan from `start - longest segment`.
 */

export interface TimelineEntry {
  start: number;
  end: number;
  job: number;
  /** Technician timelines: index of the working interval (shift) the segment starts in, or -1. */
  shift: number;
  /** Technician timelines: weighted travel penalty into this segment. */
  travel: number;
}

export class Timeline {
  readonly entries: TimelineEntry[] = [];
  /** Bumped on every change, so derived values can be cached. */
  version = 0;
  private longest = 0;
  private blocks: number[] = [];
  private blocksVersion = -1;
  private blocksWorking: readonly Interval[] | null = null;

  /** First index whose entry starts at or after `t` (ties ordered by job). */
  lowerBound(t: number, job = -1): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = entries[mid] as TimelineEntry;
      if (e.start < t || (e.start === t && e.job < job)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(entry: TimelineEntry): number {
    const at = this.lowerBound(entry.start, entry.job);
    this.entries.splice(at, 0, entry);
    if (entry.end - entry.start > this.longest) this.longest = entry.end - entry.start;
    this.version++;
    return at;
  }

  removeAt(at: number): TimelineEntry {
    const [removed] = this.entries.splice(at, 1);
    if (!removed) throw new Error(`timeline has no entry ${at}`);
    this.version++;
    return removed;
  }

  /**
   * Extends a busy-until time across entries that follow without free working time between
   * them (back-to-back jobs, or jobs separated only by nights and weekends): every start in
   * between is booked or not working, so a search can jump past the whole block at once.
   */
  busyChainEnd(until: number, working: readonly Interval[]): number {
    const entries = this.entries;
    for (let i = this.lowerBound(until - this.longest); i < entries.length; i++) {
      const e = entries[i] as TimelineEntry;
      if (e.end <= until) continue;
      if (e.start > until && coveredMs(working, until, e.start) > 0) break;
      until = e.end;
    }
    return until;
  }

  /**
   * The earliest instant at or after `from` from which the free working time before the next
   * booking is at least `durationMs` (Infinity if there is none). No job of that length can start
   * earlier on this resource — with or without other calendars narrowing `working` — so a search
   * may begin there. The free blocks are cached until the timeline changes.
   */
  roomFrom(working: readonly Interval[], from: number, durationMs: number): number {
    if (this.blocksVersion !== this.version || this.blocksWorking !== working) this.computeBlocks(working);
    const blocks = this.blocks;
    // Blocks are sorted and disjoint: find the first one ending after `from`.
    let lo = 0;
    let hi = blocks.length / 3;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((blocks[mid * 3 + 1] as number) > from) hi = mid;
      else lo = mid + 1;
    }
    for (let b = lo; b < blocks.length / 3; b++) {
      const blockStart = blocks[b * 3] as number;
      const start = Math.max(from, blockStart);
      const end = blocks[b * 3 + 1] as number;
      let room: number;
      if (start === blockStart) {
        room = blocks[b * 3 + 2] as number;
        if (room < 0) blocks[b * 3 + 2] = room = coveredMs(working, start, end);
      } else room = coveredMs(working, start, end);
      if (room >= durationMs) return start;
    }
    return Infinity;
  }

  /**
   * Free blocks between bookings as [start, end, working ms inside] triples. The working time
   * inside is -1 until a search first needs it: most searches stop at one of the first blocks.
   */
  private computeBlocks(working: readonly Interval[]): void {
    const blocks: number[] = [];
    let free = -Infinity;
    for (const e of this.entries) {
      if (e.start > free) blocks.push(free, e.start, -1);
      free = Math.max(free, e.end);
    }
    blocks.push(free, Infinity, -1);
    this.blocks = blocks;
    this.blocksVersion = this.version;
    this.blocksWorking = working;
  }

  /** Index of `job`'s entry starting at `start`. */
  indexOf(job: number, start: number): number {
    const at = this.lowerBound(start, job);
    const e = this.entries[at];
    if (!e || e.job !== job || e.start !== start) throw new Error(`timeline has no segment of job ${job} at ${start}`);
    return at;
  }

  /** Calls `visit` for every entry overlapping `[start, end)`. */
  forEachOverlapping(start: number, end: number, visit: (entry: TimelineEntry) => void): void {
    const entries = this.entries;
    for (let i = this.lowerBound(start - this.longest); i < entries.length; i++) {
      const e = entries[i] as TimelineEntry;
      if (e.start >= end) break;
      if (e.end > start) visit(e);
    }
  }

  /** The earliest start among entries overlapping `[start, end)`, or Infinity when it is free. */
  busyFrom(start: number, end: number): number {
    const entries = this.entries;
    let from = Infinity;
    for (let i = this.lowerBound(start - this.longest); i < entries.length; i++) {
      const e = entries[i] as TimelineEntry;
      if (e.start >= end) break;
      if (e.end > start && e.start < from) from = e.start;
    }
    return from;
  }

  /** The latest end among entries overlapping `[start, end)`, or -Infinity when it is free. */
  busyUntil(start: number, end: number): number {
    const entries = this.entries;
    let until = -Infinity;
    for (let i = this.lowerBound(start - this.longest); i < entries.length; i++) {
      const e = entries[i] as TimelineEntry;
      if (e.start >= end) break;
      if (e.end > start && e.end > until) until = e.end;
    }
    return until;
  }
}
