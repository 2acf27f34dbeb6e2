import type { Criticality } from '@msched/contracts';
import type { ShiftJson, SkillLevelJson } from '../schema';

/** What a kind of equipment is like: who builds it, who repairs it, and how often it fails. */
export type EquipmentTypeSpec = {
  manufacturers: readonly (readonly [manufacturer: string, models: readonly string[]])[];
  /** Trade for mechanical faults and routine maintenance. */
  mechanicalTrade: string;
  /** Trade for faults in drives, controls and sensors. */
  electricalTrade: string;
  /** Trade for leaks, when it is not the mechanical one (hydraulic oil, refrigerant). */
  leakTrade?: string;
  failureModes: readonly string[];
  /** Relative failures per year; the corrective work is shared out by these. */
  failureRate: number;
  /** Median hands-on minutes of a repair. */
  repairMinutes: number;
  /** Gets vibration analysis or thermography on a schedule. */
  rotating: boolean;
};

export const EQUIPMENT_TYPES = {
  Pump: {
    manufacturers: [['Grundfos', ['CR 32-2', 'NB 65-200/219']], ['KSB', ['Etanorm 080-200', 'Multitec 50']], ['Wilo', ['Helix V 1605']]],
    mechanicalTrade: 'mechanical', electricalTrade: 'electrical',
    failureModes: ['ELP', 'VIB', 'NOI', 'LOO', 'BRD', 'OHE'], failureRate: 1.6, repairMinutes: 180, rotating: true,
  },
  Motor: {
    manufacturers: [['Siemens', ['SIMOTICS GP 1LE1003', 'SIMOTICS SD 1LE1503']], ['ABB', ['M3BP 160MLA 4', 'M2BAX 132SMB']], ['WEG', ['W22 IE3 132M']]],
    mechanicalTrade: 'mechanical', electricalTrade: 'electrical',
    failureModes: ['OHE', 'VIB', 'FTS', 'BRD', 'NOI'], failureRate: 0.9, repairMinutes: 150, rotating: true,
  },
  Gearbox: {
    manufacturers: [['SEW-Eurodrive', ['R47 DRN80M4', 'K67 DRN100L4']], ['Flender', ['H2SH 5']], ['NORD', ['SK 9032.1']]],
    mechanicalTrade: 'mechanical', electricalTrade: 'mechanical',
    failureModes: ['VIB', 'NOI', 'ELU', 'OHE', 'BRD'], failureRate: 0.7, repairMinutes: 240, rotating: true,
  },
  Compressor: {
    manufacturers: [['Atlas Copco', ['GA 37 VSD+', 'GA 55']], ['Kaeser', ['ASD 40 SFC', 'BSD 72']], ['BOGE', ['S 75-4']]],
    mechanicalTrade: 'pneumatics', electricalTrade: 'electrical',
    failureModes: ['OHE', 'ELU', 'LOO', 'VIB', 'FTS'], failureRate: 1.4, repairMinutes: 180, rotating: true,
  },
  Conveyor: {
    manufacturers: [['Interroll', ['Modular Conveyor Platform', 'RollerDrive EC5000']], ['FlexLink', ['X85']], ['Bosch Rexroth', ['VarioFlow plus']]],
    mechanicalTrade: 'mechanical', electricalTrade: 'electrical',
    failureModes: ['BRD', 'NOI', 'VIB', 'UST', 'STD'], failureRate: 2.0, repairMinutes: 120, rotating: false,
  },
  Boiler: {
    manufacturers: [['Viessmann', ['Vitomax 200-HS', 'Vitoplex 300']], ['Bosch Industriekessel', ['Universal UL-S 3000']], ['Buderus', ['Logano SK755']]],
    mechanicalTrade: 'mechanical', electricalTrade: 'instrumentation', leakTrade: 'welding',
    failureModes: ['ELP', 'AIR', 'FTS', 'PDE', 'STD'], failureRate: 0.6, repairMinutes: 240, rotating: false,
  },
  'CNC Machine': {
    manufacturers: [['DMG MORI', ['DMU 50', 'NLX 2500']], ['Hermle', ['C 42 U']], ['Mazak', ['VARIAXIS i-700']], ['Haas', ['VF-2SS']]],
    mechanicalTrade: 'mechanical', electricalTrade: 'plc',
    failureModes: ['ERO', 'BRD', 'UST', 'PDE', 'OHE', 'VIB'], failureRate: 1.8, repairMinutes: 210, rotating: false,
  },
  Press: {
    manufacturers: [['Schuler', ['MSP 400', 'MSD 250']], ['Bruderer', ['BSTA 510']], ['LASCO', ['HO 400']]],
    mechanicalTrade: 'hydraulics', electricalTrade: 'plc',
    failureModes: ['ELU', 'BRD', 'PDE', 'UST', 'OHE'], failureRate: 1.5, repairMinutes: 200, rotating: false,
  },
  HVAC: {
    manufacturers: [['Trane', ['IntelliPak SAH']], ['Daikin', ['Professional D-AHU']], ['Wolf', ['KG Top 4000']]],
    mechanicalTrade: 'hvac', electricalTrade: 'electrical',
    failureModes: ['LOO', 'NOI', 'VIB', 'FTS', 'OHE'], failureRate: 0.8, repairMinutes: 120, rotating: true,
  },
  Forklift: {
    manufacturers: [['Linde', ['E20 PH', 'H25D']], ['Jungheinrich', ['EFG 216k', 'ETV 214']], ['STILL', ['RX 20-16']]],
    mechanicalTrade: 'hydraulics', electricalTrade: 'electrical',
    failureModes: ['ELU', 'BRD', 'FTS', 'NOI'], failureRate: 1.3, repairMinutes: 90, rotating: false,
  },
  Chiller: {
    manufacturers: [['Carrier', ['30XW-V 0512']], ['Trane', ['RTAF 175']], ['Daikin', ['EWAD-TZ 300']]],
    mechanicalTrade: 'refrigeration', electricalTrade: 'electrical', leakTrade: 'refrigeration',
    failureModes: ['LOO', 'ELP', 'OHE', 'FTS', 'AIR'], failureRate: 0.9, repairMinutes: 200, rotating: true,
  },
  Generator: {
    manufacturers: [['Caterpillar', ['C18 GC']], ['Cummins', ['C1100 D5']], ['MTU', ['16V2000 DS1250']]],
    mechanicalTrade: 'mechanical', electricalTrade: 'electrical',
    failureModes: ['FTS', 'OHE', 'ERO', 'ELU'], failureRate: 0.4, repairMinutes: 180, rotating: true,
  },
  'Packaging Machine': {
    manufacturers: [['Syntegon', ['Pack 202', 'Sigpack TTM']], ['Krones', ['Variopac Pro']], ['MULTIVAC', ['R 245']]],
    mechanicalTrade: 'pneumatics', electricalTrade: 'plc',
    failureModes: ['UST', 'ERO', 'BRD', 'PDE', 'NOI'], failureRate: 2.4, repairMinutes: 100, rotating: false,
  },
} as const satisfies Record<string, EquipmentTypeSpec>;

