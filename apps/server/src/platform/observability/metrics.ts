import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

  readonly transactionRetries = new Counter({
    name: 'msched_db_transaction_retries_total',
    help: 'Transactions run again after PostgreSQL ended them as a deadlock victim or for a serialization failure.',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  readonly pool = new Gauge({
    name: 'msched_db_pool_connections',
    help: 'PostgreSQL pool connections by state (total, idle, waiting clients, max).',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'msched_events_published_total',
    help: 'Outbox events published by this instance’s dispatcher.',
    registers: [this.registry],
  });

  readonly eventPublishLag = new Histogram({
    name: 'msched_event_publish_lag_seconds',
    help: 'From an event’s commit to its publication (oldest event of each dispatcher round).',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30],
    registers: [this.registry],
  });

  readonly eventDeliveries = new Counter({
    name: 'msched_event_deliveries_total',
    help: 'Domain events sent to sockets of this instance (live or replayed on resume).',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });

  readonly sockets = new Gauge({
    name: 'msched_realtime_sockets',
    help: 'Sockets connected to this instance.',
    registers: [this.registry],
  });

  readonly roomRefusals = new Counter({
    name: 'msched_realtime_room_refusals_total',
    help: 'Room subscriptions refused (not a room, not allowed, or not found).',
    registers: [this.registry],
  });

  readonly socketsDropped = new Counter({
    name: 'msched_realtime_sockets_dropped_total',
    help: 'Sockets closed by the server because their client stopped reading what it was sent.',
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'msched_' });
  }
}
