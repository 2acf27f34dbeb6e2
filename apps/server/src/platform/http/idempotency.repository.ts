import { Injectable } from '@nestjs/common';
import { and, eq, lt, sql } from 'drizzle-orm';
import { Database } from '../db/database';
import { idempotencyKeys } from '../db/schema';

/** Keys are remembered this long; a retry later than that runs again. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export type ClaimResult =
  | { outcome: 'claimed' }
  | { outcome: 'mismatch' }
  | { outcome: 'in_progress' }
  | { outcome: 'completed'; statusCode: number; responseBody: string | null };

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly database: Database) {}

  /** Atomically takes a key, or reports who has it. */
  async claim(userId: string, key: string, requestHash: string, staleAfterMs: number): Promise<ClaimResult> {
    const db = this.database.db;
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return { outcome: 'claimed' };

    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!existing) return this.claim(userId, key, requestHash, staleAfterMs);
    if (existing.requestHash !== requestHash) return { outcome: 'mismatch' };
    if (existing.completedAt && existing.statusCode !== null) {
      return { outcome: 'completed', statusCode: existing.statusCode, responseBody: existing.responseBody };
    }
    // A pending claim whose request died (crash mid-way) is taken over by exactly one retry.
    const takenOver = await db
      .update(idempotencyKeys)
      .set({ createdAt: new Date() })
      .where(
        and(
          eq(idempotencyKeys.userId, userId),
          eq(idempotencyKeys.key, key),
          sql`${idempotencyKeys.completedAt} is null`,
          lt(idempotencyKeys.createdAt, new Date(Date.now() - staleAfterMs)),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    return takenOver.length > 0 ? { outcome: 'claimed' } : { outcome: 'in_progress' };
  }

  async complete(userId: string, key: string, statusCode: number, responseBody: string | null) {
    await this.database.db
      .update(idempotencyKeys)
      .set({ statusCode, responseBody, completedAt: new Date() })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  }

  async release(userId: string, key: string) {
    await this.database.db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), sql`${idempotencyKeys.completedAt} is null`));
  }

  async purgeExpired(): Promise<number> {
    const deleted = await this.database.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - IDEMPOTENCY_RETENTION_HOURS * 3600_000)))
      .returning({ key: idempotencyKeys.key });
    return deleted.length;
  }
}