export type EquipmentType = keyof typeof EQUIPMENT_TYPES;

export const equipmentTypeSpec = (type: EquipmentType): EquipmentTypeSpec => EQUIPMENT_TYPES[type];

/** One machine in a layout template; children are its components (a conveyor's drive, say). */
export type EquipmentBlueprint = {
  type: EquipmentType;
  name: string;
  criticality: Criticality;
  /** Share of plants that have it; absent means every plant. */
  presence?: number;
  children?: readonly EquipmentBlueprint[];
};

const conveyorDrive = (withGearbox: boolean): EquipmentBlueprint[] => [
  { type: 'Motor', name: 'Drive Motor', criticality: 'B' },
  ...(withGearbox ? [{ type: 'Gearbox', name: 'Gearbox', criticality: 'B' } as const] : []),
];

export type LineKind = 'machining' | 'assembly' | 'packaging';

export const LINE_NAMES: Record<LineKind, string> = {
  machining: 'Machining Line',
  assembly: 'Assembly Line',
  packaging: 'Packaging Line',
};

export const LINE_BLUEPRINTS: Record<LineKind, readonly EquipmentBlueprint[]> = {
  machining: [
    { type: 'CNC Machine', name: '5-Axis Machining Centre', criticality: 'A' },
    { type: 'CNC Machine', name: 'CNC Lathe', criticality: 'A', presence: 0.7 },
    { type: 'Press', name: 'Hydraulic Press', criticality: 'B' },
    { type: 'Conveyor', name: 'Chip Conveyor', criticality: 'C', children: conveyorDrive(false) },
    { type: 'Pump', name: 'Coolant Pump', criticality: 'C' },
  ],
  assembly: [
    { type: 'Press', name: 'Servo Press', criticality: 'A' },
    { type: 'Conveyor', name: 'Assembly Conveyor', criticality: 'A', children: conveyorDrive(true) },
    { type: 'Conveyor', name: 'Outfeed Conveyor', criticality: 'B', presence: 0.6, children: conveyorDrive(false) },
    { type: 'Pump', name: 'Hydraulic Power Unit Pump', criticality: 'B' },
  ],
  packaging: [
    { type: 'Packaging Machine', name: 'Flow Wrapper', criticality: 'A' },
    { type: 'Packaging Machine', name: 'Case Packer', criticality: 'B', presence: 0.7 },
    { type: 'Conveyor', name: 'Infeed Conveyor', criticality: 'A', children: conveyorDrive(true) },
    { type: 'Conveyor', name: 'Palletizer Conveyor', criticality: 'B', presence: 0.6, children: conveyorDrive(false) },
  ],
};

