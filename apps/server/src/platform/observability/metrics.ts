import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server instance, served at /metrics. */
export class Metrics {
  readonly registry = new Registry();

  readonly cacheRequests = new Counter({
    name: 'msched_cache_requests_total',
    help: 'Cache look-ups by outcome: hit, miss, or error (cache unreachable; answered from the database).',
    labelNames: ['namespace', 'result'] as const,
    registers: [this.registry],
  });

  readonly cacheInvalidations = new Counter({
    name: 'msched_cache_invalidations_total',
    help: 'Generation bumps by outcome (ok, or error: retried until the cache answers).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly coalescedReads = new Counter({
    name: 'msched_cache_coalesced_reads_total',
    help: 'Reads that joined an identical read already in flight instead of querying again.',
    labelNames: ['namespace'] as const,
    registers: [this.registry],
  });

  readonly databaseRetries = new Counter({
    name: 'msched_db_read_retries_total',
    help: 'Reads retried after a transient connection error.',
    registers: [this.registry],
  });

  readonly pool = new Gauge({
    name: 'msched_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting clients, max).',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'msched_' });
  }
}
