import type { PartListQuery, StockMovementKind } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { escapeLike, existsInOrganization } from '../../platform/db/sql';
import { locations, parts, stockMovements } from '../../platform/db/schema';

export type PartRow = typeof parts.$inferSelect;
export type NewPart = typeof parts.$inferInsert;
export type StockMovementRow = typeof stockMovements.$inferSelect;

export interface StockChange {
  kind: StockMovementKind;
  onHandDelta: number;
  reservedDelta: number;
  workOrderId?: string | null;
  reason?: string | null;
  userId: string | null;
  /** The part's versions the change was made against (If-Match); any version when absent. */
  expectedVersion?: readonly number[];
}

@Injectable()
export class PartsRepository {
  constructor(private readonly database: Database) {}

  async list(organizationId: string, query: PartListQuery): Promise<{ rows: PartRow[]; total: number }> {
    const conditions: SQL[] = [eq(parts.organizationId, organizationId)];
    if (query.search) {
      const pattern = `%${escapeLike(query.search)}%`;
      conditions.push(or(ilike(parts.name, pattern), ilike(parts.partNumber, pattern))!);
    }
    if (query.belowReorderPoint === 'true') conditions.push(sql`${parts.onHand} - ${parts.reserved} <= ${parts.reorderPoint}`);
    const where = and(...conditions);
    return selectPage(this.database.executor, parts, where, [asc(parts.partNumber), asc(parts.id)], query.page, query.limit);
  }

  async find(organizationId: string, id: string): Promise<PartRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(parts)
      .where(and(eq(parts.organizationId, organizationId), eq(parts.id, id)));
    return row;
  }

  async insert(values: NewPart): Promise<PartRow> {
    const [row] = await this.database.executor.insert(parts).values(values).returning();
    return row!;
  }

  async update(organizationId: string, id: string, expectedVersion: number, changes: Partial<NewPart>) {
    const [row] = await this.database.executor
      .update(parts)
      .set({ ...changes, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(parts.organizationId, organizationId), eq(parts.id, id), eq(parts.version, expectedVersion)))
      .returning();
    return row;
  }

  /**
   * Locks these parts until the transaction ends, in id order: the order every writer takes
   * parts in (after the work order and the PM target, before the organization row).
   */
  async lockInIdOrder(organizationId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.executor
      .select({ id: parts.id })
      .from(parts)
      .where(and(eq(parts.organizationId, organizationId), inArray(parts.id, [...ids])))
      .orderBy(asc(parts.id))
      .for('update');
  }

  /**
   * Moves stock in one conditional UPDATE, so concurrent issues cannot overdraw it: the row
   * changes only if on hand stays ≥ 0 and reservations stay within it. Undefined = refused.
   */
  async applyStockChange(
    organizationId: string,
    partId: string,
    change: StockChange,
  ): Promise<{ part: PartRow; movement: StockMovementRow } | undefined> {
    const onHandAfter = sql`${parts.onHand} + ${change.onHandDelta}`;
    const reservedAfter = sql`${parts.reserved} + ${change.reservedDelta}`;
    const [part] = await this.database.executor
      .update(parts)
      .set({ onHand: onHandAfter, reserved: reservedAfter, version: sql`${parts.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(parts.organizationId, organizationId),
          eq(parts.id, partId),
          sql`${onHandAfter} >= 0`,
          sql`${reservedAfter} >= 0`,
          sql`${reservedAfter} <= ${onHandAfter}`,
          change.expectedVersion ? inArray(parts.version, [...change.expectedVersion]) : undefined,
        ),
      )
      .returning();
    if (!part) return undefined;
    const [movement] = await this.database.executor
      .insert(stockMovements)
      .values({
        organizationId,
        partId,
        kind: change.kind,
        quantity: change.onHandDelta !== 0 ? change.onHandDelta : change.reservedDelta,
        onHandAfter: part.onHand,
        reservedAfter: part.reserved,
        workOrderId: change.workOrderId ?? null,
        reason: change.reason ?? null,
        userId: change.userId,
      })
      .returning();
    return { part, movement: movement! };
  }

  async movements(organizationId: string, partId: string, page: number, limit: number) {
    const where = and(eq(stockMovements.organizationId, organizationId), eq(stockMovements.partId, partId));
    return selectPage(
      this.database.executor,
      stockMovements,
      where,
      [desc(stockMovements.createdAt), desc(stockMovements.id)],
      page,
      limit,
    );
  }

  locationExists(organizationId: string, id: string): Promise<boolean> {
    return existsInOrganization(this.database.executor, locations, organizationId, id);
  }
}
