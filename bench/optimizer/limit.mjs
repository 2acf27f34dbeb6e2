#!/usr/bin/env node
// Does the optimizer keep its time limit, and answer a stop promptly, on the largest problem the
// server builds (5,000 work orders × 1,000 technicians over 92 days)?
//
//   node bench/optimizer/limit.mjs [--skip-build] [--jobs=5000] [--technicians=1000] [--days=92]
//                                  [--solver=packages/optimizer/dist] [--out=file.json]
//
// 1. solve() in this thread with time limits of 0.1, 2 and 10 s: wall time over the limit (a
//    ratio; 1.0 is exact), iterations, assigned and unassigned jobs, peak heap.
// 2. solveInWorker() with a 60 s limit, stopped after 2.5 s: how long the stop takes to answer.
// Writes the figures to bench/results/<date>-<HHMM>-optimizer-limit.json (or --out).
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const option = (name, fallback) => {
  const found = process.argv.slice(2).find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const JOBS = Number(option('jobs', '5000'));
const TECHNICIANS = Number(option('technicians', '1000'));
const DAYS = Number(option('days', '92'));
const solver = path.resolve(root, option('solver', 'packages/optimizer/dist'));
const stamp = new Date().toISOString().slice(0, 16).replace('T', '-').replace(':', '');
const out = path.resolve(root, option('out', `bench/results/${stamp}-optimizer-limit.json`));

if (!process.argv.includes('--skip-build')) execSync('npm run build -w packages/optimizer', { cwd: root, stdio: 'inherit' });
const { solve, solveInWorker } = createRequire(import.meta.url)(path.join(solver, 'index.js'));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.UTC(2026, 0, 5); // a Monday
/** Every technician works 08:00–16:00 every day; every job takes a whole shift: far more work than time. */
function problem() {
  const availability = Array.from({ length: DAYS }, (_, d) => ({ start: start + d * DAY + 8 * HOUR, end: start + d * DAY + 16 * HOUR }));
  return {
    horizon: { start, end: start + DAYS * DAY },
    technicians: Array.from({ length: TECHNICIANS }, (_, t) => ({ id: `T${t}`, skills: { mechanical: 1 + (t % 3) }, availability })),
    jobs: Array.from({ length: JOBS }, (_, j) => ({
      id: `WO${j}`,
      durationMinutes: 480,
      requiredSkills: [{ skill: 'mechanical', minLevel: 1 + (j % 3) }],
      priorityWeight: 1 + (j % 4),
      targetAt: start + (j % DAYS) * DAY,
      equipmentId: `EQ${j % 50}`,
      preferredTechnicianId: `T${j % TECHNICIANS}`,
    })),
  };
}

const results = {
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version },
  size: { jobs: JOBS, technicians: TECHNICIANS, days: DAYS },
  solver,
  limits: [],
};
for (const limitMs of [100, 2_000, 10_000]) {
  const begun = performance.now();
  const solution = solve(problem(), { timeLimitMs: limitMs, seed: 1 });
  const wallMs = performance.now() - begun;
  const row = {
    limitMs,
    wallMs: Math.round(wallMs),
    overLimit: Number((wallMs / limitMs).toFixed(2)),
    iterations: solution.stats.iterations,
    assigned: solution.assignments.length,
    unassigned: solution.unassigned.length,
    heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
  results.limits.push(row);
  console.log(
    `limit ${limitMs} ms: ${row.wallMs} ms (${row.overLimit}× the limit), ${row.iterations} iterations, ${row.assigned} assigned`,
  );
}

const worker = solveInWorker(problem(), { timeLimitMs: 60_000, seed: 1 });
await sleep(2_500);
const stopped = performance.now();
worker.stop();
const solution = await worker.result;
results.stop = { afterMs: 2_500, answeredInMs: Math.round(performance.now() - stopped), assigned: solution.assignments.length };
console.log(`stop after 2.5 s of a 60 s run: answered in ${results.stop.answeredInMs} ms`);

writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${path.relative(root, out)}`);
