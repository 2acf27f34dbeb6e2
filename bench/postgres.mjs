// PostgreSQL helpers shared by the benchmark scripts (only ever the local server).
import { execFileSync } from 'node:child_process';
import pg from 'pg';

export const PG_HOST = process.env.PGHOST ?? '127.0.0.1';
export const PG_PORT = process.env.PGPORT ?? '5432';
export const PG_USER = process.env.PGUSER ?? 'postgres';
export const pgUrl = (db) => `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/${db}`;

/** One statement on its own connection; `applicationName` tells the benchmark's sessions apart. */
export async function query(db, text, params = [], applicationName = 'msched-bench') {
  const client = new pg.Client({ connectionString: pgUrl(db), application_name: applicationName });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

export const databaseExists = async (db) => (await query('postgres', 'select 1 from pg_database where datname = $1', [db])).length > 0;

const TRIGRAM_INDEXES = `select indexname from pg_indexes where schemaname = 'public' and indexdef like '%gin_trgm_ops%'`;

/** The names of a database's trigram (`gin_trgm_ops`) indexes. */
export const trigramIndexes = async (db) => (await query(db, TRIGRAM_INDEXES)).map((row) => row.indexname);

/**
 * (Re)creates `to` as a copy of `from` (CREATE DATABASE … TEMPLATE) without its trigram indexes,
 * for search measured with and without them; answers the names of the indexes it dropped.
 */
export async function copyWithoutTrigramIndexes(from, to) {
  if (await databaseExists(to)) await query('postgres', `drop database "${to}"`);
  await query('postgres', `create database "${to}" template "${from}"`);
  const dropped = await trigramIndexes(to);
  for (const name of dropped) await query(to, `drop index "${name}"`);
  await query(to, 'analyze');
  return dropped;
}

/** Its rows and applied migrations: a copy with the same as its source is current. */
const copyState = async (db) =>
  (
    await query(db, 'select (select count(*) from work_orders) as rows, (select count(*) from drizzle.__drizzle_migrations) as migrations')
  ).map((r) => `${r.rows}/${r.migrations}`)[0];

/**
 * `copyWithoutTrigramIndexes(from, to)` unless `to` exists with the same rows and migrations as
 * `from` (the server migrates at start, so an older copy would differ from `from` in more than
 * its trigram indexes); answers the indexes dropped, or null when the copy was current.
 */
export async function refreshCopyWithoutTrigramIndexes(from, to) {
  if ((await databaseExists(to)) && (await copyState(to)) === (await copyState(from))) return null;
  return copyWithoutTrigramIndexes(from, to);
}

/** Runs a SQL file with psql, variables passed as `-v name=value`; answers its output. */
export const psqlFile = (db, file, vars = {}, { inheritOutput = false } = {}) =>
  execFileSync(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`]), '-d', db, '-f', file],
    {
      env: { ...process.env, PGHOST: PG_HOST, PGPORT: PG_PORT, PGUSER: PG_USER },
      encoding: 'utf8',
      stdio: ['ignore', inheritOutput ? 'inherit' : 'pipe', inheritOutput ? 'inherit' : 'pipe'],
    },
  );
