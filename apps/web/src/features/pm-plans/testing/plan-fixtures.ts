import type { Meter, PmPlan } from '@msched/contracts';

export const PUMP_ID = '00000000-0000-4000-8000-000000000801';
export const FAN_ID = '00000000-0000-4000-8000-000000000802';
export const COUNTER_ID = '00000000-0000-4000-8000-000000000851';
export const GAUGE_ID = '00000000-0000-4000-8000-000000000852';
export const PLAN_ID = '00000000-0000-4000-8000-000000000701';

export const pump = { id: PUMP_ID, equipmentNumber: 'EQ-1', name: 'Feed pump' };
export const fan = { id: FAN_ID, equipmentNumber: 'EQ-2', name: 'Cooling fan' };

export const pumpMeters: Meter[] = [
  {
    id: COUNTER_ID,
    equipmentId: PUMP_ID,
    name: 'Run hours',
    unit: 'h',
    kind: 'COUNTER',
    lastValue: 1200,
    lastReadAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: GAUGE_ID,
    equipmentId: PUMP_ID,
    name: 'Bearing temperature',
    unit: '°C',
    kind: 'GAUGE',
    lastValue: 60,
    lastReadAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
];

/** A monthly plan on the feed pump, as the server answers it. */
export function plan(overrides: Partial<PmPlan> = {}): PmPlan {
  return {
    id: PLAN_ID,
    name: 'Pump lubrication',
    description: null,
    equipmentIds: [PUMP_ID],
    template: {
      title: 'Lubricate the pump bearings',
      description: null,
      type: 'PREVENTIVE',
      priority: 'MEDIUM',
      estimatedDuration: 60,
      requiredSkills: [{ skill: 'mechanical', minLevel: 2 }],
      crewSize: 1,
      requiresDowntime: false,
      avoidEarly: false,
      conflictGroups: [],
      tasks: [{ title: 'Grease both bearings', description: 'Lithium grease, two shots each', estimatedDuration: 20 }],
      parts: [],
    },
    calendar: { every: 1, unit: 'MONTH', startsOn: '2026-01-05', endsOn: null, mode: 'FIXED' },
    meter: null,
    leadDays: 3,
    window: { gracePercent: 20, graceMaxDays: 28 },
    holidayRule: 'NEXT_WORKING_DAY',
    catchUp: 'LATEST',
    status: 'ACTIVE',
    targets: [
      {
        equipmentId: PUMP_ID,
        nextDueAt: '2026-12-05T22:59:59.999Z',
        lastGeneratedAt: null,
        lastCompletedAt: null,
        meterBase: null,
        openWorkOrderId: null,
      },
    ],
    version: 4,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
