import { type RulModelJson, trainRulModelInWorker } from '@msched/predict';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { Database } from '../../platform/db/database';
import { UNIQUE_VIOLATION, sqlStateOf } from '../../platform/db/errors';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { type ModelSummary, ModelsRepository, TRAINING_INTERRUPTED } from './models.repository';
import { type TrainingSet, TrainingData } from './training-data';

/** A training not finished after this long was cut short by a stopped server. */
const STALE_TRAINING_MS = 30 * 60_000;
/** Rolling windows of a day of hourly samples. */
const WINDOW_HOURS = 24;
/**
 * Units held back to calibrate the interval: half of them once there are enough for stable
 * quantiles (a lower bound that wanders would open work on healthy equipment), a quarter before.
 */
const calibrationShare = (failed: number) => (failed >= 20 ? 0.5 : 0.25);

/**
 * Trains remaining-useful-life models per equipment type in a worker thread, stores each as a
 * new version with its held-out evaluation, and makes the newest ready version active.
 */
@Injectable()
export class ModelTraining implements OnModuleDestroy {
  private readonly logger = new Logger('predictive');
  private readonly inFlight = new Set<Promise<void>>();
  /** One training at a time per instance: each takes a core for tens of seconds. */
  private queue: Promise<void> = Promise.resolve();
  /** Aborted when the server stops: queued and running trainings end at once instead of delaying the exit. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly database: Database,
    private readonly models: ModelsRepository,
    private readonly data: TrainingData,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Predictions above this many hours read "at least this long": a few lead times. */
  get capHours(): number {
    return Math.max(168, 4 * this.config.predictive.leadHours);
  }

  /**
   * Starts training and answers the new version (TRAINING) at once; 409 when there is nothing to
   * learn from. A training of the type already queued or running answers instead: it learns from
   * the same history, and each takes a core for tens of seconds, so repeated requests must not
   * pile up versions.
   */
  async start(organizationId: string, equipmentType: string, requestedBy: string | null, now = new Date()): Promise<ModelSummary> {
    const latest = await this.models.latest(organizationId, equipmentType);
    if (latest?.status === 'TRAINING' && now.getTime() - latest.createdAt.getTime() < STALE_TRAINING_MS) return latest;
    const set = await this.data.build(organizationId, equipmentType, now);
    const failed = set.trajectories.filter((trajectory) => trajectory.failedAt !== undefined).length;
    if (failed < 2 || set.sensors.length === 0) {
      throw new AppError(
        ErrorCode.Conflict,
        `Not enough run-to-failure history for ${equipmentType}: ${failed} failure(s) with sensor readings before them; at least 2 are needed (failures are CORRECTIVE or EMERGENCY work orders completed with a failure mode, on equipment with sensors)`,
      );
    }
    const row = await this.models.create({ organizationId, equipmentType, sensors: set.sensors, requestedBy });
    const job = this.queue.then(() => this.train(row, set)).finally(() => this.inFlight.delete(job));
    this.queue = job;
    this.inFlight.add(job);
    return row;
  }

  /** Whether a type has no active model, or one older than PREDICTIVE_RETRAIN_HOURS, and none training. */
  async isDue(organizationId: string, equipmentType: string, now: Date): Promise<boolean> {
    await this.models.failStale(new Date(now.getTime() - STALE_TRAINING_MS));
    const latest = await this.models.latest(organizationId, equipmentType);
    if (latest?.status === 'TRAINING') return false;
    const active = await this.models.active(organizationId, equipmentType);
    const retrainMs = this.config.predictive.retrainHours * 3_600_000;
    // A failed attempt waits for the next retraining period too, instead of failing every minute;
    // one a stopping server cut short says nothing about the data, so it does not count.
    const failed = latest?.status === 'FAILED' && latest.error !== TRAINING_INTERRUPTED;
    const last = failed ? latest.createdAt : active?.trainedAt;
    return !last || now.getTime() - last.getTime() >= retrainMs;
  }

  /** Waits for the trainings this instance started (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Ends the trainings in flight and records them as interrupted, so the next start trains again. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort(new Error(TRAINING_INTERRUPTED));
    await this.settled();
  }

  private async train(row: ModelSummary, set: TrainingSet): Promise<void> {
    try {
      const model: RulModelJson = await trainRulModelInWorker(
        set.trajectories,
        {
          sensors: set.sensors,
          unit: 'hours',
          cap: this.capHours,
          window: WINDOW_HOURS,
          calibrationShare: calibrationShare(set.trajectories.filter((trajectory) => trajectory.failedAt !== undefined).length),
          seed: row.version,
        },
        this.stopping.signal,
      );
      await this.complete(row, {
        status: 'READY',
        body: model,
        evaluation: model.evaluation ? { ...model.evaluation } : null,
        trainedOn: set.trainedOn,
        trainedAt: new Date(),
      });
      this.logger.log(`Trained ${row.equipmentType} model v${row.version} on ${set.trajectories.length} histories`);
    } catch (error) {
      const message = (error as Error).message;
      const outcome = this.stopping.signal.aborted ? 'stopped' : 'failed';
      this.logger.warn(`Training ${row.equipmentType} model v${row.version} ${outcome}: ${message}`);
      await this.models.finish(row.id, { status: 'FAILED', error: message.slice(0, 2000) }).catch(() => undefined);
    }
  }

  /**
   * Stores the trained version and makes it active in one transaction, so no reader sees it
   * ready but not yet in use. The newest version wins: one finishing after a newer one stays
   * inactive.
   */
  private async complete(row: ModelSummary, changes: Parameters<ModelsRepository['finish']>[1]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.database.transaction(async () => {
          await this.models.finish(row.id, changes);
          const current = await this.models.lockActive(row.organizationId, row.equipmentType);
          if (current && current.version > row.version) return;
          if (current) await this.models.setActive(current.id, false);
          await this.models.setActive(row.id, true);
        });
        return;
      } catch (error) {
        // Another version was activated between our look and our write: look again.
        if (attempt >= 3 || sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
      }
    }
  }
}
