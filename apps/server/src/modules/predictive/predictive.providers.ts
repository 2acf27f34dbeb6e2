import { AlertsRepository } from './alerts.repository';
import { DigitalTwins } from './digital-twins';
import { HealthAssessor } from './health-assessor';
import { HealthRepository } from './health.repository';
import { HistoryRepository } from './history.repository';
import { ModelTraining } from './model-training';
import { ModelsRepository } from './models.repository';
import { MqttIngest } from './mqtt-ingest';
import { PredictiveScheduler } from './predictive-scheduler';
import { PredictiveScoring } from './predictive-scoring';
import { PredictiveWorkOrders } from './predictive-work-orders';
import { PredictiveController } from './predictive.controller';
import { PredictiveService } from './predictive.service';
import { ReadingsIngest } from './readings-ingest';
import { ReadingsRepository } from './readings.repository';
import { ReliabilityRepository } from './reliability.repository';
import { ReliabilityService } from './reliability.service';
import { SensorsController } from './sensors.controller';
import { SensorsRepository } from './sensors.repository';
import { SensorsService } from './sensors.service';
import { TrainingData } from './training-data';
import { TwinsRepository } from './twins.repository';

/** Predictive maintenance, as the application module registers it. */
export const PREDICTIVE_CONTROLLERS = [SensorsController, PredictiveController];

export const PREDICTIVE_PROVIDERS = [
  SensorsRepository,
  ReadingsRepository,
  ReadingsIngest,
  SensorsService,
  ReliabilityRepository,
  ReliabilityService,
  HistoryRepository,
  HealthRepository,
  AlertsRepository,
  ModelsRepository,
  TrainingData,
  ModelTraining,
  HealthAssessor,
  PredictiveWorkOrders,
  PredictiveScoring,
  PredictiveService,
  PredictiveScheduler,
  MqttIngest,
  TwinsRepository,
  DigitalTwins,
];
