import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { Client, Pool, escapeIdentifier, types } from 'pg';
import { isTransientConnectionError, sqlStateOf } from './errors';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Where to connect: a PostgreSQL URL, or a PGlite directory (`memory://` for a throw-away one). */
export type DatabaseTarget = { url: string; pool?: PoolSettings } | { pgliteDir: string };

/** Connection pool settings (the design brief's defaults). */
export interface PoolSettings {
  max: number;
  min: number;
  idleTimeoutMillis: number;
  connectionTimeoutMillis: number;
  /** A connection is replaced after this many queries, spreading load after a failover. */
  maxUses: number;
  applicationName: string;
  /**
   * A statement (PostgreSQL's `statement_timeout`) and the wait for its answer (the driver's,
   * for a server that stops answering) end after this long; 0 = never. Migrations run without.
   */
  queryTimeoutMillis: number;
}

export const DEFAULT_POOL: PoolSettings = {
  max: 20,
  min: 2,
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 2_000,
  maxUses: 7_500,
  applicationName: 'maintenance-scheduler',
  queryTimeoutMillis: 30_000,
};

const MIGRATION_LOCK_KEY = 72_410_001;

/** Runs a statement's text with positional values and answers its rows as arrays (see `Database.arrays`). */
type ArrayQuery = (text: string, values: unknown[]) => Promise<unknown[][]>;

/** See `Database.listen`. */
type Listen = (channel: string, onNotice: (payload: string) => void, onState: (listening: boolean) => void) => Promise<() => Promise<void>>;

/** How long a lost listening connection waits before it connects again, at most. */
const LISTEN_RETRY_MAX_MS = 5_000;
/**
 * How often a listening connection is asked a `select 1`, and how long it has to answer before it
 * counts as lost: a connection cut without a word (a partition) never ends by itself, and would
 * go on looking like one that hears every notice.
 */
const LISTEN_HEARTBEAT_MS = 5_000;
const LISTEN_HEARTBEAT_TIMEOUT_MS = 3_000;

/** Tries in all for a transaction that PostgreSQL ends as a deadlock victim or a serialization failure. */
export const TRANSACTION_ATTEMPTS = 3;
const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';

const asText = (value: string) => value;
const TIMESTAMPTZ = 1184;

/** pg's parsers, but timestamptz stays PostgreSQL's text, as Drizzle's own statements receive it. */
const TEXT_TIMESTAMPS = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === TIMESTAMPTZ ? asText : types.getTypeParser(oid, format)),
};

/**
 * The one database handle of the process. Repositories read `executor`, which is the open
 * transaction when a service runs inside `transaction()`, so services compose repository calls
 * atomically without passing a transaction object around.
 */
export class Database {
  private readonly currentTransaction = new AsyncLocalStorage<{ tx: Db; afterCommit: (() => void)[]; awaited: (() => Promise<void>)[] }>();

  private constructor(
    readonly db: Db,
    readonly kind: 'pglite' | 'postgres',
    private readonly closeConnection: () => Promise<void>,
    private readonly runMigrations: () => Promise<void>,
    private readonly queryArrays: ArrayQuery,
    private readonly listenTo: Listen,
    private readonly pool?: Pool,
  ) {}

  static async open(target: DatabaseTarget): Promise<Database> {
    if ('url' in target) {
      const settings = { ...DEFAULT_POOL, ...target.pool };
      const pool = new Pool({
        connectionString: target.url,
        max: settings.max,
        min: settings.min,
        idleTimeoutMillis: settings.idleTimeoutMillis,
        connectionTimeoutMillis: settings.connectionTimeoutMillis,
        maxUses: settings.maxUses,
        application_name: settings.applicationName,
        // A request holding a connection to a server that stopped answering gets an error (503),
        // not a wait without end; a partition is noticed by the operating system's keepalives.
        ...(settings.queryTimeoutMillis > 0
          ? { statement_timeout: settings.queryTimeoutMillis, query_timeout: settings.queryTimeoutMillis }
          : {}),
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
      });
      // An idle client losing its server must not crash the process; the pool replaces it.
      pool.on('error', () => undefined);
      // Nor may one in use (in a transaction, between its statements): while a client is checked
      // out the pool does not listen to it, and an 'error' event nobody hears ends the process.
      // The statement under way fails on its own, and the pool drops the client when it comes back.
      pool.on('connect', (client) => client.on('error', () => undefined));
      const db = drizzleNodePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
      return new Database(
        db,
        'postgres',
        () => pool.end(),
        async () => {
          // A connection of its own, without the pool's time limits: an index built on a large
          // table may take minutes.
          const client = new Client({ connectionString: target.url, application_name: `${settings.applicationName}:migrate` });
          client.on('error', () => undefined);
          await client.connect();
          try {
            // Several instances may start together: one migrates, the others wait.
            await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
            await migrateNodePg(drizzleNodePg(client), { migrationsFolder: migrationsFolder() });
          } finally {
            await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
            await client.end().catch(() => undefined);
          }
        },
        async (text, values) => (await pool.query<unknown[]>({ text, values, rowMode: 'array', types: TEXT_TIMESTAMPS })).rows,
        (channel, onNotice, onState) => listenOnPostgres(target.url, settings, channel, onNotice, onState),
        pool,
      );
    }
    if (!target.pgliteDir.startsWith('memory://')) mkdirSync(target.pgliteDir, { recursive: true });
    const client = await PGlite.create(target.pgliteDir, { extensions: { pg_trgm, btree_gin } });
    const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
    return new Database(
      db,
      'pglite',
      () => client.close(),
      async () => {
        await migratePglite(drizzlePglite(client), { migrationsFolder: migrationsFolder() });
      },
      async (text, values) => (await client.query<unknown[]>(text, values, { rowMode: 'array', parsers: { [TIMESTAMPTZ]: asText } })).rows,
      async (channel, onNotice, onState) => {
        // In process: nothing to lose, so it listens from here to the end.
        const stop = await client.listen(channel, onNotice);
        onState(true);
        return stop;
      },
    );
  }

