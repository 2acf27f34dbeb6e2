import type { CreateUser, Paged, Role, UpdateUser, User, UserListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { hashPassword } from '../../platform/auth/passwords';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { TECHNICIAN_LINK_KEY } from '../../platform/db/schema';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, changesNothing, concurrentChange } from '../../platform/http/concurrency';
import { definedOnly, iso } from '../../platform/http/mapping';
import { AuthRepository } from '../auth/auth.repository';
import { SessionEnds } from '../auth/session-ends';
import { type UserRow, UsersRepository } from './users.repository';

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  roles: row.roles,
  organizationId: row.organizationId,
  technicianId: row.technicianId,
  active: row.active,
  version: row.version,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const changedRoles = (current: readonly Role[], next: readonly Role[] | undefined) =>
  next !== undefined && (next.length !== current.length || next.some((role) => !current.includes(role)));

const changedLink = (current: string | null, next: string | null | undefined) =>
  next !== undefined && (next?.toLowerCase() ?? null) !== (current?.toLowerCase() ?? null);

/** 409 duplicate, naming the field (a client puts the message on it). */
const duplicateEmail = (email: string) =>
  new AppError(ErrorCode.Duplicate, `A user with email ${email} already exists`, {
    errors: [{ path: 'email', message: 'another account already uses this email' }],
  });
const technicianTaken = () =>
  new AppError(ErrorCode.Duplicate, 'That technician is already linked to another account: unlink it there first', {
    errors: [{ path: 'technicianId', message: 'already linked to another account' }],
  });

/** User administration; the route permission (`users.manage`) already limits it to admins. */
@Injectable()
export class UsersService {
  constructor(
    private readonly database: Database,
    private readonly users: UsersRepository,
    private readonly auth: AuthRepository,
    private readonly sessions: SessionEnds,
  ) {}

  async list(principal: Principal, query: UserListQuery): Promise<Paged<User>> {
    const { rows, total } = await this.users.list(principal.organizationId, query);
    return { data: rows.map(toUser), total, page: query.page, limit: query.limit };
  }

  async get(principal: Principal, id: string): Promise<User> {
    return toUser(await this.require(principal, id));
  }

  async create(principal: Principal, input: CreateUser): Promise<User> {
    await this.assertTechnician(principal, input.technicianId);
    await this.assertEmailFree(input.email);
    const row = await this.users
      .insert({
        organizationId: principal.organizationId,
        email: input.email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        roles: [...new Set(input.roles)],
        technicianId: input.technicianId ?? null,
      })
      .catch(onUniqueViolation((index) => (index === TECHNICIAN_LINK_KEY ? technicianTaken() : duplicateEmail(input.email))));
    return toUser(row);
  }

  async update(principal: Principal, id: string, input: UpdateUser, expectedVersion?: number | readonly number[]): Promise<User> {
    // Ids arrive lower-cased (Uuid); compared case-blind all the same, as PostgreSQL matches them.
    const own = id.toLowerCase() === principal.userId.toLowerCase();
    if (own && (input.active === false || (input.roles && !input.roles.includes('admin')))) {
      throw new AppError(ErrorCode.Conflict, 'You cannot disable your own account or remove your own admin role');
    }
    await this.assertTechnician(principal, input.technicianId);
    if (input.email !== undefined) await this.assertEmailFree(input.email, id);
    const { password, ...fields } = input;
    const passwordHash = password ? await hashPassword(password) : undefined;
    return this.database.transaction(async () => {
      // Locked first: a token issue holding the user (login, refresh) finishes before, so the
      // refresh tokens revoked below include the one it made.
      const current = await this.require(principal, id, { lock: true });
      assertVersion(expectedVersion, current.version, 'This user');
      const roles = fields.roles ? [...new Set(fields.roles)] : undefined;
      // A new password or a disabled account ends every session, refresh tokens included.
      const signOut = Boolean(passwordHash) || input.active === false;
      // Access tokens carry the roles and technician link: changing them ends the tokens too,
      // and the next refresh issues one with the account as it is now.
      const endSessions = signOut || changedRoles(current.roles, roles) || changedLink(current.technicianId, fields.technicianId);
      const changes = definedOnly({ ...fields, roles, passwordHash });
      // Nothing new (roles compared as a set, as the sessions are): the version stays.
      if (!signOut && !endSessions && changesNothing(current, definedOnly({ ...changes, roles: undefined }))) return toUser(current);
      // The look-up above cannot see a concurrent change to the same email: the index decides then.
      const updated = await this.users
        .update(principal.organizationId, id, current.version, changes, { endSessions })
        .catch(onUniqueViolation((index) => (index === TECHNICIAN_LINK_KEY ? technicianTaken() : duplicateEmail(fields.email ?? ''))));
      if (!updated) throw concurrentChange('This user');
      if (signOut) await this.auth.revokeAllForUser(id);
      if (endSessions) this.database.afterCommit(() => this.sessions.ended(id, updated.sessionEpoch));
      return toUser(updated);
    });
  }

  private async require(principal: Principal, id: string, options: { lock?: boolean } = {}): Promise<UserRow> {
    const user = await this.users.find(principal.organizationId, id, options);
    if (!user) throw AppError.notFound('User');
    return user;
  }

  /** 409 when another account (of any organization: login is by email alone) uses the email. */
  private async assertEmailFree(email: string, ownId?: string) {
    const holder = await this.auth.findUserByEmail(email);
    if (holder && holder.id.toLowerCase() !== ownId?.toLowerCase()) throw duplicateEmail(email);
  }

  private async assertTechnician(principal: Principal, technicianId: string | null | undefined) {
    if (technicianId && !(await this.users.technicianExists(principal.organizationId, technicianId))) {
      throw AppError.validation([{ path: 'technicianId', message: 'no such technician in your organization' }]);
    }
  }
}
