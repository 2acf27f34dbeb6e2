import { coversAtLeast, overlaps } from './intervals';
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

/** The free blocks of one calendar on a timeline (see `computeBlocks`) and the last answer read from them. */
interface Rooms {
  working: readonly Interval[];
  /** The timeline's version the blocks were worked out for. */
  version: number;
  blocks: FreeBlocks;
  last: { from: number; durationMs: number; start: number };
}

/** Calendars whose free blocks a timeline keeps at once. */
const KEPT_CALENDARS = 4;

export class Timeline {
  readonly entries: TimelineEntry[] = [];
  /** Bumped on every change, so derived values can be cached. */
  version = 0;
  private longest = 0;
  /**
   * Each entry's start, end and job again, in flat buffers kept in step with `entries`: every
   * query binary-searches and scans these, and reading numbers in a row is cheaper than
   * following a reference to each entry.
   */
  private starts = new Float64Array(8);
  private ends = new Float64Array(8);
  private jobs = new Int32Array(8);
  /** The free blocks of the calendars `roomFrom` was last asked about, most recent first. */
  private rooms: Rooms[] = [];

  /** First index whose entry starts at or after `t` (ties ordered by job). */
  lowerBound(t: number, job = -1): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = starts[mid] as number;
      if (start < t || (start === t && (this.jobs[mid] as number) < job)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(entry: TimelineEntry): number {
    const at = this.lowerBound(entry.start, entry.job);
    const count = this.entries.length;
    if (count === this.starts.length) this.grow();
    this.entries.splice(at, 0, entry);
    // A plain loop: timelines are short, and one loop over the three buffers beats three calls.
    const { starts, ends, jobs } = this;
    for (let i = count; i > at; i--) {
      starts[i] = starts[i - 1] as number;
      ends[i] = ends[i - 1] as number;
      jobs[i] = jobs[i - 1] as number;
    }
    this.starts[at] = entry.start;
    this.ends[at] = entry.end;
    this.jobs[at] = entry.job;
    if (entry.end - entry.start > this.longest) this.longest = entry.end - entry.start;
    this.version++;
    return at;
  }

  removeAt(at: number): TimelineEntry {
    const [removed] = this.entries.splice(at, 1);
    if (!removed) throw new Error(`timeline has no entry ${at}`);
    const { starts, ends, jobs } = this;
    for (let i = at; i < this.entries.length; i++) {
      starts[i] = starts[i + 1] as number;
      ends[i] = ends[i + 1] as number;
      jobs[i] = jobs[i + 1] as number;
    }
    this.version++;
    return removed;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const [starts, ends, jobs] = [new Float64Array(size), new Float64Array(size), new Int32Array(size)];
    starts.set(this.starts);
    ends.set(this.ends);
    jobs.set(this.jobs);
    [this.starts, this.ends, this.jobs] = [starts, ends, jobs];
  }

  /**
   * Extends a busy-until time across entries that follow without free working time between
   * them (back-to-back jobs, or jobs separated only by nights and weekends): every start in
   * between is booked or not working, so a search can jump past the whole block at once.
   */
  busyChainEnd(until: number, working: readonly Interval[]): number {
    const { starts, ends } = this;
    const count = this.entries.length;
    for (let i = this.lowerBound(until - this.longest); i < count; i++) {
      const start = starts[i] as number;
      const end = ends[i] as number;
      if (end <= until) continue;
      // Any working time between them at all (at least the smallest positive amount) ends the chain.
      if (start > until && coversAtLeast(working, until, start, Number.MIN_VALUE)) break;
      until = end;
    }
    return until;
  }

  /**
   * The earliest instant at or after `from` from which the free time in `working` before the next
   * booking that `working` overlaps is at least `durationMs` (Infinity if there is none). Work of
   * that length walking `working` uses every moment of it from its start until it is done, so it
   * cannot start earlier on this resource, and a search may begin there. Bookings outside
   * `working` are no obstacle: downtime work steps over what its technician does between the
   * equipment's windows. The free blocks of the last few calendars asked about are kept until the
   * timeline changes: a technician's own shifts, and their time inside the windows of the
   * equipment whose downtime work is being placed.
   */
  roomFrom(working: readonly Interval[], from: number, durationMs: number): number {
    const rooms = this.roomsFor(working);
    // An insertion ranks every qualified technician and then searches the front runners' slots
    // from the same instant, asking again.
    const last = rooms.last;
    if (last.from === from && last.durationMs === durationMs) return last.start;
    last.from = from;
    last.durationMs = durationMs;
    last.start = firstRoom(rooms.blocks, working, from, durationMs);
    return last.start;
  }

  /** The kept free blocks of `working`, worked out again if the timeline changed since. */
  private roomsFor(working: readonly Interval[]): Rooms {
    const kept = this.rooms;
    let i = 0;
    while (i < kept.length && (kept[i] as Rooms).working !== working) i++;
    let rooms: Rooms;
    if (i < kept.length) {
      rooms = kept[i] as Rooms;
      if (i > 0) {
        kept.splice(i, 1);
        kept.unshift(rooms);
      }
      if (rooms.version === this.version) return rooms;
    } else {
      rooms =
        kept.length < KEPT_CALENDARS
          ? { working, version: -1, blocks: new FreeBlocks(), last: { from: NaN, durationMs: NaN, start: NaN } }
          : (kept.pop() as Rooms);
      rooms.working = working;
      kept.unshift(rooms);
    }
    this.computeBlocks(rooms);
    return rooms;
  }

  /**
   * The free blocks between the bookings with working time in them, each with the working time
   * inside it, and for each the next block with more room. Most searches pass several blocks too
   * short for the job (a busy week), and recomputing the blocks is rare next to searching them
   * (once per change of the timeline and calendar asked about, against some thirty searches), so
   * the rooms are computed at once, in one walk along the calendar.
   */
  private computeBlocks(rooms: Rooms): void {
    const { blocks, working } = rooms;
    blocks.clear(this.entries.length + 1);
    let free = -Infinity;
    for (let i = 0; i < this.entries.length; i++) {
      const start = this.starts[i] as number;
      const end = this.ends[i] as number;
      // A booking with no working time in it does not split the time around it.
      if (!overlaps(working, start, end)) continue;
      if (start > free) blocks.push(free, start);
      free = Math.max(free, end);
    }
    blocks.push(free, Infinity);
    blocks.measure(working);
    rooms.version = this.version;
    rooms.last.from = NaN;
  }

  /** Index of `job`'s entry starting at `start`. */
  indexOf(job: number, start: number): number {
    const at = this.lowerBound(start, job);
    const e = this.entries[at];
    if (!e || e.job !== job || e.start !== start) throw new Error(`timeline has no segment of job ${job} at ${start}`);
    return at;
  }

  /** How many entries the timeline holds. */
  get size(): number {
    return this.entries.length;
  }

  /**
   * The first index an entry overlapping an interval from `start` can have. A scan without a
   * callback runs on from there, skipping entries that end by `start`, until one starts at or
   * after the interval's end (what `forEachOverlapping` does).
   */
  firstOverlapping(start: number): number {
    return this.lowerBound(start - this.longest);
  }

  /** Start, end and job of the entry at index `i`, read from the flat buffers. */
  startAt(i: number): number {
    return this.starts[i] as number;
  }

  endAt(i: number): number {
    return this.ends[i] as number;
  }

  jobAt(i: number): number {
    return this.jobs[i] as number;
  }

  /** Calls `visit` for every entry overlapping `[start, end)`. */
  forEachOverlapping(start: number, end: number, visit: (entry: TimelineEntry) => void): void {
    const { entries, starts, ends } = this;
    for (let i = this.lowerBound(start - this.longest); i < entries.length; i++) {
      if ((starts[i] as number) >= end) break;
      if ((ends[i] as number) > start) visit(entries[i] as TimelineEntry);
    }
  }

  /** The earliest start among entries overlapping `[start, end)`, or Infinity when it is free. */
  busyFrom(start: number, end: number): number {
    const { starts, ends } = this;
    const count = this.entries.length;
    let from = Infinity;
    for (let i = this.lowerBound(start - this.longest); i < count; i++) {
      const s = starts[i] as number;
      if (s >= end) break;
      if ((ends[i] as number) > start && s < from) from = s;
    }
    return from;
  }

  /** The latest end among entries overlapping `[start, end)`, or -Infinity when it is free. */
  busyUntil(start: number, end: number): number {
    const { starts, ends } = this;
    const count = this.entries.length;
    let until = -Infinity;
    for (let i = this.lowerBound(start - this.longest); i < count; i++) {
      if ((starts[i] as number) >= end) break;
      const e = ends[i] as number;
      if (e > start && e > until) until = e;
    }
    return until;
  }
}

/** Free blocks of a timeline in reused buffers: start, end, working ms inside, next roomier block. */
class FreeBlocks {
  start = new Float64Array(16);
  end = new Float64Array(16);
  room = new Float64Array(16);
  /** Index of the first later block with strictly more room, or `count`. */
  roomier = new Int32Array(16);
  count = 0;
  private stack = new Int32Array(16);