  /** The open transaction of this async context, or the shared handle. */
  get executor(): Db {
    return this.currentTransaction.getStore()?.tx ?? this.db;
  }

  /**
   * Runs `work` in one transaction; nested calls join the outer one. When PostgreSQL ends the
   * transaction as a deadlock victim (40P01) or for a serialization failure (40001), nothing of it
   * was committed, and `work` runs again in a new transaction, up to TRANSACTION_ATTEMPTS times in
   * all after a short random pause: so `work` must do nothing but database work (and register
   * after-commit follow-ups), which every caller does. `retry: false` leaves the retrying to the
   * caller (the event dispatcher's rounds, which its poll runs again anyway).
   */
  async transaction<T>(work: () => Promise<T>, options: { retry?: boolean } = {}): Promise<T> {
    if (this.currentTransaction.getStore()) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactionOnce(work);
      } catch (error) {
        const state = sqlStateOf(error);
        if (options.retry === false || attempt >= TRANSACTION_ATTEMPTS || (state !== DEADLOCK && state !== SERIALIZATION_FAILURE))
          throw error;
        this.onTransactionRetry?.(state === DEADLOCK ? 'deadlock' : 'serialization');
        // Apart, so that the transactions that collided do not collide again in step.
        await new Promise((resolve) => setTimeout(resolve, attempt * (10 + Math.random() * 40)));
      }
    }
  }

  private async transactionOnce<T>(work: () => Promise<T>): Promise<T> {
    const afterCommit: (() => void)[] = [];
    const awaited: (() => Promise<void>)[] = [];
    const result = await this.db.transaction((tx) => this.currentTransaction.run({ tx: tx as unknown as Db, afterCommit, awaited }, work));
    for (const callback of afterCommit) {
      try {
        callback();
      } catch {
        // A follow-up (e.g. waking the event dispatcher) must not turn a committed change into an error.
      }
    }
    // Follow-ups the caller's answer waits for (cache invalidation), errors swallowed likewise.
    await Promise.all(awaited.map((callback) => callback().catch(() => undefined)));
    return result;
  }

  /**
   * Runs `callback` once the current transaction has committed (never after a rollback); at
   * once when no transaction is open.
   */
  afterCommit(callback: () => void): void {
    const store = this.currentTransaction.getStore();
    if (store) store.afterCommit.push(callback);
    else callback();
  }

  /**
   * Like `afterCommit`, but `transaction()` returns only once `callback` has settled: for
   * follow-ups a reader right after the write must see (cache invalidation).
   */
  async afterCommitAwaited(callback: () => Promise<void>): Promise<void> {
    const store = this.currentTransaction.getStore();
    if (store) store.awaited.push(callback);
    else await callback().catch(() => undefined);
  }

  get inTransaction(): boolean {
    return this.currentTransaction.getStore() !== undefined;
  }

  /**
   * Runs a read, up to `attempts` times, again after 100, 200, … ms, when the connection failed in a way
   * that a new connection may fix. Writes are not retried here: they run in transactions and
   * a retry could apply them twice.
   */
  async read<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= attempts || this.currentTransaction.getStore() || !isTransientConnectionError(error)) throw error;
        this.onRetry?.();
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      }
    }
  }

  /** Called on each read retry (metrics). */
  onRetry?: () => void;

  /** Called on each transaction run again after a deadlock or serialization failure (metrics). */
  onTransactionRetry?: (reason: 'deadlock' | 'serialization') => void;

  /** Pool figures for health and metrics; null on the embedded database. */
  poolStatus(): { total: number; idle: number; waiting: number; max: number } | null {
    return this.pool
      ? { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount, max: this.pool.options.max ?? 0 }
      : null;
  }

  /**
   * Takes a lock named `name` until the current transaction ends: changes that must not
   * interleave (where no one row stands for them all, e.g. a tree's shape) wait for each other.
   * The lock's key is 64 bits of the name's MD5: names hold user text (conflict groups), and a
   * 32-bit hash could be matched on purpose to another organization's lock, making unrelated
   * writes wait for each other (or deadlock).
   */
  async lockForTransaction(name: string): Promise<void> {
    if (!this.currentTransaction.getStore()) throw new Error('lockForTransaction needs a transaction');
    await this.rows(sql`select pg_advisory_xact_lock(('x' || left(md5(${name}), 16))::bit(64)::bigint)`);
  }

  /** Runs raw SQL and answers its rows (both drivers answer `{ rows }`). */
  async rows<T>(query: SQL): Promise<T[]> {
    const result = (await this.executor.execute(query)) as unknown as { rows: T[] };
    return result.rows;
  }

  /**
   * Runs a statement's text (as Drizzle wrote it) with positional values, outside any
   * transaction, and answers its rows as arrays in select order, with timestamptz values as
   * PostgreSQL's text: for hot reads that map rows to the API themselves, without Drizzle's
   * object per row and a Date per instant in between.
   */
  arrays(text: string, values: unknown[]): Promise<unknown[][]> {
    if (this.inTransaction) throw new Error('Database.arrays runs outside transactions only');
    return this.queryArrays(text, values);
  }

  migrate(): Promise<void> {
    return this.runMigrations();
  }

  /**
   * Calls `onNotice` with the payload of every NOTIFY on `channel` (from any instance), and
   * `onState` when listening starts or stops: on PostgreSQL a connection of its own, connected
   * again with backoff when lost. Notices sent while it is down are lost, which
   * `onState(false)` says. Answers a function that stops listening.
   */
  listen(channel: string, onNotice: (payload: string) => void, onState: (listening: boolean) => void): Promise<() => Promise<void>> {
    return this.listenTo(channel, onNotice, onState);
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }

  close(): Promise<void> {
    return this.closeConnection();
  }
}

