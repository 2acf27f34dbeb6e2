#!/usr/bin/env node
// Our solver against the proven optimum of Timefold's maintenance-scheduling quickstart demo data
// (SMALL and LARGE, end rules v1 and v2). The yardstick is HiGHS, run in the same process: the
// table gives each time limit's scores as ratios to the optimum and the time our solver took to
// reach it. See bench/results/2026-11-29-optimizer-timefold.md.
//
//   node bench/optimizer/timefold.mjs                      # build, prove the optima, solve (~6 min)
//   node bench/optimizer/timefold.mjs --mip=cached         # take the optima from timefold-optima.json
//   node bench/optimizer/timefold.mjs --mip=cold           # HiGHS without our incumbent (slower)
//   node bench/optimizer/timefold.mjs --limits=1,10 --seeds=5 --instances=SMALL-v1,LARGE-v2 --skip-build
//   node bench/optimizer/timefold.mjs --mip=cold --formulation=crew-indexed --limits=none --no-cache-write
//   node bench/optimizer/timefold.mjs --mip=cached --large-share=0   # with the large-neighbourhood move off
//   node bench/optimizer/timefold.mjs --mip=cached --max-steps=800000 --steps-per-node=0.3 --stop-at-optimum
//       # deterministic step limits, each large-neighbourhood search node counted as 0.3 steps
//   node bench/optimizer/timefold.mjs --mip=cached --seeds=5 --first-seed=5 --tuning='{"restartAfter":100000}'
//       # seeds 5–9; --tuning is merged over the solver's DEFAULT_TUNING (JSON, one level deep)
//
// The optima found are written back to bench/optimizer/timefold-optima.json with how they were
// proven. Time-limited runs depend on the machine's load: run it on a quiet machine.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const MIP_MODE = option('mip', 'warm'); // warm: our 2 s schedule as incumbent; cold: HiGHS alone; cached
const MIP_LIMIT_S = Number(option('mip-time-limit', '600'));
const LIMITS_S = option('limits', '1,10') === 'none' ? [] : option('limits', '1,10').split(',').map(Number);
const FORMULATION = option('formulation', 'auto'); // auto: aggregated once hard 0 is proven; crew-indexed: x[job, crew, start]
const WRITE_CACHE = !flag('no-cache-write');
const SEEDS = Number(option('seeds', '5'));
const FIRST_SEED = Number(option('first-seed', '0'));
const INSTANCES = option('instances', 'SMALL-v1,SMALL-v2,LARGE-v1,LARGE-v2').split(',');
const CACHE = join(HERE, 'timefold-optima.json');
const RAW_OUT = option('out', null);
// The large-neighbourhood move's share of the steps (default: the solver's; 0: off).
const LARGE_SHARE = option('large-share', null) === null ? null : Number(option('large-share', null));
// Steps a large-neighbourhood search node counts as against --max-steps (measure: steps/s ÷ nodes/s).
const STEPS_PER_NODE = Number(option('steps-per-node', '0'));
// With a step limit each run is deterministic per seed; --limits then only labels the rows.
const MAX_STEPS = option('max-steps', null) === null ? null : Number(option('max-steps', null));
// Stop a run once it reaches the proven optimum (the time and steps to it are unchanged).
const STOP_AT_OPTIMUM = flag('stop-at-optimum');

if (!['warm', 'cold', 'cached'].includes(MIP_MODE)) throw new Error(`--mip must be warm, cold or cached, got ${MIP_MODE}`);
if (!flag('skip-build')) execFileSync('npm', ['run', 'build', '-w', 'packages/optimizer', '--silent'], { cwd: ROOT, stdio: 'inherit' });

const dist = (file) => require(join(ROOT, 'packages/optimizer/dist/timefold', file));
const { compileProblem } = dist('compile.js');
const { generateDemoData } = dist('demo-data.js');
const { formatScore, comparePenalty } = dist('constraints.js');
const { solveTimefoldMaintenance, DEFAULT_TUNING } = dist('solver.js');
const tuning = {
  ...(LARGE_SHARE === null ? {} : { moveShares: { ...DEFAULT_TUNING.moveShares, large: LARGE_SHARE } }),
  ...JSON.parse(option('tuning', '{}')),
};
const { solveExactly } = dist('mip.js');

