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

  constructor(
    private readonly generator: PmGenerator,
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    if (!this.config.pmScheduler) return;
    this.runner =
      this.database.kind === 'postgres' && this.config.databaseUrl
        ? new PgBossJobRunner(this.config.databaseUrl)
        : new InProcessJobRunner();
    await this.runner.everyMinute(PM_JOB, async () => {
      const generated = await this.generator.run();
      if (generated.length > 0) this.logger.log(`Generated ${generated.length} PM work order(s)`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner?.stop();
  }
}
