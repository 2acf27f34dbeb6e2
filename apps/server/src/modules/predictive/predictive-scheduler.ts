import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { Database } from '../../platform/db/database';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { InProcessJobRunner, type JobRunner, PgBossJobRunner } from '../../platform/jobs/job-runner';
import { HistoryRepository } from './history.repository';
import { ModelTraining } from './model-training';
import { PredictiveScoring } from './predictive-scoring';

export const PREDICTIVE_JOB = 'predictive-score';
const UNTRAINABLE_RETRY_MS = 60 * 60_000;

/**
 * Every minute (and at start): retrains the models that are missing or older than
 * PREDICTIVE_RETRAIN_HOURS (in a worker, not awaited), then assesses every piece of equipment
 * with sensors. pg-boss on PostgreSQL runs it once across instances; a timer embedded.
 */
@Injectable()
export class PredictiveScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('predictive');
  private runner: JobRunner | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Types found without enough history, and when to look again (building the set reads all their readings). */
  private readonly untrainable = new Map<string, number>();

  constructor(
    private readonly scoring: PredictiveScoring,
    private readonly training: ModelTraining,
    private readonly history: HistoryRepository,
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.start();
  }

  /** Never fails the start of the server: a job queue that cannot be set up now is tried again in 30 s. */
  async start(): Promise<void> {
    if (!this.config.predictive.scheduler || this.stopped) return;
    const runner =
      this.database.kind === 'postgres' && this.config.databaseUrl
        ? new PgBossJobRunner(this.config.databaseUrl)
        : new InProcessJobRunner();
    this.runner = runner;
    try {
      await runner.everyMinute(PREDICTIVE_JOB, () => this.tick());
    } catch (error) {
      this.logger.warn(`Predictive job not scheduled (${(error as Error).message}); trying again in 30 s`);
      await runner.stop().catch(() => undefined);
      this.retry = setTimeout(() => void this.start(), 30_000);
      this.retry.unref();
    }
  }

  /** One round: start the trainings that are due, then assess. */
  async tick(now = new Date()): Promise<void> {
    await this.retrainDue(now);
    const result = await this.scoring.run(now);
    if (result.openedWorkOrderIds.length > 0) this.logger.log(`Opened ${result.openedWorkOrderIds.length} predictive work order(s)`);
  }

  async retrainDue(now: Date): Promise<void> {
    const types = new Map<string, { organizationId: string; type: string; units: number }>();
    for (const equipment of await this.history.equipmentWithSensors()) {
      const key = `${equipment.organizationId}|${equipment.type}`;
      const entry = types.get(key) ?? { organizationId: equipment.organizationId, type: equipment.type, units: 0 };
      entry.units++;
      types.set(key, entry);
    }
    // Trainings queue up: the types with the most equipment to assess go first.
    const ordered = [...types.values()].sort((a, b) => b.units - a.units);
    for (const { organizationId, type } of ordered) {
      const key = `${organizationId}|${type}`;
      if ((this.untrainable.get(key) ?? 0) > now.getTime()) continue;
      try {
        if (await this.training.isDue(organizationId, type, now)) await this.training.start(organizationId, type, null, now);
      } catch (error) {
        // No failure history yet is the normal state of new equipment; the anomaly score still works.
        if (error instanceof AppError && error.code === ErrorCode.Conflict) {
          this.untrainable.set(key, now.getTime() + UNTRAINABLE_RETRY_MS);
          continue;
        }
        this.logger.warn(`Retraining ${type} failed to start: ${(error as Error).message}`);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.runner?.stop();
  }
}
