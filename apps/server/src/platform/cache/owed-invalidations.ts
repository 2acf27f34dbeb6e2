import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { cacheOwedGenerations } from '../db/schema';

/** The NOTIFY channel an instance announces owed invalidations on; the payload is the cache's scope. */
const CHANNEL = 'msched_cache_owed';

/** Rows read at once: each settles with a DELETE of their ids. */
const BATCH = 1_000;

/** Some of what is owed to one shared cache: the distinct generations, and the rows they came from. */
export interface Owed {
  generations: string[];
  ids: number[];
}

/**
 * Invalidations owed to a shared cache, kept in the database. An instance that commits a write
 * but cannot reach Redis (a network partition that leaves it the database) records the
 * generations it could not bump and announces them with NOTIFY; every instance sharing the
 * cache listens, and one that reaches Redis bumps them and deletes the rows. The rows outlive
 * every instance: one that starts, or listens again after losing its connection, reads them
 * before it trusts the cache.
 */
export class OwedInvalidations {
  constructor(
    private readonly database: Database,
    /** The shared cache's scope (its key prefix): instances of other caches ignore these. */
    private readonly scope: string,
  ) {}

  /** Records `generations` as owed and tells every instance, in one transaction. */
  async record(generations: readonly string[]): Promise<void> {
    await this.database.transaction(async () => {
      await this.database.executor
        .insert(cacheOwedGenerations)
        .values(generations.map((generation) => ({ cachePrefix: this.scope, generation })));
      await this.database.executor.execute(sql`select pg_notify(${CHANNEL}, ${this.scope})`);
    });
  }

  /** The oldest of what is owed now, up to a batch (no ids when nothing is). */
  async read(): Promise<Owed> {
    const rows = await this.database.executor
      .select({ id: cacheOwedGenerations.id, generation: cacheOwedGenerations.generation })
      .from(cacheOwedGenerations)
      .where(eq(cacheOwedGenerations.cachePrefix, this.scope))
      .orderBy(asc(cacheOwedGenerations.id))
      .limit(BATCH);
    return { generations: [...new Set(rows.map((row) => row.generation))], ids: rows.map((row) => row.id) };
  }

  /**
   * Deletes the rows `read` answered, once their generations have been bumped. Only those: a
   * row committed meanwhile, even with a lower id, was not bumped and stays owed.
   */
  async settle(owed: Owed): Promise<void> {
    if (owed.ids.length === 0) return;
    await this.database.executor.delete(cacheOwedGenerations).where(inArray(cacheOwedGenerations.id, owed.ids));
  }

  /** Calls `onOwed` when any instance records owed invalidations for this cache; see `Database.listen`. */
  listen(onOwed: () => void, onState: (listening: boolean) => void): Promise<() => Promise<void>> {
    return this.database.listen(
      CHANNEL,
      (payload) => {
        if (payload === this.scope) onOwed();
      },
      onState,
    );
  }
}
