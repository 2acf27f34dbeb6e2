import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../events/domain-event';
import { EventSequencer } from './event-sequencer';

const GAP_WAIT_MS = 100;

const event = (organizationId: string, eventId: number): StoredEvent => ({
  organizationId,
  eventId,
  name: 'system:message',
  payload: { message: `${organizationId}#${eventId}`, level: 'info', data: {}, timestamp: '2030-01-01T00:00:00.000Z' },
  audience: { rooms: ['system:all'], scope: { kind: 'organization' } },
  createdAt: '2030-01-01T00:00:00.000Z',
});
const events = (organizationId: string, ids: number[]) => ids.map((id) => event(organizationId, id));

/**
 * A sequencer over a fake outbox table (`table`: the ids it still holds per organization), with
 * every `load` call and every delivery recorded.
 */
function harness(table: Record<string, number[]> = {}) {
  const delivered: StoredEvent[] = [];
  const loads: { organizationId: string; afterId: number; untilId: number }[] = [];
  const load = vi.fn(async (organizationId: string, afterId: number, untilId: number) => {
    loads.push({ organizationId, afterId, untilId });
    return events(
      organizationId,
      (table[organizationId] ?? []).filter((id) => id > afterId && id <= untilId).sort((a, b) => a - b),
    );
  });
  const sequencer = new EventSequencer(load, (delivered_) => delivered.push(delivered_), GAP_WAIT_MS);
  const ids = (organizationId = 'a') => delivered.filter((e) => e.organizationId === organizationId).map((e) => e.eventId);
  return { sequencer, delivered, loads, load, ids };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('EventSequencer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('in-order events', () => {
    it('passes through at once, in one batch or several', () => {
      const { sequencer, ids, load } = harness();
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 2, 3]));
      expect(ids()).toEqual([1, 2, 3]);
      sequencer.accept(events('a', [4]));
      sequencer.accept(events('a', [5, 6]));
      expect(ids()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(sequencer.position('a')).toBe(6);
      expect(load).not.toHaveBeenCalled();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('starts after the position it follows from', () => {
      const { sequencer, ids } = harness();
      sequencer.follow('a', 5);
      sequencer.accept(events('a', [4, 5, 6, 7]));
      expect(ids()).toEqual([6, 7]);
    });

    it('a second follow does not move an organization that is already followed', () => {
      const { sequencer, ids } = harness();
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 2]));
      sequencer.follow('a', 10);
      expect(sequencer.position('a')).toBe(2);
      sequencer.accept(events('a', [3]));
      expect(ids()).toEqual([1, 2, 3]);
    });
  });

  describe('duplicates', () => {
    it('are delivered once, in a batch and across batches', () => {
      const { sequencer, ids } = harness();
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 1, 2, 2, 2]));
      sequencer.accept(events('a', [2, 1, 3]));
      sequencer.accept(events('a', [3]));
      expect(ids()).toEqual([1, 2, 3]);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('ids at or below the position are dropped, also while a gap is open', () => {
      const { sequencer, ids } = harness();
      sequencer.follow('a', 3);
      sequencer.accept(events('a', [1, 2, 3]));
      expect(ids()).toEqual([]);
      sequencer.accept(events('a', [4, 6]));
      sequencer.accept(events('a', [4, 3, 6]));
      expect(ids()).toEqual([4]);
      sequencer.accept(events('a', [5]));
      expect(ids()).toEqual([4, 5, 6]);
    });
  });

  describe('out-of-order arrival', () => {
    it('3 before 2 is delivered as 2, 3, without asking the table when 2 comes within the wait', async () => {
      const { sequencer, ids, load } = harness({ a: [1, 2, 3] });
      sequencer.follow('a', 1);
      sequencer.accept(events('a', [3]));
      expect(ids()).toEqual([]);
      expect(sequencer.position('a')).toBe(1);
      sequencer.accept(events('a', [2]));
      expect(ids()).toEqual([2, 3]);
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 5);
      expect(load).not.toHaveBeenCalled();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('a reversed batch is delivered in id order', () => {
      const { sequencer, ids } = harness();
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [5, 4, 3, 2, 1]));
      expect(ids()).toEqual([1, 2, 3, 4, 5]);
    });
  });

  describe('a missing id', () => {
    it('is fetched from the table after the gap wait, then delivery continues in order', async () => {
      const { sequencer, ids, loads } = harness({ a: [1, 2, 3, 4, 5] });
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 3, 4]));
      expect(ids()).toEqual([1]);

      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS - 1);
      expect(loads).toEqual([]);
      expect(ids()).toEqual([1]);

      await vi.advanceTimersByTimeAsync(1);
      expect(loads).toEqual([{ organizationId: 'a', afterId: 1, untilId: 2 }]);
      expect(ids()).toEqual([1, 2, 3, 4]);
      expect(vi.getTimerCount()).toBe(0);

      sequencer.accept(events('a', [5]));
      expect(ids()).toEqual([1, 2, 3, 4, 5]);
    });

    it('a wider gap is fetched in one load, bounded by the first waiting id', async () => {
      const { sequencer, ids, loads } = harness({ a: range(1, 10) });
      sequencer.follow('a', 1);
      sequencer.accept(events('a', [6, 9, 8]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      expect(loads[0]).toEqual({ organizationId: 'a', afterId: 1, untilId: 5 });
      // 2..6 delivered; 7 is missing before 8 and 9: a second wait fetches it.
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      expect(loads[1]).toEqual({ organizationId: 'a', afterId: 6, untilId: 7 });
      expect(ids()).toEqual(range(2, 9));
    });

    it('a failing load is tried again after the next wait, and nothing is skipped', async () => {
      const { sequencer, ids, load } = harness({ a: [1, 2, 3] });
      load.mockRejectedValueOnce(new Error('database away'));
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 3]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      expect(load).toHaveBeenCalledTimes(1);
      expect(ids()).toEqual([1]);
      expect(sequencer.position('a')).toBe(1);
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      expect(load).toHaveBeenCalledTimes(2);
      expect(ids()).toEqual([1, 2, 3]);
    });

    it('arriving live while the load is running is delivered once', async () => {
      let release: (rows: StoredEvent[]) => void = () => undefined;
      const { sequencer, ids, load } = harness();
      load.mockImplementationOnce(() => new Promise<StoredEvent[]>((resolve) => (release = resolve)));
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 3]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      expect(load).toHaveBeenCalledTimes(1);
      sequencer.accept(events('a', [2]));
      expect(ids()).toEqual([1, 2, 3]);
      release(events('a', [2]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 3);
      sequencer.accept(events('a', [3, 4]));
      expect(ids()).toEqual([1, 2, 3, 4]);
      expect(sequencer.position('a')).toBe(4);
    });
  });

  describe('catching up to the committed id', () => {
    it('delivers, in order and once, the events after the position that never arrived (the last before a quiet spell)', async () => {
      const { sequencer, ids, loads } = harness({ a: [1, 2, 3, 4] });
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 2]));
      await sequencer.catchUp('a', 4);
      expect(loads).toEqual([{ organizationId: 'a', afterId: 2, untilId: 4 }]);
      expect(ids()).toEqual([1, 2, 3, 4]);
      // The lost ones arriving late after all are dropped.
      sequencer.accept(events('a', [3, 4]));
      expect(ids()).toEqual([1, 2, 3, 4]);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('asks nothing when the position is already there, nor for organizations not followed', async () => {
      const { sequencer, load } = harness({ a: [1], b: [1] });
      sequencer.follow('a', 1);
      await sequencer.catchUp('a', 1);
      await sequencer.catchUp('b', 1);
      expect(load).not.toHaveBeenCalled();
      expect(sequencer.organizations()).toEqual(['a']);
    });

    it('fills in front of events waiting behind a hole', async () => {
      const { sequencer, ids } = harness({ a: [1, 2, 3, 4, 5] });
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 4]));
      await sequencer.catchUp('a', 5);
      expect(ids()).toEqual([1, 2, 3, 4, 5]);
    });

    it('moves past ids the table no longer holds, and a failing load leaves the position alone', async () => {
      const { sequencer, load } = harness({ a: [] });
      sequencer.follow('a', 2);
      load.mockRejectedValueOnce(new Error('database away'));
      await expect(sequencer.catchUp('a', 6)).rejects.toThrow('database away');
      expect(sequencer.position('a')).toBe(2);
      await sequencer.catchUp('a', 6);
      expect(sequencer.position('a')).toBe(6);
    });
  });

  describe('a purged gap', () => {
    it('(the table no longer holds the id) is skipped', async () => {
      const { sequencer, ids, loads } = harness({ a: [1, 3, 4] });
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 3, 4]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      expect(loads).toEqual([{ organizationId: 'a', afterId: 1, untilId: 2 }]);
      expect(ids()).toEqual([1, 3, 4]);
      expect(sequencer.position('a')).toBe(4);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('partly purged: what the table still holds is delivered, the rest skipped, in order', async () => {
      // 2 and 3 were purged, 4 is still held; 5 arrived live.
      const { sequencer, ids } = harness({ a: [4, 5] });
      sequencer.follow('a', 1);
      sequencer.accept(events('a', [5]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 5);
      expect(ids()).toEqual([4, 5]);
      expect(sequencer.position('a')).toBe(5);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('a load that finds nothing never moves the position back after the gap was filled live', async () => {
      // The load answers for a range that the live path has already delivered meanwhile: the
      // "nothing there, skip" rule must not rewind the position (a rewound position lets an
      // already delivered id through a second time).
      let release: (rows: StoredEvent[]) => void = () => undefined;
      const { sequencer, ids, load } = harness();
      load.mockImplementationOnce(() => new Promise<StoredEvent[]>((resolve) => (release = resolve)));
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 3]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      sequencer.accept(events('a', [2]));
      expect(ids()).toEqual([1, 2, 3]);
      release([]);
      await vi.advanceTimersByTimeAsync(0);
      expect(sequencer.position('a')).toBe(3);
      sequencer.accept(events('a', [3]));
      expect(ids()).toEqual([1, 2, 3]);
    });
  });

  describe('organizations', () => {
    it('events of organizations not followed are ignored, and never loaded', async () => {
      const { sequencer, delivered, load } = harness({ b: [1, 2, 3] });
      sequencer.follow('a', 0);
      sequencer.accept(events('b', [1, 3]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 3);
      expect(delivered).toEqual([]);
      expect(load).not.toHaveBeenCalled();
      expect(sequencer.position('b')).toBeUndefined();
      expect(sequencer.size).toBe(1);
    });

    it('are sequenced independently: a gap in one does not hold the other back', async () => {
      const { sequencer, ids } = harness({ a: [1, 2, 3], b: [1, 2] });
      sequencer.follow('a', 0);
      sequencer.follow('b', 0);
      sequencer.accept([event('a', 1), event('a', 3), event('b', 1), event('b', 2)]);
      expect(ids('a')).toEqual([1]);
      expect(ids('b')).toEqual([1, 2]);
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      expect(ids('a')).toEqual([1, 2, 3]);
    });
  });

  describe('unfollow and close', () => {
    it('unfollow clears the gap timer: nothing is loaded or delivered afterwards', async () => {
      const { sequencer, delivered, load } = harness({ a: [1, 2, 3] });
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 3]));
      expect(vi.getTimerCount()).toBe(1);
      sequencer.unfollow('a');
      expect(vi.getTimerCount()).toBe(0);
      expect(sequencer.size).toBe(0);
      expect(sequencer.position('a')).toBeUndefined();
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 3);
      expect(load).not.toHaveBeenCalled();
      sequencer.accept(events('a', [2, 4]));
      expect(delivered.map((e) => e.eventId)).toEqual([1]);
    });

    it('a load answering after unfollow is discarded, also when the organization is followed again', async () => {
      let release: (rows: StoredEvent[]) => void = () => undefined;
      const { sequencer, ids, load } = harness();
      load.mockImplementationOnce(() => new Promise<StoredEvent[]>((resolve) => (release = resolve)));
      sequencer.follow('a', 0);
      sequencer.accept(events('a', [1, 3]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
      sequencer.unfollow('a');
      sequencer.follow('a', 10);
      release(events('a', [2]));
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 3);
      expect(ids()).toEqual([1]);
      expect(sequencer.position('a')).toBe(10);
    });

    it('close clears every timer and every stream', async () => {
      const { sequencer, load } = harness();
      sequencer.follow('a', 0);
      sequencer.follow('b', 0);
      sequencer.accept([event('a', 2), event('b', 5)]);
      expect(vi.getTimerCount()).toBe(2);
      sequencer.close();
      expect(vi.getTimerCount()).toBe(0);
      expect(sequencer.size).toBe(0);
      await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 3);
      expect(load).not.toHaveBeenCalled();
    });
  });

  describe('properties', () => {
    /** Ids 1..n, each at least once, in any order, split into batches. */
    const arrivals = fc
      .integer({ min: 1, max: 40 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.integer({ min: 1, max: n }), { maxLength: 2 * n }),
          fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 20 }),
        ),
      )
      .chain(([n, extra, cuts]) =>
        fc.tuple(fc.constant(n), fc.shuffledSubarray([...range(1, n), ...extra], { minLength: n + extra.length }), fc.constant(cuts)),
      );

    const batches = (ids: number[], cuts: number[]) => {
      const out: number[][] = [];
      for (let start = 0, k = 0; start < ids.length; k++) {
        const size = cuts[k % cuts.length]!;
        out.push(ids.slice(start, start + size));
        start += size;
      }
      return out;
    };

    it('any arrival order with duplicates of 1..n is delivered as exactly 1..n', async () => {
      await fc.assert(
        fc.asyncProperty(arrivals, fc.array(fc.boolean(), { maxLength: 20 }), async ([n, order, cuts], waits) => {
          const { sequencer, ids } = harness({ a: range(1, n) });
          sequencer.follow('a', 0);
          for (const [index, batch] of batches(order, cuts).entries()) {
            sequencer.accept(events('a', batch));
            // Sometimes a gap wait passes between batches (a load fills the gap), sometimes not.
            if (waits[index]) await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
          }
          await vi.runAllTimersAsync();
          expect(ids()).toEqual(range(1, n));
          expect(sequencer.position('a')).toBe(n);
          sequencer.close();
        }),
        { numRuns: 200 },
      );
    });

    it('ids lost on the way (never arriving) are loaded: 1..(highest arrived) is delivered in order', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray(range(1, n), { minLength: 1 }))),
          async ([n, arrived]) => {
            const { sequencer, ids } = harness({ a: range(1, n) });
            sequencer.follow('a', 0);
            for (const id of arrived) sequencer.accept([event('a', id)]);
            await vi.runAllTimersAsync();
            expect(ids()).toEqual(range(1, Math.max(...arrived)));
            sequencer.close();
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