const cache = existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : { instances: {} };
const raw = { machine: machine(), date: new Date().toISOString(), mipMode: MIP_MODE, optima: {}, runs: [] };

function machine() {
  const cores = cpus();
  return { cpu: cores[0]?.model ?? 'unknown', cores: cores.length, node: process.version };
}

function instance(name) {
  const [size, rule] = name.split('-');
  return { size, rule, problem: compileProblem(generateDemoData(size, { endDateRule: rule })) };
}

async function optimumOf(name, problem) {
  if (MIP_MODE === 'cached') {
    const entry = cache.instances[name];
    if (!entry?.proven) throw new Error(`no proven optimum cached for ${name}: run with --mip=warm`);
    return { ...entry, source: 'cached' };
  }
  const highs = await require('highs')();
  let incumbent;
  if (MIP_MODE === 'warm') incumbent = solveTimefoldMaintenance(problem, { seed: 0, timeLimitMs: 2_000 }).schedule;
  const result = solveExactly(highs, problem, { incumbent, timeLimitSeconds: MIP_LIMIT_S, formulation: FORMULATION });
  const entry = {
    proven: result.proven,
    score: result.penalty ? formatScore(result.penalty) : null,
    hard: result.penalty?.hard ?? null,
    soft: result.penalty?.soft ?? null,
    bound: result.bound,
    seconds: Number(result.seconds.toFixed(1)),
    how:
      `HiGHS ${highs.version.string} (npm highs@1.15.3), ${MIP_MODE === 'warm' ? "our solver's 2 s schedule (seed 0) as warm start and pruning bound" : 'no incumbent'}; ` +
      (result.phases.some((phase) => phase.objective === 'hard') ? '' : 'hard 0 proven by the incumbent (penalties are never negative); ') +
      result.phases
        .map(
          (phase) =>
            `${phase.objective} phase: ${phase.formulation} model, ${phase.columns} columns × ${phase.rows} rows, ${phase.status} in ${phase.seconds.toFixed(1)} s, ${phase.nodes} nodes, bound ${phase.bound}`,
        )
        .join('; '),
    computed: new Date().toISOString(),
    machine: raw.machine,
  };
  if (entry.proven && WRITE_CACHE) {
    cache.instances[name] = entry;
    writeFileSync(CACHE, `${JSON.stringify(cache, null, 2)}\n`);
  }
  return { ...entry, source: MIP_MODE };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (ms) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

const rows = [];
const targets = [];
for (const name of INSTANCES) {
  const { size, problem } = instance(name);
  process.stderr.write(`${name}: proving the optimum (${MIP_MODE})…\n`);
  const optimum = await optimumOf(name, problem);
  raw.optima[name] = optimum;
  process.stderr.write(
    `${name}: ${optimum.proven ? 'optimum' : 'best'} ${optimum.score} (${optimum.proven ? 'proven' : `NOT proven, bound ${JSON.stringify(optimum.bound)}`}, ${optimum.seconds} s)\n`,
  );
  const target = optimum.proven ? { hard: optimum.hard, soft: optimum.soft } : null;
  for (const limit of LIMITS_S) {
    const runs = [];
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
      const limits = MAX_STEPS === null ? { timeLimitMs: limit * 1000 } : { maxIterations: MAX_STEPS };
      const targetPenalty = STOP_AT_OPTIMUM && target ? target : undefined;
      const result = solveTimefoldMaintenance(problem, { seed, ...limits, tuning, targetPenalty, stepsPerSearchNode: STEPS_PER_NODE });
      const reached = target ? result.improvements.find((step) => comparePenalty(step, target) <= 0) : undefined;
      const run = {
        instance: name,
        limitSeconds: limit,
        seed,
        score: formatScore(result.penalty),
        hard: result.penalty.hard,
        soft: result.penalty.soft,
        msToOptimum: reached ? reached.elapsedMs : null,
        // Steps as well as seconds: on a loaded machine the steps are what compare across runs.
        stepsToOptimum: reached ? reached.iteration : null,
        searchNodes: result.searchNodes,
        // With --stop-at-optimum the run ends at the optimum, so its nodes are the nodes to it.
        stepEquivalentsToOptimum: reached && STOP_AT_OPTIMUM ? Math.round(reached.iteration + result.searchNodes * STEPS_PER_NODE) : null,
        msToLastImprovement: result.improvements.at(-1).elapsedMs,
        iterations: result.iterations,
        elapsedMs: result.elapsedMs,
      };
      runs.push(run);
      raw.runs.push(run);
      process.stderr.write(
        `  ${limit} s seed ${seed}: ${run.score}${reached ? `, optimum at ${seconds(run.msToOptimum)} (step ${run.stepsToOptimum})` : ''}, ${run.iterations} steps, ${run.searchNodes} search nodes\n`,
      );
    }
    const feasible = runs.filter((run) => run.hard === (target?.hard ?? 0));
    const hits = runs.filter((run) => run.msToOptimum !== null);
    const ratio = (soft) => (target && target.soft > 0 ? (soft / target.soft).toFixed(4) : '—');
    rows.push(
      `| ${name} | ${optimum.score ?? '—'} | ${limit} s | ${hits.length}/${runs.length} | ${seconds(hits.length ? median(hits.map((run) => run.msToOptimum)) : null)} | ` +
        `${hits.length ? Math.round(median(hits.map((run) => run.stepsToOptimum))).toLocaleString('en-US') : '—'} | ` +
        `${[...runs].sort(comparePenalty)[0].score} | ` +
        `${ratio(median(feasible.map((run) => run.soft)))} | ${ratio(Math.max(...feasible.map((run) => run.soft)))} | ` +
        `${Math.round(median(runs.map((run) => run.iterations / (run.elapsedMs / 1000)))).toLocaleString('en-US')} | ` +
        `${Math.round(median(runs.map((run) => run.searchNodes))).toLocaleString('en-US')} | ` +
        `${hits.length && STOP_AT_OPTIMUM ? Math.round(median(hits.map((run) => run.stepEquivalentsToOptimum))).toLocaleString('en-US') : '—'} |`,
    );
    const targetLimit = size === 'SMALL' ? 1 : 10;
    if (limit === targetLimit) {
      targets.push(
        `| ${name}: proven optimum within ${targetLimit} s, every seed | ${hits.length === runs.length ? 'met' : `missed (${hits.length}/${runs.length} seeds)`} |`,
      );
    }
  }
}

