import { IsoDateTime, Uuid } from './common';
import { EquipmentStatus, Priority, WorkOrderStatus, WorkOrderType } from './enums';
import type { ScheduleProgressEvent } from './schedules';
import { z } from './zod';

/**
 * The real-time contract (API.md "Real-time"): room names, every payload, and the typed event
 * maps that both the server and `@msched/realtime-client` are written against.
 */

export const STATIC_ROOMS = [
  'system:all',
  'system:presence',
  'system:notifications',
  'workorders:all',
  'workorders:updates',
  'workorders:created',
  'workorders:updated',
  'workorders:deleted',
  'technicians:all',
  'technicians:updates',
  'technicians:schedule',
  'equipment:all',
  'equipment:updates',
  'equipment:status',
] as const;
export type StaticRoom = (typeof STATIC_ROOMS)[number];

export const ROOM_FAMILIES = ['workorder', 'technician', 'equipment', 'user'] as const;
export type RoomFamily = (typeof ROOM_FAMILIES)[number];
export type ObjectRoom = `${RoomFamily}:${string}`;
export type Room = StaticRoom | ObjectRoom;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ParsedRoom = { kind: 'static'; name: StaticRoom } | { kind: 'object'; family: RoomFamily; id: string };

/** Reads a room name; null for anything that is not a room of the contract. Ids are lower-cased. */
export function parseRoom(room: unknown): ParsedRoom | null {
  if (typeof room !== 'string' || room.length > 100) return null;
  if ((STATIC_ROOMS as readonly string[]).includes(room)) return { kind: 'static', name: room as StaticRoom };
  const colon = room.indexOf(':');
  const family = room.slice(0, colon) as RoomFamily;
  const id = room.slice(colon + 1).toLowerCase();
  if (colon < 0 || !(ROOM_FAMILIES as readonly string[]).includes(family) || !UUID_PATTERN.test(id)) return null;
  return { kind: 'object', family, id };
}

export const roomName = (parsed: ParsedRoom): Room => (parsed.kind === 'static' ? parsed.name : `${parsed.family}:${parsed.id}`);

// ---------------------------------------------------------------------------------------------
// Client → server

export const SubscribeRequest = z.object({ rooms: z.array(z.string().max(100)).min(1).max(100) }).strict();
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export const RefusedRoom = z.object({ room: z.string(), reason: z.string() });
export type RefusedRoom = z.infer<typeof RefusedRoom>;

/** `success` is true only when every requested room was joined (or left); refusals are listed. */
export const SubscriptionAck = z.object({
  success: z.boolean(),
  message: z.string(),
  rooms: z.array(z.string()),
  refused: z.array(RefusedRoom),
});
export type SubscriptionAck = z.infer<typeof SubscriptionAck>;

/**
 * Sent after re-subscribing on a new connection. The server replays, in order, the events after
 * `lastEventId` that the socket may see in the rooms it holds, and acknowledges after the last
 * one. Live events of the rooms joined just before may arrive between the subscription and the
 * acknowledgement, ahead of older replayed ones: a client holds what arrives until the
 * acknowledgement and applies it in `eventId` order, dropping ids it has seen.
 */
