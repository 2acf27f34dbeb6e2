#!/usr/bin/env node
// Our solver against the proven optimum of small plants of our own full model: `smallPlant(seed)`
// in packages/optimizer/src/mip/small-plant.ts (5 technicians, 30 work orders, 2 weeks). HiGHS
// proves each optimum on the time-indexed grid model (src/mip/grid-model.ts); `analyze` must give
// the MIP's schedule exactly the score the MIP claims; then our solver runs with a time limit (or an iteration budget)
// and the table gives its gap to the optimum, on the first level where they differ. See
// bench/results/2026-11-29-optimizer-mip.md.
//
//   node bench/optimizer/full-model-mip.mjs                    # build, prove the optima (warm), solve 10 s × 5 seeds
//   node bench/optimizer/full-model-mip.mjs --mip=cached       # take the optima from full-model-optima.json
//   node bench/optimizer/full-model-mip.mjs --mip=cold --limits=none --no-cache-write   # HiGHS alone
//   node bench/optimizer/full-model-mip.mjs --mip=cached --solver=/path/to/other/packages/optimizer/dist  # another build's solve
//   node bench/optimizer/full-model-mip.mjs --instances=1,5 --limits=1,10 --seeds=3 --skip-build --out=/tmp/raw.json
//   node bench/optimizer/full-model-mip.mjs --instances=4 --warm-seconds=10 --mip-time-limit=2400 --limits=none  # a harder proof
//   node bench/optimizer/full-model-mip.mjs --mip=cached --skip-build --iterations=100000   # an iteration budget instead of --limits: deterministic per seed
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const MIP_MODE = option('mip', 'warm'); // warm: our 2 s schedule as incumbent; cold: HiGHS alone; cached
const MIP_LIMIT_S = Number(option('mip-time-limit', '900'));
const WARM_S = Number(option('warm-seconds', '2')); // our solver's budget for the warm start
const LIMITS_S = option('limits', '10') === 'none' ? [] : option('limits', '10').split(',').map(Number);
// An iteration budget replaces the time limits: the same seed then gives the same schedule on any machine, at any load.
const ITERATION_LIMIT = option('iterations', null) === null ? null : Number(option('iterations'));
const BUDGETS =
  ITERATION_LIMIT === null
    ? LIMITS_S.map((seconds) => ({ label: `${seconds} s`, limitSeconds: seconds, options: { timeLimitMs: seconds * 1000 } }))
    : [
        {
          label: `${ITERATION_LIMIT.toLocaleString('en-US')} iterations`,
          limitSeconds: null,
          options: { iterationLimit: ITERATION_LIMIT },
        },
      ];
const SEEDS = Number(option('seeds', '5'));
const INSTANCES = option('instances', '1,2,3,4,5').split(',').map(Number);
const WRITE_CACHE = !flag('no-cache-write');
const CACHE = join(HERE, 'full-model-optima.json');
const RAW_OUT = option('out', null);
const SOLVER_DIST = option('solver', null);
// Searches side by side (`solveInWorker`'s `threads`); without it, one search in this thread.
const THREADS = option('threads', null) === null ? null : Number(option('threads'));

if (!['warm', 'cold', 'cached'].includes(MIP_MODE)) throw new Error(`--mip must be warm, cold or cached, got ${MIP_MODE}`);
if (!flag('skip-build')) execFileSync('npm', ['run', 'build', '-w', 'packages/optimizer', '--silent'], { cwd: ROOT, stdio: 'inherit' });

