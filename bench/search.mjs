#!/usr/bin/env node
// Search with the trigram indexes against the same search without them, side by side, in a large
// organization (200,000 work orders) and in a seeded one (~511). See bench/README.md.
//
//   node bench/search.mjs [--quick] [--skip-build] [--only=sql|http]
//
// Database: BENCH_SEARCH_DB (default msched_search), migrated and seeded with
// `npm run seed -- --scale 410` (bench/deep-org.sql needs ~200,000 other rows to copy). The run
// makes scale-1 large (idempotent) and copies the database once into <db>_notrgm with every
// trigram (gin_trgm_ops) index dropped. Two servers, one per database, pinned to core 0;
// autocannon pinned to core 1; every request carries its own dueDateTo, so none is a cache hit.
/* global fetch */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { databaseExists, pgUrl, psqlFile, refreshCopyWithoutTrigramIndexes, query as sharedQuery } from './postgres.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const ONLY = (argv.find((arg) => arg.startsWith('--only='))?.slice(7) ?? 'sql,http').split(',');
const DB_WITH = process.env.BENCH_SEARCH_DB ?? 'msched_search';
const DB_WITHOUT = `${DB_WITH}_notrgm`;
const LARGE_ORG = 'scale-1';
const LARGE_TARGET = Number(process.env.BENCH_SEARCH_LARGE ?? 200_000);
const SMALL_ORG = process.env.BENCH_ORG ?? 'scale-7';
// A whole work-order number (one row), a number fragment (ten rows, trigrams of digits match
// loosely) and a common word (~5 % of titles).
const TERMS = [
  { term: 'WO-012345', kind: 'one number' },
  { term: 'WO-00012', kind: 'number fragment' },
  { term: 'chiller', kind: 'common word' },
];
const ENDPOINTS = [
  { name: 'search?q=', path: (term) => `/api/v1/work-orders/search?q=${encodeURIComponent(term)}&dueDateTo={due}&limit=20` },
  { name: 'list?search=', path: (term) => `/api/v1/work-orders?search=${encodeURIComponent(term)}&dueDateTo={due}&limit=20` },
];
const DUE = '2103-01-01T00:00:00.000Z'; // after every due date: the condition keeps every row
const JWT_SECRET = 'search-bench-secret-search-bench-secret';
const CONNECTIONS = 10;
const [WARMUP, DURATION] = QUICK ? [1, 4] : [3, 12];
const EXPLAIN_RUNS = 7;
const RAW_OUT = join(ROOT, 'bench/results', `${new Date().toISOString().slice(0, 16).replace('T', '-').replace(':', '')}-search.json`);

const log = (...parts) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const load1 = () => loadavg()[0].toFixed(2);
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ratio = (a, b) => (b ? Number((a / b).toFixed(2)) : null);

const query = (db, text, params = []) => sharedQuery(db, text, params, 'msched-bench-search');

async function prepare() {
  if (!argv.includes('--skip-build')) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  log(`making ${LARGE_ORG} large: ${LARGE_TARGET} work orders (bench/deep-org.sql, idempotent)`);
  psqlFile(DB_WITH, join(ROOT, 'bench/deep-org.sql'), { deep_slug: LARGE_ORG, deep_target: LARGE_TARGET }, { inheritOutput: true });
  // As autovacuum would: merges the trigram indexes' pending entries (GIN fastupdate; a search
  // scans that list linearly) and sets the visibility map, on both databases alike.
  for (const db of [DB_WITH, DB_WITHOUT]) if (await databaseExists(db)) await query(db, 'vacuum analyze work_orders');
  const count = async (db) => Number((await query(db, 'select count(*) from work_orders'))[0].count);
  if (await refreshCopyWithoutTrigramIndexes(DB_WITH, DB_WITHOUT)) log(`copied ${DB_WITH} → ${DB_WITHOUT} without its trigram indexes`);
  const organizations = {};
  for (const slug of [LARGE_ORG, SMALL_ORG]) {
    const [row] = await query(
      DB_WITH,
      `select o.id, count(w.id)::int as work_orders from organizations o
         join work_orders w on w.organization_id = o.id and w.deleted_at is null where o.slug = $1 group by o.id`,
      [slug],
    );
    organizations[slug] = { id: row.id, workOrders: row.work_orders };
  }
  const trigramIndexes = (
    await query(DB_WITH, `select indexdef from pg_indexes where schemaname = 'public' and indexdef like '%gin_trgm_ops%' order by 1`)
  ).map((r) => r.indexdef);
  return { organizations, workOrders: await count(DB_WITH), trigramIndexes };
}

