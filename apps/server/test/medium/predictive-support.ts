import type { sql } from 'drizzle-orm';
import { type AppConfig, loadConfig } from '../../src/config';
import { AlertsRepository } from '../../src/modules/predictive/alerts.repository';
import { HealthAssessor } from '../../src/modules/predictive/health-assessor';
import { HealthRepository } from '../../src/modules/predictive/health.repository';
import { HistoryRepository } from '../../src/modules/predictive/history.repository';
import { ModelTraining } from '../../src/modules/predictive/model-training';
import { ModelsRepository } from '../../src/modules/predictive/models.repository';
import { PredictiveScoring } from '../../src/modules/predictive/predictive-scoring';
import { PredictiveWorkOrders } from '../../src/modules/predictive/predictive-work-orders';
import { PredictiveService } from '../../src/modules/predictive/predictive.service';
import { ReadingsIngest } from '../../src/modules/predictive/readings-ingest';
import { ReadingsRepository } from '../../src/modules/predictive/readings.repository';
import { ReliabilityRepository } from '../../src/modules/predictive/reliability.repository';
import { ReliabilityService } from '../../src/modules/predictive/reliability.service';
import { SensorsRepository } from '../../src/modules/predictive/sensors.repository';
import { SensorsService } from '../../src/modules/predictive/sensors.service';
import { WorkOrderEvents } from '../../src/modules/work-orders/work-order-events';
import { TrainingData } from '../../src/modules/predictive/training-data';
import type { Database } from '../../src/platform/db/database';
import { equipment } from '../../src/platform/db/schema';
import type { Services } from './support';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The configuration of a test: the defaults, with the background jobs off. */
export function predictiveConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'x'.repeat(40),
    DATA_DIR: '/tmp/msched-test-data',
    PREDICTIVE_SCHEDULER: 'false',
    PREDICTIVE_SIMULATOR: 'false',
    ...env,
  });
}

/** The predictive module wired as the Nest module wires it, over one database. */
export function buildPredictive(database: Database, services: Services, config: AppConfig = predictiveConfig()) {
  const sensorsRepository = new SensorsRepository(database);
  const readings = new ReadingsRepository(database);
  const ingest = new ReadingsIngest(database, readings);
  const reliabilityRepository = new ReliabilityRepository(database);
  const reliability = new ReliabilityService(reliabilityRepository, sensorsRepository, config);
  const history = new HistoryRepository(database);
  const health = new HealthRepository(database);
  const alerts = new AlertsRepository(database);
  const models = new ModelsRepository(database);
  const training = new ModelTraining(
    database,
    models,
    new TrainingData(sensorsRepository, readings, reliabilityRepository, history),
    config,
  );
  const assessor = new HealthAssessor(sensorsRepository, readings, health, history);
  const workOrders = new PredictiveWorkOrders(
    database,
    alerts,
    history,
    services.workOrdersRepository,
    services.detailsRepository,
    new WorkOrderEvents(services.events.outbox, services.notifications, services.equipmentRepository),
    services.notifications,
    services.events.outbox,
  );
  const scoring = new PredictiveScoring(history, reliability, models, assessor, health, workOrders, config);
  return {
    config,
    sensorsRepository,
    readings,
    ingest,
    sensors: new SensorsService(database, sensorsRepository, readings, ingest),
    reliability,
    health,
    alerts,
    models,
    training,
    workOrders,
    scoring,
    predictive: new PredictiveService(sensorsRepository, health, models, training, scoring),
  };
}

export type Predictive = ReturnType<typeof buildPredictive>;

/** A piece of equipment of the fixture organization. */
export async function insertMachine(
  database: Database,
  organizationId: string,
  values: { equipmentNumber: string; type?: string; installDate?: Date; maintenanceManagerId?: string; ownerId?: string },
): Promise<string> {
  const [row] = await database.db
    .insert(equipment)
    .values({ organizationId, name: `Machine ${values.equipmentNumber}`, type: 'Pump', ...values })
    .returning({ id: equipment.id });
  return row!.id;
}

export async function countRows(database: Database, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await database.rows<{ n: number }>(query);
  return Number(row?.n ?? 0);
}
