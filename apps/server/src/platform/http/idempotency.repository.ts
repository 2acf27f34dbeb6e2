import { Injectable } from '@nestjs/common';
import { and, eq, lt } from 'drizzle-orm';
import { Database } from '../db/database';
import { idempotencyKeys } from '../db/schema';

/** Keys are remembered this long; a retry later than that runs again. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export type ClaimResult = { outcome: 'claimed' } | { outcome: 'mismatch' } | { outcome: 'completed'; responseBody: string | null };

/**
 * Idempotency keys. Claims and completions use the current transaction: the interceptor runs
 * them in the same transaction as the request's own writes, so a key exists exactly when the
 * work it stands for was committed.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly database: Database) {}

  /**
   * Takes a key, or reports the committed request that has it. On PostgreSQL a concurrent
   * duplicate blocks on the unique index until the first transaction ends, then sees its answer
   * (or, if it rolled back, takes the key itself).
   */
  async claim(userId: string, key: string, requestHash: string): Promise<ClaimResult> {
    const executor = this.database.executor;
    const inserted = await executor
      .insert(idempotencyKeys)
      .values({ userId, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return { outcome: 'claimed' };
    const [existing] = await executor
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!existing) throw new Error('idempotency key vanished between insert and select');
    if (existing.requestHash !== requestHash) return { outcome: 'mismatch' };
    return { outcome: 'completed', responseBody: existing.responseBody };
  }

  async complete(userId: string, key: string, statusCode: number, responseBody: string | null) {
    await this.database.executor
      .update(idempotencyKeys)
      .set({ statusCode, responseBody, completedAt: new Date() })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  }

  async purgeExpired(): Promise<number> {
    const deleted = await this.database.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, new Date(Date.now() - IDEMPOTENCY_RETENTION_HOURS * 3600_000)))
      .returning({ key: idempotencyKeys.key });
    return deleted.length;
  }
}