export const ResumeRequest = z.object({ lastEventId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict();
export type ResumeRequest = z.infer<typeof ResumeRequest>;

/** After the replay: how many events were sent and the id the client is now at. */
export const ResumeAck = z.object({
  success: z.boolean(),
  message: z.string(),
  replayed: z.number().int(),
  lastEventId: z.number().int(),
});
export type ResumeAck = z.infer<typeof ResumeAck>;

export const RenewRequest = z.object({ token: z.string().min(1).max(4096) }).strict();
export type RenewRequest = z.infer<typeof RenewRequest>;

export const RenewAck = z.object({
  success: z.boolean(),
  message: z.string(),
  expiresAt: IsoDateTime.optional(),
  /** Rooms left because the renewed identity may no longer see them. */
  left: z.array(z.string()).optional(),
});
export type RenewAck = z.infer<typeof RenewAck>;

// ---------------------------------------------------------------------------------------------
// Server → client

export const ConnectionConfirm = z.object({
  success: z.literal(true),
  message: z.string(),
  userId: Uuid,
  timestamp: IsoDateTime,
  /** The organization's newest event id when the socket connected: where a fresh client starts. */
  lastEventId: z.number().int(),
});
export type ConnectionConfirm = z.infer<typeof ConnectionConfirm>;

export const REALTIME_ERROR_TYPES = ['authentication_error', 'token_expired', 'validation_error', 'rate_limited'] as const;
export const RealtimeError = z.object({ type: z.enum(REALTIME_ERROR_TYPES), message: z.string() });
export type RealtimeError = z.infer<typeof RealtimeError>;

export const Pong = z.object({ timestamp: IsoDateTime, serverTime: z.number().int() });
export type Pong = z.infer<typeof Pong>;

export const WORK_ORDER_EVENT_TYPES = ['created', 'updated', 'deleted', 'assigned', 'status_change'] as const;
export type WorkOrderEventType = (typeof WORK_ORDER_EVENT_TYPES)[number];

/** The work order as it is after the change; the same for every receiver. */
export const WorkOrderEventData = z.object({
  workOrderNumber: z.string(),
  title: z.string(),
  type: WorkOrderType,
  status: WorkOrderStatus,
  priority: Priority,
  equipmentId: Uuid,
  technicianId: Uuid.nullable(),
  /** The crew's other members (see WorkOrder). */
  crewTechnicianIds: z.array(Uuid),
  requesterId: Uuid.nullable(),
  dueDate: IsoDateTime.nullable(),
  scheduledStartTime: IsoDateTime.nullable(),
  scheduledEndTime: IsoDateTime.nullable(),
  version: z.number().int(),
  updatedAt: IsoDateTime,
  /** status_change */
  oldStatus: WorkOrderStatus.optional(),
  newStatus: WorkOrderStatus.optional(),
  /** assigned: who had it before (null when nobody) and the new technician's name. */
  previousTechnicianId: Uuid.nullable().optional(),
  technicianName: z.string().optional(),
  /** updated: the names of the fields that changed. */
  changedFields: z.array(z.string()).optional(),
});
export type WorkOrderEventData = z.infer<typeof WorkOrderEventData>;

export const WorkOrderUpdateEvent = z.object({
  eventId: z.number().int(),
  eventType: z.enum(WORK_ORDER_EVENT_TYPES),
  workOrderId: Uuid,
  data: WorkOrderEventData,
  timestamp: IsoDateTime,
});
export type WorkOrderUpdateEvent = z.infer<typeof WorkOrderUpdateEvent>;

export const TECHNICIAN_EVENT_TYPES = ['created', 'updated', 'availability_changed'] as const;
export const TechnicianUpdateEvent = z.object({
  eventId: z.number().int(),
  eventType: z.enum(TECHNICIAN_EVENT_TYPES),
  technicianId: Uuid,
  data: z.object({
    employeeId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    active: z.boolean(),
    version: z.number().int(),
  }),
  timestamp: IsoDateTime,
});
export type TechnicianUpdateEvent = z.infer<typeof TechnicianUpdateEvent>;

export const SCHEDULE_CHANGES = ['assigned', 'unassigned', 'rescheduled', 'status_change'] as const;

/**
 * What changed in a technician's schedule: the one booking that was added, moved, removed or
 * whose state changed. Clients refetch `GET /technicians/:id/schedule` for the whole picture.
 */
export const TechnicianScheduleUpdateEvent = z.object({
  eventId: z.number().int(),
  technicianId: Uuid,
  schedule: z.object({
    change: z.enum(SCHEDULE_CHANGES),
    workOrderId: Uuid,
    workOrderNumber: z.string(),
    title: z.string(),
    status: WorkOrderStatus,
    priority: Priority,
    scheduledStartTime: IsoDateTime.nullable(),
    scheduledEndTime: IsoDateTime.nullable(),
  }),
  timestamp: IsoDateTime,
});
export type TechnicianScheduleUpdateEvent = z.infer<typeof TechnicianScheduleUpdateEvent>;

export const EQUIPMENT_EVENT_TYPES = ['created', 'updated', 'deleted', 'status_change'] as const;
export const EquipmentUpdateEvent = z.object({
  eventId: z.number().int(),
  eventType: z.enum(EQUIPMENT_EVENT_TYPES),
  equipmentId: Uuid,
  data: z.object({
    equipmentNumber: z.string(),
    name: z.string(),
    status: EquipmentStatus,
    version: z.number().int(),
    oldStatus: EquipmentStatus.optional(),
    newStatus: EquipmentStatus.optional(),
  }),
  timestamp: IsoDateTime,
});
export type EquipmentUpdateEvent = z.infer<typeof EquipmentUpdateEvent>;

export const NOTIFICATION_TYPES = ['work_order_assigned', 'work_order_status_change', 'equipment_status_change', 'system'] as const;
export const NotificationType = z.enum(NOTIFICATION_TYPES).openapi('NotificationType');
export type NotificationType = z.infer<typeof NotificationType>;

export const Notification = z
  .object({
    id: Uuid,
    type: NotificationType,
    title: z.string(),
    message: z.string(),
    data: z.record(z.string(), z.unknown()),
    workOrderId: Uuid.nullable(),
    equipmentId: Uuid.nullable(),
    readAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
  })
  .openapi('Notification');
export type Notification = z.infer<typeof Notification>;

export const NotificationEvent = Notification.extend({ eventId: z.number().int(), timestamp: IsoDateTime });
export type NotificationEvent = z.infer<typeof NotificationEvent>;

export const PresenceViewer = z.object({ userId: Uuid, name: z.string() });
export type PresenceViewer = z.infer<typeof PresenceViewer>;

/**
 * Counts cover every instance of the organization. Sent to `system:presence`; a copy with
 * `workOrderId` and `viewers` goes to a `workorder:{id}` room when its members change.
 */
export const PresenceUpdate = z.object({
  connectedClients: z.number().int(),
  connectedUsers: z.number().int(),
  timestamp: IsoDateTime,
  workOrderId: Uuid.optional(),
  viewers: z.array(PresenceViewer).optional(),
});
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

export const SYSTEM_MESSAGE_LEVELS = ['info', 'warning', 'critical'] as const;
export const SystemMessageEvent = z.object({
  eventId: z.number().int(),
  message: z.string(),
  level: z.enum(SYSTEM_MESSAGE_LEVELS),
  data: z.record(z.string(), z.unknown()),
  timestamp: IsoDateTime,
});
export type SystemMessageEvent = z.infer<typeof SystemMessageEvent>;

export const ResyncRequired = z.object({
  message: z.string(),
  /** The client's id, and the oldest and newest ids the server still holds. */
  lastEventId: z.number().int(),
  oldestEventId: z.number().int().nullable(),
  currentEventId: z.number().int(),
});
export type ResyncRequired = z.infer<typeof ResyncRequired>;

/** Events that carry an `eventId` (stored in the outbox, resumable). */
export interface DomainEvents {
  'workorder:update': WorkOrderUpdateEvent;
  'technician:update': TechnicianUpdateEvent;
  'technician:schedule_update': TechnicianScheduleUpdateEvent;
  'equipment:update': EquipmentUpdateEvent;
  notification: NotificationEvent;
  'system:message': SystemMessageEvent;
}
export type DomainEventName = keyof DomainEvents;
export const DOMAIN_EVENT_NAMES = [
  'workorder:update',
  'technician:update',
  'technician:schedule_update',
  'equipment:update',
  'notification',
  'system:message',
] as const satisfies readonly DomainEventName[];

type Handler<T> = (payload: T) => void;

/** Everything the server emits, by name (Socket.IO's ServerToClientEvents). */
export interface ServerToClientEvents {
  'connection:confirm': Handler<ConnectionConfirm>;
  error: Handler<RealtimeError>;
  pong: Handler<Pong>;
  'workorder:update': Handler<WorkOrderUpdateEvent>;
  'technician:update': Handler<TechnicianUpdateEvent>;
  'technician:schedule_update': Handler<TechnicianScheduleUpdateEvent>;
  'equipment:update': Handler<EquipmentUpdateEvent>;
  notification: Handler<NotificationEvent>;
  'presence:update': Handler<PresenceUpdate>;
  'system:message': Handler<SystemMessageEvent>;
  resync_required: Handler<ResyncRequired>;
  /** Optimizer progress for the user who started a run (ephemeral: not stored, not resumable). */
  'schedule:progress': Handler<ScheduleProgressEvent>;
}

/** Everything a client may send (Socket.IO's ClientToServerEvents); acks are optional. */
export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack?: (answer: SubscriptionAck) => void) => void;
  unsubscribe: (request: SubscribeRequest, ack?: (answer: SubscriptionAck) => void) => void;
  ping: () => void;
  resume: (request: ResumeRequest, ack?: (answer: ResumeAck) => void) => void;
  reconnect: (request: RenewRequest, ack?: (answer: RenewAck) => void) => void;
}

export const HEARTBEAT = { pingIntervalMs: 25_000, pingTimeoutMs: 60_000 } as const;
export const RECONNECT_BACKOFF = { initialDelayMs: 1_000, maxDelayMs: 30_000 } as const;
