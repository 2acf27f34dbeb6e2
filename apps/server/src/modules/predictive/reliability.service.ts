import type { Reliability, ReliabilityQuery } from '@msched/contracts';
import { type ReliabilityStats, type WeibullFit, failureProbability, reliabilityStats } from '@msched/predict';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import type { Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { type UnitHistory, fleetHistory } from './reliability-history';
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
    const { perUnit, pooled } = fleetHistory(units, failures, recordsStart ?? now, now);
    return {
      equipmentType,
      stats: reliabilityStats(pooled.lives, pooled.repairs),
      perUnit: new Map([...perUnit].map(([id, history]) => [id, { ...history, stats: reliabilityStats(history.lives, history.repairs) }])),
      failures,
    };
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
