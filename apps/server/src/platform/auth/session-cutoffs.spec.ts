import { describe, expect, it } from 'vitest';
import { type IssuedToken, SessionCutoffs } from './session-cutoffs';

const token = (userId: string, sessionEpoch: number, sessionId: string | null = null): IssuedToken => ({ userId, sessionEpoch, sessionId });

describe('SessionCutoffs', () => {
  it('ends tokens of an epoch below the user’s cutoff, not of that epoch or later, nor other users’', () => {
    const cutoffs = new SessionCutoffs();
    expect(cutoffs.ends(token('u1', 0))).toBe(false);
    cutoffs.cut('u1', 2);
    expect(cutoffs.ends(token('u1', 0))).toBe(true);
    expect(cutoffs.ends(token('u1', 1, 's1'))).toBe(true);
    expect(cutoffs.ends(token('u1', 2))).toBe(false);
    expect(cutoffs.ends(token('u1', 3))).toBe(false);
    expect(cutoffs.ends(token('u2', 0))).toBe(false);
  });

  it('keeps the highest epoch and tells listeners only of a higher one; a listener that throws stops no other', () => {
    const cutoffs = new SessionCutoffs();
    const heard: string[] = [];
    cutoffs.onCut(() => {
      throw new Error('a listener that fails');
    });
    const stop = cutoffs.onCut((userId) => heard.push(userId));
    expect(cutoffs.cut('u1', 2)).toBe(true);
    expect(cutoffs.cut('u1', 2)).toBe(false);
    expect(cutoffs.cut('u1', 1)).toBe(false);
    expect(cutoffs.ends(token('u1', 1))).toBe(true);
    expect(cutoffs.cut('u1', 3)).toBe(true);
    expect(cutoffs.ends(token('u1', 2))).toBe(true);
    stop();
    cutoffs.cut('u2', 1);
    expect(heard).toEqual(['u1', 'u1']);
    expect(cutoffs.ends(token('u2', 0))).toBe(true);
  });

  it('ends the tokens of an ended login session only: not the user’s other sessions, nor tokens naming no session', () => {
    const cutoffs = new SessionCutoffs();
    const heard: string[] = [];
    cutoffs.onCut((userId) => heard.push(userId));
    expect(cutoffs.endSession('u1', 'phone')).toBe(true);
    expect(cutoffs.endSession('u1', 'phone')).toBe(false);
    expect(heard).toEqual(['u1']);
    expect(cutoffs.ends(token('u1', 0, 'phone'))).toBe(true);
    // A later epoch does not bring an ended session back.
    expect(cutoffs.ends(token('u1', 7, 'phone'))).toBe(true);
    expect(cutoffs.ends(token('u1', 0, 'laptop'))).toBe(false);
    expect(cutoffs.ends(token('u1', 0))).toBe(false);
    // Session ids are random per login; another user's token never names this one, but the check is by id alone.
    expect(cutoffs.ends(token('u2', 0, 'desk'))).toBe(false);
    expect(cutoffs.size).toBe(1);
  });

  it('forgets cutoffs and ended sessions learned at or before an instant', () => {
    let now = 1_000;
    const cutoffs = new SessionCutoffs(() => now);
    cutoffs.cut('u1', 1);
    cutoffs.endSession('u3', 'old');
    now = 2_000;
    cutoffs.cut('u2', 1);
    cutoffs.endSession('u3', 'new');
    cutoffs.forgetLearnedBefore(1_000);
    expect(cutoffs.size).toBe(2);
    expect(cutoffs.ends(token('u1', 0))).toBe(false);
    expect(cutoffs.ends(token('u2', 0))).toBe(true);
    expect(cutoffs.ends(token('u3', 0, 'old'))).toBe(false);
    expect(cutoffs.ends(token('u3', 0, 'new'))).toBe(true);
  });
});
