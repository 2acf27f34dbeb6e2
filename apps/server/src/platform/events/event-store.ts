import { DOMAIN_EVENT_NAMES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type SQL, and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { Database } from '../db/database';
import { events, organizations } from '../db/schema';
import type { Audience, NewDomainEvent, StoredEvent } from './domain-event';

type EventRow = typeof events.$inferSelect;

const toStored = (row: EventRow): StoredEvent => ({
  organizationId: row.organizationId,
  eventId: row.eventId,
  name: row.name as StoredEvent['name'],
  payload: row.payload,
  audience: row.audience as unknown as Audience,
  createdAt: row.createdAt.toISOString(),
});

/** The outbox table: appends in the caller's transaction, reads for publishing and resuming. */
@Injectable()
export class EventStore {
  constructor(private readonly database: Database) {}

  /**
   * Appends events in the open transaction. The counter row stays locked until commit, so a
   * later transaction of the same organization gets higher ids and cannot commit before this one.
   */
  async append(organizationId: string, newEvents: readonly NewDomainEvent[]): Promise<StoredEvent[]> {
    if (newEvents.length === 0) return [];
    const db = this.database.executor;
    const [counter] = await db
      .update(organizations)
      .set({ eventSeq: sql`${organizations.eventSeq} + ${newEvents.length}` })
      .where(eq(organizations.id, organizationId))
      .returning({ last: organizations.eventSeq });
    if (!counter) throw new Error(`No organization ${organizationId} for events`);
    const first = counter.last - newEvents.length + 1;
    const rows = await db
      .insert(events)
      .values(
        newEvents.map((event, index) => ({
          organizationId,
          eventId: first + index,
          name: event.name,
          payload: event.payload as unknown as Record<string, unknown>,
          audience: event.audience as unknown as Record<string, unknown>,
          // The time of the append, under the counter lock: times then follow id order, so the
          // retention purge (by time) never removes an id while keeping a higher one.
          createdAt: sql`clock_timestamp()`,
        })),
      )
      .returning();
    return rows.map(toStored);
  }

  /** Unpublished events, in id order per organization. */
  async unpublished(limit: number): Promise<StoredEvent[]> {
    const rows = await this.database.executor
      .select()
      .from(events)
      .where(isNull(events.publishedAt))
      .orderBy(asc(events.organizationId), asc(events.eventId))
      .limit(limit);
    return rows.map(toStored);
  }

  async markPublished(published: readonly StoredEvent[]): Promise<void> {
    const byOrganization = new Map<string, number[]>();
    for (const event of published)
      byOrganization.set(event.organizationId, [...(byOrganization.get(event.organizationId) ?? []), event.eventId]);
    for (const [organizationId, ids] of byOrganization) {
      await this.database.executor
        .update(events)
        .set({ publishedAt: new Date() })
        .where(and(eq(events.organizationId, organizationId), inArray(events.eventId, ids)));
    }
  }

  /** One organization's events after `afterId` (up to `untilId` when given), oldest first. */
  async range(organizationId: string, afterId: number, limit: number, untilId?: number): Promise<StoredEvent[]> {
    const conditions: SQL[] = [eq(events.organizationId, organizationId), gt(events.eventId, afterId)];
    if (untilId !== undefined) conditions.push(sql`${events.eventId} <= ${untilId}`);
    const rows = await this.database.executor
      .select()
      .from(events)
      .where(and(...conditions))
      .orderBy(asc(events.eventId))
      .limit(limit);
    return rows.map(toStored);
  }

  /** The organization's newest committed event id (0 before its first event). */
  async currentId(organizationId: string): Promise<number> {
    const [row] = await this.database.executor
      .select({ current: organizations.eventSeq })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
    return row?.current ?? 0;
  }

  /**
   * The newest id handed out (committed) and the oldest one still held inside the retention
   * window (null when none is), for resume.
   */
  async bounds(organizationId: string, retainedSince: Date): Promise<{ current: number; oldest: number | null }> {
    const [row] = await this.database.rows<{ current: string | number; oldest: string | number | null }>(sql`
      select o.event_seq as current,
             (select min(e.event_id) from ${events} e
               where e.organization_id = o.id and e.created_at >= ${retainedSince.toISOString()}::timestamptz) as oldest
      from ${organizations} o where o.id = ${organizationId}`);
    const oldest = row?.oldest;
    return { current: Number(row?.current ?? 0), oldest: oldest === null || oldest === undefined ? null : Number(oldest) };
  }

  /** Deletes published events older than the retention window; answers how many went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const [row] = await this.database.rows<{ count: string | number }>(sql`
      with deleted as (
        delete from ${events} where created_at < ${cutoff.toISOString()}::timestamptz and published_at is not null returning 1
      ) select count(*) as count from deleted`);
    return Number(row?.count ?? 0);
  }
}

export const isDomainEventName = (name: string): name is StoredEvent['name'] => (DOMAIN_EVENT_NAMES as readonly string[]).includes(name);
