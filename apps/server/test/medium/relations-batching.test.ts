import type { WorkOrder } from '@msched/contracts';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkOrderDetailsRepository } from '../../src/modules/work-orders/work-order-details.repository';
import { WorkOrderRelations } from '../../src/modules/work-orders/work-order-relations';
import { toWorkOrder } from '../../src/modules/work-orders/work-order.mapper';
import type { Database } from '../../src/platform/db/database';
import { workOrders } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { idOf, insertEquipment, insertPartLines, insertTasks, insertWorkOrders } from '../support/query-fixtures';
import { principalOf } from './support';

const ALL = ['technician', 'equipment', 'tasks', 'parts'] as const;

/**
 * 50 work orders: number n has id idOf(n); technician Tess when n mod 3 = 1, Otto when 2,
 * none when 0; equipment Feed pump, Mixer or Conveyor by n mod 3 as well (1, 2, 0).
 * Tasks: 1 has three, 2 has one, 40 has two. Part lines: 1 has two, 3 has one, 40 has one.
 */
describe('WorkOrderRelations batches each relation into one query, whatever the page size', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let mixer: string;
  let conveyor: string;
  let page: WorkOrder[];

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    org = await createOrganization(database, 'batching');
    mixer = await insertEquipment(database, org.organizationId, { equipmentNumber: 'MX-1', name: 'Mixer', type: 'Mixer' });
    conveyor = await insertEquipment(database, org.organizationId, { equipmentNumber: 'CV-1', name: 'Conveyor', type: 'Conveyor' });
    await insertWorkOrders(
      database,
      org,
      Array.from({ length: 50 }, (_, index) => {
        const n = index + 1;
        return {
          id: idOf(n),
          number: n,
          technicianId: [null, org.technicianId, org.otherTechnicianId][n % 3]!,
          equipmentId: [conveyor, org.equipmentId, mixer][n % 3]!,
        };
      }),
    );
    const task = (n: number, position: number) => ({ workOrderId: idOf(n), position, title: `Task ${position} of ${n}` });
    await insertTasks(database, org.organizationId, [task(1, 2), task(40, 1), task(1, 1), task(2, 1), task(1, 3), task(40, 2)]);
    const line = (n: number, quantity: number) => ({ workOrderId: idOf(n), partId: org.partId, quantity });
    await insertPartLines(database, org.organizationId, [line(1, 4), line(3, 1), line(1, 5), line(40, 2)]);
    const rows = await database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.organizationId, org.organizationId))
      .orderBy(asc(workOrders.number));
    page = rows.map((row) => toWorkOrder(row, principalOf(org, 'planner')));
  });
  afterAll(() => dispose());

  const instrumented = () => {
    const repository = new WorkOrderDetailsRepository(database);
    const calls = {
      techniciansByIds: vi.spyOn(repository, 'techniciansByIds'),
      equipmentByIds: vi.spyOn(repository, 'equipmentByIds'),
      tasksOf: vi.spyOn(repository, 'tasksOf'),
      partLinesOf: vi.spyOn(repository, 'partLinesOf'),
    };
    return { relations: new WorkOrderRelations(repository), calls };
  };

  it.each([3, 50])('attaching all four relations to %i work orders calls each loader exactly once', async (size) => {
    const { relations, calls } = instrumented();
    const attached = await relations.attach(page.slice(0, size), ALL);
    expect(attached).toHaveLength(size);
    for (const spy of Object.values(calls)) expect(spy).toHaveBeenCalledTimes(1);
    // Each loader gets the distinct ids of the page, not one id per work order.
    expect(calls.tasksOf.mock.calls[0]![0]).toEqual(page.slice(0, size).map((workOrder) => workOrder.id));
    expect(calls.partLinesOf.mock.calls[0]![0]).toEqual(page.slice(0, size).map((workOrder) => workOrder.id));
    expect([...calls.techniciansByIds.mock.calls[0]![0]].sort()).toEqual([org.technicianId, org.otherTechnicianId].sort());
    expect([...calls.equipmentByIds.mock.calls[0]![0]].sort()).toEqual([org.equipmentId, mixer, conveyor].sort());
  });

  it('every work order gets exactly its own tasks and part lines: no row multiplication', async () => {
    const { relations } = instrumented();
    const attached = await relations.attach(page, ALL);
    const byNumber = new Map(attached.map((workOrder) => [Number(workOrder.workOrderNumber.slice(3)), workOrder]));
    const one = byNumber.get(1)!;
    expect(one.tasks!.map((task) => task.title)).toEqual(['Task 1 of 1', 'Task 2 of 1', 'Task 3 of 1']);
    expect(one.parts!.map((line) => line.quantity).sort()).toEqual([4, 5]);
    expect(byNumber.get(2)!.tasks!.map((task) => task.title)).toEqual(['Task 1 of 2']);
    expect(byNumber.get(2)!.parts).toEqual([]);
    expect(byNumber.get(3)!.tasks).toEqual([]);
    expect(byNumber.get(3)!.parts!.map((line) => [line.partNumber, line.quantity])).toEqual([['P-1', 1]]);
    expect(byNumber.get(40)!.tasks!.map((task) => task.title)).toEqual(['Task 1 of 40', 'Task 2 of 40']);
    expect(byNumber.get(40)!.parts!.map((line) => line.quantity)).toEqual([2]);
    // Totals over the page: 6 tasks and 4 lines, each once.
    expect(attached.flatMap((workOrder) => workOrder.tasks!)).toHaveLength(6);
    expect(attached.flatMap((workOrder) => workOrder.parts!)).toHaveLength(4);
    for (const workOrder of attached) {
      for (const task of workOrder.tasks!) expect(task.workOrderId).toBe(workOrder.id);
      for (const line of workOrder.parts!) expect(line.workOrderId).toBe(workOrder.id);
      expect(workOrder.technician?.id ?? null).toBe(workOrder.technicianId);
      expect(workOrder.equipment!.id).toBe(workOrder.equipmentId);
    }
    expect(byNumber.get(3)!.technician).toBeNull();
    expect(byNumber.get(4)!.technician).toMatchObject({ employeeId: 'T-1', firstName: 'Tess' });
    expect(byNumber.get(5)!.equipment).toMatchObject({ equipmentNumber: 'MX-1' });
  });

  it('loads only the relations asked for, and nothing for no includes or an empty page', async () => {
    const { relations, calls } = instrumented();
    await relations.attach(page, ['tasks']);
    expect(calls.tasksOf).toHaveBeenCalledTimes(1);
    expect(calls.partLinesOf).not.toHaveBeenCalled();
    expect(calls.techniciansByIds).not.toHaveBeenCalled();
    expect(calls.equipmentByIds).not.toHaveBeenCalled();
    const unchanged = await relations.attach(page.slice(0, 5), []);
    expect(unchanged).toEqual(page.slice(0, 5));
    expect(await relations.attach([], ALL)).toEqual([]);
    expect(calls.tasksOf).toHaveBeenCalledTimes(1);
  });
});
