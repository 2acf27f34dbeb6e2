import type { WorkOrderType } from '@msched/contracts';
import type { EquipmentRecord, PlantAssets, SeedContext, TechnicianRecord } from './plant-assets';
import { DAY, HOUR, MINUTE } from './shift-calendar';
import {
  type PlannedWorkOrder,
  RESPONSE_TIME,
  actualMinutesFor,
  completionFor,
  createWork,
  partsFor,
  qualifiedTechnicians,
} from './work-order-factory';

/** Roughly how many finished work orders a year of history holds. */
const HISTORICAL_TARGET = 440;
const HISTORY = 365 * DAY;

/** Days between visits, by criticality: critical assets get more attention. */
const PREVENTIVE_INTERVAL = { A: 91, B: 182, C: 365 } as const;
const INSPECTION_INTERVAL = { A: 182, B: 365 } as const;
const PREDICTIVE_INTERVAL = { A: 91, B: 182 } as const;

type Demand = { workOrder: PlannedWorkOrder; earliestStart: number };
/** When each technician is next free, and how many jobs each has done so far. */
type CrewState = { freeAt: Map<string, number>; jobs: Map<string, number> };

export const toMinute = (instant: number) => Math.round(instant / MINUTE) * MINUTE;
export const ceilTo5Minutes = (instant: number) => Math.ceil(instant / (5 * MINUTE)) * 5 * MINUTE;

/**
 * A year of finished maintenance: routine work on its intervals plus failures shared out by each
 * machine's failure weight (so MTBF/MTTR differ by machine and type), booked one by one onto the
 * qualified technician who can start first, inside shifts and without double-booking anyone.
 * Returns the work and when each technician is next free.
 */
export function planHistoricalWork(context: SeedContext, assets: PlantAssets) {
  const demands = [...routineDemands(context, assets)];
  demands.push(...failureDemands(context, assets, Math.max(150, HISTORICAL_TARGET - demands.length)));
  demands.sort((a, b) => a.earliestStart - b.earliestStart);

  const crew: CrewState = {
    freeAt: new Map(assets.technicians.map((technician) => [technician.id, 0])),
    jobs: new Map(assets.technicians.map((technician) => [technician.id, 0])),
  };
  for (const demand of demands) {
    if (context.random.chance(0.04)) cancel(context, assets, demand, crew);
    else carryOut(context, assets, demand, crew);
  }

  // Work still running "now" would not be history; the current-work planner makes that.
  const finished = demands
    .map((demand) => demand.workOrder)
    .filter((workOrder) => (workOrder.actualEnd ?? workOrder.cancelledAt ?? 0) < context.now - 10 * MINUTE);
  // The latest jobs are not closed yet: two wait for a manager's approval, a few for closure.
  const latest = finished.filter((workOrder) => workOrder.actualEnd !== null).sort((a, b) => (b.actualEnd ?? 0) - (a.actualEnd ?? 0));
  latest.slice(0, 6).forEach((workOrder, index) => {
    workOrder.status = index < 2 ? 'PENDING_APPROVAL' : 'COMPLETED';
    workOrder.closedAt = null;
  });

  const busyUntil = new Map<string, number>();
  for (const workOrder of finished) {
    if (!workOrder.technician || workOrder.actualEnd === null) continue;
    const previous = busyUntil.get(workOrder.technician.id) ?? 0;
    busyUntil.set(workOrder.technician.id, Math.max(previous, workOrder.actualEnd));
  }
  return { workOrders: finished, busyUntil };
}

function* routineDemands(context: SeedContext, assets: PlantAssets): Generator<Demand> {
  for (const equipmentRecord of assets.equipment) {
    const { criticality } = equipmentRecord;
    if (!equipmentRecord.isComponent) {
      yield* periodic(context, assets, equipmentRecord, 'PREVENTIVE', PREVENTIVE_INTERVAL[criticality]);
      if (criticality !== 'C') {
        yield* periodic(context, assets, equipmentRecord, 'INSPECTION', INSPECTION_INTERVAL[criticality]);
      }
    }
    if (equipmentRecord.spec.rotating && criticality !== 'C') {
      yield* periodic(context, assets, equipmentRecord, 'PREDICTIVE', PREDICTIVE_INTERVAL[criticality]);
    }
  }
}

function* periodic(
  context: SeedContext,
  assets: PlantAssets,
  equipmentRecord: EquipmentRecord,
  type: WorkOrderType,
  intervalDays: number,
): Generator<Demand> {
  const { random, clock, now } = context;
  const interval = intervalDays * DAY;
  for (let due = now - HISTORY + random.float(0, interval); due < now - DAY; due += interval * random.float(0.95, 1.05)) {
    const dueDate = clock.instantAt(clock.localDay(due), 16 * 60);
    // Routine work is released two weeks ahead; about one visit in seven slips past its due date.
    const workOrder = createWork(context, assets, equipmentRecord, type, toMinute(dueDate - 14 * DAY - random.float(0, 8) * HOUR));
    workOrder.dueDate = dueDate;
    const earliestStart = random.chance(0.15) ? dueDate + random.float(1, 8) * DAY : dueDate - random.float(0.5, 6) * DAY;
    yield { workOrder, earliestStart };
  }
}

