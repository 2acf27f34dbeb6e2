// Summarizes a V8 CPU profile (node --cpu-prof) by where the time went: self time per
// package (node_modules/<name>), our compiled code (apps/server/dist), Node internals,
// garbage collection and idle.
//
//   node bench/profile-summary.mjs /tmp/msched-prof/CPU.*.cpuprofile [top]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (deltas[index] ?? 0)));

const bucketOf = (frame) => {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: native / unattributed)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url ?? '');
  if (pkg) return pkg[1];
  if (url?.includes('/apps/server/dist/')) return 'apps/server (ours)';
  if (url?.includes('/packages/contracts/')) return '@msched/contracts (ours)';
  if (url?.startsWith('node:') || !url) return `node internals${functionName ? '' : ''}`;
  return url;
};

const buckets = new Map();
const functions = new Map();
let total = 0;
for (const [id, micros] of self) {
  const frame = byId.get(id).callFrame;
  const bucket = bucketOf(frame);
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + micros);
  const name = `${frame.functionName || '(anonymous)'} ${bucket}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
  functions.set(name, (functions.get(name) ?? 0) + micros);
  total += micros;
}
const busy = total - (buckets.get('(idle)') ?? 0);
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((micros / total) * 100).toFixed(1).padStart(5)}% ${((micros / busy) * 100).toFixed(1).padStart(5)}% busy  ${name}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy`);
print('Self time by package', buckets);
print('Self time by function', functions);
