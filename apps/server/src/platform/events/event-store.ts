import { DOMAIN_EVENT_NAMES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { type SQL, and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { Database } from '../db/database';
import { events, organizations } from '../db/schema';
import type { Audience, NewDomainEvent, StoredEvent } from './domain-event';

type EventRow = typeof events.$inferSelect;
/** A row as the append statement answers it (raw driver values). */
type AppendedRow = { event_id: string | number; name: string; payload: Record<string, unknown>; audience: unknown; created_at: string };

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
   * Counter and rows are written by one statement: the lock is then held for that statement and
   * the commit only, not for an extra round trip through a possibly busy event loop.
   */
  async append(organizationId: string, newEvents: readonly NewDomainEvent[]): Promise<StoredEvent[]> {
    if (newEvents.length === 0) return [];
    const count = newEvents.length;
    const items = JSON.stringify(newEvents.map((event) => ({ name: event.name, payload: event.payload, audience: event.audience })));
    // created_at is taken per row after the counter update, under its lock: times then follow id
    // order, so the retention purge (by time) never removes an id while keeping a higher one.
    const rows = await this.database.rows<AppendedRow>(sql`
      with counter as (
        update ${organizations} set event_seq = event_seq + ${count} where id = ${organizationId} returning event_seq
      )
      insert into ${events} (organization_id, event_id, name, payload, audience, created_at)
      select ${organizationId}::uuid, counter.event_seq - ${count} + item.position, item.value ->> 'name',
             item.value -> 'payload', item.value -> 'audience', clock_timestamp()
      from counter, jsonb_array_elements(${items}::jsonb) with ordinality as item(value, position)
      returning event_id, name, payload, audience, to_json(created_at) as created_at`);
    if (rows.length !== count) throw new Error(`No organization ${organizationId} for events`);
    return rows
      .map((row) => ({
        organizationId,
        eventId: Number(row.event_id),
        name: row.name as StoredEvent['name'],
        payload: row.payload,
        audience: row.audience as unknown as Audience,
        createdAt: new Date(row.created_at).toISOString(),
      }))
      .sort((a, b) => a.eventId - b.eventId);
  }

  /** Unpublished events (created at least `minAgeMs` ago), in id order per organization. */
  async unpublished(limit: number, minAgeMs = 0): Promise<StoredEvent[]> {
    const rows = await this.database.executor
      .select()
      .from(events)
      .where(
        minAgeMs > 0
          ? and(isNull(events.publishedAt), sql`${events.createdAt} < clock_timestamp() - make_interval(secs => ${minAgeMs / 1000})`)
          : isNull(events.publishedAt),
      )
      .orderBy(asc(events.organizationId), asc(events.eventId))
      .limit(limit);
    return rows.map(toStored);
  }

  async markPublished(published: readonly StoredEvent[]): Promise<void> {
    const byOrganization = new Map<string, number[]>();
    for (const event of published) {
      const ids = byOrganization.get(event.organizationId);
      if (ids) ids.push(event.eventId);
      else byOrganization.set(event.organizationId, [event.eventId]);
    }
    for (const [organizationId, ids] of byOrganization) {
      await this.database.executor
        .update(events)
        .set({ publishedAt: new Date() })
        .where(and(eq(events.organizationId, organizationId), inArray(events.eventId, ids)));
    }
  }

  /**
   * One organization's events after `afterId` (up to `untilId` when given), oldest first, and
   * those of them no dispatcher has marked as published yet. Read for delivery through
   * `EventHistory`, which makes their cache invalidations first.
   */
  async range(
    organizationId: string,
    afterId: number,
    limit: number,
    untilId?: number,
  ): Promise<{ events: StoredEvent[]; unpublished: StoredEvent[] }> {
    const conditions: SQL[] = [eq(events.organizationId, organizationId), gt(events.eventId, afterId)];
    if (untilId !== undefined) conditions.push(sql`${events.eventId} <= ${untilId}`);
    const rows = await this.database.executor
      .select()
      .from(events)
      .where(and(...conditions))
      .orderBy(asc(events.eventId))
      .limit(limit);
    const stored = rows.map(toStored);
    return { events: stored, unpublished: stored.filter((_event, index) => rows[index]!.publishedAt === null) };
  }

  /** The organization's newest committed event id (0 before its first event). */
  async currentId(organizationId: string): Promise<number> {
    return (await this.currentIds([organizationId])).get(organizationId) ?? 0;
  }

  /** The newest committed event id of each organization asked about. */
  async currentIds(organizationIds: readonly string[]): Promise<Map<string, number>> {
    if (organizationIds.length === 0) return new Map();
    const rows = await this.database.executor
      .select({ id: organizations.id, current: organizations.eventSeq })
      .from(organizations)
      .where(inArray(organizations.id, [...organizationIds]));
    return new Map(rows.map((row) => [row.id, Number(row.current)]));
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
