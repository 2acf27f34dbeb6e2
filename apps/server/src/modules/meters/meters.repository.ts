import { Injectable } from '@nestjs/common';
import { type SQL, and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { equipment, meterReadings, meters } from '../../platform/db/schema';

export type MeterRow = typeof meters.$inferSelect;
export type MeterReadingRow = typeof meterReadings.$inferSelect;

/** The stored readings around one instant: the last before it, the first after it, and whether one is at it. */
export interface StoredNeighbours {
  previous: { value: number; readAt: Date } | null;
  next: { value: number; readAt: Date; replacement: boolean } | null;
  storedAt: boolean;
}

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

  /** For each instant (in order), the meter's stored readings around it: one index lookup each, however long the history. */
  async neighbours(meterId: string, instants: readonly Date[]): Promise<StoredNeighbours[]> {
    if (instants.length === 0) return [];
    const rows = await this.database.rows<{
      n: number;
      previous_value: number | null;
      previous_ms: number | null;
      next_value: number | null;
      next_ms: number | null;
      next_replacement: boolean | null;
      stored_at: boolean;
    }>(sql`
      select i.n::int as n,
             p.value as previous_value, (extract(epoch from p.read_at) * 1000)::float8 as previous_ms,
             x.value as next_value, (extract(epoch from x.read_at) * 1000)::float8 as next_ms, x.replacement as next_replacement,
             exists (select 1 from meter_readings s where s.meter_id = ${meterId} and s.read_at = i.at) as stored_at
      from unnest(${sql.param(instants.map((instant) => instant.toISOString()))}::timestamptz[]) with ordinality as i(at, n)
      left join lateral (
        select value, read_at from meter_readings where meter_id = ${meterId} and read_at < i.at order by read_at desc limit 1
      ) p on true
      left join lateral (
        select value, read_at, replacement from meter_readings where meter_id = ${meterId} and read_at > i.at order by read_at asc limit 1
      ) x on true
      order by i.n`);
    return rows.map((row) => ({
      previous:
        row.previous_ms === null ? null : { value: Number(row.previous_value), readAt: new Date(Math.round(Number(row.previous_ms))) },
      next:
        row.next_ms === null
          ? null
          : {
              value: Number(row.next_value),
              readAt: new Date(Math.round(Number(row.next_ms))),
              replacement: row.next_replacement === true,
            },
      storedAt: row.stored_at === true,
    }));
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
