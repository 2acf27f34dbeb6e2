import { Injectable } from '@nestjs/common';
import { Database } from '../db/database';
import type { NewDomainEvent, StoredEvent } from './domain-event';
import { EventDispatcher } from './event-dispatcher';
import { EventStore } from './event-store';

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
  ) {}

  async record(organizationId: string, events: readonly NewDomainEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    return this.database.transaction(async () => {
      const stored = await this.store.append(organizationId, events);
      this.database.afterCommit(() => this.dispatcher.committed(stored));
      return stored;
    });
  }
}
