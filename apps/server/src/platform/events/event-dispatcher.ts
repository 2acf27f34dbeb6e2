import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { Database } from '../db/database';
import { ReadThroughCache } from '../cache/read-through-cache';
import { Metrics } from '../observability/metrics';
import { type StoredEvent, generationsChangedBy } from './domain-event';
import { EventStore } from './event-store';

/** Delivers committed events to every client, on every instance, that may see them. */
export abstract class EventPublisher {
  abstract publish(events: readonly StoredEvent[]): void;
}

const BATCH = 500;
/** One dispatcher round at a time across all instances, so events leave in id order. */
const DISPATCH_LOCK_KEY = 72_410_002;
const PURGE_EVERY_MS = 3600_000;
/**
 * Events published right after their commit are marked in the table by a round this much later,
 * so that one round (a transaction) marks many of them under load instead of one per commit.
 */
const MARK_DELAY_MS = 100;
/**
 * A round's scan leaves younger rows to the process that committed them (it publishes them
 * itself, right after its commit): only rows nobody published for this long are picked up,
 * except by the complete scans at start and on `flush()`.
 */
const SCAN_MIN_AGE_MS = 1000;

/**
 * Publishes outbox rows after their commit: each process its own commits at once, and a round
 * (at start, polling, and shortly after its own publishes) marks those and scans for rows no
 * process published (one that died first), publishes and marks them. A round holds a
 * transaction-level advisory lock; dying between publishing and marking publishes the rows
 * again later with the same ids (clients dedupe).
 */
@Injectable()
export class EventDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger(EventDispatcher.name);
  private running: Promise<void> | null = null;
  /** Published right after their commit, not yet marked in the table. */
  private published: StoredEvent[] = [];
  private pending = false;
  /** The next round scans every unpublished row, however young. */
  private completeScan = false;
  private poll: NodeJS.Timeout | undefined;
  private purge: NodeJS.Timeout | undefined;
  private mark: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly publisher: EventPublisher,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: ReadThroughCache,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake(true);
    this.poll = setInterval(() => this.wake(), this.config.outboxPollMs);
    this.poll.unref();
    this.purge = setInterval(() => void this.purgeExpired(), PURGE_EVERY_MS);
    this.purge.unref();
  }

  /**
   * Called after each outbox commit of this process, with the events it committed (once the
   * cache no longer serves what they changed). They are published at once — the gateway writes
   * the first slice of a fan-out now and the rest on later turns of the event loop, so the
   * writer's answer waits for one slice at most — and marked as published by a round a little
   * later; the round's scan only catches what no process published (a crash in between). The
   * same event published twice carries the same id.
   */
  committed(events: readonly StoredEvent[] = []): void {
    // Fault injection for the crash test: the change is committed, the publish never happens.
    if (this.config.failpoint === 'exit-after-commit') process.kill(process.pid, 'SIGKILL');
    if (this.stopped || events.length === 0) return this.wake();
    this.publishCommitted(events);
  }

  /**
   * Publishes committed events now; a round marks them a little later. If the publish fails, a
   * round finds them unpublished: at once (`retryNow`), or at the next poll.
   */
  private publishCommitted(events: readonly StoredEvent[], retryNow = true): void {
    try {
      this.publisher.publish(events);
      this.published.push(...events);
      this.metrics.eventsPublished.inc(events.length);
      this.markSoon();
    } catch (error) {
      this.logger.warn(`Event publish failed (the dispatcher retries): ${(error as Error).message}`);
      if (retryNow) this.wake();
    }
  }

  private markSoon(): void {
    if (this.mark || this.stopped) return;
    this.mark = setTimeout(() => {
      this.mark = undefined;
      this.wake();
    }, MARK_DELAY_MS);
    this.mark.unref();
  }

  wake(completeScan = false): void {
    if (this.stopped) return;
    if (completeScan) this.completeScan = true;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Waits until everything committed so far has been published (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (!this.stopped) {
      this.wake(true);
      while (this.running) await this.running;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearInterval(this.purge);
    clearTimeout(this.mark);
    this.mark = undefined;
    while (this.running) await this.running.catch(() => undefined);
    // What went out but is not marked yet would be sent again by the next process (same ids).
    const sent = this.published.splice(0);
    if (sent.length > 0) await this.store.markPublished(sent).catch(() => undefined);
  }

  async purgeExpired(): Promise<number> {
    try {
      return await this.store.purgeOlderThan(new Date(Date.now() - this.config.eventRetentionMs));
    } catch (error) {
      this.logger.warn(`Event purge failed: ${(error as Error).message}`);
      return 0;
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      this.pending = false;
      let outcome: { published: number; contended: boolean };
      try {
        outcome = await this.round();
      } catch (error) {
        // Database away: the poll tries again; nothing is lost, the rows stay unpublished.
        this.logger.warn(`Event dispatch failed: ${(error as Error).message}`);
        return;
      }
      if (this.stopped) return;
      if (outcome.contended) await new Promise((resolve) => setTimeout(resolve, 10));
      else if (outcome.published < BATCH && !this.pending) return;
    }
  }

  /**
   * One round, in one transaction: marks what this process published, then scans. What it took
   * on (the events to mark, a complete scan asked for) goes back for the next round unless it
   * committed. Not retried by the transaction itself on a deadlock: the next round runs anyway.
   */
  private async round(): Promise<{ published: number; contended: boolean }> {
    const sent = this.published.splice(0);
    const complete = this.completeScan;
    this.completeScan = false;
    const giveBack = () => {
      this.published.unshift(...sent);
      if (complete) this.completeScan = true;
    };
    let outcome: { published: number; contended: boolean };
    try {
      outcome = await this.database.transaction(() => this.roundOnce(sent, complete), { retry: false });
    } catch (error) {
      giveBack();
      throw error;
    }
    if (outcome.contended) giveBack();
    return outcome;
  }

  private async roundOnce(sent: StoredEvent[], complete: boolean): Promise<{ published: number; contended: boolean }> {
    const [lock] = await this.database.rows<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${DISPATCH_LOCK_KEY}) as locked`);
    if (!lock?.locked) return { published: 0, contended: true };
    await this.store.markPublished(sent);
    const events = await this.store.unpublished(BATCH, complete ? 0 : SCAN_MIN_AGE_MS);
    if (events.length === 0) return { published: 0, contended: false };
    // Their writer may have died before invalidating the cache (or not be done yet): a client
    // that reads after the event must not get a cached old version.
    const invalidation = await this.cache.invalidate(generationsChangedBy(events));
    // Other instances may serve the old versions: the events wait for a later round.
    if (invalidation === 'unrecorded') throw new Error('a cache invalidation could not be made nor recorded as owed');
    if (invalidation === 'owed') {
      // Recorded as owed in this transaction, so the other instances hear of it at the commit.
      // The events leave after that, as a writer's do after its own commit, and a later round
      // marks them: until then another instance's round may find and publish them again (the
      // same ids; clients drop repeats), as after a crash in between. A failed publish waits for
      // the next poll rather than a round at once, which would record what is owed again and
      // fail again, in a loop, for as long as Redis is away.
      this.database.afterCommit(() => this.publishCommitted(events, false));
      return { published: events.length, contended: false };
    }
    this.publisher.publish(events);
    await this.store.markPublished(events);
    this.metrics.eventsPublished.inc(events.length);
    const oldest = Date.parse(events[0]!.createdAt);
    this.metrics.eventPublishLag.observe(Math.max(0, Date.now() - oldest) / 1000);
    return { published: events.length, contended: false };
  }
}
