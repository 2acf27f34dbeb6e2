import 'reflect-metadata';
import { join } from 'node:path';
import { createApp } from './app';
import { ConfigError, type AppConfig, loadConfig } from './config';
import { type Cache, MemoryCache } from './platform/cache/cache';
import { RedisCache } from './platform/cache/redis-cache';
import { Database } from './platform/db/database';
import { databaseTargetOf } from './platform/db/database-target';
import { seedDemoOrganization } from './platform/db/seed/demo-plant';

/** How long a stopping server may take to close its connections and hooks (container runtimes wait 10–30 s). */
const SHUTDOWN_GRACE_MS = 10_000;

export async function openInfrastructure(config: AppConfig): Promise<{ database: Database; cache: Cache }> {
  const database = await Database.open(databaseTargetOf(config));
  const cache = config.redisUrl ? await RedisCache.connect(config.redisUrl) : new MemoryCache(Date.now, config.cacheMemoryBytes);
  return { database, cache };
}

async function main() {
  // A promise a library left without a handler (pg-boss completes a job without awaiting it, and
  // that fails while the database is away) must not take every request down with it: logged.
  process.on('unhandledRejection', (reason) => console.error('Unhandled promise rejection; the server carries on:', reason));
  const config = loadConfig();
  const { database, cache } = await openInfrastructure(config);
  await database.migrate();
  if (config.seedDemo) {
    const { seeded } = await seedDemoOrganization(database);
    if (seeded) console.log('Seeded the demo organization "Demo Plant".');
  }
  const app = await createApp({ config, database, cache });
  // The one way out on a signal: app.close() runs every module's shutdown hooks, then the cache
  // and the database close. (Nest's own signal hooks would run them a second time and end the
  // process by the signal before the database had closed.)
  const shutdown = async () => {
    // A hook that never settles must not keep a stopping server alive past the orchestrator's patience.
    setTimeout(() => {
      console.error(`Shutdown did not finish within ${SHUTDOWN_GRACE_MS / 1000} s; exiting.`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close();
    await cache.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  console.log(
    [
      '',
      `Maintenance scheduler listening on ${url}`,
      `  API docs:   ${url}/api/docs`,
      `  Health:     ${url}/api/health`,
      `  Database:   ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${join(config.dataDir, 'pgdata')}` : 'PostgreSQL (DATABASE_URL)'}`,
      `  Cache:      ${cache.kind === 'redis' ? 'Redis (REDIS_URL)' : 'in-process'}`,
      ...(config.seedDemo
        ? [
            '  Demo logins (password "demo-password"):',
            '    admin@example.com, manager@example.com, planner@example.com,',
            '    tech1@example.com … tech12@example.com, requester@example.com',
          ]
        : []),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
