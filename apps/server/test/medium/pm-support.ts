import { AssignWorkOrder, ChangeWorkOrderStatus } from '@msched/contracts';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { workOrders } from '../../src/platform/db/schema';
import type { OrganizationFixture } from '../support/fixtures';
import type { Services } from './support';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** The last millisecond of a local date in a UTC organization: how PM work orders are due. */
export const endOfUtcDay = (date: string) => new Date(`${date}T23:59:59.999Z`);
export const at = (instant: string) => new Date(instant);

/** A plan's work orders, by number. */
export const planWorkOrders = (database: Database, planId: string) =>
  database.db.select().from(workOrders).where(eq(workOrders.pmPlanId, planId)).orderBy(asc(workOrders.number));

/** The plan's target on one piece of equipment (fails the test when there is none). */
export async function planTarget(services: Services, planId: string, equipmentId: string) {
  const target = (await services.pmPlansRepository.targets([planId])).find((row) => row.equipmentId === equipmentId);
  expect(target, `no target for ${equipmentId}`).toBeDefined();
  return target!;
}

/** Books a work order on the organization's technician, forced into a fixed slot, as `planner`. */
export const bookWorkOrder = (services: Services, planner: Principal, org: OrganizationFixture, id: string) =>
  services.workOrders.assign(
    planner,
    id,
    AssignWorkOrder.parse({
      technicianId: org.technicianId,
      scheduledStartTime: '2031-01-01T08:00:00Z',
      scheduledEndTime: '2031-01-01T09:00:00Z',
      force: true,
    }),
  );

/** Books, starts and completes a work order now (real clock), as `planner`; answers it completed. */
export async function completeWorkOrder(services: Services, planner: Principal, org: OrganizationFixture, id: string) {
  await bookWorkOrder(services, planner, org, id);
  await services.workOrders.changeStatus(planner, id, ChangeWorkOrderStatus.parse({ status: 'IN_PROGRESS' }));
  return services.workOrders.changeStatus(planner, id, ChangeWorkOrderStatus.parse({ status: 'COMPLETED' }));
}
