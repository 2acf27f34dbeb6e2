import type { AuthUser } from '@msched/contracts';
import type { RealtimeClient } from '@msched/realtime-client';
import type { AppDispatch, RootState } from '../store';

export interface RealtimeBindingContext {
  client: RealtimeClient;
  dispatch: AppDispatch;
  getState: () => RootState;
  user: AuthUser;
}

/**
 * How one feature follows the real-time channel: the rooms it needs for this user, and the
 * handlers that bring its cached data up to date. Returns what stops the handlers.
 */
export interface RealtimeBinding {
  name: string;
  rooms?: (user: AuthUser) => string[];
  attach: (context: RealtimeBindingContext) => () => void;
}
