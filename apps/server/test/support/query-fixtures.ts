import type { Priority, WorkOrderSort } from '@msched/contracts';
import { generationKeys } from '../../src/platform/cache/read-through-cache';
import type { Database } from '../../src/platform/db/database';
import { equipment, technicianAvailability, technicians, workOrderParts, workOrderTasks, workOrders } from '../../src/platform/db/schema';
import type { TestServer } from './server';

export type NewWorkOrder = typeof workOrders.$inferInsert;
export type WorkOrderRow = typeof workOrders.$inferSelect;

/** What a test names of a work order; everything else gets a plain default. */
export type WorkOrderSeed = Omit<NewWorkOrder, 'organizationId' | 'workOrderNumber' | 'title' | 'type' | 'priority' | 'equipmentId'> &
  Partial<Pick<NewWorkOrder, 'workOrderNumber' | 'title' | 'type' | 'priority' | 'equipmentId'>>;

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/**
 * A valid v4 UUID whose sort order is the order of `n` (within one `series`), so "ties are broken
 * by id" gives an order a reader can work out by hand.
 */
export const idOf = (n: number, series = 0) => `00000000-0000-4000-8${hex(series, 3)}-${hex(n, 12)}`;

/** 'WO-000071' for 71, as the server numbers them. */
export const numberOf = (number: number) => `WO-${String(number).padStart(6, '0')}`;

/** An instant in UTC: `utc('2031-03-03', 8)` is 2031-03-03T08:00:00Z. */
export const utc = (day: string, hour = 0, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`);

export const HOUR_MS = 3_600_000;

/** Inserts work orders in ONE multi-row statement, straight into the table (no API, no cache bump). */
export async function insertWorkOrders(
  database: Database,
  org: { organizationId: string; equipmentId: string },
  seeds: readonly WorkOrderSeed[],
): Promise<WorkOrderRow[]> {
  if (seeds.length === 0) return [];
  return database.db
    .insert(workOrders)
    .values(
      seeds.map((seed) => ({
        title: `Job ${seed.number}`,
        type: 'CORRECTIVE' as const,
        priority: 'MEDIUM' as const,
        equipmentId: org.equipmentId,
        workOrderNumber: numberOf(seed.number),
        ...(Object.fromEntries(Object.entries(seed).filter(([, value]) => value !== undefined)) as WorkOrderSeed),
        organizationId: org.organizationId,
      })),
    )
    .returning();
}

export async function insertEquipment(
  database: Database,
  organizationId: string,
  values: { equipmentNumber: string; name: string; type: string },
): Promise<string> {
  const [row] = await database.db
    .insert(equipment)
    .values({ organizationId, ...values })
    .returning({ id: equipment.id });
  return row!.id;
}

export async function insertTechnician(
  database: Database,
  organizationId: string,
  values: { employeeId: string; firstName: string; lastName: string },
): Promise<string> {
  const [row] = await database.db
    .insert(technicians)
    .values({ organizationId, ...values, hourlyRate: 45 })
    .returning({ id: technicians.id });
  await database.db.insert(technicianAvailability).values({ technicianId: row!.id, organizationId });
  return row!.id;
}

/** Checklist tasks, straight into the table. */
export async function insertTasks(
  database: Database,
  organizationId: string,
  tasks: readonly { workOrderId: string; position: number; title: string }[],
): Promise<void> {
  await database.db.insert(workOrderTasks).values(tasks.map((task) => ({ ...task, organizationId })));
}

/** ISSUED part lines at 25.50 each, straight into the table (stock is not touched: reads only). */
export async function insertPartLines(
  database: Database,
  organizationId: string,
  lines: readonly { workOrderId: string; partId: string; quantity: number }[],
): Promise<void> {
  await database.db
    .insert(workOrderParts)
    .values(lines.map((line) => ({ ...line, organizationId, status: 'ISSUED' as const, unitCost: 25.5 })));
}

/** After direct inserts: make cached reads of the organization unreachable, as an API write would. */
export async function invalidateOrganization(server: TestServer, organizationId: string): Promise<void> {
  await server.cache.bump([generationKeys.workOrders(organizationId), generationKeys.reference(organizationId)]);
}

export const ids = (body: { data: { id: string }[] }) => body.data.map((row) => row.id);

const PRIORITY_RANK: Record<Priority, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };

type Sortable = Pick<WorkOrderRow, 'id' | 'number' | 'priority' | 'dueDate' | 'createdAt' | 'updatedAt' | 'scheduledStartTime'>;

/** The value a sort key compares, or null for an empty date. */
function sortValue(row: Sortable, field: string): number | null {
  switch (field) {
    case 'dueDate':
      return row.dueDate?.getTime() ?? null;
    case 'createdAt':
      return row.createdAt.getTime();
    case 'updatedAt':
      return row.updatedAt.getTime();
    case 'priority':
      return PRIORITY_RANK[row.priority];
    case 'workOrderNumber':
      return row.number;
    case 'scheduledStartTime':
      return row.scheduledStartTime?.getTime() ?? null;
    default:
      throw new Error(`no sort ${field}`);
  }
}

/**
 * The documented order, worked out in plain TypeScript: ascending puts empty dates last,
 * descending puts them first; ties are broken by id in the direction of the sort.
 */
export function expectedOrder(rows: readonly Sortable[], sort: WorkOrderSort): string[] {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const byId = (a: Sortable, b: Sortable) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...rows]
    .sort((a, b) => {
      const left = sortValue(a, field);
      const right = sortValue(b, field);
      if (left === null && right !== null) return descending ? -1 : 1;
      if (right === null && left !== null) return descending ? 1 : -1;
      const ascending = left === right || left === null || right === null ? byId(a, b) : left - right;
      return descending ? -ascending : ascending;
    })
    .map((row) => row.id);
}
