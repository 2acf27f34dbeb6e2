#!/usr/bin/env node
// Proof-of-speed benchmarks: our server against bare baselines, side by side, one run.
// See bench/README.md. Servers are pinned to core 0 and autocannon to core 1 (taskset).
//
//   node bench/run.mjs                 # everything (~20 min; build first)
//   node bench/run.mjs --quick         # short runs, to check the harness
//   node bench/run.mjs --only=list,detail --skip-build
//
// Scenarios: sql and isolation (correctness checks), list, detail, cursor, search, total, burst, pglite.
/* global fetch */
import { Buffer } from 'node:buffer';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { databaseExists, pgUrl, psqlFile, refreshCopyWithoutTrigramIndexes, query as sharedQuery, trigramIndexes } from './postgres.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const QUICK = flag('quick');
// --what-if=jwt-keyobject: preload bench/what-if/jwt-keyobject.mjs into our server (an experiment, not the application).
const WHAT_IF = option('what-if', null);
// --node-options=--flag,--flag: V8/Node options for our server's process only (an experiment, e.g. heap sizes).
const NODE_OPTIONS = (argv.find((arg) => arg.startsWith('--node-options='))?.slice('--node-options='.length) ?? '')
  .split(',')
  .filter(Boolean);
const ONLY = option('only', 'sql,isolation,list,detail,cursor,search,total,burst,pglite').split(',');
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DB_MAIN = process.env.BENCH_DB ?? 'msched_bench';
const DB_NOTRGM = `${DB_MAIN}_notrgm`;
const DB_PAIR = process.env.PAIR_DB ?? 'msched_bench_pair';
const PGLITE_DIR = process.env.PAIR_DIR ?? '/tmp/msched-bench-pglite';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? '/tmp/msched-bench-data';
const MIN_WORK_ORDERS = Number(process.env.TARGET ?? 1_000_000);
const ORG = process.env.BENCH_ORG ?? 'scale-7'; // a seeded organization (~511 work orders)
const DEEP_ORG = process.env.BENCH_DEEP_ORG ?? 'scale-1'; // made deep by bench/deep-org.sql
const SEARCH_TERM = process.env.BENCH_SEARCH ?? 'chiller';
const DEEP_TARGET = Number(process.env.BENCH_DEEP_TARGET ?? 25_000); // live work orders in DEEP_ORG
const DEEP_PAGE = Number(process.env.BENCH_CURSOR_PAGE ?? 1000); // the deep page (20 rows a page)
const OURS_PORT = 3900;
const BARE_PORT = 3901;
const SERVER_CORE = '0';
const LOAD_CORE = '1';
const CONNECTIONS = 10;
const WARMUP = QUICK ? 1 : 3;
const DURATION = QUICK ? 4 : 12;
const PGLITE_CONNECTIONS = 50;
const PGLITE_DURATION = QUICK ? 10 : 60;
const BURST = 500;
const JWT_SECRET = randomBytes(36).toString('base64url');
const PG_LOG = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
const STAMP = new Date().toISOString().slice(0, 10);
const RAW_OUT = option(
  'out',
  join(
    ROOT,
    'bench/results',
    `${STAMP}-${new Date().toISOString().slice(11, 16).replace(':', '')}-run${WHAT_IF ? `-what-if-${WHAT_IF}` : ''}.json`,
  ),
);

const log = (...parts) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------
// PostgreSQL helpers (only ever 127.0.0.1)

const query = (db, text, params = []) => sharedQuery(db, text, params, 'msched-bench-runner');

// ---------------------------------------------------------------------------------------------
// Processes

const children = new Set();
function startProcess(name, args, env) {
  const logFile = `/tmp/msched-bench-${name}.log`;
  const fd = openSync(logFile, 'w');
  const child = spawn('taskset', ['-c', SERVER_CORE, process.execPath, ...args], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.add(child);
  child.on('exit', () => children.delete(child));
  return { child, logFile };
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

process.on('SIGINT', async () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(130);
});

async function waitFor(url, child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before answering ${url}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Our server (compiled), pinned to the server core. `database`: { url } or { pgliteDir }. */
async function startOurs(name, { database, redis = false, extraEnv = {} }) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    JWT_SECRET,
    HOST: '127.0.0.1',
    PORT: String(OURS_PORT),
    LOG_LEVEL: 'warn',
    // One token makes every request: a budget the load never exhausts, still paid on every request.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    SEED_DEMO: 'false',
    // Background jobs off: PM generation and the predictive job's training and scoring would share
    // the server's pinned core with the measured requests.
    PM_SCHEDULER: 'false',
    PREDICTIVE_SCHEDULER: 'false',
    DATA_DIR: database.pgliteDir ?? DATA_DIR,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(redis ? { REDIS_URL } : {}),
    ...extraEnv,
  };
  const preload = WHAT_IF ? ['--import', `./bench/what-if/${WHAT_IF}.mjs`] : [];
  const { child, logFile } = startProcess(`ours-${name}`, [...NODE_OPTIONS, ...preload, 'apps/server/dist/main.js'], env);
  await waitFor(`http://127.0.0.1:${OURS_PORT}/api/health`, child, 180);
  log(
    `our server "${name}" up (${database.url ? database.url.replace(/.*\//, 'PostgreSQL ') : 'PGlite'}, cache ${redis ? 'Redis' : 'in-process'})`,
  );
  return { name, child, logFile, stop: () => stopProcess(child), origin: `http://127.0.0.1:${OURS_PORT}` };
}

async function startBare({ name = 'bare', port = BARE_PORT, extraEnv = {} } = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: pgUrl(DB_MAIN),
    REDIS_URL,
    ...extraEnv,
  };
  const { child, logFile } = startProcess(name, ['bench/bare-server.mjs'], env);
  await waitFor(`http://127.0.0.1:${port}/health`, child, 30);
  log(`bare baseline "${name}" up`);
  return { child, logFile, stop: () => stopProcess(child), origin: `http://127.0.0.1:${port}` };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function getJson(url, token) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text), text, headers: response.headers };
}