const dist = join(ROOT, 'packages/optimizer/dist');
const { analyze, compareScores } = require(join(dist, 'index.js'));
const { smallPlant } = require(join(dist, 'mip/small-plant.js'));
const { solveGridExactly } = require(join(dist, 'mip/exact.js'));
const { solve, solveInWorker } = require(join(SOLVER_DIST ? resolve(SOLVER_DIST) : dist, 'index.js'));
const solveOnce = (problem, options) =>
  THREADS === null ? solve(problem, options) : solveInWorker(problem, { ...options, threads: THREADS }).result;

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
const raw = {
  machine,
  date: new Date().toISOString(),
  mipMode: MIP_MODE,
  solver: SOLVER_DIST ?? 'this build',
  threads: THREADS,
  loadBefore: load(),
  optima: {},
  runs: [],
};
const cache = existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : { instances: {} };
const fmt = (s) => `${s.hard}hard/${s.medium}medium/${s.soft}soft`;
const nameOf = (seed) => `smallPlant(${seed})`;

/** How far `score` is from `optimum`, on the first level where they differ (percent of the optimum's penalty). */
function gap(score, optimum) {
  for (const level of ['hard', 'medium', 'soft']) {
    if (score[level] === optimum[level]) continue;
    const percent = optimum[level] === 0 ? Infinity : ((optimum[level] - score[level]) / Math.abs(optimum[level])) * 100;
    return { level, percent };
  }
  return { level: 'equal', percent: 0 };
}

