import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cfg-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const PROD_SECRET = 'p'.repeat(32);

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('runs the zero-set-up demo: port 3000, embedded database, demo data', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      dataDir,
      databaseUrl: undefined,
      databasePool: {
        max: 20,
        min: 2,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 2_000,
        maxUses: 7_500,
        queryTimeoutMillis: 30_000,
        applicationName: 'maintenance-scheduler',
      },
      cacheMemoryBytes: 64 * 1024 * 1024,
      trustProxy: false,
      redisUrl: undefined,
      corsOrigins: ['http://localhost:3000', 'http://localhost:5173'],
      seedDemo: true,
      logLevel: 'info',
      bodyLimitBytes: 1_048_576,
      loginMaxFailuresPerAccount: 100,
      loginMaxFailuresPerIp: 300,
      requestsPerMinute: 1200,
      eventRetentionMs: 24 * 3600_000,
      outboxPollMs: 1_000,
      presenceThrottleMs: 250,
      failpoint: undefined,
      pmScheduler: true,
    });
  });

  it('treats an empty variable (PORT= in a .env file) as not set, not as port 0', () => {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '', DATABASE_URL: ' ' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('does not seed demo data into an external database by default', () => {
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://app:pw@db:5432/cmms' }).seedDemo).toBe(false);
  });

  it('SEED_DEMO overrides the default either way', () => {
    expect(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: 'no' }).seedDemo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: '1', DATABASE_URL: 'postgresql://db/cmms' }).seedDemo).toBe(true);
  });

  it('reads numbers, URLs and a trimmed list of CORS origins', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '8080',
      DATABASE_URL: 'postgresql://app@db/cmms',
      REDIS_URL: 'rediss://cache:6380',
      CORS_ORIGINS: ' https://cmms.example.com , https://ops.example.com,',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://app@db/cmms');
    expect(config.redisUrl).toBe('rediss://cache:6380');
    expect(config.corsOrigins).toEqual(['https://cmms.example.com', 'https://ops.example.com']);
    expect(config.logLevel).toBe('debug');
  });

  it('normalises DATA_DIR to a clean absolute path', () => {
    const config = loadConfig({ DATA_DIR: join(dataDir, 'nested', '..', 'data') });
    expect(config.dataDir).toBe(join(dataDir, 'data'));
  });
});

describe('loadConfig refuses bad values, naming the variable', () => {
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://db/cmms'],
    ['REDIS_URL', 'http://cache:6379'],
    ['CORS_ORIGINS', 'not a url'],
    ['LOG_LEVEL', 'verbose'],
    ['NODE_ENV', 'staging'],
    ['SEED_DEMO', 'maybe'],
    ['JWT_SECRET', 'too-short'],
    ['BODY_LIMIT_BYTES', '10'],
  ])('%s=%s', (variable, value) => {
    const error = configError({ DATA_DIR: dataDir, [variable]: value });
    expect(error.message).toMatch(/^Invalid configuration:\n/);
    expect(error.message).toContain(`  ${variable}`);
  });

  it('explains what a database URL must look like', () => {
    expect(configError({ DATA_DIR: dataDir, DATABASE_URL: 'localhost:5432' }).message).toContain(
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
    );
  });

  it('runs one solver search per core but one, at most four, unless SOLVER_THREADS says', () => {
    const cores = availableParallelism();
    expect(loadConfig({ DATA_DIR: dataDir }).solverThreads).toBe(Math.min(4, Math.max(1, cores - 1)));
    expect(loadConfig({ DATA_DIR: dataDir, SOLVER_THREADS: '3' }).solverThreads).toBe(3);
    expect(configError({ DATA_DIR: dataDir, SOLVER_THREADS: '0' }).message).toContain('SOLVER_THREADS');
    expect(configError({ DATA_DIR: dataDir, SOLVER_THREADS: '17' }).message).toContain('SOLVER_THREADS');
    expect(configError({ DATA_DIR: dataDir, SOLVER_THREADS: '1.5' }).message).toContain('SOLVER_THREADS');
  });

  it('names every bad variable at once', () => {
    const message = configError({ DATA_DIR: dataDir, PORT: '-1', LOG_LEVEL: 'loud', REDIS_URL: 'x' }).message;
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('REDIS_URL');
  });
});

describe('loadConfig in production', () => {
  it('requires JWT_SECRET', () => {
    expect(configError({ DATA_DIR: dataDir, NODE_ENV: 'production' }).message).toBe(
      'Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production',
    );
  });

  it('refuses demo data with its published passwords', () => {
    const error = configError({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: PROD_SECRET, SEED_DEMO: 'true' });
    expect(error.message).toContain('SEED_DEMO');
  });

  it('uses the given secret, does not seed and writes no secret file', () => {
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: PROD_SECRET });
    expect(config.jwtSecret).toBe(PROD_SECRET);
    expect(config.seedDemo).toBe(false);
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(false);
  });

  it('accepts SEED_DEMO=false explicitly', () => {
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: PROD_SECRET, SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });
});

describe('the development JWT secret', () => {
  it('is generated once, stored with mode 0600 and reused on the next start', () => {
    const first = loadConfig({ DATA_DIR: dataDir }).jwtSecret;
    const file = join(dataDir, 'jwt-secret');
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(first);
  });

  it('differs between data directories', () => {
    const other = mkdtempSync(join(tmpdir(), 'cfg-'));
    try {
      expect(loadConfig({ DATA_DIR: other }).jwtSecret).not.toBe(loadConfig({ DATA_DIR: dataDir }).jwtSecret);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('creates a data directory that does not exist yet', () => {
    const nested = join(dataDir, 'a', 'b');
    const secret = loadConfig({ DATA_DIR: nested }).jwtSecret;
    expect(readFileSync(join(nested, 'jwt-secret'), 'utf8')).toBe(secret);
  });

  it('reads an existing secret file without its trailing newline', () => {
    writeFileSync(join(dataDir, 'jwt-secret'), 's'.repeat(40) + '\n');
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe('s'.repeat(40));
  });

  it('JWT_SECRET outside production wins over the file', () => {
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: PROD_SECRET }).jwtSecret).toBe(PROD_SECRET);
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(false);
  });

  it('an empty secret file (e.g. truncated) is never used as the signing secret', () => {
    // JWT_SECRET must be ≥ 32 characters; a stored secret must not bypass that, or tokens
    // signed with an empty key could be forged by anyone.
    writeFileSync(join(dataDir, 'jwt-secret'), '');
    let secret: string | undefined;
    try {
      secret = loadConfig({ DATA_DIR: dataDir }).jwtSecret;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError); // refusing to start is acceptable too
      return;
    }
    expect(secret.length).toBeGreaterThanOrEqual(32);
  });
});