async function login(origin, email) {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`login ${email} → ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

async function metricsOf(origin) {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const value = (name, labels) => {
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  return { value };
}
async function cacheCounts(origin, namespace) {
  const m = await metricsOf(origin);
  return {
    hit: m.value('msched_cache_requests_total', { namespace, result: 'hit' }),
    miss: m.value('msched_cache_requests_total', { namespace, result: 'miss' }),
    error: m.value('msched_cache_requests_total', { namespace, result: 'error' }),
    coalesced: m.value('msched_cache_coalesced_reads_total', { namespace }),
  };
}
const delta = (after, before) => Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));

// ---------------------------------------------------------------------------------------------
// Load (autocannon in its own process on the load core)

let uniqueBase = 0;
function load({ origin, path, token, connections = CONNECTIONS, duration = DURATION, warmup = WARMUP, amount, rate }) {
  uniqueBase += 100_000_000; // {due} values never repeat across runs
  const options = {
    url: origin,
    path,
    uniqueBase,
    connections,
    duration,
    warmup: amount ? 0 : warmup,
    amount,
    rate,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  };
  return new Promise((done, fail) => {
    const child = spawn('taskset', ['-c', LOAD_CORE, process.execPath, join(ROOT, 'bench/load.mjs'), JSON.stringify(options)], {
      cwd: ROOT,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`load.mjs exited ${code}: ${err}`));
      const result = JSON.parse(out.trim().split('\n').at(-1));
      log(
        `  ${origin}${path.slice(0, 90)}${path.length > 90 ? '…' : ''}  ${result.rps} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  errors ${result.errors + result.timeouts + result.non2xx}`,
      );
      done({ path, connections, duration: amount ? null : duration, amount: amount ?? null, rate: rate ?? null, ...result });
    });
  });
}

const ratio = (a, b) => (a === null || b === null || b === 0 ? null : Number((a / b).toFixed(3)));
const compare = (ours, base) => ({
  ours,
  base,
  rpsRatio: ratio(ours.rps, base.rps),
  p50Ratio: ratio(ours.p50, base.p50),
  p99Ratio: ratio(ours.p99, base.p99),
});
// Correctness checks each use a dueDateTo of their own (far after every due date, and after the
// {due} values of the load runs), so no check can be answered from another one's cache entry.
let freshDueCount = 0;
const freshDue = () => new Date(Date.UTC(2102, 0, 1) + (Date.now() % 1e9) + ++freshDueCount * 1000).toISOString();
const withDue = (path, due) => path.replace('{due}', encodeURIComponent(due));
const ids = (page) => page.data.map((row) => row.id).join(',');

// ---------------------------------------------------------------------------------------------
// Scenarios

const results = { scenarios: {}, checks: [], bugs: [] };
const check = (name, ok, detail) => {
  results.checks.push({ name, ok, detail });
  log(`  check ${ok ? 'OK  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) results.bugs.push({ name, detail });
};

const LIST_FILTER = 'status=OPEN,SCHEDULED,IN_PROGRESS,ON_HOLD&priority=HIGH,CRITICAL,MEDIUM';

async function scenarioList(ours, bare, ctx) {
  log('scenario list: filtered list, cache off (every request a new dueDateTo → new cache key, never coalesced)');
  const oursPath = `/api/v1/work-orders?${LIST_FILTER}&dueDateTo={due}&sort=dueDate&limit=20`;
  const barePath = `/list?org=${ctx.orgId}&${LIST_FILTER}&dueDateTo={due}&limit=20&total=1`;
  const due = freshDue();
  const a = await getJson(ours.origin + withDue(oursPath, due), ctx.token);
  const b = await getJson(bare.origin + withDue(barePath, due));
  check('list: same rows as the bare SQL', ids(a.body) === ids(b.body), `${a.body.data.length} rows`);
  check('list: same total as the bare SQL', a.body.total === b.body.total, `ours ${a.body.total} / bare ${b.body.total}`);
  const before = await cacheCounts(ours.origin, 'wo-list');
  const oursRun = await load({ origin: ours.origin, path: oursPath, token: ctx.token });
  const counts = delta(await cacheCounts(ours.origin, 'wo-list'), before);
  check('list: every request missed the cache', counts.hit === 0 && counts.coalesced === 0, JSON.stringify(counts));
  const bareRun = await load({ origin: bare.origin, path: barePath });
  results.scenarios.list = { ...compare(oursRun, bareRun), cache: counts, rows: a.body.data.length, total: a.body.total };
}

/**
 * Organization isolation of cached reads: two planners of different organizations ask the
 * same question; each answer is compared with the database. (Found while building these
 * benchmarks: the list, search and dashboard cache keys do not contain the organization.)
 */
async function scenarioIsolation(ours, ctx) {
  log('check: organization isolation of cached lists, search and dashboard');
  const due = freshDue();
  const path = `/api/v1/work-orders?sort=-createdAt&limit=5&dueDateTo=${encodeURIComponent(due)}`;
  const searchPath = `/api/v1/work-orders/search?q=${SEARCH_TERM}&limit=5&dueDateTo=${encodeURIComponent(due)}`;
  const out = [];
  for (const c of [ctx, ctx.deep]) {
    const truth = (
      await query(
        DB_MAIN,
        'select id from work_orders where organization_id = $1 and deleted_at is null and due_date <= $2 order by created_at desc, id desc limit 5',
        [c.orgId, due],
      )
    )
      .map((r) => r.id)
      .join(',');
    const answer = (await getJson(ours.origin + path, c.token)).body;
    const search = (await getJson(ours.origin + searchPath, c.token)).body;
    const foreignSearch = (
      await query(DB_MAIN, 'select count(*)::int as n from work_orders where id = any($1::uuid[]) and organization_id <> $2', [
        search.data.map((w) => w.id),
        c.orgId,
      ])
    )[0].n;
    const dashboard = (await getJson(`${ours.origin}/api/v1/work-orders/dashboard/stats`, c.token)).body;
    const count = Number(
      (await query(DB_MAIN, 'select count(*) from work_orders where organization_id = $1 and deleted_at is null', [c.orgId]))[0].count,
    );
    out.push({
      org: c.slug,
      listOk: ids(answer) === truth,
      searchForeignRows: foreignSearch,
      dashboardTotal: dashboard.totalWorkOrders,
      databaseTotal: count,
    });
    check(
      `isolation: ${c.slug} planner gets its own organization's list`,
      ids(answer) === truth,
      ids(answer) === truth
        ? ''
        : `answered ${answer.data.map((w) => w.workOrderNumber).join(',')} with total ${answer.total}; database has total for this org ${count}`,
    );
    check(
      `isolation: ${c.slug} planner's search has no other organization's rows`,
      foreignSearch === 0,
      `${foreignSearch} of ${search.data.length} rows belong to another organization`,
    );
    check(
      `isolation: ${c.slug} planner's dashboard counts its own work orders`,
      dashboard.totalWorkOrders === count,
      `dashboard ${dashboard.totalWorkOrders}, database ${count}`,
    );
  }
  results.scenarios.isolation = out;
}

async function scenarioTotal(ours, bare, ctx) {
  log('scenario total: the same list with and without `total` (cache off)');
  const out = {};
  for (const [label, c] of [
    ['org', ctx],
    ['deep', ctx.deep],
  ]) {
    const first = `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20`;
    const due = freshDue();
    const page1 = (await getJson(ours.origin + withDue(first, due), c.token)).body;
    // Without a total, ours answers a keyset page: page 2 by the cursor page 1 handed out.
    const second = `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20&cursor=${page1.nextCursor}`;
    const [, value, id] = JSON.parse(Buffer.from(page1.nextCursor, 'base64url').toString());
    const bareWith = `/list?org=${c.orgId}&dueDateTo={due}&limit=20&total=1`;
    const bareWithout = `/list?org=${c.orgId}&dueDateTo={due}&limit=20&total=0`;
    const bareAfter = `/after?org=${c.orgId}&dueDateTo={due}&limit=20&value=${encodeURIComponent(value)}&id=${id}`;
    const bp = (await getJson(bare.origin + withDue(bareWith, due))).body;
    check(
      `total (${label}): same total as the bare SQL`,
      bp.total === page1.total && bp.totalIsEstimate === page1.totalIsEstimate,
      `ours ${page1.total}${page1.totalIsEstimate ? ' (estimate)' : ''} / bare ${bp.total}`,
    );
    const oursWith = await load({ origin: ours.origin, path: first, token: c.token });
    const oursWithout = await load({ origin: ours.origin, path: second, token: c.token });
    const bWith = await load({ origin: bare.origin, path: bareWith });
    const bWithout = await load({ origin: bare.origin, path: bareWithout });
    const bAfter = await load({ origin: bare.origin, path: bareAfter });
    out[label] = {
      org: c.slug,
      total: page1.total,
      totalIsEstimate: page1.totalIsEstimate,
      ours: compare(oursWith, oursWithout),
      bare: compare(bWith, bWithout),
      bareKeysetPage2: bAfter,
    };
  }
  results.scenarios.total = out;
}

async function scenarioCursor(ours, bare, ctx) {
  const c = ctx.deep;
  log(`scenario cursor: page ${DEEP_PAGE} by cursor vs page 1 in ${c.slug} (${c.workOrders} work orders), cache off`);
  // Walk the cursors (bounded: DEEP_PAGE - 1 requests) to reach the deep page.
  let cursor;
  let first;
  const started = Date.now();
  for (let page = 1; page < DEEP_PAGE; page++) {
    const url = `${ours.origin}/api/v1/work-orders?sort=dueDate&limit=20${cursor ? `&cursor=${cursor}` : ''}`;
    const body = (await getJson(url, c.token)).body;
    if (page === 1) first = body;
    if (!body.nextCursor)
      throw new Error(`the list ended at page ${page}; ${c.slug} needs ≥ ${DEEP_PAGE * 20} work orders (bench/deep-org.sql)`);
    cursor = body.nextCursor;
  }
  log(`  walked ${DEEP_PAGE - 1} cursors in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const [, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  const p1 = `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20`;
  const p1000 = `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20&cursor=${cursor}`;
  const offset1000 = `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20&page=${DEEP_PAGE}`;
  const b1 = `/list?org=${c.orgId}&dueDateTo={due}&limit=20&total=1`;
  const b1000 = `/after?org=${c.orgId}&dueDateTo={due}&limit=20&value=${encodeURIComponent(value)}&id=${id}`;
  const due = freshDue();
  const ours1000 = (await getJson(ours.origin + withDue(p1000, due), c.token)).body;
  const oursOffset = (await getJson(ours.origin + withDue(offset1000, due), c.token)).body;
  const bare1000 = (await getJson(bare.origin + withDue(b1000, due))).body;
  check('cursor: page 1,000 equals the bare keyset SQL', ids(ours1000) === ids(bare1000), `${ours1000.data.length} rows`);
  check('cursor: page 1,000 by cursor equals page 1,000 by offset', ids(ours1000) === ids(oursOffset));
  check(
    'cursor: page 1 unchanged by the dueDateTo filter',
    ids(first) === ids((await getJson(ours.origin + withDue(p1, freshDue()), c.token)).body),
  );
  const r1 = await load({ origin: ours.origin, path: p1, token: c.token });
  const p2 = `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20&cursor=${first.nextCursor}`;
  const r2 = await load({ origin: ours.origin, path: p2, token: c.token });
  const r1000 = await load({ origin: ours.origin, path: p1000, token: c.token });
  const rOffset = await load({ origin: ours.origin, path: offset1000, token: c.token });
  const rb1 = await load({ origin: bare.origin, path: b1 });
  const rb1000 = await load({ origin: bare.origin, path: b1000 });
  results.scenarios.cursor = {
    page: DEEP_PAGE,
    org: c.slug,
    workOrders: c.workOrders,
    ours: compare(r1000, r1),
    oursVsKeysetPage2: compare(r1000, r2),
    oursOffset1000VsPage1: compare(rOffset, r1),
    bare: compare(rb1000, rb1),
    oursVsBarePage1000: compare(r1000, rb1000),
  };
}

/** EXPLAIN ANALYZE (median of 7) of the statements our server sent for a search, as captured by the SQL check. */
async function explainTimes(db, statements) {
  const out = {};
  for (const [index, statement] of statements.entries()) {
    const times = [];
    let plan;
    for (let i = 0; i < 7; i++) {
      const [row] = await query(db, `explain (analyze, format json) ${statement.text}`, statement.params);
      plan = row['QUERY PLAN'][0];
      times.push(plan['Execution Time']);
    }
    times.sort((x, y) => x - y);
    const nodes = [];
    const walk = (node) => {
      if (node['Index Name']) nodes.push(`${node['Node Type']} ${node['Index Name']}`);
      if (node['Node Type'] === 'Seq Scan') nodes.push(`Seq Scan ${node['Relation Name']}`);
      (node.Plans ?? []).forEach(walk);
    };
    walk(plan.Plan);
    out[`statement${index + 1}`] = { medianMs: times[3], plan: [...new Set(nodes)] };
  }
  // The page and its capped count are one statement; the total covers however many there are.
  return { ...out, totalMs: Object.values(out).reduce((sum, entry) => sum + entry.medianMs, 0) };
}

/**
 * The search SQL alone (EXPLAIN ANALYZE, median of 7: execution and planning time), with and
 * without the trigram indexes, in a seeded organization and in the deep one, for a common
 * word and for a rare text (a work-order number fragment): where the indexes pay off.
 */
async function searchSqlMatrix(ctx) {
  const statements = results.sql?.search?.ours;
  if (!statements) return null;
  const orgParam = statements[0].params[0];
  const pattern = `%${SEARCH_TERM}%`;
  const out = [];
  for (const [org, orgId] of [
    [ctx.slug, ctx.orgId],
    [ctx.deep.slug, ctx.deep.orgId],
  ]) {
    for (const term of [SEARCH_TERM, 'WO-01234']) {
      const entry = { org, term };
      for (const [label, db] of [
        ['with', DB_MAIN],
        ['without', DB_NOTRGM],
      ]) {
        let exec = 0;
        let plan = 0;
        for (const statement of statements) {
          const params = statement.params.map((value) => (value === orgParam ? orgId : value === pattern ? `%${term}%` : value));
          const execTimes = [];
          const planTimes = [];
          for (let i = 0; i < 7; i++) {
            const [row] = await query(db, `explain (analyze, format json) ${statement.text}`, params);
            execTimes.push(row['QUERY PLAN'][0]['Execution Time']);
            planTimes.push(row['QUERY PLAN'][0]['Planning Time']);
          }
          exec += execTimes.sort((x, y) => x - y)[3];
          plan += planTimes.sort((x, y) => x - y)[3];
        }
        entry[label] = { executionMs: Number(exec.toFixed(3)), planningMs: Number(plan.toFixed(3)) };
      }
      entry.speedup = ratio(entry.without.executionMs, entry.with.executionMs);
      out.push(entry);
      log(
        `  search SQL ${org} "${term}": ${entry.with.executionMs} ms with / ${entry.without.executionMs} ms without (execution, count + page)`,
      );
    }
  }
  return out;
}

async function scenarioSearchWith(ours, bare, ctx) {
  log(`scenario search (with trigram indexes): q=${SEARCH_TERM}, cache off`);
  const oursPath = `/api/v1/work-orders/search?q=${SEARCH_TERM}&dueDateTo={due}&limit=20`;
  const barePath = `/search?org=${ctx.orgId}&q=${SEARCH_TERM}&dueDateTo={due}&limit=20&total=1`;
  const due = freshDue();
  ctx.searchDue = due;
  const a = (await getJson(ours.origin + withDue(oursPath, due), ctx.token)).body;
  const b = (await getJson(bare.origin + withDue(barePath, due))).body;
  check('search: same rows and total as the bare SQL', ids(a) === ids(b) && a.total === b.total, `total ${a.total}`);
  ctx.searchAnswer = a;
  const before = await cacheCounts(ours.origin, 'wo-search');
  const run = await load({ origin: ours.origin, path: oursPath, token: ctx.token });
  const counts = delta(await cacheCounts(ours.origin, 'wo-search'), before);
  check('search: every request missed the cache', counts.hit === 0 && counts.coalesced === 0, JSON.stringify(counts));
  const bareRun = await load({ origin: bare.origin, path: barePath });
  results.scenarios.search = {
    term: SEARCH_TERM,
    total: a.total,
    with: run,
    bareWith: bareRun,
    oursVsBare: compare(run, bareRun),
    sqlWith: results.sql?.search ? await explainTimes(DB_MAIN, results.sql.search.ours) : null,
    sqlMatrix: await searchSqlMatrix(ctx),
  };
}

async function scenarioSearchWithout(ours, ctx) {
  log(`scenario search (without trigram indexes, database ${DB_NOTRGM}): q=${SEARCH_TERM}, cache off`);
  const token = await login(ours.origin, `planner@${ORG}.example.com`);
  const oursPath = `/api/v1/work-orders/search?q=${SEARCH_TERM}&dueDateTo={due}&limit=20`;
  const a = (await getJson(ours.origin + withDue(oursPath, ctx.searchDue ?? freshDue()), token)).body;
  if (ctx.searchAnswer)
    check('search: same answer without the trigram indexes', ids(a) === ids(ctx.searchAnswer) && a.total === ctx.searchAnswer.total);
  const before = await cacheCounts(ours.origin, 'wo-search');
  const run = await load({ origin: ours.origin, path: oursPath, token });
  const counts = delta(await cacheCounts(ours.origin, 'wo-search'), before);
  check('search (without trigram): every request missed the cache', counts.hit === 0 && counts.coalesced === 0, JSON.stringify(counts));
  const s = (results.scenarios.search ??= { term: SEARCH_TERM });
  s.without = run;
  // The copy has the same ids, so the captured statements run unchanged on it.
  s.sqlWithout = results.sql?.search ? await explainTimes(DB_NOTRGM, results.sql.search.ours) : null;
  if (s.with) s.withVsWithout = compare(s.with, run); // ours with the indexes ÷ ours without: p50 ≤ 0.1 means ≥ 10× faster
  if (s.sqlWith && s.sqlWithout) s.sqlSpeedup = ratio(s.sqlWithout.totalMs, s.sqlWith.totalMs);
}

/**
 * Parses the PostgreSQL log (log_line_prefix '%m [%p] %q%u@%d ') from a byte offset into the
 * statements that read work orders, with their parameters. Only those: our server's outbox
 * dispatcher polls (a transaction over `events`) on its own clock, so a capture window may hold
 * one of its rounds, from either server's window.
 */
function statementsSince(offset) {
  const head = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[(\d+)\] (\S+)@(\S+) (\w+): {2}(.*)$/;
  const entries = [];
  for (const line of readLogFrom(offset).split('\n')) {
    const match = head.exec(line);
    if (match) entries.push({ pid: match[1], db: match[3], level: match[4], text: match[5] });
    else if (entries.length) entries.at(-1).text += `\n${line}`;
  }
  const statements = [];
  for (const [index, entry] of entries.entries()) {
    if (entry.db !== DB_MAIN || entry.level !== 'LOG') continue;
    const m = /^(?:execute [^:]*|statement): ([\s\S]*)$/.exec(entry.text);
    if (!m) continue;
    const detail = entries.slice(index + 1).find((e) => e.pid === entry.pid);
    const params = [];
    if (detail?.level === 'DETAIL' && detail.text.startsWith('parameters:')) {
      for (const p of detail.text.matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g))
        params[Number(p[1]) - 1] = p[2] === 'NULL' ? null : p[3].replace(/''/g, "'");
    }
    if (/\bwork_orders\b/.test(m[1])) statements.push({ pid: entry.pid, text: m[1].trim(), params });
  }
  return statements;
}
const normalize = (text) => text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();

/**
 * Checks that the bare server sends the very SQL text our server sends (the application code
 * may change under us): both run once with statement logging on (PGOPTIONS, their own
 * connections only), the same requests are made, and the logged statements are compared.
 */
async function sqlParity() {
  if (!existsSync(PG_LOG)) {
    log(`SQL check skipped: ${PG_LOG} is not readable`);
    return;
  }
  log('check: the bare server sends the same SQL text as ours (PostgreSQL statement log)');
  const extraEnv = { PGOPTIONS: '-c log_statement=all' };
  const ours = await startOurs('sql-capture', { database: { url: pgUrl(DB_MAIN) }, extraEnv });
  const bare = await startBare({ name: 'bare-sql-capture', port: BARE_PORT + 1, extraEnv });
  const captured = {};
  try {
    const ctx = await contextFor(ours, ORG);
    const deep = await contextFor(ours, DEEP_ORG);
    const first = (await getJson(`${ours.origin}/api/v1/work-orders?sort=dueDate&limit=20`, deep.token)).body;
    const [, value, cursorId] = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString());
    const [{ id: detailId }] = await query(DB_MAIN, 'select id from work_orders where organization_id = $1 order by number desc limit 1', [
      ctx.orgId,
    ]);
    const cases = {
      list: [
        `/api/v1/work-orders?${LIST_FILTER}&dueDateTo={due}&sort=dueDate&limit=20`,
        ctx,
        `/list?org=${ctx.orgId}&${LIST_FILTER}&dueDateTo={due}&limit=20&total=1`,
      ],
      listEstimate: [
        `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20`,
        deep,
        `/list?org=${deep.orgId}&dueDateTo={due}&limit=20&total=1`,
      ],
      keyset: [
        `/api/v1/work-orders?dueDateTo={due}&sort=dueDate&limit=20&cursor=${first.nextCursor}`,
        deep,
        `/after?org=${deep.orgId}&dueDateTo={due}&limit=20&value=${encodeURIComponent(value)}&id=${cursorId}`,
      ],
      search: [
        `/api/v1/work-orders/search?q=${SEARCH_TERM}&dueDateTo={due}&limit=20`,
        ctx,
        `/search?org=${ctx.orgId}&q=${SEARCH_TERM}&dueDateTo={due}&limit=20&total=1`,
      ],
      detail: [`/api/v1/work-orders/${detailId}`, ctx, `/detail/${detailId}?org=${ctx.orgId}`],
    };
    for (const [name, [oursPath, c, barePath]] of Object.entries(cases)) {
      const due = freshDue();
      const capture = async (url, token) => {
        const offset = statSync(PG_LOG).size;
        await getJson(url, token);
        await sleep(300);
        return statementsSince(offset);
      };
      const o = await capture(ours.origin + withDue(oursPath, due), c.token);
      const b = await capture(bare.origin + withDue(barePath, due));
      const oursTexts = o.map((x) => normalize(x.text)).sort();
      const bareTexts = b.map((x) => normalize(x.text)).sort();
      const same = oursTexts.length > 0 && JSON.stringify(oursTexts) === JSON.stringify(bareTexts);
      const sameParams =
        same && JSON.stringify(o.map((x) => x.params.length).sort()) === JSON.stringify(b.map((x) => x.params.length).sort());
      captured[name] = {
        ours: o.map(({ text, params }) => ({ text, params })),
        bare: b.map(({ text }) => ({ text })),
        same: same && sameParams,
      };
      const firstDiff = oursTexts.find((t, i) => t !== bareTexts[i]);
      check(
        `SQL: bare sends the same statements as ours (${name})`,
        same && sameParams,
        same
          ? `${o.length} statement(s)`
          : `ours ${o.length} / bare ${b.length}; first differing statement of ours: ${firstDiff?.slice(0, 400)}`,
      );
    }
  } finally {
    await ours.stop();
    await bare.stop();
  }
  results.sql = captured;
}

async function scenarioDetail(ours, bare, ctx) {
  log('scenario detail: cached work-order detail (Redis) vs bare Fastify + ioredis GET');
  const id = ctx.detailId;
  const path = `/api/v1/work-orders/${id}`;
  const first = await getJson(ours.origin + path, ctx.token);
  await getJson(ours.origin + path, ctx.token);
  // The baseline serves exactly the bytes our server answers, from Redis.
  const stored = await fetch(`${bare.origin}/redis/detail-${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: first.text,
  });
  check('detail: baseline stored the same JSON', stored.ok);
  const again = await getJson(`${bare.origin}/redis/detail-${id}`);
  check('detail: baseline answers the same bytes', again.text === first.text, `${first.text.length} bytes`);
  const before = await cacheCounts(ours.origin, 'wo-detail');
  const oursRun = await load({ origin: ours.origin, path, token: ctx.token });
  const counts = delta(await cacheCounts(ours.origin, 'wo-detail'), before);
  check('detail: every measured request hit the cache', counts.miss === 0 && counts.error === 0, JSON.stringify(counts));
  const bareRun = await load({ origin: bare.origin, path: `/redis/detail-${id}` });
  results.scenarios.detail = { ...compare(oursRun, bareRun), bytes: first.text.length, cache: counts };
  // For information: the same bare GET with ioredis' auto-pipelining on, as our cache client has it.
  const pipelined = await startBare({ name: 'bare-pipelined', port: BARE_PORT + 1, extraEnv: { REDIS_AUTO_PIPELINING: '1' } });
  try {
    const pipelinedRun = await load({ origin: pipelined.origin, path: `/redis/detail-${id}` });
    results.scenarios.detail.vsPipelinedBare = compare(oursRun, pipelinedRun);
  } finally {
    await pipelined.stop();
  }
  // For information: the bare GET answering with the headers ours sends (helmet's security
  // headers, CORS, ETag; not the per-connection ones), which are most of what each answer writes
  // and allocates besides the body.
  const perConnection = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-type']);
  const headers = Object.fromEntries([...first.headers].filter(([name]) => !perConnection.has(name)));
  await fetch(`${bare.origin}/answer-headers`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(headers),
  });
  const withHeaders = await getJson(`${bare.origin}/redis-with-headers/detail-${id}`);
  check(
    'detail: baseline with our headers answers the same bytes',
    withHeaders.text === first.text,
    `${Object.keys(headers).length} headers`,
  );
  const bareWithHeadersRun = await load({ origin: bare.origin, path: `/redis-with-headers/detail-${id}` });
  results.scenarios.detail.vsBareWithOurHeaders = { headers: Object.keys(headers), ...compare(oursRun, bareWithHeadersRun) };
  // For information: both at the same offered load, half of what ours answers flat out. Flat
  // out, each run's latency is mostly its own queue (10 connections ÷ its throughput); at one
  // rate both can carry, the difference is what a hit costs a caller.
  const rate = Math.round(oursRun.rps / 2);
  const oursAtRate = await load({ origin: ours.origin, path, token: ctx.token, rate });
  const bareAtRate = await load({ origin: bare.origin, path: `/redis/detail-${id}`, rate });
  results.scenarios.detail.atEqualRate = { rate, ...compare(oursAtRate, bareAtRate) };
}

