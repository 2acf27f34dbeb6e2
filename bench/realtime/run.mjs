#!/usr/bin/env node
// Real-time benchmark: our Socket.IO gateway (transactional outbox → dispatcher → per-organization
// sequencer → emit) against a bare Socket.IO 4.8.4 server (bench/realtime/bare-server.mjs),
// side by side in one run. Servers are pinned to core 0, the one load-generator process
// (bench/realtime/load.mjs) to core 1 (taskset). See bench/README.md, section "Real-time".
//
//   node bench/realtime/run.mjs                 # everything (~10 min; builds first) = npm run bench:realtime
//   node bench/realtime/run.mjs --quick         # small and short, to check the harness
//   node bench/realtime/run.mjs --only=fanout,memory --skip-build
//   node bench/realtime/run.mjs --cpu-prof --only=fanout --skip-build   # servers under node --cpu-prof
//
// Steps: fanout (1: latency and 2: throughput, 1,000 subscribers of one room), cluster (4: two
// instances over the Redis adapter, 500 + 500 subscribers), memory (3: 5,000 idle sockets).
// Fresh PostgreSQL databases are created for the run (demo organization) and dropped after.
//
// Options: --sockets=N --triggers=N --concurrency=N --duration=S --memory-sockets=N
// --memory-repeats=N --keep-db --no-wait-quiet --quiet-busy=PCT --quiet-max=S --out=file.json
/* global fetch */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cpuBetween, cpuSnapshot, machineTicks } from './cpu.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const QUICK = flag('quick');
const CPU_PROF = flag('cpu-prof');
const ONLY = option('only', 'fanout,cluster,memory').split(',');
const PG_HOST = process.env.PGHOST ?? '127.0.0.1';
const PG_PORT = process.env.PGPORT ?? '5432';
const PG_USER = process.env.PGUSER ?? 'postgres';
const pgUrl = (db) => `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/${db}`;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NOW = new Date();
const STAMP = NOW.toISOString().slice(0, 10);
const HHMM = NOW.toISOString().slice(11, 16).replace(':', '');
// One database for the single instance and the memory step, a copy for the two-instance cluster
// (so the single instance can run between the cluster's blocks without sharing its outbox).
const DB = `msched_bench_rt_${NOW.toISOString().replace(/\D/g, '').slice(0, 14)}`;
const DB_CLUSTER = `${DB}_cluster`;
const RAW_OUT = option('out', join(ROOT, 'bench/results', `${STAMP}-${HHMM}-realtime${CPU_PROF ? '-cpu-prof' : ''}.json`));
const PROF_DIR = `/tmp/msched-rt-prof-${HHMM}`;
const DATA_DIR = '/tmp/msched-bench-rt-data';
// The server is run from a snapshot of the build taken at the start (others may rebuild the
// working tree while the benchmark runs): see snapshotBuild().
const SNAPSHOT = `/tmp/msched-bench-rt-build-${HHMM}`;
const SERVER_MAIN = join(SNAPSHOT, 'apps/server/dist/main.js');
const SERVER_CORE = '0';
const LOAD_CORE = '1';
const PORT = { ours: 3910, bare: 3911, a: 3912, b: 3913 };
const JWT_SECRET = randomBytes(36).toString('base64url');
const PLANNER = 'planner@example.com';

// The plan. --quick: the same steps, small and short.
const SOCKETS = Number(option('sockets', QUICK ? 100 : 1000));
const TRIGGERS = Number(option('triggers', QUICK ? 20 : 200)); // measured, per side
const BLOCK = QUICK ? 5 : 10; // measured triggers alternate between the two sides in blocks of this size
const WARMUP_TRIGGERS = QUICK ? 10 : 50;
const CONCURRENCY = Number(option('concurrency', 16));
const TP_WARMUP = QUICK ? 1 : 3;
const TP_DURATION = Number(option('duration', QUICK ? 3 : 15));
const MEMORY_SOCKETS = Number(option('memory-sockets', QUICK ? 500 : 5000));
const MEMORY_REPEATS = Number(option('memory-repeats', QUICK ? 1 : 3));
const MEMORY_BATCH = 250;
const SETTLE_SEC = QUICK ? 3 : 15;
const WAIT_QUIET = !flag('no-wait-quiet');
const QUIET_BUSY = Number(option('quiet-busy', 15)); // % of all cores
const QUIET_MAX_SEC = Number(option('quiet-max', QUICK ? 5 : 300));
const TOKEN_REFRESH_MS = 8 * 60_000; // access tokens live 15 min; sockets are renewed well before

const TARGETS = { fanoutP99: 1.25, throughput: 0.8, memory: 1.3, clusterP99: 2 };

const log = (...parts) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...parts);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const ratio = (a, b) => (a === null || a === undefined || b === null || b === undefined || b === 0 ? null : Number((a / b).toFixed(3)));
const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;

// ---------------------------------------------------------------------------------------------
// PostgreSQL (only ever 127.0.0.1)

async function query(db, text, params = []) {
  const client = new pg.Client({ connectionString: pgUrl(db), application_name: 'msched-bench-rt-runner' });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Processes: servers on SERVER_CORE, the load generator on LOAD_CORE

const children = new Set();
function startProcess(name, args, env, core = SERVER_CORE) {
  const logFile = `/tmp/msched-bench-rt-${name}.log`;
  const fd = openSync(logFile, 'w');
  const child = spawn('taskset', ['-c', core, process.execPath, ...args], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!child.stopping) log(`process "${name}" (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}; see ${logFile}`);
  });
  return { child, logFile, pid: child.pid }; // taskset execs node: the same pid
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.stopping = true;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

const stopAll = () => Promise.all([...children].map((child) => stopProcess(child)));

process.on('SIGINT', () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(130);
});

async function waitFor(url, child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before answering ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/**
 * Our server (compiled). Measured servers run with NODE_ENV=production on the seeded database;
 * `seed` starts one in development mode with SEED_DEMO=true (demo data is refused in
 * production). `memProbe` preloads bench/realtime/memory-probe.mjs (with --expose-gc);
 * --cpu-prof adds node --cpu-prof.
 */
async function startOurs(name, { port, db = DB, redis = false, memProbe = false, seed = false }) {
  const memFile = `/tmp/msched-bench-rt-mem-${name}.json`;
  const commitFile = `/tmp/msched-bench-rt-commits-${name}.json`;
  rmSync(memFile, { force: true });
  rmSync(commitFile, { force: true });
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: seed ? 'development' : 'production',
    SEED_DEMO: seed ? 'true' : 'false',
    JWT_SECRET,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // One token makes every request: a budget the load never exhausts, still paid on every request.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    DATABASE_URL: pgUrl(db),
    DATA_DIR,
    CORS_ORIGINS: `http://127.0.0.1:${port}`,
    BENCH_MEM_FILE: memFile,
    BENCH_COMMIT_FILE: commitFile,
    // The background jobs are off: at start the predictive one trains the plant's models (tens of
    // seconds of CPU in a worker thread, on the server's own pinned core) and then scores health
    // every minute, the PM one generates due work; either would be measured as fan-out latency.
    PM_SCHEDULER: 'false',
    PREDICTIVE_SCHEDULER: 'false',
    ...(redis ? { REDIS_URL } : {}),
  };
  // The memory step measures the server alone; the others learn when each event was committed.
  const flags = [
    ...(memProbe ? ['--expose-gc', '--import', './bench/realtime/memory-probe.mjs'] : ['--import', './bench/realtime/commit-probe.mjs']),
    ...(CPU_PROF && !seed ? ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}/${name}`] : []),
  ];
  const { child, logFile, pid } = startProcess(`ours-${name}`, [...flags, SERVER_MAIN], env);
  await waitFor(`http://127.0.0.1:${port}/api/health`, child, 180);
  log(
    `our server "${name}" up on :${port} (pid ${pid}, ${db}, ${redis ? 'Redis adapter + Redis cache' : 'single instance, in-process cache'})`,
  );
  return {
    name,
    kind: 'ours',
    child,
    pid,
    logFile,
    memFile,
    commitFile,
    origin: `http://127.0.0.1:${port}`,
    stop: () => stopProcess(child),
  };
}

async function startBare({ name = 'bare', port = PORT.bare, memProbe = false } = {}) {
  const memFile = `/tmp/msched-bench-rt-mem-${name}.json`;
  const commitFile = `/tmp/msched-bench-rt-commits-${name}.json`;
  rmSync(memFile, { force: true });
  rmSync(commitFile, { force: true });
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    BENCH_MEM_FILE: memFile,
    BENCH_COMMIT_FILE: commitFile,
  };
  const flags = [
    ...(memProbe ? ['--expose-gc', '--import', './bench/realtime/memory-probe.mjs'] : ['--import', './bench/realtime/commit-probe.mjs']),
    ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}/${name}`] : []),
  ];
  const { child, logFile, pid } = startProcess(name, [...flags, 'bench/realtime/bare-server.mjs'], env);
  await waitFor(`http://127.0.0.1:${port}/health`, child, 30);
  log(`bare Socket.IO server "${name}" up on :${port} (pid ${pid})`);
  return {
    name,
    kind: 'bare',
    child,
    pid,
    logFile,
    memFile,
    commitFile,
    origin: `http://127.0.0.1:${port}`,
    stop: () => stopProcess(child),
  };
}

