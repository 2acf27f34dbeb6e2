import { randomUUID } from 'node:crypto';
import type {
  availabilityExceptions,
  equipment,
  locations,
  organizations,
  parts,
  siteTravelTimes,
  stockMovements,
  technicianAvailability,
  technicians,
  users,
  workOrderComments,
  workOrderHistory,
  workOrderParts,
  workOrders,
  workOrderTasks,
} from '../schema';
import { planCurrentWork } from './current-work';
import { planHistoricalWork } from './historical-work';
import { type PlantAssets, type SeedContext, buildPlantAssets } from './plant-assets';
import type { Random } from './random';
import { DAY, MINUTE, ZonedClock } from './shift-calendar';
import { type PlannedWorkOrder, minutesBetween } from './work-order-factory';
import { commentRows, historyRows, statusTrail, taskRows } from './work-order-history';

/** Every row of one organization, in insert order (parents before the rows that reference them). */
export type OrganizationDataset = {
  organization: typeof organizations.$inferInsert & { id: string };
  locations: (typeof locations.$inferInsert)[];
  siteTravelTimes: (typeof siteTravelTimes.$inferInsert)[];
  technicians: (typeof technicians.$inferInsert)[];
  technicianAvailability: (typeof technicianAvailability.$inferInsert)[];
  availabilityExceptions: (typeof availabilityExceptions.$inferInsert)[];
  users: (typeof users.$inferInsert)[];
  equipment: (typeof equipment.$inferInsert)[];
  parts: (typeof parts.$inferInsert)[];
  workOrders: (typeof workOrders.$inferInsert)[];
  workOrderTasks: (typeof workOrderTasks.$inferInsert)[];
  workOrderParts: (typeof workOrderParts.$inferInsert)[];
  workOrderComments: (typeof workOrderComments.$inferInsert)[];
  workOrderHistory: (typeof workOrderHistory.$inferInsert)[];
  stockMovements: (typeof stockMovements.$inferInsert)[];
};

export type OrganizationSpec = {
  name: string;
  slug: string;
  /** Users get `admin@<emailDomain>` etc., so it must be unique per organization. */
  emailDomain: string;
  random: Random;
  now: Date;
  passwordHash: string;
  timezone?: string;
  demoSites?: boolean;
};

/** Builds a whole plant in memory: assets, crew, stores and a year of maintenance history. */
export function buildOrganizationDataset(spec: OrganizationSpec): OrganizationDataset {
  const timezone = spec.timezone ?? 'Europe/Berlin';
  const context: SeedContext = {
    random: spec.random,
    now: Math.floor(spec.now.getTime() / MINUTE) * MINUTE,
    organizationId: randomUUID(),
    clock: new ZonedClock(timezone),
    emailDomain: spec.emailDomain,
    passwordHash: spec.passwordHash,
    demoSites: spec.demoSites ?? false,
  };
  const assets = buildPlantAssets(context);
  const history = planHistoricalWork(context, assets);
  const plannedWork = [...history.workOrders, ...planCurrentWork(context, assets, history.busyUntil)].sort(
    (a, b) => a.createdAt - b.createdAt,
  );
  updateEquipmentStatus(assets, plannedWork);

  const dataset: OrganizationDataset = {
    organization: {
      id: context.organizationId,
      name: spec.name,
      slug: spec.slug,
      timezone,
      currency: 'EUR',
      // Numbers 1..N are handed out below, so the next work order created through the API is N + 1.
      workOrderSeq: plannedWork.length,
      createdAt: new Date(context.now - 400 * DAY),
    },
    locations: assets.locations,
    siteTravelTimes: assets.siteTravelTimes,
    technicians: assets.technicianRows,
    technicianAvailability: assets.availabilityRows,
    availabilityExceptions: assets.exceptionRows,
    users: assets.users,
    equipment: assets.equipment.map((record) => record.row),
    parts: assets.parts.map((part) => part.row),
    workOrders: [],
    workOrderTasks: [],
    workOrderParts: [],
    workOrderComments: [],
    workOrderHistory: [],
    stockMovements: [],
  };
  plannedWork.forEach((workOrder, index) => addWorkOrder(context, assets, dataset, workOrder, index + 1));
  dataset.stockMovements = stockLedger(context, assets, dataset);
  return dataset;
}

