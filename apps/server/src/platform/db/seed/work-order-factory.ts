import { randomUUID } from 'node:crypto';
import { type Completion, type Criticality, PRIORITIES, type Priority, type WorkOrderStatus, type WorkOrderType } from '@msched/contracts';
import type { RequiredSkillJson } from '../schema';
import type { EquipmentRecord, PartRecord, PlantAssets, SeedContext, TechnicianRecord } from './plant-assets';
import type { Random } from './random';
import { DAY, MINUTE } from './shift-calendar';
import {
  ELECTRICAL_FAILURE_MODES,
  FAILURE_CAUSES,
  FAILURE_MODES,
  INSPECTION_TITLES,
  LEAK_FAILURE_MODES,
  PREDICTIVE_TITLES,
  PREVENTIVE_TITLES,
  REMEDIES,
} from './work-catalog';

/** A work order being planned; times are epoch milliseconds until it becomes rows. */
export type PlannedWorkOrder = {
  id: string;
  type: WorkOrderType;
  priority: Priority;
  status: WorkOrderStatus;
  title: string;
  description: string | null;
  equipment: EquipmentRecord;
  failureMode: string | null;
  requiredSkills: RequiredSkillJson[];
  estimatedMinutes: number;
  createdAt: number;
  createdBy: string;
  requesterId: string | null;
  dueDate: number | null;
  technician: TechnicianRecord | null;
  assignedAt: number | null;
  scheduledStart: number | null;
  scheduledEnd: number | null;
  actualStart: number | null;
  actualEnd: number | null;
  heldAt: number | null;
  holdReason: string | null;
  closedAt: number | null;
  cancelledAt: number | null;
  completion: Completion | null;
  partsUsed: { part: PartRecord; quantity: number }[];
  /** Work orders that must be finished before this one starts (backlog only). */
  predecessorIds?: string[];
  /** What it holds while done (backlog only): welding needs the hot-work permit. */
  conflictGroups?: string[];
};

type Weighted<T> = readonly (readonly [T, number])[];

const CORRECTIVE_PRIORITY: Record<Criticality, Weighted<Priority>> = {
  A: [
    ['CRITICAL', 2],
    ['HIGH', 4],
    ['MEDIUM', 3],
    ['LOW', 1],
  ],
  B: [
    ['CRITICAL', 1],
    ['HIGH', 3],
    ['MEDIUM', 4],
    ['LOW', 2],
  ],
  C: [
    ['HIGH', 1],
    ['MEDIUM', 4],
    ['LOW', 4],
  ],
};

const PREVENTIVE_PRIORITY: Weighted<Priority> = [
  ['MEDIUM', 3],
  ['LOW', 1],
  ['HIGH', 1],
];
/** Inspections and condition checks. */
const CHECK_PRIORITY: Weighted<Priority> = [
  ['LOW', 2],
  ['MEDIUM', 2],
];

/** How long a request may wait before it counts as late. */
export const RESPONSE_TIME: Record<Priority, number> = {
  CRITICAL: 1 * DAY,
  HIGH: 3 * DAY,
  MEDIUM: 7 * DAY,
  LOW: 14 * DAY,
};

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

/** A new OPEN work order of `type` on `equipment`, described as a requester or planner would. */
export function createWork(
  context: SeedContext,
  assets: PlantAssets,
  equipmentRecord: EquipmentRecord,
  type: WorkOrderType,
  createdAt: number,
): PlannedWorkOrder {
  const { random } = context;
  const { spec } = equipmentRecord;
  const reactive = type === 'CORRECTIVE' || type === 'EMERGENCY';
  const failureMode = reactive ? random.pick(spec.failureModes) : null;
  const mode = failureMode ? FAILURE_MODES[failureMode] : undefined;
  let priority: Priority =
    type === 'EMERGENCY'
      ? 'CRITICAL'
      : random.weighted(
          type === 'CORRECTIVE'
            ? CORRECTIVE_PRIORITY[equipmentRecord.criticality]
            : type === 'PREVENTIVE'
              ? PREVENTIVE_PRIORITY
              : CHECK_PRIORITY,
        );
  // A machine that has stopped is never a low-priority request, least of all a critical one.
  const stopped = failureMode === 'BRD' || failureMode === 'FTS';
  const floor: Priority = equipmentRecord.criticality === 'A' ? 'HIGH' : 'MEDIUM';
  if (stopped && PRIORITIES.indexOf(priority) < PRIORITIES.indexOf(floor)) priority = floor;
  const name = equipmentRecord.row.name;
  const title = mode
    ? `${mode.title}: ${name}`
    : type === 'PREVENTIVE'
      ? `${PREVENTIVE_TITLES[equipmentRecord.criticality] ?? 'Preventive maintenance'}: ${name}`
      : `${random.pick(type === 'INSPECTION' ? INSPECTION_TITLES : PREDICTIVE_TITLES)}: ${name}`;
  const description = mode
    ? `${random.pick(mode.reports)} (${equipmentRecord.row.equipmentNumber}, failure mode ${failureMode})`
    : type === 'PREVENTIVE'
      ? `Routine maintenance per the ${equipmentRecord.row.manufacturer} service schedule.`
      : null;
  const estimate =
    type === 'INSPECTION'
      ? random.int(30, 90)
      : type === 'PREDICTIVE'
        ? random.int(30, 60)
        : spec.repairMinutes * (type === 'PREVENTIVE' ? 0.8 : type === 'EMERGENCY' ? 1.3 : 1) * random.lognormal(1, 0.4);
  return {
    id: randomUUID(),
    type,
    priority,
    status: 'OPEN',
    title,
    description,
    equipment: equipmentRecord,
    failureMode,
    requiredSkills: requiredSkillsFor(random, assets, equipmentRecord, type, failureMode, priority),
    estimatedMinutes: Math.min(480, roundTo(estimate, 15)),
    createdAt,
    createdBy: reactive ? assets.people.requesterId : assets.people.plannerId,
    requesterId: reactive ? assets.people.requesterId : null,
    dueDate: null,
    technician: null,
    assignedAt: null,
    scheduledStart: null,
    scheduledEnd: null,
    actualStart: null,
    actualEnd: null,
    heldAt: null,
    holdReason: null,
    closedAt: null,
    cancelledAt: null,
    completion: null,
    partsUsed: [],
  };
}

