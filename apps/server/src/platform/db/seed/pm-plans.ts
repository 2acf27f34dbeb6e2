import { randomUUID } from 'node:crypto';
import type { CalendarTrigger, MeterTrigger, WorkOrderStatus, WorkOrderTemplate } from '@msched/contracts';
import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { PmGenerator } from '../../../modules/pm-plans/pm-generator';
import type { PmPlanRow } from '../../../modules/pm-plans/pm-plans.repository';
import {
  type CalendarRule,
  addDays,
  addInterval,
  applyHolidayRule,
  endOfLocalDate,
  intervalDays,
  localDateOf,
  nextFloating,
  nthOccurrence,
  startOfLocalDate,
  windowEndDate,
} from '../../../modules/pm-plans/pm-schedule';
import { formatWorkOrderNumber } from '../../../modules/work-orders/work-order-number';
import type { Db } from '../database';
import {
  holidays,
  meterReadings,
  meters,
  organizations,
  pmOccurrences,
  pmPlanTargets,
  pmPlans,
  workOrderHistory,
  workOrderTasks,
  workOrders,
} from '../schema';
import type { OrganizationDataset } from './organization-dataset';
import { Random } from './random';
import { DAY, HOUR, type Interval, MINUTE, ShiftCalendar, ZonedClock } from './shift-calendar';

/**
 * Preventive-maintenance plans of the demo plant, with the history a few months of running them
 * would have left: meters and their readings, the public holidays, the plans, where each stands
 * per piece of equipment (pm_plan_targets, set through PmGenerator.initialTarget so the
 * generator continues from there), the occurrences already generated, and their work orders
 * (mostly done within their compliance window, one late, one still open).
 *
 * Arranged around "today" so that the first generator run makes work due within a week (the
 * lubrication round and one conveyor inspection), and the forecast shows the next weeks: the
 * other conveyors, the annual forklift inspection, the next compressor service (projected from
 * its operating hours) and the next lubrication round.
 */

type Row<TTable extends PgTable> = TTable['$inferInsert'];

export type PmSeed = {
  meters: Row<typeof meters>[];
  meterReadings: Row<typeof meterReadings>[];
  holidays: Row<typeof holidays>[];
  pmPlans: Row<typeof pmPlans>[];
  workOrders: Row<typeof workOrders>[];
  workOrderTasks: Row<typeof workOrderTasks>[];
  workOrderHistory: Row<typeof workOrderHistory>[];
  pmOccurrences: Row<typeof pmOccurrences>[];
  pmPlanTargets: Row<typeof pmPlanTargets>[];
  /** The organization's work-order counter after the PM work orders. */
  workOrderSeq: number;
};

/** initialTarget uses none of the generator's collaborators, so no database is needed to call it. */
const generator = Object.create(PmGenerator.prototype) as PmGenerator;

const ROWS_PER_INSERT = 500;

/** Writes the PM part of a freshly inserted organization (its other rows must be there). */
export async function seedPmPlans(executor: Db, dataset: OrganizationDataset, now: Date): Promise<PmSeed> {
  const seed = buildPmSeed(dataset, now);
  const insert = async <TTable extends PgTable>(table: TTable, rows: readonly TTable['$inferInsert'][]) => {
    for (let offset = 0; offset < rows.length; offset += ROWS_PER_INSERT) {
      await executor.insert(table).values(rows.slice(offset, offset + ROWS_PER_INSERT));
    }
  };
  await insert(holidays, seed.holidays);
  await insert(meters, seed.meters);
  await insert(meterReadings, seed.meterReadings);
  await insert(pmPlans, seed.pmPlans);
  await insert(workOrders, seed.workOrders);
  await insert(workOrderTasks, seed.workOrderTasks);
  await insert(workOrderHistory, seed.workOrderHistory);
  await insert(pmOccurrences, seed.pmOccurrences);
  await insert(pmPlanTargets, seed.pmPlanTargets);
  await executor.update(organizations).set({ workOrderSeq: seed.workOrderSeq }).where(eq(organizations.id, dataset.organization.id));
  return seed;
}

