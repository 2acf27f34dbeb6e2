import { Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { Database } from '../../platform/db/database';
import { predictiveAlerts } from '../../platform/db/schema';

export type AlertRow = typeof predictiveAlerts.$inferSelect;

/** The claims that make each predictive work order exactly once per open episode. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly database: Database) {}

  /** The unresolved alert of the equipment, locked until the transaction ends. */
  async lockOpen(equipmentId: string): Promise<AlertRow | undefined> {
    const [row] = await this.database.executor
      .select()
      .from(predictiveAlerts)
      .where(and(eq(predictiveAlerts.equipmentId, equipmentId), isNull(predictiveAlerts.resolvedAt)))
      .for('update');
    return row;
  }

  async hasOpen(equipmentId: string): Promise<boolean> {
    const [row] = await this.database.executor
      .select({ id: predictiveAlerts.id })
      .from(predictiveAlerts)
      .where(and(eq(predictiveAlerts.equipmentId, equipmentId), isNull(predictiveAlerts.resolvedAt)));
    return row !== undefined;
  }

  async resolve(id: string, at: Date): Promise<void> {
    await this.database.executor.update(predictiveAlerts).set({ resolvedAt: at }).where(eq(predictiveAlerts.id, id));
  }

  /**
   * Claims the equipment's one open slot. Undefined when another run holds it: the partial unique
   * index makes a concurrent claim wait for the first one's commit and then do nothing.
   */
  async claim(values: { organizationId: string; equipmentId: string; prediction: Record<string, unknown> }): Promise<AlertRow | undefined> {
    const [row] = await this.database.executor.insert(predictiveAlerts).values(values).onConflictDoNothing().returning();
    return row;
  }

  async attach(id: string, workOrderId: string): Promise<void> {
    await this.database.executor.update(predictiveAlerts).set({ workOrderId }).where(eq(predictiveAlerts.id, id));
  }
}