function requiredSkillsFor(
  random: Random,
  assets: PlantAssets,
  equipmentRecord: EquipmentRecord,
  type: WorkOrderType,
  failureMode: string | null,
  priority: Priority,
): RequiredSkillJson[] {
  const { spec } = equipmentRecord;
  let wanted: RequiredSkillJson[];
  if (type === 'PREDICTIVE') wanted = [{ skill: 'instrumentation', minLevel: 2 }];
  else if (type === 'INSPECTION') wanted = [{ skill: spec.mechanicalTrade, minLevel: 1 }];
  else if (type === 'PREVENTIVE') {
    wanted = [{ skill: spec.mechanicalTrade, minLevel: 2 }];
    if (random.chance(0.3)) wanted.push({ skill: spec.electricalTrade, minLevel: 1 });
  } else {
    const mode = failureMode ?? 'BRD';
    const trade = ELECTRICAL_FAILURE_MODES.has(mode)
      ? spec.electricalTrade
      : LEAK_FAILURE_MODES.has(mode)
        ? (spec.leakTrade ?? spec.mechanicalTrade)
        : mode === 'STD'
          ? 'welding'
          : spec.mechanicalTrade;
    const minLevel = priority === 'CRITICAL' || priority === 'HIGH' ? 3 : priority === 'MEDIUM' ? 2 : 1;
    wanted = [{ skill: trade, minLevel }];
    const other = trade === spec.mechanicalTrade ? spec.electricalTrade : spec.mechanicalTrade;
    if (other !== trade && random.chance(0.25)) wanted.push({ skill: other, minLevel: 2 });
  }
  // Never ask for a combination nobody on the crew has, or the work could not be assigned.
  while (wanted.length > 1 && qualifiedTechnicians(assets, wanted).length === 0) wanted.pop();
  const [main] = wanted;
  while (main && main.minLevel > 1 && qualifiedTechnicians(assets, wanted).length === 0) main.minLevel--;
  return wanted;
}

export function qualifiedTechnicians(assets: PlantAssets, requiredSkills: readonly RequiredSkillJson[]) {
  return assets.technicians.filter((technician) =>
    requiredSkills.every((required) => (technician.skills.get(required.skill) ?? 0) >= required.minLevel),
  );
}

/** Hands-on minutes actually spent: skewed around the estimate, repairs tend to overrun. */
export function actualMinutesFor(random: Random, workOrder: PlannedWorkOrder): number {
  const bias = workOrder.type === 'CORRECTIVE' || workOrder.type === 'EMERGENCY' ? 1.1 : 1;
  return Math.max(10, Math.round(workOrder.estimatedMinutes * random.lognormal(bias, 0.35)));
}

/** ISO 14224-style failure record for reactive work. */
export function completionFor(random: Random, workOrder: PlannedWorkOrder): Completion | null {
  if (!workOrder.failureMode) return null;
  const failureCause = random.weighted(FAILURE_CAUSES[workOrder.failureMode] ?? [['wear', 1]]);
  const remedy = random.weighted(REMEDIES[failureCause] ?? [['repair', 1]]);
  const firstTimeFix = random.chance(workOrder.type === 'EMERGENCY' ? 0.75 : 0.87);
  return {
    failureMode: workOrder.failureMode,
    failureCause,
    remedy,
    firstTimeFix,
    ...(firstTimeFix ? {} : { notes: 'Fault returned after the first attempt; second visit needed.' }),
  };
}

/** Spares drawn for the work: repair parts for failures, consumables for routine work. */
export function partsFor(random: Random, assets: PlantAssets, workOrder: PlannedWorkOrder): PlannedWorkOrder['partsUsed'] {
  const reactive = workOrder.type === 'CORRECTIVE' || workOrder.type === 'EMERGENCY';
  const usage = reactive ? 0.7 : workOrder.type === 'PREVENTIVE' ? 0.75 : workOrder.type === 'INSPECTION' ? 0.1 : 0;
  if (!random.chance(usage)) return [];
  const fitting = assets.parts.filter(
    (part) => part.service !== reactive && (part.fits.includes(workOrder.equipment.type) || part.fits.includes('*')),
  );
  const count = reactive ? random.int(1, 2) : workOrder.type === 'PREVENTIVE' ? random.int(1, 3) : 1;
  return random.sample(fitting, count).map((part) => ({
    part,
    quantity: part.row.unit === 'l' ? random.int(2, 20) : part.row.unit === 'm' ? random.int(1, 6) : random.int(1, 2),
  }));
}

export const minutesBetween = (start: number, end: number) => Math.round((end - start) / MINUTE);
