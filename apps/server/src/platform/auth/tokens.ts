import { type KeyObject, createHash, createSecretKey, randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@msched/contracts';
import jwt from 'jsonwebtoken';
import type { Principal } from './principal';
import { SessionCutoffs } from './session-cutoffs';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const ISSUER = 'maintenance-scheduler';
/** Verified tokens remembered; at most this many are held (15-minute tokens, so a few per active user). */
const REMEMBERED_TOKENS = 10_000;

/**
 * A verified access token's principal: shared by every request and socket with that token, so
 * read-only. `sessionEpoch`: its account's session epoch when it was issued; `sessionId`: the
 * login session it was issued in (its refresh-token family), null in a token from before
 * sessions were named; `expiresAt` in epoch milliseconds.
 */
export type VerifiedPrincipal = Readonly<Principal & { sessionEpoch: number; sessionId: string | null; expiresAt: number }>;

interface AccessClaims {
  sub: string;
  org: string;
  roles: Role[];
  tech: string | null;
  /** The account's session epoch when the token was issued (`users.session_epoch`). */
  epoch: number;
  /** The login session: the refresh-token family the token was issued with. */
  sid: string;
}

/** Signs and verifies short-lived access tokens (HS256) and makes opaque refresh tokens. */
export class TokenSigner {
  /**
   * A key object, not the string: given a string, jsonwebtoken 9 first tries to read it as a
   * public key on every call, which costs ~0.36 ms per request (measured in bench/).
   */
  private readonly secret: KeyObject;
  private readonly verified = new Map<string, VerifiedPrincipal>();

  /**
   * `cutoffs`: tokens of a session epoch their user has left, or of a login session that ended,
   * are refused even though their signature holds.
   */
  constructor(
    secret: string,
    readonly cutoffs = new SessionCutoffs(),
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /**
   * `session`: the account's `session_epoch` (read with the roles and technician link the token
   * carries) and the login session's id (its refresh-token family).
   */
  signAccess(principal: Principal, session: { epoch: number; id: string }): string {
    const claims: AccessClaims = {
      sub: principal.userId,
      org: principal.organizationId,
      roles: principal.roles,
      tech: principal.technicianId,
      epoch: session.epoch,
      sid: session.id,
    };
    return jwt.sign(claims, this.secret, {
      algorithm: 'HS256',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      issuer: ISSUER,
    });
  }

  /**
   * The principal of a valid token, or null for anything else (bad signature, expired,
   * malformed, of a session epoch its user has left or a login session that ended). A token's signature is checked once:
   * the verified principal (frozen, so every request and socket holding the same token shares
   * one object) is remembered until the token expires; the cutoff is looked at on every call.
   */
  verifyAccess(token: string): VerifiedPrincipal | null {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return this.cutoffs.ends(known) ? null : known;
      this.verified.delete(token);
      return null;
    }
    const principal = this.verifySignature(token);
    if (!principal) return null;
    if (this.verified.size >= REMEMBERED_TOKENS) this.forgetSome();
    this.verified.set(token, principal);
    return this.cutoffs.ends(principal) ? null : principal;
  }

  private verifySignature(token: string): VerifiedPrincipal | null {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload & Partial<AccessClaims>;
      if (typeof claims.sub !== 'string' || typeof claims.org !== 'string' || !Array.isArray(claims.roles)) return null;
      const roles = Object.freeze(claims.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)));
      return Object.freeze({
        userId: claims.sub,
        organizationId: claims.org,
        roles: roles as Role[],
        technicianId: typeof claims.tech === 'string' ? claims.tech : null,
        // A token without an epoch was issued before accounts had one: the first epoch.
        sessionEpoch: Number.isSafeInteger(claims.epoch) ? (claims.epoch as number) : 0,
        sessionId: typeof claims.sid === 'string' ? claims.sid : null,
        expiresAt: (claims.exp ?? 0) * 1000,
      });
    } catch {
      return null;
    }
  }

  /** Expired tokens go first; if that is not enough, the oldest half (a later use verifies again). */
  private forgetSome(): void {
    const now = Date.now();
    for (const [token, principal] of this.verified) if (principal.expiresAt <= now) this.verified.delete(token);
    for (const token of this.verified.keys()) {
      if (this.verified.size < REMEMBERED_TOKENS / 2) break;
      this.verified.delete(token);
    }
  }
}

export const newRefreshToken = () => randomBytes(32).toString('base64url');

/** Refresh tokens are stored only as hashes; they are random, so a fast hash is enough. */
export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');
