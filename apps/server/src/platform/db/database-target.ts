import { join } from 'node:path';
import type { AppConfig } from '../../config';
import type { DatabaseTarget } from './database';

/**
 * Where the configured database is: PostgreSQL at DATABASE_URL with the configured pool, else the
 * embedded one in DATA_DIR. `batch` (the seed and org:create commands) lifts the statement time
 * limit, which is for requests.
 */
export function databaseTargetOf(config: AppConfig, options: { batch?: boolean } = {}): DatabaseTarget {
  if (!config.databaseUrl) return { pgliteDir: join(config.dataDir, 'pgdata') };
  return { url: config.databaseUrl, pool: options.batch ? { ...config.databasePool, queryTimeoutMillis: 0 } : config.databasePool };
}
