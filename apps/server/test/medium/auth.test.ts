import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../src/modules/auth/auth.service';
import { LoginThrottle } from '../../src/modules/auth/login-throttle';
import { ACCESS_TOKEN_TTL_SECONDS, hashRefreshToken } from '../../src/platform/auth/tokens';
import { MemoryCache } from '../../src/platform/cache/cache';
import type { Database } from '../../src/platform/db/database';
import { refreshTokens, users } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, TEST_PASSWORD, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, partition, principalOf } from './support';

describe('AuthService over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let services: Services;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'auth');
    services = buildServices(database);
  });
  afterAll(() => dispose());

  /** A service with a throttle of its own, so counters of one scenario do not leak into another. */
  const isolatedAuth = (perAccount = 3, perIp = 10) =>
    new AuthService(
      database,
      services.authRepository,
      services.tokens,
      new LoginThrottle(new MemoryCache(), { perAccount, perIp }),
      services.sessionEnds,
    );

  const familyOf = async (refreshToken: string) => {
    const [row] = await database.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)));
    return row!;
  };

  describe('login', () => {
    it('answers a token pair whose access token carries the user as principal', async () => {
      const pair = await isolatedAuth().login(org.users.planner.email, TEST_PASSWORD, '10.0.0.1');
      expect(pair.expiresIn).toBe(ACCESS_TOKEN_TTL_SECONDS);
      expect(pair.user).toEqual({
        id: org.users.planner.id,
        email: 'planner@auth.test',
        name: 'planner of auth',
        roles: ['planner'],
        organizationId: org.organizationId,
        technicianId: null,
      });
      const verified = services.tokens.verifyAccess(pair.accessToken);
      expect(verified).toMatchObject(principalOf(org, 'planner'));
      const stored = await familyOf(pair.refreshToken);
      expect(stored.userId).toBe(org.users.planner.id);
      expect(stored.usedAt).toBeNull();
      expect(stored.revokedAt).toBeNull();
    });

    it('finds the account whatever the case of the email', async () => {
      const pair = await isolatedAuth().login('TECHNICIAN@AUTH.TEST', TEST_PASSWORD, '10.0.0.2');
      expect(pair.user.id).toBe(org.users.technician.id);
      expect(pair.user.technicianId).toBe(org.technicianId);
    });

    it('refuses a wrong password, an unknown email and a disabled account alike', async () => {
      const auth = isolatedAuth(100, 100);
      await appError(auth.login(org.users.manager.email, 'not-the-password', '10.0.0.3'), ErrorCode.InvalidCredentials);
      await appError(auth.login('nobody@auth.test', TEST_PASSWORD, '10.0.0.3'), ErrorCode.InvalidCredentials);
      await database.db.update(users).set({ active: false }).where(eq(users.id, org.users.otherRequester.id));
      await appError(auth.login(org.users.otherRequester.email, TEST_PASSWORD, '10.0.0.3'), ErrorCode.InvalidCredentials);
    });
  });

  describe('login throttle', () => {
    it('locks an account after the configured failures, even for the right password, to the network that failed', async () => {
      const auth = isolatedAuth(3, 10);
      for (let attempt = 0; attempt < 3; attempt++) {
        await appError(auth.login(org.users.requester.email, 'wrong-password', '10.0.1.1'), ErrorCode.InvalidCredentials);
      }
      // Refused to the network that guessed, right password included…
      const error = await appError(auth.login(org.users.requester.email, TEST_PASSWORD, '10.0.1.1'), ErrorCode.RateLimited);
      expect(error.options.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.options.retryAfterSeconds).toBeLessThanOrEqual(3600);
      // …not to the owner on a network that never failed on the account.
      expect((await auth.login(org.users.requester.email, TEST_PASSWORD, '10.0.1.2')).user.id).toBe(org.users.requester.id);
      // Other accounts are not affected.
      const other = await auth.login(org.users.manager.email, TEST_PASSWORD, '10.0.1.2');
      expect(other.user.id).toBe(org.users.manager.id);
    });

    it('a success clears the account counter (not past its limit), so failures start again from zero', async () => {
      const auth = isolatedAuth(3, 100);
      await appError(auth.login(org.users.admin.email, 'wrong-1', '10.0.2.1'), ErrorCode.InvalidCredentials);
      await appError(auth.login(org.users.admin.email, 'wrong-2', '10.0.2.1'), ErrorCode.InvalidCredentials);
      await auth.login(org.users.admin.email, TEST_PASSWORD, '10.0.2.1');
      await appError(auth.login(org.users.admin.email, 'wrong-3', '10.0.2.1'), ErrorCode.InvalidCredentials);
      await appError(auth.login(org.users.admin.email, 'wrong-4', '10.0.2.1'), ErrorCode.InvalidCredentials);
      const pair = await auth.login(org.users.admin.email, TEST_PASSWORD, '10.0.2.1');
      expect(pair.user.id).toBe(org.users.admin.id);
    });

    it('locks a client address after its failures across different accounts', async () => {
      const auth = isolatedAuth(100, 4);
      for (const email of ['a@auth.test', 'b@auth.test', 'c@auth.test', 'd@auth.test']) {
        await appError(auth.login(email, 'wrong', '10.0.3.1'), ErrorCode.InvalidCredentials);
      }
      const error = await appError(auth.login(org.users.planner.email, TEST_PASSWORD, '10.0.3.1'), ErrorCode.RateLimited);
      expect(error.options.retryAfterSeconds).toBeGreaterThan(0);
      const elsewhere = await auth.login(org.users.planner.email, TEST_PASSWORD, '10.0.3.2');
      expect(elsewhere.user.id).toBe(org.users.planner.id);
    });
  });

  describe('refresh tokens', () => {
    const login = () => isolatedAuth().login(org.users.manager.email, TEST_PASSWORD, '10.0.4.1');

    it('rotates: the new pair works, the old refresh token is refused afterwards', async () => {
      const first = await login();
      const second = await services.auth.refresh(first.refreshToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user.id).toBe(org.users.manager.id);
      expect((await familyOf(second.refreshToken)).familyId).toBe((await familyOf(first.refreshToken)).familyId);
      expect((await familyOf(first.refreshToken)).usedAt).not.toBeNull();
      await appError(services.auth.refresh(first.refreshToken), ErrorCode.Unauthenticated);
    });

    it('reuse of a spent token revokes the whole family, including its newest token', async () => {
      const first = await login();
      const second = await services.auth.refresh(first.refreshToken);
      const third = await services.auth.refresh(second.refreshToken);
      await appError(services.auth.refresh(first.refreshToken), ErrorCode.Unauthenticated);
      expect((await familyOf(third.refreshToken)).revokedAt).not.toBeNull();
      await appError(services.auth.refresh(third.refreshToken), ErrorCode.Unauthenticated);
      // Another session of the same user is a different family and keeps working.
      const otherSession = await login();
      const rotated = await services.auth.refresh(otherSession.refreshToken);
      expect(rotated.user.id).toBe(org.users.manager.id);
    });

    it('logout revokes the family of the token', async () => {
      const first = await login();
      const second = await services.auth.refresh(first.refreshToken);
      await services.auth.logout(second.refreshToken);
      expect((await familyOf(second.refreshToken)).revokedAt).not.toBeNull();
      await appError(services.auth.refresh(second.refreshToken), ErrorCode.Unauthenticated);
    });

    it('logout of an unknown token is a quiet no-op', async () => {
      await expect(services.auth.logout('this-token-was-never-issued-by-us')).resolves.toBeUndefined();
    });

    it('refuses an expired refresh token', async () => {
      const pair = await login();
      await database.db
        .update(refreshTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(refreshTokens.tokenHash, hashRefreshToken(pair.refreshToken)));
      await appError(services.auth.refresh(pair.refreshToken), ErrorCode.Unauthenticated);
    });

    it('refuses an unknown refresh token', async () => {
      await appError(services.auth.refresh('a-random-token-that-was-never-issued'), ErrorCode.Unauthenticated);
    });

    it('refuses the token of a user disabled since it was issued', async () => {
      const pair = await isolatedAuth().login(org.users.otherTechnician.email, TEST_PASSWORD, '10.0.4.2');
      await database.db.update(users).set({ active: false }).where(eq(users.id, org.users.otherTechnician.id));
      await appError(services.auth.refresh(pair.refreshToken), ErrorCode.Unauthenticated);
      expect((await familyOf(pair.refreshToken)).revokedAt).not.toBeNull();
    });

    it('of two concurrent refreshes of the same token exactly one succeeds', async () => {
      const pair = await login();
      const results = await Promise.allSettled([services.auth.refresh(pair.refreshToken), services.auth.refresh(pair.refreshToken)]);
      const { values, reasons } = partition(results);
      expect(values).toHaveLength(1);
      expect(reasons).toHaveLength(1);
      expect(reasons[0]).toMatchObject({ code: ErrorCode.Unauthenticated });
      expect(values[0]!.user.id).toBe(org.users.manager.id);
      const family = await database.db
        .select()
        .from(refreshTokens)
        .where(eq(refreshTokens.familyId, (await familyOf(pair.refreshToken)).familyId));
      // The original plus exactly one successor: the loser issued nothing.
      expect(family).toHaveLength(2);
    });
  });

  describe('me', () => {
    it('answers the current user, and refuses a disabled one', async () => {
      await database.db.update(users).set({ active: false }).where(eq(users.id, org.users.otherRequester.id));
      await expect(services.auth.me(principalOf(org, 'planner'))).resolves.toMatchObject({
        id: org.users.planner.id,
        roles: ['planner'],
      });
      await appError(services.auth.me(principalOf(org, 'otherRequester')), ErrorCode.Unauthenticated);
    });
  });
});
