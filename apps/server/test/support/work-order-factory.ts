import type { WorkOrderStatus } from '@msched/contracts';
import type { Database } from '../../src/platform/db/database';
import { sql } from 'drizzle-orm';
import { parts, stockMovements, workOrderParts, workOrderTasks, workOrders } from '../../src/platform/db/schema';
import type { OrganizationFixture } from './fixtures';

let sequence = 10_000;

export interface SeededWorkOrder {
  id: string;
  taskId: string;
  reservedLineId: string;
}

/**
 * Writes a work order straight into the database, in any state, with one pending task and one
 * reserved part line. `owner` decides whose it is: the fixture's technician and requester
 * ('own'), or the other technician and requester of the same organization ('other').
 */
export async function seedWorkOrder(
  database: Database,
  org: OrganizationFixture,
  owner: 'own' | 'other',
  status: WorkOrderStatus = 'SCHEDULED',
): Promise<SeededWorkOrder> {
  const number = ++sequence;
  const assigned = status !== 'OPEN';
  const start = new Date(Date.UTC(2031, 0, 1) + number * 3_600_000);
  const [row] = await database.db
    .insert(workOrders)
    .values({
      organizationId: org.organizationId,
      number,
      workOrderNumber: `WO-${number}`,
      title: `Seeded ${owner} ${status}`,
      type: 'CORRECTIVE',
      status,
      priority: 'MEDIUM',
      equipmentId: org.equipmentId,
      requesterId: owner === 'own' ? org.users.requester.id : org.users.otherRequester.id,
      technicianId: assigned ? (owner === 'own' ? org.technicianId : org.otherTechnicianId) : null,
      scheduledStartTime: assigned ? start : null,
      scheduledEndTime: assigned ? new Date(start.getTime() + 1_800_000) : null,
    })
    .returning();
  const [task] = await database.db
    .insert(workOrderTasks)
    .values({ organizationId: org.organizationId, workOrderId: row!.id, position: 1, title: 'Inspect' })
    .returning();
  const [line] = await database.db
    .insert(workOrderParts)
    .values({
      organizationId: org.organizationId,
      workOrderId: row!.id,
      partId: org.partId,
      quantity: 1,
      status: 'RESERVED',
      unitCost: 25.5,
    })
    .returning();
  // Keep stock consistent with the reservation: one more received, one more reserved.
  const [part] = await database.db
    .update(parts)
    .set({ onHand: sql`${parts.onHand} + 1`, reserved: sql`${parts.reserved} + 1` })
    .where(sql`${parts.id} = ${org.partId}`)
    .returning();
  await database.db.insert(stockMovements).values([
    {
      organizationId: org.organizationId,
      partId: org.partId,
      kind: 'RECEIPT',
      quantity: 1,
      onHandAfter: part!.onHand,
      reservedAfter: part!.reserved - 1,
    },
    {
      organizationId: org.organizationId,
      partId: org.partId,
      kind: 'RESERVE',
      quantity: 1,
      onHandAfter: part!.onHand,
      reservedAfter: part!.reserved,
      workOrderId: row!.id,
    },
  ]);
  return { id: row!.id, taskId: task!.id, reservedLineId: line!.id };
}
