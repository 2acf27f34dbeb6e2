import type { DomainEventName, DomainEvents, Room } from '@msched/contracts';
import type { EventScope } from '../auth/access-policy';
import { generationKeys } from '../cache/read-through-cache';

/** Which rooms receive an event, and who among their members may see it. */
export interface Audience {
  rooms: Room[];
  scope: EventScope;
}

/** An event as a service records it: the payload without the id the outbox assigns. */
export type NewDomainEvent = {
  [N in DomainEventName]: { name: N; payload: Omit<DomainEvents[N], 'eventId'>; audience: Audience };
}[DomainEventName];

/** An event as stored and published: one organization's, with its gap-free id. */
export interface StoredEvent {
  organizationId: string;
  eventId: number;
  name: DomainEventName;
  payload: Record<string, unknown>;
  audience: Audience;
  createdAt: string;
}

/** The cache generations a batch of committed events makes stale: its work orders' reads. */
export function generationsChangedBy(events: readonly StoredEvent[]): string[] {
  const generations = new Set<string>();
  for (const event of events) {
    if (event.name !== 'workorder:update') continue;
    generations.add(generationKeys.workOrders(event.organizationId));
    generations.add(generationKeys.workOrder(event.payload['workOrderId'] as string));
  }
  return [...generations];
}
