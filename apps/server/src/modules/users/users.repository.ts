import { Injectable } from '@nestjs/common';
import type { UserListQuery } from '@msched/contracts';
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { escapeLike, existsInOrganization } from '../../platform/db/sql';
import { technicians, users } from '../../platform/db/schema';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

@Injectable()
export class UsersRepository {
  constructor(private readonly database: Database) {}

  async list(organizationId: string, query: UserListQuery): Promise<{ rows: UserRow[]; total: number }> {
    const conditions: SQL[] = [eq(users.organizationId, organizationId)];
    if (query.search) {
      const pattern = `%${escapeLike(query.search)}%`;
      conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
    }
    const where = and(...conditions);
    return selectPage(this.database.executor, users, where, [asc(users.name), asc(users.id)], query.page, query.limit);
  }

  /**
   * `lock`: holds the row `FOR NO KEY UPDATE` until the transaction ends: it waits for the
   * token issues that hold it `FOR SHARE`, not for rows that merely refer to the user.
   */
  async find(organizationId: string, id: string, options: { lock?: boolean } = {}): Promise<UserRow | undefined> {
    const query = this.database.executor
      .select()
      .from(users)
      .where(and(eq(users.organizationId, organizationId), eq(users.id, id)));
    const [user] = options.lock ? await query.for('no key update') : await query;
    return user;
  }

  async insert(values: NewUser): Promise<UserRow> {
    const [user] = await this.database.executor.insert(users).values(values).returning();
    return user!;
  }

  /**
   * Applies a change only if the version is still `expectedVersion`; undefined when it moved on.
   * `endSessions`: the session epoch goes up, ending the access tokens issued before.
   */
  async update(
    organizationId: string,
    id: string,
    expectedVersion: number,
    changes: Partial<NewUser>,
    options: { endSessions?: boolean } = {},
  ): Promise<UserRow | undefined> {
    const sessions = options.endSessions ? { sessionEpoch: sql`${users.sessionEpoch} + 1`, sessionsEndedAt: sql`now()` } : {};
    const [user] = await this.database.executor
      .update(users)
      .set({ ...changes, ...sessions, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(users.organizationId, organizationId), eq(users.id, id), eq(users.version, expectedVersion)))
      .returning();
    return user;
  }

  technicianExists(organizationId: string, technicianId: string): Promise<boolean> {
    return existsInOrganization(this.database.executor, technicians, organizationId, technicianId);
  }
}
