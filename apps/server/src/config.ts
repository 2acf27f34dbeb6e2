import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { MAX_THREADS } from '@msched/optimizer';
import { z } from 'zod';
import type { PoolSettings } from './platform/db/database';

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => ['true', '1', 'yes'].includes(value));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  DATABASE_POOL_MIN: z.coerce.number().int().min(0).max(500).default(2),
  DATABASE_POOL_IDLE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  DATABASE_POOL_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  DATABASE_POOL_MAX_USES: z.coerce.number().int().min(0).max(10_000_000).default(7_500),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  DATABASE_APPLICATION_NAME: z.string().min(1).max(63).default('maintenance-scheduler'),
  CACHE_MEMORY_MB: z.coerce.number().int().min(1).max(16_384).default(64),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
    .optional(),
  JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:3000,http://localhost:5173')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: 'each origin must be a URL such as https://cmms.example.com' }))),
  SEED_DEMO: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  TRUST_PROXY: booleanFlag.default(false),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(100),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(300),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000_000).default(1_200),
  EVENT_RETENTION_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 90)
    .default(24),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  SESSION_END_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  PRESENCE_THROTTLE_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  /** Test-only fault injection: `exit-after-commit` kills the process after an outbox commit, before publishing. */
  FAILPOINT: z.enum(['exit-after-commit']).optional(),
  PM_SCHEDULER: booleanFlag.default(true),
  WEB_DIST_DIR: z.string().min(1).optional(),
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?):\/\//, { message: 'must be an mqtt://, mqtts://, ws:// or wss:// URL' })
    .optional(),
  MQTT_TOPIC: z.string().trim().min(1).max(200).default('+/+/+'),
  SOLVER_THREADS: z.coerce.number().int().min(1).max(MAX_THREADS).optional(),
  PREDICTIVE_SCHEDULER: booleanFlag.default(true),
  PREDICTIVE_HORIZON_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PREDICTIVE_LEAD_HOURS: z.coerce.number().min(1).max(8760).default(72),
  PREDICTIVE_RISK_THRESHOLD: z.coerce.number().gt(0).max(1).default(0.5),
  PREDICTIVE_RETRAIN_HOURS: z.coerce.number().min(1).max(8760).default(24),
  PREDICTIVE_SIMULATOR: booleanFlag.optional(),
  PREDICTIVE_SIMULATOR_SPEEDUP: z.coerce.number().min(1).max(100_000).default(1440),
  PREDICTIVE_SIMULATOR_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
});

export type AppConfig = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePool: PoolSettings;
  cacheMemoryBytes: number;
  redisUrl: string | undefined;
  jwtSecret: string;
  corsOrigins: string[];
  seedDemo: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  /** Request budget of one caller on one instance, in units per minute (RequestBudget); 0 turns it off. */
  requestsPerMinute: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** How long outbox events are kept for clients that resume. */
  eventRetentionMs: number;
  /** How often the dispatcher looks for events no instance published (e.g. after a crash). */
  outboxPollMs: number;
  /** How often an instance reads the session cutoffs other instances committed. */
  sessionEndPollMs: number;
  /** At most one presence update per organization (and per work-order room) in this period. */
  presenceThrottleMs: number;
  failpoint: 'exit-after-commit' | undefined;
  /** Generate PM work orders in the background (pg-boss on PostgreSQL, a timer embedded). */
  pmScheduler: boolean;
  /** The built web app served at `/`: apps/web/dist unless WEB_DIST_DIR names another folder. */
  webDistDir: string;
  /** Take sensor readings from this MQTT broker (topic `<orgSlug>/<equipmentNumber>/<sensor>`). */
  mqttUrl: string | undefined;
  /** What to subscribe to; `$share/<group>/+/+/+` splits the stream between instances. */
  mqttTopic: string;
  /**
   * Searches a full optimizer run makes side by side, each in a worker thread (the best wins):
   * by default one per core but one (kept for the API), at most four. Runs at once share the
   * instance's threads (`solverThreadsFor`): a run started while others solve gets fewer.
   */
  solverThreads: number;
  predictive: PredictiveConfig;
};

export interface PredictiveConfig {
  /** Score equipment every minute and retrain models in the background. */
  scheduler: boolean;
  /** Failure probabilities are for this many days ahead. */
  horizonDays: number;
  /** Hours needed to plan and do the work: a RUL lower bound inside it opens a predictive work order. */
  leadHours: number;
  /** A failure probability (within the horizon) at or above this opens a predictive work order. */
  riskThreshold: number;
  /** An active model older than this is retrained. */
  retrainHours: number;
  /** Feed the demo organization's digital twins with sensor readings. */
  simulator: boolean;
  /** How many times faster than real time the twins age. */
  simulatorSpeedup: number;
  simulatorTickMs: number;
}

