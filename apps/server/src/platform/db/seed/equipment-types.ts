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
    manufacturers: [
      ['Grundfos', ['CR 32-2', 'NB 65-200/219']],
      ['KSB', ['Etanorm 080-200', 'Multitec 50']],
      ['Wilo', ['Helix V 1605']],
    ],
    mechanicalTrade: 'mechanical',
    electricalTrade: 'electrical',
    failureModes: ['ELP', 'VIB', 'NOI', 'LOO', 'BRD', 'OHE'],
    failureRate: 1.6,
    repairMinutes: 180,
    rotating: true,
  },
  Motor: {
    manufacturers: [
      ['Siemens', ['SIMOTICS GP 1LE1003', 'SIMOTICS SD 1LE1503']],
      ['ABB', ['M3BP 160MLA 4', 'M2BAX 132SMB']],
      ['WEG', ['W22 IE3 132M']],
    ],
    mechanicalTrade: 'mechanical',
    electricalTrade: 'electrical',
    failureModes: ['OHE', 'VIB', 'FTS', 'BRD', 'NOI'],
    failureRate: 0.9,
    repairMinutes: 150,
    rotating: true,
  },
  Gearbox: {
    manufacturers: [
      ['SEW-Eurodrive', ['R47 DRN80M4', 'K67 DRN100L4']],
      ['Flender', ['H2SH 5']],
      ['NORD', ['SK 9032.1']],
    ],
    mechanicalTrade: 'mechanical',
    electricalTrade: 'mechanical',
    failureModes: ['VIB', 'NOI', 'ELU', 'OHE', 'BRD'],
    failureRate: 0.7,
    repairMinutes: 240,
    rotating: true,
  },
  Compressor: {
    manufacturers: [
      ['Atlas Copco', ['GA 37 VSD+', 'GA 55']],
      ['Kaeser', ['ASD 40 SFC', 'BSD 72']],
      ['BOGE', ['S 75-4']],
    ],
    mechanicalTrade: 'pneumatics',
    electricalTrade: 'electrical',
    failureModes: ['OHE', 'ELU', 'LOO', 'VIB', 'FTS'],
    failureRate: 1.4,
    repairMinutes: 180,
    rotating: true,
  },
  Conveyor: {
    manufacturers: [
      ['Interroll', ['Modular Conveyor Platform', 'RollerDrive EC5000']],
      ['FlexLink', ['X85']],
      ['Bosch Rexroth', ['VarioFlow plus']],
    ],
    mechanicalTrade: 'mechanical',
    electricalTrade: 'electrical',
    failureModes: ['BRD', 'NOI', 'VIB', 'UST', 'STD'],
    failureRate: 2.0,
    repairMinutes: 120,
    rotating: false,
  },
  Boiler: {
    manufacturers: [
      ['Viessmann', ['Vitomax 200-HS', 'Vitoplex 300']],
      ['Bosch Industriekessel', ['Universal UL-S 3000']],
      ['Buderus', ['Logano SK755']],
    ],
    mechanicalTrade: 'mechanical',
    electricalTrade: 'instrumentation',
    leakTrade: 'welding',
    failureModes: ['ELP', 'AIR', 'FTS', 'PDE', 'STD'],
    failureRate: 0.6,
    repairMinutes: 240,
    rotating: false,
  },
  'CNC Machine': {
    manufacturers: [
      ['DMG MORI', ['DMU 50', 'NLX 2500']],
      ['Hermle', ['C 42 U']],
      ['Mazak', ['VARIAXIS i-700']],
      ['Haas', ['VF-2SS']],
    ],
    mechanicalTrade: 'mechanical',
    electricalTrade: 'plc',
    failureModes: ['ERO', 'BRD', 'UST', 'PDE', 'OHE', 'VIB'],
    failureRate: 1.8,
    repairMinutes: 210,
    rotating: false,
  },
  Press: {
    manufacturers: [
      ['Schuler', ['MSP 400', 'MSD 250']],
      ['Bruderer', ['BSTA 510']],
      ['LASCO', ['HO 400']],
    ],
    mechanicalTrade: 'hydraulics',
    electricalTrade: 'plc',
    failureModes: ['ELU', 'BRD', 'PDE', 'UST', 'OHE'],
    failureRate: 1.5,
    repairMinutes: 200,
    rotating: false,
  },
  HVAC: {
    manufacturers: [
      ['Trane', ['IntelliPak SAH']],
      ['Daikin', ['Professional D-AHU']],
      ['Wolf', ['KG Top 4000']],
    ],
    mechanicalTrade: 'hvac',
    electricalTrade: 'electrical',
    failureModes: ['LOO', 'NOI', 'VIB', 'FTS', 'OHE'],
    failureRate: 0.8,
    repairMinutes: 120,
    rotating: true,
  },
  Forklift: {
    manufacturers: [
      ['Linde', ['E20 PH', 'H25D']],
      ['Jungheinrich', ['EFG 216k', 'ETV 214']],
      ['STILL', ['RX 20-16']],
    ],
    mechanicalTrade: 'hydraulics',
    electricalTrade: 'electrical',
    failureModes: ['ELU', 'BRD', 'FTS', 'NOI'],
    failureRate: 1.3,
    repairMinutes: 90,
    rotating: false,
  },
  Chiller: {
    manufacturers: [
      ['Carrier', ['30XW-V 0512']],
      ['Trane', ['RTAF 175']],
      ['Daikin', ['EWAD-TZ 300']],
    ],
    mechanicalTrade: 'refrigeration',
    electricalTrade: 'electrical',
    leakTrade: 'refrigeration',
    failureModes: ['LOO', 'ELP', 'OHE', 'FTS', 'AIR'],
    failureRate: 0.9,
    repairMinutes: 200,
    rotating: true,
  },
  Generator: {
    manufacturers: [
      ['Caterpillar', ['C18 GC']],
      ['Cummins', ['C1100 D5']],
      ['MTU', ['16V2000 DS1250']],
    ],
    mechanicalTrade: 'mechanical',
    electricalTrade: 'electrical',
    failureModes: ['FTS', 'OHE', 'ERO', 'ELU'],
    failureRate: 0.4,
    repairMinutes: 180,
    rotating: true,
  },
  'Packaging Machine': {
    manufacturers: [
      ['Syntegon', ['Pack 202', 'Sigpack TTM']],
      ['Krones', ['Variopac Pro']],
      ['MULTIVAC', ['R 245']],
    ],
    mechanicalTrade: 'pneumatics',
    electricalTrade: 'plc',
    failureModes: ['UST', 'ERO', 'BRD', 'PDE', 'NOI'],
    failureRate: 2.4,
    repairMinutes: 100,
    rotating: false,
  },
} as const satisfies Record<string, EquipmentTypeSpec>;

export type EquipmentType = keyof typeof EQUIPMENT_TYPES;
