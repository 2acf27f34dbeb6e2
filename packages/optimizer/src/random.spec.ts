import { describe, expect, it } from 'vitest';
import { createRandom, drawFront } from './random';

describe('drawFront', () => {
  it('draws distinct items of the range to its front and leaves everything else in place', () => {
    const random = createRandom(3);
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: 12 }, (_, i) => i);
      drawFront(random, items, 2, 10, 3);
      // Outside [2, 10) nothing moves; inside, the items are the same ones.
      expect([items[0], items[1], items[10], items[11]]).toEqual([0, 1, 10, 11]);
      expect(items.slice(2, 10).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('draws every item of the range equally often, in every position of the front', () => {
    const random = createRandom(11);
    const rounds = 40_000;
    const seen = Array.from({ length: 3 }, () => new Array<number>(8).fill(0));
    for (let round = 0; round < rounds; round++) {
      const items = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7]);
      drawFront(random, items, 0, 8, 3);
      for (let k = 0; k < 3; k++) seen[k]![items[k]!]!++;
    }
    // Each of the 8 items lands in each front position 5,000 times on average; a biased draw (e.g.
    // one that favoured the items it starts with) would be thousands off.
    for (const position of seen) for (const times of position) expect(Math.abs(times - rounds / 8)).toBeLessThan(300);
  });

  it('draws nothing from a range of one and takes the whole range when asked for more', () => {
    const random = createRandom(5);
    const one = [7];
    drawFront(random, one, 0, 1, 1);
    expect(one).toEqual([7]);
    const all = [1, 2, 3];
    drawFront(random, all, 0, 3, 10);
    expect([...all].sort()).toEqual([1, 2, 3]);
  });
});
