import type { EquipmentListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { escapeLike, existsInOrganization } from '../../platform/db/sql';
import { equipment, locations, meters, pmPlans, sensors, users, workOrders } from '../../platform/db/schema';

export type EquipmentRow = typeof equipment.$inferSelect;
export type NewEquipment = typeof equipment.$inferInsert;

/** What refers to a piece of equipment: any of it keeps the equipment from being deleted. */
export interface EquipmentUsage {
  workOrders: number;
  children: number;
  meters: number;
  sensors: number;
  /** Plans (not deleted) on it, or triggered by one of its meters. */
  pmPlans: number;
}

@Injectable()
export class EquipmentRepository {
  constructor(private readonly database: Database) {}

  async list(organizationId: string, query: EquipmentListQuery): Promise<{ rows: EquipmentRow[]; total: number }> {
    const conditions: SQL[] = [eq(equipment.organizationId, organizationId)];
    if (query.status) conditions.push(eq(equipment.status, query.status));
    if (query.type) conditions.push(eq(equipment.type, query.type));
    if (query.locationId) conditions.push(eq(equipment.locationId, query.locationId));
    if (query.parentId) conditions.push(eq(equipment.parentId, query.parentId));
    if (query.search) {
      const pattern = `%${escapeLike(query.search)}%`;
      conditions.push(or(ilike(equipment.name, pattern), ilike(equipment.equipmentNumber, pattern))!);
    }
    const where = and(...conditions);
    return selectPage(
      this.database.executor,
      equipment,
      where,
      [asc(equipment.equipmentNumber), asc(equipment.id)],
      query.page,
      query.limit,
    );
  }

  /** `lock` holds the row until the transaction ends (only inside one). */
  async find(organizationId: string, id: string, options: { lock?: boolean } = {}): Promise<EquipmentRow | undefined> {
    const query = this.database.executor
      .select()
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.id, id)));
    const [row] = options.lock ? await query.for('update') : await query;
    return row;
  }

  async insert(values: NewEquipment): Promise<EquipmentRow> {
    const [row] = await this.database.executor.insert(equipment).values(values).returning();
    return row!;
  }

  async update(organizationId: string, id: string, expectedVersion: number, changes: Partial<NewEquipment>) {
    const [row] = await this.database.executor
      .update(equipment)
      .set({ ...changes, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.id, id), eq(equipment.version, expectedVersion)))
      .returning();
    return row;
  }

  async delete(organizationId: string, id: string, expectedVersion: number): Promise<boolean> {
    const deleted = await this.database.executor
      .delete(equipment)
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.id, id), eq(equipment.version, expectedVersion)))
      .returning({ id: equipment.id });
    return deleted.length === 1;
  }

  async usage(organizationId: string, id: string): Promise<EquipmentUsage> {
    // Sequential: this runs inside a transaction, on one connection.
    const executor = this.database.executor;
    const [orders] = await executor.select({ n: count() }).from(workOrders).where(eq(workOrders.equipmentId, id));
    const [children] = await executor.select({ n: count() }).from(equipment).where(eq(equipment.parentId, id));
    const [ownMeters] = await executor.select({ n: count() }).from(meters).where(eq(meters.equipmentId, id));
    const [ownSensors] = await executor.select({ n: count() }).from(sensors).where(eq(sensors.equipmentId, id));
    const [plans] = await executor
      .select({ n: count() })
      .from(pmPlans)
      .where(
        and(
          eq(pmPlans.organizationId, organizationId),
          isNull(pmPlans.deletedAt),
          sql`(${id}::uuid = any(${pmPlans.equipmentIds})
            or (${pmPlans.meter} ->> 'meterId')::uuid in (select ${meters.id} from ${meters} where ${meters.equipmentId} = ${id}))`,
        ),
      );
    return {
      workOrders: Number(orders?.n ?? 0),
      children: Number(children?.n ?? 0),
      meters: Number(ownMeters?.n ?? 0),
      sensors: Number(ownSensors?.n ?? 0),
      pmPlans: Number(plans?.n ?? 0),
    };
  }

  locationExists(organizationId: string, id: string): Promise<boolean> {
    return existsInOrganization(this.database.executor, locations, organizationId, id);
  }

  userExists(organizationId: string, id: string): Promise<boolean> {
    return existsInOrganization(this.database.executor, users, organizationId, id);
  }

  async ancestors(organizationId: string, id: string): Promise<string[]> {
    const chain: string[] = [];
    let current: string | null = id;
    while (current && chain.length < 100) {
      const row: EquipmentRow | undefined = await this.find(organizationId, current);
      if (!row) break;
      chain.push(row.id);
      current = row.parentId;
    }
    return chain;
  }
}
