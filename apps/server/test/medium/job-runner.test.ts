import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBossJobRunner } from '../../src/platform/jobs/job-runner';
import { usingPostgres } from '../support/infrastructure';
import { sharedPostgres } from '../support/server-process';

/**
 * Every-minute work on pg-boss (PostgreSQL only: the embedded database runs jobs on a timer). A
 * run left active by an instance that died holds a singleton queue until pg-boss takes it for
 * dead; our queues say so after 5 minutes, not pg-boss's 15, including queues made before.
 */
describe.skipIf(!usingPostgres())('jobs on pg-boss (PostgreSQL)', () => {
  let shared: NonNullable<Awaited<ReturnType<typeof sharedPostgres>>>;
  let boss: PgBoss;

  beforeAll(async () => {
    shared = (await sharedPostgres())!;
    boss = new PgBoss({ connectionString: shared.url, schema: 'pgboss', max: 2, supervise: false, schedule: false });
    await boss.start();
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await shared?.dispose();
  });

  async function registered(name: string, handler: () => Promise<void> = async () => {}) {
    const runner = new PgBossJobRunner(shared.url);
    try {
      await runner.everyMinute(name, handler);
      return await boss.getQueue(name);
    } finally {
      await runner.stop();
    }
  }

  it('makes its singleton queue with a 5-minute expiry', async () => {
    const queue = await registered('fresh-job');
    expect(queue).toMatchObject({ name: 'fresh-job', policy: 'singleton', expireInSeconds: 300 });
  });

  it("moves a queue made with pg-boss's default expiry (15 minutes) to 5 minutes", async () => {
    await boss.createQueue('older-job', { name: 'older-job', policy: 'singleton' });
    // No expiry of its own: pg-boss's default of 15 minutes applies.
    expect((await boss.getQueue('older-job'))?.expireInSeconds ?? null).toBeNull();
    const queue = await registered('older-job');
    expect(queue).toMatchObject({ policy: 'singleton', expireInSeconds: 300 });
  });

  it('asks for a run at start rather than waiting for the next minute, and runs it', async () => {
    const runner = new PgBossJobRunner(shared.url);
    try {
      let ran!: () => void;
      const handled = new Promise<void>((resolve) => (ran = resolve));
      await runner.everyMinute('started-job', async () => ran());
      const rows = await shared.database.rows<{ singleton_key: string | null }>(
        sql`select singleton_key from pgboss.job where name = 'started-job'`,
      );
      expect(rows.map((row) => row.singleton_key)).toContain('startup');
      await handled;
    } finally {
      await runner.stop();
    }
  });
});
