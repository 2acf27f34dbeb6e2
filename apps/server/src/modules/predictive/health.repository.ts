import type { FleetQuery } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { anomalyBaselines, equipment, equipmentHealth, predictiveAlerts } from '../../platform/db/schema';

export type HealthRow = typeof equipmentHealth.$inferSelect;
export type NewHealth = typeof equipmentHealth.$inferInsert;
export type BaselineRow = typeof anomalyBaselines.$inferSelect;

const fleetColumns = {
  health: equipmentHealth,
  equipment: {
    id: equipment.id,
    equipmentNumber: equipment.equipmentNumber,
    name: equipment.name,
    type: equipment.type,
    criticality: equipment.criticality,
    status: equipment.status,
    locationId: equipment.locationId,
  },
  predictiveWorkOrderId: predictiveAlerts.workOrderId,
};

@Injectable()
export class HealthRepository {
  constructor(private readonly database: Database) {}

  async upsert(values: NewHealth): Promise<void> {
    const { equipmentId: _key, ...changes } = values;
    await this.database.executor
      .insert(equipmentHealth)
      .values(values)
      .onConflictDoUpdate({ target: equipmentHealth.equipmentId, set: { ...changes, updatedAt: new Date() } });
  }

  async find(
    organizationId: string,
    equipmentId: string,
  ): Promise<{ health: HealthRow; predictiveWorkOrderId: string | null } | undefined> {
    const [row] = await this.database.executor
      .select({ health: equipmentHealth, predictiveWorkOrderId: predictiveAlerts.workOrderId })
      .from(equipmentHealth)
      .leftJoin(predictiveAlerts, and(eq(predictiveAlerts.equipmentId, equipmentHealth.equipmentId), isNull(predictiveAlerts.resolvedAt)))
      .where(and(eq(equipmentHealth.organizationId, organizationId), eq(equipmentHealth.equipmentId, equipmentId)));
    return row;
  }

  async openWorkOrderOf(equipmentId: string): Promise<string | null> {
    const [row] = await this.database.executor
      .select({ workOrderId: predictiveAlerts.workOrderId })
      .from(predictiveAlerts)
      .where(and(eq(predictiveAlerts.equipmentId, equipmentId), isNull(predictiveAlerts.resolvedAt)));
    return row?.workOrderId ?? null;
  }

  /** Assessed equipment, highest risk first (ties by equipment number). */
  async fleet(organizationId: string, query: FleetQuery) {
    const where = and(
      eq(equipmentHealth.organizationId, organizationId),
      query.equipmentType ? eq(equipment.type, query.equipmentType) : undefined,
      query.locationId ? eq(equipment.locationId, query.locationId) : undefined,
    );
    const [rows, [counted]] = await Promise.all([
      this.database.executor
        .select(fleetColumns)
        .from(equipmentHealth)
        .innerJoin(equipment, eq(equipment.id, equipmentHealth.equipmentId))
        .leftJoin(predictiveAlerts, and(eq(predictiveAlerts.equipmentId, equipmentHealth.equipmentId), isNull(predictiveAlerts.resolvedAt)))
        .where(where)
        .orderBy(desc(equipmentHealth.risk), equipment.equipmentNumber)
        .limit(query.limit)
        .offset((query.page - 1) * query.limit),
      this.database.executor
        .select({ n: count() })
        .from(equipmentHealth)
        .innerJoin(equipment, eq(equipment.id, equipmentHealth.equipmentId))
        .where(where),
    ]);
    return { rows, total: Number(counted?.n ?? 0) };
  }

  async baseline(equipmentId: string): Promise<BaselineRow | undefined> {
    const [row] = await this.database.executor.select().from(anomalyBaselines).where(eq(anomalyBaselines.equipmentId, equipmentId));
    return row;
  }

  /** The first baseline fitted wins; a later one (another instance) is dropped. */
  async saveBaseline(values: typeof anomalyBaselines.$inferInsert): Promise<void> {
    await this.database.executor.insert(anomalyBaselines).values(values).onConflictDoNothing();
  }
}
