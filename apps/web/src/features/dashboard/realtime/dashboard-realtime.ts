import { LIST, api } from '@/lib/api';
import { can } from '@/lib/auth/permissions';
import type { RealtimeBinding } from '@/lib/realtime/binding';

/** The figures are asked again at most this often during a burst of changes (one refetch of each, server-cached). */
export const DASHBOARD_REFRESH_MS = 2000;

/**
 * The dashboard follows every change that moves its figures: work orders, bookings,
 * technicians (availability changes capacity) and equipment. Only cached figures are asked
 * again, so this costs nothing while the dashboard is not open.
 */
export const dashboardRealtime: RealtimeBinding = {
  name: 'dashboard',
  // The rooms' own permissions: `workOrders.feed` and `technicians.list`.
  rooms: (user) => (can(user, 'workOrders.feed') && can(user, 'technicians.list') ? ['workorders:all', 'technicians:all'] : []),
  attach({ client, dispatch }) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        dispatch(api.util.invalidateTags([{ type: 'Dashboard', id: LIST }]));
      }, DASHBOARD_REFRESH_MS);
    };
    const offs = [
      client.on('workorder:update', refresh),
      client.on('technician:schedule_update', refresh),
      client.on('technician:update', refresh),
      client.on('equipment:update', refresh),
      client.on('resync_required', refresh),
    ];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  },
};
