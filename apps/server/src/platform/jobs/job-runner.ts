import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';

/**
 * Background jobs behind one interface: pg-boss on PostgreSQL (every instance may register the
 * same job; pg-boss hands each scheduled run to one of them), an in-process timer on the
 * embedded database (one instance by definition). Jobs must be safe to run twice anyway: what
 * they produce is guarded by database constraints.
 */
export abstract class JobRunner {
  abstract readonly kind: 'pg-boss' | 'in-process';
  /** Runs `handler` now and then every minute (cron `* * * * *` on pg-boss), never overlapping itself on one instance. */
  abstract everyMinute(name: string, handler: () => Promise<void>): Promise<void>;
  abstract stop(): Promise<void>;
}

export class InProcessJobRunner extends JobRunner {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('jobs');
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly intervalMs = 60_000) {
    super();
  }

  async everyMinute(name: string, handler: () => Promise<void>): Promise<void> {
    let busy = false;
    const run = () => {
      if (busy) return;
      busy = true;
      const job = handler()
        .catch((error: unknown) => this.logger.warn(`Job ${name} failed: ${(error as Error).message}`))
        .finally(() => {
          busy = false;
          this.running.delete(job);
        });
      this.running.add(job);
    };
    run();
    const timer = setInterval(run, this.intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.all(this.running);
  }
}

/** How long a pg-boss run may stay active before it is taken for dead (pg-boss's default is 15 minutes). */
const EXPIRE_SECONDS = 300;

export class PgBossJobRunner extends JobRunner {
  readonly kind = 'pg-boss' as const;
  private readonly logger = new Logger('jobs');
  private readonly boss: PgBoss;
  private started: Promise<unknown> | undefined;

  constructor(connectionString: string) {
    super();
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 3, application_name: 'maintenance-scheduler-jobs' });
    this.boss.on('error', (error: Error) => this.logger.warn(`pg-boss: ${error.message}`));
  }

  async everyMinute(name: string, handler: () => Promise<void>): Promise<void> {
    this.started ??= this.boss.start();
    await this.started;
    // Instances starting together race to create the same queue; PostgreSQL may pick one as a
    // deadlock victim. The work is idempotent: look first, and try again after a short pause.
    // A run left active by an instance that died holds the singleton queue until it expires:
    // every-minute work takes seconds, so after EXPIRE_SECONDS it is taken for dead (jobs are
    // safe to run twice). Queues made before keep their old expiry until updated here.
    const queue = { name, policy: 'singleton' as const, expireInSeconds: EXPIRE_SECONDS };
    await retryOnDeadlock(async () => {
      const existing = await this.boss.getQueue(name);
      if (!existing) await this.boss.createQueue(name, queue);
      else if (existing.expireInSeconds !== EXPIRE_SECONDS) await this.boss.updateQueue(name, queue);
    });
    await retryOnDeadlock(() => this.boss.schedule(name, '* * * * *'));
    await this.boss.work(name, async () => {
      await handler();
    });
    // Catch up at start rather than waiting for the next minute; singleton: one at a time across instances.
    await this.boss.send(name, {}, { singletonKey: 'startup', singletonSeconds: 30 });
  }

  async stop(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/** Runs `work`, again (up to 5 times, with a growing random pause) when PostgreSQL reports a deadlock (40P01). */
async function retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 5 || (error as { code?: string }).code !== '40P01') throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * (50 + Math.random() * 100)));
    }
  }
}
