/**
 * Readers for the NASA C-MAPSS turbofan files: `train_FD00x.txt` / `test_FD00x.txt` (one row per
 * engine per cycle: unit, cycle, three settings, 21 sensors) and `RUL_FD00x.txt` (true RUL of
 * each test engine at its last cycle).
 */
import type { SensorSample, Trajectory } from '../model';

export const CMAPSS_SETTINGS = ['setting1', 'setting2', 'setting3'];
export const CMAPSS_SENSORS = Array.from({ length: 21 }, (_, i) => `s${i + 1}`);
const COLUMN_NAMES = [...CMAPSS_SETTINGS, ...CMAPSS_SENSORS];
const COLUMNS = 2 + COLUMN_NAMES.length;

export interface CmapssParseOptions {
  /** Training files run every engine to failure (`failedAt` = last cycle); test files do not. Default true. */
  runToFailure?: boolean;
}

/** The operating regime of a row: the settings rounded to the grid the simulator used (0 is written -0 at times). */
function regimeKey(values: number[]): string {
  const [altitude, mach, throttle] = values;
  return `${Math.round(altitude!) + 0}|${Math.round(mach! * 100) + 0}|${Math.round(throttle!) + 0}`;
}

export function parseCmapss(text: string, options: CmapssParseOptions = {}): Trajectory[] {
  const units = new Map<number, { samples: SensorSample[]; keys: string[] }>();
  const lines = text.split('\n');
  lines.forEach((line, lineIndex) => {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return;
    const numbers = tokens.map(Number);
    if (numbers.length !== COLUMNS || numbers.some((n) => !Number.isFinite(n)))
      throw new Error(`C-MAPSS line ${lineIndex + 1}: expected ${COLUMNS} numbers, got ${tokens.length}`);
    const [unit, cycle, ...rest] = numbers as [number, number, ...number[]];
    // fromEntries builds a fast-properties object (a keyed-store loop leaves 24 keys in dictionary mode, slower to read).
    const values: Record<string, number> = Object.fromEntries(COLUMN_NAMES.map((name, i) => [name, rest[i]!]));
    let entry = units.get(unit);
    if (!entry) {
      entry = { samples: [], keys: [] };
      units.set(unit, entry);
    }
    entry.samples.push({ t: cycle, values });
    entry.keys.push(regimeKey(rest));
  });
  const distinct = [...new Set([...units.values()].flatMap((entry) => entry.keys))].sort();
  // One rounded setting means one regime (FD001, FD003): no regime labels then.
  const regimeIndex = distinct.length > 1 ? new Map(distinct.map((key, i) => [key, i])) : null;
  return [...units.entries()]
    .sort(([a], [b]) => a - b)
    .map(([unit, entry]) => {
      const trajectory: Trajectory = { unitId: String(unit), samples: entry.samples };
      if (options.runToFailure ?? true) trajectory.failedAt = entry.samples[entry.samples.length - 1]!.t;
      if (regimeIndex) trajectory.regimes = entry.keys.map((key) => regimeIndex.get(key)!);
      return trajectory;
    });
}

/** `RUL_FD00x.txt`: one true remaining life per line, in test-unit order. */
export function parseRulFile(text: string): number[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const value = Number(line.split(/\s+/)[0]);
      if (!Number.isFinite(value)) throw new Error(`RUL line ${i + 1}: not a number`);
      return value;
    });
}

/**
 * Sensors whose values vary within an operating regime (a sensor that is constant in each regime
 * carries no information about wear once readings are normalised per regime).
 */
export function informativeSensors(trajectories: Trajectory[], sensors = CMAPSS_SENSORS, minStd = 1e-3): string[] {
  return sensors.filter((sensor) => {
    const byRegime = new Map<number, { n: number; sum: number; square: number }>();
    for (const trajectory of trajectories)
      trajectory.samples.forEach((sample, i) => {
        const value = sample.values[sensor];
        if (value === undefined) return;
        const regime = trajectory.regimes?.[i] ?? 0;
        const stats = byRegime.get(regime) ?? { n: 0, sum: 0, square: 0 };
        stats.n++;
        stats.sum += value;
        stats.square += value * value;
        byRegime.set(regime, stats);
      });
    let pooled = 0;
    let n = 0;
    for (const stats of byRegime.values()) {
      pooled += stats.square - (stats.sum * stats.sum) / stats.n;
      n += stats.n;
    }
    return Math.sqrt(Math.max(0, pooled / Math.max(1, n))) >= minStd;
  });
}
