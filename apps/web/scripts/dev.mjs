// `npm run dev`: the API (rebuilt and restarted on change) and Vite (hot reload, proxying /api and
// /socket.io to it) side by side. Each runs in its own process group so that stopping one stops
// everything it started (the API's dev script runs tsc --watch and node --watch in one shell).
import { spawn } from 'node:child_process';
import { setTimeout } from 'node:timers';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const services = [
  { name: 'api', args: ['run', 'dev', '-w', 'apps/server'] },
  { name: 'web', args: ['run', 'dev', '-w', 'apps/web'] },
];

const children = services.map(({ name, args }) => {
  const child = spawn(npm, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.on('data', (chunk) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) (stream === child.stderr ? process.stderr : process.stdout).write(`[${name}] ${line}\n`);
    });
  }
  return child;
});

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode !== null || child.pid === undefined) continue;
    try {
      if (process.platform === 'win32') child.kill('SIGTERM');
      else process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
}

children.forEach((child, index) =>
  child.on('exit', (code) => {
    if (!stopping) console.error(`[${services[index].name}] exited (${code ?? 'signal'}); stopping the other one`);
    stopAll(code ?? 1);
  }),
);
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