/** The load generator: one process on the load core, one command at a time over IPC (load.mjs). */
async function startLoad() {
  const child = spawn('taskset', ['-c', LOAD_CORE, process.execPath, 'bench/realtime/load.mjs'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const waiting = new Map();
  let next = 0;
  await new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`load generator exited (${code})`)));
    child.on('message', (message) => {
      if (message.ready) return done();
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.ok) call.done(message.result);
      else call.fail(new Error(`load generator: ${message.error}`));
    });
  });
  const call = (cmd, args = {}) =>
    new Promise((done, fail) => {
      const id = ++next;
      waiting.set(id, { done, fail });
      child.send({ id, cmd, args });
    });
  return { pid: child.pid, call, stop: () => child.disconnect() };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function login(origin) {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: PLANNER, password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`login → ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

/** One demo work order that can be edited (OPEN: a closed one answers 409 to PATCH). */
async function editableWorkOrder(origin, token) {
  const response = await fetch(`${origin}/api/v1/work-orders?limit=1&status=OPEN`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`work-order list → ${response.status}`);
  const [workOrder] = (await response.json()).data;
  if (!workOrder) throw new Error('no OPEN work order in the demo organization');
  return workOrder;
}

/** A sample of our /metrics by name (and labels). */
async function metrics(origin) {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const value = (name, labels = {}) => {
    const line = text
      .split('\n')
      .find(
        (l) =>
          (l.startsWith(`${name} `) || l.startsWith(`${name}{`)) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
      );
    return line ? Number(line.split(' ').at(-1)) : null;
  };
  return { value };
}

/** Garbage collections so far, by kind: ours from /metrics (prom-client's histogram), bare from GET /gc. */
async function gcStats(server) {
  if (server.kind === 'bare') return (await fetch(`${server.origin}/gc`)).json();
  const m = await metrics(server.origin);
  const name = 'msched_nodejs_gc_duration_seconds';
  const out = {};
  for (const kind of ['minor', 'major', 'incremental', 'weakcb']) {
    const count = m.value(`${name}_count`, { kind });
    if (!count) continue;
    out[kind] = {
      count,
      sumSeconds: m.value(`${name}_sum`, { kind }),
      over10ms: count - m.value(`${name}_bucket`, { kind, le: '0.01' }),
      over100ms: count - m.value(`${name}_bucket`, { kind, le: '0.1' }),
    };
  }
  return out;
}
const gcBetween = (a, b) =>
  Object.fromEntries(
    Object.keys(b).map((kind) => [
      kind,
      Object.fromEntries(Object.keys(b[kind]).map((k) => [k, Number((b[kind][k] - (a[kind]?.[k] ?? 0)).toFixed(4))])),
    ]),
  );

/**
 * Samples pg_stat_activity of one database every 100 ms until stopped: how many of our server's
 * connections are running a statement, waiting for a lock, or "idle in transaction" (the
 * database waits for the server, e.g. while its event loop is busy). Answers the mean number of
 * connections in each state.
 */
function samplePostgres(db) {
  const client = new pg.Client({ connectionString: pgUrl(db), application_name: 'msched-bench-rt-sampler' });
  const counts = new Map();
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query(
        `select state, coalesce(wait_event_type, '-') as wait_type, coalesce(wait_event, '-') as wait, count(*)::int as n
           from pg_stat_activity where datname = $1 and backend_type = 'client backend' and application_name not like 'msched-bench-rt-%'
          group by 1, 2, 3`,
        [db],
      );
      samples++;
      for (const row of rows) {
        const key = row.state === 'active' ? `active (${row.wait_type}:${row.wait})` : row.state;
        counts.set(key, (counts.get(key) ?? 0) + row.n);
      }
      await sleep(100);
    }
    await client.end();
  })();
  return async () => {
    running = false;
    await done;
    return { samples, meanConnections: Object.fromEntries([...counts].map(([k, n]) => [k, Number((n / samples).toFixed(2))])) };
  };
}

// ---------------------------------------------------------------------------------------------
// Memory readings

const vmRss = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;

/** A full GC in the server (memory-probe.mjs, SIGWINCH), then its memoryUsage() and VmRSS. */
async function probe(server) {
  const asked = Date.now();
  process.kill(server.pid, 'SIGWINCH');
  for (let i = 0; i < 200; i++) {
    await sleep(50);
    try {
      const usage = JSON.parse(readFileSync(server.memFile, 'utf8'));
      if (usage.at >= asked) {
        const { heapUsed, heapTotal, external, arrayBuffers } = usage;
        return { afterFullGc: usage.gc, rss: vmRss(server.pid), heapUsed, heapTotal, external, arrayBuffers };
      }
    } catch {
      /* not written yet */
    }
  }
  throw new Error(`no memory probe answer from ${server.name}`);
}

/** When each event came to exist on a server (commit-probe.mjs, SIGWINCH): eventId → wall-clock ms. */
async function commitTimes(server) {
  const asked = Date.now();
  process.kill(server.pid, 'SIGWINCH');
  for (let i = 0; i < 200; i++) {
    await sleep(50);
    try {
      const written = JSON.parse(readFileSync(server.commitFile, 'utf8'));
      if (written.at >= asked) return written.committedAt;
    } catch {
      /* not written yet */
    }
  }
  throw new Error(`no commit times from ${server.name}`);
}

/** Without forcing a GC: VmRSS, and the server's own figures (ours /metrics, bare GET /mem). */
async function reading(server) {
  if (server.kind === 'ours') {
    const m = await metrics(server.origin);
    return {
      rss: vmRss(server.pid),
      heapUsed: m.value('msched_nodejs_heap_size_used_bytes'),
      metricsRss: m.value('msched_process_resident_memory_bytes'),
      sockets: m.value('msched_realtime_sockets'),
    };
  }
  const mem = await (await fetch(`${server.origin}/mem`)).json();
  return { rss: vmRss(server.pid), heapUsed: mem.heapUsed, metricsRss: mem.rss, sockets: mem.sockets };
}

// ---------------------------------------------------------------------------------------------
// Results, checks, and the shared machine

const results = {
  meta: {},
  plan: {
    sockets: SOCKETS,
    triggers: TRIGGERS,
    block: BLOCK,
    warmupTriggers: WARMUP_TRIGGERS,
    gapMs: 10,
    concurrency: CONCURRENCY,
    throughputWarmupSec: TP_WARMUP,
    throughputSec: TP_DURATION,
    memorySockets: MEMORY_SOCKETS,
    memoryRepeats: MEMORY_REPEATS,
    memoryBatch: MEMORY_BATCH,
    settleSec: SETTLE_SEC,
    waitQuiet: WAIT_QUIET ? { busyBelowPercent: QUIET_BUSY, maxSec: QUIET_MAX_SEC } : false,
    quick: QUICK,
    cpuProf: CPU_PROF,
  },
  scenarios: {},
  checks: [],
};
/** The raw figures so far, written after each step (an interrupted run keeps what it measured). */
const savePartial = () => writeFileSync(RAW_OUT, `${JSON.stringify({ ...results, partial: true }, null, 2)}\n`);

const check = (name, ok, detail = '') => {
  results.checks.push({ name, ok, detail });
  log(`  check ${ok ? 'OK  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
};

/**
 * The machine is shared with other work. Before each measured step, wait (up to QUIET_MAX_SEC)
 * until it has been nearly idle (< QUIET_BUSY % of all cores) for 3 s in a row, while our own
 * processes are idle. The wait, and what the CPU did during each step, are recorded.
 */
async function waitQuiet(label, maxSec = QUIET_MAX_SEC) {
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  if (!WAIT_QUIET) return void (results.meta.quietWaits ??= []).push({ label, loadavg });
  const started = Date.now();
  let calm = 0;
  let busy = null;
  while (calm < 3 && Date.now() - started < maxSec * 1000) {
    const t0 = machineTicks().cpu;
    await sleep(1000);
    const t1 = machineTicks().cpu;
    busy = Number((((t1.busy - t0.busy) / (t1.total - t0.total)) * 100).toFixed(1));
    calm = busy < QUIET_BUSY ? calm + 1 : 0;
  }
  const waitedSec = Math.round((Date.now() - started) / 1000);
  (results.meta.quietWaits ??= []).push({ label, waitedSec, quiet: calm >= 3, lastBusyPercent: busy, loadavg });
  if (waitedSec > 4 || calm < 3)
    log(`waited ${waitedSec} s for a quiet machine before ${label}${calm < 3 ? ` (gave up: ${busy} % busy)` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Triggers and blocks

// Latency triggers on ours change the title (each event then carries its trigger's title). Under
// saturation ours gets comments instead: concurrent PATCHes of one work order answer 412 (the
// update is conditional on the version it read), comments do not conflict.
const patchOn = (server, ctx) => ({ kind: 'patch', origin: server.origin, workOrderId: ctx.workOrder.id, token: ctx.token });
const commentOn = (server, ctx) => ({ kind: 'comment', origin: server.origin, workOrderId: ctx.workOrder.id, token: ctx.token });
const emitOn = (server, room) => ({ kind: 'emit', origin: server.origin, room });

async function connectGroup(load, args) {
  const result = await load.call('connect', { batch: 100, ...args });
  log(
    `  ${result.connected} sockets of group "${args.group}" connected in ${result.seconds.toFixed(1)} s${result.failed ? `, ${result.failed} FAILED: ${result.errors[0]}` : ''}`,
  );
  check(
    `${args.group}: every socket connected and subscribed`,
    result.failed === 0 && result.connected === args.count,
    `${result.connected}/${args.count}`,
  );
  return result;
}

/** Our sockets are renewed (contract event `reconnect { token }`) before their 15-minute token runs out. */
async function keepTokensFresh(load, ctx) {
  for (const session of ctx.sessions) {
    if (Date.now() - session.issuedAt < TOKEN_REFRESH_MS) continue;
    session.token = await login(session.server.origin);
    session.issuedAt = Date.now();
    for (const group of session.groups) {
      const answer = await load.call('renew', { group, token: session.token });
      check(`token renewed on every socket of "${group}"`, answer.renewed === answer.sockets, `${answer.renewed}/${answer.sockets}`);
    }
  }
}

/**
 * Sequential triggers of two sides alternating in blocks of BLOCK (A, B, A, B, …), so that any
 * disturbance of the shared machine falls on both. Records the CPU use of each block.
 */
async function alternate(load, sides, pids) {
  const cpu = Object.fromEntries(sides.map((side) => [side.series, []]));
  for (let done = 0; done < TRIGGERS; done += BLOCK) {
    for (const side of sides) {
      const t0 = cpuSnapshot(pids);
      await load.call('latency', {
        series: side.series,
        groups: side.groups,
        trigger: side.trigger(),
        count: Math.min(BLOCK, TRIGGERS - done),
      });
      cpu[side.series].push(cpuBetween(t0, cpuSnapshot(pids), results.meta.clkTck));
    }
  }
  const out = {};
  for (const side of sides) {
    const report = await load.call('report', { series: side.series, committedAt: await commitTimes(side.server) });
    const blocks = cpu[side.series];
    report.cpuPerBlock = {
      otherMeanPercent: Number(mean(blocks.map((b) => b.other)).toFixed(1)),
      otherMaxPercent: Math.max(...blocks.map((b) => b.other)),
      postgresMeanPercent: Number(mean(blocks.map((b) => b.postgres)).toFixed(1)),
      blocks,
    };
    out[side.series] = report;
    log(`  ${side.label}: ${fmtLatency(report)}`);
  }
  return out;
}

const fmtLatency = (r) =>
  `from commit: p50 ${r.fromCommit?.deliveries.p50} ms  p99 ${r.fromCommit?.deliveries.p99} ms (unmatched triggers ${r.fromCommit?.unmatchedTriggers}); from sent: p50 ${r.deliveries.p50} ms  p99 ${r.deliveries.p99} ms  (last socket of a trigger p50 ${r.perTrigger?.lastDeliveryMs.p50} p99 ${r.perTrigger?.lastDeliveryMs.p99}; first socket p50 ${r.perTrigger?.firstDeliveryMs.p50}; HTTP p50 ${r.perTrigger?.httpMs.p50}; other CPU mean ${r.cpuPerBlock?.otherMeanPercent} % max ${r.cpuPerBlock?.otherMaxPercent} %)`;
const fmtThroughput = (tp) =>
  `${tp.deliveriesPerSec} deliveries/s, ${tp.triggersPerSec} triggers/s (failed ${tp.triggersFailed}), expected ${tp.expected} received ${tp.received}, drain ${tp.drainSeconds} s; CPU % ${JSON.stringify(tp.cpu.own)} postgres ${tp.cpu.postgres} redis ${tp.cpu.redis} softirq ${tp.cpu.softirq} other ${tp.cpu.other}; cores ${JSON.stringify(tp.cpu.coresBusy)}`;

/** Same keys (recursively) and same value types. */
function sameShape(a, b) {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) return false;
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameShape(a[k], b[k]));
}

const inOrder = (tp) => Object.values(tp.orderViolations).every((v) => v === 0) && Object.values(tp.duplicates).every((v) => v === 0);

// ---------------------------------------------------------------------------------------------
// Steps

/**
 * 1 and 2: fan-out latency and throughput, SOCKETS subscribers of one room on each server (all
 * connected at once; idle ones cost nothing). Sequential triggers alternate ours / bare in
 * blocks; then saturation, ours then bare.
 */
async function stepFanout(load, ctx) {
  log(`step 1-2 fanout: ${SOCKETS} subscribers of one room on each server`);
  const { ours, bare, room } = ctx;
  const session = ctx.sessions.find((s) => s.server === ours);
  const c = () => ({ ...ctx, token: session.token });
  await connectGroup(load, { group: 'ours', kind: 'ours', origin: ours.origin, count: SOCKETS, token: session.token, room });
  session.groups.push('ours');
  await connectGroup(load, { group: 'bare', kind: 'bare', origin: bare.origin, count: SOCKETS, room });
  await sleep(1500); // our presence updates for the joins (throttled, 250 ms) are over

  // Warm-up: ours first, so one of its real events becomes the bare server's payload template.
  await load.call('latency', { series: 'warm-ours', groups: ['ours'], trigger: patchOn(ours, c()), count: WARMUP_TRIGGERS });
  const sample = await load.call('sample');
  const template = await fetch(`${bare.origin}/template`, { method: 'PUT', body: JSON.stringify(sample) });
  check('bare server took our event as its payload template', template.status === 204);
  await load.call('latency', { series: 'warm-bare', groups: ['bare'], trigger: emitOn(bare, room), count: WARMUP_TRIGGERS });
  const bareSample = await load.call('sample');
  const sizes = { ours: JSON.stringify(sample).length, bare: JSON.stringify(bareSample).length };
  // eventId and version are numbers whose digits may differ by one or two.
  check(
    'latency payloads have the same shape and size',
    Math.abs(sizes.ours - sizes.bare) <= 2 && sameShape(sample, bareSample),
    `ours ${sizes.ours} B, bare ${sizes.bare} B`,
  );

  await keepTokensFresh(load, ctx);
  await waitQuiet('fan-out latency');
  const m0 = await metrics(ours.origin);
  const gc0 = { ours: await gcStats(ours), bare: await gcStats(bare) };
  const pids = { ours: ours.pid, bare: bare.pid, loadGenerator: load.pid };
  const lat = await alternate(
    load,
    [
      { series: 'ours', label: 'ours', server: ours, groups: ['ours'], trigger: () => patchOn(ours, c()) },
      { series: 'bare', label: 'bare', server: bare, groups: ['bare'], trigger: () => emitOn(bare, room) },
    ],
    pids,
  );
  const m1 = await metrics(ours.origin);
  const gc = { ours: gcBetween(gc0.ours, await gcStats(ours)), bare: gcBetween(gc0.bare, await gcStats(bare)) };
  log(`  garbage collection during the blocks: ours ${JSON.stringify(gc.ours)}; bare ${JSON.stringify(gc.bare)}`);
  const live = (m) => m.value('msched_event_deliveries_total', { mode: 'live' });
  const serverDeliveries = live(m1) - live(m0);
  check(
    'latency: every delivery arrived (ours)',
    lat.ours.perTrigger.missing === 0 && lat.ours.perTrigger.failed === 0,
    `${lat.ours.deliveries.n} deliveries; the server counted ${serverDeliveries} live deliveries`,
  );
  check(
    'latency: every delivery arrived (bare)',
    lat.bare.perTrigger.missing === 0 && lat.bare.perTrigger.failed === 0,
    `${lat.bare.deliveries.n}`,
  );

  const tpArgs = { concurrency: CONCURRENCY, warmupSec: TP_WARMUP, durationSec: TP_DURATION, clkTck: results.meta.clkTck };
  log(`  throughput: ${CONCURRENCY} triggers in flight, ${TP_WARMUP} s warm-up, ${TP_DURATION} s measured`);
  await keepTokensFresh(load, ctx);
  await waitQuiet('throughput (ours)');
  const stopSampling = samplePostgres(DB);
  const tpOurs = await load.call('throughput', { ...tpArgs, groups: ['ours'], trigger: commentOn(ours, c()), pids: { ours: ours.pid } });
  // Warm-up and drain included: the states are the same throughout.
  tpOurs.postgresConnections = await stopSampling();
  log(`  ours: ${fmtThroughput(tpOurs)}`);
  log(`    our PostgreSQL connections (mean): ${JSON.stringify(tpOurs.postgresConnections.meanConnections)}`);
  // The bare server now sends a comment event's payload (changedFields ["comments"]).
  const commentSample = await load.call('sample');
  await fetch(`${bare.origin}/template`, { method: 'PUT', body: JSON.stringify(commentSample) });
  await waitQuiet('throughput (bare)');
  const tpBare = await load.call('throughput', { ...tpArgs, groups: ['bare'], trigger: emitOn(bare, room), pids: { bare: bare.pid } });
  log(`  bare: ${fmtThroughput(tpBare)}`);
  const tpSizes = { ours: JSON.stringify(commentSample).length, bare: JSON.stringify(await load.call('sample')).length };
  check(
    'throughput payloads have the same size',
    Math.abs(tpSizes.ours - tpSizes.bare) <= 2,
    `ours ${tpSizes.ours} B, bare ${tpSizes.bare} B`,
  );
  for (const [label, tp] of [
    ['ours', tpOurs],
    ['bare', tpBare],
  ]) {
    check(
      `throughput: every delivery arrived (${label})`,
      tp.allDelivered,
      `expected ${tp.expected}, received ${tp.received}, missing ${tp.missing}, unexpected ${tp.unexpected}`,
    );
    check(
      `throughput: eventIds strictly increasing on every socket (${label})`,
      inOrder(tp),
      JSON.stringify({ violations: tp.orderViolations, duplicates: tp.duplicates }),
    );
  }
  await load.call('close', { group: 'bare' });

  results.scenarios.fanout = {
    sockets: SOCKETS,
    room,
    workOrder: ctx.workOrder.workOrderNumber,
    payloadBytes: sizes,
    latency: {
      ours: lat.ours,
      bare: lat.bare,
      serverLiveDeliveries: serverDeliveries,
      garbageCollection: gc,
      // The targets: from the commit (ours) and from the emit call (bare) to receipt.
      p50Ratio: ratio(lat.ours.fromCommit.deliveries.p50, lat.bare.fromCommit.deliveries.p50),
      p99Ratio: ratio(lat.ours.fromCommit.deliveries.p99, lat.bare.fromCommit.deliveries.p99),
      fromSent: {
        p50Ratio: ratio(lat.ours.deliveries.p50, lat.bare.deliveries.p50),
        p99Ratio: ratio(lat.ours.deliveries.p99, lat.bare.deliveries.p99),
      },
    },
    throughput: { ours: tpOurs, bare: tpBare, ratio: ratio(tpOurs.deliveriesPerSec, tpBare.deliveriesPerSec), payloadBytes: tpSizes },
    sample,
  };
}

/**
 * 4: two instances (A, B) with REDIS_URL (sharded Redis adapter) on their own copy of the
 * database, pinned to core 0 like everything else; triggers through A. First all subscribers
 * on A (B idle: the adapter's cost alone, info), then 500 on A and 500 on B. Each phase
 * alternates in blocks with the single instance of step 1 (still up, still with its sockets).
 */
async function stepCluster(load, ctx) {
  log(`step 4 cluster: two instances with ${REDIS_URL}, triggers through A`);
  const { a, b, ours } = ctx;
  const single = ctx.sessions.find((s) => s.server === ours);
  const session = ctx.sessions.find((s) => s.server === a);
  const c = () => ({ ...ctx, token: session.token });
  const cs = () => ({ ...ctx, token: single.token });
  const room = ctx.room;
  const half = Math.floor(SOCKETS / 2);
  await connectGroup(load, { group: 'a1', kind: 'ours', origin: a.origin, count: half, token: session.token, room });
  await connectGroup(load, { group: 'a2', kind: 'ours', origin: a.origin, count: SOCKETS - half, token: session.token, room });
  session.groups.push('a1', 'a2');
  await sleep(1500);
  const pids = { ours: ours.pid, a: a.pid, b: b.pid, loadGenerator: load.pid };
  const singleSide = (series) => ({
    series,
    label: 'one instance, no Redis',
    server: ours,
    groups: ['ours'],
    trigger: () => patchOn(ours, cs()),
  });

  await load.call('latency', { series: 'warm-cluster-one', groups: ['a1', 'a2'], trigger: patchOn(a, c()), count: WARMUP_TRIGGERS });
  await keepTokensFresh(load, ctx);
  await waitQuiet('cluster: all subscribers on A');
  const one = await alternate(
    load,
    [
      singleSide('single-4a'),
      { series: 'cluster-one', label: `${SOCKETS} on A, B idle`, server: a, groups: ['a1', 'a2'], trigger: () => patchOn(a, c()) },
    ],
    pids,
  );

  await load.call('close', { group: 'a2' });
  session.groups.splice(session.groups.indexOf('a2'), 1);
  await connectGroup(load, { group: 'b', kind: 'ours', origin: b.origin, count: SOCKETS - half, token: session.token, room });
  session.groups.push('b');
  await sleep(1500);
  await load.call('latency', { series: 'warm-cluster-split', groups: ['a1', 'b'], trigger: patchOn(a, c()), count: WARMUP_TRIGGERS });
  await keepTokensFresh(load, ctx);
  await waitQuiet('cluster: split');
  const split = await alternate(
    load,
    [
      singleSide('single-4b'),
      {
        series: 'cluster-split',
        label: `${half} on A + ${SOCKETS - half} on B`,
        server: a,
        groups: ['a1', 'b'],
        trigger: () => patchOn(a, c()),
      },
    ],
    pids,
  );
  const s = split['cluster-split'];
  log(`    split: A side p50 ${s.byGroup.a1.p50} p99 ${s.byGroup.a1.p99}; B side p50 ${s.byGroup.b.p50} p99 ${s.byGroup.b.p99}`);
  check(
    'cluster: every delivery arrived (latency)',
    s.perTrigger.missing === 0 && s.perTrigger.failed === 0,
    `${s.deliveries.n} deliveries`,
  );

  await keepTokensFresh(load, ctx);
  await waitQuiet('cluster: throughput');
  const tp = await load.call('throughput', {
    groups: ['a1', 'b'],
    trigger: commentOn(a, c()),
    concurrency: CONCURRENCY,
    warmupSec: TP_WARMUP,
    durationSec: TP_DURATION,
    pids: { a: a.pid, b: b.pid },
    clkTck: results.meta.clkTck,
  });
  log(`  throughput (info): ${fmtThroughput(tp)}`);
  check('cluster throughput: every delivery arrived', tp.allDelivered, `expected ${tp.expected}, received ${tp.received}`);
  check(
    'cluster throughput: eventIds strictly increasing on every socket (both instances)',
    inOrder(tp),
    JSON.stringify({ violations: tp.orderViolations, duplicates: tp.duplicates }),
  );
  await load.call('close', { group: 'a1' });
  await load.call('close', { group: 'b' });

  await forgetCacheGenerations(DB_CLUSTER, ctx.workOrder.id);

  // From the commit on A (the sockets on B get A's events through Redis).
  const step1 = results.scenarios.fanout?.latency.ours.fromCommit.deliveries ?? null;
  const interleaved = split['single-4b'].fromCommit.deliveries;
  const sc = s.fromCommit.deliveries;
  results.scenarios.cluster = {
    redis: REDIS_URL,
    databases: { single: DB, cluster: DB_CLUSTER },
    pinning: `ours (single), A and B: taskset -c ${SERVER_CORE}; load generator: taskset -c ${LOAD_CORE}`,
    oneInstanceWithAdapter: one['cluster-one'],
    singleDuringPhaseA: one['single-4a'],
    split: s,
    singleDuringSplit: split['single-4b'],
    throughput: tp,
    vsStep1: step1 ? { p50Ratio: ratio(sc.p50, step1.p50), p99Ratio: ratio(sc.p99, step1.p99) } : null,
    vsInterleaved: { p50Ratio: ratio(sc.p50, interleaved.p50), p99Ratio: ratio(sc.p99, interleaved.p99) },
  };
}

/**
 * The cluster's cache generations live in the shared Redis without an expiry (our RedisCache,
 * prefix `msched:`): the ones this run created (its organization, its work order) are deleted.
 * Cached values themselves expire.
 */
async function forgetCacheGenerations(db, workOrderId) {
  const orgs = (await query(db, 'select id from organizations')).map((row) => row.id);
  const keys = [
    `msched:gen:wo:${workOrderId}`,
    ...orgs.flatMap((id) => [`msched:gen:org:${id}:work-orders`, `msched:gen:org:${id}:reference`]),
  ];
  try {
    execFileSync('redis-cli', ['-u', REDIS_URL, 'del', ...keys], { stdio: 'ignore' });
  } catch {
    log(`could not delete the run's cache generations from Redis (${keys.join(' ')})`);
  }
}

/**
 * 3: memory per idle socket. Each server spawned fresh (alone) with the memory probe; 20 sockets
 * opened and closed (so code loaded on first use is not counted), full GC, reading; then
 * MEMORY_SOCKETS idle sockets in batches of MEMORY_BATCH; settle; reading; full GC; reading.
 * Repeated MEMORY_REPEATS times (ours, bare, ours, bare, …).
 */
async function stepMemory(load, ctx) {
  log(`step 3 memory: ${MEMORY_SOCKETS} idle sockets, each server spawned fresh, ${MEMORY_REPEATS} time(s)`);
  const runs = [];
  for (let repeat = 1; repeat <= MEMORY_REPEATS; repeat++) {
    const run = {};
    for (const kind of ['ours', 'bare']) {
      const server =
        kind === 'ours'
          ? await startOurs(`memory-${repeat}`, { port: PORT.ours, memProbe: true })
          : await startBare({ name: `bare-memory-${repeat}`, memProbe: true });
      try {
        const token = kind === 'ours' ? await login(server.origin) : null;
        const base = { kind, origin: server.origin, token, room: ctx.room };
        await load.call('connect', { ...base, group: `${kind}-warm`, count: 20 });
        await load.call('close', { group: `${kind}-warm` });
        await sleep(2000);
        // Memory does not depend much on other work: a short wait only.
        await waitQuiet(`memory (${kind}, ${repeat})`, Math.min(QUIET_MAX_SEC, 30));
        const freshRss = vmRss(server.pid);
        const before = await probe(server);
        const group = `${kind}-memory`;
        const connected = await connectGroup(load, { ...base, group, count: MEMORY_SOCKETS, batch: MEMORY_BATCH });
        await sleep(SETTLE_SEC * 1000);
        const settled = await reading(server);
        const afterGc = await probe(server);
        check(
          `memory (${kind}): the server holds ${MEMORY_SOCKETS} sockets`,
          settled.sockets === MEMORY_SOCKETS,
          `server reports ${settled.sockets}`,
        );
        await load.call('close', { group });
        const perSocket = (x, y) => Math.round((x - y) / MEMORY_SOCKETS);
        run[kind] = {
          connectSeconds: connected.seconds,
          freshRss,
          before,
          settled,
          afterGc,
          perSocket: {
            rssAfterGc: perSocket(afterGc.rss, before.rss),
            rssSettled: perSocket(settled.rss, before.rss),
            heapAfterGc: perSocket(afterGc.heapUsed, before.heapUsed),
            heapSettled: perSocket(settled.heapUsed, before.heapUsed),
          },
        };
        const p = run[kind].perSocket;
        log(
          `  ${kind}: per socket RSS ${p.rssAfterGc} B (settled ${p.rssSettled} B), heap ${p.heapAfterGc} B (settled ${p.heapSettled} B)`,
        );
      } finally {
        await server.stop();
      }
    }
    runs.push(run);
  }
  const avg = (kind, key) => Math.round(mean(runs.map((r) => r[kind].perSocket[key])));
  const keys = ['rssAfterGc', 'rssSettled', 'heapAfterGc', 'heapSettled'];
  const meanPerSocket = Object.fromEntries(['ours', 'bare'].map((kind) => [kind, Object.fromEntries(keys.map((k) => [k, avg(kind, k)]))]));
  results.scenarios.memory = {
    sockets: MEMORY_SOCKETS,
    batch: MEMORY_BATCH,
    settleSec: SETTLE_SEC,
    runs,
    meanPerSocket,
    ratio: Object.fromEntries(keys.map((k) => [k, ratio(meanPerSocket.ours[k], meanPerSocket.bare[k])])),
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(2)} ms`);
const int = (v) => (v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en-US'));
const kib = (v) => (v === null || v === undefined ? '—' : `${(v / 1024).toFixed(1)} KiB`);
const mib = (v) => (v === null || v === undefined ? '—' : `${(v / 1048576).toFixed(1)} MiB`);
const x = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}×`);
const verdict = (ok) => (ok ? '**met**' : '**missed**');
const cpuLine = (cpu) =>
  `${Object.entries(cpu.own)
    .map(([k, v]) => `${k} ${v} %`)
    .join(', ')}; PostgreSQL ${cpu.postgres} %, Redis ${cpu.redis} %, softirq ${cpu.softirq} %, other ${cpu.other} %`;

const gcLine = (gc) => {
  if (!gc) return '—';
  const all = Object.values(gc);
  const total = (key) => all.reduce((sum, k) => sum + (k[key] ?? 0), 0);
  return `${gc.major?.count ?? 0} / ${total('over10ms')} / ${total('over100ms')} / ${(total('sumSeconds') * 1000).toFixed(0)} ms`;
};

function markdown() {
  const lines = [];
  const s = results.scenarios;
  if (s.fanout) {
    const { latency: l, throughput: t } = s.fanout;
    lines.push(
      `### 1. Fan-out latency: ${int(s.fanout.sockets)} subscribers of one room, ${l.ours.perTrigger.n} sequential triggers per server (alternating blocks of ${BLOCK})`,
      '',
      '| per delivery, from COMMIT (ours) / the emit call (bare) → event received | ours | bare Socket.IO | ours ÷ bare |',
      '| --- | --- | --- | --- |',
      ...['p50', 'p90', 'p99', 'p999', 'max', 'mean'].map(
        (p) =>
          `| ${p} | ${ms(l.ours.fromCommit.deliveries[p])} | ${ms(l.bare.fromCommit.deliveries[p])} | ${x(ratio(l.ours.fromCommit.deliveries[p], l.bare.fromCommit.deliveries[p]))} |`,
      ),
      `| first socket of a trigger, p50 / p99 | ${ms(l.ours.fromCommit.firstDeliveryMs.p50)} / ${ms(l.ours.fromCommit.firstDeliveryMs.p99)} | ${ms(l.bare.fromCommit.firstDeliveryMs.p50)} / ${ms(l.bare.fromCommit.firstDeliveryMs.p99)} | |`,
      `| last socket of a trigger, p50 / p99 | ${ms(l.ours.fromCommit.lastDeliveryMs.p50)} / ${ms(l.ours.fromCommit.lastDeliveryMs.p99)} | ${ms(l.bare.fromCommit.lastDeliveryMs.p50)} / ${ms(l.bare.fromCommit.lastDeliveryMs.p99)} | |`,
      `| trigger sent → commit / emit call, p50 / p99 | ${ms(l.ours.fromCommit.sentToCommitMs.p50)} / ${ms(l.ours.fromCommit.sentToCommitMs.p99)} | ${ms(l.bare.fromCommit.sentToCommitMs.p50)} / ${ms(l.bare.fromCommit.sentToCommitMs.p99)} | |`,
      '',
      `Target p99 ≤ ${TARGETS.fanoutP99}× bare (from commit / emit call): ${x(l.p99Ratio)} → ${verdict(l.p99Ratio !== null && l.p99Ratio <= TARGETS.fanoutP99)}`,
      '',
      '| per delivery, from the trigger sent (for information: includes our write path) | ours | bare Socket.IO | ours ÷ bare |',
      '| --- | --- | --- | --- |',
      ...['p50', 'p90', 'p99', 'p999', 'max', 'mean'].map(
        (p) =>
          `| ${p} | ${ms(l.ours.deliveries[p])} | ${ms(l.bare.deliveries[p])} | ${x(ratio(l.ours.deliveries[p], l.bare.deliveries[p]))} |`,
      ),
      `| first socket of a trigger, p50 / p99 | ${ms(l.ours.perTrigger.firstDeliveryMs.p50)} / ${ms(l.ours.perTrigger.firstDeliveryMs.p99)} | ${ms(l.bare.perTrigger.firstDeliveryMs.p50)} / ${ms(l.bare.perTrigger.firstDeliveryMs.p99)} | |`,
      `| last socket of a trigger, p50 / p99 | ${ms(l.ours.perTrigger.lastDeliveryMs.p50)} / ${ms(l.ours.perTrigger.lastDeliveryMs.p99)} | ${ms(l.bare.perTrigger.lastDeliveryMs.p50)} / ${ms(l.bare.perTrigger.lastDeliveryMs.p99)} | |`,
      `| trigger's HTTP response, p50 / p99 | ${ms(l.ours.perTrigger.httpMs.p50)} / ${ms(l.ours.perTrigger.httpMs.p99)} | ${ms(l.bare.perTrigger.httpMs.p50)} / ${ms(l.bare.perTrigger.httpMs.p99)} | |`,
      `| server GC during the blocks: major count / pauses > 10 ms / > 100 ms / total GC time | ${gcLine(l.garbageCollection?.ours)} | ${gcLine(l.garbageCollection?.bare)} | |`,
      `| deliveries (missing) | ${int(l.ours.deliveries.n)} (${l.ours.perTrigger.missing}) | ${int(l.bare.deliveries.n)} (${l.bare.perTrigger.missing}) | |`,
      `| other work on the machine during the blocks, mean / max | ${l.ours.cpuPerBlock.otherMeanPercent} % / ${l.ours.cpuPerBlock.otherMaxPercent} % | ${l.bare.cpuPerBlock.otherMeanPercent} % / ${l.bare.cpuPerBlock.otherMaxPercent} % | |`,
      '',
      `### 2. Throughput at saturation: ${t.ours.concurrency} triggers in flight, ${t.ours.durationSec} s (ours: comments; bare: POST /emit)`,
      '',
      '| | ours | bare Socket.IO | ours ÷ bare |',
      '| --- | --- | --- | --- |',
      `| deliveries / s (in the window) | ${int(t.ours.deliveriesPerSec)} | ${int(t.bare.deliveriesPerSec)} | ${x(t.ratio)} |`,
      `| deliveries / s (window start → last delivery) | ${int(t.ours.overallDeliveriesPerSec)} | ${int(t.bare.overallDeliveriesPerSec)} | ${x(ratio(t.ours.overallDeliveriesPerSec, t.bare.overallDeliveriesPerSec))} |`,
      `| triggers / s (2xx) | ${t.ours.triggersPerSec} | ${t.bare.triggersPerSec} | ${x(ratio(t.ours.triggersPerSec, t.bare.triggersPerSec))} |`,
      `| deliveries expected / received | ${int(t.ours.expected)} / ${int(t.ours.received)} | ${int(t.bare.expected)} / ${int(t.bare.received)} | |`,
      `| every delivery arrived | ${t.ours.allDelivered ? 'yes' : `**no** (${t.ours.missing} missing)`} | ${t.bare.allDelivered ? 'yes' : `**no** (${t.bare.missing} missing)`} | |`,
      `| eventIds strictly increasing on every socket | ${inOrder(t.ours) ? 'yes' : '**no**'} | ${inOrder(t.bare) ? 'yes' : '**no**'} | |`,
      `| failed triggers | ${t.ours.triggersFailed} | ${t.bare.triggersFailed} | |`,
      `| drain after the window | ${t.ours.drainSeconds} s | ${t.bare.drainSeconds} s | |`,
      `| CPU (% of one core) | ${cpuLine(t.ours.cpu)} | ${cpuLine(t.bare.cpu)} | |`,
      `| cores busy | ${JSON.stringify(t.ours.cpu.coresBusy)} | ${JSON.stringify(t.bare.cpu.coresBusy)} | |`,
      `| load generator event-loop delay p99 | ${ms(t.ours.cpu.loadGeneratorEventLoopDelayMs.p99)} | ${ms(t.bare.cpu.loadGeneratorEventLoopDelayMs.p99)} | |`,
      `| our server's PostgreSQL connections, mean by state | ${Object.entries(t.ours.postgresConnections?.meanConnections ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} | — | |`,
      '',
      `Target ≥ ${TARGETS.throughput}× bare: ${x(t.ratio)} → ${verdict(t.ratio !== null && t.ratio >= TARGETS.throughput)}`,
      '',
    );
  }
  if (s.memory) {
    const m = s.memory;
    const runs = m.runs.map(
      (r, i) =>
        `| run ${i + 1}: RSS / heap per socket after GC | ${kib(r.ours.perSocket.rssAfterGc)} / ${kib(r.ours.perSocket.heapAfterGc)} | ${kib(r.bare.perSocket.rssAfterGc)} / ${kib(r.bare.perSocket.heapAfterGc)} | ${x(ratio(r.ours.perSocket.rssAfterGc, r.bare.perSocket.rssAfterGc))} / ${x(ratio(r.ours.perSocket.heapAfterGc, r.bare.perSocket.heapAfterGc))} |`,
    );
    const r0 = m.runs[0];
    lines.push(
      `### 3. Memory per idle socket: ${int(m.sockets)} sockets (ours: authenticated, default rooms + one subscription), mean of ${m.runs.length} run(s)`,
      '',
      '| | ours | bare Socket.IO | ours ÷ bare |',
      '| --- | --- | --- | --- |',
      `| **RSS per socket** (after full GC − before) | ${kib(m.meanPerSocket.ours.rssAfterGc)} | ${kib(m.meanPerSocket.bare.rssAfterGc)} | ${x(m.ratio.rssAfterGc)} |`,
      `| RSS per socket (settled, no forced GC − before) | ${kib(m.meanPerSocket.ours.rssSettled)} | ${kib(m.meanPerSocket.bare.rssSettled)} | ${x(m.ratio.rssSettled)} |`,
      `| heapUsed per socket (after full GC) | ${kib(m.meanPerSocket.ours.heapAfterGc)} | ${kib(m.meanPerSocket.bare.heapAfterGc)} | ${x(m.ratio.heapAfterGc)} |`,
      `| heapUsed per socket (settled, no forced GC) | ${kib(m.meanPerSocket.ours.heapSettled)} | ${kib(m.meanPerSocket.bare.heapSettled)} | ${x(m.ratio.heapSettled)} |`,
      ...runs,
      `| run 1: RSS before → settled → after GC | ${mib(r0.ours.before.rss)} → ${mib(r0.ours.settled.rss)} → ${mib(r0.ours.afterGc.rss)} | ${mib(r0.bare.before.rss)} → ${mib(r0.bare.settled.rss)} → ${mib(r0.bare.afterGc.rss)} | |`,
      `| run 1: heapUsed before → after GC | ${mib(r0.ours.before.heapUsed)} → ${mib(r0.ours.afterGc.heapUsed)} | ${mib(r0.bare.before.heapUsed)} → ${mib(r0.bare.afterGc.heapUsed)} | |`,
      `| run 1: heapTotal (committed V8 heap) before → after GC | ${mib(r0.ours.before.heapTotal)} → ${mib(r0.ours.afterGc.heapTotal)} | ${mib(r0.bare.before.heapTotal)} → ${mib(r0.bare.afterGc.heapTotal)} | |`,
      `| run 1: time to open them (batches of ${m.batch}) | ${r0.ours.connectSeconds.toFixed(1)} s | ${r0.bare.connectSeconds.toFixed(1)} s | |`,
      '',
      `Target ≤ ${TARGETS.memory}× bare (RSS per socket): ${x(m.ratio.rssAfterGc)} → ${verdict(m.ratio.rssAfterGc !== null && m.ratio.rssAfterGc <= TARGETS.memory)} (heapUsed per socket after GC: ${x(m.ratio.heapAfterGc)}, ${m.ratio.heapAfterGc <= TARGETS.memory ? 'within' : 'over'} ${TARGETS.memory}×)`,
      '',
    );
  }
  if (s.cluster) {
    const c = s.cluster;
    const step1 = s.fanout?.latency.ours.fromCommit;
    const row = (label, r, vs) =>
      `| ${label} | ${ms(r.fromCommit.deliveries.p50)} | ${ms(r.fromCommit.deliveries.p99)} | ${ms(r.fromCommit.deliveries.max)} | ${ms(r.fromCommit.lastDeliveryMs.p99)} | ${ms(r.perTrigger?.httpMs.p50)} | ${vs} |`;
    lines.push(
      `### 4. Two instances over Redis (${c.pinning}), triggers through A; from the commit`,
      '',
      '| per delivery, from commit | p50 | p99 | max | last socket p99 | HTTP answer p50 | p99 ÷ one instance |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...(step1 ? [row('one instance, no Redis (step 1)', s.fanout.latency.ours, '1.00×')] : []),
      row(
        'one instance, no Redis (alternating with phase a)',
        c.singleDuringPhaseA,
        x(step1 ? ratio(c.singleDuringPhaseA.fromCommit.deliveries.p99, step1.deliveries.p99) : null),
      ),
      row(
        'a. one instance with the Redis adapter, the other idle (info)',
        c.oneInstanceWithAdapter,
        x(ratio(c.oneInstanceWithAdapter.fromCommit.deliveries.p99, c.singleDuringPhaseA.fromCommit.deliveries.p99)) +
          ' (vs the row above)',
      ),
      row(
        'one instance, no Redis (alternating with phase b)',
        c.singleDuringSplit,
        x(step1 ? ratio(c.singleDuringSplit.fromCommit.deliveries.p99, step1.deliveries.p99) : null),
      ),
      row(
        '**b. two instances, 500 + 500**',
        c.split,
        `${x(c.vsStep1?.p99Ratio)} vs step 1; ${x(c.vsInterleaved.p99Ratio)} vs the row above`,
      ),
      `| … sockets on A | ${ms(c.split.fromCommit.byGroup.a1.p50)} | ${ms(c.split.fromCommit.byGroup.a1.p99)} | ${ms(c.split.fromCommit.byGroup.a1.max)} | | | |`,
      `| … sockets on B (via Redis) | ${ms(c.split.fromCommit.byGroup.b.p50)} | ${ms(c.split.fromCommit.byGroup.b.p99)} | ${ms(c.split.fromCommit.byGroup.b.max)} | | | |`,
      '',
      `Throughput, two instances (info): ${int(c.throughput.deliveriesPerSec)} deliveries/s, ${c.throughput.triggersPerSec} triggers/s, expected ${int(c.throughput.expected)} / received ${int(c.throughput.received)}, eventIds in order on every socket: ${inOrder(c.throughput) ? 'yes' : 'NO'}; CPU ${cpuLine(c.throughput.cpu)}.`,
      '',
      `Target p99 ≤ ${TARGETS.clusterP99}× one instance: ${x(c.vsStep1?.p99Ratio)} vs step 1 → ${verdict(c.vsStep1 !== null && c.vsStep1.p99Ratio <= TARGETS.clusterP99)}; ${x(c.vsInterleaved.p99Ratio)} vs the interleaved single instance → ${verdict(c.vsInterleaved.p99Ratio <= TARGETS.clusterP99)}`,
      '',
    );
  }
  const failed = results.checks.filter((c) => !c.ok);
  lines.push(
    `Checks: ${results.checks.length - failed.length} of ${results.checks.length} passed${failed.length ? `; FAILED: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}` : ''}.`,
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

function machine() {
  const run = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const pkg = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    nproc: cpus().length,
    cpuModel: /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? null,
    memTotalBytes: totalmem(),
    kernel: release(),
    node: process.version,
    socketIo: pkg('socket.io'),
    socketIoClient: pkg('socket.io-client'),
    redisAdapter: pkg('@socket.io/redis-adapter'),
    ulimitN: run('sh', ['-c', 'ulimit -n']),
    redis: run('redis-cli', ['-u', REDIS_URL, 'info', 'server'])?.match(/redis_version:(\S+)/)?.[1] ?? null,
    clkTck: Number(run('getconf', ['CLK_TCK']) ?? 100),
  };
}

/**
 * Copies what `node apps/server/dist/main.js` loads from the working tree into SNAPSHOT: the
 * compiled server, its migrations (read from src/), and the workspace packages it imports
 * (@msched/*); every other package is linked from the root node_modules. Answers a hash of the copied files and the git
 * state, recorded with the results, so a run names exactly what it measured.
 */
function snapshotBuild() {
  rmSync(SNAPSHOT, { recursive: true, force: true });
  const notNodeModules = (path) => !path.split('/').includes('node_modules');
  const copy = (path) => cpSync(join(ROOT, path), join(SNAPSHOT, path), { recursive: true, dereference: true, filter: notNodeModules });
  for (const path of ['apps/server/package.json', 'apps/server/dist', 'apps/server/src/platform/db/migrations']) copy(path);
  // Workspace packages (@msched/*, linked from the root node_modules): copied; everything else: linked.
  mkdirSync(join(SNAPSHOT, 'node_modules/@msched'), { recursive: true });
  const packages = [];
  for (const name of readdirSync(join(ROOT, 'node_modules/@msched'))) {
    if (name === 'server') continue;
    const path = relative(ROOT, realpathSync(join(ROOT, 'node_modules/@msched', name)));
    copy(path);
    if (existsSync(join(ROOT, path, 'node_modules'))) symlinkSync(join(ROOT, path, 'node_modules'), join(SNAPSHOT, path, 'node_modules'));
    symlinkSync(join(SNAPSHOT, path), join(SNAPSHOT, 'node_modules/@msched', name));
    packages.push(path);
  }
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== '@msched') symlinkSync(join(ROOT, 'node_modules', entry), join(SNAPSHOT, 'node_modules', entry));
  }
  if (existsSync(join(ROOT, 'apps/server/node_modules')))
    symlinkSync(join(ROOT, 'apps/server/node_modules'), join(SNAPSHOT, 'apps/server/node_modules'));
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.name === 'node_modules' || entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  for (const dir of ['apps/server/dist', 'apps/server/src/platform/db/migrations', ...packages]) walk(join(SNAPSHOT, dir));
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  return {
    path: SNAPSHOT,
    packages,
    sha256: hash.digest('hex'),
    gitHead: git('rev-parse', 'HEAD'),
    uncommittedFilesInAppsAndPackages: git('status', '--short', '--', 'apps', 'packages').split('\n').filter(Boolean).length,
  };
}