// ---------------------------------------------------------------------------------------------
// SQL alone: the statements our server sends (built by its own compiled repository), EXPLAIN ANALYZE.

/**
 * Page 1 (20 rows in due-date order) with its total capped at 1,001 rows: the one statement the
 * server sends for a search (its compiled repository's `pageQuery`, the search's matches in its
 * WITH list).
 */
function searchStatements(organizationId, term) {
  const { WorkOrderQueriesRepository } = require(join(ROOT, 'apps/server/dist/modules/work-orders/work-order-queries.repository.js'));
  const { drizzle } = require('drizzle-orm/node-postgres');
  const executor = drizzle.mock({ casing: 'snake_case' });
  const page = new WorkOrderQueriesRepository({ executor })
    .pageQuery({ organizationId, kind: 'organization' }, { search: term, dueDateTo: DUE }, 'dueDate', 1, 20)
    .toSQL();
  return [{ text: page.sql, params: page.params }];
}

/** Median execution and planning time of each statement; rows and indexes of the page's plan. */
async function explainStatements(db, statements) {
  const client = new pg.Client({ connectionString: pgUrl(db), application_name: 'msched-bench-search' });
  await client.connect();
  try {
    let executionMs = 0;
    let planningMs = 0;
    const indexes = new Set();
    const counted = [];
    for (const statement of statements) {
      const text = `explain (analyze, format json) ${statement.text}`;
      const execution = [];
      const planning = [];
      for (let i = 0; i < EXPLAIN_RUNS; i++) {
        const [row] = (await client.query(text, statement.params)).rows;
        const [plan] = row['QUERY PLAN'];
        execution.push(plan['Execution Time']);
        planning.push(plan['Planning Time']);
        if (i === 0) {
          const walk = (node) => {
            if (node['Index Name']) indexes.add(node['Index Name']);
            if (node['Node Type'] === 'Seq Scan') indexes.add(`Seq Scan ${node['Relation Name']}`);
            (node.Plans ?? []).forEach(walk);
          };
          walk(plan.Plan);
          counted.push(plan.Plan['Actual Rows']);
        }
      }
      executionMs += median(execution);
      planningMs += median(planning);
    }
    return { executionMs: Number(executionMs.toFixed(2)), planningMs: Number(planningMs.toFixed(2)), plan: [...indexes], rows: counted };
  } finally {
    await client.end();
  }
}

