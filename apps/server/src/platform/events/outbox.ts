import { Injectable } from '@nestjs/common';
import { Database } from '../db/database';
import type { NewDomainEvent, StoredEvent } from './domain-event';
import { EventDispatcher } from './event-dispatcher';
import { EventStore } from './event-store';
import { ReadThroughCache, generationKeys } from '../cache/read-through-cache';

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
      this.database.afterCommit(() => this.dispatcher.committed(stored));
      // Whatever changed work orders (a request, the PM job, a publish) makes their cached reads
      // unreachable before the writer's answer: the HTTP interceptor cannot know every id.
      const workOrderIds = stored
        .filter((event) => event.name === 'workorder:update')
        .map((event) => event.payload['workOrderId'] as string);
      if (workOrderIds.length > 0) {
        await this.database.afterCommitAwaited(() =>
          this.cache.invalidate([generationKeys.workOrders(organizationId), ...workOrderIds.map((id) => generationKeys.workOrder(id))]),
        );
      }
      return stored;
    });
  }
}
