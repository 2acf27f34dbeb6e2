import { join } from 'node:path';
import { loadConfig } from '../../config';
import { Database } from './database';

/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
async function main() {
  const config = loadConfig();
  const database = await Database.open(config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: join(config.dataDir, 'pgdata') });
  try {
    await database.migrate();
    console.log(`Migrations applied (${database.kind}).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
