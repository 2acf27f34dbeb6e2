import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, PROCESS_JWT_SECRET, sharedPostgres, startServerProcess } from '../support/server-process';

/**
 * `npm run org:create` as a deployment without demo data uses it: the built command creates the
 * organization and its admin, then a server started on that database lets the admin in. On the
 * PostgreSQL of DATABASE_URL when set (a database of its own), else on an embedded one in a
 * temporary directory. It runs `apps/server/dist`, which `npm test` builds.
 */
const CLI = resolve(__dirname, '../../dist/modules/organizations/create-organization.cli.js');
const PASSWORD = 'first-admin-password-1';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('org:create, the first organization of a deployment', () => {
  let env: Record<string, string>;
  let dispose: () => Promise<void> = async () => {};
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    const postgres = await sharedPostgres();
    if (postgres) {
      env = { DATABASE_URL: postgres.url };
      dispose = postgres.dispose;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'msched-org-'));
      env = { DATABASE_URL: '', DATA_DIR: dataDir };
      dispose = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await server?.stop();
    await dispose();
  });

  const run = (args: string[], stdin: string): Promise<Run> =>
    new Promise((done) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', JWT_SECRET: PROCESS_JWT_SECRET, LOG_LEVEL: 'warn', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => done({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  const acme = [
    '--name',
    'Acme Plant',
    '--slug',
    'acme',
    '--timezone',
    'Europe/Vienna',
    '--admin-email',
    'Ada@Acme.example',
    '--admin-name',
    'Ada Admin',
  ];

  it('creates the organization with the password piped in; its admin signs in and manages accounts', async () => {
    const created = await run(acme, `${PASSWORD}\n`);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^Organization "Acme Plant" \(acme\) created: [0-9a-f-]{36}\.\nIts admin signs in as ada@acme\.example\.\n$/,
    );

    server = await startServerProcess({ ...env, NODE_ENV: 'production', SEED_DEMO: 'false' });
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@acme.example', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { roles: string[]; organizationId: string } };
    expect(user.roles).toEqual(['admin']);
    const planner = await fetch(`${server.baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ email: 'pia@acme.example', name: 'Pia Planner', password: 'planner-password-1', roles: ['planner'] }),
    });
    expect(planner.status).toBe(201);
    expect(await planner.json()).toMatchObject({ organizationId: user.organizationId, roles: ['planner'] });
    await server.stop();
    server = undefined;
  });

  it('creates nothing and says why when the slug is taken, the password too short or a flag wrong (exit 1)', async () => {
    const again = await run([...acme.slice(0, 7), 'someone@acme.example', '--admin-name', 'Sam'], `${PASSWORD}\n`);
    expect(again).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Nothing created: slug: an organization with slug "acme" already exists\n',
    });

    const short = await run(['--name', 'Beta', '--slug', 'beta', '--admin-email', 'b@beta.example', '--admin-name', 'B'], 'short\n');
    expect(short).toMatchObject({ code: 1, stderr: 'Nothing created: admin.password: must be at least 12 characters\n' });

    const usage = await run([...acme, '--password', PASSWORD], '');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^unknown argument "--password"\nUsage: npm run org:create -- /);
  });
});
