import type { ServerToClientEvents } from '@msched/contracts';
import type { RealtimeClient, RealtimeStatus } from '@msched/realtime-client';

type AnyHandler = (payload: never) => void;

/** A real-time client whose server is the test: `emit` delivers an event as if it had arrived. */
export function fakeRealtimeClient() {
  const handlers = new Map<string, Set<AnyHandler>>();
  const statusListeners = new Set<(status: RealtimeStatus) => void>();
  const subscribed: string[] = [];
  const client: RealtimeClient & {
    emit<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void;
    subscribed: string[];
  } = {
    status: 'connected',
    lastEventId: undefined,
    rooms: subscribed,
    refusedRooms: [],
    subscribed,
    connect: () => undefined,
    subscribe: async (rooms) => {
      subscribed.push(...rooms);
      return { success: true, message: 'ok', rooms: [...rooms], refused: [] };
    },
    unsubscribe: async (rooms) => ({ success: true, message: 'ok', rooms: [...rooms], refused: [] }),
    ping: async () => ({ timestamp: new Date().toISOString(), serverTime: Date.now() }),
    renewToken: async () => ({ success: true, message: 'ok' }),
    on(event, handler) {
      const set = handlers.get(event) ?? new Set<AnyHandler>();
      handlers.set(event, set);
      set.add(handler as AnyHandler);
      return () => set.delete(handler as AnyHandler);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onRefused: () => () => undefined,
    close: () => undefined,
    emit(event, payload) {
      for (const handler of handlers.get(event) ?? []) (handler as (value: typeof payload) => void)(payload);
    },
  };
  return client;
}