export class ConfigError extends Error {}

/** Reads and validates the environment. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // `PORT=` in a shell or .env file means "not set", not "port 0".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.DATA_DIR);
  const embedded = !values.DATABASE_URL;
  if (values.NODE_ENV === 'production' && !values.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (values.NODE_ENV === 'production' && values.SEED_DEMO) {
    throw new ConfigError(
      'Invalid configuration:\n  SEED_DEMO: demo data (with its published passwords) is refused when NODE_ENV=production',
    );
  }
  return {
    nodeEnv: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseUrl: values.DATABASE_URL,
    databasePool: {
      max: values.DATABASE_POOL_MAX,
      min: Math.min(values.DATABASE_POOL_MIN, values.DATABASE_POOL_MAX),
      idleTimeoutMillis: values.DATABASE_POOL_IDLE_MS,
      connectionTimeoutMillis: values.DATABASE_POOL_CONNECT_TIMEOUT_MS,
      maxUses: values.DATABASE_POOL_MAX_USES,
      queryTimeoutMillis: values.DATABASE_QUERY_TIMEOUT_MS,
      applicationName: values.DATABASE_APPLICATION_NAME,
    },
    cacheMemoryBytes: values.CACHE_MEMORY_MB * 1024 * 1024,
    redisUrl: values.REDIS_URL,
    jwtSecret: values.JWT_SECRET ?? developmentSecret(dataDir),
    corsOrigins: values.CORS_ORIGINS,
    // Embedded mode is the zero-set-up demo, so it seeds unless told not to.
    seedDemo: values.SEED_DEMO ?? (embedded && values.NODE_ENV !== 'production'),
    logLevel: values.LOG_LEVEL,
    bodyLimitBytes: values.BODY_LIMIT_BYTES,
    loginMaxFailuresPerAccount: values.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerIp: values.LOGIN_MAX_FAILURES_PER_IP,
    requestsPerMinute: values.RATE_LIMIT_PER_MINUTE,
    trustProxy: values.TRUST_PROXY,
    eventRetentionMs: Math.round(values.EVENT_RETENTION_HOURS * 3600_000),
    outboxPollMs: values.OUTBOX_POLL_MS,
    sessionEndPollMs: values.SESSION_END_POLL_MS,
    presenceThrottleMs: values.PRESENCE_THROTTLE_MS,
    failpoint: values.FAILPOINT,
    pmScheduler: values.PM_SCHEDULER,
    // Beside this file in src/ and dist/ alike: apps/server/<src|dist>/ → apps/web/dist.
    webDistDir: resolve(values.WEB_DIST_DIR ?? join(__dirname, '..', '..', 'web', 'dist')),
    mqttUrl: values.MQTT_URL,
    mqttTopic: values.MQTT_TOPIC,
    solverThreads: values.SOLVER_THREADS ?? Math.min(4, Math.max(1, availableParallelism() - 1)),
    predictive: {
      scheduler: values.PREDICTIVE_SCHEDULER,
      horizonDays: values.PREDICTIVE_HORIZON_DAYS,
      leadHours: values.PREDICTIVE_LEAD_HOURS,
      riskThreshold: values.PREDICTIVE_RISK_THRESHOLD,
      retrainHours: values.PREDICTIVE_RETRAIN_HOURS,
      // The twins belong to the zero-set-up demo: on wherever the demo is seeded by default.
      simulator: values.PREDICTIVE_SIMULATOR ?? (embedded && (values.SEED_DEMO ?? values.NODE_ENV !== 'production')),
      simulatorSpeedup: values.PREDICTIVE_SIMULATOR_SPEEDUP,
      simulatorTickMs: values.PREDICTIVE_SIMULATOR_TICK_MS,
    },
  };
}

/** Outside production a secret is generated once and kept in the data dir, so tokens survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  // Written whole to a temporary file and then linked into place, so no process ever reads
  // a half-written (or empty) secret; the first process to link wins.
  const candidate = join(dataDir, `.jwt-secret.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(candidate, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(candidate, file);
  } catch {
    // Someone linked first; an unusable file left by an older run is replaced.
    if (!readSecret(file)) renameSync(candidate, file);
  } finally {
    rmSync(candidate, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new ConfigError(`Invalid configuration:\n  JWT_SECRET: could not create a usable secret in ${file}`);
  return secret;
}

/** The stored secret, or undefined when missing or too short to sign safely. */
function readSecret(file: string): string | undefined {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    return secret.length >= 32 ? secret : undefined;
  } catch {
    return undefined;
  }
}
