import type {
  EquipmentHealth,
  FleetPage,
  FleetQuery,
  ModelListQuery,
  PredictiveModel,
  PredictiveModelPage,
  ScoringResult,
  TrainModelRequest,
} from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { iso, isoOrNull } from '../../platform/http/mapping';
import { type HealthRow, HealthRepository } from './health.repository';
import { ModelTraining } from './model-training';
import { type ModelSummary, ModelsRepository } from './models.repository';
import { PredictiveScoring, healthRow } from './predictive-scoring';
import { SensorsRepository } from './sensors.repository';

type StoredHealth = Omit<HealthRow, 'updatedAt' | 'organizationId'>;

export function toHealth(row: StoredHealth, predictiveWorkOrderId: string | null): EquipmentHealth {
  return {
    equipmentId: row.equipmentId,
    rul:
      row.rulEstimate !== null && row.rulLower !== null && row.rulUpper !== null
        ? { estimate: row.rulEstimate, lower: row.rulLower, upper: row.rulUpper, unit: row.rulUnit ?? 'hours' }
        : null,
    failureProbability: row.failureProbability !== null ? { horizonDays: row.horizonDays, probability: row.failureProbability } : null,
    confidence: row.confidence,
    anomalyScore: row.anomalyScore,
    drivers: row.drivers,
    modelVersion: row.modelVersion,
    asOf: isoOrNull(row.asOf),
    risk: row.risk,
    predictiveWorkOrderId,
  };
}

export const toModel = (row: ModelSummary): PredictiveModel => ({
  id: row.id,
  kind: row.kind,
  equipmentType: row.equipmentType,
  version: row.version,
  status: row.status,
  active: row.active,
  sensors: row.sensors,
  evaluation: row.evaluation,
  trainedOn: row.trainedOn,
  error: row.error,
  createdAt: iso(row.createdAt),
  trainedAt: isoOrNull(row.trainedAt),
});

/** Equipment health, the fleet by risk, and the models behind them, for HTTP callers. */
@Injectable()
export class PredictiveService {
  constructor(
    private readonly sensors: SensorsRepository,
    private readonly health: HealthRepository,
    private readonly models: ModelsRepository,
    private readonly training: ModelTraining,
    private readonly scoring: PredictiveScoring,
  ) {}

  async healthOf(principal: Principal, equipmentId: string): Promise<EquipmentHealth> {
    const equipment = await this.sensors.equipment(principal.organizationId, equipmentId);
    if (!equipment) throw AppError.notFound('Equipment');
    const stored = await this.health.find(principal.organizationId, equipmentId);
    if (stored) return toHealth(stored.health, stored.predictiveWorkOrderId);
    const { assessment, risk } = await this.scoring.preview(equipment);
    return toHealth(healthRow(assessment, risk, this.scoring.horizonDays), await this.health.openWorkOrderOf(equipmentId));
  }

  async fleet(principal: Principal, query: FleetQuery): Promise<FleetPage> {
    const { rows, total } = await this.health.fleet(principal.organizationId, query);
    return {
      data: rows.map((row) => ({ ...toHealth(row.health, row.predictiveWorkOrderId), equipment: row.equipment })),
      total,
      page: query.page,
      limit: query.limit,
    };
  }

  async listModels(principal: Principal, query: ModelListQuery): Promise<PredictiveModelPage> {
    const { rows, total } = await this.models.page(principal.organizationId, query);
    return { data: rows.map(toModel), total, page: query.page, limit: query.limit };
  }

  async train(principal: Principal, request: TrainModelRequest): Promise<PredictiveModel> {
    return toModel(await this.training.start(principal.organizationId, request.equipmentType, principal.userId));
  }

  scoreNow(principal: Principal): Promise<ScoringResult> {
    return this.scoring.run(new Date(), principal.organizationId);
  }
}
