import {
  type AnomalyBaselineJson,
  type AnomalyScore,
  type RulModelJson,
  type RulPrediction,
  fitAnomalyBaseline,
  predictRul,
  scoreAnomaly,
} from '@msched/predict';
import { Injectable } from '@nestjs/common';
import { HealthRepository } from './health.repository';
import { HistoryRepository } from './history.repository';
import { ReadingsRepository } from './readings.repository';
import { type TypeReliability, fitFor, probabilityWithin } from './reliability.service';
import type { Assessment } from './risk';
import { type EquipmentRef, SensorsRepository } from './sensors.repository';
import { samplesOf } from './training-data';

/** The healthy baseline is the equipment's first week of hourly readings … */
const BASELINE_HOURS = 7 * 24;
/** … once it has at least two days of them. */
const BASELINE_MIN_SAMPLES = 48;
/** The anomaly score looks at the last half day. */
const RECENT_HOURS = 12;
/** RUL inputs start at the last restoration, at most this long ago. */
const MAX_HISTORY_MS = 120 * 24 * 3_600_000;

/** What one scoring run shares between the equipment of a type. */
export interface TypeContext {
  reliability: TypeReliability | null;
  model: { id: string; label: string; json: RulModelJson } | null;
  horizonDays: number;
}

/**
 * Assesses one piece of equipment: anomaly score against its own healthy baseline, remaining
 * useful life from its type's active model over its current life, and the Weibull probability
 * of a failure within the horizon given the time since its last repair.
 */
@Injectable()
export class HealthAssessor {
  constructor(
    private readonly sensors: SensorsRepository,
    private readonly readings: ReadingsRepository,
    private readonly health: HealthRepository,
    private readonly history: HistoryRepository,
  ) {}

  /** `persist`: store a baseline fitted now (the job); a read on demand leaves no trace. */
  async assess(equipment: EquipmentRef, context: TypeContext, now: Date, persist: boolean): Promise<Assessment> {
    const sensors = await this.sensors.ofEquipment(equipment.organizationId, equipment.id);
    const nameOf = new Map(sensors.map((sensor) => [sensor.id, sensor.name]));
    // Only readings of the current life count: what came before the last repair is history.
    const restored = await this.history.lastRestoration(equipment.id);
    const [anomaly, rul, asOf] = await Promise.all([
      this.anomaly(equipment, nameOf, restored ?? new Date(0), persist),
      this.rul(context, nameOf, restored, now),
      this.readings.latestTime(equipment.id),
    ]);
    const fitted = context.reliability ? fitFor(context.reliability, equipment.id) : null;
    const ageHours = context.reliability?.perUnit.get(equipment.id)?.ageHours ?? null;
    return {
      equipmentId: equipment.id,
      organizationId: equipment.organizationId,
      equipmentType: equipment.type,
      rul,
      failure:
        fitted && ageHours !== null
          ? {
              probability: probabilityWithin(fitted.fit, ageHours, context.horizonDays),
              horizonDays: context.horizonDays,
              ageHours,
              fit: fitted.fit,
              source: fitted.source,
            }
          : null,
      anomaly,
      model: rul && context.model ? { id: context.model.id, label: context.model.label } : null,
      asOf,
    };
  }

  private async anomaly(equipment: EquipmentRef, nameOf: Map<string, string>, since: Date, persist: boolean): Promise<AnomalyScore | null> {
    if (nameOf.size === 0) return null;
    const ids = [...nameOf.keys()];
    let baseline = (await this.health.baseline(equipment.id))?.body as AnomalyBaselineJson | undefined;
    if (!baseline) {
      const healthy = samplesOf(await this.readings.firstHourly(ids, BASELINE_HOURS), nameOf);
      if (healthy.length < BASELINE_MIN_SAMPLES) return null;
      baseline = fitAnomalyBaseline(healthy, [...new Set(nameOf.values())].sort());
      if (persist) {
        await this.health.saveBaseline({
          equipmentId: equipment.id,
          organizationId: equipment.organizationId,
          sensors: baseline.sensors,
          body: baseline,
          samples: healthy.length,
          fittedFrom: new Date(healthy[0]!.t * 3_600_000),
          fittedTo: new Date(healthy[healthy.length - 1]!.t * 3_600_000),
        });
      }
    }
    const recent = samplesOf(await this.readings.latestHourly(ids, RECENT_HOURS, since), nameOf);
    return recent.length > 0 ? scoreAnomaly(baseline, recent) : null;
  }

  private async rul(context: TypeContext, nameOf: Map<string, string>, restored: Date | null, now: Date): Promise<RulPrediction | null> {
    if (!context.model || nameOf.size === 0) return null;
    const earliest = new Date(now.getTime() - MAX_HISTORY_MS);
    const from = restored && restored > earliest ? restored : earliest;
    const history = samplesOf(await this.readings.hourly([...nameOf.keys()], from, new Date(now.getTime() + 3_600_000)), nameOf);
    return history.length > 0 ? predictRul(context.model.json, history) : null;
  }
}
