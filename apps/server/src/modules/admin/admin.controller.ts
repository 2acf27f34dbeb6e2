import { CreateSystemMessage, type SystemMessageAccepted } from '@msched/contracts';
import { Body, Controller, Get, Header, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal, Public } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { EventOutbox } from '../../platform/events/outbox';
import { zod } from '../../platform/http/zod-validation.pipe';
import { RealtimeGateway } from '../../platform/realtime/realtime.gateway';
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
    private readonly outbox: EventOutbox,
    private readonly realtime: RealtimeGateway,
  ) {}

  /** A `system:message` to everyone of the organization in `system:all` (stored, so resumable). */
  @Allow('system.broadcast')
  @Post('api/v1/admin/system-messages')
  @HttpCode(202)
  async systemMessage(
    @CurrentPrincipal() principal: Principal,
    @Body(zod(CreateSystemMessage)) body: CreateSystemMessage,
  ): Promise<SystemMessageAccepted> {
    const [event] = await this.outbox.record(principal.organizationId, [
      {
        name: 'system:message',
        payload: { message: body.message, level: body.level, data: body.data ?? {}, timestamp: new Date().toISOString() },
        audience: { rooms: ['system:all'], scope: { kind: 'organization' } },
      },
    ]);
    return { eventId: event!.eventId };
  }

  /** This instance's real-time state for the caller's organization: its sockets, rooms, event stream and timers. */
  @Allow('realtime.stats')
  @Get('api/v1/admin/realtime/stats')
  realtimeStats(@CurrentPrincipal() principal: Principal) {
    return this.realtime.organizationState(principal.organizationId);
  }

  /**
   * The brief's cache statistics (keys, memory), plus this instance's hit/miss/error counts.
   * Server-wide by nature: one cache serves every organization and its size cannot be split by
   * tenant. Kept for organization admins (there is no platform-operator role) because they are
   * counts only, never keys or values.
   */
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