async function sqlMatrix(organizations) {
  const out = [];
  for (const [slug, organization] of Object.entries(organizations)) {
    for (const { term, kind } of TERMS) {
      const statements = searchStatements(organization.id, term);
      const entry = { org: slug, workOrders: organization.workOrders, term, kind, statements: statements.length, load1: load1() };
      entry.with = await explainStatements(DB_WITH, statements);
      entry.without = await explainStatements(DB_WITHOUT, statements);
      entry.speedup = ratio(entry.without.executionMs, entry.with.executionMs);
      entry.speedupWithPlanning = ratio(
        entry.without.executionMs + entry.without.planningMs,
        entry.with.executionMs + entry.with.planningMs,
      );
      log(`  SQL ${slug} "${term}": ${entry.with.executionMs} ms with / ${entry.without.executionMs} ms without → ${entry.speedup}×`);
      out.push(entry);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Through HTTP: our server on each database, autocannon (bench/load.mjs) on the other core.

async function startServer(name, db, port) {
  const origin = `http://127.0.0.1:${port}`;
  const answers = () =>
    fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
  if (await answers()) throw new Error(`port ${port} is taken by another server`);
  const logFile = `/tmp/msched-bench-search-${name}.log`;
  const fd = openSync(logFile, 'w');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    JWT_SECRET,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // One token makes every request: a budget the load never exhausts, still paid on every request.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    SEED_DEMO: 'false',
    // Background jobs off: PM generation and the predictive job's training and scoring would share
    // the server's pinned core with the measured requests.
    PM_SCHEDULER: 'false',
    PREDICTIVE_SCHEDULER: 'false',
    DATABASE_URL: pgUrl(db),
  };
  const child = spawn('taskset', ['-c', '0', process.execPath, 'apps/server/dist/main.js'], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited (${child.exitCode}), see ${logFile}`);
    if (waited > 180_000) throw new Error(`server ${name} did not start, see ${logFile}`);
    if (
      await fetch(`${origin}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await setTimeout(250);
  }
  return {
    name,
    origin,
    stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')))),
  };
}

async function login(origin, slug) {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `planner@${slug}.example.com`, password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`login planner@${slug} → ${response.status}`);
  return (await response.json()).accessToken;
}

async function answer(origin, path, token) {
  const response = await fetch(origin + path.replace('{due}', DUE), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
  const body = await response.json();
  return { ids: body.data.map((row) => row.id).join(','), total: body.total };
}

let uniqueBase = 0;
function load(origin, path, token) {
  uniqueBase += 100_000_000; // {due} instants never repeat, so every request misses the cache
  const options = {
    url: origin,
    path,
    uniqueBase,
    connections: CONNECTIONS,
    duration: DURATION,
    warmup: WARMUP,
    headers: { authorization: `Bearer ${token}` },
  };
  return new Promise((done, fail) => {
    const child = spawn('taskset', ['-c', '1', process.execPath, join(ROOT, 'bench/load.mjs'), JSON.stringify(options)], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').at(-1))) : fail(new Error(`load.mjs exited ${code}`))));
  });
}

async function httpMatrix(organizations) {
  const withIndexes = await startServer('with', DB_WITH, 3910);
  let without;
  const out = [];
  try {
    without = await startServer('without', DB_WITHOUT, 3911);
    for (const slug of Object.keys(organizations)) {
      const tokens = { with: await login(withIndexes.origin, slug), without: await login(without.origin, slug) };
      for (const { term, kind } of TERMS) {
        for (const endpoint of ENDPOINTS) {
          const path = endpoint.path(term);
          const a = await answer(withIndexes.origin, path, tokens.with);
          const b = await answer(without.origin, path, tokens.without);
          const entry = {
            org: slug,
            term,
            kind,
            endpoint: endpoint.name,
            total: a.total,
            sameAnswer: a.ids === b.ids && a.total === b.total,
          };
          entry.load1 = load1();
          entry.with = await load(withIndexes.origin, path, tokens.with);
          entry.without = await load(without.origin, path, tokens.without);
          entry.rpsRatio = ratio(entry.with.rps, entry.without.rps);
          entry.p50Speedup = ratio(entry.without.p50, entry.with.p50);
          entry.p99Speedup = ratio(entry.without.p99, entry.with.p99);
          log(
            `  HTTP ${slug} ${endpoint.name}${term}: ${entry.with.rps} vs ${entry.without.rps} req/s (${entry.rpsRatio}×), p50 ${entry.with.p50} vs ${entry.without.p50} ms, same answer ${entry.sameAnswer}`,
          );
          out.push(entry);
        }
      }
    }
  } finally {
    await withIndexes.stop();
    await without?.stop();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function printTables(results) {
  const fmt = (value, digits = 1) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));
  if (results.sql) {
    console.log(
      '\n| Organization | Term | With trigram indexes (exec + planning) | Without | Speed-up (exec) | Speed-up (exec + planning) | Plan with |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const e of results.sql)
      console.log(
        `| ${e.org} (${e.workOrders}) | \`${e.term}\` (${e.kind}) | ${fmt(e.with.executionMs)} + ${fmt(e.with.planningMs)} ms | ${fmt(e.without.executionMs)} + ${fmt(e.without.planningMs)} ms | ${fmt(e.speedup, 2)}× | ${fmt(e.speedupWithPlanning, 2)}× | ${e.with.plan.join(', ')} |`,
      );
  }
  if (results.http) {
    console.log(
      '\n| Organization | Request | Total | With: req/s, p50, p99 | Without: req/s, p50, p99 | Throughput ratio | p50 speed-up | p99 speed-up | Same answer | Errors |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const abs = (r) => `${fmt(r.rps, 0)}, ${fmt(r.p50)} ms, ${fmt(r.p99)} ms`;
    for (const e of results.http)
      console.log(
        `| ${e.org} | \`${e.endpoint}${e.term}\` | ${e.total} | ${abs(e.with)} | ${abs(e.without)} | ${fmt(e.rpsRatio, 2)}× | ${fmt(e.p50Speedup, 2)}× | ${fmt(e.p99Speedup, 2)}× | ${e.sameAnswer} | ${e.with.errors + e.with.non2xx + e.without.errors + e.without.non2xx} |`,
      );
  }
}

const results = { startedAt: new Date().toISOString(), database: DB_WITH, load1AtStart: load1() };
Object.assign(results, await prepare());
log(`${DB_WITH}: ${results.workOrders} work orders; ${JSON.stringify(results.organizations)}`);
if (ONLY.includes('sql')) results.sql = await sqlMatrix(results.organizations);
if (ONLY.includes('http')) results.http = await httpMatrix(results.organizations);
results.finishedAt = new Date().toISOString();
results.load1AtEnd = load1();
mkdirSync(dirname(RAW_OUT), { recursive: true });
writeFileSync(RAW_OUT, `${JSON.stringify(results, null, 2)}\n`);
printTables(results);
log(`raw results: ${RAW_OUT}`);
