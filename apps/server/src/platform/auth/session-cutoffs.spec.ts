import { describe, expect, it } from 'vitest';
import { SessionCutoffs } from './session-cutoffs';

describe('SessionCutoffs', () => {
  it('ends tokens of an epoch below the user’s cutoff, not of that epoch or later, nor other users’', () => {
    const cutoffs = new SessionCutoffs();
    expect(cutoffs.ends({ userId: 'u1', sessionEpoch: 0 })).toBe(false);
    cutoffs.cut('u1', 2);
    expect(cutoffs.ends({ userId: 'u1', sessionEpoch: 0 })).toBe(true);
    expect(cutoffs.ends({ userId: 'u1', sessionEpoch: 1 })).toBe(true);
    expect(cutoffs.ends({ userId: 'u1', sessionEpoch: 2 })).toBe(false);
    expect(cutoffs.ends({ userId: 'u1', sessionEpoch: 3 })).toBe(false);
    expect(cutoffs.ends({ userId: 'u2', sessionEpoch: 0 })).toBe(false);
  });

  it('keeps the highest epoch and tells listeners only of a higher one; a listener that throws stops no other', () => {
    const cutoffs = new SessionCutoffs();
    const heard: [string, number][] = [];
    cutoffs.onCut(() => {
      throw new Error('a listener that fails');
    });
    const stop = cutoffs.onCut((userId, epoch) => heard.push([userId, epoch]));
    expect(cutoffs.cut('u1', 2)).toBe(true);
    expect(cutoffs.cut('u1', 2)).toBe(false);
    expect(cutoffs.cut('u1', 1)).toBe(false);
    expect(cutoffs.ends({ userId: 'u1', sessionEpoch: 1 })).toBe(true);
    expect(cutoffs.cut('u1', 3)).toBe(true);
    stop();
    cutoffs.cut('u2', 1);
    expect(heard).toEqual([
      ['u1', 2],
      ['u1', 3],
    ]);
    expect(cutoffs.ends({ userId: 'u2', sessionEpoch: 0 })).toBe(true);
  });

  it('forgets cutoffs learned at or before an instant', () => {
    let now = 1_000;
    const cutoffs = new SessionCutoffs(() => now);
    cutoffs.cut('u1', 1);
    now = 2_000;
    cutoffs.cut('u2', 1);
    cutoffs.forgetLearnedBefore(1_000);
    expect(cutoffs.size).toBe(1);
    expect(cutoffs.ends({ userId: 'u1', sessionEpoch: 0 })).toBe(false);
    expect(cutoffs.ends({ userId: 'u2', sessionEpoch: 0 })).toBe(true);
  });
});
