import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, TokenSigner } from './tokens';

const principal = { userId: 'user-1', organizationId: 'org-1', roles: ['planner' as const], technicianId: null };
const session = { epoch: 0, id: 'session-1' };

describe('TokenSigner.verifyAccess', () => {
  afterEach(() => vi.useRealTimers());

  it('answers the same frozen principal for every use of one token', () => {
    const signer = new TokenSigner('a-secret-of-at-least-thirty-two-characters');
    const token = signer.signAccess(principal, session);
    const first = signer.verifyAccess(token);
    expect(first).toMatchObject(principal);
    expect(signer.verifyAccess(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.roles)).toBe(true);
  });

  it('refuses a remembered token once it has expired', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    const signer = new TokenSigner('a-secret-of-at-least-thirty-two-characters');
    const token = signer.signAccess(principal, session);
    expect(signer.verifyAccess(token)).not.toBeNull();
    vi.setSystemTime(new Date(Date.parse('2026-11-29T12:00:00Z') + ACCESS_TOKEN_TTL_SECONDS * 1000 - 1000));
    expect(signer.verifyAccess(token)).not.toBeNull();
    vi.setSystemTime(new Date(Date.parse('2026-11-29T12:00:00Z') + ACCESS_TOKEN_TTL_SECONDS * 1000));
    expect(signer.verifyAccess(token)).toBeNull();
    expect(signer.verifyAccess(token)).toBeNull();
  });

  it('does not remember what fails: a token altered after a valid one was seen, or signed with another secret', () => {
    const signer = new TokenSigner('a-secret-of-at-least-thirty-two-characters');
    const token = signer.signAccess(principal, session);
    expect(signer.verifyAccess(token)).not.toBeNull();
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'user-1', org: 'org-2', roles: ['admin'] })).toString('base64url')}.${signature}`;
    expect(signer.verifyAccess(forged)).toBeNull();
    expect(signer.verifyAccess(`${token}x`)).toBeNull();
    const other = new TokenSigner('another-secret-of-at-least-thirty-two-chars');
    expect(signer.verifyAccess(other.signAccess(principal, session))).toBeNull();
  });

  it('refuses a token of a session epoch its user has left, remembered or not, and accepts one of the new epoch', () => {
    const signer = new TokenSigner('a-secret-of-at-least-thirty-two-characters');
    const remembered = signer.signAccess(principal, { ...session, epoch: 4 });
    expect(signer.verifyAccess(remembered)?.sessionEpoch).toBe(4);
    const unseen = signer.signAccess({ ...principal, roles: ['technician'] }, { ...session, epoch: 4 });
    const colleague = signer.signAccess({ ...principal, userId: 'user-2' }, { epoch: 4, id: 'session-2' });

    signer.cutoffs.cut('user-1', 5);
    expect(signer.verifyAccess(remembered)).toBeNull();
    expect(signer.verifyAccess(unseen)).toBeNull();
    expect(signer.verifyAccess(colleague)).not.toBeNull();
    expect(signer.verifyAccess(signer.signAccess(principal, { ...session, epoch: 5 }))).toMatchObject({ ...principal, sessionEpoch: 5 });
  });

  it('refuses every token of a login session that ended, remembered or not, and no other session’s', () => {
    const signer = new TokenSigner('a-secret-of-at-least-thirty-two-characters');
    const remembered = signer.signAccess(principal, session);
    expect(signer.verifyAccess(remembered)).toMatchObject({ ...principal, sessionId: 'session-1' });
    const renewed = signer.signAccess(principal, { ...session, epoch: 1 });
    const otherDevice = signer.signAccess(principal, { epoch: 0, id: 'session-9' });

    signer.cutoffs.endSession('user-1', 'session-1');
    expect(signer.verifyAccess(remembered)).toBeNull();
    expect(signer.verifyAccess(renewed)).toBeNull();
    expect(signer.verifyAccess(otherDevice)).toMatchObject({ ...principal, sessionId: 'session-9' });
  });

  it('reads a token without an epoch (issued before accounts had one) as the first epoch', () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const signer = new TokenSigner(secret);
    const token = jwt.sign({ sub: 'user-1', org: 'org-1', roles: ['planner'], tech: null }, secret, {
      algorithm: 'HS256',
      expiresIn: 600,
      issuer: 'maintenance-scheduler',
    });
    expect(signer.verifyAccess(token)).toMatchObject({ sessionEpoch: 0, sessionId: null });
    // It names no session, so no ended session refuses it; its epoch still can.
    signer.cutoffs.endSession('user-1', 'session-1');
    expect(signer.verifyAccess(token)).not.toBeNull();
    signer.cutoffs.cut('user-1', 1);
    expect(signer.verifyAccess(token)).toBeNull();
  });
});
