import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DEFAULT_POOL, Database } from '../../src/platform/db/database';
import { freePort } from './redis-process';

const MAIN = resolve(__dirname, '../../dist/main.js');
export const PROCESS_JWT_SECRET = 'process-test-secret-that-is-long-enough-0123456789';

/** A fresh, migrated PostgreSQL database that several server processes can share (null without DATABASE_URL). */
export async function sharedPostgres(): Promise<{ url: string; database: Database; dispose: () => Promise<void> } | null> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return null;
  const name = `msched_proc_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // No statement time limit: set-ups write large tables in one statement (query plans on 200,000 rows).
  const database = await Database.open({ url: url.toString(), pool: { ...DEFAULT_POOL, max: 5, min: 0, queryTimeoutMillis: 0 } });
  await database.migrate();
  return {
    url: url.toString(),
    database,
    dispose: async () => {
      await database.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Starts `node apps/server/dist/main.js` (built by `npm test`) on a free port and waits for /api/health. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      JWT_SECRET: PROCESS_JWT_SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: `/tmp/msched-proc-${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited during start:\n${output}`);
    const ready = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (attempt > 300) throw new Error(`server did not become healthy in time:\n${output}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    baseUrl,
    child,
    exited,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
