import type { EquipmentListQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { selectPage } from '../../platform/db/paging';
import { escapeLike, existsInOrganization } from '../../platform/db/sql';
import { equipment, locations, users, workOrders } from '../../platform/db/schema';

export type EquipmentRow = typeof equipment.$inferSelect;
export type NewEquipment = typeof equipment.$inferInsert;

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

  async find(organizationId: string, id: string): Promise<EquipmentRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.id, id)));
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

  async usage(id: string): Promise<{ workOrders: number; children: number }> {
    // Sequential: this runs inside a transaction, on one connection.
    const [orders] = await this.database.executor.select({ n: count() }).from(workOrders).where(eq(workOrders.equipmentId, id));
    const [children] = await this.database.executor.select({ n: count() }).from(equipment).where(eq(equipment.parentId, id));
    return { workOrders: Number(orders?.n ?? 0), children: Number(children?.n ?? 0) };
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
