/** A seeded PRNG (mulberry32): the solver's only source of randomness, so a seed fixes a run. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: T[]): T[];
}

/** How far the generator's state moves on per draw: every seed is a position in one cycle of 2^32 draws. */
export const DRAW_STEP = 0x6d2b79f5;

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + DRAW_STEP) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const draws = { int };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    shuffle: <T>(items: T[]): T[] => {
      shuffleRange(draws, items, 0, items.length);
      return items;
    },
  };
}

/**
 * Shuffles `items[from..to)` in place (Fisher–Yates from the back), for plain and typed arrays
 * alike. Every shuffle of the solver goes through here, so a shuffle of a reused scratch buffer
 * draws exactly the numbers `Random#shuffle` of the same list would.
 */
export function shuffleRange<T>(random: Pick<Random, 'int'>, items: { [index: number]: T }, from: number, to: number): void {
  for (let i = to - 1; i > from; i--) {
    const j = from + random.int(i - from + 1);
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
}
