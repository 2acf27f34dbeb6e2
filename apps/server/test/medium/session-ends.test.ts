import { CreateTechnician, CreateUser } from '@msched/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionEnds } from '../../src/modules/auth/session-ends';
import type { AppConfig } from '../../src/config';
import type { Principal } from '../../src/platform/auth/principal';
import { TokenSigner } from '../../src/platform/auth/tokens';
import type { Database } from '../../src/platform/db/database';
import { refreshTokens, users } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase, usingPostgres } from '../support/infrastructure';
import { databaseUrlOf, holdRows, lockWaits, pauseFirstCall } from './locking';
import { JWT_SECRET, type Services, appError, buildServices, principalOf } from './support';

const PASSWORD = 'a-long-password-1';

/**
 * A change to an account that its access tokens carry (disabled, roles, technician link, a new
 * password) ends those tokens at once, on this instance and, through the database, on others;
 * tokens issued while the change commits are not left out.
 */
describe('session cutoffs over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let services: Services;
  let admin: Principal;
  let users_ = 0;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'sessions');
    services = buildServices(database, { perAccount: 100, perIp: 100 });
    admin = principalOf(org, 'admin');
  });
  afterAll(() => dispose());
  afterEach(() => vi.restoreAllMocks());

  /** A new planner of the organization, logged in. */
  const loggedIn = async (extra: Partial<CreateUser> = {}) => {
    const email = `person-${++users_}@sessions.test`;
    const user = await services.users.create(
      admin,
      CreateUser.parse({ email, name: email, password: PASSWORD, roles: ['planner'], ...extra }),
    );
    const session = await services.auth.login(email, PASSWORD, '10.9.0.1');
    return { user, session };
  };

  const sessionsOf = async (id: string) => {
    const [row] = await database.db.select().from(users).where(eq(users.id, id));
    return { epoch: row!.sessionEpoch, endedAt: row!.sessionsEndedAt };
  };

  it('disabling a user refuses their access token at once; a rename does not end it', async () => {
    const { user, session } = await loggedIn();
    expect(services.tokens.verifyAccess(session.accessToken)).toMatchObject({ userId: user.id, roles: ['planner'] });
    await services.users.update(admin, user.id, { name: 'Renamed' });
    expect(services.tokens.verifyAccess(session.accessToken)).not.toBeNull();
    expect(await sessionsOf(user.id)).toEqual({ epoch: 0, endedAt: null });

    await services.users.update(admin, user.id, { active: false });
    expect(services.tokens.verifyAccess(session.accessToken)).toBeNull();
    expect(await sessionsOf(user.id)).toEqual({ epoch: 1, endedAt: expect.any(Date) });
    await appError(services.auth.refresh(session.refreshToken), ErrorCode.Unauthenticated);
  });

  it('a role change ends the token; the refresh token still works and its new token carries the new roles', async () => {
    const { user, session } = await loggedIn();
    await services.users.update(admin, user.id, { roles: ['planner'] });
    expect(services.tokens.verifyAccess(session.accessToken)).not.toBeNull(); // the same roles: nothing changed

    await services.users.update(admin, user.id, { roles: ['technician'] });
    expect(services.tokens.verifyAccess(session.accessToken)).toBeNull();
    const renewed = await services.auth.refresh(session.refreshToken);
    expect(services.tokens.verifyAccess(renewed.accessToken)).toMatchObject({ userId: user.id, roles: ['technician'], technicianId: null });

    // A technician no other account acts for.
    const { id: technicianId } = await services.technicians.create(
      admin,
      CreateTechnician.parse({ employeeId: 'S-LINK', firstName: 'Sam', lastName: 'Linked' }),
    );
    await services.users.update(admin, user.id, { technicianId });
    expect(services.tokens.verifyAccess(renewed.accessToken)).toBeNull();
    const linked = await services.auth.refresh(renewed.refreshToken);
    expect(services.tokens.verifyAccess(linked.accessToken)).toMatchObject({ technicianId });
    // Linking it again (another case) is no change.
    await services.users.update(admin, user.id, { technicianId: technicianId.toUpperCase() });
    expect(services.tokens.verifyAccess(linked.accessToken)).not.toBeNull();
  });

  it('another instance refuses the token once it has read the cutoffs from the database', async () => {
    const { user, session } = await loggedIn();
    const elsewhere = new TokenSigner(JWT_SECRET);
    const ends = new SessionEnds(database, elsewhere, { sessionEndPollMs: 1000 } as AppConfig);
    expect(elsewhere.verifyAccess(session.accessToken)).not.toBeNull();

    await services.users.update(admin, user.id, { password: 'another-long-password' });
    expect(services.tokens.verifyAccess(session.accessToken)).toBeNull();
    expect(elsewhere.verifyAccess(session.accessToken)).not.toBeNull(); // not read yet
    await ends.refresh();
    expect(elsewhere.verifyAccess(session.accessToken)).toBeNull();
    const fresh = await services.auth.login(user.email, 'another-long-password', '10.9.0.2');
    expect(elsewhere.verifyAccess(fresh.accessToken)).toMatchObject({ userId: user.id });
  });

  it('logging out ends that session’s access tokens at once, here and on another instance once read; the user’s other sessions go on', async () => {
    const { user, session: phone } = await loggedIn();
    const laptop = await services.auth.login(user.email, PASSWORD, '10.9.0.4');
    const renewed = await services.auth.refresh(phone.refreshToken);
    const elsewhere = new TokenSigner(JWT_SECRET);
    const ends = new SessionEnds(database, elsewhere, { sessionEndPollMs: 1000 } as AppConfig);
    const sessionOf = (token: string) => services.tokens.verifyAccess(token)?.sessionId;
    expect(sessionOf(renewed.accessToken)).toBe(sessionOf(phone.accessToken));
    expect(sessionOf(laptop.accessToken)).not.toBe(sessionOf(phone.accessToken));
    expect(elsewhere.verifyAccess(renewed.accessToken)).not.toBeNull();

    await services.auth.logout(renewed.refreshToken);
    expect(services.tokens.verifyAccess(phone.accessToken)).toBeNull();
    expect(services.tokens.verifyAccess(renewed.accessToken)).toBeNull();
    expect(services.tokens.verifyAccess(laptop.accessToken)).toMatchObject({ userId: user.id });
    await appError(services.auth.refresh(renewed.refreshToken), ErrorCode.Unauthenticated);
    // The account itself did not change.
    expect(await sessionsOf(user.id)).toEqual({ epoch: 0, endedAt: null });

    expect(elsewhere.verifyAccess(renewed.accessToken)).not.toBeNull(); // not read yet
    await ends.refresh();
    expect(elsewhere.verifyAccess(renewed.accessToken)).toBeNull();
    expect(elsewhere.verifyAccess(phone.accessToken)).toBeNull();
    expect(elsewhere.verifyAccess(laptop.accessToken)).toMatchObject({ userId: user.id });
  });

  it('a spent refresh token shown again ends its session’s access tokens, the thief’s and the owner’s alike', async () => {
    const { user, session } = await loggedIn();
    const other = await services.auth.login(user.email, PASSWORD, '10.9.0.5');
    const rotated = await services.auth.refresh(session.refreshToken);
    expect(services.tokens.verifyAccess(rotated.accessToken)).not.toBeNull();
    await appError(services.auth.refresh(session.refreshToken), ErrorCode.Unauthenticated);
    expect(services.tokens.verifyAccess(rotated.accessToken)).toBeNull();
    expect(services.tokens.verifyAccess(other.accessToken)).toMatchObject({ userId: user.id });
    const elsewhere = new TokenSigner(JWT_SECRET);
    await new SessionEnds(database, elsewhere, { sessionEndPollMs: 1000 } as AppConfig).refresh();
    expect(elsewhere.verifyAccess(rotated.accessToken)).toBeNull();
    expect(elsewhere.verifyAccess(other.accessToken)).not.toBeNull();
  });

  it('reads only the login sessions that can still end a token (revoked in the last 16 minutes)', async () => {
    const { session: old } = await loggedIn();
    const { session: recent } = await loggedIn();
    const revoked = (token: string, minutesAgo: number) =>
      database.db
        .update(refreshTokens)
        .set({ revokedAt: sql`now() - make_interval(secs => ${minutesAgo * 60})` })
        .where(eq(refreshTokens.familyId, services.tokens.verifyAccess(token)!.sessionId!));
    await revoked(old.accessToken, 16.5);
    await revoked(recent.accessToken, 15.5);
    const elsewhere = new TokenSigner(JWT_SECRET);
    await new SessionEnds(database, elsewhere, { sessionEndPollMs: 1000 } as AppConfig).refresh();
    expect(elsewhere.verifyAccess(recent.accessToken)).toBeNull();
    expect(elsewhere.verifyAccess(old.accessToken)).not.toBeNull();
  });

  it('reads only the cutoffs that can still end a token (changes of the last 16 minutes)', async () => {
    const { user: old } = await loggedIn();
    const { user: recent } = await loggedIn();
    const ended = (id: string, minutesAgo: number) =>
      database.db
        .update(users)
        .set({ sessionEpoch: 1, sessionsEndedAt: sql`now() - make_interval(secs => ${minutesAgo * 60})` })
        .where(eq(users.id, id));
    await ended(old.id, 16.5);
    await ended(recent.id, 15.5);
    const elsewhere = new TokenSigner(JWT_SECRET);
    await new SessionEnds(database, elsewhere, { sessionEndPollMs: 1000 } as AppConfig).refresh();
    expect(elsewhere.cutoffs.ends({ userId: recent.id, sessionEpoch: 0, sessionId: null })).toBe(true);
    expect(elsewhere.cutoffs.ends({ userId: old.id, sessionEpoch: 0, sessionId: null })).toBe(false);
  });

  it('a read of the cutoffs that fails keeps the known ones and throws nothing; the next read catches up', async () => {
    const { user: first, session: firstSession } = await loggedIn();
    const { user: second, session: secondSession } = await loggedIn();
    const elsewhere = new TokenSigner(JWT_SECRET);
    const ends = new SessionEnds(database, elsewhere, { sessionEndPollMs: 1000 } as AppConfig);
    await services.users.update(admin, first.id, { active: false });
    await ends.refresh();
    await services.users.update(admin, second.id, { active: false });
    // The database unreachable for this read (a fault injected into the read, not a stand-in for the data).
    vi.spyOn(database, 'read').mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(ends.refresh()).resolves.toBeUndefined();
    expect(elsewhere.verifyAccess(firstSession.accessToken)).toBeNull();
    expect(elsewhere.verifyAccess(secondSession.accessToken)).not.toBeNull();
    await ends.refresh();
    expect(elsewhere.verifyAccess(secondSession.accessToken)).toBeNull();
  });

  it('a login whose password check overlaps the account being disabled issues nothing', async () => {
    const { user } = await loggedIn();
    const { reached, open } = pauseFirstCall(services.throttle, 'succeeded', 'after');
    const login = services.auth.login(user.email, PASSWORD, '10.9.0.3');
    await reached; // the password was right, the account active
    await services.users.update(admin, user.id, { active: false });
    open();
    await appError(login, ErrorCode.InvalidCredentials);
    const issued = await database.db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(issued.every((token) => token.revokedAt !== null)).toBe(true);
  });

  describe.runIf(usingPostgres())('PostgreSQL: token issues and account changes wait for each other', () => {
    it('a refresh while another connection disables the account is refused once that commits', async () => {
      const { user, session } = await loggedIn();
      const holder = await holdRows(await databaseUrlOf(database), 'select id from users where id = $1 for update', [user.id]);
      const refresh = services.auth.refresh(session.refreshToken).then(
        () => 'issued',
        (error: { code?: string }) => error.code,
      );
      await lockWaits(database, 1);
      await holder.query('update users set active = false where id = $1', [user.id]);
      await holder.release();
      expect(await refresh).toBe(ErrorCode.Unauthenticated);
    });

    it('a password change during a refresh waits for it, then revokes the refresh token it issued and ends its access token', async () => {
      const { user, session } = await loggedIn();
      const { reached, open } = pauseFirstCall(services.authRepository, 'findUserById', 'after');
      const refresh = services.auth.refresh(session.refreshToken);
      await reached; // the refresh holds the user
      const change = services.users.update(admin, user.id, { password: 'a-password-changed-meanwhile' });
      await lockWaits(database, 1);
      open();
      const pair = await refresh;
      await change;
      expect(services.tokens.verifyAccess(pair.accessToken)).toBeNull();
      await appError(services.auth.refresh(pair.refreshToken), ErrorCode.Unauthenticated);
    });

    it('a logout while a refresh of the session is about to commit waits for it, then revokes the refresh token it issued', async () => {
      const { session } = await loggedIn();
      // The refresh has spent its token and stored the next one, uncommitted.
      const { reached, open } = pauseFirstCall(services.authRepository, 'insertRefreshToken', 'after');
      const refresh = services.auth.refresh(session.refreshToken);
      await reached;
      const logout = services.auth.logout(session.refreshToken);
      await lockWaits(database, 1);
      open();
      const pair = await refresh;
      await logout;
      expect(services.tokens.verifyAccess(pair.accessToken)).toBeNull();
      await appError(services.auth.refresh(pair.refreshToken), ErrorCode.Unauthenticated);
    });
  });
});
