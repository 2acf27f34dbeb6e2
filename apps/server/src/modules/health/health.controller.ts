import type { Health } from '@msched/contracts';
import { Controller, Get, Logger, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../../platform/auth/auth.decorators';
import { Cache } from '../../platform/cache/cache';
import { Database } from '../../platform/db/database';

const VERSION = '0.1.0';
const logger = new Logger('health');

/** Liveness and readiness: 200 when the database and cache answer, 503 otherwise. */
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly database: Database,
    private readonly cache: Cache,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const [database, cache] = await Promise.all([
      probe(() => this.database.ping(), this.database.kind),
      probe(() => this.cache.ping(), this.cache.kind),
    ]);
    const healthy = database.status === 'up' && cache.status === 'up';
    reply.status(healthy ? 200 : 503);
    const pool = this.database.poolStatus();
    return {
      status: healthy ? 'ok' : 'error',
      checks: { database, cache },
      ...(pool ? { pool } : {}),
      uptimeSeconds: Math.round(process.uptime()),
      version: VERSION,
    };
  }
}

async function probe(check: () => Promise<void>, detail: string) {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 2_000).unref())]);
    return { status: 'up' as const, detail };
  } catch (error) {
    // The reason goes to the log, not to this unauthenticated answer (it may name internal hosts).
    logger.warn(`health: ${detail} is down: ${(error as Error).message}`);
    return { status: 'down' as const, detail };
  }
}
