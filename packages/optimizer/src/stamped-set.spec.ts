import { describe, expect, it } from 'vitest';
import { createRandom } from './random';
import { StampedSet } from './stamped-set';

describe('a stamped set', () => {
  it('lists its members in the order they were first added, each once', () => {
    const set = new StampedSet();
    set.clear(10);
    expect([set.add(7), set.add(2), set.add(7), set.add(0), set.add(2)]).toEqual([true, true, false, true, false]);
    expect(set.size).toBe(3);
    expect(set.toArray()).toEqual([7, 2, 0]);
    expect([set.at(0), set.at(1), set.at(2)]).toEqual([7, 2, 0]);
    expect([set.has(7), set.has(2), set.has(0), set.has(1), set.has(9)]).toEqual([true, true, true, false, false]);
  });

  it('is empty after a clear, and takes the same members again', () => {
    const set = new StampedSet();
    set.clear(5);
    set.add(3);
    set.add(4);
    set.clear(5);
    expect(set.size).toBe(0);
    expect(set.has(3)).toBe(false);
    expect(set.toArray()).toEqual([]);
    expect(set.add(4)).toBe(true);
    expect(set.toArray()).toEqual([4]);
  });

  it('grows when a clear asks for more room, and forgets what it held', () => {
    const set = new StampedSet(4);
    set.clear(4);
    set.add(1);
    set.clear(1_000);
    expect(set.has(1)).toBe(false);
    expect(set.add(999)).toBe(true);
    expect(set.toArray()).toEqual([999]);
  });

  it('agrees with a plain Set over random adds and clears', () => {
    const random = createRandom(11);
    const set = new StampedSet(2);
    let plain = new Set<number>();
    let capacity = 3;
    set.clear(capacity);
    for (let step = 0; step < 5_000; step++) {
      const roll = random.next();
      if (roll < 0.05) {
        capacity = 1 + random.int(60);
        set.clear(capacity);
        plain = new Set();
      } else {
        const item = random.int(capacity);
        expect(set.add(item)).toBe(!plain.has(item));
        plain.add(item);
      }
      const probe = random.int(capacity);
      expect(set.has(probe)).toBe(plain.has(probe));
      expect(set.size).toBe(plain.size);
    }
    expect(set.toArray()).toEqual([...plain]);
  });
});