function readLogFrom(offset) {
  const size = statSync(PG_LOG).size;
  const buffer = Buffer.alloc(Math.max(0, size - offset));
  const fd = openSync(PG_LOG, 'r');
  readSync(fd, buffer, 0, buffer.length, offset);
  closeSync(fd);
  return buffer.toString('utf8');
}
/** Transactions and sessions (connections opened) of the benchmark database, read from the `postgres` database so the reading is not counted. */
const dbStats = async () => {
  const [row] = await query('postgres', 'select xact_commit + xact_rollback as xacts, sessions from pg_stat_database where datname = $1', [
    DB_MAIN,
  ]);
  return { xacts: Number(row.xacts), sessions: Number(row.sessions) };
};

async function scenarioBurst(ours, ctx) {
  log(`scenario burst: ${BURST} concurrent requests on one cold key`);
  const out = {};
  const targets = [
    ['detail', 'wo-detail', `/api/v1/work-orders/${ctx.coldId}`],
    // A dueDateTo no earlier run has used (Redis keeps list entries for 5 minutes).
    [
      'list',
      'wo-list',
      `/api/v1/work-orders?${LIST_FILTER}&dueDateTo=${encodeURIComponent(new Date(Date.UTC(2101, 0, 1) + (Date.now() % 1e10)).toISOString())}&sort=dueDate&limit=20`,
    ],
  ];
  for (const [label, namespace, path] of targets) {
    const logReadable = existsSync(PG_LOG);
    const offset = logReadable ? statSync(PG_LOG).size : 0;
    await sleep(11_000); // let every backend flush its statistics (PostgreSQL 15 flushes idle backends within 10 s)
    const statsBefore = await dbStats();
    const before = await cacheCounts(ours.origin, namespace);
    const run = await load({ origin: ours.origin, path, token: ctx.token, connections: BURST, amount: BURST });
    const counts = delta(await cacheCounts(ours.origin, namespace), before);
    await sleep(11_000);
    const statsAfter = await dbStats();
    let statements = null;
    if (logReadable) {
      // Statements that read work orders: the outbox dispatcher's polls (over `events`) are not the burst's.
      const captured = statementsSince(offset);
      statements = { count: captured.length, sql: captured.map((statement) => statement.text.slice(0, 140)) };
    }
    // A new pool connection costs one transaction of its own (backend start-up), so report sessions too.
    const xactDelta = statsAfter.xacts - statsBefore.xacts;
    const newConnections = statsAfter.sessions - statsBefore.sessions;
    out[label] = { path, run, cache: counts, xactDelta, newConnections, statements };
    log(
      `  ${label}: ${run.ok}/${BURST} ok, cache ${JSON.stringify(counts)}, transactions +${xactDelta} (new connections +${newConnections}), logged statements ${statements?.count}`,
    );
    check(`burst ${label}: all ${BURST} answered 2xx`, run.ok === BURST, JSON.stringify(run.statusCodes));
  }
  results.scenarios.burst = out;
}