  /** Empties the list, with room for `capacity` blocks. */
  clear(capacity: number): void {
    this.count = 0;
    if (this.start.length >= capacity) return;
    const size = capacity * 2;
    [this.start, this.end, this.room] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
    [this.roomier, this.stack] = [new Int32Array(size), new Int32Array(size)];
  }

  push(start: number, end: number): void {
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.count++;
  }

  /**
   * Working time inside each block, as `coveredMs` sums it (same terms, same order, so the same
   * number), in one pass: blocks and calendar are both sorted. Then, from the last block back,
   * each block's next roomier one (a monotonic stack).
   */
  measure(working: readonly Interval[]): void {
    const { start, end, room, roomier, stack, count } = this;
    let k = 0;
    for (let b = 0; b < count; b++) {
      const from = start[b] as number;
      const to = end[b] as number;
      while (k < working.length && (working[k] as Interval).end <= from) k++;
      let covered = 0;
      for (let i = k; i < working.length; i++) {
        const iv = working[i] as Interval;
        if (iv.start >= to) break;
        covered += Math.max(0, Math.min(to, iv.end) - Math.max(from, iv.start));
      }
      room[b] = covered;
    }
    let depth = 0;
    for (let b = count - 1; b >= 0; b--) {
      const own = room[b] as number;
      while (depth > 0 && (room[stack[depth - 1] as number] as number) <= own) depth--;
      roomier[b] = depth > 0 ? (stack[depth - 1] as number) : count;
      stack[depth++] = b;
    }
  }
}

/** `roomFrom`, searched in a calendar's free blocks. */
function firstRoom(blocks: FreeBlocks, working: readonly Interval[], from: number, durationMs: number): number {
  const { start, end, room, roomier, count } = blocks;
  // Blocks are sorted and disjoint: find the first one ending after `from`.
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((end[mid] as number) > from) hi = mid;
    else lo = mid + 1;
  }
  if (lo === count) return Infinity;
  const first = start[lo] as number;
  if (from > first) {
    if (coversAtLeast(working, from, end[lo] as number, durationMs)) return from;
  } else if ((room[lo] as number) >= durationMs) return first;
  // Every later block starts after `from`, so only its whole room counts. A block with too
  // little room is passed together with all the blocks up to the next roomier one.
  let b = lo + 1;
  while (b < count && (room[b] as number) < durationMs) b = roomier[b] as number;
  return b < count ? (start[b] as number) : Infinity;
}
