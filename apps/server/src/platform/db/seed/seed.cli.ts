import { loadConfig } from '../../../config';
import { Database } from '../database';
import { databaseTargetOf } from '../database-target';
import { seedDemoOrganization } from './demo-plant';
import { seedScale } from './scale';

const USAGE = 'Usage: npm run seed -- [--scale N]   (N: whole number ≥ 1, default 1)';

class UsageError extends Error {}

/** Reads `--scale N` or `--scale=N`; anything else is a usage error. */
export function parseScale(args: readonly string[]): number {
  let raw: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--scale') {
      raw = args[++index];
      if (raw === undefined) throw new UsageError('--scale needs a value');
    } else if (arg.startsWith('--scale=')) {
      raw = arg.slice('--scale='.length);
    } else {
      throw new UsageError(`Unknown argument: ${arg}`);
    }
  }
  if (raw === undefined) return 1;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new UsageError(`--scale must be a whole number ≥ 1, got "${raw}"`);
  }
  return Number(raw);
}

/** `npm run seed -- --scale N`: the demo plant (if missing) plus N scale-test organizations. */
async function main(): Promise<void> {
  const scale = parseScale(process.argv.slice(2));
  const config = loadConfig();
  if (config.nodeEnv === 'production') {
    throw new UsageError('Refusing to seed: seeded accounts share a published password (NODE_ENV=production).');
  }
  const startedAt = performance.now();
  const elapsed = () => ((performance.now() - startedAt) / 1000).toFixed(1);
  const database = await Database.open(databaseTargetOf(config, { batch: true }));
  try {
    await database.migrate();
    console.log(`Database ready (${database.kind}).`);
    const demo = await seedDemoOrganization(database);
    console.log(demo.seeded ? 'Demo Plant seeded.' : 'Demo Plant already present, left unchanged.');
    console.log(`Seeding ${scale} scale organization(s)…`);
    const result = await seedScale(database, scale, { log: (line) => console.log(line) });
    console.log(
      `Done: ${result.organizations} organization(s), ${result.workOrders} work orders ` +
        `(~${Math.round(result.workOrders / result.organizations)} per organization) in ${elapsed()} s.`,
    );
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error);
    process.exit(1);
  });
}
