import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type Cache, MemoryCache } from '../../src/platform/cache/cache';
import { RedisCache } from '../../src/platform/cache/redis-cache';
import { DEFAULT_POOL, Database } from '../../src/platform/db/database';

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database on the server named
 * by DATABASE_URL (dropped afterwards), or an in-memory PGlite when it is not set.
 */
export async function freshDatabase(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await Database.open({ pgliteDir: 'memory://' });
    await database.migrate();
    return { database, dispose: () => database.close() };
  }
  const name = `msched_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // No statement time limit: set-ups write large tables in one statement (query plans on 200,000 rows).
  const database = await Database.open({ url: url.toString(), pool: { ...DEFAULT_POOL, max: 5, min: 0, queryTimeoutMillis: 0 } });
  await database.migrate();
  return {
    database,
    // Dropped even when closing fails (a test that closed the database itself, say): it would
    // otherwise stay on the server after every run.
    dispose: async () => {
      try {
        await database.close();
      } finally {
        const cleanup = new Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      }
    },
  };
}

/** Redis (with a key prefix of its own) when REDIS_URL is set, else the in-process cache. */
export async function freshCache(): Promise<Cache> {
  const url = process.env.REDIS_URL;
  if (!url) return new MemoryCache();
  return RedisCache.connect(url, `msched-test:${randomBytes(4).toString('hex')}:`);
}

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);
