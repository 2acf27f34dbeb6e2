import { like } from 'drizzle-orm';
import type { Database } from '../database';
import { organizations } from '../schema';
import { demoPasswordHash } from './demo-plant';
import { buildOrganizationDataset } from './organization-dataset';
import { datasetRowCount, insertOrganizationDataset } from './persist';
import { Random } from './random';

const SCALE_SLUG = /^scale-(\d+)$/;

/**
 * Adds `scale` organizations shaped like the demo plant (about 500 work orders each) for load
 * and query-plan testing. Slugs continue after the highest existing `scale-<n>`, so repeated
 * runs add more plants instead of clashing. One transaction per organization keeps memory flat
 * and lets an interrupted run keep the plants it finished.
 */
export async function seedScale(
  database: Database,
  scale: number,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<{ organizations: number; workOrders: number }> {
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`scale must be a whole number ≥ 0, got ${scale}`);
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const passwordHash = await demoPasswordHash();
  const firstIndex = (await highestScaleIndex(database)) + 1;
  const reportEvery = Math.max(1, Math.ceil(scale / 20));
  const startedAt = performance.now();
  let workOrders = 0;
  let rows = 0;

  for (let offset = 0; offset < scale; offset++) {
    const slug = `scale-${firstIndex + offset}`;
    const dataset = buildOrganizationDataset({
      name: `Scale Plant ${firstIndex + offset}`,
      slug,
      emailDomain: `${slug}.example.com`,
      random: Random.fromText(slug),
      now,
      passwordHash,
    });
    await database.transaction(() => insertOrganizationDataset(database.executor, dataset));
    workOrders += dataset.workOrders.length;
    rows += datasetRowCount(dataset);
    if ((offset + 1) % reportEvery === 0 || offset + 1 === scale) {
      const seconds = (performance.now() - startedAt) / 1000;
      log(
        `  ${offset + 1}/${scale} organizations (${slug}), ${workOrders} work orders, ${rows} rows, ` +
          `${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001))} rows/s)`,
      );
    }
  }
  return { organizations: scale, workOrders };
}

async function highestScaleIndex(database: Database): Promise<number> {
  const rows = await database.db.select({ slug: organizations.slug }).from(organizations).where(like(organizations.slug, 'scale-%'));
  return rows.reduce((highest, { slug }) => {
    const match = SCALE_SLUG.exec(slug);
    return match ? Math.max(highest, Number(match[1])) : highest;
  }, 0);
}