// ---------------------------------------------------------------------------------------------
// Public holidays

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Germany's nationwide public holidays of a year (the demo plant's sites are Hamburg, Leipzig and Stuttgart). */
export function germanPublicHolidays(year: number): { date: string; name: string }[] {
  const easter = easterSunday(year);
  return [
    { date: `${year}-01-01`, name: 'New Year’s Day (Neujahr)' },
    { date: addDays(easter, -2), name: 'Good Friday (Karfreitag)' },
    { date: addDays(easter, 1), name: 'Easter Monday (Ostermontag)' },
    { date: `${year}-05-01`, name: 'Labour Day (Tag der Arbeit)' },
    { date: addDays(easter, 39), name: 'Ascension Day (Christi Himmelfahrt)' },
    { date: addDays(easter, 50), name: 'Whit Monday (Pfingstmontag)' },
    { date: `${year}-10-03`, name: 'German Unity Day (Tag der Deutschen Einheit)' },
    { date: `${year}-12-25`, name: 'Christmas Day (1. Weihnachtstag)' },
    { date: `${year}-12-26`, name: 'Boxing Day (2. Weihnachtstag)' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Templates

const LUBRICATION: WorkOrderTemplate = {
  title: 'Monthly bearing lubrication',
  description: 'Regrease motor and pump bearings with the specified quantity; do not over-grease.',
  type: 'PREVENTIVE',
  priority: 'MEDIUM',
  estimatedDuration: 45,
  requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
  crewSize: 1,
  requiresDowntime: false,
  avoidEarly: true,
  conflictGroups: [],
  tasks: [
    { title: 'Clean grease nipples and relief plugs', estimatedDuration: 10 },
    { title: 'Regrease bearings (drive and non-drive end)', estimatedDuration: 20 },
    { title: 'Run and listen for noise, check for leaks and temperature', estimatedDuration: 15 },
  ],
  parts: [],
};

const CONVEYOR_INSPECTION: WorkOrderTemplate = {
  title: 'Quarterly conveyor inspection',
  description: 'Lock out the conveyor before work. Two people: belt tension and pull-cord tests need a second person.',
  type: 'INSPECTION',
  priority: 'MEDIUM',
  estimatedDuration: 90,
  requiredSkills: [
    { skill: 'mechanical', minLevel: 2 },
    { skill: 'electrical', minLevel: 2 },
  ],
  crewSize: 2,
  requiresDowntime: false,
  avoidEarly: false,
  conflictGroups: [],
  tasks: [
    { title: 'Check belt tracking, tension and splice', estimatedDuration: 25 },
    { title: 'Inspect rollers, idlers and scrapers', estimatedDuration: 25 },
    { title: 'Test emergency pull-cords and stop buttons', estimatedDuration: 20 },
    { title: 'Check drive gearbox oil level and breather', estimatedDuration: 20 },
  ],
  parts: [],
};

const FORKLIFT_SAFETY: WorkOrderTemplate = {
  title: 'Annual forklift safety inspection (DGUV V68)',
  description: 'Statutory yearly inspection by a competent person; record the result and renew the inspection sticker.',
  type: 'INSPECTION',
  priority: 'HIGH',
  estimatedDuration: 120,
  requiredSkills: [
    { skill: 'mechanical', minLevel: 2 },
    { skill: 'electrical', minLevel: 2 },
  ],
  crewSize: 2,
  requiresDowntime: false,
  avoidEarly: false,
  conflictGroups: [],
  tasks: [
    { title: 'Inspect forks, chains and mast for cracks and wear', estimatedDuration: 40 },
    { title: 'Test brakes, steering, horn and lights', estimatedDuration: 30 },
    { title: 'Check hydraulic hoses and cylinders for leaks', estimatedDuration: 30 },
    { title: 'Record the result and attach the inspection sticker', estimatedDuration: 20 },
  ],
  parts: [],
};

const COMPRESSOR_SERVICE: WorkOrderTemplate = {
  title: 'Compressor 500 h service',
  description: 'Service at every 500 operating hours as specified by the manufacturer.',
  type: 'PREVENTIVE',
  priority: 'MEDIUM',
  estimatedDuration: 180,
  requiredSkills: [
    { skill: 'mechanical', minLevel: 3 },
    { skill: 'pneumatics', minLevel: 3 },
  ],
  crewSize: 1,
  requiresDowntime: false,
  avoidEarly: false,
  conflictGroups: [],
  tasks: [
    { title: 'Replace the air filter element', estimatedDuration: 30 },
    { title: 'Replace the oil filter and top up oil', estimatedDuration: 60 },
    { title: 'Check drive belt and coupling', estimatedDuration: 45 },
    { title: 'Test run, check for leaks, record operating hours', estimatedDuration: 45 },
  ],
  parts: [],
};

const TEMPERATURE_CHECK: WorkOrderTemplate = {
  title: 'Investigate high motor bearing temperature',
  description: 'The bearing temperature went above 85 °C: check lubrication, alignment and load before it fails.',
  type: 'INSPECTION',
  priority: 'HIGH',
  estimatedDuration: 60,
  requiredSkills: [{ skill: 'mechanical', minLevel: 3 }],
  crewSize: 1,
  requiresDowntime: false,
  avoidEarly: false,
  conflictGroups: [],
  tasks: [
    { title: 'Measure bearing temperature and vibration', estimatedDuration: 20 },
    { title: 'Check lubrication and alignment', estimatedDuration: 40 },
  ],
  parts: [],
};

const WINDOW = { gracePercent: 20, graceMaxDays: 28 };

/** The template with spares to reserve for each work order, those of the plant's stores that exist. */
function withParts(builder: Builder, template: WorkOrderTemplate, wanted: readonly (readonly [string, number])[]): WorkOrderTemplate {
  const parts = wanted.flatMap(([name, quantity]) => {
    const part = builder.dataset.parts.find((row) => row.name === name);
    return part?.id ? [{ partId: part.id, quantity }] : [];
  });
  return { ...template, parts };
}

// ---------------------------------------------------------------------------------------------

type Outcome = 'on-time' | 'late' | 'open';

interface Builder {
  dataset: OrganizationDataset;
  organizationId: string;
  timezone: string;
  now: number;
  today: string;
  random: Random;
  isWorkingDay: (date: string) => boolean;
  seed: PmSeed;
  people: { plannerId: string; managerId: string; userOfTechnician: Map<string, string> };
  calendars: Map<string, ShiftCalendar>;
  busy: Map<string, Interval[]>;
}

/** Everything the PM demo adds, built in memory (deterministic but for the ids). */
export function buildPmSeed(dataset: OrganizationDataset, nowDate: Date): PmSeed {
  const organizationId = dataset.organization.id;
  const timezone = dataset.organization.timezone ?? 'UTC';
  const now = Math.floor(nowDate.getTime() / MINUTE) * MINUTE;
  const today = localDateOf(new Date(now), timezone);
  const year = Number(today.slice(0, 4));
  const holidayRows = [year - 1, year, year + 1].flatMap((holidayYear) =>
    germanPublicHolidays(holidayYear).map((holiday) => ({ organizationId, ...holiday })),
  );
  const holidayDates = new Set(holidayRows.map((holiday) => holiday.date));
  const builder: Builder = {
    dataset,
    organizationId,
    timezone,
    now,
    today,
    random: Random.fromText(`${dataset.organization.slug}:pm`),
    isWorkingDay: (date) => !holidayDates.has(date),
    seed: {
      meters: [],
      meterReadings: [],
      holidays: holidayRows,
      pmPlans: [],
      workOrders: [],
      workOrderTasks: [],
      workOrderHistory: [],
      pmOccurrences: [],
      pmPlanTargets: [],
      workOrderSeq: dataset.organization.workOrderSeq ?? dataset.workOrders.length,
    },
    people: peopleOf(dataset),
    calendars: calendarsOf(dataset, timezone),
    busy: busyIntervals(dataset),
  };

  lubricationPlan(builder);
  conveyorPlan(builder);
  forkliftPlan(builder);
  compressorPlans(builder);
  return builder.seed;
}

function peopleOf(dataset: OrganizationDataset) {
  const withRole = (role: string) => dataset.users.find((user) => (user.roles as string[] | undefined)?.includes(role))?.id ?? null;
  const userOfTechnician = new Map<string, string>();
  for (const user of dataset.users) if (user.technicianId && user.id) userOfTechnician.set(user.technicianId, user.id);
  return { plannerId: withRole('planner') ?? '', managerId: withRole('manager') ?? withRole('admin') ?? '', userOfTechnician };
}

function calendarsOf(dataset: OrganizationDataset, timezone: string): Map<string, ShiftCalendar> {
  const calendars = new Map<string, ShiftCalendar>();
  for (const availability of dataset.technicianAvailability) {
    const leave = dataset.availabilityExceptions
      .filter((exception) => exception.technicianId === availability.technicianId && !exception.available)
      .map((exception) => ({ start: exception.startsAt.getTime(), end: exception.endsAt.getTime() }));
    calendars.set(
      availability.technicianId,
      new ShiftCalendar(new ZonedClock(availability.timezone ?? timezone), availability.weeklyPattern ?? [], leave),
    );
  }
  return calendars;
}

/** What each technician is already booked for in the generated history and current work. */
function busyIntervals(dataset: OrganizationDataset): Map<string, Interval[]> {
  const busy = new Map<string, Interval[]>();
  for (const row of dataset.workOrders) {
    if (!row.technicianId) continue;
    const list = busy.get(row.technicianId) ?? [];
    if (row.scheduledStartTime && row.scheduledEndTime)
      list.push({ start: row.scheduledStartTime.getTime(), end: row.scheduledEndTime.getTime() });
    if (row.actualStartTime && row.actualEndTime) list.push({ start: row.actualStartTime.getTime(), end: row.actualEndTime.getTime() });
    busy.set(row.technicianId, list);
  }
  return busy;
}

type EquipmentRow = OrganizationDataset['equipment'][number] & { id: string };

/** Equipment passing `test`, by equipment number (the seed gives every row its id). */
const equipmentOf = (builder: Builder, test: (row: EquipmentRow) => boolean): EquipmentRow[] =>
  builder.dataset.equipment
    .filter((row): row is EquipmentRow => row.id !== undefined && test(row as EquipmentRow))
    .sort((a, b) => (a.equipmentNumber ?? '').localeCompare(b.equipmentNumber ?? ''));

function addPlan(
  builder: Builder,
  values: {
    name: string;
    description: string;
    equipmentIds: string[];
    template: WorkOrderTemplate;
    calendar?: CalendarTrigger;
    meter?: MeterTrigger;
    leadDays: number;
    holidayRule: PmPlanRow['holidayRule'];
    createdAt: number;
  },
): PmPlanRow {
  const createdAt = new Date(values.createdAt);
  const row: PmPlanRow = {
    id: randomUUID(),
    organizationId: builder.organizationId,
    name: values.name,
    description: values.description,
    equipmentIds: values.equipmentIds,
    template: values.template,
    calendar: values.calendar ?? null,
    meter: values.meter ?? null,
    leadDays: values.leadDays,
    window: WINDOW,
    holidayRule: values.holidayRule,
    catchUp: 'LATEST',
    status: 'ACTIVE',
    version: 1,
    createdAt,
    updatedAt: createdAt,
    deletedAt: null,
  };
  builder.seed.pmPlans.push(row);
  return row;
}

function addTarget(builder: Builder, plan: PmPlanRow, equipmentId: string, from: string, extra: Partial<Row<typeof pmPlanTargets>> = {}) {
  // Where the generator would start this plan from `from` on (today for a plan just created).
  const start = generator.initialTarget(plan, from);
  builder.seed.pmPlanTargets.push({ planId: plan.id, equipmentId, organizationId: builder.organizationId, ...start, ...extra });
}

/**
 * One occurrence the generator made in the past, and its work order carried out by a qualified
 * technician inside their shifts: on time (before the window ends), late, or still open.
 */
function pastOccurrence(
  builder: Builder,
  plan: PmPlanRow,
  equipmentId: string,
  occurrence: { key: string; due: string; windowEnd: string; generatedAt: number },
  outcome: Outcome,
  workFrom?: number,
): { completedAt: number | null; workOrderId: string } {
  const { seed, random, timezone, now } = builder;
  const template = plan.template;
  const dueAt = endOfLocalDate(occurrence.due, timezone);
  const windowEnd = endOfLocalDate(occurrence.windowEnd, timezone);
  const minutes = template.estimatedDuration ?? 60;
  const id = randomUUID();
  seed.workOrderSeq += 1;
  const number = seed.workOrderSeq;

  let status: WorkOrderStatus = 'OPEN';
  let technicianId: string | null = null;
  let crewTechnicianIds: string[] = [];
  let start: number | null = null;
  let end: number | null = null;
  if (outcome !== 'open') {
    // On time: started up to two days before the due date; late: a week or more after the window.
    const earliest =
      workFrom ??
      (outcome === 'on-time'
        ? startOfLocalDate(addDays(occurrence.due, -random.int(0, 2)), timezone).getTime()
        : windowEnd.getTime() + random.int(3, 9) * DAY);
    const booked = book(builder, template, earliest, minutes);
    if (booked && booked.end < now - 30 * MINUTE && (outcome !== 'on-time' || booked.end <= windowEnd.getTime())) {
      ({ technicianId, crewTechnicianIds, start, end } = booked);
      status = now - end > 7 * DAY ? 'CLOSED' : 'COMPLETED';
    }
  }

  const actualMinutes = start !== null && end !== null ? Math.round((end - start) / MINUTE) : null;
  const technicianUser = technicianId ? (builder.people.userOfTechnician.get(technicianId) ?? null) : null;
  const trail: { to: WorkOrderStatus; at: number; userId: string | null; note?: string }[] = [
    {
      to: 'OPEN',
      at: occurrence.generatedAt,
      userId: null,
      note: `generated by PM plan "${plan.name}" (${occurrence.key}, due ${occurrence.due})`,
    },
  ];
  if (start !== null && end !== null) {
    trail.push({ to: 'SCHEDULED', at: Math.min(occurrence.generatedAt + 2 * HOUR, start), userId: builder.people.plannerId });
    trail.push({ to: 'IN_PROGRESS', at: start, userId: technicianUser });
    trail.push({ to: 'COMPLETED', at: end, userId: technicianUser });
    if (status === 'CLOSED') trail.push({ to: 'CLOSED', at: end + DAY, userId: builder.people.managerId });
  }
  const updatedAt = trail[trail.length - 1]!.at;

  seed.workOrders.push({
    id,
    organizationId: builder.organizationId,
    number,
    workOrderNumber: formatWorkOrderNumber(number),
    title: template.title,
    description: template.description ?? null,
    type: template.type,
    status,
    priority: template.priority,
    dueDate: dueAt,
    requiredSkills: template.requiredSkills,
    estimatedDuration: template.estimatedDuration ?? null,
    scheduledStartTime: start === null ? null : new Date(start),
    scheduledEndTime: start === null ? null : new Date(start + minutes * MINUTE),
    actualStartTime: start === null ? null : new Date(start),
    actualEndTime: end === null ? null : new Date(end),
    actualDuration: actualMinutes,
    technicianId,
    crewTechnicianIds,
    equipmentId,
    requesterId: null,
    pmPlanId: plan.id,
    crewSize: template.crewSize,
    complianceWindowEnd: windowEnd,
    completion: null,
    version: trail.length,
    createdAt: new Date(occurrence.generatedAt),
    updatedAt: new Date(updatedAt),
  });
  let previous: WorkOrderStatus | null = null;
  for (const step of trail) {
    seed.workOrderHistory.push({
      organizationId: builder.organizationId,
      workOrderId: id,
      kind: 'status',
      fromStatus: previous,
      toStatus: step.to,
      note: step.note ?? null,
      userId: step.userId,
      createdAt: new Date(step.at),
    });
    previous = step.to;
  }
  template.tasks.forEach((task, index) => {
    seed.workOrderTasks.push({
      organizationId: builder.organizationId,
      workOrderId: id,
      position: index + 1,
      title: task.title,
      description: task.description ?? null,
      status: end === null ? 'PENDING' : 'DONE',
      estimatedDuration: task.estimatedDuration ?? null,
      actualDuration: end === null ? null : (task.estimatedDuration ?? null),
      assigneeId: technicianId,
      completedAt: end === null ? null : new Date(end),
      createdAt: new Date(occurrence.generatedAt),
      updatedAt: new Date(end ?? occurrence.generatedAt),
    });
  });
  seed.pmOccurrences.push({
    organizationId: builder.organizationId,
    planId: plan.id,
    equipmentId,
    occurrenceKey: occurrence.key,
    dueAt,
    windowEnd,
    workOrderId: id,
    createdAt: new Date(occurrence.generatedAt),
  });
  return { completedAt: end, workOrderId: id };
}

/**
 * Books the template's crew (lead first) at the earliest start from `earliest` when that many
 * qualified technicians are all on shift and free for the whole job; a crew larger than the
 * qualified technicians is as many as there are. Null when nobody is qualified.
 */
function book(builder: Builder, template: WorkOrderTemplate, earliest: number, minutes: number) {
  const qualified = builder.dataset.technicians.flatMap((technician) => {
    const skills = technician.skills ?? [];
    const calendar = technician.id ? builder.calendars.get(technician.id) : undefined;
    const fits = template.requiredSkills.every((required) =>
      skills.some((entry) => entry.skill === required.skill && entry.level >= required.minLevel),
    );
    return fits && calendar && technician.id ? [{ id: technician.id, calendar }] : [];
  });
  if (qualified.length === 0) return null;
  const size = Math.min(template.crewSize, qualified.length);
  // A technician with no room on shift within four weeks never counts as free (Infinity).
  const startFrom = (technician: (typeof qualified)[number], from: number) =>
    technician.calendar.findStartWithin(from, minutes, builder.busy.get(technician.id) ?? []) ?? Infinity;
  let from = earliest;
  let crew = [] as typeof qualified;
  let start = earliest;
  // The size-th earliest start is the first moment a whole crew may be free; if they are not all
  // free then (a shift ends, a booking), look again from just after it. Bounded: a crew that is
  // never free together falls back to the earliest single technician.
  for (let round = 0; round < 200 && crew.length === 0; round++) {
    const byStart = qualified.map((technician) => ({ technician, start: startFrom(technician, from) }));
    byStart.sort((a, b) => a.start - b.start);
    const candidate = byStart[size - 1]!.start;
    if (candidate === Infinity) break;
    const free = byStart.filter((entry) => startFrom(entry.technician, candidate) === candidate);
    if (free.length >= size) [crew, start] = [free.slice(0, size).map((entry) => entry.technician), candidate];
    else from = candidate + 15 * MINUTE;
  }
  if (crew.length === 0) {
    const [first] = qualified
      .map((technician) => ({ technician, start: technician.calendar.findStart(earliest, minutes, builder.busy.get(technician.id) ?? []) }))
      .sort((a, b) => a.start - b.start);
    [crew, start] = [[first!.technician], first!.start];
  }
  const end = start + minutes * MINUTE;
  for (const member of crew) builder.busy.set(member.id, [...(builder.busy.get(member.id) ?? []), { start, end }]);
  return { technicianId: crew[0]!.id, crewTechnicianIds: crew.slice(1).map((member) => member.id), start, end };
}

/** The local date `days` days from today (negative: ago). */
const dayFromToday = (builder: Builder, days: number) => addDays(builder.today, days);

/** The first date from `days` days ahead whose day of the month is at most 28, so monthly and yearly series keep their day. */
function dayOfMonthSafe(builder: Builder, days: number): string {
  let date = dayFromToday(builder, days);
  while (Number(date.slice(8, 10)) > 28) date = addDays(date, 1);
  return date;
}

// ---------------------------------------------------------------------------------------------
// The plans

/**
 * Monthly lubrication (FIXED) of three pumps and two drive motors, started three months ago:
 * three rounds done (one job late, one still open), the fourth due in 3–6 days, which the
 * first generator run makes (7 days' lead).
 */
function lubricationPlan(builder: Builder): void {
  const pumps = equipmentOf(builder, (row) => row.type === 'Pump').slice(0, 3);
  const motors = equipmentOf(builder, (row) => row.type === 'Motor' && (row.name ?? '').startsWith('Drive Motor')).slice(0, 2);
  const equipmentIds = [...pumps, ...motors].map((row) => row.id);
  if (equipmentIds.length === 0) return;
  const next = dayOfMonthSafe(builder, 3);
  const startsOn = addInterval(next, 1, 'MONTH', -3);
  const calendar: CalendarTrigger = { every: 1, unit: 'MONTH', startsOn, mode: 'FIXED' };
  const plan = addPlan(builder, {
    name: 'Monthly bearing lubrication – pumps and drive motors',
    description: 'Regreasing per the bearing manufacturer’s interval; the round moves to the next working day on a public holiday.',
    equipmentIds,
    template: withParts(builder, LUBRICATION, [['Lithium grease EP2, 400 g cartridge', 1]]),
    calendar,
    leadDays: 7,
    holidayRule: 'NEXT_WORKING_DAY',
    createdAt: startOfLocalDate(addDays(startsOn, -14), builder.timezone).getTime() + 10 * HOUR,
  });
  const rule = calendar as CalendarRule;
  equipmentIds.forEach((equipmentId, index) => {
    let lastCompleted: number | null = null;
    let lastGenerated: number | null = null;
    for (let k = 0; k < 3; k++) {
      const nominal = nthOccurrence(rule, k)!;
      const due = applyHolidayRule(nominal, plan.holidayRule, builder.isWorkingDay)!;
      const generatedAt = startOfLocalDate(addDays(nominal, -plan.leadDays), builder.timezone).getTime() + 2 * MINUTE;
      const outcome: Outcome = k === 1 && index === 1 ? 'late' : k === 2 && index === 3 ? 'open' : 'on-time';
      const done = pastOccurrence(
        builder,
        plan,
        equipmentId,
        { key: `cal:${nominal}`, due, windowEnd: windowEndDate(due, intervalDays(rule), plan.window), generatedAt },
        outcome,
      );
      lastGenerated = generatedAt;
      if (done.completedAt !== null) lastCompleted = Math.max(lastCompleted ?? 0, done.completedAt);
    }
    addTarget(builder, plan, equipmentId, builder.today, {
      lastGeneratedAt: lastGenerated === null ? null : new Date(lastGenerated),
      lastCompletedAt: lastCompleted === null ? null : new Date(lastCompleted),
    });
  });
}

/**
 * Quarterly conveyor inspection (FLOATING: the next one three months after the last
 * completion). Each conveyor was last inspected about 87, 79, 71 and 63 days ago, so the next
 * ones fall in under a week, and in about two, three and four weeks.
 */
function conveyorPlan(builder: Builder): void {
  const conveyors = equipmentOf(builder, (row) => row.type === 'Conveyor' && row.criticality !== 'C').slice(0, 4);
  if (conveyors.length === 0) return;
  const startsOn = dayFromToday(builder, -400);
  const calendar: CalendarTrigger = { every: 3, unit: 'MONTH', startsOn, mode: 'FLOATING' };
  const rule = calendar as CalendarRule;
  const plan = addPlan(builder, {
    name: 'Quarterly conveyor inspection',
    description: 'Belt, rollers, pull-cords and drive; due three months after the previous inspection was done.',
    equipmentIds: conveyors.map((row) => row.id),
    template: CONVEYOR_INSPECTION,
    calendar,
    leadDays: 7,
    holidayRule: 'NONE',
    createdAt: startOfLocalDate(startsOn, builder.timezone).getTime() - 20 * DAY,
  });
  conveyors.forEach((conveyor, index) => {
    const completedOn = dayFromToday(builder, -87 + 8 * index);
    const due = addDays(completedOn, 1);
    const generatedAt = startOfLocalDate(addDays(due, -plan.leadDays), builder.timezone).getTime() + 2 * MINUTE;
    const done = pastOccurrence(
      builder,
      plan,
      conveyor.id,
      { key: `cal:${due}`, due, windowEnd: windowEndDate(due, intervalDays(rule), plan.window), generatedAt },
      'on-time',
      startOfLocalDate(completedOn, builder.timezone).getTime(),
    );
    const finished = done.completedAt === null ? completedOn : localDateOf(new Date(done.completedAt), builder.timezone);
    // The generator, told of the completion, would count the next due date from it.
    addTarget(builder, plan, conveyor.id, nextFloating(rule, finished) ?? builder.today, {
      lastGeneratedAt: new Date(generatedAt),
      lastCompletedAt: done.completedAt === null ? null : new Date(done.completedAt),
    });
  });
}

/**
 * The yearly statutory forklift inspection, as an RRULE on one fixed day of the year 24–27
 * days from now: last year's was done; this year's shows in the forecast and is generated 21
 * days ahead.
 */
function forkliftPlan(builder: Builder): void {
  const forklifts = equipmentOf(builder, (row) => row.type === 'Forklift');
  if (forklifts.length === 0) return;
  const next = dayOfMonthSafe(builder, 24);
  const previous = addInterval(next, 1, 'YEAR', -1);
  const [month, day] = [Number(next.slice(5, 7)), Number(next.slice(8, 10))];
  const calendar: CalendarTrigger = {
    rrule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`,
    startsOn: `${previous.slice(0, 4)}-01-01`,
    mode: 'FIXED',
  };
  const rule = calendar as CalendarRule;
  const plan = addPlan(builder, {
    name: 'Annual forklift safety inspection',
    description: 'Statutory inspection of industrial trucks (DGUV Vorschrift 68), once a year on the plant’s inspection day.',
    equipmentIds: forklifts.map((row) => row.id),
    template: FORKLIFT_SAFETY,
    calendar,
    leadDays: 21,
    holidayRule: 'NEXT_WORKING_DAY',
    createdAt: startOfLocalDate(`${previous.slice(0, 4)}-01-01`, builder.timezone).getTime() - 30 * DAY,
  });
  for (const forklift of forklifts) {
    const due = applyHolidayRule(previous, plan.holidayRule, builder.isWorkingDay)!;
    const generatedAt = startOfLocalDate(addDays(previous, -plan.leadDays), builder.timezone).getTime() + 2 * MINUTE;
    const done = pastOccurrence(
      builder,
      plan,
      forklift.id,
      { key: `cal:${previous}`, due, windowEnd: windowEndDate(due, intervalDays(rule), plan.window), generatedAt },
      'on-time',
    );
    addTarget(builder, plan, forklift.id, builder.today, {
      lastGeneratedAt: new Date(generatedAt),
      lastCompletedAt: done.completedAt === null ? null : new Date(done.completedAt),
    });
  }
}

/**
 * The main air compressor's operating-hours counter, read every hour for 90 days (it runs one
 * shift on working days, about 7 h a day), with a service every 500 h: one mark was passed about
 * a month ago (serviced), the next is about a month ahead. Its motor has a bearing temperature
 * gauge, read every 4 hours, with a condition plan above 85 °C that has not fired.
 */
function compressorPlans(builder: Builder): void {
  const compressor = equipmentOf(builder, (row) => row.type === 'Compressor' && row.criticality === 'A')[0];
  if (!compressor) return;
  const { seed, timezone, now, random } = builder;
  const clock = new ZonedClock(timezone);
  const meterId = randomUUID();
  const firstHour = Math.floor((now - 90 * DAY) / HOUR) * HOUR;
  const lastHour = Math.floor(now / HOUR) * HOUR;
  const startValue = 18_240;
  // The last service was 100 h before the readings start: the 500 h mark falls two months in.
  const startsAt = startValue - 100;
  const every = 500;
  const mark = startsAt + every;
  let value = startValue;
  let crossing: { id: string; at: number } | null = null;
  for (let hour = firstHour; hour <= lastHour; hour += HOUR) {
    const local = clock.localDay(hour);
    const minute = Math.round((hour - clock.instantAt(local, 0)) / MINUTE);
    const weekday = ZonedClock.weekday(local);
    const date = localDateOf(new Date(hour), timezone);
    // The counter value at `hour` counts the running hour before it (06:00–16:00 on working days).
    const previousHourMinute = minute - 60;
    if (hour > firstHour && weekday <= 5 && builder.isWorkingDay(date) && previousHourMinute >= 6 * 60 && previousHourMinute < 16 * 60)
      value += 1;
    const id = randomUUID();
    seed.meterReadings.push({
      id,
      organizationId: builder.organizationId,
      meterId,
      value,
      readAt: new Date(hour),
      replacement: false,
      createdAt: new Date(hour),
    });
    if (!crossing && value >= mark) crossing = { id, at: hour };
  }
  seed.meters.push({
    id: meterId,
    organizationId: builder.organizationId,
    equipmentId: compressor.id,
    name: 'Operating hours',
    unit: 'h',
    kind: 'COUNTER',
    lastValue: value,
    lastReadAt: new Date(lastHour),
    createdAt: new Date(firstHour - DAY),
  });
  const plan = addPlan(builder, {
    name: 'Compressor 500 h service',
    description: 'Manufacturer’s service interval: every 500 operating hours, read from the compressor controller every hour.',
    equipmentIds: [compressor.id],
    template: withParts(builder, COMPRESSOR_SERVICE, [
      ['Compressor air filter element', 1],
      ['Compressor oil filter', 1],
    ]),
    meter: { meterId, every, startsAt },
    leadDays: 0,
    holidayRule: 'NEXT_WORKING_DAY',
    createdAt: firstHour - DAY,
  });
  let meterBase = startsAt;
  const extra: Partial<Row<typeof pmPlanTargets>> = {};
  if (crossing) {
    // What the generator did on that reading: one work order, due that day, the base on the mark.
    const nominal = localDateOf(new Date(crossing.at), timezone);
    const due = applyHolidayRule(nominal, plan.holidayRule, builder.isWorkingDay)!;
    const done = pastOccurrence(
      builder,
      plan,
      compressor.id,
      { key: `meter:${mark}:${crossing.id}`, due, windowEnd: addDays(due, plan.window.graceMaxDays), generatedAt: crossing.at + MINUTE },
      'on-time',
      crossing.at + random.int(1, 3) * DAY,
    );
    meterBase = mark;
    extra.lastGeneratedAt = new Date(crossing.at + MINUTE);
    if (done.completedAt !== null) extra.lastCompletedAt = new Date(done.completedAt);
  }
  addTarget(builder, plan, compressor.id, builder.today, { meterBase, ...extra });

  const motor = equipmentOf(builder, (row) => row.parentId === compressor.id && row.type === 'Motor')[0] ?? compressor;
  const gaugeId = randomUUID();
  const gaugeFirst = Math.floor((now - 30 * DAY) / (4 * HOUR)) * 4 * HOUR;
  let temperature = 0;
  let lastRead = gaugeFirst;
  for (let at = gaugeFirst; at <= now; at += 4 * HOUR) {
    const localMinute = Math.round((at - clock.instantAt(clock.localDay(at), 0)) / MINUTE);
    const running = ZonedClock.weekday(clock.localDay(at)) <= 5 && localMinute >= 6 * 60 && localMinute < 16 * 60;
    temperature = Math.round(((running ? 62 : 31) + random.float(-2.5, 2.5)) * 10) / 10;
    seed.meterReadings.push({
      organizationId: builder.organizationId,
      meterId: gaugeId,
      value: temperature,
      readAt: new Date(at),
      replacement: false,
      createdAt: new Date(at),
    });
    lastRead = at;
  }
  seed.meters.push({
    id: gaugeId,
    organizationId: builder.organizationId,
    equipmentId: motor.id,
    name: 'Bearing temperature',
    unit: '°C',
    kind: 'GAUGE',
    lastValue: temperature,
    lastReadAt: new Date(lastRead),
    createdAt: new Date(gaugeFirst - DAY),
  });
  const gaugePlan = addPlan(builder, {
    name: 'High bearing temperature – compressor motor',
    description: 'Condition monitoring: a work order as soon as the bearing temperature goes above 85 °C.',
    equipmentIds: [motor.id],
    template: TEMPERATURE_CHECK,
    meter: { meterId: gaugeId, above: 85 },
    leadDays: 0,
    holidayRule: 'NONE',
    createdAt: gaugeFirst - DAY,
  });
  addTarget(builder, gaugePlan, motor.id, builder.today);
}
