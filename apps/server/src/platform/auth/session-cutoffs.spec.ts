import { describe, expect, it } from 'vitest';
import { SessionCutoffs } from './session-cutoffs';

describe('SessionCutoffs', () => {
  it('ends tokens issued at or before the user’s cutoff, not later ones nor other users’', () => {
    const cutoffs = new SessionCutoffs();
    expect(cutoffs.ends({ userId: 'u1', issuedAt: 1_000 })).toBe(false);
    cutoffs.cut('u1', 5_000);
    expect(cutoffs.ends({ userId: 'u1', issuedAt: 4_999 })).toBe(true);
    expect(cutoffs.ends({ userId: 'u1', issuedAt: 5_000 })).toBe(true);
    expect(cutoffs.ends({ userId: 'u1', issuedAt: 5_001 })).toBe(false);
    expect(cutoffs.ends({ userId: 'u2', issuedAt: 1_000 })).toBe(false);
  });

  it('keeps the latest cutoff and tells listeners only of a later one', () => {
    const cutoffs = new SessionCutoffs();
    const heard: [string, number][] = [];
    const stop = cutoffs.onCut((userId, cutoff) => heard.push([userId, cutoff]));
    expect(cutoffs.cut('u1', 5_000)).toBe(true);
    expect(cutoffs.cut('u1', 5_000)).toBe(false);
    expect(cutoffs.cut('u1', 4_000)).toBe(false);
    expect(cutoffs.ends({ userId: 'u1', issuedAt: 4_500 })).toBe(true);
    expect(cutoffs.cut('u1', 6_000)).toBe(true);
    stop();
    cutoffs.cut('u2', 7_000);
    expect(heard).toEqual([
      ['u1', 5_000],
      ['u1', 6_000],
    ]);
  });

  it('forgets cutoffs at or before an instant', () => {
    const cutoffs = new SessionCutoffs();
    cutoffs.cut('u1', 1_000);
    cutoffs.cut('u2', 2_000);
    cutoffs.forgetBefore(1_000);
    expect(cutoffs.size).toBe(1);
    expect(cutoffs.ends({ userId: 'u1', issuedAt: 500 })).toBe(false);
    expect(cutoffs.ends({ userId: 'u2', issuedAt: 500 })).toBe(true);
  });
});
