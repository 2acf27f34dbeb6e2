import type { WorkOrderType } from '@msched/contracts';
import { ceilTo5Minutes, toMinute } from './historical-work';
import type { EquipmentRecord, PlantAssets, SeedContext, TechnicianRecord } from './plant-assets';
import { DAY, HOUR, type Interval, MINUTE } from './shift-calendar';
import { HOLD_REASONS } from './work-catalog';
import { type PlannedWorkOrder, RESPONSE_TIME, createWork, partsFor, qualifiedTechnicians } from './work-order-factory';

const IN_PROGRESS_TYPES: readonly WorkOrderType[] = ['EMERGENCY', 'CORRECTIVE', 'CORRECTIVE', 'PREVENTIVE', 'CORRECTIVE', 'INSPECTION'];
const SCHEDULED_COUNT = 25;
const BACKLOG_COUNT = 40;
const OVERDUE_BACKLOG_COUNT = 12;

/**
 * Today's workload: jobs under way, a couple on hold, two weeks of booked work and an unbooked
 * backlog. Booked work (SCHEDULED, IN_PROGRESS, ON_HOLD) never overlaps per technician and
 * always goes to someone with the required skills, as the assign endpoint would insist.
 */
export function planCurrentWork(context: SeedContext, assets: PlantAssets, busyUntil: ReadonlyMap<string, number>) {
  const bookings = new Map<string, Interval[]>(assets.technicians.map((technician) => [technician.id, []]));
  const planner = new CurrentWorkPlanner(context, assets, busyUntil, bookings);
  return [...planner.inProgress(), ...planner.onHold(), ...planner.scheduled(), ...planner.backlog()];
}

class CurrentWorkPlanner {
  constructor(
    private readonly context: SeedContext,
    private readonly assets: PlantAssets,
    private readonly busyUntil: ReadonlyMap<string, number>,
    private readonly bookings: Map<string, Interval[]>,
  ) {}

  /** Running now, one job per technician: on shift where possible, else a call-out or carried over. */
  inProgress(): PlannedWorkOrder[] {
    const { random, now } = this.context;
    const started: PlannedWorkOrder[] = [];
    const working = new Set<string>();
    for (const type of IN_PROGRESS_TYPES) {
      const reactive = type === 'CORRECTIVE' || type === 'EMERGENCY';
      for (let attempt = 0; attempt < 20; attempt++) {
        const workOrder = createWork(this.context, this.assets, this.pickEquipment(type), type, now);
        const candidates = random
          .shuffle(qualifiedTechnicians(this.assets, workOrder.requiredSkills).filter((technician) => !working.has(technician.id)))
          .sort((a, b) => Number(this.onShift(b)) - Number(this.onShift(a)));
        let choice: { technician: TechnicianRecord; start: number } | undefined;
        for (const technician of candidates) {
          const start = this.runningJobStart(technician, reactive);
          if (start !== undefined) {
            choice = { technician, start };
            break;
          }
        }
        if (!choice) continue;
        const { technician, start } = choice;
        workOrder.createdAt = toMinute(
          type === 'EMERGENCY'
            ? start - random.float(10, 40) * MINUTE
            : type === 'CORRECTIVE'
              ? start - random.float(0.5, 30) * HOUR
              : start - 14 * DAY,
        );
        workOrder.dueDate = reactive ? workOrder.createdAt + RESPONSE_TIME[workOrder.priority] : start + random.float(0.5, 3) * DAY;
        this.book(workOrder, technician, start, workOrder.createdAt + (start - workOrder.createdAt) * random.float(0.2, 0.9));
        // Planning treats the job as running for at least another hour, whatever its estimate said.
        this.bookings.get(technician.id)?.push({ start, end: Math.max(workOrder.scheduledEnd ?? now, now + HOUR) });
        workOrder.actualStart = start;
        workOrder.status = 'IN_PROGRESS';
        workOrder.partsUsed = partsFor(random, this.assets, workOrder);
        working.add(technician.id);
        started.push(workOrder);
        break;
      }
    }
    return started;
  }

  private onShift(technician: TechnicianRecord): boolean {
    const shift = technician.calendar.latestShiftBefore(this.context.now);
    return shift !== undefined && shift.end > this.context.now;
  }

