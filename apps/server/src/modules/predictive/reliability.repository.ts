import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, isNotNull, isNull, min, sql } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { equipment, workOrders } from '../../platform/db/schema';
import type { FailureRecord, UnitRecord } from './reliability-history';

/** A failure as scoring and training see it: also its equipment and its required skills. */
export interface FailureRow extends FailureRecord {
  workOrderId: string;
  requiredSkills: { skill: string; minLevel: number }[];
}

@Injectable()
export class ReliabilityRepository {
  constructor(private readonly database: Database) {}

  /** Equipment of one type (with install dates): every unit contributes a life, failed or not. */
  units(organizationId: string, equipmentType: string): Promise<UnitRecord[]> {
    return this.database.executor
      .select({ equipmentId: equipment.id, installDate: equipment.installDate })
      .from(equipment)
      .where(and(eq(equipment.organizationId, organizationId), eq(equipment.type, equipmentType)));
  }

  /** Every piece of equipment of the organization, with its type, by type (every type's units at once). */
  typedUnits(organizationId: string): Promise<(UnitRecord & { equipmentType: string })[]> {
    return this.database.executor
      .select({ equipmentId: equipment.id, installDate: equipment.installDate, equipmentType: equipment.type })
      .from(equipment)
      .where(eq(equipment.organizationId, organizationId))
      .orderBy(asc(equipment.type));
  }

  /** Finished CORRECTIVE/EMERGENCY work with a failure mode on the given equipment, or on any of the organization's. */
  async failures(organizationId: string, equipmentIds: readonly string[] | 'all'): Promise<FailureRow[]> {
    if (equipmentIds !== 'all' && equipmentIds.length === 0) return [];
    return this.database.executor
      .select({
        workOrderId: workOrders.id,
        equipmentId: workOrders.equipmentId,
        reportedAt: workOrders.createdAt,
        actualStart: workOrders.actualStartTime,
        actualEnd: workOrders.actualEndTime,
        actualMinutes: workOrders.actualDuration,
        requiredSkills: workOrders.requiredSkills,
      })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, organizationId),
          equipmentIds === 'all' ? isNotNull(workOrders.equipmentId) : inArray(workOrders.equipmentId, [...equipmentIds]),
          isNull(workOrders.deletedAt),
          inArray(workOrders.type, ['CORRECTIVE', 'EMERGENCY']),
          inArray(workOrders.status, ['COMPLETED', 'CLOSED']),
          isNotNull(sql`${workOrders.completion} ->> 'failureMode'`),
        ),
      );
  }

  /** When the organization's maintenance records begin: its first work order. */
  async recordsStart(organizationId: string): Promise<Date | null> {
    const [row] = await this.database.executor
      .select({ first: min(workOrders.createdAt) })
      .from(workOrders)
      .where(eq(workOrders.organizationId, organizationId));
    return row?.first ?? null;
  }
}
