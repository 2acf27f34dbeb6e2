import { Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { digitalTwins, equipment, predictiveAlerts, sensors, workOrders } from '../../platform/db/schema';
import type { EquipmentRef } from './sensors.repository';

export type RequiredSkill = { skill: string; minLevel: number };

/** What scoring and training read about equipment and its work history. */
@Injectable()
export class HistoryRepository {
  constructor(private readonly database: Database) {}

  /** Equipment with at least one sensor (of one organization, or all), retired equipment left out. */
  equipmentWithSensors(
    organizationId?: string,
  ): Promise<(EquipmentRef & { maintenanceManagerId: string | null; ownerId: string | null })[]> {
    return this.database.executor
      .select({
        id: equipment.id,
        organizationId: equipment.organizationId,
        equipmentNumber: equipment.equipmentNumber,
        name: equipment.name,
        type: equipment.type,
        ownerId: equipment.ownerId,
        maintenanceManagerId: equipment.maintenanceManagerId,
      })
      .from(equipment)
      .where(
        and(
          organizationId ? eq(equipment.organizationId, organizationId) : undefined,
          ne(equipment.status, 'RETIRED'),
          sql`exists (select 1 from ${sensors} where ${sensors.equipmentId} = ${equipment.id})`,
        ),
      )
      .orderBy(equipment.organizationId, equipment.type, equipment.equipmentNumber);
  }

  /**
   * When the equipment was last restored: the end of its latest finished repair (CORRECTIVE or
   * EMERGENCY) or of a finished predictive work order the models opened. Routine inspections
   * (including PREDICTIVE ones planned by hand) do not restore anything.
   */
  async lastRestoration(equipmentId: string): Promise<Date | null> {
    const [row] = await this.database.executor
      .select({ at: workOrders.actualEndTime })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.equipmentId, equipmentId),
          isNull(workOrders.deletedAt),
          inArray(workOrders.status, ['COMPLETED', 'CLOSED']),
          sql`${workOrders.actualEndTime} is not null`,
          or(
            inArray(workOrders.type, ['CORRECTIVE', 'EMERGENCY']),
            sql`exists (select 1 from ${predictiveAlerts} where ${predictiveAlerts.workOrderId} = ${workOrders.id})`,
          ),
        ),
      )
      .orderBy(desc(workOrders.actualEndTime))
      .limit(1);
    return row?.at ?? null;
  }

  async hasTwins(organizationId: string, equipmentType: string): Promise<boolean> {
    const [row] = await this.database.executor
      .select({ id: digitalTwins.equipmentId })
      .from(digitalTwins)
      .innerJoin(equipment, eq(equipment.id, digitalTwins.equipmentId))
      .where(and(eq(digitalTwins.organizationId, organizationId), eq(equipment.type, equipmentType)))
      .limit(1);
    return row !== undefined;
  }

  /** The skills the latest repair of this equipment (or else of its type) asked for. */
  async repairSkills(organizationId: string, equipmentId: string, equipmentType: string): Promise<RequiredSkill[]> {
    for (const scope of [eq(workOrders.equipmentId, equipmentId), eq(equipment.type, equipmentType)]) {
      const [row] = await this.database.executor
        .select({ skills: workOrders.requiredSkills })
        .from(workOrders)
        .innerJoin(equipment, eq(equipment.id, workOrders.equipmentId))
        .where(
          and(
            eq(workOrders.organizationId, organizationId),
            scope,
            isNull(workOrders.deletedAt),
            inArray(workOrders.type, ['CORRECTIVE', 'EMERGENCY', 'PREDICTIVE']),
            sql`jsonb_array_length(${workOrders.requiredSkills}) > 0`,
          ),
        )
        .orderBy(desc(workOrders.createdAt))
        .limit(1);
      if (row) return row.skills;
    }
    return [];
  }
}
