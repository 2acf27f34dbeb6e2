import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { Database } from '../../platform/db/database';
import { InProcessJobRunner, JobRunner, PgBossJobRunner } from '../../platform/jobs/job-runner';
import { PmGenerator } from './pm-generator';

export const PM_JOB = 'pm-generate';

/** Runs PM generation at start (catch-up after downtime) and every minute after. */
@Injectable()
export class PmScheduler implements OnModuleDestroy {
  private readonly logger = new Logger(PmScheduler.name);
  private runner: JobRunner | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly generator: PmGenerator,
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Never fails the start of the server: a job queue that cannot be set up now is tried again in 30 s. */
  async start(): Promise<void> {
    if (!this.config.pmScheduler || this.stopped) return;
    const runner =
      this.database.kind === 'postgres' && this.config.databaseUrl
        ? new PgBossJobRunner(this.config.databaseUrl)
        : new InProcessJobRunner();
    this.runner = runner;
    try {
      await runner.everyMinute(PM_JOB, async () => {
        const generated = await this.generator.run();
        if (generated.length > 0) this.logger.log(`Generated ${generated.length} PM work order(s)`);
      });
    } catch (error) {
      this.logger.warn(`PM job not scheduled (${(error as Error).message}); trying again in 30 s`);
      await runner.stop().catch(() => undefined);
      this.retry = setTimeout(() => void this.start(), 30_000);
      this.retry.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.runner?.stop();
  }
}
