import { randomUUID } from 'node:crypto';
import type { Criticality } from '@msched/contracts';
import type {
  availabilityExceptions,
  equipment,
  locations,
  parts,
  siteTravelTimes,
  technicianAvailability,
  technicians,
  users,
} from '../schema';
import {
  type EquipmentBlueprint,
  DEMO_SITES,
  DEMO_SITE_TRAVEL_MINUTES,
  FIRST_NAMES,
  LAST_NAMES,
  LINE_BLUEPRINTS,
  LINE_NAMES,
  type LineKind,
  SHIFT_PATTERNS,
  SITE_POOL,
  TECHNICIAN_PROFILES,
  UTILITY_BLUEPRINTS,
  WAREHOUSE_BLUEPRINTS,
} from './catalog';
import { EQUIPMENT_TYPES, type EquipmentType, type EquipmentTypeSpec } from './equipment-types';
import { type PartSpec, REPAIR_PARTS, SERVICE_PARTS } from './parts-catalog';
import type { Random } from './random';
import { DAY, type Interval, ShiftCalendar, type ZonedClock } from './shift-calendar';

/** What every generator step needs: the organization, its clock and a reproducible dice. */
export type SeedContext = {
  random: Random;
  now: number;
  organizationId: string;
  clock: ZonedClock;
  /** Users are `admin@<emailDomain>`, `tech1@<emailDomain>` …; unique across organizations. */
  emailDomain: string;
  passwordHash: string;
  /** The demo keeps its published site names; other plants draw theirs. */
  demoSites: boolean;
};

export type EquipmentRecord = {
  row: typeof equipment.$inferInsert & { id: string };
  type: EquipmentType;
  spec: EquipmentTypeSpec;
  criticality: Criticality;
  siteIndex: number;
  /** A part of a larger machine (a conveyor's motor); maintained with its parent. */
  isComponent: boolean;
  /** Relative chance of failing; a few "bad actors" get far more. */
  failureWeight: number;
};

export type TechnicianRecord = {
  id: string;
  userId: string;
  siteIndex: number;
  skills: ReadonlyMap<string, number>;
  calendar: ShiftCalendar;
};

export type PartRecord = {
  row: typeof parts.$inferInsert & { id: string };
  fits: readonly (EquipmentType | '*')[];
  service: boolean;
  /** Stock left once all generated work has drawn on it. */
  finalOnHand: number;
};

export type PlantAssets = {
  locations: (typeof locations.$inferInsert)[];
  /** The demo's travel times between its sites (none for other plants). */
  siteTravelTimes: (typeof siteTravelTimes.$inferInsert)[];
  equipment: EquipmentRecord[];
  technicians: TechnicianRecord[];
  technicianRows: (typeof technicians.$inferInsert)[];
  availabilityRows: (typeof technicianAvailability.$inferInsert)[];
  exceptionRows: (typeof availabilityExceptions.$inferInsert)[];
  users: (typeof users.$inferInsert)[];
  parts: PartRecord[];
  people: { adminId: string; managerId: string; plannerId: string; requesterId: string };
};

const SITE_COUNT = 3;

