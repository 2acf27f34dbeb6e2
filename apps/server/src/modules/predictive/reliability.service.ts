import type { Reliability, ReliabilityQuery } from '@msched/contracts';
import { type ReliabilityStats, type WeibullFit, failureProbability, reliabilityStats } from '@msched/predict';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import type { Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { type UnitHistory, type UnitRecord, fleetHistory } from './reliability-history';
import { type FailureRow, ReliabilityRepository } from './reliability.repository';
import { SensorsRepository } from './sensors.repository';

/** A piece of equipment gets a Weibull fit of its own from this many failures; before, its type's. */
export const MIN_OWN_FAILURES = 5;

/** Reliability of one equipment type in one organization, as of one instant. */
export interface TypeReliability {
  equipmentType: string;
  stats: ReliabilityStats;
  perUnit: Map<string, UnitHistory & { stats: ReliabilityStats }>;
  failures: FailureRow[];
}

export interface EquipmentFit {
  fit: WeibullFit;
  source: 'equipment' | 'equipmentType';
}

/** The fit to use for one piece of equipment: its own when it has failed often enough. */
export function fitFor(reliability: TypeReliability, equipmentId: string): EquipmentFit | null {
  const own = reliability.perUnit.get(equipmentId)?.stats;
  if (own?.weibull && own.failures >= MIN_OWN_FAILURES) return { fit: own.weibull, source: 'equipment' };
  return reliability.stats.weibull ? { fit: reliability.stats.weibull, source: 'equipmentType' } : null;
}

/** Conditional probability of a failure within `horizonDays`, given `ageHours` survived. */
export const probabilityWithin = (fit: WeibullFit, ageHours: number, horizonDays: number) =>
  failureProbability(fit, ageHours, horizonDays * 24);

/** MTBF, MTTR and Weibull fits from work-order history (see reliability-history.ts for the rules). */
@Injectable()
export class ReliabilityService {
  constructor(
    private readonly reliability: ReliabilityRepository,
    private readonly sensors: SensorsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ofType(organizationId: string, equipmentType: string, now: Date): Promise<TypeReliability> {
    const units = await this.reliability.units(organizationId, equipmentType);
    const [failures, recordsStart] = await Promise.all([
      this.reliability.failures(
        organizationId,
        units.map((unit) => unit.equipmentId),
      ),
      this.reliability.recordsStart(organizationId),
    ]);
    return typeReliability(equipmentType, units, failures, recordsStart ?? now, now);
  }

  /**
   * Every equipment type of the organization (in the database's order of names), with how many
   * units it has: three queries whatever the number of types (`type` is free text, so there may
   * be hundreds).
   */
  async ofEveryType(organizationId: string, now: Date): Promise<(TypeReliability & { equipmentCount: number })[]> {
    const [units, failures, recordsStart] = await Promise.all([
      this.reliability.typedUnits(organizationId),
      this.reliability.failures(organizationId, 'all'),
      this.reliability.recordsStart(organizationId),
    ]);
    const unitsByType = groupBy(units, (unit) => unit.equipmentType);
    const failuresByUnit = groupBy(failures, (failure) => failure.equipmentId);
    return [...unitsByType].map(([equipmentType, typeUnits]) => ({
      ...typeReliability(
        equipmentType,
        typeUnits,
        typeUnits.flatMap((unit) => failuresByUnit.get(unit.equipmentId) ?? []),
        recordsStart ?? now,
        now,
      ),
      equipmentCount: typeUnits.length,
    }));
  }

  async analyze(principal: Principal, query: ReliabilityQuery): Promise<Reliability> {
    const horizonDays = query.horizonDays ?? this.config.predictive.horizonDays;
    const now = new Date();
    let equipmentType = query.equipmentType;
    if (query.equipmentId) {
      const found = await this.sensors.equipment(principal.organizationId, query.equipmentId);
      if (!found) throw AppError.notFound('Equipment');
      equipmentType = found.type;
    }
    const reliability = await this.ofType(principal.organizationId, equipmentType!, now);
    const unit = query.equipmentId ? reliability.perUnit.get(query.equipmentId) : undefined;
    const stats = unit?.stats ?? reliability.stats;
    const chosen = query.equipmentId
      ? fitFor(reliability, query.equipmentId)
      : reliability.stats.weibull && { fit: reliability.stats.weibull, source: 'equipmentType' as const };
    const ageHours = unit?.ageHours ?? null;
    return {
      equipmentType: equipmentType!,
      equipmentId: query.equipmentId ?? null,
      // Every recorded failure; MTBF and the fit use those whose life began on record.
      failures: reliability.failures.filter((failure) => !query.equipmentId || failure.equipmentId === query.equipmentId).length,
      censored: (unit?.lives ?? [...reliability.perUnit.values()].flatMap((history) => history.lives)).filter((life) => !life.failed)
        .length,
      mtbfHours: stats.mtbf,
      mttrHours: stats.mttr,
      weibull: chosen
        ? {
            shape: chosen.fit.shape,
            scale: chosen.fit.scale,
            shapeBounds: chosen.fit.shapeBounds,
            scaleBounds: chosen.fit.scaleBounds,
            confidenceLevel: chosen.fit.confidenceLevel,
            source: chosen.source,
          }
        : null,
      horizonDays,
      ageHours,
      // A type answers for a unit just restored; one piece of equipment for its current age.
      failureProbability: chosen ? probabilityWithin(chosen.fit, query.equipmentId ? (ageHours ?? 0) : 0, horizonDays) : null,
    };
  }
}

/** A type's reliability from its units and their failures: pooled, and per unit. */
function typeReliability(
  equipmentType: string,
  units: readonly UnitRecord[],
  failures: FailureRow[],
  recordsStart: Date,
  now: Date,
): TypeReliability {
  const { perUnit, pooled } = fleetHistory(units, failures, recordsStart, now);
  return {
    equipmentType,
    stats: reliabilityStats(pooled.lives, pooled.repairs),
    perUnit: new Map([...perUnit].map(([id, history]) => [id, { ...history, stats: reliabilityStats(history.lives, history.repairs) }])),
    failures,
  };
}

/** Items by key, in their order (Map.groupBy is not in Node 20). */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
