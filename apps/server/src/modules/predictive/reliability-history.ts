import type { LifeRecord, RepairRecord } from '@msched/predict';

/**
 * Lives and repairs from work-order history, in hours: the inputs of MTBF, MTTR and the Weibull
 * fit. Pure, so the rules below are tested with hand-computed figures.
 *
 * - A failure is a finished CORRECTIVE/EMERGENCY work order with a failure mode; it happened when
 *   it was reported (created) and the equipment was restored at its actual end.
 * - A life runs from a restoration (or the install date) to the next failure. The first life of
 *   a piece of equipment installed before the records began is unknown and left out: counting it
 *   from the install date would credit years whose failures were never recorded.
 * - The current life (last restoration, or install date, or the start of the records, to now) is
 *   right-censored: the equipment has run at least that long without failing.
 * - A repair lasts its hands-on minutes (time on hold excluded) or, without them, actual end
 *   minus actual start.
 */

const HOUR_MS = 3_600_000;

export interface FailureRecord {
  equipmentId: string;
  reportedAt: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  actualMinutes: number | null;
}

export interface UnitRecord {
  equipmentId: string;
  installDate: Date | null;
}

export interface UnitHistory {
  lives: LifeRecord[];
  repairs: RepairRecord[];
  /** Hours since the last restoration (or the start of its known life); null when unknown. */
  ageHours: number | null;
}

export function unitHistory(unit: UnitRecord, failures: readonly FailureRecord[], recordsStart: Date, now: Date): UnitHistory {
  const sorted = failures
    .filter((failure) => failure.equipmentId === unit.equipmentId)
    .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  const lives: LifeRecord[] = [];
  const repairs: RepairRecord[] = [];
  const installKnown = unit.installDate !== null && unit.installDate >= recordsStart;
  let lifeStart: Date | null = installKnown ? unit.installDate : null;
  for (const failure of sorted) {
    if (lifeStart !== null) {
      const duration = (failure.reportedAt.getTime() - lifeStart.getTime()) / HOUR_MS;
      if (duration > 0) lives.push({ duration, failed: true });
    }
    const repair = repairHours(failure);
    if (repair !== null) repairs.push({ duration: repair });
    lifeStart = failure.actualEnd ?? failure.reportedAt;
  }
  const currentStart = lifeStart ?? recordsStart;
  const age = (now.getTime() - currentStart.getTime()) / HOUR_MS;
  if (age > 0) lives.push({ duration: age, failed: false });
  return { lives, repairs, ageHours: age > 0 ? age : null };
}

function repairHours(failure: FailureRecord): number | null {
  if (failure.actualMinutes !== null && failure.actualMinutes > 0) return failure.actualMinutes / 60;
  if (failure.actualStart && failure.actualEnd && failure.actualEnd > failure.actualStart) {
    return (failure.actualEnd.getTime() - failure.actualStart.getTime()) / HOUR_MS;
  }
  return null;
}

/** Every unit's history, and all of them pooled (the equipment type's). */
export function fleetHistory(units: readonly UnitRecord[], failures: readonly FailureRecord[], recordsStart: Date, now: Date) {
  const perUnit = new Map(units.map((unit) => [unit.equipmentId, unitHistory(unit, failures, recordsStart, now)]));
  const pooled = { lives: [] as LifeRecord[], repairs: [] as RepairRecord[] };
  for (const history of perUnit.values()) {
    pooled.lives.push(...history.lives);
    pooled.repairs.push(...history.repairs);
  }
  return { perUnit, pooled };
}
