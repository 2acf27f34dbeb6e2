import { CreateTechnician, CreateUser, UpdateUser } from '@msched/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import { verifyPassword } from '../../src/platform/auth/passwords';
import type { Database } from '../../src/platform/db/database';
import { refreshTokens, users } from '../../src/platform/db/schema';
import { ErrorCode } from '../../src/platform/http/app-error';
import { toProblem } from '../../src/platform/http/problem.filter';
import { type OrganizationFixture, TEST_PASSWORD, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { type Services, appError, buildServices, partition, principalOf } from './support';

describe('UsersService over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let other: OrganizationFixture;
  let services: Services;
  let admin: Principal;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'users');
    other = await createOrganization(database, 'elsewhere');
    services = buildServices(database, { perAccount: 100, perIp: 100 });
    admin = principalOf(org, 'admin');
  });
  afterAll(() => dispose());

  const newUser = (email: string, extra: Partial<CreateUser> = {}) =>
    CreateUser.parse({ email, name: `Name of ${email}`, password: 'a-long-password-1', roles: ['planner'], ...extra });

  const storedUser = async (id: string) => (await database.db.select().from(users).where(eq(users.id, id)))[0]!;

  /** A technician no account acts for yet. */
  let technicians = 0;
  const unlinkedTechnician = async () =>
    (
      await services.technicians.create(
        admin,
        CreateTechnician.parse({ employeeId: `U-${++technicians}`, firstName: 'Una', lastName: `Linked ${technicians}` }),
      )
    ).id;

  describe('create', () => {
    it('stores the user in the caller organization with a hashed password and de-duplicated roles', async () => {
      const technicianId = await unlinkedTechnician();
      const created = await services.users.create(
        admin,
        newUser('New.Planner@Users.test', { roles: ['planner', 'technician', 'planner'], technicianId }),
      );
      expect(created).toMatchObject({
        email: 'new.planner@users.test',
        name: 'Name of New.Planner@Users.test',
        roles: ['planner', 'technician'],
        organizationId: org.organizationId,
        technicianId,
        active: true,
        version: 1,
      });
      const row = await storedUser(created.id);
      expect(row.passwordHash).not.toContain('a-long-password-1');
      expect(await verifyPassword(row.passwordHash, 'a-long-password-1')).toBe(true);
      const pair = await services.auth.login('new.planner@users.test', 'a-long-password-1', '10.1.0.1');
      expect(pair.user.id).toBe(created.id);
    });

    it('refuses an email already in use, whatever its case and organization', async () => {
      await appError(services.users.create(admin, newUser('planner@users.test')), ErrorCode.Duplicate);
      await appError(services.users.create(admin, newUser('PLANNER@USERS.TEST')), ErrorCode.Duplicate);
      await appError(services.users.create(admin, newUser('planner@elsewhere.test')), ErrorCode.Duplicate);
    });

    it('two concurrent creates with the same email: one succeeds, the other answers 409 duplicate', async () => {
      const results = await Promise.allSettled([
        services.users.create(admin, newUser('racer@users.test')),
        services.users.create(admin, newUser('racer@users.test')),
      ]);
      const { values, reasons } = partition(results);
      expect(values).toHaveLength(1);
      expect(reasons).toHaveLength(1);
      // The loser passes the look-up and hits the unique index; the problem filter maps that to 409.
      expect(toProblem(reasons[0], '/api/v1/users').problem).toMatchObject({ status: 409, code: ErrorCode.Duplicate });
      const stored = await database.db.select().from(users).where(eq(users.email, 'racer@users.test'));
      expect(stored.map((row) => row.id)).toEqual([values[0]!.id]);
    });

    it('refuses a technicianId of another organization as invalid input, and creates nothing', async () => {
      const error = await appError(
        services.users.create(admin, newUser('linked@users.test', { technicianId: other.technicianId })),
        ErrorCode.Validation,
      );
      expect(error.options.errors).toEqual([{ path: 'technicianId', message: 'no such technician in your organization' }]);
      expect(await services.auth.login('linked@users.test', 'a-long-password-1', '10.1.0.2').catch((e: unknown) => e)).toMatchObject({
        code: ErrorCode.InvalidCredentials,
      });
    });
  });

  describe('list and get', () => {
    it('lists only the caller organization, filtered by name or email', async () => {
      const all = (await services.users.list(admin, { page: 1, limit: 100 })).data;
      expect(all.every((user) => user.organizationId === org.organizationId)).toBe(true);
      expect(all.map((user) => user.email)).not.toContain('admin@elsewhere.test');
      const found = (await services.users.list(admin, { search: 'OTHERREQUESTER', page: 1, limit: 100 })).data;
      expect(found.map((user) => user.email)).toEqual(['otherrequester@users.test']);
    });

    it("answers another organization's user as not found", async () => {
      await appError(services.users.get(admin, other.users.planner.id), ErrorCode.NotFound);
      await appError(services.users.update(admin, other.users.planner.id, { name: 'Hijacked' }), ErrorCode.NotFound);
      expect((await storedUser(other.users.planner.id)).name).toBe('planner of elsewhere');
    });
  });

  describe('update', () => {
    it('applies a change with the current version and bumps it', async () => {
      const before = await services.users.get(admin, org.users.requester.id);
      const updated = await services.users.update(admin, org.users.requester.id, { name: 'Renamed requester' }, before.version);
      expect(updated.name).toBe('Renamed requester');
      expect(updated.version).toBe(before.version + 1);
    });

    it('refuses a stale version and leaves the user unchanged', async () => {
      const before = await services.users.get(admin, org.users.manager.id);
      await services.users.update(admin, org.users.manager.id, { name: 'First edit' }, before.version);
      const error = await appError(
        services.users.update(admin, org.users.manager.id, { name: 'Lost update' }, before.version),
        ErrorCode.PreconditionFailed,
      );
      expect(error.options.extensions).toEqual({ currentVersion: before.version + 1 });
      expect((await storedUser(org.users.manager.id)).name).toBe('First edit');
    });

    it('a password change ends every session of the user and only the new password logs in', async () => {
      const first = await services.auth.login(org.users.planner.email, TEST_PASSWORD, '10.1.1.1');
      const second = await services.auth.login(org.users.planner.email, TEST_PASSWORD, '10.1.1.2');
      await services.users.update(admin, org.users.planner.id, { password: 'a-brand-new-password' });
      const tokens = await database.db.select().from(refreshTokens).where(eq(refreshTokens.userId, org.users.planner.id));
      expect(tokens).toHaveLength(2);
      expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
      await appError(services.auth.refresh(first.refreshToken), ErrorCode.Unauthenticated);
      await appError(services.auth.refresh(second.refreshToken), ErrorCode.Unauthenticated);
      await appError(services.auth.login(org.users.planner.email, TEST_PASSWORD, '10.1.1.3'), ErrorCode.InvalidCredentials);
      const fresh = await services.auth.login(org.users.planner.email, 'a-brand-new-password', '10.1.1.3');
      expect(fresh.user.id).toBe(org.users.planner.id);
    });

    it('disabling a user ends their sessions; a rename does not', async () => {
      const session = await services.auth.login(org.users.technician.email, TEST_PASSWORD, '10.1.2.1');
      await services.users.update(admin, org.users.technician.id, { name: 'Tess renamed' });
      const rotated = await services.auth.refresh(session.refreshToken);
      const disabled = await services.users.update(admin, org.users.technician.id, { active: false });
      expect(disabled.active).toBe(false);
      await appError(services.auth.refresh(rotated.refreshToken), ErrorCode.Unauthenticated);
      await appError(services.auth.login(org.users.technician.email, TEST_PASSWORD, '10.1.2.1'), ErrorCode.InvalidCredentials);
    });

    it('an admin cannot disable themself nor drop their own admin role', async () => {
      await appError(services.users.update(admin, admin.userId, { active: false }), ErrorCode.Conflict);
      await appError(services.users.update(admin, admin.userId, { roles: ['manager'] }), ErrorCode.Conflict);
      const row = await storedUser(admin.userId);
      expect(row.active).toBe(true);
      expect(row.roles).toEqual(['admin']);
      const kept = await services.users.update(admin, admin.userId, { roles: ['admin', 'manager'] });
      expect(kept.roles).toEqual(['admin', 'manager']);
    });

    it('links a technician to one account at most (409), on create, on update and when two try at once', async () => {
      await appError(services.users.create(admin, newUser('second@users.test', { technicianId: org.technicianId })), ErrorCode.Duplicate);
      const planner = await services.users.create(admin, newUser('would-link@users.test'));
      const taken = await appError(services.users.update(admin, planner.id, { technicianId: org.otherTechnicianId }), ErrorCode.Duplicate);
      expect(taken.message).toBe('That technician is already linked to another account: unlink it there first');
      expect(taken.options.errors).toEqual([{ path: 'technicianId', message: 'already linked to another account' }]);
      expect((await storedUser(planner.id)).technicianId).toBeNull();
      // Unlinked there, it may be linked here.
      await services.users.update(admin, org.users.otherTechnician.id, { technicianId: null });
      expect((await services.users.update(admin, planner.id, { technicianId: org.otherTechnicianId })).technicianId).toBe(
        org.otherTechnicianId,
      );
      const free = await unlinkedTechnician();
      const results = await Promise.allSettled([
        services.users.create(admin, newUser('race-a@users.test', { technicianId: free })),
        services.users.create(admin, newUser('race-b@users.test', { technicianId: free })),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      // Put back as the fixture had it, for the tests after this one.
      await services.users.update(admin, planner.id, { technicianId: null });
      await services.users.update(admin, org.users.otherTechnician.id, { technicianId: org.otherTechnicianId });
    });

    it('changes the sign-in email: the new one logs in, the old one no longer, and the sessions stay', async () => {
      const account = await services.users.create(admin, newUser('moving@users.test'));
      const session = await services.auth.login('moving@users.test', 'a-long-password-1', '10.1.3.1');
      const moved = await services.users.update(admin, account.id, UpdateUser.parse({ email: ' Moved@Users.TEST ' }), account.version);
      expect(moved).toMatchObject({ email: 'moved@users.test', version: account.version + 1 });
      expect((await services.auth.login('moved@users.test', 'a-long-password-1', '10.1.3.1')).user.id).toBe(account.id);
      await appError(services.auth.login('moving@users.test', 'a-long-password-1', '10.1.3.1'), ErrorCode.InvalidCredentials);
      expect((await services.auth.refresh(session.refreshToken)).user.email).toBe('moved@users.test');
      // The same address again, in any case, changes nothing.
      const same = await services.users.update(admin, account.id, UpdateUser.parse({ email: 'MOVED@users.test' }));
      expect(same.version).toBe(moved.version);
    });

    it('refuses an email another account uses, in any organization, naming the field; concurrent moves to one address: one wins', async () => {
      const account = await services.users.create(admin, newUser('stays@users.test'));
      for (const taken of ['planner@users.test', 'PLANNER@elsewhere.test']) {
        const error = await appError(services.users.update(admin, account.id, UpdateUser.parse({ email: taken })), ErrorCode.Duplicate);
        expect(error.options.errors).toEqual([{ path: 'email', message: 'another account already uses this email' }]);
      }
      expect((await storedUser(account.id)).email).toBe('stays@users.test');

      const other = await services.users.create(admin, newUser('stays-too@users.test'));
      const results = await Promise.allSettled(
        [account, other].map((user) => services.users.update(admin, user.id, UpdateUser.parse({ email: 'contested@users.test' }))),
      );
      const { values, reasons } = partition(results);
      expect(values).toHaveLength(1);
      expect(toProblem(reasons[0], '/api/v1/users').problem).toMatchObject({ status: 409, code: ErrorCode.Duplicate });
      const holders = await database.db.select().from(users).where(eq(users.email, 'contested@users.test'));
      expect(holders.map((row) => row.id)).toEqual([values[0]!.id]);
    });

    it('refuses linking a technician of another organization', async () => {
      const error = await appError(
        services.users.update(admin, org.users.otherTechnician.id, { technicianId: other.otherTechnicianId }),
        ErrorCode.Validation,
      );
      expect(error.options.errors).toEqual([{ path: 'technicianId', message: 'no such technician in your organization' }]);
      expect((await storedUser(org.users.otherTechnician.id)).technicianId).toBe(org.otherTechnicianId);
    });
  });
});
