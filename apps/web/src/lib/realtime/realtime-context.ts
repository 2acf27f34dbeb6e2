import type { RealtimeClient } from '@msched/realtime-client';
import { createContext, useContext } from 'react';

export const RealtimeContext = createContext<RealtimeClient | null>(null);

/** The open real-time client, or null while logged out. */
export const useRealtimeClient = () => useContext(RealtimeContext);
