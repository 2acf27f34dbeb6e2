import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The redis-server binary: /usr/bin/redis-server, or the first one on PATH; undefined when there is none. */
export function findRedisServer(): string | undefined {
  const candidates = [
    '/usr/bin/redis-server',
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'redis-server')),
  ];
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a Redis answers PING on the port (one short attempt). */
export function pingRedis(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one inline command to the Redis on `port` and answers its first reply line. */
function command(port: number, text: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`${text}: no answer from port ${port}`));
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${text}\r\n`));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (!answer.includes('\r\n')) return;
      socket.destroy();
      resolve(answer.slice(0, answer.indexOf('\r\n')));
    });
  });
}

/**
 * A private redis-server child process on a loopback port that a test can kill (SIGKILL, like a
 * crash) and start again on the same port. Without persistence, unless `snapshotDir` is given:
 * then `save()` writes a snapshot there, which the next start loads, as a Redis with its default
 * `save` rules (or an append-only file) would.
 */
export class RedisProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  private constructor(
    private readonly binary: string,
    readonly port: number,
    private readonly snapshotDir: string | undefined,
  ) {
    process.once('exit', this.killOnExit);
  }

  static async start(binary = findRedisServer(), port?: number, options: { snapshotDir?: string } = {}): Promise<RedisProcess> {
    if (!binary) throw new Error('redis-server is not installed');
    const redis = new RedisProcess(binary, port ?? (await freePort()), options.snapshotDir);
    await redis.restart();
    return redis;
  }

  /** Writes a snapshot (SAVE) into `snapshotDir`. */
  async save(): Promise<void> {
    if (!this.snapshotDir) throw new Error('this redis-server keeps no snapshot');
    const reply = await command(this.port, 'SAVE');
    if (reply !== '+OK') throw new Error(`SAVE answered ${reply}`);
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts redis-server (again) on the same port and waits until it answers PING. */
  async restart(timeoutMs = 10_000): Promise<void> {
    if (this.running) throw new Error('redis-server is already running');
    this.output = '';
    const child = spawn(
      this.binary,
      [
        ...['--port', String(this.port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--loglevel', 'warning'],
        ...(this.snapshotDir
          ? ['--dir', this.snapshotDir, '--dbfilename', 'dump.rdb']
          : ['--dir', tmpdir(), '--dbfilename', `none-${this.port}.rdb`]),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`redis-server exited at start (port ${this.port}): ${this.output}`);
      if (await pingRedis(this.port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on port ${this.port} within ${timeoutMs} ms: ${this.output}`);
  }

  /** Kills the process with SIGKILL (no clean shutdown) and waits until it has gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** For afterAll: kills the process if it runs, and forgets the exit hook. */
  async stop(): Promise<void> {
    await this.kill();
    process.removeListener('exit', this.killOnExit);
  }
}

/**
 * A loopback TCP proxy in front of a port, to simulate a network partition: `cut()` drops every
 * connection and refuses new ones while the server behind keeps its data; `restore()` heals it.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private refusing = false;
  private readonly server: Server;
  port = 0;

  private constructor(targetPort: number) {
    this.server = createServer((client) => {
      if (this.refusing) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = proxy.server.address();
    proxy.port = typeof address === 'object' && address ? address.port : 0;
    return proxy;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  cut(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.refusing = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