function failureDemands(context: SeedContext, assets: PlantAssets, count: number): Demand[] {
  const { random, now } = context;
  const byFailureWeight = assets.equipment.map((record) => [record, record.failureWeight] as const);
  const demands: Demand[] = [];
  for (let index = 0; index < count; index++) {
    const equipmentRecord = random.weighted(byFailureWeight);
    const failedAt = toMinute(random.float(now - HISTORY, now - DAY));
    const type = equipmentRecord.criticality === 'A' && random.chance(0.15) ? 'EMERGENCY' : 'CORRECTIVE';
    const workOrder = createWork(context, assets, equipmentRecord, type, failedAt);
    workOrder.dueDate = toMinute(failedAt + RESPONSE_TIME[workOrder.priority] * random.float(0.8, 1.2));
    const responseDelay = {
      CRITICAL: random.float(0, 0.5) * HOUR,
      HIGH: random.float(1, 24) * HOUR,
      MEDIUM: random.float(0.5, 5) * DAY,
      LOW: random.float(2, 12) * DAY,
    }[workOrder.priority];
    // Some repairs wait for spares, which is what makes them late.
    const waitForSpares = random.chance(0.1) ? random.float(3, 10) * DAY : 0;
    demands.push({ workOrder, earliestStart: failedAt + responseDelay + waitForSpares });
  }
  return demands;
}

/**
 * The qualified technician who can start first. Like a planner, it prefers the home-site crew
 * and spreads the load, so multi-skilled technicians on long shifts do not take every job.
 */
function firstAvailable(context: SeedContext, assets: PlantAssets, demand: Demand, { freeAt, jobs }: CrewState) {
  const { workOrder } = demand;
  let best: { technician: TechnicianRecord; start: number; score: number } | undefined;
  for (const technician of qualifiedTechnicians(assets, workOrder.requiredSkills)) {
    const from = ceilTo5Minutes(Math.max(demand.earliestStart, freeAt.get(technician.id) ?? 0));
    const start = technician.calendar.findStart(from, workOrder.estimatedMinutes);
    const travel = technician.siteIndex === workOrder.equipment.siteIndex ? 0 : 2 * HOUR;
    const workload = (jobs.get(technician.id) ?? 0) * 30 * MINUTE;
    const score = start + travel + workload + context.random.float(0, 2) * HOUR;
    if (!best || score < best.score) best = { technician, start, score };
  }
  if (!best) throw new Error(`No technician can do ${workOrder.title}`);
  if (workOrder.type === 'EMERGENCY' && best.start > demand.earliestStart + 4 * HOUR) {
    // Breakdowns of critical plant are not left until the next shift: someone is called out.
    const callOut = ceilTo5Minutes(demand.earliestStart + context.random.float(20, 60) * MINUTE);
    const start = Math.max(callOut, ceilTo5Minutes(freeAt.get(best.technician.id) ?? 0));
    if (!best.technician.calendar.isAbsentAt(start)) best.start = start;
  }
  return best;
}

function book(context: SeedContext, workOrder: PlannedWorkOrder, technician: TechnicianRecord, start: number) {
  const { random } = context;
  workOrder.technician = technician;
  workOrder.scheduledStart = start;
  workOrder.scheduledEnd = start + workOrder.estimatedMinutes * MINUTE;
  const lead = start - workOrder.createdAt;
  workOrder.assignedAt = toMinute(
    workOrder.type === 'EMERGENCY'
      ? workOrder.createdAt + Math.min(lead * 0.5, random.float(5, 15) * MINUTE)
      : workOrder.createdAt + lead * random.float(0.05, 0.5),
  );
}

function carryOut(context: SeedContext, assets: PlantAssets, demand: Demand, crew: CrewState) {
  const { random, now } = context;
  const { workOrder } = demand;
  const { technician, start } = firstAvailable(context, assets, demand, crew);
  crew.jobs.set(technician.id, (crew.jobs.get(technician.id) ?? 0) + 1);
  book(context, workOrder, technician, start);
  workOrder.actualStart = start + random.int(0, 4) * 5 * MINUTE;
  workOrder.actualEnd = workOrder.actualStart + actualMinutesFor(random, workOrder) * MINUTE;
  crew.freeAt.set(technician.id, Math.max(workOrder.actualEnd, workOrder.scheduledEnd ?? 0));
  workOrder.completion = completionFor(random, workOrder);
  workOrder.partsUsed = partsFor(random, assets, workOrder);
  const closedAt = toMinute(workOrder.actualEnd + Math.max(HOUR, random.lognormal(1.2 * DAY, 0.6)));
  workOrder.status = closedAt < now ? 'CLOSED' : 'COMPLETED';
  workOrder.closedAt = closedAt < now ? closedAt : null;
}

/** Duplicates and requests overtaken by events: cancelled before or after being booked. */
function cancel(context: SeedContext, assets: PlantAssets, demand: Demand, crew: CrewState) {
  const { random, now } = context;
  const { workOrder } = demand;
  workOrder.status = 'CANCELLED';
  const booking = random.chance(0.3) ? firstAvailable(context, assets, demand, crew) : undefined;
  // Only a slot that has come and gone can have been booked and then cancelled in the past.
  if (booking && booking.start < now - DAY) {
    book(context, workOrder, booking.technician, booking.start);
    const assignedAt = workOrder.assignedAt ?? workOrder.createdAt;
    workOrder.cancelledAt = toMinute(assignedAt + (booking.start - assignedAt) * random.float(0.2, 0.9));
  } else {
    const cancelledAt = workOrder.createdAt + random.float(2, 72) * HOUR;
    workOrder.cancelledAt = toMinute(Math.min(cancelledAt, now - HOUR));
  }
}
