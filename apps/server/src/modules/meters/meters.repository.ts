import { Injectable } from '@nestjs/common';
import { type SQL, and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { equipment, meterReadings, meters } from '../../platform/db/schema';

export type MeterRow = typeof meters.$inferSelect;
export type MeterReadingRow = typeof meterReadings.$inferSelect;

@Injectable()
export class MetersRepository {
  constructor(private readonly database: Database) {}

  async insert(values: typeof meters.$inferInsert): Promise<MeterRow> {
    const [row] = await this.database.executor.insert(meters).values(values).returning();
    return row!;
  }

  ofEquipment(organizationId: string, equipmentId: string): Promise<MeterRow[]> {
    return this.database.executor
      .select()
      .from(meters)
      .where(and(eq(meters.organizationId, organizationId), eq(meters.equipmentId, equipmentId)))
      .orderBy(asc(meters.name));
  }

  /** `lock` serializes readings of one meter (inside a transaction). */
  async find(organizationId: string, id: string, options: { lock?: boolean } = {}): Promise<MeterRow | undefined> {
    const query = this.database.executor
      .select()
      .from(meters)
      .where(and(eq(meters.organizationId, organizationId), eq(meters.id, id)));
    const [row] = options.lock ? await query.for('update') : await query;
    return row;
  }

  /** Stores readings; one already stored for the same meter and instant is skipped. Answers those stored now. */
  async insertReadings(values: (typeof meterReadings.$inferInsert)[]): Promise<MeterReadingRow[]> {
    if (values.length === 0) return [];
    return this.database.executor.insert(meterReadings).values(values).onConflictDoNothing().returning();
  }

  async setLast(id: string, value: number, readAt: Date): Promise<MeterRow> {
    const [row] = await this.database.executor
      .update(meters)
      .set({ lastValue: value, lastReadAt: readAt })
      .where(eq(meters.id, id))
      .returning();
    return row!;
  }

  readings(meterId: string, query: { page: number; limit: number; from?: string; to?: string }) {
    const conditions: SQL[] = [eq(meterReadings.meterId, meterId)];
    if (query.from) conditions.push(gte(meterReadings.readAt, new Date(query.from)));
    if (query.to) conditions.push(lte(meterReadings.readAt, new Date(query.to)));
    return selectPage(
      this.database.executor,
      meterReadings,
      and(...conditions),
      [desc(meterReadings.readAt), desc(meterReadings.id)],
      query.page,
      query.limit,
    );
  }

  async equipmentExists(organizationId: string, equipmentId: string): Promise<boolean> {
    const [row] = await this.database.executor
      .select({ id: equipment.id })
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.id, equipmentId)));
    return row !== undefined;
  }
}