export function buildPlantAssets(context: SeedContext): PlantAssets {
  const { random } = context;
  const sites = context.demoSites ? DEMO_SITES : random.sample(SITE_POOL, SITE_COUNT);
  const people = {
    adminId: randomUUID(),
    managerId: randomUUID(),
    plannerId: randomUUID(),
    requesterId: randomUUID(),
  };
  const locationRows: (typeof locations.$inferInsert)[] = [];
  const equipmentRecords: EquipmentRecord[] = [];
  const siteIds: string[] = [];
  const storeIds: string[] = [];
  const addLocation = (row: Omit<typeof locations.$inferInsert, 'id' | 'organizationId'>) => {
    const id = randomUUID();
    locationRows.push({ id, organizationId: context.organizationId, ...row });
    return id;
  };

  sites.forEach(([city, code], siteIndex) => {
    const siteId = addLocation({ name: `${city} Plant`, code, kind: 'SITE' });
    siteIds.push(siteId);
    const production = addLocation({ parentId: siteId, name: 'Production Hall', code: `${code}-PRD`, kind: 'AREA' });
    const utilities = addLocation({ parentId: siteId, name: 'Utilities', code: `${code}-UTL`, kind: 'AREA' });
    const warehouse = addLocation({ parentId: siteId, name: 'Warehouse', code: `${code}-WH`, kind: 'AREA' });
    storeIds.push(warehouse);
    const lineKinds = random.sample(Object.keys(LINE_BLUEPRINTS) as LineKind[], 2);
    lineKinds.forEach((kind, lineIndex) => {
      const lineCode = `${code}-L${lineIndex + 1}`;
      const lineId = addLocation({
        parentId: production,
        name: `${LINE_NAMES[kind]} ${lineIndex + 1}`,
        code: lineCode,
        kind: 'LINE',
      });
      placeEquipment(context, equipmentRecords, LINE_BLUEPRINTS[kind], lineId, lineCode, siteIndex, people.managerId);
    });
    placeEquipment(context, equipmentRecords, UTILITY_BLUEPRINTS, utilities, code, siteIndex, people.managerId);
    placeEquipment(context, equipmentRecords, WAREHOUSE_BLUEPRINTS, warehouse, code, siteIndex, people.managerId);
  });
  markBadActors(random, equipmentRecords);

  const crew = buildCrew(context, siteIds);
  const userRow = (id: string, local: string, name: string, roles: ('admin' | 'manager' | 'planner' | 'requester')[]) => ({
    id,
    organizationId: context.organizationId,
    email: `${local}@${context.emailDomain}`,
    name,
    passwordHash: context.passwordHash,
    roles,
  });
  const userRows: (typeof users.$inferInsert)[] = [
    userRow(people.adminId, 'admin', 'Ada Admin', ['admin']),
    userRow(people.managerId, 'manager', 'Max Manager', ['manager']),
    userRow(people.plannerId, 'planner', 'Pia Planner', ['planner']),
    ...crew.users,
    userRow(people.requesterId, 'requester', 'Rita Requester', ['requester']),
  ];

  const siteByCode = new Map(sites.map(([, code], index) => [code, siteIds[index]!]));
  const siteTravel = context.demoSites
    ? DEMO_SITE_TRAVEL_MINUTES.map(([from, to, minutes]) => {
        const [siteAId, siteBId] = [siteByCode.get(from)!, siteByCode.get(to)!].sort() as [string, string];
        return { organizationId: context.organizationId, siteAId, siteBId, minutes };
      })
    : [];
  return {
    locations: locationRows,
    siteTravelTimes: siteTravel,
    equipment: equipmentRecords,
    ...crew,
    users: userRows,
    parts: buildPartsStore(context, storeIds),
    people,
  };
}

function placeEquipment(
  context: SeedContext,
  records: EquipmentRecord[],
  blueprints: readonly EquipmentBlueprint[],
  locationId: string,
  labelSuffix: string,
  siteIndex: number,
  managerId: string,
  parent?: EquipmentRecord,
): void {
  const { random } = context;
  for (const blueprint of blueprints) {
    if (blueprint.presence !== undefined && !random.chance(blueprint.presence)) continue;
    const spec: EquipmentTypeSpec = EQUIPMENT_TYPES[blueprint.type];
    const [manufacturer, models] = random.pick(spec.manufacturers);
    const installed = new Date(context.now - random.int(1, 15) * 365 * DAY - random.int(0, 364) * DAY);
    const name = parent ? `${blueprint.name} – ${parent.row.name}` : `${blueprint.name} ${labelSuffix}`;
    const record: EquipmentRecord = {
      row: {
        id: randomUUID(),
        organizationId: context.organizationId,
        equipmentNumber: `EQ-${1001 + records.length}`,
        name,
        type: blueprint.type,
        criticality: blueprint.criticality,
        locationId,
        parentId: parent?.row.id ?? null,
        maintenanceManagerId: managerId,
        manufacturer,
        model: random.pick(models),
        serialNumber: `${manufacturer.slice(0, 3).toUpperCase()}-${installed.getUTCFullYear()}-${random.int(10_000, 99_999)}`,
        installDate: installed,
        description: parent ? `Component of ${parent.row.name}.` : `${blueprint.type}, installed ${installed.getUTCFullYear()}.`,
      },
      type: blueprint.type,
      spec,
      criticality: blueprint.criticality,
      siteIndex,
      isComponent: parent !== undefined,
      failureWeight: spec.failureRate * random.lognormal(1, 0.5),
    };
    records.push(record);
    if (blueprint.children) {
      placeEquipment(context, records, blueprint.children, locationId, labelSuffix, siteIndex, managerId, record);
    }
  }
}

/** Real plants have a few machines that cause much of the corrective work. */
function markBadActors(random: Random, records: EquipmentRecord[]): void {
  const candidates = records.filter((record) => !record.isComponent && record.spec.failureRate >= 1.3);
  for (const record of random.sample(candidates, 4)) record.failureWeight *= random.float(3, 5);
}

