import type { CreateUser, Paged, UpdateUser, User, UserListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { hashPassword } from '../../platform/auth/passwords';
import { Database } from '../../platform/db/database';
import { onUniqueViolation } from '../../platform/db/errors';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { assertVersion, concurrentChange } from '../../platform/http/concurrency';
import { definedOnly, iso } from '../../platform/http/mapping';
import { AuthRepository } from '../auth/auth.repository';
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

const duplicateEmail = (email: string) => new AppError(ErrorCode.Duplicate, `A user with email ${email} already exists`);

/** User administration; the route permission (`users.manage`) already limits it to admins. */
@Injectable()
export class UsersService {
  constructor(
    private readonly database: Database,
    private readonly users: UsersRepository,
    private readonly auth: AuthRepository,
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
    if (await this.auth.findUserByEmail(input.email)) throw duplicateEmail(input.email);
    const row = await this.users
      .insert({
        organizationId: principal.organizationId,
        email: input.email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        roles: [...new Set(input.roles)],
        technicianId: input.technicianId ?? null,
      })
      .catch(onUniqueViolation(() => duplicateEmail(input.email)));
    return toUser(row);
  }

  async update(principal: Principal, id: string, input: UpdateUser, expectedVersion?: number | readonly number[]): Promise<User> {
    // Ids arrive lower-cased (Uuid); compared case-blind all the same, as PostgreSQL matches them.
    const own = id.toLowerCase() === principal.userId.toLowerCase();
    if (own && (input.active === false || (input.roles && !input.roles.includes('admin')))) {
      throw new AppError(ErrorCode.Conflict, 'You cannot disable your own account or remove your own admin role');
    }
    await this.assertTechnician(principal, input.technicianId);
    const { password, ...fields } = input;
    const passwordHash = password ? await hashPassword(password) : undefined;
    return this.database.transaction(async () => {
      const current = await this.require(principal, id);
      assertVersion(expectedVersion, current.version, 'This user');
      const changes = definedOnly({ ...fields, roles: fields.roles ? [...new Set(fields.roles)] : undefined, passwordHash });
      const updated = await this.users.update(principal.organizationId, id, current.version, changes);
      if (!updated) throw concurrentChange('This user');
      // A new password or a disabled account ends every session.
      if (passwordHash || input.active === false) await this.auth.revokeAllForUser(id);
      return toUser(updated);
    });
  }

  private async require(principal: Principal, id: string): Promise<UserRow> {
    const user = await this.users.find(principal.organizationId, id);
    if (!user) throw AppError.notFound('User');
    return user;
  }

  private async assertTechnician(principal: Principal, technicianId: string | null | undefined) {
    if (technicianId && !(await this.users.technicianExists(principal.organizationId, technicianId))) {
      throw AppError.validation([{ path: 'technicianId', message: 'no such technician in your organization' }]);
    }
  }
}
