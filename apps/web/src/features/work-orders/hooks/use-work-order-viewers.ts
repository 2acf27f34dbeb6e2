import type { PresenceViewer } from '@msched/contracts';
import { useEffect, useState } from 'react';
import { useRealtimeClient } from '@/lib/realtime/realtime-context';

/**
 * Who else has this work order open. Joining its room is what makes the server count us as a
 * viewer; it then sends the room's members whenever they change.
 */
export function useWorkOrderViewers(workOrderId: string, selfId: string): PresenceViewer[] {
  const client = useRealtimeClient();
  const [viewers, setViewers] = useState<PresenceViewer[]>([]);
  useEffect(() => {
    if (!client) return;
    const room = `workorder:${workOrderId}`;
    const off = client.on('presence:update', (update) => {
      if (update.workOrderId === workOrderId && update.viewers) setViewers(update.viewers);
    });
    void client.subscribe([room]).catch(() => undefined);
    return () => {
      off();
      setViewers([]);
      void client.unsubscribe([room]).catch(() => undefined);
    };
  }, [client, workOrderId]);
  return viewers.filter((viewer) => viewer.userId !== selfId);
}