async function optimumOf(seed, problem) {
  if (MIP_MODE === 'cached') {
    const entry = cache.instances[nameOf(seed)];
    if (!entry?.proven) throw new Error(`no proven optimum cached for ${nameOf(seed)}: run with --mip=warm`);
    return { ...entry, source: 'cached' };
  }
  const highs = await require('highs')();
  const incumbent = MIP_MODE === 'warm' ? solve(problem, { timeLimitMs: WARM_S * 1000, seed: 0 }).assignments : undefined;
  const result = solveGridExactly(highs, problem, { timeLimitSeconds: MIP_LIMIT_S, incumbent });
  const gridOnly = result.phases.find((phase) => phase.objective === 'soft' && phase.starts === 'grid');
  const entry = {
    proven: result.proven,
    score: result.score,
    scoreText: result.score ? fmt(result.score) : null,
    gridOptimumSoft: gridOnly?.status === 'optimal' ? -gridOnly.value : null,
    bound: result.bound,
    seconds: Number(result.seconds.toFixed(1)),
    how:
      `HiGHS ${highs.version.string} (npm highs@1.15.3), ${MIP_MODE === 'warm' ? `our solver's ${WARM_S} s schedule (seed 0) as warm start` : 'no incumbent'}; ` +
      result.phases
        .map(
          (phase) =>
            `${phase.objective} on ${phase.starts}: ${phase.columns} columns × ${phase.rows} rows (${phase.nonZeros} non-zeros), ${phase.status} in ${phase.seconds.toFixed(1)} s, ${phase.nodes} nodes, value ${phase.value}, bound ${phase.bound}`,
        )
        .join('; '),
    computed: new Date().toISOString(),
    machine,
    assignments: (result.assignments ?? []).map((a) => ({ jobId: a.jobId, technicianIds: a.technicianIds, start: a.start })),
  };
  if (entry.proven && WRITE_CACHE) {
    cache.instances[nameOf(seed)] = entry;
    cache.instances = Object.fromEntries(Object.entries(cache.instances).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(CACHE, `${JSON.stringify(cache, null, 2)}\n`);
    // The repository checks formatting everywhere, this file included.
    try {
      execFileSync('npx', ['prettier', '--write', CACHE], { cwd: ROOT, stdio: 'ignore' });
    } catch {
      process.stderr.write('prettier could not format the cache\n');
    }
  }
  return { ...entry, source: MIP_MODE };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const gapText = (g) => (g.level === 'equal' ? 'optimal' : `+${g.percent.toFixed(2)} % ${g.level}`);

const rows = [];
const checks = [];
for (const seed of INSTANCES) {
  const problem = smallPlant(seed);
  process.stderr.write(`${nameOf(seed)}: proving the optimum (${MIP_MODE})…\n`);
  const optimum = await optimumOf(seed, problem);
  raw.optima[nameOf(seed)] = optimum;
  // The independent check: our scorer, from the schedule alone, must give what the MIP claims.
  const rescored = analyze(problem, optimum.assignments).score;
  const agrees = optimum.score !== null && compareScores(rescored, optimum.score) === 0;
  checks.push(`| ${nameOf(seed)} | ${optimum.scoreText} | ${fmt(rescored)} | ${agrees ? 'equal' : '**differs**'} |`);
  if (!agrees) throw new Error(`${nameOf(seed)}: analyze gives ${fmt(rescored)}, the MIP claims ${optimum.scoreText}: the model is wrong`);
  process.stderr.write(
    `${nameOf(seed)}: optimum ${optimum.scoreText} (${optimum.proven ? 'proven' : 'NOT proven'}, ${optimum.seconds} s)\n`,
  );
  const target = optimum.score;
  for (const budget of BUDGETS) {
    const runs = [];
    for (let s = 0; s < SEEDS; s++) {
      const solution = await solveOnce(problem, { ...budget.options, seed: s });
      const reached = solution.stats.bestScoreHistory.find((step) => compareScores(step.score, target) >= 0);
      const run = {
        instance: nameOf(seed),
        limitSeconds: budget.limitSeconds,
        iterationLimit: ITERATION_LIMIT,
        seed: s,
        score: solution.score,
        gap: gap(solution.score, target),
        msToOptimum: reached ? reached.elapsedMs : null,
        iterations: solution.stats.iterations,
        elapsedMs: solution.stats.elapsedMs,
      };
      runs.push(run);
      raw.runs.push(run);
      process.stderr.write(`  ${budget.label} seed ${s}: ${fmt(run.score)} (${gapText(run.gap)}), ${run.iterations} iterations\n`);
    }
    const hits = runs.filter((run) => run.msToOptimum !== null);
    const sameMedium = runs.filter((run) => run.score.hard === target.hard && run.score.medium === target.medium);
    const softGaps = sameMedium.map((run) => (run.gap.level === 'equal' ? 0 : run.gap.percent));
    rows.push(
      `| ${nameOf(seed)} | ${optimum.scoreText} | ${budget.label} | ${hits.length}/${runs.length} | ` +
        `${hits.length ? `${(median(hits.map((run) => run.msToOptimum)) / 1000).toFixed(2)} s` : '—'} | ` +
        `${sameMedium.length}/${runs.length} | ${softGaps.length ? `${median(softGaps).toFixed(2)} %` : '—'} | ` +
        `${softGaps.length ? `${Math.max(...softGaps).toFixed(2)} %` : '—'} | ${runs.map((run) => gapText(run.gap)).join(', ')} | ` +
        `${Math.round(median(runs.map((run) => run.iterations))).toLocaleString('en-US')} |`,
    );
  }
}
raw.loadAfter = load();

console.log(
  `\nmachine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load before ${raw.loadBefore}, after ${raw.loadAfter}`,
);
console.log(
  `optima: ${MIP_MODE}; solver: ${raw.solver}; ${THREADS === null ? 'one search in the main thread' : `${THREADS} searches in worker threads`}\n`,
);
console.log('| instance | HiGHS optimum | proven | grid-only soft optimum | seconds | how |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, optimum] of Object.entries(raw.optima)) {
  console.log(
    `| ${name} | ${optimum.scoreText} | ${optimum.proven ? 'yes' : 'no'} | ${optimum.gridOptimumSoft ?? '—'} | ${optimum.seconds} | ${optimum.how} |`,
  );
}
console.log('\n| instance | MIP claims | analyze of its schedule | check |');
console.log('| --- | --- | --- | --- |');
for (const line of checks) console.log(line);
console.log(
  '\n| instance | optimum | limit | seeds at optimum | median time to optimum | seeds at the optimal medium | median soft gap | worst soft gap | every seed | iterations |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
if (RAW_OUT) writeFileSync(RAW_OUT, `${JSON.stringify(raw, null, 2)}\n`);
