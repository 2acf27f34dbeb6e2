import { Injectable } from '@nestjs/common';
import { ReadThroughCache } from '../cache/read-through-cache';
import { type StoredEvent, generationsChangedBy } from './domain-event';
import { EventStore } from './event-store';

/**
 * Committed events read back from the outbox table for delivery: to fill a gap in the live
 * stream, or to replay what a reconnecting client missed. Such a read can hand out an event no
 * dispatcher has published yet, which may be one whose writer died before invalidating the
 * cache; a client that receives it and then reads the work order must not get the cached old
 * version. So, as the dispatcher would before publishing it, its cached reads are invalidated
 * first (recorded as owed when the cache cannot be reached); if not even that can be done, the
 * read fails and the caller tries again later, as it does when the database is away.
 */
@Injectable()
export class EventHistory {
  constructor(
    private readonly store: EventStore,
    private readonly cache: ReadThroughCache,
  ) {}

  /** One organization's events after `afterId` (up to `untilId` when given), oldest first. */
  async range(organizationId: string, afterId: number, limit: number, untilId?: number): Promise<StoredEvent[]> {
    const { events, unpublished } = await this.store.range(organizationId, afterId, limit, untilId);
    if (unpublished.length > 0 && (await this.cache.invalidate(generationsChangedBy(unpublished))) === 'unrecorded') {
      throw new Error('events not yet published are held back: their cache invalidation could not be made nor recorded');
    }
    return events;
  }
}
