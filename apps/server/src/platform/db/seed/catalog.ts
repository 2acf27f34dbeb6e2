import type { Criticality } from '@msched/contracts';
import type { ShiftJson, SkillLevelJson } from '../schema';
import type { EquipmentType } from './equipment-types';

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
  {
    type: 'Compressor',
    name: 'Main Air Compressor',
    criticality: 'A',
    children: [{ type: 'Motor', name: 'Compressor Motor', criticality: 'A' }],
  },
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

/** Road minutes between the demo sites (by code), either way: a technician works at home mostly. */
export const DEMO_SITE_TRAVEL_MINUTES: readonly (readonly [string, string, number])[] = [
  ['HAM', 'LEJ', 240],
  ['HAM', 'STR', 390],
  ['LEJ', 'STR', 300],
];

export const SITE_POOL: readonly (readonly [string, string])[] = [
  ...DEMO_SITES,
  ['Bremen', 'BRE'],
  ['Dortmund', 'DTM'],
  ['Nuremberg', 'NUE'],
  ['Hanover', 'HAJ'],
  ['Dresden', 'DRS'],
  ['Cologne', 'CGN'],
  ['Munich', 'MUC'],
  ['Rotterdam', 'RTM'],
  ['Lyon', 'LYS'],
  ['Brno', 'BRQ'],
  ['Graz', 'GRZ'],
  ['Linz', 'LNZ'],
  ['Poznan', 'POZ'],
  ['Gdansk', 'GDN'],
  ['Bilbao', 'BIO'],
];

export const FIRST_NAMES = [
  'Lukas',
  'Anna',
  'Jonas',
  'Lea',
  'Felix',
  'Sophie',
  'Maximilian',
  'Marie',
  'Paul',
  'Laura',
  'Leon',
  'Julia',
  'Tim',
  'Sarah',
  'Niklas',
  'Hannah',
  'Ahmet',
  'Elif',
  'Marek',
  'Katarzyna',
  'Luca',
  'Giulia',
  'Daniel',
  'Nina',
  'Stefan',
  'Sandra',
  'Thomas',
  'Petra',
  'Jan',
  'Mila',
] as const;

export const LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hartmann',
  'Yilmaz',
  'Kowalski',
  'Novak',
  'Rossi',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
] as const;

const weekdays = (days: readonly number[], start: string, end: string): ShiftJson[] => days.map((weekday) => ({ weekday, start, end }));

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
  {
    skills: [
      { skill: 'mechanical', level: 5 },
      { skill: 'hydraulics', level: 4 },
      { skill: 'welding', level: 3 },
      { skill: 'pneumatics', level: 3 },
    ],
    shift: 'day',
    hourlyRate: 62,
  },
  {
    skills: [
      { skill: 'electrical', level: 5 },
      { skill: 'plc', level: 4 },
      { skill: 'instrumentation', level: 3 },
    ],
    shift: 'day',
    hourlyRate: 65,
  },
  {
    skills: [
      { skill: 'mechanical', level: 4 },
      { skill: 'pneumatics', level: 3 },
      { skill: 'hydraulics', level: 2 },
    ],
    shift: 'late',
    hourlyRate: 48,
  },
  {
    skills: [
      { skill: 'electrical', level: 4 },
      { skill: 'instrumentation', level: 2 },
      { skill: 'mechanical', level: 2 },
    ],
    shift: 'day',
    hourlyRate: 50,
  },
  {
    skills: [
      { skill: 'hvac', level: 5 },
      { skill: 'refrigeration', level: 4 },
      { skill: 'electrical', level: 2 },
    ],
    shift: 'late',
    hourlyRate: 58,
  },
  {
    skills: [
      { skill: 'plc', level: 5 },
      { skill: 'electrical', level: 4 },
      { skill: 'instrumentation', level: 4 },
    ],
    shift: 'day',
    hourlyRate: 70,
  },
  {
    skills: [
      { skill: 'welding', level: 5 },
      { skill: 'mechanical', level: 3 },
    ],
    shift: 'fourByTen',
    hourlyRate: 52,
  },
  {
    skills: [
      { skill: 'hydraulics', level: 5 },
      { skill: 'pneumatics', level: 4 },
      { skill: 'mechanical', level: 3 },
    ],
    shift: 'late',
    hourlyRate: 56,
  },
  {
    skills: [
      { skill: 'instrumentation', level: 5 },
      { skill: 'electrical', level: 3 },
      { skill: 'plc', level: 2 },
    ],
    shift: 'day',
    hourlyRate: 60,
  },
  {
    skills: [
      { skill: 'mechanical', level: 2 },
      { skill: 'electrical', level: 1 },
      { skill: 'pneumatics', level: 1 },
    ],
    shift: 'day',
    hourlyRate: 35,
  },
  {
    skills: [
      { skill: 'mechanical', level: 3 },
      { skill: 'electrical', level: 3 },
      { skill: 'pneumatics', level: 3 },
      { skill: 'hydraulics', level: 3 },
      { skill: 'hvac', level: 2 },
    ],
    shift: 'weekendFourByTen',
    hourlyRate: 54,
  },
  {
    skills: [
      { skill: 'refrigeration', level: 5 },
      { skill: 'hvac', level: 4 },
      { skill: 'welding', level: 2 },
      { skill: 'electrical', level: 2 },
    ],
    shift: 'weekendSplit',
    hourlyRate: 57,
  },
];
