import type { WorkOrderType } from '@msched/contracts';

type Weighted<T> = readonly (readonly [T, number])[];

/** ISO 14224 failure-mode codes with how an operator would report them. */
export const FAILURE_MODES: Record<string, { title: string; reports: readonly string[] }> = {
  BRD: { title: 'Breakdown', reports: ['Stopped with a loud bang, will not restart.', 'Drive sheared, machine stands still.'] },
  ELP: { title: 'Process leak', reports: ['Medium dripping from the seal area.', 'Puddle under the unit, leak is getting worse.'] },
  ELU: { title: 'Oil leak', reports: ['Oil leaking from the housing.', 'Hydraulic oil on the floor, level dropping.'] },
  VIB: { title: 'Excessive vibration', reports: ['Strong vibration at the drive end.', 'Vibration alarm on the panel, unit shakes.'] },
  OHE: { title: 'Overheating', reports: ['Housing too hot to touch, temperature alarm.', 'Trips on over-temperature after an hour.'] },
  NOI: { title: 'Abnormal noise', reports: ['Grinding noise during operation.', 'Squealing noise when starting.'] },
  FTS: { title: 'Fails to start', reports: ['Does not start on demand.', 'Start button has no effect, no fault shown.'] },
  UST: { title: 'Spurious stops', reports: ['Stops several times per shift without reason.', 'Random stops, restart works.'] },
  ERO: { title: 'Erratic operation', reports: ['Positions drift, parts out of tolerance.', 'Runs unevenly, speed fluctuates.'] },
  LOO: { title: 'Low output', reports: ['Output well below normal.', 'Pressure does not build up to set point.'] },
  PDE: { title: 'Parameter deviation', reports: ['Process values outside limits.', 'Settings keep drifting from the recipe.'] },
  AIR: { title: 'Abnormal instrument reading', reports: ['Gauge and panel disagree.', 'Sensor value jumps between readings.'] },
  STD: { title: 'Structural damage', reports: ['Crack found in the frame.', 'Guard bracket broken off.'] },
};

/** Failure modes that are usually electrical or control faults rather than mechanical ones. */
export const ELECTRICAL_FAILURE_MODES: ReadonlySet<string> = new Set(['FTS', 'UST', 'ERO', 'AIR']);
export const LEAK_FAILURE_MODES: ReadonlySet<string> = new Set(['ELP', 'ELU']);

export const FAILURE_CAUSES: Record<string, Weighted<string>> = {
  BRD: [
    ['wear', 4],
    ['fatigue', 2],
    ['overload', 2],
    ['lubrication', 1],
  ],
  ELP: [
    ['wear', 4],
    ['corrosion', 2],
    ['misalignment', 1],
  ],
  ELU: [
    ['wear', 3],
    ['looseness', 2],
    ['corrosion', 1],
  ],
  VIB: [
    ['misalignment', 4],
    ['wear', 3],
    ['looseness', 2],
    ['imbalance', 2],
  ],
  OHE: [
    ['lubrication', 3],
    ['contamination', 3],
    ['overload', 2],
  ],
  NOI: [
    ['wear', 3],
    ['lubrication', 3],
    ['misalignment', 2],
  ],
  FTS: [
    ['electrical fault', 4],
    ['control failure', 2],
    ['contamination', 1],
  ],
  UST: [
    ['control failure', 3],
    ['sensor fault', 3],
    ['electrical fault', 2],
  ],
  ERO: [
    ['sensor fault', 3],
    ['control failure', 2],
    ['wear', 1],
  ],
  LOO: [
    ['contamination', 3],
    ['wear', 3],
  ],
  PDE: [
    ['sensor fault', 2],
    ['wear', 2],
    ['misalignment', 2],
  ],
  AIR: [
    ['sensor fault', 4],
    ['contamination', 1],
  ],
  STD: [
    ['fatigue', 3],
    ['corrosion', 2],
  ],
};

export const REMEDIES: Record<string, Weighted<string>> = {
  wear: [
    ['replace', 4],
    ['repair', 1],
  ],
  fatigue: [
    ['replace', 2],
    ['repair', 2],
  ],
  overload: [
    ['repair', 2],
    ['adjust', 1],
  ],
  lubrication: [
    ['repair', 2],
    ['replace', 1],
    ['clean', 1],
  ],
  corrosion: [
    ['replace', 2],
    ['repair', 1],
  ],
  looseness: [
    ['adjust', 3],
    ['repair', 1],
  ],
  misalignment: [['adjust', 4]],
  imbalance: [
    ['adjust', 2],
    ['repair', 1],
  ],
  contamination: [
    ['clean', 3],
    ['replace', 1],
  ],
  'electrical fault': [
    ['replace', 2],
    ['repair', 2],
  ],
  'control failure': [
    ['adjust', 2],
    ['repair', 1],
  ],
  'sensor fault': [
    ['replace', 3],
    ['adjust', 1],
  ],
};

/** Checklist steps per kind of work; a work order takes an ordered subset. */
export const TASK_TEMPLATES: Record<WorkOrderType, readonly string[]> = {
  CORRECTIVE: [
    'Isolate and lock out the equipment (LOTO)',
    'Diagnose the fault and find the root cause',
    'Remove and replace the failed component',
    'Re-commission and test run',
    'Hand back to production and record the failure',
  ],
  EMERGENCY: [
    'Make the area safe and lock out',
    'Diagnose the fault',
    'Restore operation (repair or bypass)',
    'Test under load with the operator',
    'Record the failure and plan follow-up work',
  ],
  PREVENTIVE: [
    'Lock out and tag out',
    'Visual check for leaks, damage and corrosion',
    'Lubricate bearings and drive train',
    'Replace filters and consumables',
    'Check belt and chain tension and alignment',
    'Check fasteners, guards and safety devices',
    'Test run and record readings',
  ],
  INSPECTION: [
    'Check guards and emergency stops',
    'Inspect for leaks, corrosion and damage',
    'Measure operating temperature and pressure',
    'Listen for abnormal noise and vibration',
    'Record findings in the inspection sheet',
  ],
  PREDICTIVE: [
    'Measure vibration at the bearing points',
    'Thermographic scan of drive and control panel',
    'Take an oil sample for laboratory analysis',
    'Compare with the baseline and trend',
    'Report condition and recommended action',
  ],
};

export const PREVENTIVE_TITLES: Record<string, string> = {
  A: 'Quarterly preventive maintenance',
  B: 'Half-yearly preventive maintenance',
  C: 'Annual preventive maintenance',
};

export const INSPECTION_TITLES = ['Safety inspection', 'Statutory inspection', 'Operator round check'];

export const PREDICTIVE_TITLES = ['Vibration analysis', 'Thermography survey', 'Oil analysis'];

export const WORK_ORDER_COMMENTS = [
  'Spare taken from the central store.',
  'Production informed, line handed over at shift change.',
  'Root cause probably lack of lubrication, added to the PM checklist.',
  'Needs a follow-up check next week.',
  'Photos of the damage attached to the equipment file.',
  'Supplier contacted about the recurring failure.',
  'Waiting for the line to stop before starting.',
  'All readings within limits.',
];

export const HOLD_REASONS = [
  'Waiting for spare parts delivery',
  'Waiting for a production window',
  'Waiting for an external service engineer',
];