export const UTILITY_BLUEPRINTS: readonly EquipmentBlueprint[] = [
  { type: 'Compressor', name: 'Main Air Compressor', criticality: 'A', children: [{ type: 'Motor', name: 'Compressor Motor', criticality: 'A' }] },
  { type: 'Compressor', name: 'Standby Air Compressor', criticality: 'C', presence: 0.5 },
  { type: 'Boiler', name: 'Steam Boiler', criticality: 'A', presence: 0.7 },
  { type: 'Chiller', name: 'Process Chiller', criticality: 'A', presence: 0.7 },
  { type: 'HVAC', name: 'Air Handling Unit', criticality: 'B' },
  { type: 'Generator', name: 'Emergency Generator', criticality: 'A', presence: 0.5 },
  { type: 'Pump', name: 'Cooling Water Pump', criticality: 'B', presence: 0.6 },
];

export const WAREHOUSE_BLUEPRINTS: readonly EquipmentBlueprint[] = [
  { type: 'Forklift', name: 'Forklift 1', criticality: 'B' },
  { type: 'Forklift', name: 'Forklift 2', criticality: 'C', presence: 0.5 },
];

/** Plant sites: name and a short code for location and equipment labels. */
export const DEMO_SITES: readonly (readonly [string, string])[] = [
  ['Hamburg', 'HAM'],
  ['Leipzig', 'LEJ'],
  ['Stuttgart', 'STR'],
];

export const SITE_POOL: readonly (readonly [string, string])[] = [
  ...DEMO_SITES,
  ['Bremen', 'BRE'], ['Dortmund', 'DTM'], ['Nuremberg', 'NUE'], ['Hanover', 'HAJ'], ['Dresden', 'DRS'],
  ['Cologne', 'CGN'], ['Munich', 'MUC'], ['Rotterdam', 'RTM'], ['Lyon', 'LYS'], ['Brno', 'BRQ'],
  ['Graz', 'GRZ'], ['Linz', 'LNZ'], ['Poznan', 'POZ'], ['Gdansk', 'GDN'], ['Bilbao', 'BIO'],
];

export const FIRST_NAMES = [
  'Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Sophie', 'Maximilian', 'Marie', 'Paul', 'Laura',
  'Leon', 'Julia', 'Tim', 'Sarah', 'Niklas', 'Hannah', 'Ahmet', 'Elif', 'Marek', 'Katarzyna',
  'Luca', 'Giulia', 'Daniel', 'Nina', 'Stefan', 'Sandra', 'Thomas', 'Petra', 'Jan', 'Mila',
] as const;