async function scenarioPglite() {
  log(`scenario pglite: list p50, PGlite vs PostgreSQL, ${PGLITE_CONNECTIONS} connections for ${PGLITE_DURATION} s, cache off`);
  const path = `/api/v1/work-orders?${LIST_FILTER}&dueDateTo={due}&sort=dueDate&limit=20`;
  const out = {};
  for (const [label, database] of [
    ['postgres', { url: pgUrl(DB_PAIR) }],
    ['pglite', { pgliteDir: PGLITE_DIR }],
  ]) {
    const server = await startOurs(`pair-${label}`, { database });
    try {
      const token = await login(server.origin, `planner@${ORG}.example.com`);
      const answer = (await getJson(server.origin + withDue(path, '2103-01-01T00:00:00.000Z'), token)).body;
      out[`${label}Answer`] = {
        rows: answer.data.length,
        total: answer.total,
        numbers: answer.data.map((w) => w.workOrderNumber).join(','),
      };
      out[label] = await load({
        origin: server.origin,
        path,
        token,
        connections: PGLITE_CONNECTIONS,
        duration: PGLITE_DURATION,
        warmup: 5,
      });
      const serverLog = readFileSync(server.logFile, 'utf8');
      out[`${label}ServerErrors`] = serverLog
        .split('\n')
        .filter((line) => /"level":(50|60)|ERROR|Error:/.test(line))
        .slice(0, 5);
    } finally {
      await server.stop();
    }
  }
  check(
    'pglite: same page as PostgreSQL on the same data set',
    out.pgliteAnswer.numbers === out.postgresAnswer.numbers && out.pgliteAnswer.total === out.postgresAnswer.total,
  );
  out.compare = compare(out.pglite, out.postgres);
  out.workOrders = Number((await query(DB_PAIR, 'select count(*) from work_orders'))[0].count);
  results.scenarios.pglite = out;
}