async function main() {
  if (!flag('skip-build')) {
    log('npm run build');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  results.meta = { ...machine(), startedAt: NOW.toISOString(), databases: [DB], argv, build: snapshotBuild() };
  log(
    `server build snapshot ${results.meta.build.path} (sha256 ${results.meta.build.sha256.slice(0, 12)}, git ${results.meta.build.gitHead.slice(0, 10)} + ${results.meta.build.uncommittedFilesInAppsAndPackages} uncommitted files)`,
  );
  results.meta.postgres = (await query('postgres', 'select version() as v'))[0].v;
  log(
    `machine: ${results.meta.nproc} cores (${results.meta.cpuModel}), ${mib(results.meta.memTotalBytes)}, Node ${results.meta.node}, ulimit -n ${results.meta.ulimitN}`,
  );
  if (Number(results.meta.ulimitN) < MEMORY_SOCKETS + 1000)
    log(`WARNING: ulimit -n ${results.meta.ulimitN} is low for ${MEMORY_SOCKETS} sockets`);

  log(`creating database ${DB} (the demo organization is seeded by a first server start)`);
  await query('postgres', `create database ${DB}`);
  mkdirSync(DATA_DIR, { recursive: true });
  let load = null;
  try {
    const seeder = await startOurs('seed', { port: PORT.ours, seed: true });
    await seeder.stop();
    const workOrders = (await query(DB, 'select count(*)::int as n from work_orders'))[0].n;
    results.meta.data = { organization: 'Demo Plant (SEED_DEMO=true)', workOrders };
    if (ONLY.includes('cluster')) {
      await query('postgres', `create database ${DB_CLUSTER} template ${DB}`);
      results.meta.databases.push(DB_CLUSTER);
    }

    load = await startLoad();
    log(`load generator up (pid ${load.pid}, taskset -c ${LOAD_CORE})`);
    const ctx = { sessions: [] };
    const addSession = async (server) => {
      const session = { server, token: await login(server.origin), issuedAt: Date.now(), groups: [] };
      ctx.sessions.push(session);
      return session;
    };

    if (ONLY.includes('fanout') || ONLY.includes('cluster')) {
      ctx.ours = await startOurs('single', { port: PORT.ours });
      const session = await addSession(ctx.ours);
      ctx.workOrder = await editableWorkOrder(ctx.ours.origin, session.token);
      ctx.room = `workorder:${ctx.workOrder.id}`;
      log(`work order ${ctx.workOrder.workOrderNumber} (${ctx.workOrder.id})`);
      try {
        if (ONLY.includes('fanout')) {
          ctx.bare = await startBare();
          await stepFanout(load, ctx);
          savePartial();
          await ctx.bare.stop();
        } else {
          await connectGroup(load, {
            group: 'ours',
            kind: 'ours',
            origin: ctx.ours.origin,
            count: SOCKETS,
            token: session.token,
            room: ctx.room,
          });
          session.groups.push('ours');
        }
        if (ONLY.includes('cluster')) {
          ctx.a = await startOurs('cluster-a', { port: PORT.a, db: DB_CLUSTER, redis: true });
          ctx.b = await startOurs('cluster-b', { port: PORT.b, db: DB_CLUSTER, redis: true });
          await addSession(ctx.a);
          await stepCluster(load, ctx);
          savePartial();
        }
        await load.call('close', { group: 'ours' });
      } finally {
        await stopAll().then(() => undefined);
        load = null;
      }
    }
    if (ONLY.includes('memory')) {
      load = await startLoad();
      if (!ctx.room) {
        const server = await startOurs('lookup', { port: PORT.ours });
        ctx.workOrder = await editableWorkOrder(server.origin, await login(server.origin));
        ctx.room = `workorder:${ctx.workOrder.id}`;
        await server.stop();
      }
      await stepMemory(load, ctx);
      savePartial();
    }
  } finally {
    load?.stop();
    await stopAll();
    if (!flag('keep-db')) {
      for (const db of results.meta.databases) {
        await query('postgres', `drop database if exists ${db} with (force)`).catch((error) =>
          log(`could not drop ${db}: ${error.message}`),
        );
        log(`dropped database ${db}`);
      }
    }
    if (!CPU_PROF) rmSync(SNAPSHOT, { recursive: true, force: true }); // profiles point into it
  }

  if (CPU_PROF && existsSync(PROF_DIR)) {
    results.profiles = {};
    for (const name of readdirSync(PROF_DIR)) {
      for (const file of readdirSync(join(PROF_DIR, name))) {
        const path = join(PROF_DIR, name, file);
        results.profiles[name] = path;
        const summary = execFileSync(process.execPath, [join(ROOT, 'bench/profile-summary.mjs'), path, '30'], { encoding: 'utf8' });
        log(`CPU profile of "${name}": ${path}\n${summary}`);
      }
    }
  }

  results.meta.finishedAt = new Date().toISOString();
  const summary = markdown();
  results.markdown = summary;
  writeFileSync(RAW_OUT, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${summary}\n`);
  log(`raw figures: ${RAW_OUT}`);
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
