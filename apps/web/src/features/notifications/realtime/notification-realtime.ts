import { LIST, api } from '@/lib/api';
import type { RealtimeBinding } from '@/lib/realtime/binding';
import { toastShown } from '@/lib/toasts';

/**
 * Notifications arrive in the user's own room (joined on connect): each one is a toast and
 * refreshes the centre and the unread badge. Broadcasts from an admin are toasts too.
 */
export const notificationRealtime: RealtimeBinding = {
  name: 'notifications',
  attach({ client, dispatch }) {
    const offNotification = client.on('notification', (notification) => {
      dispatch(api.util.invalidateTags([{ type: 'Notification', id: LIST }]));
      dispatch(
        toastShown({
          message: `${notification.title}: ${notification.message}`,
          severity: 'info',
          link: notification.workOrderId ? `/work-orders/${notification.workOrderId}` : undefined,
        }),
      );
    });
    const offSystem = client.on('system:message', (message) =>
      dispatch(
        toastShown({
          message: message.message,
          severity: message.level === 'critical' ? 'error' : message.level === 'warning' ? 'warning' : 'info',
        }),
      ),
    );
    const offResync = client.on('resync_required', () => dispatch(api.util.invalidateTags([{ type: 'Notification', id: LIST }])));
    return () => {
      offNotification();
      offSystem();
      offResync();
    };
  },
};
