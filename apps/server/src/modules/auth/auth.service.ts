import { randomUUID } from 'node:crypto';
import type { AuthUser, TokenPair } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { decoyPasswordHash, verifyPassword } from '../../platform/auth/passwords';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_TOKEN_TTL_SECONDS,
  TokenSigner,
  hashRefreshToken,
  newRefreshToken,
} from '../../platform/auth/tokens';
import { Database } from '../../platform/db/database';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { AuthRepository, type UserRow } from './auth.repository';
import { LoginThrottle } from './login-throttle';
import { SessionEnds } from './session-ends';

export const toAuthUser = (user: UserRow): AuthUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  roles: user.roles,
  organizationId: user.organizationId,
  technicianId: user.technicianId,
});

const invalidRefresh = () => new AppError(ErrorCode.Unauthenticated, 'The refresh token is invalid, expired or already used; log in again');

@Injectable()
export class AuthService {
  constructor(
    private readonly database: Database,
    private readonly repository: AuthRepository,
    private readonly tokens: TokenSigner,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionEnds,
  ) {}

  async login(email: string, password: string, ip: string): Promise<TokenPair> {
    await this.throttle.begin(email, ip);
    const user = await this.repository.findUserByEmail(email);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid || !user.active) throw new AppError(ErrorCode.InvalidCredentials, 'Email or password is wrong');
    await this.throttle.succeeded(email, ip);
    // Read again, locked, now the password is checked: the account may have been disabled or
    // changed during the hash; the tokens carry it as it is, and a change waiting for the lock
    // revokes this refresh token too.
    const pair = await this.database.transaction(async () => {
      const current = await this.repository.findUserById(user.id, { lock: 'share' });
      return current?.active && current.passwordHash === user.passwordHash ? this.issue(current, randomUUID()) : null;
    });
    if (!pair) throw new AppError(ErrorCode.InvalidCredentials, 'Email or password is wrong');
    return pair;
  }

  /** Rotation: each refresh token works once; showing a spent one revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    type Outcome = { pair: TokenPair } | { error: AppError; end?: { userId: string; familyId: string } };
    const outcome = await this.database.transaction(async (): Promise<Outcome> => {
      const stored = await this.repository.findRefreshToken(hashRefreshToken(refreshToken));
      if (!stored) return { error: invalidRefresh() };
      // The user before the token, as a change to the account locks them: it waits for this
      // issue (and then revokes its refresh token), or this issue reads the account it left.
      const user = await this.repository.findUserById(stored.userId, { lock: 'share' });
      // A spent token shown again may have been stolen: the whole session ends, its access
      // tokens included, whoever holds them.
      const ended = { error: invalidRefresh(), end: { userId: stored.userId, familyId: stored.familyId } };
      if (stored.usedAt || stored.revokedAt || !(await this.repository.spendRefreshToken(stored.id))) return ended;
      if (stored.expiresAt.getTime() <= Date.now()) return { error: invalidRefresh() };
      if (!user?.active) return ended;
      return { pair: await this.issue(user, stored.familyId) };
    });
    if ('pair' in outcome) return outcome.pair;
    // After this transaction, which holds the user's row for share as any other refresh does.
    if (outcome.end) await this.endSession(outcome.end.userId, outcome.end.familyId);
    throw outcome.error;
  }

  /** Ends the login session the refresh token belongs to: its refresh tokens and the access tokens issued in it. */
  async logout(refreshToken: string): Promise<void> {
    const stored = await this.repository.findRefreshToken(hashRefreshToken(refreshToken));
    if (stored) await this.endSession(stored.userId, stored.familyId);
  }

  async me(principal: Principal): Promise<AuthUser> {
    const user = await this.repository.findUserById(principal.userId);
    if (!user?.active) throw new AppError(ErrorCode.Unauthenticated, 'This account no longer exists or is disabled');
    return toAuthUser(user);
  }

  /**
   * Revokes a login session's refresh tokens; once that commits, this instance refuses its access
   * tokens (the others read it). The user's row is locked first, as an account change locks it:
   * a refresh of the session in flight holds it for share, so it commits before the revocation,
   * which then includes the refresh token it issued, and no refresh issues one after it.
   */
  private endSession(userId: string, familyId: string): Promise<void> {
    return this.database.transaction(async () => {
      await this.repository.findUserById(userId, { lock: 'no key update' });
      await this.repository.revokeFamily(familyId);
      this.database.afterCommit(() => this.sessions.sessionEnded(userId, familyId));
    });
  }

  private async issue(user: UserRow, familyId: string): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    await this.repository.insertRefreshToken({
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    const principal: Principal = {
      userId: user.id,
      organizationId: user.organizationId,
      roles: user.roles,
      technicianId: user.technicianId,
    };
    return {
      accessToken: this.tokens.signAccess(principal, { epoch: user.sessionEpoch, id: familyId }),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: toAuthUser(user),
    };
  }
}
