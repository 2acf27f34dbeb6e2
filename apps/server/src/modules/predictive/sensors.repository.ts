import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { equipment, organizations, sensors } from '../../platform/db/schema';

export type SensorRow = typeof sensors.$inferSelect;
export type NewSensor = typeof sensors.$inferInsert;

/** A piece of equipment as ingestion and scoring need it. */
export interface EquipmentRef {
  id: string;
  organizationId: string;
  equipmentNumber: string;
  name: string;
  type: string;
}

const equipmentRef = {
  id: equipment.id,
  organizationId: equipment.organizationId,
  equipmentNumber: equipment.equipmentNumber,
  name: equipment.name,
  type: equipment.type,
};

@Injectable()
export class SensorsRepository {
  constructor(private readonly database: Database) {}

  async equipment(organizationId: string, equipmentId: string): Promise<EquipmentRef | undefined> {
    const [row] = await this.database.executor
      .select(equipmentRef)
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.id, equipmentId)));
    return row;
  }

  /** MQTT topics name organizations by slug and equipment by number. */
  async equipmentByNumber(organizationSlug: string, equipmentNumber: string): Promise<EquipmentRef | undefined> {
    const [row] = await this.database.executor
      .select(equipmentRef)
      .from(equipment)
      .innerJoin(organizations, eq(organizations.id, equipment.organizationId))
      .where(and(eq(organizations.slug, organizationSlug), eq(equipment.equipmentNumber, equipmentNumber)));
    return row;
  }

  async organizationExists(slug: string): Promise<boolean> {
    const [row] = await this.database.executor.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
    return row !== undefined;
  }

  ofEquipment(organizationId: string, equipmentId: string): Promise<SensorRow[]> {
    return this.database.executor
      .select()
      .from(sensors)
      .where(and(eq(sensors.organizationId, organizationId), eq(sensors.equipmentId, equipmentId)))
      .orderBy(asc(sensors.name));
  }

  ofEquipmentList(equipmentIds: readonly string[]): Promise<SensorRow[]> {
    if (equipmentIds.length === 0) return Promise.resolve([]);
    return this.database.executor
      .select()
      .from(sensors)
      .where(inArray(sensors.equipmentId, [...equipmentIds]))
      .orderBy(asc(sensors.name));
  }

  async find(organizationId: string, equipmentId: string, sensorId: string): Promise<SensorRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(sensors)
      .where(and(eq(sensors.organizationId, organizationId), eq(sensors.equipmentId, equipmentId), eq(sensors.id, sensorId)));
    return row;
  }

  async insert(values: NewSensor): Promise<SensorRow> {
    const [row] = await this.database.executor.insert(sensors).values(values).returning();
    return row!;
  }

  /** Writes only over `expectedVersion`; undefined when someone else changed it first. */
  async update(sensorId: string, expectedVersion: number, changes: Partial<NewSensor>): Promise<SensorRow | undefined> {
    const [row] = await this.database.executor
      .update(sensors)
      .set({ ...changes, version: expectedVersion + 1, updatedAt: new Date() })
      .where(and(eq(sensors.id, sensorId), eq(sensors.version, expectedVersion)))
      .returning();
    return row;
  }

  async delete(sensorId: string, expectedVersion: number): Promise<boolean> {
    const rows = await this.database.executor
      .delete(sensors)
      .where(and(eq(sensors.id, sensorId), eq(sensors.version, expectedVersion)))
      .returning({ id: sensors.id });
    return rows.length > 0;
  }
}