function buildCrew(context: SeedContext, siteIds: readonly string[]) {
  const { random, organizationId, clock } = context;
  const firstNames = random.sample(FIRST_NAMES, TECHNICIAN_PROFILES.length);
  const lastNames = random.sample(LAST_NAMES, TECHNICIAN_PROFILES.length);
  const absences = plannedAbsences(context);
  const technicianRecords: TechnicianRecord[] = [];
  const technicianRows: (typeof technicians.$inferInsert)[] = [];
  const availabilityRows: (typeof technicianAvailability.$inferInsert)[] = [];
  const exceptionRows: (typeof availabilityExceptions.$inferInsert)[] = [];
  const userRows: (typeof users.$inferInsert)[] = [];

  TECHNICIAN_PROFILES.forEach((profile, index) => {
    const id = randomUUID();
    const userId = randomUUID();
    const firstName = firstNames[index] ?? 'Alex';
    const lastName = lastNames[index] ?? 'Smith';
    const email = `tech${index + 1}@${context.emailDomain}`;
    const siteIndex = index % siteIds.length;
    const weeklyPattern = [...SHIFT_PATTERNS[profile.shift]];
    const ownAbsences = absences.filter((absence) => absence.technicianIndex === index);
    technicianRows.push({
      id,
      organizationId,
      employeeId: `T-${String(index + 1).padStart(3, '0')}`,
      firstName,
      lastName,
      email,
      phone: `+49 40 5550 ${String(random.int(1000, 9999))}`,
      skills: [...profile.skills],
      hourlyRate: profile.hourlyRate,
      homeLocationId: siteIds[siteIndex] ?? null,
    });
    availabilityRows.push({ technicianId: id, organizationId, timezone: clock.timezone, weeklyPattern });
    for (const absence of ownAbsences) {
      exceptionRows.push({
        organizationId,
        technicianId: id,
        startsAt: new Date(absence.start),
        endsAt: new Date(absence.end),
        available: absence.available,
        reason: absence.reason,
      });
    }
    userRows.push({
      id: userId,
      organizationId,
      email,
      name: `${firstName} ${lastName}`,
      passwordHash: context.passwordHash,
      roles: ['technician'],
      technicianId: id,
    });
    const unavailable = ownAbsences.filter((absence) => !absence.available);
    technicianRecords.push({
      id,
      userId,
      siteIndex,
      skills: new Map(profile.skills.map((entry) => [entry.skill, entry.level])),
      calendar: new ShiftCalendar(clock, weeklyPattern, unavailable),
    });
  });
  return { technicians: technicianRecords, technicianRows, availabilityRows, exceptionRows, users: userRows };
}

type Absence = Interval & { technicianIndex: number; available: boolean; reason: string };

/** Leave and training around today, in whole local days, so planners see gaps in the schedule. */
function plannedAbsences(context: SeedContext): Absence[] {
  const { random, clock } = context;
  const today = clock.localDay(context.now);
  const [onLeave, nextLeave, training, pastTraining, overtime] = random.sample(
    TECHNICIAN_PROFILES.map((_, index) => index),
    5,
  );
  const days = (technicianIndex: number | undefined, from: number, count: number, reason: string, available = false) =>
    technicianIndex === undefined
      ? []
      : [{ technicianIndex, start: clock.instantAt(today + from, 0), end: clock.instantAt(today + from + count, 0), available, reason }];
  return [
    ...days(onLeave, -random.int(1, 3), random.int(5, 9), 'Annual leave'),
    ...days(nextLeave, random.int(5, 7), random.int(5, 10), 'Annual leave'),
    ...days(training, random.int(1, 4), 1, 'Training: electrical safety refresher'),
    ...days(pastTraining, -random.int(8, 12), 2, 'Training: PLC programming course'),
    ...days(overtime, random.int(3, 6), 1, 'Overtime: shutdown work', true),
  ];
}

function buildPartsStore(context: SeedContext, storeIds: readonly string[]): PartRecord[] {
  const { random } = context;
  const specs: (readonly [PartSpec, boolean])[] = [
    ...REPAIR_PARTS.map((spec) => [spec, false] as const),
    ...SERVICE_PARTS.map((spec) => [spec, true] as const),
  ];
  return specs.map(([[name, unit, baseCost, fits], service], index) => {
    const bulk = unit === 'l' || unit === 'm';
    const reorderPoint = bulk
      ? random.int(10, 40)
      : baseCost < 20
        ? random.int(8, 25)
        : baseCost < 200
          ? random.int(2, 8)
          : random.int(1, 2);
    // About one part in six is at or below its reorder point, so the low-stock view has content.
    const finalOnHand = random.chance(0.16) ? random.int(0, reorderPoint - 1) : reorderPoint + random.int(1, reorderPoint * 3);
    return {
      row: {
        id: randomUUID(),
        organizationId: context.organizationId,
        partNumber: `P-${10_001 + index}`,
        name,
        description: fits.includes('*') ? 'General spare.' : `Fits: ${fits.join(', ')}.`,
        unitCost: Math.round(baseCost * random.lognormal(1, 0.05) * 100) / 100,
        onHand: finalOnHand,
        reserved: 0,
        reorderPoint,
        unit,
        locationId: storeIds[0] ?? null,
      },
      fits,
      service,
      finalOnHand,
    };
  });
}
