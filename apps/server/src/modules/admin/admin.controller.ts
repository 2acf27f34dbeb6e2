import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow, Public } from '../../platform/auth/auth.decorators';
import { Cache } from '../../platform/cache/cache';
import { ReadThroughCache } from '../../platform/cache/read-through-cache';
import { Database } from '../../platform/db/database';
import { Metrics } from '../../platform/observability/metrics';

@Controller()
export class AdminController {
  constructor(
    private readonly cache: Cache,
    private readonly readThrough: ReadThroughCache,
    private readonly metrics: Metrics,
    private readonly database: Database,
  ) {}

  /** The brief's cache statistics (keys, memory), plus this instance's hit/miss/error counts. */
  @Allow('cache.stats')
  @Get('api/v1/admin/cache/stats')
  async cacheStats() {
    const counts = { hit: 0, miss: 0, error: 0 };
    for (const sample of (await this.metrics.cacheRequests.get()).values) {
      const result = sample.labels.result as keyof typeof counts;
      if (result in counts) counts[result] += sample.value;
    }
    const stats = await this.cache
      .stats()
      .catch((error: unknown) => ({ kind: this.cache.kind, keys: -1, memory: `unavailable: ${(error as Error).message}` }));
    return { ...stats, hits: counts.hit, misses: counts.miss, errors: counts.error, bypassing: this.readThrough.bypassing };
  }

  /** Prometheus scrape endpoint (no token: scrape it from inside your network). */
  @Public()
  @Get('metrics')
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply) {
    const pool = this.database.poolStatus();
    if (pool) for (const [state, value] of Object.entries(pool)) this.metrics.pool.set({ state }, value);
    reply.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
