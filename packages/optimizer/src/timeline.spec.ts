import { describe, expect, it } from 'vitest';
import { coveredMs, intersect } from './intervals';
import type { Interval } from './model';
import { createRandom } from './random';
import { at, HOUR, MINUTE, shifts, WEEKDAYS } from './testing/fixtures';
import { Timeline, type TimelineEntry } from './timeline';

const booking = (job: number, start: number, end: number): TimelineEntry => ({ start, end, job, shift: -1, travel: 0 });

/**
 * Ana works Monday to Friday 08–16. Booked: Monday 08–10, 11–13 and 15–16, Tuesday 08–09 and
 * 12–16. Her free time before the next booking: Monday 10–11 (1 h), Monday 13–15 (2 h), nothing
 * over the night, Tuesday 09–12 (3 h), then all of Wednesday to Friday.
 */
function anasWeek(): { line: Timeline; working: Interval[] } {
  const line = new Timeline();
  [
    [at(0, 8), at(0, 10)],
    [at(0, 11), at(0, 13)],
    [at(0, 15), at(0, 16)],
    [at(1, 8), at(1, 9)],
    [at(1, 12), at(1, 16)],
  ].forEach(([start, end], job) => line.insert(booking(job, start as number, end as number)));
  return { line, working: shifts(WEEKDAYS, 8, 16) };
}

describe('room on a timeline', () => {
  it('a three-hour job passes the one- and two-hour gaps and the night: Tuesday 09:00', () => {
    const { line, working } = anasWeek();
    expect(line.roomFrom(working, at(0, 0), 3 * HOUR)).toBe(at(1, 9));
  });

  it('a two-hour job has room from Monday 13:00; a five-hour one only after Tuesday 16:00', () => {
    const { line, working } = anasWeek();
    expect(line.roomFrom(working, at(0, 0), 2 * HOUR)).toBe(at(0, 13));
    expect(line.roomFrom(working, at(0, 0), 5 * HOUR)).toBe(at(1, 16));
  });

  it('from inside a gap only what is left of it counts: from Tuesday 10:00, two hours fit, three do not', () => {
    const { line, working } = anasWeek();
    expect(line.roomFrom(working, at(1, 10), 2 * HOUR)).toBe(at(1, 10));
    expect(line.roomFrom(working, at(1, 10), 3 * HOUR)).toBe(at(1, 16));
  });

  it('answers again after a booking fills the gap it found, and after the booking goes', () => {
    const { line, working } = anasWeek();
    expect(line.roomFrom(working, at(0, 0), 3 * HOUR)).toBe(at(1, 9));
    const at10 = line.insert(booking(9, at(1, 10), at(1, 11)));
    expect(line.roomFrom(working, at(0, 0), 3 * HOUR)).toBe(at(1, 16));
    line.removeAt(at10);
    expect(line.roomFrom(working, at(0, 0), 3 * HOUR)).toBe(at(1, 9));
  });

  it('a booking with no working time in it does not split the days around it: room for ten hours at once', () => {
    const working = shifts([0, 1], 8, 16);
    const line = new Timeline();
    // Monday 18:00–20:00, after the shift: work walking these shifts steps over it.
    line.insert(booking(0, at(0, 18), at(0, 20)));
    expect(line.roomFrom(working, at(0, 0), 10 * HOUR)).toBe(at(0, 0));
    // Inside the shift it does split them: ten hours then need Tuesday and more.
    line.insert(booking(1, at(0, 15), at(0, 16)));
    expect(line.roomFrom(working, at(0, 0), 10 * HOUR)).toBe(Infinity);
  });

  it('agrees with a scan of every free block, and its searches with a scan of every booking, as bookings come and go', () => {
    const random = createRandom(7);
    // The shifts, and their time inside five machines' windows: more calendars than a timeline
    // keeps the free blocks of, asked about in turn.
    const own = shifts(WEEKDAYS, 7, 15);
    const calendars = [own, ...[[0, 2], [1, 3], [2, 4], [0, 4], [1]].map((days) => intersect(own, shifts(days, 9, 13)))];
    const line = new Timeline();
    for (let step = 0; step < 600; step++) {
      const working = random.chance(0.5) ? own : random.pick(calendars);
      if (line.entries.length > 0 && random.chance(0.4)) line.removeAt(random.int(line.entries.length));
      else {
        const start = at(0, 0) + random.int(5 * 24 * 4) * 15 * MINUTE;
        line.insert(booking(step, start, start + (1 + random.int(16)) * 15 * MINUTE));
      }
      const from = at(0, 0) + random.int(5 * 24 * 4) * 15 * MINUTE;
      const durationMs = (1 + random.int(40)) * 15 * MINUTE;
      expect(line.roomFrom(working, from, durationMs)).toBe(roomByScan(line.entries, working, from, durationMs));
      expect(line.busyUntil(from, from + durationMs)).toBe(busyUntilByScan(line.entries, from, from + durationMs));
      expect(line.busyFrom(from, from + durationMs)).toBe(busyFromByScan(line.entries, from, from + durationMs));
      expect(overlappingByIndex(line, from, from + durationMs)).toEqual(overlappingByVisit(line, from, from + durationMs));
    }
  });

  it('reads an entry by index from its flat buffers: Tuesday 12–16 is the fifth booking, job 4', () => {
    const { line } = anasWeek();
    expect(line.size).toBe(5);
    expect([line.startAt(4), line.endAt(4), line.jobAt(4)]).toEqual([at(1, 12), at(1, 16), 4]);
    // No booking is longer than 4 h, so a scan from Monday 12:00 starts at the first one starting
    // from 08:00 (Monday 08–10), and one from Tuesday 13:00 at the first from 09:00 (Tuesday 12–16).
    expect(line.firstOverlapping(at(0, 12))).toBe(0);
    expect(line.firstOverlapping(at(1, 13))).toBe(4);
  });
});

