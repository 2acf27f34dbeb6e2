// Splits a V8 CPU profile of a real-time server (node --cpu-prof, see run.mjs --cpu-prof) by
// stage, optionally only between two CLOCK_MONOTONIC instants (µs; the throughput step records
// them as `monotonicUs`), and divides by a number of triggers to get CPU time per trigger.
//
//   node bench/realtime/profile-split.mjs <file.cpuprofile> [fromUs toUs [triggers]]
//
// Each sample goes to the first stage, in this order, that one of its frames belongs to:
//   fan-out (encode + write)  frames under our deliver() and the sliced writes (fan-out.ts, packet.ts),
//                             or socket.io's broadcast/emit, ws, engine.io send
//   socket write completion   engine.io / ws / net callbacks after writes (drain, onSentLast, afterWrite)
//   PostgreSQL client         pg, pg-pool, pg-protocol
//   Drizzle ORM               drizzle-orm
//   HTTP + Nest pipeline      fastify, @nestjs/*, rxjs, zod, helmet, @fastify/*, find-my-way, jsonwebtoken
//   our code (other)          apps/server/dist, @msched/contracts
//   garbage collector, idle, other
import { readFileSync } from 'node:fs';

const [file, fromArg, toArg, triggersArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const from = fromArg ? Number(fromArg) : -Infinity;
const to = toArg ? Number(toArg) : Infinity;
const triggers = triggersArg ? Number(triggersArg) : null;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const pkgOf = (url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url ?? '')?.[1] ?? null;
const HTTP = new Set(['fastify', 'rxjs', 'zod', 'helmet', 'find-my-way', 'jsonwebtoken', 'light-my-request', 'avvio']);
const isHttp = (pkg) => pkg !== null && (HTTP.has(pkg) || pkg.startsWith('@nestjs/') || pkg.startsWith('@fastify/'));

// Our fan-out: choosing receivers (deliver), the slices (FanOut run/enqueue) and each write.
const FAN_OUT = new Set(['deliver', 'enqueue', 'run', 'writeLive', 'writeEncoded']);

function stageOf(id) {
  const frames = [];
  for (let at = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at).callFrame);
  const leaf = frames[0];
  if (leaf.functionName === '(idle)') return 'idle';
  if (leaf.functionName === '(garbage collector)') return 'garbage collector';
  const has = (test) => frames.some(test);
  const ours = (f) => f.url?.includes('/apps/server/dist/');
  if (
    has(
      (f) =>
        (ours(f) && FAN_OUT.has(f.functionName) && f.url.includes('/platform/realtime/')) ||
        (pkgOf(f.url) === 'socket.io-adapter' && ['broadcast', 'apply'].includes(f.functionName)),
    )
  )
    return 'fan-out (encode + write)';
  if (has((f) => f.url?.endsWith('bare-server.mjs')) && has((f) => ['socket.io', 'socket.io-adapter'].includes(pkgOf(f.url))))
    return 'fan-out (encode + write)';
  if (has((f) => ['engine.io', 'ws', 'socket.io', 'socket.io-parser', 'engine.io-parser'].includes(pkgOf(f.url))))
    return 'socket I/O (write completion, heartbeats)';
  if (has((f) => ['pg', 'pg-pool', 'pg-protocol', 'pg-types'].includes(pkgOf(f.url)))) return 'PostgreSQL client';
  if (has((f) => pkgOf(f.url) === 'drizzle-orm')) return 'Drizzle ORM';
  if (has((f) => isHttp(pkgOf(f.url)))) return 'HTTP + Nest pipeline';
  if (has((f) => ours(f) || f.url?.includes('/packages/contracts/'))) return 'our code (other)';
  if (has((f) => f.url?.endsWith('bare-server.mjs'))) return 'bare server code (other)';
  return 'other (node internals, timers, …)';
}

const totals = new Map();
let t = profile.startTime;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  t += delta;
  if (t < from || t > to) return;
  const stage = stageOf(id);
  totals.set(stage, (totals.get(stage) ?? 0) + delta);
});

const busy = [...totals].filter(([stage]) => stage !== 'idle').reduce((sum, [, us]) => sum + us, 0);
const all = [...totals.values()].reduce((sum, us) => sum + us, 0);
console.log(`${file}: ${(all / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy${triggers ? `, ${triggers} triggers` : ''}`);
for (const [stage, us] of [...totals].sort((a, b) => b[1] - a[1])) {
  const perTrigger = triggers && stage !== 'idle' ? `  ${(us / 1000 / triggers).toFixed(3)} ms per trigger` : '';
  console.log(
    `${((us / all) * 100).toFixed(1).padStart(5)}% of time  ${stage === 'idle' ? '' : `${((us / busy) * 100).toFixed(1).padStart(5)}% of busy`}  ${stage}${perTrigger}`,
  );
}
if (triggers) console.log(`busy per trigger: ${(busy / 1000 / triggers).toFixed(3)} ms`);
