import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { Database } from '../db/database';
import { type NewDomainEvent, type StoredEvent, generationsChangedBy } from './domain-event';
import { EventDispatcher } from './event-dispatcher';
import { EventStore } from './event-store';
import { ReadThroughCache } from '../cache/read-through-cache';

/**
 * Told of every outbox commit of this process, with its events and the wall-clock time
 * (milliseconds, sub-millisecond precision) at which the commit was known. Nothing listens in
 * production; the real-time benchmark measures delivery latency from this moment.
 */
export const eventsCommittedChannel = channel('msched:events:committed');
export interface EventsCommitted {
  events: readonly StoredEvent[];
  committedAt: number;
}

/**
 * Where services record domain events: in their own transaction, as its last step (the
 * organization's counter row is locked from here to the commit). Nothing is published before
 * the commit, and nothing of a rolled-back change is ever published.
 */
@Injectable()
export class EventOutbox {
  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly dispatcher: EventDispatcher,
    private readonly cache: ReadThroughCache,
  ) {}

  async record(organizationId: string, events: readonly NewDomainEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    return this.database.transaction(async () => {
      const stored = await this.store.append(organizationId, events);
      // Whatever changed work orders (a request, the PM job, a publish) makes their cached reads
      // unreachable before the writer's answer: the HTTP interceptor cannot know every id.
      const generations = generationsChangedBy(stored);
      if (generations.length === 0) {
        this.database.afterCommit(() => {
          announceCommit(stored);
          this.dispatcher.committed(stored);
        });
        return stored;
      }
      // Published only once the invalidation is done: a client that receives the event and then
      // reads the work order must get the new version, not a cached old one.
      await this.database.afterCommitAwaited(async () => {
        announceCommit(stored);
        try {
          await this.cache.invalidate(generations);
        } finally {
          this.dispatcher.committed(stored);
        }
      });
      return stored;
    });
  }
}

function announceCommit(events: readonly StoredEvent[]): void {
  if (eventsCommittedChannel.hasSubscribers)
    eventsCommittedChannel.publish({ events, committedAt: performance.timeOrigin + performance.now() } satisfies EventsCommitted);
}