/** The jobs overlapping `[start, end)` by a scan of the flat buffers from `firstOverlapping`. */
function overlappingByIndex(line: Timeline, start: number, end: number): number[] {
  const jobs: number[] = [];
  for (let i = line.firstOverlapping(start); i < line.size; i++) {
    if (line.startAt(i) >= end) break;
    if (line.endAt(i) > start) jobs.push(line.jobAt(i));
  }
  return jobs;
}

function overlappingByVisit(line: Timeline, start: number, end: number): number[] {
  const jobs: number[] = [];
  line.forEachOverlapping(start, end, (e) => jobs.push(e.job));
  return jobs;
}

/**
 * `roomFrom` by its definition: the first free block between bookings with working time in them,
 * from `from` on, holding enough working time.
 */
function roomByScan(entries: readonly TimelineEntry[], working: readonly Interval[], from: number, durationMs: number): number {
  const blocks: Interval[] = [];
  let free = -Infinity;
  for (const e of entries) {
    if (coveredMs(working, e.start, e.end) === 0) continue;
    if (e.start > free) blocks.push({ start: free, end: e.start });
    free = Math.max(free, e.end);
  }
  blocks.push({ start: free, end: Infinity });
  for (const block of blocks) {
    if (block.end <= from) continue;
    const start = Math.max(from, block.start);
    if (coveredMs(working, start, block.end) >= durationMs) return start;
  }
  return Infinity;
}

function busyUntilByScan(entries: readonly TimelineEntry[], start: number, end: number): number {
  return Math.max(-Infinity, ...entries.filter((e) => e.start < end && e.end > start).map((e) => e.end));
}

function busyFromByScan(entries: readonly TimelineEntry[], start: number, end: number): number {
  return Math.min(Infinity, ...entries.filter((e) => e.start < end && e.end > start).map((e) => e.start));
}