export const LAST_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz',
  'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun',
  'Krüger', 'Hartmann', 'Yilmaz', 'Kowalski', 'Novak', 'Rossi', 'Lange', 'Werner', 'Krause', 'Lehmann',
] as const;

const weekdays = (days: readonly number[], start: string, end: string): ShiftJson[] =>
  days.map((weekday) => ({ weekday, start, end }));

export const SHIFT_PATTERNS = {
  day: weekdays([1, 2, 3, 4, 5], '07:00', '15:30'),
  late: weekdays([1, 2, 3, 4, 5], '14:00', '22:00'),
  fourByTen: weekdays([1, 2, 3, 4], '06:00', '16:30'),
  // Weekend cover: Friday to Monday, ten hours each.
  weekendFourByTen: weekdays([5, 6, 7, 1], '06:00', '16:30'),
  weekendSplit: [...weekdays([3, 4, 5], '07:00', '15:30'), ...weekdays([6, 7], '07:00', '19:00')],
} as const satisfies Record<string, readonly ShiftJson[]>;

/** The twelve crafts of the maintenance crew: every skill work orders ask for is covered. */
export const TECHNICIAN_PROFILES: readonly {
  skills: readonly SkillLevelJson[];
  shift: keyof typeof SHIFT_PATTERNS;
  hourlyRate: number;
}[] = [
  { skills: [{ skill: 'mechanical', level: 5 }, { skill: 'hydraulics', level: 4 }, { skill: 'welding', level: 3 }, { skill: 'pneumatics', level: 3 }], shift: 'day', hourlyRate: 62 },
  { skills: [{ skill: 'electrical', level: 5 }, { skill: 'plc', level: 4 }, { skill: 'instrumentation', level: 3 }], shift: 'day', hourlyRate: 65 },
  { skills: [{ skill: 'mechanical', level: 4 }, { skill: 'pneumatics', level: 3 }, { skill: 'hydraulics', level: 2 }], shift: 'late', hourlyRate: 48 },
  { skills: [{ skill: 'electrical', level: 4 }, { skill: 'instrumentation', level: 2 }, { skill: 'mechanical', level: 2 }], shift: 'day', hourlyRate: 50 },
  { skills: [{ skill: 'hvac', level: 5 }, { skill: 'refrigeration', level: 4 }, { skill: 'electrical', level: 2 }], shift: 'late', hourlyRate: 58 },
  { skills: [{ skill: 'plc', level: 5 }, { skill: 'electrical', level: 4 }, { skill: 'instrumentation', level: 4 }], shift: 'day', hourlyRate: 70 },
  { skills: [{ skill: 'welding', level: 5 }, { skill: 'mechanical', level: 3 }], shift: 'fourByTen', hourlyRate: 52 },
  { skills: [{ skill: 'hydraulics', level: 5 }, { skill: 'pneumatics', level: 4 }, { skill: 'mechanical', level: 3 }], shift: 'late', hourlyRate: 56 },
  { skills: [{ skill: 'instrumentation', level: 5 }, { skill: 'electrical', level: 3 }, { skill: 'plc', level: 2 }], shift: 'day', hourlyRate: 60 },
  { skills: [{ skill: 'mechanical', level: 2 }, { skill: 'electrical', level: 1 }, { skill: 'pneumatics', level: 1 }], shift: 'day', hourlyRate: 35 },
  { skills: [{ skill: 'mechanical', level: 3 }, { skill: 'electrical', level: 3 }, { skill: 'pneumatics', level: 3 }, { skill: 'hydraulics', level: 3 }, { skill: 'hvac', level: 2 }], shift: 'weekendFourByTen', hourlyRate: 54 },
  { skills: [{ skill: 'refrigeration', level: 5 }, { skill: 'hvac', level: 4 }, { skill: 'welding', level: 2 }, { skill: 'electrical', level: 2 }], shift: 'weekendSplit', hourlyRate: 57 },
];