console.log(
  `\nmachine: ${raw.machine.cpu}, ${raw.machine.cores} cores, Node ${raw.machine.node}; optima: ${MIP_MODE}; ` +
    `large-neighbourhood share ${LARGE_SHARE ?? `default (${DEFAULT_TUNING.moveShares.large})`}, ${STEPS_PER_NODE} steps per node${MAX_STEPS === null ? '' : `; step limit ${MAX_STEPS} (the limit column is only a label)`}\n`,
);
console.log(
  '| instance | HiGHS optimum | limit | seeds at optimum | median time to optimum | median steps to optimum | best | median / optimum (soft) | worst / optimum | steps/s | median search nodes | median step-equivalents to optimum |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log('\n| instance | HiGHS | best found | lower bound | gap | seconds | how |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [name, optimum] of Object.entries(raw.optima)) {
  const gap = optimum.soft === null ? '—' : `${(((optimum.soft - optimum.bound.soft) / Math.max(1, optimum.soft)) * 100).toFixed(2)} %`;
  console.log(
    `| ${name} | ${optimum.proven ? 'proven' : 'not proven'} | ${optimum.score ?? '—'} | ${optimum.bound.hard}hard/${optimum.bound.soft}soft | ${gap} | ${optimum.seconds} | ${optimum.how} |`,
  );
}
console.log('\n| target | result |');
console.log('| --- | --- |');
for (const line of targets) console.log(line);
if (RAW_OUT) writeFileSync(RAW_OUT, `${JSON.stringify(raw, null, 2)}\n`);
