import { Injectable } from '@nestjs/common';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { organizations, refreshTokens, users } from '../../platform/db/schema';

export type UserRow = typeof users.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

@Injectable()
export class AuthRepository {
  constructor(private readonly database: Database) {}

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const [user] = await this.database.executor
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return user;
  }

  /** Active users of the organization with this slug among `emails` (the demo login list), with their password hashes. */
  activeUsersByEmail(slug: string, emails: readonly string[]): Promise<Pick<UserRow, 'email' | 'name' | 'roles' | 'passwordHash'>[]> {
    return this.database.executor
      .select({ email: users.email, name: users.name, roles: users.roles, passwordHash: users.passwordHash })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(and(eq(organizations.slug, slug), eq(users.active, true), inArray(sql`lower(${users.email})`, [...emails])))
      .orderBy(users.email);
  }

  /**
   * `lock`, until the transaction ends: `share` for issuing tokens, so a change to the account
   * (which locks the row `no key update`) comes wholly before the tokens, which carry it, or after
   * them, and revokes the refresh token they include; `no key update` for ending a session as an
   * account change does, so a token issue holding the row finishes first and none starts meanwhile.
   */
  async findUserById(id: string, options: { lock?: 'share' | 'no key update' } = {}): Promise<UserRow | undefined> {
    const query = this.database.executor.select().from(users).where(eq(users.id, id));
    const [user] = options.lock ? await query.for(options.lock) : await query;
    return user;
  }

  async insertRefreshToken(values: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }) {
    await this.database.executor.insert(refreshTokens).values(values);
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const [token] = await this.database.executor.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    return token;
  }

  /** Marks a token spent; false when someone spent (or revoked) it first. */
  async spendRefreshToken(id: string): Promise<boolean> {
    const spent = await this.database.executor
      .update(refreshTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return spent.length === 1;
  }

  /** Revokes a login session's refresh tokens, stamped on the database's clock (other instances read the recent ones). */
  async revokeFamily(familyId: string) {
    await this.database.executor
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }

  async revokeAllForUser(userId: string) {
    await this.database.executor
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  }
}