// ---------------------------------------------------------------------------------------------
// Preparation

async function prepare() {
  if (!flag('skip-build')) {
    log('npm run build');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (!(await databaseExists(DB_MAIN))) throw new Error(`database ${DB_MAIN} is missing: run bench/seed-million.sh first`);
  const count = Number((await query(DB_MAIN, 'select count(*) from work_orders'))[0].count);
  if (count < MIN_WORK_ORDERS) throw new Error(`${DB_MAIN} has ${count} work orders (< ${MIN_WORK_ORDERS}): run bench/seed-million.sh`);
  log(`${DB_MAIN}: ${count} work orders`);
  log(`making ${DEEP_ORG} deep (bench/deep-org.sql, idempotent)`);
  psqlFile(DB_MAIN, join(ROOT, 'bench/deep-org.sql'), { deep_slug: DEEP_ORG, deep_target: DEEP_TARGET });
  // What autovacuum would do after the copy (it is off on some benchmark machines): pages marked
  // all-visible, which the index-only count of a list's total relies on. Quick when nothing changed.
  await query(DB_MAIN, 'vacuum (analyze) work_orders');

  if (ONLY.includes('search')) {
    const trgm = await refreshCopyWithoutTrigramIndexes(DB_MAIN, DB_NOTRGM);
    if (trgm) log(`copied ${DB_MAIN} → ${DB_NOTRGM}, dropping ${trgm.length} trigram indexes: ${trgm.join(', ')}`);
    results.notrgmDroppedIndexes = await trigramIndexes(DB_MAIN);
  }
  if (ONLY.includes('pglite') && (!(await databaseExists(DB_PAIR)) || !existsSync(join(PGLITE_DIR, '.seeded')))) {
    log('seeding the PGlite / PostgreSQL pair (bench/seed-pglite-pair.sh)');
    execFileSync(join(ROOT, 'bench/seed-pglite-pair.sh'), { cwd: ROOT, stdio: 'inherit' });
  }
}

async function contextFor(ours, slug) {
  const [org] = await query(DB_MAIN, 'select id from organizations where slug = $1', [slug]);
  const workOrders = Number(
    (await query(DB_MAIN, 'select count(*) from work_orders where organization_id = $1 and deleted_at is null', [org.id]))[0].count,
  );
  return { slug, orgId: org.id, workOrders, token: await login(ours.origin, `planner@${slug}.example.com`) };
}

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    nproc: sh('nproc', []),
    cpu: cpus()[0]?.model,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    redis: sh('redis-server', ['--version']),
    kernel: sh('uname', ['-r']),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  results.startedAt = new Date().toISOString();
  results.machine = machine();
  results.machine.postgres = (await query('postgres', 'select version()'))[0].version;
  results.settings = {
    connections: CONNECTIONS,
    warmupSeconds: WARMUP,
    durationSeconds: DURATION,
    serverCore: SERVER_CORE,
    loadCore: LOAD_CORE,
    org: ORG,
    deepOrg: DEEP_ORG,
    quick: QUICK,
    whatIf: WHAT_IF,
    nodeOptions: NODE_OPTIONS,
  };
  await prepare();
  results.dataSize = {
    workOrders: Number((await query(DB_MAIN, 'select count(*) from work_orders'))[0].count),
    organizations: Number((await query(DB_MAIN, 'select count(*) from organizations'))[0].count),
  };

  if (ONLY.includes('sql') || ONLY.includes('search')) await sqlParity();
  const needsBare = ['list', 'detail', 'cursor', 'search', 'total'].some((s) => ONLY.includes(s));
  const bare = needsBare ? await startBare() : null;
  try {
    if (['isolation', 'list', 'cursor', 'search', 'total'].some((s) => ONLY.includes(s))) {
      const ours = await startOurs('pg-memory', { database: { url: pgUrl(DB_MAIN) } });
      try {
        const ctx = await contextFor(ours, ORG);
        ctx.deep = await contextFor(ours, DEEP_ORG);
        if (ONLY.includes('isolation')) await scenarioIsolation(ours, ctx);
        if (ONLY.includes('list')) await scenarioList(ours, bare, ctx);
        if (ONLY.includes('total')) await scenarioTotal(ours, bare, ctx);
        if (ONLY.includes('cursor')) await scenarioCursor(ours, bare, ctx);
        if (ONLY.includes('search')) await scenarioSearchWith(ours, bare, ctx);
        results.ctx = ctx.searchAnswer ? { searchAnswerIds: ids(ctx.searchAnswer), searchTotal: ctx.searchAnswer.total } : undefined;
        globalThis.searchAnswer = ctx.searchAnswer;
        globalThis.searchDue = ctx.searchDue;
      } finally {
        await ours.stop();
      }
    }
    if (ONLY.includes('search')) {
      const ours = await startOurs('pg-notrgm', { database: { url: pgUrl(DB_NOTRGM) } });
      try {
        await scenarioSearchWithout(ours, { searchAnswer: globalThis.searchAnswer, searchDue: globalThis.searchDue });
      } finally {
        await ours.stop();
      }
    }
    if (ONLY.includes('detail')) {
      const ours = await startOurs('pg-redis', { database: { url: pgUrl(DB_MAIN) }, redis: true });
      try {
        const ctx = await contextFor(ours, ORG);
        [{ id: ctx.detailId }] = await query(
          DB_MAIN,
          'select id from work_orders where organization_id = $1 and deleted_at is null order by number limit 1',
          [ctx.orgId],
        );
        await scenarioDetail(ours, bare, ctx);
      } finally {
        await ours.stop();
      }
    }
  } finally {
    await bare?.stop();
  }
  if (ONLY.includes('burst')) {
    // Statement logging for this server's connections only (PGOPTIONS), so each query it sends is counted.
    const ours = await startOurs('burst', {
      database: { url: pgUrl(DB_MAIN) },
      redis: true,
      extraEnv: { PGOPTIONS: '-c log_statement=all', DATABASE_APPLICATION_NAME: 'msched-bench-burst' },
    });
    try {
      const ctx = await contextFor(ours, ORG);
      // A work order nobody has read: its detail key is cold in Redis.
      [{ id: ctx.coldId }] = await query(
        DB_MAIN,
        'select id from work_orders where organization_id = $1 and deleted_at is null order by random() limit 1',
        [ctx.orgId],
      );
      await scenarioBurst(ours, ctx);
    } finally {
      await ours.stop();
    }
  }
  if (ONLY.includes('pglite')) await scenarioPglite();

  results.finishedAt = new Date().toISOString();
  mkdirSync(dirname(RAW_OUT), { recursive: true });
  writeFileSync(RAW_OUT, `${JSON.stringify(results, null, 2)}\n`);
  printTables();
  log(`raw results: ${RAW_OUT}`);
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (value, digits = 2) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));
const abs = (r) => `${fmt(r.rps, 0)} req/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`;

