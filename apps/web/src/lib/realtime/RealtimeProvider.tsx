import { type RealtimeClient, type RealtimeClientOptions, createRealtimeClient } from '@msched/realtime-client';
import { type ReactNode, useEffect, useState } from 'react';
import { useStore } from 'react-redux';
import { selectCurrentUser } from '../auth/auth-slice';
import { freshAccessToken } from '../auth/session';
import { type AppStore, useAppSelector } from '../store';
import type { RealtimeBinding } from './binding';
import { RealtimeContext } from './realtime-context';
import { realtimeStatusChanged } from './realtime-slice';

export type RealtimeClientFactory = (options: RealtimeClientOptions) => RealtimeClient;

interface Props {
  bindings: readonly RealtimeBinding[];
  /** Tests pass a fake; the app uses the real client. */
  createClient?: RealtimeClientFactory;
  children: ReactNode;
}

/**
 * One real-time connection per logged-in user. The client (packages/realtime-client) reconnects
 * with backoff, rejoins rooms and resumes missed events by itself; this wires it to the store:
 * its status for the connection indicator, each feature's binding for the cache.
 */
export function RealtimeProvider({ bindings, createClient = createRealtimeClient, children }: Props) {
  const store = useStore() as AppStore;
  const user = useAppSelector(selectCurrentUser);
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const userId = user?.id;

  useEffect(() => {
    const current = store.getState().auth.user;
    if (!userId || !current) return;
    // The token the server last refused: its account changed (roles, disabled) since it was issued.
    let refused: string | undefined;
    const realtime = createClient({
      url: window.location.origin,
      // WebSocket only: no sticky sessions needed behind a load balancer (see the README).
      transports: ['websocket'],
      getToken: () => freshAccessToken(store, undefined, refused),
    });
    const offError = realtime.on('error', (error) => {
      if (error.type === 'authentication_error') refused = store.getState().auth.accessToken ?? undefined;
    });
    const offStatus = realtime.onStatus((status) => store.dispatch(realtimeStatusChanged(status)));
    store.dispatch(realtimeStatusChanged(realtime.status));
    const detach = bindings.map((binding) =>
      binding.attach({ client: realtime, dispatch: store.dispatch, getState: store.getState, user: current }),
    );
    const rooms = bindings.flatMap((binding) => binding.rooms?.(current) ?? []);
    if (rooms.length > 0) void realtime.subscribe(rooms).catch(() => undefined);
    setClient(realtime);
    return () => {
      for (const stop of detach) stop();
      offError();
      offStatus();
      realtime.close();
      setClient(null);
      store.dispatch(realtimeStatusChanged('idle'));
    };
  }, [userId, store, bindings, createClient]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}
