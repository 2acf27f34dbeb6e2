export { createRealtimeClient } from './client';
export type {
  RealtimeClient,
  RealtimeClientOptions,
  RealtimeSocket,
  RealtimeStatus,
  ServerEventName,
  ServerEventPayload,
  SocketFactory,
} from './types';
export { type BackoffOptions, DEFAULT_BACKOFF } from './backoff';
