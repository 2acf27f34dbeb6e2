import type { EquipmentHealth, FleetItem, Sensor } from '@msched/contracts';

export const PUMP_ID = '00000000-0000-4000-8000-000000000901';
export const WORK_ORDER_ID = '00000000-0000-4000-8000-000000000991';

/** A wearing pump: 120 h left (80–170 h), 34 % within 30 days, confidence 72. */
export function health(overrides: Partial<EquipmentHealth> = {}): EquipmentHealth {
  return {
    equipmentId: PUMP_ID,
    rul: { estimate: 120, lower: 80, upper: 170, unit: 'h' },
    failureProbability: { horizonDays: 30, probability: 0.34 },
    confidence: 72,
    anomalyScore: 55,
    drivers: [
      { sensor: 'vibration', contribution: -42.5 },
      { sensor: 'temperature', contribution: -12 },
    ],
    modelVersion: 'Pump v3',
    asOf: '2026-11-30T08:00:00.000Z',
    risk: 86,
    predictiveWorkOrderId: null,
    ...overrides,
  };
}

let counter = 0;

export function fleetItem(overrides: Partial<FleetItem> = {}): FleetItem {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(910 + counter).padStart(12, '0')}`;
  return {
    ...health({ equipmentId: id }),
    equipment: {
      id,
      equipmentNumber: `EQ-${counter}`,
      name: `Pump ${counter}`,
      type: 'Pump',
      criticality: 'A',
      status: 'OPERATIONAL',
      locationId: null,
    },
    ...overrides,
  };
}

export function sensor(overrides: Partial<Sensor> = {}): Sensor {
  return {
    id: '00000000-0000-4000-8000-000000000961',
    equipmentId: PUMP_ID,
    name: 'vibration',
    unit: 'mm/s',
    expectedMin: 0,
    expectedMax: 7,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