  /** When a job still running now would have started, or undefined if this technician cannot have one. */
  private runningJobStart(technician: TechnicianRecord, reactive: boolean): number | undefined {
    const { random, now } = this.context;
    const { calendar } = technician;
    if (calendar.isAbsentAt(now)) return undefined;
    const shift = calendar.latestShiftBefore(now);
    const earliest = this.free(technician) + 5 * MINUTE;
    let start: number;
    if (shift && shift.end > now) start = Math.max(earliest, shift.start, now - random.float(0.5, 4) * HOUR);
    // Breakdowns outside shift hours get someone called out.
    else if (reactive) start = Math.max(earliest, now - random.float(0.5, 3) * HOUR);
    // Routine work begun in the last shift and carried over to the next one.
    else if (shift) start = Math.max(earliest, shift.start + (shift.end - shift.start) * random.float(0, 0.5));
    else return undefined;
    start = ceilTo5Minutes(start);
    return start <= now - 10 * MINUTE && !calendar.isAbsentAt(start) ? start : undefined;
  }

  /** Paused for spares or a production window; booked time stays reserved. */
  onHold(): PlannedWorkOrder[] {
    const { random, now } = this.context;
    return (['CORRECTIVE', 'PREVENTIVE'] as const).map((type) => {
      const workOrder = createWork(this.context, this.assets, this.pickEquipment(type), type, toMinute(now - random.float(2, 8) * DAY));
      const technician = random.pick(qualifiedTechnicians(this.assets, workOrder.requiredSkills));
      const from = ceilTo5Minutes(Math.max(workOrder.createdAt + 2 * HOUR, now - 2 * DAY, this.free(technician)));
      const start = technician.calendar.findStart(from, workOrder.estimatedMinutes, this.bookings.get(technician.id));
      workOrder.dueDate = workOrder.createdAt + RESPONSE_TIME[workOrder.priority] * 2;
      const reference = Math.min(start, now);
      this.book(workOrder, technician, start, workOrder.createdAt + (reference - workOrder.createdAt) * random.float(0.2, 0.6));
      this.bookings.get(technician.id)?.push({ start, end: workOrder.scheduledEnd ?? start });
      if (start < now - 30 * MINUTE) {
        workOrder.actualStart = start;
        workOrder.heldAt = toMinute(Math.min(now - 10 * MINUTE, start + random.float(20, 90) * MINUTE));
      } else {
        const assignedAt = workOrder.assignedAt ?? workOrder.createdAt;
        workOrder.heldAt = toMinute(assignedAt + (now - assignedAt) * random.float(0.3, 0.9));
      }
      workOrder.holdReason = random.pick(HOLD_REASONS);
      workOrder.status = 'ON_HOLD';
      return workOrder;
    });
  }

  /** Two weeks of booked work: each job goes to whoever qualified can fit it in soonest. */
  scheduled(): PlannedWorkOrder[] {
    const { random, now } = this.context;
    const booked: PlannedWorkOrder[] = [];
    for (let attempt = 0; booked.length < SCHEDULED_COUNT && attempt < SCHEDULED_COUNT * 4; attempt++) {
      const type = random.weighted<WorkOrderType>([
        ['PREVENTIVE', 4],
        ['CORRECTIVE', 4],
        ['INSPECTION', 2],
        ['PREDICTIVE', 1],
      ]);
      const reactive = type === 'CORRECTIVE';
      const createdAt = toMinute(now - (reactive ? random.float(1, 7 * 24) * HOUR : random.float(3, 14) * DAY));
      const workOrder = createWork(this.context, this.assets, this.pickEquipment(type), type, createdAt);
      const target = ceilTo5Minutes(Math.max(now + 15 * MINUTE, now + random.float(0.5, 12 * 24) * HOUR));
      let best: { technician: TechnicianRecord; start: number; score: number } | undefined;
      for (const technician of qualifiedTechnicians(this.assets, workOrder.requiredSkills)) {
        const from = ceilTo5Minutes(Math.max(target, this.free(technician)));
        const start = technician.calendar.findStart(from, workOrder.estimatedMinutes, this.bookings.get(technician.id));
        const travel = technician.siteIndex === workOrder.equipment.siteIndex ? 0 : 2 * HOUR;
        // Spread the bookings, as a planner levelling the crew's load would.
        const workload = (this.bookings.get(technician.id)?.length ?? 0) * 3 * HOUR;
        const score = start + travel + workload + random.float(0, 3) * HOUR;
        if (!best || score < best.score) best = { technician, start, score };
      }
      // The booked horizon is two weeks; work that only fits later stays for the next attempt.
      if (!best || best.start > now + 14 * DAY) continue;
      const { technician, start } = best;
      workOrder.dueDate = reactive
        ? workOrder.createdAt + RESPONSE_TIME[workOrder.priority] * random.float(1, 2)
        : start + (random.chance(0.1) ? -random.float(0.5, 2) : random.float(0.5, 4)) * DAY;
      workOrder.dueDate = toMinute(Math.max(workOrder.dueDate, workOrder.createdAt + DAY));
      this.book(workOrder, technician, start, createdAt + (now - createdAt) * random.float(0.2, 0.95));
      this.bookings.get(technician.id)?.push({ start, end: workOrder.scheduledEnd ?? start });
      workOrder.status = 'SCHEDULED';
      booked.push(workOrder);
    }
    return booked;
  }

