/**
 * Demo equipment for the degradation simulator: healthy levels, noise and daily load swing of
 * each sensor, and the reading at which the equipment is considered failed. Levels follow common
 * practice (ISO 10816 vibration zones: a healthy mid-size pump runs below 2.8 mm/s, 7.1 mm/s is
 * "damage occurs"); lives are in hours of operation.
 */

export interface SensorProfile {
  sensor: string;
  unit: string;
  healthy: number;
  /** Standard deviation of the measurement noise when healthy (it grows with wear). */
  noise: number;
  /** Amplitude of the daily load cycle (readings follow the plant's load). */
  dailySwing: number;
  /** The reading at failure; below `healthy` for a sensor that falls as the equipment wears. */
  failure: number;
  /** How late the wear shows: 0 is a straight line from onset to failure, larger bends it later. */
  curvature: number;
}

export interface EquipmentProfile {
  kind: string;
  name: string;
  sensors: SensorProfile[];
  /** Weibull life distribution of a fleet, in hours. */
  lifeShape: number;
  lifeScale: number;
  /** Share of life after which wear starts to show, on average. */
  onsetShare: number;
  /** Length of the load cycle, in hours. */
  cyclePeriod: number;
}

export const DEMO_PROFILES = {
  centrifugalPump: {
    kind: 'centrifugal-pump',
    name: 'Centrifugal pump',
    sensors: [
      { sensor: 'vibration', unit: 'mm/s', healthy: 1.8, noise: 0.12, dailySwing: 0.15, failure: 7.1, curvature: 3 },
      { sensor: 'bearingTemperature', unit: '°C', healthy: 55, noise: 0.8, dailySwing: 4, failure: 90, curvature: 2.5 },
      { sensor: 'dischargePressure', unit: 'bar', healthy: 6.2, noise: 0.06, dailySwing: 0.25, failure: 4.8, curvature: 1.5 },
      { sensor: 'motorCurrent', unit: 'A', healthy: 42, noise: 0.5, dailySwing: 3, failure: 51, curvature: 2 },
    ],
    lifeShape: 2.5,
    lifeScale: 2400,
    onsetShare: 0.55,
    cyclePeriod: 24,
  },
  airCompressor: {
    kind: 'air-compressor',
    name: 'Rotary-screw air compressor',
    sensors: [
      { sensor: 'dischargeTemperature', unit: '°C', healthy: 82, noise: 0.7, dailySwing: 5, failure: 110, curvature: 2 },
      { sensor: 'vibration', unit: 'mm/s', healthy: 2.2, noise: 0.15, dailySwing: 0.2, failure: 7.1, curvature: 3 },
      { sensor: 'outletPressure', unit: 'bar', healthy: 7.5, noise: 0.05, dailySwing: 0.15, failure: 6.4, curvature: 1.5 },
      { sensor: 'motorCurrent', unit: 'A', healthy: 118, noise: 1.2, dailySwing: 8, failure: 138, curvature: 2 },
    ],
    lifeShape: 2.2,
    lifeScale: 3600,
    onsetShare: 0.6,
    cyclePeriod: 24,
  },
  conveyorGearbox: {
    kind: 'conveyor-gearbox',
    name: 'Conveyor gearbox',
    sensors: [
      { sensor: 'vibration', unit: 'mm/s', healthy: 2.5, noise: 0.2, dailySwing: 0.3, failure: 9, curvature: 3.5 },
      { sensor: 'oilTemperature', unit: '°C', healthy: 62, noise: 0.9, dailySwing: 5, failure: 95, curvature: 2.5 },
      { sensor: 'motorCurrent', unit: 'A', healthy: 28, noise: 0.4, dailySwing: 2.5, failure: 35, curvature: 2 },
      { sensor: 'acousticLevel', unit: 'dB(A)', healthy: 74, noise: 0.8, dailySwing: 1.5, failure: 88, curvature: 3 },
    ],
    lifeShape: 3,
    lifeScale: 5000,
    onsetShare: 0.6,
    cyclePeriod: 24,
  },
} satisfies Record<string, EquipmentProfile>;