function addWorkOrder(
  context: SeedContext,
  assets: PlantAssets,
  dataset: OrganizationDataset,
  workOrder: PlannedWorkOrder,
  number: number,
): void {
  const trail = statusTrail(context, assets, workOrder);
  const lastChange = trail[trail.length - 1]?.at ?? workOrder.createdAt;
  const date = (instant: number | null) => (instant === null ? null : new Date(instant));
  const finished = workOrder.actualEnd !== null && workOrder.actualStart !== null;
  dataset.workOrders.push({
    id: workOrder.id,
    organizationId: context.organizationId,
    number,
    workOrderNumber: `WO-${String(number).padStart(6, '0')}`,
    title: workOrder.title,
    description: workOrder.description,
    type: workOrder.type,
    status: workOrder.status,
    priority: workOrder.priority,
    dueDate: date(workOrder.dueDate),
    requiredSkills: workOrder.requiredSkills,
    estimatedDuration: workOrder.estimatedMinutes,
    scheduledStartTime: date(workOrder.scheduledStart),
    scheduledEndTime: date(workOrder.scheduledEnd),
    actualStartTime: date(workOrder.actualStart),
    actualEndTime: date(workOrder.actualEnd),
    actualDuration: finished ? minutesBetween(workOrder.actualStart ?? 0, workOrder.actualEnd ?? 0) : null,
    technicianId: workOrder.technician?.id ?? null,
    equipmentId: workOrder.equipment.row.id,
    requesterId: workOrder.requesterId,
    predecessorIds: workOrder.predecessorIds ?? [],
    conflictGroups: workOrder.conflictGroups ?? [],
    completion: workOrder.completion,
    version: trail.length,
    createdAt: new Date(workOrder.createdAt),
    updatedAt: new Date(lastChange),
  });
  dataset.workOrderHistory.push(...historyRows(context.organizationId, workOrder.id, trail));
  dataset.workOrderTasks.push(...taskRows(context, workOrder));
  dataset.workOrderComments.push(...commentRows(context, assets, workOrder));
  for (const { part, quantity } of workOrder.partsUsed) {
    const issuedAt = new Date(Math.min((workOrder.actualStart ?? context.now) + 15 * MINUTE, context.now));
    dataset.workOrderParts.push({
      organizationId: context.organizationId,
      workOrderId: workOrder.id,
      partId: part.row.id,
      quantity,
      status: 'ISSUED',
      unitCost: part.row.unitCost ?? 0,
      createdAt: issuedAt,
      updatedAt: issuedAt,
    });
  }
}

/**
 * One opening receipt per part, sized so that after every issue the stock is exactly the
 * part's on-hand figure: the ledger always sums to on_hand and never dips below zero.
 */
function stockLedger(context: SeedContext, assets: PlantAssets, dataset: OrganizationDataset) {
  const issuesByPart = new Map<string, (typeof workOrderParts.$inferInsert)[]>();
  for (const line of dataset.workOrderParts) {
    const lines = issuesByPart.get(line.partId) ?? [];
    lines.push(line);
    issuesByPart.set(line.partId, lines);
  }
  const workOrderById = new Map(dataset.workOrders.map((row) => [row.id, row]));
  const movements: (typeof stockMovements.$inferInsert)[] = [];
  for (const part of assets.parts) {
    const issues = (issuesByPart.get(part.row.id) ?? []).sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
    let onHand = part.finalOnHand + issues.reduce((sum, line) => sum + line.quantity, 0);
    movements.push({
      organizationId: context.organizationId,
      partId: part.row.id,
      kind: 'RECEIPT',
      quantity: onHand,
      onHandAfter: onHand,
      reservedAfter: 0,
      reason: 'Opening stock count',
      userId: assets.people.adminId,
      createdAt: new Date(context.now - 390 * DAY),
    });
    for (const line of issues) {
      onHand -= line.quantity;
      const workOrder = workOrderById.get(line.workOrderId);
      movements.push({
        organizationId: context.organizationId,
        partId: part.row.id,
        kind: 'ISSUE',
        quantity: -line.quantity,
        onHandAfter: onHand,
        reservedAfter: 0,
        workOrderId: line.workOrderId,
        reason: `Issued to ${workOrder?.workOrderNumber ?? 'work order'}`,
        userId: technicianUserOf(assets, workOrder?.technicianId) ?? assets.people.plannerId,
        createdAt: line.createdAt,
      });
    }
  }
  return movements;
}

const technicianUserOf = (assets: PlantAssets, technicianId: string | null | undefined) =>
  assets.technicians.find((technician) => technician.id === technicianId)?.userId;

/** Machines under active breakdown repair are DOWN; ones with urgent open requests DEGRADED. */
function updateEquipmentStatus(assets: PlantAssets, plannedWork: readonly PlannedWorkOrder[]): void {
  let degraded = 0;
  for (const workOrder of plannedWork) {
    const reactive = workOrder.type === 'CORRECTIVE' || workOrder.type === 'EMERGENCY';
    if (!reactive) continue;
    const urgent = workOrder.priority === 'CRITICAL' || workOrder.priority === 'HIGH';
    const { row } = workOrder.equipment;
    if ((workOrder.status === 'IN_PROGRESS' || workOrder.status === 'ON_HOLD') && workOrder.priority === 'CRITICAL') {
      row.status = 'DOWN';
    } else if (workOrder.status === 'OPEN' && urgent && row.status === undefined && degraded < 5) {
      row.status = 'DEGRADED';
      degraded++;
    }
  }
}