  /** Requests nobody has booked yet; some are already past their due date. */
  backlog(): PlannedWorkOrder[] {
    const { random, now } = this.context;
    const open: PlannedWorkOrder[] = [];
    for (let index = 0; index < BACKLOG_COUNT; index++) {
      const type = random.weighted<WorkOrderType>([
        ['CORRECTIVE', 6],
        ['PREVENTIVE', 3],
        ['INSPECTION', 1],
        ['PREDICTIVE', 1],
        ['EMERGENCY', 0.3],
      ]);
      const overdue = index < OVERDUE_BACKLOG_COUNT;
      const createdAt = toMinute(overdue ? now - random.float(4, 30) * DAY : now - random.float(1, 10 * 24) * HOUR);
      const workOrder = createWork(this.context, this.assets, this.pickEquipment(type), type, createdAt);
      workOrder.dueDate = toMinute(overdue ? createdAt + (now - createdAt) * random.float(0.3, 0.85) : now + random.float(1, 21) * DAY);
      open.push(workOrder);
    }
    orderBacklog(open);
    return open;
  }

  private pickEquipment(type: WorkOrderType): EquipmentRecord {
    const { random } = this.context;
    const { equipment } = this.assets;
    if (type === 'CORRECTIVE' || type === 'EMERGENCY') {
      const candidates = equipment.filter((record) => type === 'CORRECTIVE' || record.criticality === 'A');
      return random.weighted(candidates.map((record) => [record, record.failureWeight] as const));
    }
    if (type === 'PREDICTIVE') {
      return random.pick(equipment.filter((record) => record.spec.rotating && record.criticality !== 'C'));
    }
    return random.pick(equipment.filter((record) => !record.isComponent));
  }

  private free(technician: TechnicianRecord): number {
    return this.busyUntil.get(technician.id) ?? 0;
  }

  private book(workOrder: PlannedWorkOrder, technician: TechnicianRecord, start: number, assignedAt: number) {
    workOrder.technician = technician;
    workOrder.scheduledStart = start;
    workOrder.scheduledEnd = start + workOrder.estimatedMinutes * MINUTE;
    workOrder.assignedAt = toMinute(Math.min(assignedAt, start));
  }
}

/**
 * Rules a planner would have entered on the backlog (no random draws, so the rest of the data
 * stays as it was): welding holds the site's hot-work permit, and repair or service work on a
 * machine waits for an inspection or condition check of that machine raised before it.
 */
function orderBacklog(open: PlannedWorkOrder[]): void {
  for (const workOrder of open) {
    if (workOrder.requiredSkills.some((need) => need.skill === 'welding')) workOrder.conflictGroups = ['hot-work'];
    const check = open.find(
      (other) =>
        other !== workOrder &&
        (other.type === 'INSPECTION' || other.type === 'PREDICTIVE') &&
        other.equipment === workOrder.equipment &&
        other.createdAt < workOrder.createdAt,
    );
    if (check && (workOrder.type === 'CORRECTIVE' || workOrder.type === 'PREVENTIVE')) workOrder.predecessorIds = [check.id];
  }
}
