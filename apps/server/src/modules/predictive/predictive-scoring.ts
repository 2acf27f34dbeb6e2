import type { ScoringResult } from '@msched/contracts';
import type { RulModelJson } from '@msched/predict';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { HealthAssessor, type TypeContext } from './health-assessor';
import { type HealthRow, HealthRepository } from './health.repository';
import { HistoryRepository } from './history.repository';
import { ModelsRepository } from './models.repository';
import { PredictiveWorkOrders } from './predictive-work-orders';
import { ReliabilityService } from './reliability.service';
import { type Assessment, type RiskSettings, driversOf, riskOf, triggerOf } from './risk';
import type { EquipmentRef } from './sensors.repository';

/** How a model is named in answers and work orders: `rul:Pump:v3`. */
export const modelLabel = (equipmentType: string, version: number) => `rul:${equipmentType}:v${version}`;

export function healthRow(assessment: Assessment, risk: number, horizonDays: number): Omit<HealthRow, 'updatedAt'> {
  const { rul, failure, anomaly, model } = assessment;
  return {
    equipmentId: assessment.equipmentId,
    organizationId: assessment.organizationId,
    rulEstimate: rul?.estimate ?? null,
    rulLower: rul?.lower ?? null,
    rulUpper: rul?.upper ?? null,
    rulUnit: rul?.unit ?? null,
    failureProbability: failure?.probability ?? null,
    horizonDays: failure?.horizonDays ?? horizonDays,
    confidence: rul?.confidence ?? null,
    anomalyScore: anomaly?.score ?? null,
    drivers: driversOf(assessment),
    modelId: model?.id ?? null,
    modelVersion: model?.label ?? null,
    risk,
    asOf: assessment.asOf,
  };
}

/**
 * The assessment run: every piece of equipment with sensors (of one organization, or all), each
 * assessed, stored as its latest health, and given a predictive work order when its risk crossed
 * the threshold. One piece of equipment failing to assess does not stop the others.
 */
@Injectable()
export class PredictiveScoring {
  private readonly logger = new Logger('predictive');
  /** The active model of each organization and type, parsed once per version (versions never change). */
  private readonly models = new Map<string, { id: string; json: RulModelJson }>();

  constructor(
    private readonly history: HistoryRepository,
    private readonly reliability: ReliabilityService,
    private readonly modelRows: ModelsRepository,
    private readonly assessor: HealthAssessor,
    private readonly health: HealthRepository,
    private readonly workOrders: PredictiveWorkOrders,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get horizonDays(): number {
    return this.config.predictive.horizonDays;
  }

  get settings(): RiskSettings {
    return { leadHours: this.config.predictive.leadHours, riskThreshold: this.config.predictive.riskThreshold };
  }

  async run(now = new Date(), organizationId?: string): Promise<ScoringResult> {
    const contexts = new Map<string, TypeContext>();
    const openedWorkOrderIds: string[] = [];
    let scored = 0;
    for (const equipment of await this.history.equipmentWithSensors(organizationId)) {
      try {
        const key = `${equipment.organizationId}|${equipment.type}`;
        const context = contexts.get(key) ?? (await this.contextOf(equipment.organizationId, equipment.type, now));
        contexts.set(key, context);
        const assessment = await this.assessor.assess(equipment, context, now, true);
        await this.health.upsert(healthRow(assessment, riskOf(assessment, this.settings), context.horizonDays));
        const trigger = triggerOf(assessment, this.settings, now);
        const mttr = context.reliability?.stats.mttr;
        const minutes = mttr ? Math.max(15, Math.round((mttr * 60) / 15) * 15) : null;
        const opened = await this.workOrders.act(equipment, assessment, trigger, this.settings, minutes, now);
        if (opened) openedWorkOrderIds.push(opened);
        scored++;
      } catch (error) {
        this.logger.warn(`Assessing ${equipment.equipmentNumber} (${equipment.id}) failed: ${(error as Error).message}`);
      }
    }
    return { scored, openedWorkOrderIds };
  }

  /** An assessment now without storing anything (equipment the job has not reached yet). */
  async preview(equipment: EquipmentRef, now = new Date()): Promise<{ assessment: Assessment; risk: number }> {
    const assessment = await this.assessor.assess(
      equipment,
      await this.contextOf(equipment.organizationId, equipment.type, now),
      now,
      false,
    );
    return { assessment, risk: riskOf(assessment, this.settings) };
  }

  private async contextOf(organizationId: string, equipmentType: string, now: Date): Promise<TypeContext> {
    const [reliability, active] = await Promise.all([
      this.reliability.ofType(organizationId, equipmentType, now),
      this.modelRows.active(organizationId, equipmentType),
    ]);
    let model: TypeContext['model'] = null;
    if (active) {
      const key = `${organizationId}|${equipmentType}`;
      let cached = this.models.get(key);
      if (cached?.id !== active.id) {
        cached = { id: active.id, json: (await this.modelRows.body(active.id)) as RulModelJson };
        this.models.set(key, cached);
      }
      model = { id: active.id, label: modelLabel(equipmentType, active.version), json: cached.json };
    }
    return { reliability, model, horizonDays: this.config.predictive.horizonDays };
  }
}