/** `Database.listen` on PostgreSQL: one connection outside the pool, which would recycle it. */
async function listenOnPostgres(
  url: string,
  settings: PoolSettings,
  channel: string,
  onNotice: (payload: string) => void,
  onState: (listening: boolean) => void,
): Promise<() => Promise<void>> {
  let current: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let probing: Client | undefined;
  /** The listening connection `client` is gone (ended, or silent): listening again from a new one. */
  const lost = (client: Client): void => {
    if (current !== client) return;
    current = undefined;
    onState(false);
    void client.end().catch(() => undefined);
    connectLater();
  };
  const heartbeat = setInterval(() => {
    const client = current;
    if (!client || probing === client) return;
    probing = client;
    const silent = setTimeout(() => lost(client), LISTEN_HEARTBEAT_TIMEOUT_MS);
    client
      .query('select 1')
      .then(
        () => clearTimeout(silent),
        () => {
          clearTimeout(silent);
          lost(client);
        },
      )
      .finally(() => {
        if (probing === client) probing = undefined;
      });
  }, LISTEN_HEARTBEAT_MS);
  heartbeat.unref();
  const connectLater = (): void => {
    if (stopped || retry) return;
    retry = setTimeout(
      () => {
        retry = undefined;
        void connect();
      },
      Math.min(100 * 2 ** failures++, LISTEN_RETRY_MAX_MS),
    );
    retry.unref();
  };
  const connect = async (): Promise<void> => {
    const client = new Client({
      connectionString: url,
      application_name: `${settings.applicationName}:listen`,
      connectionTimeoutMillis: settings.connectionTimeoutMillis,
    });
    client.on('error', () => undefined);
    client.on('notification', (message) => {
      if (message.channel === channel) onNotice(message.payload ?? '');
    });
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`listen ${escapeIdentifier(channel)}`);
    } catch {
      // Not awaited: ending a connection that never opened must not hold up the next attempt.
      void client.end().catch(() => undefined);
      connectLater();
      return;
    }
    if (stopped) {
      void client.end().catch(() => undefined);
      return;
    }
    current = client;
    failures = 0;
    onState(true);
  };
  await connect();
  return async () => {
    stopped = true;
    clearInterval(heartbeat);
    clearTimeout(retry);
    const client = current;
    current = undefined;
    // Not awaited: a connection cut without a word would hold the shutdown up.
    void client?.end().catch(() => undefined);
  };
}

/** Migrations live beside the schema in src; the compiled server finds them there too. */
function migrationsFolder(): string {
  const beside = join(__dirname, 'migrations');
  if (existsSync(beside)) return beside;
  return resolve(__dirname, '../../../src/platform/db/migrations');
}
