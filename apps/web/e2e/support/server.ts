import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// eslint-disable-next-line no-restricted-imports -- the browser tests create (and drop) a database of their own
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../../../..');
export const SERVER_MAIN = join(ROOT, 'apps/server/dist/main.js');
export const WEB_DIST = join(ROOT, 'apps/web/dist');

export interface DemoServer {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** With DATABASE_URL (CI): a fresh PostgreSQL database on that server, dropped afterwards. */
async function freshPostgres(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `msched_e2e_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/**
 * The built server (`npm run build`) as a child process on a free port, over a fresh database
 * (PostgreSQL when DATABASE_URL is set, else the embedded one in a new data folder) with the
 * demo plant seeded. Background jobs that would move the figures mid-test stay off.
 */
export async function startDemoServer(): Promise<DemoServer> {
  for (const [file, what] of [
    [SERVER_MAIN, 'the server'],
    [join(WEB_DIST, 'index.html'), 'the web app'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (it builds ${what}).`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'msched-e2e-'));
  // A copy of the build: a `npm run build` elsewhere empties apps/web/dist while it runs.
  const webDir = join(dataDir, 'web');
  cpSync(WEB_DIST, webDir, { recursive: true });
  const postgres = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : null;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDir,
      LOG_LEVEL: 'warn',
      JWT_SECRET: `browser-tests-${randomBytes(24).toString('hex')}`,
      SEED_DEMO: 'true',
      PM_SCHEDULER: 'false',
      PREDICTIVE_SCHEDULER: 'false',
      PREDICTIVE_SIMULATOR: 'false',
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const cleanUp = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // A clean shutdown closes sockets and pools; one that hangs is not the tests' concern.
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(hard);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  // Migrating and seeding the demo plant takes a while on a busy machine.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanUp();
      throw new Error(`the server exited during start:\n${output}`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      await cleanUp();
      throw new Error(`the server did not become healthy within 240 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return { baseUrl, output: () => output, stop: cleanUp };
}

/**
 * Scores the demo plant's monitored equipment once, before any test: the predictive pages have
 * something to show, and the background job (off) cannot open work orders mid-test.
 */
export async function assessFleet(baseUrl: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@example.com', password: 'demo-password' }),
  });
  if (!login.ok) throw new Error(`the demo manager cannot log in: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const scored = await fetch(`${baseUrl}/api/v1/predictive/score`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
  if (!scored.ok) throw new Error(`scoring the demo fleet failed: ${scored.status} ${await scored.text()}`);
}