function printTables() {
  const s = results.scenarios;
  const rows = [];
  const row = (name, against, c, target, met) =>
    rows.push(
      `| ${name} | ${against} | ${fmt(c.rpsRatio)} | ${fmt(c.p50Ratio)} | ${fmt(c.p99Ratio)} | ${abs(c.ours)} | ${abs(c.base)} | ${target} | ${met === null ? '—' : met ? 'met' : 'MISSED'} |`,
    );
  if (s.list)
    row(
      'Filtered list, cache off',
      'bare Fastify + pg, same SQL',
      s.list,
      'p99 ≤ 1.5×, throughput ≥ 0.6×',
      s.list.p99Ratio <= 1.5 && s.list.rpsRatio >= 0.6,
    );
  if (s.detail) row('Cached detail (Redis)', 'bare Fastify + ioredis GET', s.detail, 'p99 ≤ 1.3×', s.detail.p99Ratio <= 1.3);
  if (s.detail?.vsPipelinedBare) row('  (cached detail)', 'bare GET, ioredis auto-pipelining on', s.detail.vsPipelinedBare, 'info', null);
  if (s.detail?.vsBareWithOurHeaders)
    row(
      `  (cached detail)`,
      `bare GET sending our ${s.detail.vsBareWithOurHeaders.headers.length} answer headers`,
      s.detail.vsBareWithOurHeaders,
      'info',
      null,
    );
  if (s.detail?.atEqualRate)
    row(`  (cached detail, both at ${s.detail.atEqualRate.rate} req/s)`, 'bare GET at the same rate', s.detail.atEqualRate, 'info', null);
  if (s.cursor) {
    row(`Cursor page 1,000 (${s.cursor.org})`, 'ours, page 1', s.cursor.ours, 'p99 ≤ 1.2×', s.cursor.ours.p99Ratio <= 1.2);
    row('  (cursor page 1,000)', 'ours, cursor page 2', s.cursor.oursVsKeysetPage2, 'info', null);
    row('  (offset page 1,000)', 'ours, page 1', s.cursor.oursOffset1000VsPage1, 'info', null);
    row('  (bare keyset page 1,000)', 'bare, page 1', s.cursor.bare, 'info', null);
    row('  (ours page 1,000)', 'bare keyset page 1,000', s.cursor.oursVsBarePage1000, 'info', null);
  }
  if (s.search?.with && s.search?.without) {
    row(
      `Search "${s.search.term}" with trigram indexes`,
      'ours without trigram indexes',
      s.search.withVsWithout,
      '≥ 10× faster (p50 ≤ 0.1×)',
      s.search.withVsWithout.p50Ratio <= 0.1,
    );
  }
  if (s.search?.oursVsBare) row('  (search, ours)', 'bare, same SQL', s.search.oursVsBare, 'info', null);
  if (s.total) {
    for (const [label, t] of Object.entries(s.total)) {
      row(
        `List with total (${t.org}, total ${t.total}${t.totalIsEstimate ? ' est.' : ''})`,
        'ours, keyset page without total',
        t.ours,
        'p99 ≤ 1.1×',
        t.ours.p99Ratio <= 1.1,
      );
      row(`  (bare, ${label})`, 'bare, same SQL without count', t.bare, 'p99 ≤ 1.1×', t.bare.p99Ratio <= 1.1);
    }
  }
  if (s.pglite?.compare)
    row(
      `PGlite list, ${PGLITE_CONNECTIONS} conn × ${PGLITE_DURATION} s`,
      'ours on PostgreSQL, same data',
      s.pglite.compare,
      'p50 ≤ 3×, 0 errors',
      s.pglite.compare.p50Ratio <= 3 && s.pglite.pglite.errors + s.pglite.pglite.timeouts + s.pglite.pglite.non2xx === 0,
    );
  console.log(
    '\n| Scenario | Compared with | Throughput ratio | p50 ratio | p99 ratio | Ours (abs.) | Baseline (abs.) | Target | Verdict |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  if (s.burst) {
    console.log(
      '\n| Burst (500 concurrent, one cold key) | 2xx | cache misses | coalesced | DB statements (log) | DB transactions (pg_stat_database) | new DB connections |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const [label, b] of Object.entries(s.burst)) {
      console.log(
        `| ${label} | ${b.run.ok}/${BURST} | ${b.cache.miss} | ${b.cache.coalesced} | ${b.statements?.count ?? '—'} | ${b.xactDelta} | ${b.newConnections} |`,
      );
    }
  }
  if (s.search?.sqlMatrix) {
    console.log('\n| Search SQL (count + page, EXPLAIN ANALYZE median of 7) | organization | with trigram indexes | without | speed-up |');
    console.log('|---|---|---|---|---|');
    for (const m of s.search.sqlMatrix) {
      console.log(
        `| "${m.term}" | ${m.org} | ${fmt(m.with.executionMs)} ms (+${fmt(m.with.planningMs)} ms planning) | ${fmt(m.without.executionMs)} ms (+${fmt(m.without.planningMs)} ms planning) | ${fmt(m.speedup)}× |`,
      );
    }
  }
  if (s.search?.sqlWith && s.search?.sqlWithout) {
    console.log(
      `\nSearch plans with trigram indexes: ${JSON.stringify(s.search.sqlWith)}\nwithout: ${JSON.stringify(s.search.sqlWithout)}`,
    );
    console.log(
      `\nSearch SQL (EXPLAIN ANALYZE median of 7, every statement of a request): ${fmt(s.search.sqlWith.totalMs, 3)} ms with / ${fmt(s.search.sqlWithout.totalMs, 3)} ms without`,
    );
  }
  console.log(
    `\nChecks: ${results.checks.filter((c) => c.ok).length}/${results.checks.length} passed${results.bugs.length ? `; FAILED: ${results.bugs.map((b) => b.name).join('; ')}` : ''}`,
  );
}

main().catch(async (error) => {
  console.error(error);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
